"""The polymorphic collection functions (runtime/rt.py)."""

import pytest

from pyjank.runtime import rt
from pyjank.runtime.characters import char
from pyjank.runtime.exceptions import (
    ClassCastException,
    IllegalArgumentException,
    IllegalStateException,
    IndexOutOfBoundsException,
)
from pyjank.runtime.lists import EMPTY_LIST, PersistentList, list_
from pyjank.runtime.maps import EMPTY_MAP, hash_map
from pyjank.runtime.seqs import concat, lazy_seq, range_
from pyjank.runtime.sets import hash_set
from pyjank.runtime.sorted import sorted_map, sorted_set
from pyjank.runtime.symbols import keyword, symbol
from pyjank.runtime.vectors import EMPTY_VECTOR, MapEntry, vector

A, B = keyword("a"), keyword("b")
META = hash_map(A, 1)


def test_seq_first_next_rest():
    assert rt.seq(None) is None
    assert rt.first(None) is None and rt.next(None) is None
    assert rt.rest(None) is EMPTY_LIST
    assert rt.first(vector(1, 2)) == 1 and rt.first(vector()) is None
    assert rt.next(vector(1)) is None
    assert list(rt.next(vector(1, 2))) == [2]
    assert rt.rest(vector(1)) == EMPTY_LIST
    assert rt.first("ab") == char("a")
    assert rt.first([3]) == 3 and rt.first({}) is None
    assert rt.first(hash_map(A, 1)) == vector(A, 1)
    assert rt.first(lazy_seq(lambda: [7])) == 7
    assert rt.first(list_(5, 6)) == 5 and list(rt.rest(list_(5, 6))) == [6]
    assert rt.first(sorted_set(3, 1)) == 1


def test_count():
    assert rt.count(None) == 0
    assert rt.count(vector(1, 2)) == 2
    assert rt.count(hash_map(A, 1)) == 1
    assert rt.count("abc") == 3 and rt.count([1]) == 1 and rt.count({1: 2}) == 1
    assert rt.count(concat([1], [2, 3])) == 3
    assert rt.count(range_(10)) == 10
    assert rt.count(hash_set()) == 0
    with pytest.raises(TypeError, match="count not supported on this type"):
        rt.count(1)


def test_nth():
    assert rt.nth(vector(1, 2), 1) == 2
    with pytest.raises(IndexOutOfBoundsException, match="Index out of bounds"):
        rt.nth(vector(1), 5)
    assert rt.nth(vector(1), 5, "nf") == "nf"
    assert rt.nth(None, 0) is None and rt.nth(None, 0, "nf") == "nf"
    assert rt.nth("abc", 1) == char("b")
    assert rt.nth([1, 2], 0) == 1 and rt.nth((1, 2), 5, "nf") == "nf"
    assert rt.nth(list_(1, 2, 3), 2) == 3
    assert rt.nth(range_(), 1000) == 1000
    with pytest.raises(IndexError):
        rt.nth(list_(1), 1)
    with pytest.raises(IndexError):
        rt.nth(list_(1), -1)
    with pytest.raises(IndexError):
        rt.nth("abc", 3)
    with pytest.raises(TypeError, match="nth not supported"):
        rt.nth(hash_map(A, 1), 0)


def test_nth_of_map_entries():
    e = next(iter(hash_map(True, None)))
    assert rt.nth(e, 0) is True and rt.nth(e, 1) is None
    assert rt.nth(e, 1, "nf") is None and rt.nth(e, 2, "nf") == "nf"
    assert rt.nth(MapEntry(A, False), 1, "nf") is False
    for i in (2, -1):
        with pytest.raises(IndexOutOfBoundsException):
            rt.nth(e, i)


def test_get():
    assert rt.get(None, A) is None and rt.get(None, A, 1) == 1
    assert rt.get(hash_map(A, 1), A) == 1 and rt.get(hash_map(A, 1), B, "nf") == "nf"
    assert rt.get(vector(5, 6), 1) == 6 and rt.get(vector(5), 3) is None
    assert rt.get("abc", 1) == char("b") and rt.get("abc", 9) is None
    assert rt.get(hash_set(A), A) is A and rt.get(hash_set(A), B) is None
    assert rt.get(sorted_set(1), 1) == 1
    assert rt.get({A: 1}, A) == 1 and rt.get([1], 0) == 1 and rt.get({1}, 1) == 1
    assert rt.get(1, A, "nf") == "nf"
    assert A(hash_map(A, 1)) == 1  # keywords look themselves up through rt.get
    assert symbol("s")(hash_map(symbol("s"), 2)) == 2


