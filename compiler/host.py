"""Host (Python) names: `(import ...)`, `python/` builtins and the JVM class names that
portable Clojure code uses.

Clojure auto-imports java.lang into every namespace; pyjank likewise resolves a fixed set of
JVM names (`Exception`, `String`, ...) in every namespace to their Python equivalents.
"""

from __future__ import annotations

import builtins
import importlib
from typing import Any

from ..runtime import exceptions as rx
from ..runtime.interfaces import IPersistentVector, ISeq
from ..runtime.namespaces import Namespace
from ..runtime.symbols import Symbol
from ..runtime.vars import IllegalStateException

DEFAULT_IMPORTS: dict[str, Any] = {
    "Exception": Exception,
    "Throwable": BaseException,
    "Error": Exception,
    "RuntimeException": Exception,
    "IllegalArgumentException": rx.IllegalArgumentException,
    "IllegalStateException": IllegalStateException,
    "ArithmeticException": rx.ArithmeticException,
    "ClassCastException": rx.ClassCastException,
    "IndexOutOfBoundsException": rx.IndexOutOfBoundsException,
    "clojure.lang.ExceptionInfo": rx.ExceptionInfo,
    "ExceptionInfo": rx.ExceptionInfo,
    "clojure.lang.ArityException": rx.ArityException,
    "String": str,
    "Object": object,
    "Long": int,
    "Integer": int,
    "Double": float,
    "Boolean": bool,
}


def host_ns_object(ns: Namespace, name: str, default: Any) -> Any:
    """The host object a (possibly dotted) name denotes in `ns`, else `default`."""
    if name == "python":
        return builtins
    found = ns.mappings.get(name)
    if found is not None and not _is_var(found):
        return found
    if name in DEFAULT_IMPORTS:
        return DEFAULT_IMPORTS[name]
    head, dot, attr = name.rpartition(".")
    if dot and head:
        owner = host_ns_object(ns, head, None)
        if owner is not None and hasattr(owner, attr):
            return getattr(owner, attr)
    return default


def _is_var(x: Any) -> bool:
    from ..runtime.vars import Var

    return isinstance(x, Var)


def import_python(ns: Namespace, spec: Any) -> Any:
    """One `(import ...)` spec: a dotted symbol (module, or module.Class) or a vector/list
    `[module Name ...]`. Maps the imported objects into `ns`; returns the last one."""
    if isinstance(spec, Symbol):
        dotted = str(spec)
        try:
            module = importlib.import_module(dotted)
        except ImportError:
            parent, _, attr = dotted.rpartition(".")
            if not parent:
                raise
            obj = getattr(importlib.import_module(parent), attr)
            ns.import_host(attr, obj)
            ns.import_host(dotted, obj)
            return obj
        ns.import_host(dotted, module)
        return module
    if isinstance(spec, (IPersistentVector, ISeq)):
        items = list(spec)
        if not items or not isinstance(items[0], Symbol):
            raise rx.IllegalArgumentException(f"Invalid import spec: {spec}")
        module = importlib.import_module(str(items[0]))
        obj: Any = module
        for sym in items[1:]:
            obj = getattr(module, sym.name)
            ns.import_host(sym.name, obj)
        if len(items) == 1:
            ns.import_host(str(items[0]), module)
        return obj
    raise rx.IllegalArgumentException(f"Invalid import spec: {spec}")
