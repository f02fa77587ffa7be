"""Persistent hash sets over the C HAMT `immutables.Map`.

Elements are stored as `boxed key -> original element` (see `equality.box_key`), so
`#{1 true 1.0}` has three elements and iteration reads the originals straight from the
HAMT's values.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import immutables

from .equality import RAW_KEY_TYPES, ValueEquality, box_key, hash_unordered
from .interfaces import IFn, IHashEq, IObj, IPersistentSet
from .lists import repr_coll
from .seqs import IterSeq, to_iter

_NOTHING: Any = object()


class APersistentSet(ValueEquality, IPersistentSet, IObj, IFn, IHashEq):
    """Set behaviour in terms of `contains`, `get`, iteration and `count` (also sorted sets)."""

    __slots__ = ()

    def seq(self) -> IterSeq | None:
        return IterSeq.from_iter(iter(self)) if self.count() else None

    def __len__(self) -> int:
        return self.count()

    def __contains__(self, x: Any) -> bool:
        return self.contains(x)

    def __call__(self, x: Any, not_found: Any = None) -> Any:
        """`(#{:a} :a)` is :a."""
        return self.get(x, not_found)

    def _compute_hash(self) -> int:
        return hash_unordered(self)

    def __repr__(self) -> str:
        return repr_coll("#{", self, "}")


class PersistentHashSet(APersistentSet):
    __slots__ = ("_m", "_meta", "_hash")

    def __init__(self, m: immutables.Map, meta: Any = None) -> None:
        self._m = m
        self._meta = meta

    def count(self) -> int:
        return len(self._m)

    def contains(self, x: Any) -> bool:
        return (x if type(x) in RAW_KEY_TYPES else box_key(x)) in self._m

    def get(self, x: Any, not_found: Any = None) -> Any:
        """The element of the set equal to x (Clojure's `(get s x)`)."""
        return self._m.get(x if type(x) in RAW_KEY_TYPES else box_key(x), not_found)

    def conj(self, x: Any) -> PersistentHashSet:
        w = x if type(x) in RAW_KEY_TYPES else box_key(x)
        m = self._m
        if w in m:
            return self
        return PersistentHashSet(m.set(w, x), self._meta)

    def disj(self, x: Any) -> PersistentHashSet:
        try:
            m = self._m.delete(x if type(x) in RAW_KEY_TYPES else box_key(x))
        except KeyError:
            return self
        return PersistentHashSet(m, self._meta)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._m.values())

    def empty(self) -> PersistentHashSet:
        return EMPTY_SET.with_meta(self._meta)

    def with_meta(self, meta: Any) -> PersistentHashSet:
        if meta is self._meta:
            return self
        return PersistentHashSet(self._m, meta)


EMPTY_SET = PersistentHashSet(immutables.Map())


def set_from(coll: Iterable[Any] | None) -> PersistentHashSet:
    """`(set coll)`: a set of the items of any seqable (duplicates collapse)."""
    with EMPTY_SET._m.mutate() as mm:
        for x in to_iter(coll):
            w = x if type(x) in RAW_KEY_TYPES else box_key(x)
            if w not in mm:
                mm[w] = x
        return PersistentHashSet(mm.finish())


def hash_set(*xs: Any) -> PersistentHashSet:
    """`(hash-set & xs)`."""
    return set_from(xs)