def test_conj():
    assert rt.conj(None, 1) == list_(1) and isinstance(rt.conj(None, 1), PersistentList)
    assert list(rt.conj(list_(2), 1)) == [1, 2]
    assert list(rt.conj(vector(1), 2)) == [1, 2]
    assert rt.conj(EMPTY_MAP, vector(A, 1)) == hash_map(A, 1)
    assert rt.conj(hash_set(1), 1) == hash_set(1)
    assert list(rt.conj(range_(1, 3), 0)) == [0, 1, 2]
    with pytest.raises(ClassCastException):
        rt.conj([1], 2)


def test_assoc_dissoc():
    assert rt.assoc(None, A, 1) == hash_map(A, 1)
    assert rt.assoc(hash_map(A, 1), B, 2) == hash_map(A, 1, B, 2)
    assert rt.assoc(vector(1), 1, 2) == vector(1, 2)
    assert rt.assoc(sorted_map(1, 2), 0, 1) == hash_map(0, 1, 1, 2)
    assert rt.dissoc(None, A) is None
    assert rt.dissoc(hash_map(A, 1), A) == EMPTY_MAP
    with pytest.raises(TypeError):
        rt.assoc(list_(1), 0, 1)
    assert rt.assoc(None, A, 1, B, 2) == hash_map(A, 1, B, 2)
    assert rt.assoc(vector(), 0, A, 1, B) == vector(A, B)
    with pytest.raises(IllegalArgumentException, match="even number of arguments"):
        rt.assoc(EMPTY_MAP, A, 1, B)
    with pytest.raises(TypeError):
        rt.dissoc(vector(1), 0)


def test_contains():
    assert rt.contains(vector(1, 2), 0) and not rt.contains(vector(1, 2), 2)
    assert not rt.contains(vector(1, 2), True)
    assert rt.contains(hash_map(A, 1), A) and not rt.contains(hash_map(A, 1), B)
    assert rt.contains(hash_set(A), A)
    assert not rt.contains(None, A)
    assert rt.contains("abc", 2) and not rt.contains("abc", 3)
    assert rt.contains({A: 1}, A) and rt.contains({1}, 1)
    assert rt.contains(sorted_set(1), 1)
    with pytest.raises(IllegalArgumentException, match="contains\\? not supported"):
        rt.contains(list_(1), 0)


def test_find():
    assert rt.find(hash_map(A, 1), A) == vector(A, 1)
    assert rt.find(hash_map(A, 1), B) is None
    assert rt.find(vector(5), 0) == vector(0, 5)
    assert rt.find(None, A) is None
    assert rt.find({A: 1}, A) == vector(A, 1) and rt.find({A: 1}, B) is None


def test_cons():
    assert list(rt.cons(1, None)) == [1]
    assert list(rt.cons(1, vector(2))) == [1, 2]


def test_peek_pop():
    assert rt.peek(vector(1, 2)) == 2 and rt.pop(vector(1, 2)) == vector(1)
    assert rt.peek(list_(1, 2)) == 1 and rt.pop(list_(1, 2)) == list_(2)
    assert rt.peek(None) is None and rt.pop(None) is None
    with pytest.raises(IllegalStateException):
        rt.pop(EMPTY_VECTOR)
    with pytest.raises(TypeError):
        rt.peek(range_(3))


def test_empty():
    assert rt.empty(None) is None
    assert rt.empty("abc") is None
    e = rt.empty(vector(1).with_meta(META))
    assert e == EMPTY_VECTOR and e.meta() is META
    assert rt.empty(hash_map(A, 1).with_meta(META)).meta() is META
    assert rt.empty(hash_set(1).with_meta(META)).meta() is META
    assert rt.empty(list_(1).with_meta(META)).meta() is META
    assert rt.empty(sorted_map(1, 2)).count() == 0
    assert rt.empty(lazy_seq(lambda: [1])) is EMPTY_LIST


def test_to_iter():
    assert list(rt.to_iter(None)) == []
    assert list(rt.to_iter(vector(1, 2))) == [1, 2]
    assert list(rt.to_iter("a")) == [char("a")]
    assert list(rt.to_iter(hash_map(A, 1))) == [vector(A, 1)]
