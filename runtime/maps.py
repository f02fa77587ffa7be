"""Persistent maps: small insertion-ordered array maps and HAMT hash maps.

Clojure prints small maps in insertion order and code relies on it, so maps of up to 8
entries are `PersistentArrayMap`s: a tuple of keys and a tuple of values searched linearly
(in C, by `tuple.index`). Adding a ninth key promotes to `PersistentHashMap`, a wrapper over
the C HAMT `immutables.Map`. Both store keys through `equality.box_key`, so `{1 :a, true :b}`
and `{1 :a, 1.0 :b}` keep their two keys, and unbox them when iterating.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import starmap
from typing import Any

import immutables

from .equality import (
    RAW_KEY_TYPES,
    BoxedKey,
    ValueEquality,
    box_key,
    hash_entries,
    unbox_key,
)
from .exceptions import IllegalArgumentException, cast_error
from .interfaces import IFn, IHashEq, IMapEntry, IObj, IPersistentMap
from .lists import repr_coll
from .seqs import IterSeq, to_iter
from .vectors import APersistentVector, MapEntry

_NOTHING: Any = object()
HASHTABLE_THRESHOLD = 8


class APersistentMap(ValueEquality, IPersistentMap, IObj, IFn, IHashEq):
    """Map behaviour in terms of `val_at`, `assoc`, `items` and `count` (also for sorted maps).

    Python protocol: iterating yields MapEntry objects, `m[k]` raises KeyError, `k in m`
    tests keys, and `keys()`/`values()`/`items()` work as on a dict.
    """

    __slots__ = ()

    def conj(self, x: Any) -> Any:
        """`(conj m [k v])`, `(conj m other-map)` or `(conj m seq-of-entries)`."""
        if isinstance(x, APersistentVector):
            if x.count() != 2:
                raise IllegalArgumentException("Vector arg to map conj must be a pair")
            return self.assoc(x.nth(0), x.nth(1))
        if x is None:
            return self
        m = self
        for e in to_iter(x):
            if not isinstance(e, IMapEntry):
                raise cast_error(e, "java.util.Map$Entry")
            m = m.assoc(e.key(), e.val())
        return m

    def contains_key(self, k: Any) -> bool:
        return self.val_at(k, _NOTHING) is not _NOTHING

    def entry_at(self, k: Any) -> MapEntry | None:
        v = self.val_at(k, _NOTHING)
        return None if v is _NOTHING else MapEntry(k, v)

    def seq(self) -> IterSeq | None:
        return IterSeq.from_iter(iter(self)) if self.count() else None

    def __iter__(self) -> Iterator[MapEntry]:
        return starmap(MapEntry, self.items())

    def keys(self) -> Iterator[Any]:
        return (k for k, _ in self.items())

    def values(self) -> Iterator[Any]:
        return (v for _, v in self.items())

    def __len__(self) -> int:
        return self.count()

    def __contains__(self, k: Any) -> bool:
        return self.val_at(k, _NOTHING) is not _NOTHING

    def __getitem__(self, k: Any) -> Any:
        v = self.val_at(k, _NOTHING)
        if v is _NOTHING:
            raise KeyError(k)
        return v

    def __call__(self, k: Any, not_found: Any = None) -> Any:
        """`({:a 1} :a)` is 1."""
        return self.val_at(k, not_found)

    def _compute_hash(self) -> int:
        return hash_entries(self.items())

    def __repr__(self) -> str:
        return repr_coll("{", self.items(), "}", _repr_entry)


def _repr_entry(kv: tuple[Any, Any]) -> str:
    return f"{kv[0]!r} {kv[1]!r}"


class PersistentArrayMap(APersistentMap):
    """A small map: parallel tuples of (boxed) keys and values, in insertion order."""

    __slots__ = ("_keys", "_vals", "_meta", "_hash")

    def __init__(self, keys: tuple, vals: tuple, meta: Any = None) -> None:
        self._keys = keys
        self._vals = vals
        self._meta = meta

    def count(self) -> int:
        return len(self._keys)

    def val_at(self, k: Any, not_found: Any = None) -> Any:
        w = k if type(k) in RAW_KEY_TYPES else box_key(k)
        keys = self._keys
        if w in keys:
            return self._vals[keys.index(w)]
        return not_found

    def contains_key(self, k: Any) -> bool:
        return (k if type(k) in RAW_KEY_TYPES else box_key(k)) in self._keys

    def entry_at(self, k: Any) -> MapEntry | None:
        w = k if type(k) in RAW_KEY_TYPES else box_key(k)
        keys = self._keys
        if w in keys:
            i = keys.index(w)
            return MapEntry(keys[i], self._vals[i])
        return None

    def assoc(self, k: Any, v: Any) -> APersistentMap:
        w = k if type(k) in RAW_KEY_TYPES else box_key(k)
        keys = self._keys
        vals = self._vals
        if w in keys:
            i = keys.index(w)
            if vals[i] is v:
                return self
            return PersistentArrayMap(keys, vals[:i] + (v,) + vals[i + 1 :], self._meta)
        if len(keys) < HASHTABLE_THRESHOLD:
            return PersistentArrayMap(keys + (w,), vals + (v,), self._meta)
        m = immutables.Map(zip(keys, vals, strict=True)).set(w, v)
        return PersistentHashMap(m, self._meta)

    def dissoc(self, k: Any) -> PersistentArrayMap:
        w = k if type(k) in RAW_KEY_TYPES else box_key(k)
        keys = self._keys
        if w not in keys:
            return self
        i = keys.index(w)
        vals = self._vals
        return PersistentArrayMap(keys[:i] + keys[i + 1 :], vals[:i] + vals[i + 1 :], self._meta)

    def items(self) -> Iterator[tuple[Any, Any]]:
        return zip(map(unbox_key, self._keys), self._vals, strict=True)

    def __iter__(self) -> Iterator[MapEntry]:
        return map(MapEntry, self._keys, self._vals)

    def empty(self) -> PersistentArrayMap:
        return EMPTY_MAP.with_meta(self._meta)

    def with_meta(self, meta: Any) -> PersistentArrayMap:
        if meta is self._meta:
            return self
        return PersistentArrayMap(self._keys, self._vals, meta)


class PersistentHashMap(APersistentMap):
    """A map over `immutables.Map` (a C HAMT) with boxed keys."""

    __slots__ = ("_m", "_meta", "_hash")

    def __init__(self, m: immutables.Map, meta: Any = None) -> None:
        self._m = m
        self._meta = meta

    def count(self) -> int:
        return len(self._m)

    def val_at(self, k: Any, not_found: Any = None) -> Any:
        return self._m.get(k if type(k) in RAW_KEY_TYPES else box_key(k), not_found)

    def contains_key(self, k: Any) -> bool:
        return (k if type(k) in RAW_KEY_TYPES else box_key(k)) in self._m

    def assoc(self, k: Any, v: Any) -> PersistentHashMap:
        return PersistentHashMap(
            self._m.set(k if type(k) in RAW_KEY_TYPES else box_key(k), v), self._meta
        )

    def dissoc(self, k: Any) -> PersistentHashMap:
        try:
            m = self._m.delete(k if type(k) in RAW_KEY_TYPES else box_key(k))
        except KeyError:
            return self
        return PersistentHashMap(m, self._meta)

    def items(self) -> Iterator[tuple[Any, Any]]:
        for k, v in self._m.items():
            yield (k.k if type(k) is BoxedKey else k), v

    def __iter__(self) -> Iterator[MapEntry]:
        return starmap(MapEntry, self._m.items())

    def empty(self) -> PersistentArrayMap:
        return EMPTY_MAP.with_meta(self._meta)

    def with_meta(self, meta: Any) -> PersistentHashMap:
        if meta is self._meta:
            return self
        return PersistentHashMap(self._m, meta)


EMPTY_MAP = PersistentArrayMap((), ())
_EMPTY_HAMT = immutables.Map()


def _hash_map_of(pairs: Iterable[tuple[Any, Any]]) -> PersistentHashMap:
    with _EMPTY_HAMT.mutate() as mm:
        for k, v in pairs:
            mm[k if type(k) in RAW_KEY_TYPES else box_key(k)] = v
        return PersistentHashMap(mm.finish())


def _pairs(kvs: tuple) -> Iterator[tuple[Any, Any]]:
    if len(kvs) % 2:
        raise IllegalArgumentException(f"No value supplied for key: {kvs[-1]!r}")
    it = iter(kvs)
    return zip(it, it, strict=True)


def hash_map(*kvs: Any) -> PersistentHashMap:
    """`(hash-map & kvs)`: always a hash map, as in Clojure (later keys win)."""
    return _hash_map_of(_pairs(kvs))


def array_map(*kvs: Any) -> APersistentMap:
    """`(array-map & kvs)`: insertion order at any size, like Clojure (later values win)."""
    keys: list[Any] = []
    vals: list[Any] = []
    for k, v in _pairs(kvs):
        w = k if type(k) in RAW_KEY_TYPES else box_key(k)
        if w in keys:
            vals[keys.index(w)] = v
        else:
            keys.append(w)
            vals.append(v)
    return PersistentArrayMap(tuple(keys), tuple(vals)) if keys else EMPTY_MAP


def map_from_pairs(pairs: Iterable[Any]) -> APersistentMap:
    """A map of (key, value) pairs (tuples or map entries): an array map while small.

    Later pairs win for duplicate keys. This is how map literals and `(into {} ...)`-style
    bulk construction should build maps: insertion order is kept up to 8 entries.
    """
    items = list(pairs)
    if len(items) > HASHTABLE_THRESHOLD:
        m = _hash_map_of(items)
        if len(m) > HASHTABLE_THRESHOLD:
            return m
    result: APersistentMap = EMPTY_MAP
    for k, v in items:
        result = result.assoc(k, v)
    return result
