"""The seq abstraction: lazy seqs, seqs over Python sequences and iterables, ranges.

`seq(x)` turns anything seqable into an ISeq (or None when empty): runtime collections
answer their own `seq()`, Python lists/tuples and strings get index-based `ArraySeq` /
`StringSeq` (strings yield `Char`s), and any other iterable is pulled lazily through a
cached `IterSeq`. All walking is iterative (see `ASeq.__iter__`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from itertools import chain, count, islice, starmap
from typing import Any

from .characters import char
from .exceptions import IllegalArgumentException, IndexOutOfBoundsException, class_name
from .interfaces import Indexed, IPending, ISeq, Seqable
from .lists import EMPTY_LIST, ASeq, Cons, PersistentList

__all__ = [
    "ArraySeq",
    "Cons",
    "IterSeq",
    "Iterate",
    "LazySeq",
    "Range",
    "StringSeq",
    "concat",
    "cons",
    "iterate",
    "lazy_seq",
    "range_",
    "seq",
    "to_iter",
]

_UNSET: Any = object()
_CLAIMED: Any = object()
_END: Any = object()


# ---------------------------------------------------------------------------------------
# LazySeq

# Claiming a thunk takes one global lock for a few bytecodes (the thunk runs outside it);
# completion takes no lock. A thread that finds a thunk claimed by another thread waits on
# the condition, re-checking on a short timeout because completion does not hold the lock
# while it decides whether anybody is waiting.
_lock = threading.Lock()
_acquire = _lock.acquire
_release = _lock.release
_realised = threading.Condition(_lock)
_waiting = 0
_get_ident = threading.get_ident


def _wake_waiters() -> None:
    with _lock:
        _realised.notify_all()


class LazySeq(ASeq, IPending):
    """`(lazy-seq ...)`: runs its thunk once, on first use, and caches the seq it yields.

    The thunk may return anything seqable, including another LazySeq; chains of lazy seqs
    are unwrapped in a loop. Concurrent first uses run the thunk once (the others wait); a
    thunk that raises leaves the seq unrealised, as in Clojure.
    """

    __slots__ = ("_fn", "_sv", "_s", "_owner")

    def __init__(self, fn: Callable[[], Any] | None, meta: Any = None) -> None:
        self._fn = fn  # the thunk, _CLAIMED while it runs, None once it returned
        self._sv = None  # the thunk's raw result, until unwrapped into _s
        self._s = _UNSET
        self._meta = meta

    def _realise(self) -> None:
        global _waiting
        me = _get_ident()
        _acquire()
        try:
            fn = self._fn
            while fn is _CLAIMED:
                if self._owner == me:
                    raise RecursionError("lazy seq needs its own value to realise itself")
                _waiting += 1
                _realised.wait(0.01)
                _waiting -= 1
                fn = self._fn  # None once realised; the thunk again if it raised
            if fn is None:
                return
            self._fn = _CLAIMED
            self._owner = me
        finally:
            _release()
        try:
            v = fn()
        except BaseException:
            self._fn = fn
            if _waiting:
                _wake_waiters()
            raise
        self._sv = v
        self._fn = None
        if _waiting:
            _wake_waiters()

    def _sval(self) -> Any:
        """The thunk's result (or the final seq when already unwrapped)."""
        if self._fn is not None:
            self._realise()
        sv = self._sv  # read before _s: seq() sets _s before clearing _sv
        s = self._s
        return sv if s is _UNSET else s

    def seq(self) -> Any:
        s = self._s
        if s is not _UNSET:
            return s
        if self._fn is not None:
            self._realise()
        v = self._sv  # read before _s, as in _sval
        s = self._s
        if s is not _UNSET:
            return s  # another thread unwrapped it meanwhile
        while type(v) is LazySeq:
            v = v._sval()
        s = v if type(v) is Cons else seq(v)  # a Cons is already a non-empty seq
        self._s = s
        self._sv = None
        return s

    def first(self) -> Any:
        s = self.seq()
        return None if s is None else s.first()

    def next(self) -> Any:
        s = self.seq()
        return None if s is None else s.next()

    def rest(self) -> Any:
        s = self.seq()
        return EMPTY_LIST if s is None else s.rest()

    def is_realized(self) -> bool:
        return self._fn is None

    def with_meta(self, meta: Any) -> LazySeq:
        if meta is self._meta:
            return self
        return _realised_lazy_seq(self.seq(), meta)


