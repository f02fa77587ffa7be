"""Seq foundations and the persistent list.

`ASeq` is the base of every seq type (here and in seqs.py): it gives them Clojure equality,
hashing, counting and an iterative `__iter__` that walks any chain of Cons cells, lists and
lazy seqs in one loop, so a million-element seq never recurses. `Cons` lives here rather
than in seqs.py because `ASeq.conj` needs it and the list's `rest` needs the empty list:
keeping them together avoids an import cycle (seqs.py re-exports it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from .equality import ValueEquality, hash_ordered
from .exceptions import IllegalStateException
from .interfaces import Counted, IHashEq, IObj, IPersistentList, ISeq, Sequential

_REPR_LIMIT = 32


def repr_coll(
    open_: str, xs: Iterable[Any], close: str, render: Callable[[Any], str] = repr
) -> str:
    """A short debugging repr (the real printer is runtime/printer.py); bounded for lazy seqs."""
    items = list(islice(xs, _REPR_LIMIT + 1))
    body = " ".join(map(render, items[:_REPR_LIMIT]))
    if len(items) > _REPR_LIMIT:
        body += " ..."
    return open_ + body + close


class ASeq(ValueEquality, Sequential, ISeq, IObj, IHashEq):
    """Behaviour shared by all seqs; subclasses provide `first`, `next` and `with_meta`."""

    __slots__ = ("_meta", "_hash")

    def seq(self) -> Any:
        return self

    def rest(self) -> Any:
        n = self.next()
        return EMPTY_LIST if n is None else n

    def count(self) -> int:
        n = 0
        s = self
        while s is not None:
            if type(s) is Cons:
                n += 1
                s = s._more
                continue
            if isinstance(s, Counted):
                return n + s.count()
            inner = s.seq()
            if inner is not s:  # a lazy seq unwraps to its realised seq (or None)
                s = inner
                continue
            n += 1
            s = s.next()
        return n

    def conj(self, x: Any) -> Cons:
        return Cons(x, self)

    def empty(self) -> Any:
        return EMPTY_LIST

    def __iter__(self) -> Iterator[Any]:
        s = self
        del self  # the generator must not hold the head: walked cells can be freed
        while s is not None:
            t = type(s)
            if t is Cons or t is PersistentList:
                yield s._first
                s = s._more
                continue
            inner = s.seq()
            if inner is not s:
                s = inner
                continue
            if t.__iter__ is not ASeq.__iter__:
                # A seq with its own fast iterator (ArraySeq, Range, ...) always ends in its
                # own kind, so delegating once cannot nest.
                yield from s
                return
            yield s.first()
            s = s.next()

    def _compute_hash(self) -> int:
        return hash_ordered(self)

    def __repr__(self) -> str:
        return repr_coll("(", self, ")")


class Cons(ASeq):
    """`(cons x seq)`: a first element in front of a seq (or None)."""

    __slots__ = ("_first", "_more")

    def __init__(self, first: Any, more: Any, meta: Any = None) -> None:
        self._first = first
        self._more = more
        self._meta = meta

    def first(self) -> Any:
        return self._first

    def next(self) -> Any:
        m = self._more
        return None if m is None else m.seq()

    def rest(self) -> Any:
        m = self._more
        return EMPTY_LIST if m is None else m

    def with_meta(self, meta: Any) -> Cons:
        return Cons(self._first, self._more, meta)


class PersistentList(ASeq, IPersistentList, Counted):
    """Clojure's list: a linked list with its count cached in every cell."""

    __slots__ = ("_first", "_more", "_count")

    def __init__(self, first: Any, more: Any, count: int, meta: Any = None) -> None:
        self._first = first
        self._more = more  # a PersistentList or EMPTY_LIST
        self._count = count
        self._meta = meta

    def first(self) -> Any:
        return self._first

    def next(self) -> Any:
        return None if self._count == 1 else self._more

    def rest(self) -> Any:
        return self._more

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def conj(self, x: Any) -> PersistentList:
        return PersistentList(x, self, self._count + 1, self._meta)

    def peek(self) -> Any:
        return self._first

    def pop(self) -> Any:
        if self._count == 1:
            return EMPTY_LIST.with_meta(self._meta)
        return self._more

    def empty(self) -> Any:
        return EMPTY_LIST.with_meta(self._meta)

    def with_meta(self, meta: Any) -> PersistentList:
        if meta is self._meta:
            return self
        return PersistentList(self._first, self._more, self._count, meta)


class EmptyList(ASeq, IPersistentList, Counted):
    """`()`: a seq type whose `seq()` is None."""

    __slots__ = ()

    def __init__(self, meta: Any = None) -> None:
        self._meta = meta

    def seq(self) -> None:
        return None

    def first(self) -> None:
        return None

    def next(self) -> None:
        return None

    def rest(self) -> EmptyList:
        return self

    def count(self) -> int:
        return 0

    def __len__(self) -> int:
        return 0

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def conj(self, x: Any) -> PersistentList:
        return PersistentList(x, EMPTY_LIST, 1, self._meta)

    def peek(self) -> None:
        return None

    def pop(self) -> Any:
        raise IllegalStateException("Can't pop empty list")

    def empty(self) -> EmptyList:
        return self

    def with_meta(self, meta: Any) -> EmptyList:
        if meta is self._meta:
            return self
        return EmptyList(meta)


EMPTY_LIST = EmptyList()


def list_from(iterable: Iterable[Any]) -> Any:
    """A PersistentList of the items of a Python iterable, in order."""
    result: Any = EMPTY_LIST
    n = 0
    for x in reversed(iterable if isinstance(iterable, (list, tuple)) else list(iterable)):
        n += 1
        result = PersistentList(x, result, n)
    return result


def list_(*xs: Any) -> Any:
    """`(list & xs)`."""
    return list_from(xs)
