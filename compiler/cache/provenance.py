"""Which compiled code gave each var its value, so a cached form can tell whether the macros
it expanded are still the ones it was compiled with (design §4).

Running a cached `defmacro` again makes a new fn object, so macro identity cannot be the
test. Instead every run of a compiled unit records, for the vars it defines, the unit's
*stamp* (a digest of what the unit's code was compiled from) and the vars its code refers
to. A var's *token* digests its stamp with the tokens of those vars, transitively: the
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
from typing import Any

from ...runtime.namespaces import all_ns
from ...runtime.vars import Var
from .keys import digest

LOCAL = b"!"
"""The prefix of tokens and stamps that are valid in this process only."""


class _Origin:
    __slots__ = ("stamp", "root", "refs")

    def __init__(self, stamp: bytes, root: Any, refs: tuple[Var, ...]) -> None:
        self.stamp, self.root, self.refs = stamp, root, refs


_origins: dict[Var, _Origin] = {}
_builtins: dict[Var, Any] = {}
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


def record(var: Var, stamp: bytes, refs: tuple[Var, ...]) -> None:
    """`var` was just given its value by code compiled with `stamp`, referring to `refs`."""
    old = _origins.get(var)
    _origins[var] = _Origin(stamp, var.root, refs)
    if (old is None or old.stamp != stamp) and var in _observed:
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
            t = digest(f"builtin {var.ns.name}/{var.sym.name}" if var.ns else "?")
        else:
            t = LOCAL + id(root).to_bytes(8, "little")
    elif var in visiting:
        return origin.stamp
    else:
        visiting.add(var)
        parts = [origin.stamp, *(_token(r, visiting) for r in origin.refs)]
        t = digest(b"".join(parts))
        if any(p.startswith(LOCAL) for p in parts):
            t = LOCAL + t
    _memo[var] = t
    return t
