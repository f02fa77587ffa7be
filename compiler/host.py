"""Host (Python) names: `(import ...)`, `python/` builtins and the JVM class names that
portable Clojure code uses.

Clojure auto-imports java.lang into every namespace; pyjank likewise resolves the JVM names
of runtime/jvm_names.py (`Exception`, `String`, `clojure.lang.IPersistentMap`, deftype classes
by their JVM name, ...) in every namespace, and `(import ...)` finds them before Python modules.
"""

from __future__ import annotations

import builtins
import importlib
from typing import Any

from ..runtime import exceptions as rx
from ..runtime.interfaces import IPersistentVector, ISeq
from ..runtime.jvm_names import lookup as jvm_class
from ..runtime.namespaces import Namespace
from ..runtime.symbols import Symbol


def host_ns_object(ns: Namespace, name: str, default: Any) -> Any:
    """The host object a (possibly dotted) name denotes in `ns`, else `default`."""
    if name == "python":
        return builtins
    found = ns.mappings.get(name)
    if found is not None and not _is_var(found):
        return found
    cls = jvm_class(name)
    if cls is not None:
        return cls
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
        cls = jvm_class(dotted)
        if cls is not None:
            ns.import_host(dotted.rpartition(".")[2], cls)
            return cls
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
        package = str(items[0])
        classes = [jvm_class(f"{package}.{sym.name}") for sym in items[1:]]
        if items[1:] and all(c is not None for c in classes):
            for sym, cls in zip(items[1:], classes, strict=True):
                ns.import_host(sym.name, cls)
            return classes[-1]
        module = importlib.import_module(package)
        obj: Any = module
        for sym in items[1:]:
            obj = getattr(module, sym.name)
            ns.import_host(sym.name, obj)
        if len(items) == 1:
            ns.import_host(str(items[0]), module)
        return obj
    raise rx.IllegalArgumentException(f"Invalid import spec: {spec}")
