"""`defrecord` instances: classes with a slot per field plus an extension map, that are maps.

A record equals another record of the same class with equal entries (never a plain map),
hashes as its entries and class name, looks fields up by keyword, and stays a record under
`assoc` of any key or `dissoc` of a non-field key; `dissoc` of a field gives a plain map, as
in Clojure. The per-class parts (`__init__`, `_vals`, the keyword table) are made by
`types.define_type`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import chain
from typing import Any, ClassVar

from .equality import equiv, hash_entries
from .exceptions import class_name
from .interfaces import IHashEq, IObj, IPersistentMap, IRecord
from .maps import EMPTY_MAP, APersistentMap, map_from_pairs
from .symbols import Keyword


class RecordBase(IRecord, IPersistentMap, IObj, IHashEq):
    """The base of every record class (records are maps, but not functions)."""

    __slots__ = ("_meta", "_ext", "_hash")

    _keys: ClassVar[tuple[Keyword, ...]] = ()
    _getters: ClassVar[dict[Keyword, Callable[[Any], Any]]] = {}
    _index: ClassVar[dict[Keyword, int]] = {}

    _meta: Any
    _ext: Any  # None or a non-empty map of the non-field keys
    _hash: int | None

    def _vals(self) -> tuple:
        return ()

    def _with(self, vals: tuple, ext: Any) -> RecordBase:
        return type(self)(*vals, self._meta, ext)

    # -- lookup ----------------------------------------------------------------------------
    def val_at(self, k: Any, not_found: Any = None) -> Any:
        if type(k) is Keyword:
            getter = self._getters.get(k)
            if getter is not None:
                return getter(self)
        ext = self._ext
        return not_found if ext is None else ext.val_at(k, not_found)

    def count(self) -> int:
        ext = self._ext
        return len(self._keys) + (0 if ext is None else ext.count())

    def items(self) -> Iterator[tuple[Any, Any]]:
        fields = zip(self._keys, self._vals(), strict=True)
        return fields if self._ext is None else chain(fields, self._ext.items())

    # -- persistent updates ----------------------------------------------------------------
    def assoc(self, k: Any, v: Any) -> RecordBase:
        i = self._index.get(k) if type(k) is Keyword else None
        if i is None:
            return self._with(self._vals(), (self._ext or EMPTY_MAP).assoc(k, v))
        vals = self._vals()
        if vals[i] is v:
            return self
        return self._with(vals[:i] + (v,) + vals[i + 1 :], self._ext)

    def dissoc(self, k: Any) -> Any:
        if type(k) is Keyword and k in self._index:
            plain = map_from_pairs((kk, v) for kk, v in self.items() if kk is not k)
            return plain.with_meta(self._meta)
        ext = self._ext
        if ext is None or not ext.contains_key(k):
            return self
        ext = ext.dissoc(k)
        return self._with(self._vals(), ext if ext.count() else None)

    def empty(self) -> Any:
        raise TypeError(f"Can't create empty: {class_name(type(self))}")

    def meta(self) -> Any:
        return self._meta

    def with_meta(self, meta: Any) -> RecordBase:
        if meta is self._meta:
            return self
        return type(self)(*self._vals(), meta, self._ext)

    # -- equality --------------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if type(other) is not type(self):
            return False
        assert isinstance(other, RecordBase)
        if not all(equiv(a, b) for a, b in zip(self._vals(), other._vals(), strict=True)):
            return False
        return equiv(self._ext or EMPTY_MAP, other._ext or EMPTY_MAP)

    def __hash__(self) -> int:
        h = self._hash
        if h is None:
            h = self._hash = hash_entries(self.items()) ^ hash(class_name(type(self)))
        return h

    # The map behaviour of APersistentMap, in terms of val_at/items/count/assoc.
    conj = APersistentMap.conj
    contains_key = APersistentMap.contains_key
    entry_at = APersistentMap.entry_at
    seq = APersistentMap.seq
    __iter__ = APersistentMap.__iter__
    keys = APersistentMap.keys
    values = APersistentMap.values
    __len__ = APersistentMap.__len__
    __contains__ = APersistentMap.__contains__
    __getitem__ = APersistentMap.__getitem__

    def __repr__(self) -> str:
        return f"#{class_name(type(self))}{APersistentMap.__repr__(self)}"


__all__ = ["RecordBase"]
