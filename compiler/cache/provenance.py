"""Which compiled code gave each var its value, so a cached form can tell whether the macros
it expanded are still the ones it was compiled with (design §4).

Running a cached `defmacro` again makes a new fn object, so macro identity cannot be the
test. Instead every run of a compiled unit records the unit as the source of the vars it
defines; a unit has a *stamp* (a digest of what its code was compiled from) and the vars its
code refers to. A var's *token* digests its stamp with the tokens of those vars, transitively: the
token of a macro changes when the macro, or a helper fn it calls while expanding, is
compiled from something else. Vars made by pyjank's Python code get a token from their name
(`seal_builtins`); a var whose value came from anywhere else gets one from the value's
identity, which is valid in this process only (such tokens start with `!`).

Tokens are memoized. The memo is cleared when a var that some memoized token was computed
from gets a different stamp; changes made behind the compiler's back (`alter-var-root` of a
macro's helper) are seen when the memo is next cleared.
"""

from __future__ import annotations

import threading
from typing import Any, Protocol

from ...runtime.namespaces import all_ns
from ...runtime.vars import Var
from .keys import digest

SHARED = b"="
LOCAL = b"!"
"""Tokens and stamps start with SHARED, or with LOCAL when valid in this process only."""


class Source(Protocol):
    """The compiled code a var got its value from (a cache unit)."""

    @property
    def stamp(self) -> bytes: ...

    refs: tuple[Var, ...]


class _Origin:
    __slots__ = ("source", "root")

    def __init__(self, source: Source, root: Any) -> None:
        self.source, self.root = source, root


_origins: dict[Var, _Origin] = {}
_builtins: dict[Var, Any] = {}
_builtin_names: dict[int, tuple[str, Any]] = {}
_builtin_values: dict[str, Any] = {}
_memo: dict[Var, bytes] = {}
_observed: set[Var] = set()
_lock = threading.Lock()


def seal_builtins() -> None:
    """Give every var that exists now (pyjank's Python-made ones, at boot) a token from its
    name, as long as it keeps its value."""
    for ns in all_ns():
        for var in ns.mappings.values():
            if isinstance(var, Var) and var.ns is ns:
                _builtins[var] = var.root
                _builtin_names.setdefault(id(var.root), (repr(var), var.root))
                _builtin_values[repr(var)] = var.root


def builtin_name(x: Any) -> str | None:
    """`#'ns/name` when `x` was that var's value at boot (a core fn as a constant)."""
    found = _builtin_names.get(id(x))
    return found[0] if found is not None and found[1] is x else None


def builtin(name: str) -> Any:
    """The value `builtin_name` named; KeyError."""
    return _builtin_values[name]


def record(var: Var, source: Source) -> None:
    """`var` was just given its value by `source`'s code."""
    old = _origins.get(var)
    _origins[var] = _Origin(source, var.root)
    if (old is None or old.source is not source) and var in _observed:
        with _lock:
            _memo.clear()
            _observed.clear()


def token(var: Var) -> bytes:
    t = _memo.get(var)
    if t is None:
        with _lock:
            t = _token(var, set())
    return t


def _token(var: Var, visiting: set[Var]) -> bytes:
    t = _memo.get(var)
    if t is not None:
        return t
    _observed.add(var)
    origin = _origins.get(var)
    root = var.root
    if origin is None or origin.root is not root:
        if var in _builtins and _builtins[var] is root:
            t = SHARED + digest(f"builtin {var!r}")
        else:
            t = LOCAL + id(root).to_bytes(8, "little")
    elif var in visiting:
        return origin.source.stamp
    else:
        visiting.add(var)
        source = origin.source
        parts = [source.stamp, *(_token(r, visiting) for r in source.refs)]
        local = any(p.startswith(LOCAL) for p in parts)
        t = (LOCAL if local else SHARED) + digest(b"".join(parts))
    _memo[var] = t
    return t
