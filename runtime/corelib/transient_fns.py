"""`transient`, `persistent!` and the bang-ops over runtime/transients.py."""

from __future__ import annotations

from typing import Any

from .. import transients
from ..transients import ATransient, TransientMap, TransientSet, TransientVector, checked
from ..vectors import EMPTY_VECTOR
from .registry import core

_NONE: Any = object()


@core("transient")
def transient(coll: Any) -> ATransient:
    """Returns a new, transient version of the collection, in constant time."""
    return transients.transient(coll)


@core("persistent!")
def persistent(coll: Any) -> Any:
    """Returns a new, persistent version of the transient collection, in constant time. The
    transient collection cannot be used after this call, any such use will throw an
    exception."""
    return checked(coll, ATransient, "clojure.lang.ITransientCollection").persistent()


@core("conj!")
def conj(coll: Any = _NONE, x: Any = _NONE, *xs: Any) -> Any:
    """Adds x to the transient collection, and return coll. The 'addition' may happen at
    different 'places' depending on the concrete type. (conj!) is a transient vector."""
    if coll is _NONE:
        return transients.transient(EMPTY_VECTOR)
    t = checked(coll, ATransient, "clojure.lang.ITransientCollection")
    if x is _NONE:
        return t
    t = t.conj(x)
    for y in xs:
        t = t.conj(y)
    return t


@core("assoc!")
def assoc(coll: Any, key: Any, val: Any, *kvs: Any) -> Any:
    """When applied to a transient map, adds mapping of key(s) to val(s). When applied to a
    transient vector, sets the val at index. Note - index must be <= (count vector).
    Returns coll."""
    t = checked(coll, (TransientMap, TransientVector), "clojure.lang.ITransientAssociative")
    t = t.assoc(key, val)
    for i in range(0, len(kvs), 2):
        t = t.assoc(kvs[i], kvs[i + 1] if i + 1 < len(kvs) else None)
    return t


@core("dissoc!")
def dissoc(m: Any, *ks: Any) -> Any:
    """Returns a transient map that doesn't contain a mapping for key(s)."""
    t = checked(m, TransientMap, "clojure.lang.ITransientMap")
    for k in ks:
        t = t.dissoc(k)
    return t


@core("pop!")
def pop(coll: Any) -> Any:
    """Removes the last item from a transient vector. If the collection is empty, throws an
    exception. Returns coll"""
    return checked(coll, TransientVector, "clojure.lang.ITransientVector").pop()


@core("disj!")
def disj(s: Any, *ks: Any) -> Any:
    """disj[oin]. Returns a transient set of the same (hashed/sorted) type, that does not
    contain key(s)."""
    t = checked(s, TransientSet, "clojure.lang.ITransientSet")
    for k in ks:
        t = t.disj(k)
    return t
