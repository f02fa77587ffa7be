"""PersistentList, the empty list and Cons (runtime/lists.py)."""

import pytest

from pyjank.runtime.equality import equiv, hasheq
from pyjank.runtime.exceptions import IllegalStateException
from pyjank.runtime.lists import EMPTY_LIST, Cons, EmptyList, PersistentList, list_, list_from
from pyjank.runtime.maps import hash_map
from pyjank.runtime.symbols import keyword
from pyjank.runtime.vectors import vector

META = hash_map(keyword("line"), 1)


def test_list_basics():
    xs = list_(1, 2, 3)
    assert isinstance(xs, PersistentList)
    assert xs.count() == len(xs) == 3
    assert xs.first() == 1
    assert list(xs.next()) == [2, 3]
    assert list(xs) == [1, 2, 3]
    assert xs.peek() == 1
    assert list(xs.pop()) == [2, 3]
    assert xs.seq() is xs


def test_count_is_cached_per_cell():
    xs = list_from(range(1000))
    assert xs._count == 1000
    assert xs.next()._count == 999


def test_conj_prepends_and_keeps_meta():
    xs = list_(2).with_meta(META)
    ys = xs.conj(1)
    assert list(ys) == [1, 2]
    assert ys.meta() is META
    assert list(xs) == [2]  # persistent


def test_last_cell():
    xs = list_(1)
    assert xs.next() is None
    assert xs.rest() is EMPTY_LIST
    assert xs.with_meta(META).pop().meta() is META
    assert xs.pop() == EMPTY_LIST


def test_empty_list():
    assert isinstance(EMPTY_LIST, EmptyList)
    assert EMPTY_LIST.seq() is None
    assert EMPTY_LIST.first() is None
    assert EMPTY_LIST.next() is None
    assert EMPTY_LIST.rest() is EMPTY_LIST
    assert EMPTY_LIST.count() == 0 == len(EMPTY_LIST)
    assert list(EMPTY_LIST) == []
    assert EMPTY_LIST.peek() is None
    with pytest.raises(IllegalStateException):
        EMPTY_LIST.pop()
    assert list_() is EMPTY_LIST
    assert list(EMPTY_LIST.conj(1)) == [1]
    assert equiv(EMPTY_LIST, vector())


def test_empty_keeps_metadata():
    assert list_(1, 2).with_meta(META).empty().meta() is META
    assert EMPTY_LIST.with_meta(META).conj(1).meta() is META


def test_meta_does_not_affect_equality():
    xs = list_(1, 2)
    ys = xs.with_meta(META)
    assert ys.meta() is META and xs.meta() is None
    assert xs == ys and hash(xs) == hash(ys)
    assert xs.with_meta(None) is xs


def test_cons():
    c = Cons(0, list_(1, 2))
    assert list(c) == [0, 1, 2]
    assert c.count() == 3
    assert list(c.rest()) == [1, 2]
    assert Cons(0, None).next() is None
    assert Cons(0, None).rest() is EMPTY_LIST
    assert c == list_(0, 1, 2)
    assert hash(c) == hash(vector(0, 1, 2))
    assert list(c.conj(-1)) == [-1, 0, 1, 2]
    assert c.empty() is EMPTY_LIST
    assert c.with_meta(META).meta() is META


def test_long_list_walks_without_recursion():
    n = 200_000
    xs = list_from(range(n))
    c = xs
    for i in range(3):
        c = Cons(-i, c)
    assert c.count() == n + 3
    assert sum(c) == sum(range(n)) - 3
    assert c == Cons(-2, Cons(-1, Cons(0, list_from(range(n)))))
    assert hash(c) == hasheq(list(c))


def test_repr_is_bounded():
    assert repr(list_(1, 2)) == "(1 2)"
    assert repr(list_from(range(100))).endswith("...)")
