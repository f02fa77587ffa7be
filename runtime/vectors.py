"""Persistent vectors over pyrsistent's C `pvector`, and map entries.

`pvector` appends and updates in O(log32 n) but deletes by copying, so a vector keeps its own
count: `pop` only lowers the count (the slot past the end is reused by the next `conj`), and
the storage is compacted once it is mostly unused, which keeps `pop` amortised O(1).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from pyrsistent import pvector

from .equality import BoxedKey, equiv, hash_ordered
from .exceptions import (
    IllegalArgumentException,
    IllegalStateException,
    IndexOutOfBoundsException,
)
from .interfaces import IFn, IHashEq, IMapEntry, IObj, IPersistentVector
from .lists import repr_coll
from .seqs import ArraySeq, IterSeq, to_iter

_NOTHING: Any = object()
_EMPTY_PV = pvector()
_extend = _EMPTY_PV.extend  # a new pvector of the items (faster than pvector(xs))
_COMPACT_MIN = 64


def _out_of_bounds() -> IndexOutOfBoundsException:
    return IndexOutOfBoundsException("Index out of bounds")


class APersistentVector(IPersistentVector, IObj, IFn, IHashEq):
    """What vectors and map entries share, in terms of `count`, `nth` and iteration."""

    __slots__ = ()

    def val_at(self, k: Any, not_found: Any = None) -> Any:
        if type(k) is int and 0 <= k < self.count():
            return self.nth(k)
        return not_found

    def contains_key(self, k: Any) -> bool:
        return type(k) is int and 0 <= k < self.count()

    def entry_at(self, k: Any) -> MapEntry | None:
        return MapEntry(k, self.nth(k)) if self.contains_key(k) else None

    def peek(self) -> Any:
        n = self.count()
        return self.nth(n - 1) if n else None

    def rseq(self) -> Any:
        return IterSeq.from_iter(reversed(self))

    def __reversed__(self) -> Iterator[Any]:
        return map(self.nth, range(self.count() - 1, -1, -1))

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, i: int) -> Any:
        return self.nth(i)

    def __call__(self, i: Any) -> Any:
        """`([:a :b] 1)` is :b."""
        if type(i) is not int:
            raise IllegalArgumentException("Key must be integer")
        return self.nth(i)

    def __eq__(self, other: object) -> bool:
        return self is other or equiv(self, other)

    def __hash__(self) -> int:
        return hash_ordered(self)

    def __repr__(self) -> str:
        return repr_coll("[", self, "]")


class PersistentVector(APersistentVector):
    """Clojure's vector: the first `_cnt` elements of a pvector."""

    __slots__ = ("_pv", "_cnt", "_meta", "_hash")

    def __init__(self, pv: Any, cnt: int, meta: Any = None) -> None:
        self._pv = pv
        self._cnt = cnt
        self._meta = meta

    def count(self) -> int:
        return self._cnt

    def __len__(self) -> int:
        return self._cnt

    def nth(self, i: int, not_found: Any = _NOTHING) -> Any:
        if 0 <= i < self._cnt:
            return self._pv[i]
        if not_found is _NOTHING:
            raise _out_of_bounds()
        return not_found

    def val_at(self, k: Any, not_found: Any = None) -> Any:
        if type(k) is int and 0 <= k < self._cnt:
            return self._pv[k]
        return not_found

    __getitem__ = nth

    def conj(self, x: Any) -> PersistentVector:
        pv = self._pv
        cnt = self._cnt
        pv = pv.append(x) if cnt == len(pv) else pv.set(cnt, x)
        return PersistentVector(pv, cnt + 1, self._meta)

    def assoc(self, i: Any, v: Any) -> PersistentVector:
        if type(i) is not int:
            raise IllegalArgumentException("Key must be integer")
        cnt = self._cnt
        if 0 <= i < cnt:
            return PersistentVector(self._pv.set(i, v), cnt, self._meta)
        if i == cnt:
            return self.conj(v)
        raise _out_of_bounds()

    def pop(self) -> PersistentVector:
        cnt = self._cnt - 1
        if cnt < 0:
            raise IllegalStateException("Can't pop empty vector")
        pv = self._pv
        if cnt <= len(pv) >> 1 and len(pv) > _COMPACT_MIN:
            pv = _extend(islice(pv, cnt))  # drop references to the popped elements
        return PersistentVector(pv, cnt, self._meta)

    def peek(self) -> Any:
        cnt = self._cnt
        return self._pv[cnt - 1] if cnt else None

    def empty(self) -> PersistentVector:
        return EMPTY_VECTOR.with_meta(self._meta)

    def seq(self) -> ArraySeq | None:
        return ArraySeq(self._pv, 0, self._cnt) if self._cnt else None

    def __iter__(self) -> Iterator[Any]:
        pv = self._pv
        return iter(pv) if self._cnt == len(pv) else islice(pv, self._cnt)

    def meta(self) -> Any:
        return self._meta

    def with_meta(self, meta: Any) -> PersistentVector:
        if meta is self._meta:
            return self
        return PersistentVector(self._pv, self._cnt, meta)

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            h = self._hash = hash_ordered(self)
            return h


class MapEntry(APersistentVector, IMapEntry):
    """A map entry: the 2-vector `[k v]` with `key()` and `val()`.

    Built for every step of a map iteration, so it is two slots rather than a pvector; the
    operations that make a different vector (conj, assoc, pop, metadata) build a real one.
    A key passed in the boxed form maps store (`BoxedKey`) is unboxed, so a map turns its
    stored pairs into entries with no Python loop of its own.
    """

    __slots__ = ("_k", "_v")

    def __init__(self, k: Any, v: Any) -> None:
        self._k = k.k if type(k) is BoxedKey else k
        self._v = v

    def key(self) -> Any:
        return self._k

    def val(self) -> Any:
        return self._v

    def count(self) -> int:
        return 2

    def __len__(self) -> int:
        return 2

    def nth(self, i: int, not_found: Any = _NOTHING) -> Any:
        if i == 0:
            return self._k
        if i == 1:
            return self._v
        if not_found is _NOTHING:
            raise _out_of_bounds()
        return not_found

    def __iter__(self) -> Iterator[Any]:
        return iter((self._k, self._v))

    def seq(self) -> ArraySeq:
        return ArraySeq((self._k, self._v), 0, 2)

    def _vec(self) -> PersistentVector:
        return PersistentVector(_extend((self._k, self._v)), 2)

    def conj(self, x: Any) -> PersistentVector:
        return self._vec().conj(x)

    def assoc(self, i: Any, v: Any) -> PersistentVector:
        return self._vec().assoc(i, v)

    def pop(self) -> PersistentVector:
        return PersistentVector(_extend((self._k,)), 1)

    def empty(self) -> None:
        return None  # as Clojure's MapEntry

    def meta(self) -> None:
        return None

    def with_meta(self, meta: Any) -> PersistentVector:
        return self._vec().with_meta(meta)


EMPTY_VECTOR = PersistentVector(_EMPTY_PV, 0)


def vector(*xs: Any) -> PersistentVector:
    """`(vector & xs)`."""
    return PersistentVector(_extend(xs), len(xs)) if xs else EMPTY_VECTOR


def vec(coll: Iterable[Any] | None) -> PersistentVector:
    """`(vec coll)`: a vector of the items of any seqable (without coll's metadata)."""
    if type(coll) is PersistentVector:
        return coll.with_meta(None)
    pv = _extend(coll if type(coll) in (list, tuple) else to_iter(coll))
    return PersistentVector(pv, len(pv)) if len(pv) else EMPTY_VECTOR
