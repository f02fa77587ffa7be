"""How Python functions become clojure.core vars."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from types import FunctionType
from typing import Any

from ..exceptions import IllegalArgumentException
from ..lists import list_from
from ..maps import hash_map
from ..namespaces import CORE_NS
from ..symbols import Symbol, keyword
from ..vars import Var
from ..vectors import vector

_KW_DOC = keyword(None, "doc")
_KW_NAME = keyword(None, "name")
_KW_NS = keyword(None, "ns")
_KW_ARGLISTS = keyword(None, "arglists")
_KW_FILE = keyword(None, "file")


def intern_fn(
    name: str,
    fn: Any,
    *,
    doc: str | None = None,
    macro: bool = False,
    arglists: Sequence[Sequence[str]] | None = None,
) -> Var:
    """Intern `fn` as `clojure.core/name`, with the metadata tools show (`:doc`, `:ns`,
    `:arglists`: given, or derived from the Python signature)."""

    var = CORE_NS.intern(name)
    var.bind_root(fn)
    if isinstance(fn, FunctionType) and "/" not in fn.__qualname__:
        # Python's own arity errors then name the Clojure fn ("clojure.core/inc() takes...");
        # compiler/diagnostics.py turns them into Clojure's "Wrong number of args" message.
        fn.__qualname__ = f"clojure.core/{name}"
    meta = [_KW_NS, CORE_NS, _KW_NAME, Symbol(None, name), _KW_FILE, "clojure/core.py"]
    doc = doc if doc is not None else getattr(fn, "__doc__", None)
    if doc:
        meta += [_KW_DOC, _clean_doc(doc)]
    if arglists is None and inspect.isroutine(fn):
        arglists = signature_arglists(fn)
    if arglists is not None:
        params = (vector(*(Symbol(None, name) for name in arity)) for arity in arglists)
        meta += [_KW_ARGLISTS, list_from(params)]
    var.reset_meta(hash_map(*meta))
    if macro:
        var.set_macro()
    return var


def core(
    name: str, *, macro: bool = False, arglists: Sequence[Sequence[str]] | None = None
) -> Callable[[Callable], Callable]:
    """Decorator: `@core("map")` interns the function as `clojure.core/map`."""

    def register(fn: Callable) -> Callable:
        intern_fn(name, fn, macro=macro, arglists=arglists)
        return fn

    return register


def keyword_options(options: tuple, *names: str) -> dict[str, Any]:
    """The `:key value` options a fn takes after its arguments (`(agent x :meta m)`), by
    key name; keys other than `names` are ignored."""
    if len(options) % 2:
        raise IllegalArgumentException(f"No value supplied for key: {options[-1]!r}")
    known = {keyword(None, name): name for name in names}
    return {
        known[options[i]]: options[i + 1] for i in range(0, len(options), 2) if options[i] in known
    }


def signature_arglists(fn: Any) -> list[list[str]] | None:
    """Clojure arities from a Python signature: each optional parameter and `*args` (as
    `& args`) makes one more arity, underscores become hyphens: `(f, coll=None, *colls)`
    gives `[f] [f coll] [f coll & colls]`. None when Python cannot tell the signature."""
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    required: list[str] = []
    optional: list[str] = []
    rest: str | None = None
    for p in sig.parameters.values():
        name = p.name.strip("_").replace("_", "-") or p.name
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            (required if p.default is p.empty else optional).append(name)
        elif p.kind is p.VAR_POSITIONAL:
            rest = name
    arities = [required + optional[:i] for i in range(len(optional) + 1)]
    if rest is not None:
        arities.append([*arities[-1], "&", rest])
    return arities


def _clean_doc(doc: str) -> str:
    lines = doc.strip().splitlines()
    if len(lines) <= 1:
        return doc.strip()
    rest = [line[4:] if line.startswith("    ") else line.lstrip() for line in lines[1:]]
    return "\n".join([lines[0], *rest])