def _realised_lazy_seq(s: Any, meta: Any) -> LazySeq:
    """An already-realised LazySeq over `s`: lets any seq carry metadata without copying."""
    ls = LazySeq(None, meta)
    ls._s = s
    return ls


# ---------------------------------------------------------------------------------------
# Seqs over Python sequences and iterables


class ArraySeq(ASeq, Indexed):
    """A seq over positions `i` (inclusive) to `end` (exclusive) of an indexable sequence."""

    __slots__ = ("_arr", "_i", "_end")

    def __init__(self, arr: Any, i: int, end: int, meta: Any = None) -> None:
        self._arr = arr
        self._i = i
        self._end = end
        self._meta = meta

    def first(self) -> Any:
        return self._arr[self._i]

    def next(self) -> Any:
        i = self._i + 1
        return self.__class__(self._arr, i, self._end) if i < self._end else None

    def count(self) -> int:
        return self._end - self._i

    def __len__(self) -> int:
        return self._end - self._i

    def nth(self, n: int, not_found: Any = _UNSET) -> Any:
        if 0 <= n < self._end - self._i:
            return self._arr[self._i + n]
        if not_found is _UNSET:
            raise IndexOutOfBoundsException("Index out of bounds")
        return not_found

    def __iter__(self) -> Iterator[Any]:
        return islice(self._arr, self._i, self._end)

    def with_meta(self, meta: Any) -> ArraySeq:
        if meta is self._meta:
            return self
        return self.__class__(self._arr, self._i, self._end, meta)


class StringSeq(ArraySeq):
    """`(seq "ab")` is `(\\a \\b)`: an ArraySeq over a str that yields Chars."""

    __slots__ = ()

    def first(self) -> Any:
        return char(self._arr[self._i])

    def nth(self, n: int, not_found: Any = _UNSET) -> Any:
        if 0 <= n < self._end - self._i:
            return char(self._arr[self._i + n])
        return ArraySeq.nth(self, n, not_found)

    def __iter__(self) -> Iterator[Any]:
        return map(char, islice(self._arr, self._i, self._end))


class _Source:
    """The iterator behind a chain of IterSeq cells, with the lock that serialises pulls."""

    __slots__ = ("it", "lock")

    def __init__(self, it: Iterator[Any]) -> None:
        self.it = it
        self.lock = threading.Lock()


class IterSeq(ASeq):
    """A seq over a Python iterator, pulled one element at a time and cached in cells."""

    __slots__ = ("_first", "_next", "_src")

    def __init__(self, first: Any, src: _Source | None, meta: Any = None) -> None:
        self._first = first
        self._next = _UNSET  # the next cell (or None) once pulled
        self._src = src
        self._meta = meta

    @staticmethod
    def from_iter(it: Iterator[Any]) -> IterSeq | None:
        x = next(it, _END)
        return None if x is _END else IterSeq(x, _Source(it))

    def first(self) -> Any:
        return self._first

    def next(self) -> Any:
        n = self._next
        if n is _UNSET:
            src = self._src
            lock = src.lock
            lock.acquire()  # (cheaper than `with`, which matters once per element)
            try:
                n = self._next
                if n is _UNSET:
                    x = next(src.it, _END)
                    n = None if x is _END else IterSeq(x, src)
                    self._next = n
                    self._src = None
            finally:
                lock.release()
        return n

    def __iter__(self) -> Iterator[Any]:
        s = self
        del self  # the generator must not hold the head: walked cells can be freed
        while s is not None:
            yield s._first
            n = s._next
            s = s.next() if n is _UNSET else n

    def with_meta(self, meta: Any) -> Any:
        if meta is self._meta:
            return self
        # A copy of this cell would pull from the shared iterator on its own: wrap instead.
        return _realised_lazy_seq(self, meta)


class Iterate(ASeq):
    """`(iterate f x)`: x, (f x), (f (f x)), ...; each step computed once, on demand.

    As in Clojure, `f` must be free of side effects: two threads racing to the same
    unrealised step may both call it (the results are equal, one is kept).
    """

    __slots__ = ("_f", "_x", "_next")

    def __init__(self, f: Callable[[Any], Any], x: Any, meta: Any = None) -> None:
        self._f = f
        self._x = x
        self._next = None
        self._meta = meta

    def first(self) -> Any:
        return self._x

    def next(self) -> Iterate:
        n = self._next
        if n is None:
            n = self._next = Iterate(self._f, self._f(self._x))
        return n

    def __iter__(self) -> Iterator[Any]:
        s = self
        del self  # the generator must not hold the head: walked cells can be freed
        while True:
            yield s._x
            s = s.next()

    def with_meta(self, meta: Any) -> Iterate:
        if meta is self._meta:
            return self
        it = Iterate(self._f, self._x, meta)
        it._next = self._next
        return it


