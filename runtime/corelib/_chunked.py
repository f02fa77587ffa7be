"""Chunked lazy seqs, as Clojure's: a realised Python list of up to 32 items plus the rest.

Clojure's `map`, `filter`, `take`, ... process *chunked* sources (vectors, integer ranges and
their own chunked results) 32 elements at a time, and everything else one element at a time.
pyjank does the same: a stage over a chunked source computes a whole chunk in one Python
loop and returns a `ChunkedCons`, whose rest is a `LazySeq` for the next chunk. Walking or
reducing such a seq iterates the chunk lists directly, so a pipeline over a million
elements allocates ~30 000 objects, not millions, and never recurses (each LazySeq's thunk
returns after one chunk).

Which user-visible effects this has is exactly Clojure's: `(first (map f (range 100)))`
calls `f` 32 times, `(first (map f '(1 2 3)))` once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from itertools import chain, islice
from typing import Any

from ..characters import char
from ..interfaces import IChunkedSeq
from ..lists import EMPTY_LIST, ASeq, EmptyList, PersistentList
from ..rt import count as _rt_count
from ..seqs import ArraySeq, IterSeq, LazySeq, Range, StringSeq, to_iter
from ..seqs import seq as _seq

CHUNK = 32
_END: Any = object()
_from_iter = IterSeq.from_iter


class ChunkedCons(ASeq, IChunkedSeq):
    """Items `chunk[i:]` followed by `more` (any seqable: a LazySeq, another seq, or None).

    The chunk list is never mutated once built; cells made by `next()` share it.
    """

    __slots__ = ("_chunk", "_i", "_more")

    def __init__(self, chunk: list, i: int, more: Any, meta: Any = None) -> None:
        self._chunk = chunk
        self._i = i
        self._more = more
        self._meta = meta

    def first(self) -> Any:
        return self._chunk[self._i]

    def next(self) -> Any:
        i = self._i + 1
        if i < len(self._chunk):
            return ChunkedCons(self._chunk, i, self._more)
        m = self._more
        return None if m is None else m.seq()

    def rest(self) -> Any:
        n = self.next()
        return EMPTY_LIST if n is None else n

    def count(self) -> int:
        n = 0
        s: Any = self
        while s is not None:
            if type(s) is ChunkedCons:
                n += len(s._chunk) - s._i
                m = s._more
                s = None if m is None else m.seq()
                continue
            return n + _rt_count(s)
        return n

    def __iter__(self) -> Iterator[Any]:
        s: Any = self
        while True:
            ch = s._chunk
            i = s._i
            if i:
                yield from islice(ch, i, None)
            else:
                yield from ch
            m = s._more
            if m is None:
                return
            m = m.seq()
            if m is None:
                return
            if type(m) is ChunkedCons:
                s = m
                continue
            yield from m
            return

    def with_meta(self, meta: Any) -> ChunkedCons:
        if meta is self._meta:
            return self
        return ChunkedCons(self._chunk, self._i, self._more, meta)


def iter_parts(coll: Any) -> Iterator[Any]:
    """The items of `coll` as a sequence of iterables: each chunk list of a chunked seq, then
    (for anything else) one iterator. Lets loops like `reduce` run over chunk lists directly
    instead of through a generator per element."""
    s = coll
    if type(s) is LazySeq:
        s = s.seq()
    while type(s) is ChunkedCons:
        i = s._i
        yield s._chunk if i == 0 else islice(s._chunk, i, None)
        m = s._more
        if m is None:
            return
        s = m.seq()
    if s is not None:
        yield to_iter(s)


def chunk_of(s: Any, pure: bool = False) -> tuple[list, Any] | None:
    """Split a realised, non-empty seq into (first chunk as a list, rest as a seqable).

    None when `s` is not chunked. With `pure` (the caller runs no user code on the items, as
    `concat` and `take`), already-realised lists and strings are chunked too: reading them
    ahead is unobservable.
    """
    t = type(s)
    if t is ChunkedCons:
        ch = s._chunk
        i = s._i
        return (ch if i == 0 else ch[i:]), s._more
    if t is ArraySeq:
        arr = s._arr
        i = s._i
        end = s._end
        j = i + CHUNK
        if j >= end:
            return list(arr[i:end]), None
        return list(arr[i:j]), ArraySeq(arr, j, end)
    if t is Range:
        start = s._start
        end = s._end
        step = s._step
        if type(start) is not int or type(step) is not int or step == 0:
            return None
        if end is None:
            stop = start + CHUNK * step
            return list(range(start, stop, step)), Range(stop, None, step)
        if type(end) is not int:
            return None
        r = range(start, end, step)
        if len(r) <= CHUNK:
            return list(r), None
        return list(r[:CHUNK]), Range(r[CHUNK], end, step)
    if pure:
        if t is PersistentList:
            items = []
            cell: Any = s
            while len(items) < CHUNK and type(cell) is PersistentList:
                items.append(cell._first)
                cell = cell._more
            return items, (None if type(cell) is EmptyList else cell)
        if t is StringSeq:
            arr = s._arr
            i = s._i
            end = s._end
            j = min(i + CHUNK, end)
            return [char(c) for c in arr[i:j]], (StringSeq(arr, j, end) if j < end else None)
    return None


# ---------------------------------------------------------------------------------------
# Stages


def stage(
    chunk_fn: Callable[[list, int], list],
    iter_fn: Callable[[Any, int], Iterator[Any]],
    coll: Any,
) -> LazySeq:
    """A lazy seq of `coll` transformed chunk by chunk over chunked sources, else element by
    element: `chunk_fn(items, pos)` maps one source chunk (starting at source position `pos`)
    to its output items; `iter_fn(seq, pos)` iterates the output for a non-chunked rest."""
    return LazySeq(partial(_stage_seq, chunk_fn, iter_fn, coll, 0))


def _stage_seq(chunk_fn: Callable, iter_fn: Callable, coll: Any, pos: int) -> Any:
    s = _seq(coll)
    while s is not None:
        c = chunk_of(s)
        if c is None:
            return _from_iter(iter_fn(s, pos))
        items, rest = c
        out = chunk_fn(items, pos)
        pos += len(items)
        if out:
            return ChunkedCons(out, 0, LazySeq(partial(_stage_seq, chunk_fn, iter_fn, rest, pos)))
        if rest is None:
            return None
        s = rest.seq()
    return None


def take_seq(n: int, coll: Any) -> Any:
    """The seq of the first n items of coll (chunks kept where coll has them)."""
    if n <= 0:
        return None
    s = _seq(coll)
    if s is None:
        return None
    c = chunk_of(s, True)
    if c is None:
        return _from_iter(islice(iter(s), n))
    items, rest = c
    k = len(items)
    if k >= n:
        return ChunkedCons(items[:n] if k > n else items, 0, None)
    if rest is None:
        return ChunkedCons(items, 0, None)
    m = n - k
    return ChunkedCons(items, 0, LazySeq(partial(take_seq, m, rest)))


def drop_seq(n: int, coll: Any) -> Any:
    """The seq of coll without its first n items (skipping whole chunks where it can)."""
    s = _seq(coll)
    while s is not None and n > 0:
        c = chunk_of(s, True)
        if c is None:
            while s is not None and n > 0:
                s = s.next()
                n -= 1
            return s
        items, rest = c
        k = len(items)
        if k > n:
            return ChunkedCons(items, n, rest)
        n -= k
        s = None if rest is None else rest.seq()
    return s


def take_while_seq(pred: Callable, coll: Any) -> Any:
    s = _seq(coll)
    if s is None:
        return None
    c = chunk_of(s)
    if c is None:
        return _from_iter(_take_while_iter(pred, s))
    items, rest = c
    for k, x in enumerate(items):
        r = pred(x)
        if r is None or r is False:
            return ChunkedCons(items[:k], 0, None) if k else None
    if rest is None:
        return ChunkedCons(items, 0, None)
    return ChunkedCons(items, 0, LazySeq(partial(take_while_seq, pred, rest)))


def _take_while_iter(pred: Callable, s: Any) -> Iterator[Any]:
    for x in s:
        r = pred(x)
        if r is None or r is False:
            return
        yield x


def drop_while_seq(pred: Callable, coll: Any) -> Any:
    s = _seq(coll)
    while s is not None:
        c = chunk_of(s)
        if c is None:
            while s is not None:
                r = pred(s.first())
                if r is None or r is False:
                    return s
                s = s.next()
            return None
        items, rest = c
        for k, x in enumerate(items):
            r = pred(x)
            if r is None or r is False:
                return ChunkedCons(items, k, rest)
        s = None if rest is None else rest.seq()
    return None


def cat_seq(pending: Any, colls: Any) -> Any:
    """Concatenation of `pending` (a seqable or None) and the seqables in the seq `colls`.

    Works on persistent seqs only (no shared iterator), so a step that raises can be re-run,
    as Clojure's lazy seqs are.
    """
    while True:
        if pending is None:
            if colls is None:
                return None
            pending = colls.first()
            colls = colls.next()
        s = _seq(pending)
        if s is None:
            pending = None
            continue
        if colls is None:
            # The last collection is the tail as it is (as Clojure's concat): re-wrapping it
            # would make nested concats quadratic.
            return s
        c = chunk_of(s, True)
        if c is None:
            tail = () if colls is None else colls
            return _from_iter(chain(iter(s), chain.from_iterable(map(to_iter, tail))))
        items, rest = c
        return ChunkedCons(items, 0, LazySeq(partial(cat_seq, rest, colls)))


def chunked_from_iter(it: Iterator[Any]) -> Any:
    """A chunked seq over a Python iterator, pulling 32 items per chunk (as Clojure's
    `sequence` with a transducer does)."""
    items = list(islice(it, CHUNK))
    if not items:
        return None
    if len(items) < CHUNK:
        return ChunkedCons(items, 0, None)
    return ChunkedCons(items, 0, LazySeq(partial(chunked_from_iter, it)))
