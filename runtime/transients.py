"""Transient vectors, maps and sets: mutable editions of the persistent collections.

`transient` is O(1) in the size of the collection, as in Clojure: a vector's pyrsistent
pvector and a hash map's or set's HAMT (`immutables.Map`) hand out a C "evolver"/mutation
that copies only the nodes it changes, and `persistent!` freezes it. A transient array map
keeps its keys and values in two lists and becomes a hash map past 8 keys, as Clojure's
TransientArrayMap does, so small maps keep their insertion order. A transient may not be
used after `persistent!` (IllegalAccessError, as in Clojure 1.7+, which no longer ties a
transient to the thread that made it).
"""

from __future__ import annotations

from itertools import islice
from typing import Any

import immutables
from pyrsistent import pvector

from .equality import RAW_KEY_TYPES, box_key, unbox_key
from .exceptions import (
    IllegalArgumentException,
    IllegalStateException,
    IndexOutOfBoundsException,
    cast_error,
    register_class_name,
)
from .interfaces import (
    Counted,
    IFn,
    ILookup,
    IMapEntry,
    Indexed,
    ITransientCollection,
)
from .jvm_names import register_type
from .maps import (
    EMPTY_MAP,
    HASHTABLE_THRESHOLD,
    PersistentArrayMap,
    PersistentHashMap,
)
from .seqs import to_iter
from .sets import PersistentHashSet
from .vectors import EMPTY_VECTOR, APersistentVector, PersistentVector

_NOTHING: Any = object()
_COMPACT_MIN = 64


class IllegalAccessError(Exception):
    """java.lang.IllegalAccessError: a transient used after `persistent!`."""


def _key(k: Any) -> Any:
    return k if type(k) in RAW_KEY_TYPES else box_key(k)


class ATransient(ITransientCollection, Counted, IFn):
    """What the transients share: the editable flag that `persistent!` clears."""

    __slots__ = ("_editable",)

    def __init__(self) -> None:
        self._editable = True

    def _ensure(self) -> None:
        if not self._editable:
            raise IllegalAccessError("Transient used after persistent! call")

    def persistent(self) -> Any:
        self._ensure()
        self._editable = False
        return self._freeze()

    def _freeze(self) -> Any:
        raise NotImplementedError


class TransientVector(ATransient, Indexed, ILookup):
    """The first `_cnt` slots of a pvector evolver (popping only lowers the count)."""

    __slots__ = ("_ev", "_cnt")

    def __init__(self, v: PersistentVector) -> None:
        super().__init__()
        self._ev = v._pv.evolver()
        self._cnt = v._cnt

    def count(self) -> int:
        self._ensure()
        return self._cnt

    def nth(self, i: int, not_found: Any = _NOTHING) -> Any:
        self._ensure()
        if 0 <= i < self._cnt:
            return self._ev[i]
        if not_found is _NOTHING:
            raise IndexOutOfBoundsException("Index out of bounds")
        return not_found

    def val_at(self, k: Any, not_found: Any = None) -> Any:
        self._ensure()
        return self._ev[k] if type(k) is int and 0 <= k < self._cnt else not_found

    def contains_key(self, k: Any) -> bool:
        self._ensure()
        return type(k) is int and 0 <= k < self._cnt

    def __call__(self, i: Any) -> Any:
        if type(i) is not int:
            raise IllegalArgumentException("Key must be integer")
        return self.nth(i)

    def conj(self, x: Any) -> TransientVector:
        self._ensure()
        ev = self._ev
        if self._cnt == len(ev):
            ev.append(x)
        else:
            ev[self._cnt] = x
        self._cnt += 1
        return self

    def assoc(self, i: Any, x: Any) -> TransientVector:
        self._ensure()
        if type(i) is not int:
            raise IllegalArgumentException("Key must be integer")
        if 0 <= i < self._cnt:
            self._ev[i] = x
            return self
        if i == self._cnt:
            return self.conj(x)
        raise IndexOutOfBoundsException("Index out of bounds")

    def pop(self) -> TransientVector:
        self._ensure()
        if self._cnt == 0:
            raise IllegalStateException("Can't pop empty vector")
        self._cnt -= 1
        return self

    def _freeze(self) -> PersistentVector:
        pv, cnt = self._ev.persistent(), self._cnt
        if cnt == 0:
            return EMPTY_VECTOR
        if cnt <= len(pv) >> 1 and len(pv) > _COMPACT_MIN:
            pv = pvector(islice(pv, cnt))  # drop references to the popped elements
        return PersistentVector(pv, cnt)


