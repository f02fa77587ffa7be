"""How Python functions become clojure.core vars."""

from __future__ import annotations

from collections.abc import Callable
from types import FunctionType
from typing import Any

from ..maps import hash_map
from ..namespaces import CORE_NS
from ..symbols import keyword
from ..vars import Var

_KW_DOC = keyword(None, "doc")
_KW_NAME = keyword(None, "name")
_KW_NS = keyword(None, "ns")
_KW_ARGLISTS = keyword(None, "arglists")
_KW_FILE = keyword(None, "file")


def intern_fn(name: str, fn: Any, *, doc: str | None = None, macro: bool = False) -> Var:
    """Intern `fn` as `clojure.core/name`, with the metadata tools show (`:doc`, `:ns`)."""
    from ..symbols import Symbol

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
    var.reset_meta(hash_map(*meta))
    if macro:
        var.set_macro()
    return var


def core(name: str, *, macro: bool = False) -> Callable[[Callable], Callable]:
    """Decorator: `@core("map")` interns the function as `clojure.core/map`."""

    def register(fn: Callable) -> Callable:
        intern_fn(name, fn, macro=macro)
        return fn

    return register


def _clean_doc(doc: str) -> str:
    lines = doc.strip().splitlines()
    if len(lines) <= 1:
        return doc.strip()
    rest = [line[4:] if line.startswith("    ") else line.lstrip() for line in lines[1:]]
    return "\n".join([lines[0], *rest])
