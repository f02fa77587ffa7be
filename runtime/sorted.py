"""Sorted maps and sets: persistent B+ trees ordered by a Clojure comparator.

A tree of height 0 is one leaf, a sorted tuple searched by bisection, which is all most
sorted collections ever are. Larger ones split into leaves of at most `_MAX` keys under
internal nodes holding each child's first key, so an update copies one short tuple per
level. Nodes are plain tuples: a leaf is `(keys, vals)` (`vals` None for sets), an internal
node `(first_keys, children)`; every leaf sits at the same depth, the tree's height.

Ordering: the default comparator is `equality.compare`. When a key is a number, string,
keyword, symbol or char, the search first tries Python's `<` (which agrees with `compare`
on those types) through the C `bisect`, and falls back to `compare` when Python cannot
order the pair (nil, mixed types: the fallback raises ClassCastException as Clojure does).
A user comparator is a 2-argument fn returning a number or a boolean "less than", as
`sorted-map-by` and `sort` accept.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from itertools import starmap
from typing import Any

from .characters import Char
from .equality import compare
from .interfaces import Reversible, Sorted
from .maps import APersistentMap, _pairs
from .seqs import IterSeq
from .sets import APersistentSet
from .symbols import Keyword, Symbol
from .vectors import MapEntry

_MAX = 64  # keys per node before it splits
_MIN = _MAX // 4  # a node this small after a removal merges with a neighbour
_NOTHING: Any = object()

_NATIVE = frozenset((int, float, str, Fraction, Decimal, Keyword, Symbol, Char))

Node = tuple  # (keys, vals | None) for leaves, (first_keys, children) for internal nodes


def _fn_comparator(fn: Callable[[Any, Any], Any]) -> Callable[[Any, Any], int]:
    """Adapt a Clojure comparator fn (number or boolean result) to a 3-way int."""

    def cmp(a: Any, b: Any) -> int:
        r = fn(a, b)
        if r is True:
            return -1
        if r is False or r is None:
            return 1 if fn(b, a) else 0
        return r if type(r) is int else int(r)  # Java's intValue() truncation

    return cmp


class _Order:
    """A comparator and the search it implies; shared by every version of one collection."""

    __slots__ = ("fn", "cmp", "native")

    def __init__(self, fn: Callable[[Any, Any], Any] | None) -> None:
        self.fn = fn
        self.cmp = compare if fn is None else _fn_comparator(fn)
        self.native = fn is None

    def search(self, keys: tuple, k: Any) -> tuple[int, bool]:
        """(i, found): keys[i] is k (found) or the first key after it."""
        if self.native and type(k) in _NATIVE:
            try:
                i = bisect_left(keys, k)
                return i, i < len(keys) and not k < keys[i]
            except (TypeError, AttributeError):
                pass  # not orderable by Python: let compare decide (nil) or complain
        cmp = self.cmp
        lo = 0
        hi = len(keys)
        while lo < hi:
            mid = (lo + hi) >> 1
            c = cmp(keys[mid], k)
            if c < 0:
                lo = mid + 1
            elif c > 0:
                hi = mid
            else:
                return mid, True
        return lo, False


_DEFAULT_ORDER = _Order(None)


# ---------------------------------------------------------------------------------------
# B+ tree operations (pure functions over node tuples)


def _split(a: tuple, b: tuple | None) -> tuple[Node, ...]:
    """The node (a, b) as one node, or two halves when it is over-full."""
    if len(a) <= _MAX:
        return ((a, b),)
    h = len(a) >> 1
    if b is None:
        return ((a[:h], None), (a[h:], None))
    return ((a[:h], b[:h]), (a[h:], b[h:]))


def _firsts(nodes: tuple[Node, ...]) -> tuple:
    return tuple(n[0][0] for n in nodes)


def _child_index(i: int, found: bool) -> int:
    """The child to descend into: the last whose first key is <= the key sought."""
    return i if found or not i else i - 1


def _lookup(root: Node, height: int, k: Any, search: Callable) -> tuple[Node, int, bool]:
    node = root
    while height:
        i, found = search(node[0], k)
        node = node[1][_child_index(i, found)]
        height -= 1
    i, found = search(node[0], k)
    return node, i, found


def _insert(
    node: Node, height: int, k: Any, v: Any, search: Callable
) -> tuple[tuple[Node, ...] | None, bool]:
    """(replacement nodes, key added); None for no change (key present, same value)."""
    a, b = node
    i, found = search(a, k)
    if not height:
        if found:
            if b is None or b[i] is v:
                return None, False
            return ((a, b[:i] + (v,) + b[i + 1 :]),), False  # keeps the existing key
        vals = None if b is None else b[:i] + (v,) + b[i:]
        return _split(a[:i] + (k,) + a[i:], vals), True
    i = _child_index(i, found)
    parts, added = _insert(b[i], height - 1, k, v, search)
    if parts is None:
        return None, False
    if len(parts) == 1:  # the common case: no split below, so none here either
        first = parts[0][0][0]
        firsts = a if first is a[i] else a[:i] + (first,) + a[i + 1 :]
        return ((firsts, b[:i] + parts + b[i + 1 :]),), added
    return _split(a[:i] + _firsts(parts) + a[i + 1 :], b[:i] + parts + b[i + 1 :]), added


def _join(x: Node, y: Node) -> tuple[Node, ...]:
    return _split(x[0] + y[0], None if x[1] is None else x[1] + y[1])


def _delete(node: Node, height: int, k: Any, search: Callable) -> Node:
    """The node without k (an empty leaf once nothing is left); `node` itself if k is absent."""
    a, b = node
    i, found = search(a, k)
    if not height:
        if not found:
            return node
        return (a[:i] + a[i + 1 :], None if b is None else b[:i] + b[i + 1 :])
    if not found and not i:
        return node  # before the first key
    i = _child_index(i, found)
    child = b[i]
    new = _delete(child, height - 1, k, search)
    if new is child:
        return node
    if not new[0]:
        if len(b) == 1:
            return new
        return (a[:i] + a[i + 1 :], b[:i] + b[i + 1 :])
    if len(new[0]) < _MIN and len(b) > 1:
        j = i - 1 if i else i  # merge children j and j + 1
        pair = (b[j], new) if j < i else (new, b[j + 1])
        parts = _join(*pair)
        return (a[:j] + _firsts(parts) + a[j + 2 :], b[:j] + parts + b[j + 2 :])
    return (a[:i] + (new[0][0],) + a[i + 1 :], b[:i] + (new,) + b[i + 1 :])


def _leaves(
    root: Node, height: int, reverse: bool, start: Any = _NOTHING, search: Callable | None = None
) -> Iterator[tuple[Node, int]]:
    """Yield (leaf, first index to read) in order, from the start key's position if given.

    Iterative: one iterator over the remaining children per level.
    """
    stack: list[Iterator[Node]] = []
    node = root
    for _ in range(height):
        kids = node[1]
        if start is _NOTHING:
            ci = len(kids) - 1 if reverse else 0
        else:
            ci = _child_index(*search(node[0], start))
        stack.append(reversed(kids[:ci]) if reverse else iter(kids[ci + 1 :]))
        node = kids[ci]
    keys = node[0]
    if start is _NOTHING:
        i = len(keys) - 1 if reverse else 0
    else:
        i, found = search(keys, start)
        if reverse and not found:
            i -= 1
    yield node, i
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        while len(stack) < height:
            it = reversed(node[1]) if reverse else iter(node[1])
            node = next(it)
            stack.append(it)
        yield node, len(node[0]) - 1 if reverse else 0


def _items(
    root: Node, height: int, reverse: bool, start: Any = _NOTHING, search: Callable | None = None
) -> Iterator[tuple[Any, Any]]:
    for (keys, vals), i in _leaves(root, height, reverse, start, search):
        if reverse:
            yield from zip(reversed(keys[: i + 1]), reversed(vals[: i + 1]), strict=True)
        else:
            yield from zip(keys[i:], vals[i:], strict=True)


def _keys(
    root: Node, height: int, reverse: bool, start: Any = _NOTHING, search: Callable | None = None
) -> Iterator[Any]:
    for (keys, _), i in _leaves(root, height, reverse, start, search):
        yield from (reversed(keys[: i + 1]) if reverse else keys[i:])


class _SortedColl(Sorted, Reversible):
    """A version of a sorted map or set: the tree's root, height, count and order.

    The B+ tree operations are shared here; the subclasses say what a version holds
    (entries or elements) through `_iter`, `entry_key` and `_EMPTY_LEAF`.
    """

    __slots__ = ("_root", "_height", "_cnt", "_order", "_meta", "_hash")
    _EMPTY_LEAF: Node

    def __init__(self, root: Node, height: int, cnt: int, order: _Order, meta: Any = None) -> None:
        self._root = root
        self._height = height
        self._cnt = cnt
        self._order = order
        self._meta = meta

    def _find(self, k: Any) -> tuple[Node, int, bool]:
        return _lookup(self._root, self._height, k, self._order.search)

    def _put(self, k: Any, v: Any) -> Any:
        parts, added = _insert(self._root, self._height, k, v, self._order.search)
        if parts is None:
            return self
        height = self._height
        if len(parts) == 1:
            root = parts[0]
        else:
            root = (_firsts(parts), parts)
            height += 1
        return type(self)(root, height, self._cnt + added, self._order, self._meta)

    def _remove(self, k: Any) -> Any:
        root = _delete(self._root, self._height, k, self._order.search)
        if root is self._root:
            return self
        height = self._height if root[0] else 0
        while height and len(root[1]) == 1:
            root = root[1][0]
            height -= 1
        return type(self)(root, height, self._cnt - 1, self._order, self._meta)

    def comparator(self) -> Callable[[Any, Any], Any]:
        fn = self._order.fn
        return compare if fn is None else fn

    def count(self) -> int:
        return self._cnt

    def seq(self, ascending: bool = True) -> IterSeq | None:
        return IterSeq.from_iter(self._iter(not ascending)) if self._cnt else None

    def rseq(self) -> IterSeq | None:
        return self.seq(False)

    def seq_from(self, key: Any, ascending: bool = True) -> IterSeq | None:
        """The seq from `key` on: at or after it (at or before it when descending)."""
        return IterSeq.from_iter(self._iter(not ascending, key)) if self._cnt else None

    def __iter__(self) -> Iterator[Any]:
        return self._iter(False)

    def __reversed__(self) -> Iterator[Any]:
        return self._iter(True)

    def empty(self) -> Any:
        return type(self)(self._EMPTY_LEAF, 0, 0, self._order, self._meta)

    def meta(self) -> Any:
        return self._meta

    def with_meta(self, meta: Any) -> Any:
        if meta is self._meta:
            return self
        return type(self)(self._root, self._height, self._cnt, self._order, meta)


class PersistentTreeMap(_SortedColl, APersistentMap):
    """`(sorted-map ...)` / `(sorted-map-by cmp ...)`."""

    __slots__ = ()
    _EMPTY_LEAF = ((), ())

    def entry_key(self, entry: MapEntry) -> Any:
        return entry.key()

    def val_at(self, k: Any, not_found: Any = None) -> Any:
        node, i, found = self._find(k)
        return node[1][i] if found else not_found

    def entry_at(self, k: Any) -> MapEntry | None:
        node, i, found = self._find(k)
        return MapEntry(node[0][i], node[1][i]) if found else None

    def assoc(self, k: Any, v: Any) -> PersistentTreeMap:
        return self._put(k, v)

    def dissoc(self, k: Any) -> PersistentTreeMap:
        return self._remove(k)

    def items(self) -> Iterator[tuple[Any, Any]]:
        return _items(self._root, self._height, False)

    def _iter(self, reverse: bool, start: Any = _NOTHING) -> Iterator[MapEntry]:
        items = _items(self._root, self._height, reverse, start, self._order.search)
        return starmap(MapEntry, items)


class PersistentTreeSet(_SortedColl, APersistentSet):
    """`(sorted-set ...)` / `(sorted-set-by cmp ...)`."""

    __slots__ = ()
    _EMPTY_LEAF = ((), None)

    def entry_key(self, entry: Any) -> Any:
        return entry

    def contains(self, x: Any) -> bool:
        return self._find(x)[2]

    def get(self, x: Any, not_found: Any = None) -> Any:
        node, i, found = self._find(x)
        return node[0][i] if found else not_found

    def conj(self, x: Any) -> PersistentTreeSet:
        return self._put(x, None)

    def disj(self, x: Any) -> PersistentTreeSet:
        return self._remove(x)

    def _iter(self, reverse: bool, start: Any = _NOTHING) -> Iterator[Any]:
        return _keys(self._root, self._height, reverse, start, self._order.search)


def _order(comparator: Callable | None) -> _Order:
    return _DEFAULT_ORDER if comparator is None or comparator is compare else _Order(comparator)


def sorted_map_by(comparator: Callable[[Any, Any], Any] | None, *kvs: Any) -> PersistentTreeMap:
    """`(sorted-map-by comparator & kvs)`; later values win."""
    m = PersistentTreeMap(PersistentTreeMap._EMPTY_LEAF, 0, 0, _order(comparator))
    for k, v in _pairs(kvs):
        m = m.assoc(k, v)
    return m


def sorted_map(*kvs: Any) -> PersistentTreeMap:
    """`(sorted-map & kvs)`."""
    return sorted_map_by(None, *kvs)


def sorted_set_by(comparator: Callable[[Any, Any], Any] | None, *xs: Any) -> PersistentTreeSet:
    """`(sorted-set-by comparator & xs)`."""
    s = PersistentTreeSet(PersistentTreeSet._EMPTY_LEAF, 0, 0, _order(comparator))
    for x in xs:
        s = s.conj(x)
    return s


def sorted_set(*xs: Any) -> PersistentTreeSet:
    """`(sorted-set & xs)`."""
    return sorted_set_by(None, *xs)


# ---------------------------------------------------------------------------------------
# subseq / rsubseq


def _is_lower_bound(test: Callable[[Any, Any], Any]) -> bool:
    """`>` and `>=` bound from below, `<` and `<=` from above (told apart by behaviour)."""
    return bool(test(1, 0))


def _bound(sc: Any, test: Callable[[Any, Any], Any], key: Any) -> Callable[[Any], bool]:
    cmp = sc._order.cmp
    entry_key = sc.entry_key
    return lambda e: bool(test(cmp(entry_key(e), key), 0))


def _take_while(pred: Callable[[Any], bool], s: Any) -> IterSeq | None:
    def gen() -> Iterator[Any]:
        for x in s:
            if not pred(x):
                return
            yield x

    return IterSeq.from_iter(gen())


def _seq_from_bound(sc: Any, test: Callable, key: Any, ascending: bool) -> Any:
    """The seq from key (dropping key itself if the test excludes it)."""
    s = sc.seq_from(key, ascending)
    if s is not None and not _bound(sc, test, key)(s.first()):
        s = s.next()
    return s


def subseq(
    sc: Any, test: Callable, key: Any, end_test: Callable | None = None, end_key: Any = None
) -> Any:
    """`(subseq sc test key)` / `(subseq sc start-test start-key end-test end-key)`.

    Tests are Clojure's `<`, `<=`, `>`, `>=` (any 2-argument predicate with their meaning).
    """
    if end_test is not None:
        s = _seq_from_bound(sc, test, key, True)
        return None if s is None else _take_while(_bound(sc, end_test, end_key), s)
    if _is_lower_bound(test):
        return _seq_from_bound(sc, test, key, True)
    s = sc.seq()
    return None if s is None else _take_while(_bound(sc, test, key), s)


def rsubseq(
    sc: Any, test: Callable, key: Any, end_test: Callable | None = None, end_key: Any = None
) -> Any:
    """`(rsubseq sc test key)` / `(rsubseq sc start-test start-key end-test end-key)`."""
    if end_test is not None:
        s = _seq_from_bound(sc, end_test, end_key, False)
        return None if s is None else _take_while(_bound(sc, test, key), s)
    if not _is_lower_bound(test):
        return _seq_from_bound(sc, test, key, False)
    s = sc.seq(False)
    return None if s is None else _take_while(_bound(sc, test, key), s)


__all__ = [
    "PersistentTreeMap",
    "PersistentTreeSet",
    "rsubseq",
    "sorted_map",
    "sorted_map_by",
    "sorted_set",
    "sorted_set_by",
    "subseq",
]