class Range(ASeq):
    """`(range ...)`: start, start+step, ... below `end` (above it for a negative step).

    Non-empty by construction (`range_` returns `()` otherwise); `end` None means infinite.
    Integer ranges iterate, count and index through Python's `range`; other numbers
    accumulate `start + step` as Clojure does.
    """

    __slots__ = ("_start", "_end", "_step")

    def __init__(self, start: Any, end: Any, step: Any, meta: Any = None) -> None:
        self._start = start
        self._end = end
        self._step = step
        self._meta = meta

    def _int_range(self) -> range | None:
        e = self._end
        if type(e) is int and type(self._start) is int and type(self._step) is int:
            return range(self._start, e, self._step)
        return None

    def first(self) -> Any:
        return self._start

    def next(self) -> Range | None:
        end = self._end
        step = self._step
        n = self._start + step
        if end is None or (n < end if step > 0 else n > end):
            return Range(n, end, step)
        return None

    def count(self) -> int:
        r = self._int_range()
        return len(r) if r is not None else ASeq.count(self)

    def __iter__(self) -> Iterator[Any]:
        r = self._int_range()
        if r is not None:
            return iter(r)
        if self._end is None:
            return count(self._start, self._step)
        return self._iter_accumulating()

    def _iter_accumulating(self) -> Iterator[Any]:
        x = self._start
        end = self._end
        step = self._step
        while x < end if step > 0 else x > end:
            yield x
            x = x + step

    def with_meta(self, meta: Any) -> Range:
        if meta is self._meta:
            return self
        return Range(self._start, self._end, self._step, meta)


def range_(*args: Any) -> Any:
    """`(range)`, `(range end)`, `(range start end)`, `(range start end step)`."""
    if not args:
        return Range(0, None, 1)
    if len(args) == 1:
        start, end, step = 0, args[0], 1
    elif len(args) == 2:
        start, end, step = args[0], args[1], 1
    else:
        start, end, step = args
    if step == 0:
        return EMPTY_LIST if start == end else Range(start, None, 0)  # repeats start
    if (step > 0 and start >= end) or (step < 0 and start <= end):
        return EMPTY_LIST
    return Range(start, end, step)


# ---------------------------------------------------------------------------------------
# Functions


def to_iter(x: Any) -> Iterator[Any]:
    """A Python iterator over anything seqable: strings give Chars, dicts give MapEntries."""
    if x is None:
        return iter(())
    t = type(x)
    if t is str:
        return map(char, x)
    if t is dict:
        from .vectors import MapEntry

        return starmap(MapEntry, x.items())
    try:
        return iter(x)
    except TypeError:
        raise IllegalArgumentException(
            f"Don't know how to create ISeq from: {class_name(t)}"
        ) from None


def seq(x: Any) -> Any:
    """`(seq x)`: an ISeq over x, or None when x is nil or empty."""
    if isinstance(x, Seqable):
        return x.seq()
    if x is None:
        return None
    t = type(x)
    if t is str:
        return StringSeq(x, 0, len(x)) if x else None
    if t is list or t is tuple:
        return ArraySeq(x, 0, len(x)) if x else None
    return IterSeq.from_iter(to_iter(x))


def cons(x: Any, coll: Any) -> Any:
    """`(cons x coll)`."""
    if coll is None:
        return PersistentList(x, EMPTY_LIST, 1)
    if isinstance(coll, ISeq):
        return Cons(x, coll)
    return Cons(x, seq(coll))


def lazy_seq(thunk: Callable[[], Any]) -> LazySeq:
    """`(lazy-seq ...)` with the body as a zero-argument function."""
    return LazySeq(thunk)


def iterate(f: Callable[[Any], Any], x: Any) -> Iterate:
    """`(iterate f x)`."""
    return Iterate(f, x)


def concat(*colls: Any) -> LazySeq:
    """`(concat & colls)`: lazy; no argument is touched until the result is used."""
    return LazySeq(lambda: seq(chain.from_iterable(map(to_iter, colls))))
