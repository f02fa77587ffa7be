"""PersistentVector and MapEntry (runtime/vectors.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyjank.runtime.characters import char
from pyjank.runtime.equality import box_key, equiv
from pyjank.runtime.exceptions import (
    IllegalArgumentException,
    IllegalStateException,
    IndexOutOfBoundsException,
)
from pyjank.runtime.interfaces import IMapEntry, IPersistentVector
from pyjank.runtime.lists import list_
from pyjank.runtime.maps import hash_map
from pyjank.runtime.symbols import keyword
from pyjank.runtime.vectors import EMPTY_VECTOR, MapEntry, PersistentVector, vec, vector

META = hash_map(keyword("m"), 1)


def test_basics():
    v = vector(1, 2, 3)
    assert v.count() == len(v) == 3
    assert v.nth(0) == 1 and v[2] == 3
    assert v.nth(5, "nf") == "nf"
    with pytest.raises(IndexOutOfBoundsException, match="Index out of bounds"):
        v.nth(3)
    with pytest.raises(IndexError):
        v.nth(-1)
    assert list(v) == [1, 2, 3]
    assert v.peek() == 3
    assert EMPTY_VECTOR.peek() is None


def test_conj_appends_and_assoc_replaces():
    v = vector(1, 2)
    assert list(v.conj(3)) == [1, 2, 3]
    assert list(v.assoc(0, 9)) == [9, 2]
    assert list(v.assoc(2, 3)) == [1, 2, 3]  # assoc at count appends
    assert list(v) == [1, 2]
    with pytest.raises(IndexError):
        v.assoc(3, 0)
    with pytest.raises(IllegalArgumentException, match="Key must be integer"):
        v.assoc(keyword("a"), 0)


def test_lookup_by_index():
    v = vector("a", "b")
    assert v.val_at(1) == "b"
    assert v.val_at(2) is None
    assert v.val_at(True) is None  # booleans are not indexes
    assert v.val_at(keyword("a"), "nf") == "nf"
    assert v(0) == "a"
    with pytest.raises(IndexError):
        v(5)
    assert v.contains_key(1) and not v.contains_key(2) and not v.contains_key(-1)
    assert v.entry_at(1) == vector(1, "b")
    assert v.entry_at(7) is None


def test_pop_is_persistent_and_reuses_the_tail_slot():
    v = vector(1, 2, 3)
    p = v.pop()
    assert list(p) == [1, 2] and p.count() == 2
    a = p.conj("a")
    b = p.conj("b")
    assert list(a) == [1, 2, "a"]
    assert list(b) == [1, 2, "b"]
    assert list(v) == [1, 2, 3]
    assert list(p) == [1, 2]
    assert p.peek() == 2
    assert p.nth(2, "nf") == "nf"
    assert equiv(p, vector(1, 2)) and hash(p) == hash(vector(1, 2))
    with pytest.raises(IllegalStateException):
        EMPTY_VECTOR.pop()


def test_many_pops_compact_storage():
    v = vec(range(10_000))
    while v.count() > 10:
        v = v.pop()
    assert list(v) == list(range(10))
    assert len(v._pv) < 200  # the popped elements were released


def test_seq_and_rseq():
    v = vector(1, 2, 3)
    s = v.seq()
    assert s.first() == 1 and list(s.next()) == [2, 3]
    assert EMPTY_VECTOR.seq() is None
    assert list(v.rseq()) == [3, 2, 1]
    assert EMPTY_VECTOR.rseq() is None
    assert list(v.pop().seq()) == [1, 2]
    assert list(reversed(v.pop())) == [2, 1]


def test_vec_and_vector():
    assert vector() is EMPTY_VECTOR
    assert vec([]) is EMPTY_VECTOR
    assert list(vec("ab")) == [char("a"), char("b")]
    assert list(vec(list_(1, 2))) == [1, 2]
    assert list(vec(None)) == []
    assert vec(vector(1)) == vector(1)
    assert vec(vector(1).with_meta(META)).meta() is None
    assert list(vec({keyword("a"): 1})) == [vector(keyword("a"), 1)]


def test_meta_and_empty():
    v = vector(1).with_meta(META)
    assert v.meta() is META
    assert v.conj(2).meta() is META
    assert v.empty().meta() is META and v.empty().count() == 0
    assert v == vector(1)


def test_hash_is_cached_and_matches_list():
    v = vector(1, 2)
    assert hash(v) == hash(list_(1, 2))
    assert v._hash == hash(v)


def test_map_entry():
    e = MapEntry(keyword("a"), 1)
    assert isinstance(e, IPersistentVector) and isinstance(e, IMapEntry)
    assert e.key() == keyword("a") and e.val() == 1
    assert e.count() == 2 and list(e) == [keyword("a"), 1]
    assert e.nth(1) == 1 and e[0] == keyword("a") and e(1) == 1
    assert e.nth(2, None) is None
    with pytest.raises(IndexError):
        e.nth(2)
    assert e == vector(keyword("a"), 1) and hash(e) == hash(vector(keyword("a"), 1))
    assert list(e.conj(2)) == [keyword("a"), 1, 2]
    assert isinstance(e.conj(2), PersistentVector)
    assert list(e.assoc(1, 5)) == [keyword("a"), 5]
    assert list(e.pop()) == [keyword("a")]
    assert e.peek() == 1
    assert list(e.seq()) == [keyword("a"), 1]
    assert e.with_meta(META).meta() is META
    assert e.empty() is None


def test_map_entry_unboxes_a_stored_map_key():
    assert MapEntry(box_key(True), 1).key() is True
    e = MapEntry(box_key(1.0), 1)
    assert type(e.key()) is float and e == vector(1.0, 1) and e != vector(1, 1)
    t = (1, 2)
    assert MapEntry(box_key(t), None).nth(0) is t
    assert MapEntry(1, 2).key() == 1


@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("conj"), st.integers()),
            st.tuples(st.just("pop"), st.none()),
            st.tuples(st.just("assoc"), st.integers(0, 50)),
        ),
        max_size=120,
    )
)
def test_agrees_with_python_list_model(ops):
    v = EMPTY_VECTOR
    model: list = []
    versions = []
    for op, arg in ops:
        if op == "conj":
            v = v.conj(arg)
            model.append(arg)
        elif op == "pop" and model:
            v = v.pop()
            model.pop()
        elif op == "assoc" and arg < len(model):
            v = v.assoc(arg, -arg)
            model[arg] = -arg
        versions.append((v, list(model)))
        assert v.count() == len(model)
        assert list(v) == model
    for old, snapshot in versions:  # every version is unchanged by later operations
        assert list(old) == snapshot
        assert [old.nth(i) for i in range(len(snapshot))] == snapshot
