"""Metadata and types: `meta`, `with-meta`, `vary-meta`, `alter-meta!`, `reset-meta!`,
`type`, `class`, `instance?`, `cast`."""

from __future__ import annotations

import threading
from typing import Any

from ..exceptions import cast_error, class_name
from ..interfaces import IFn, IMeta, IObj, IReference
from ..symbols import keyword
from .registry import core

_KW_TYPE = keyword(None, "type")
_META_LOCK = threading.RLock()


class MetaFn(IObj, IFn):
    """A Python callable carrying Clojure metadata: what `(with-meta f m)` returns for a fn
    that has no metadata support of its own."""

    __slots__ = ("fn", "_meta", "__weakref__")
    _pyjank_fn = True

    def __init__(self, fn: Any, meta: Any) -> None:
        self.fn = fn
        self._meta = meta

    def __call__(self, *args: Any) -> Any:
        return self.fn(*args)

    def meta(self) -> Any:
        return self._meta

    def with_meta(self, meta: Any) -> MetaFn:
        return MetaFn(self.fn, meta)

    def __repr__(self) -> str:
        return repr(self.fn)


@core("meta")
def meta(x: Any) -> Any:
    """Returns the metadata of obj, returns nil if there is no metadata."""
    if isinstance(x, IMeta):
        return x.meta()
    return None


@core("with-meta")
def with_meta(x: Any, m: Any) -> Any:
    """Returns an object of the same type and value as obj, with map m as its metadata."""
    if isinstance(x, IObj):
        return x.with_meta(m)
    if callable(x) and not isinstance(x, type):
        return MetaFn(x, m)
    raise cast_error(x, "clojure.lang.IObj")


@core("vary-meta")
def vary_meta(x: Any, f: Any, *args: Any) -> Any:
    """Returns an object of the same type and value as obj, with (apply f (meta obj) args) as
    its metadata."""
    return with_meta(x, f(meta(x), *args))


@core("alter-meta!")
def alter_meta(ref: Any, f: Any, *args: Any) -> Any:
    """Atomically sets the metadata for a namespace/var/ref/agent/atom to be: (apply f
    its-current-meta args). f must be free of side-effects"""
    alter = getattr(ref, "alter_meta", None)
    if alter is not None:
        return alter(f, *args)
    if not isinstance(ref, IReference):
        raise cast_error(ref, "clojure.lang.IReference")
    with _META_LOCK:
        return ref.reset_meta(f(ref.meta(), *args))


@core("reset-meta!")
def reset_meta(ref: Any, m: Any) -> Any:
    """Atomically resets the metadata for a namespace/var/ref/agent/atom"""
    if not isinstance(ref, IReference):
        raise cast_error(ref, "clojure.lang.IReference")
    return ref.reset_meta(m)


@core("class")
def class_(x: Any) -> Any:
    """Returns the Class of x (its Python type); nil for nil."""
    return None if x is None else type(x)


@core("type")
def type_(x: Any) -> Any:
    """Returns the :type metadata of x, or its Class if none"""
    m = meta(x)
    if m is not None:
        t = m.val_at(_KW_TYPE, None) if hasattr(m, "val_at") else None
        if t is not None:
            return t
    return class_(x)


@core("instance?")
def is_instance(c: Any, x: Any) -> bool:
    """Evaluates x and tests if it is an instance of the class c. Returns true or false.
    Booleans are not instances of Long/int, as on the JVM (Python's bool subclasses int),
    and nil is not an Object."""
    if not isinstance(c, type):
        if isinstance(c, tuple):
            return isinstance(x, c)
        raise cast_error(c, "java.lang.Class")
    if x is True or x is False:
        return c is bool or c is object
    if x is None:
        return c is type(None)  # nil is no Object
    return isinstance(x, c)


@core("cast")
def cast(c: Any, x: Any) -> Any:
    """Throws a ClassCastException if x is not a c, else returns x."""
    if x is None or is_instance(c, x):
        return x
    raise cast_error(x, class_name(c))