class TransientMap(ATransient, ILookup):
    """Array mode (`_keys`/`_vals` lists of boxed keys and values, at most 8) until a ninth
    key arrives, then hash mode (`_mm`, an immutables.Map mutation)."""

    __slots__ = ("_keys", "_vals", "_mm")

    def __init__(self, m: PersistentArrayMap | PersistentHashMap) -> None:
        super().__init__()
        if isinstance(m, PersistentArrayMap):
            self._keys: list[Any] | None = list(m._keys)
            self._vals: list[Any] = list(m._vals)
            self._mm: Any = None
        else:
            self._keys = None
            self._vals = []
            self._mm = m._m.mutate()

    def count(self) -> int:
        self._ensure()
        return len(self._mm if self._keys is None else self._keys)

    def val_at(self, k: Any, not_found: Any = None) -> Any:
        self._ensure()
        w = _key(k)
        keys = self._keys
        if keys is None:
            return self._mm.get(w, not_found)
        return self._vals[keys.index(w)] if w in keys else not_found

    def contains_key(self, k: Any) -> bool:
        return self.val_at(k, _NOTHING) is not _NOTHING

    def __call__(self, k: Any, not_found: Any = None) -> Any:
        return self.val_at(k, not_found)

    def assoc(self, k: Any, v: Any) -> TransientMap:
        self._ensure()
        w = _key(k)
        keys = self._keys
        if keys is None:
            self._mm[w] = v
        elif w in keys:
            self._vals[keys.index(w)] = v
        elif len(keys) < HASHTABLE_THRESHOLD:
            keys.append(w)
            self._vals.append(v)
        else:
            self._mm = immutables.Map(zip(keys, self._vals, strict=True)).mutate()
            self._mm[w] = v
            self._keys = None
            self._vals = []
        return self

    def dissoc(self, k: Any) -> TransientMap:
        self._ensure()
        w = _key(k)
        keys = self._keys
        if keys is None:
            if w in self._mm:
                del self._mm[w]
        elif w in keys:
            i = keys.index(w)
            del keys[i]
            del self._vals[i]
        return self

    def conj(self, x: Any) -> TransientMap:
        """`(conj! m [k v])`, a map entry, or a map or seq of entries to merge in."""
        if isinstance(x, APersistentVector):
            if x.count() != 2:
                raise IllegalArgumentException("Vector arg to map conj must be a pair")
            return self.assoc(x.nth(0), x.nth(1))
        for e in to_iter(x):
            if not isinstance(e, IMapEntry):
                raise cast_error(e, "java.util.Map$Entry")
            self.assoc(e.key(), e.val())
        return self

    def _freeze(self) -> Any:
        if self._keys is None:
            return PersistentHashMap(self._mm.finish())
        if not self._keys:
            return EMPTY_MAP
        return PersistentArrayMap(tuple(self._keys), tuple(self._vals))

    def items(self) -> list[tuple[Any, Any]]:
        """The (key, value) pairs, unboxed (for debugging and Python callers)."""
        self._ensure()
        if self._keys is None:
            return [(unbox_key(k), v) for k, v in self._mm.items()]
        return list(zip(map(unbox_key, self._keys), self._vals, strict=True))


class TransientSet(ATransient, ILookup):
    """A mutation of the set's HAMT (boxed element -> element)."""

    __slots__ = ("_mm",)

    def __init__(self, s: PersistentHashSet) -> None:
        super().__init__()
        self._mm = s._m.mutate()

    def count(self) -> int:
        self._ensure()
        return len(self._mm)

    def val_at(self, x: Any, not_found: Any = None) -> Any:
        self._ensure()
        return self._mm.get(_key(x), not_found)

    def contains_key(self, x: Any) -> bool:
        self._ensure()
        return _key(x) in self._mm

    def __call__(self, x: Any, not_found: Any = None) -> Any:
        return self.val_at(x, not_found)

    def conj(self, x: Any) -> TransientSet:
        self._ensure()
        w = _key(x)
        if w not in self._mm:
            self._mm[w] = x
        return self

    def disj(self, x: Any) -> TransientSet:
        self._ensure()
        w = _key(x)
        if w in self._mm:
            del self._mm[w]
        return self

    def _freeze(self) -> PersistentHashSet:
        return PersistentHashSet(self._mm.finish())


def transient(coll: Any) -> ATransient:
    """`transient`: vectors, hash and array maps, hash sets (sorted collections and lists
    are not editable, as in Clojure)."""
    t = type(coll)
    if t is PersistentVector:
        return TransientVector(coll)
    if isinstance(coll, (PersistentArrayMap, PersistentHashMap)):  # reader metadata too
        return TransientMap(coll)
    if t is PersistentHashSet:
        return TransientSet(coll)
    raise cast_error(coll, "clojure.lang.IEditableCollection")


def checked(t: Any, cls: type, jvm_name: str) -> Any:
    """`t` if it is a `cls`, else Clojure's ClassCastException naming `jvm_name`."""
    if isinstance(t, cls):
        return t
    raise cast_error(t, jvm_name)


register_type("IllegalAccessError", IllegalAccessError)  # java.lang names resolve bare too
register_type("java.lang.IllegalAccessError", IllegalAccessError)
for _cls, _name in (
    (TransientVector, "clojure.lang.PersistentVector$TransientVector"),
    (TransientMap, "clojure.lang.ATransientMap"),
    (TransientSet, "clojure.lang.PersistentHashSet$TransientHashSet"),
):
    register_class_name(_cls, _name)
