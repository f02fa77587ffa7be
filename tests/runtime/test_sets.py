"""Persistent hash sets (runtime/sets.py)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from pyjank.runtime.characters import char
from pyjank.runtime.interfaces import Sequential
from pyjank.runtime.lists import list_
from pyjank.runtime.maps import hash_map
from pyjank.runtime.sets import EMPTY_SET, PersistentHashSet, hash_set, set_from
from pyjank.runtime.symbols import keyword
from pyjank.runtime.vectors import vector

A, B = keyword("a"), keyword("b")


def test_numbers_and_booleans_stay_distinct():
    s = hash_set(1, True, 1.0, Decimal(1))
    assert s.count() == 4
    assert s.contains(True) and s.contains(1.0) and s.contains(Decimal("1.00"))
    assert not hash_set(1).contains(True)
    assert not hash_set(True).contains(1)
    assert s.disj(True).count() == 3 and not s.disj(True).contains(True)
    assert sorted(map(repr, s)) == sorted(map(repr, [1, True, 1.0, Decimal(1)]))


def test_basics():
    s = hash_set(A, B)
    assert isinstance(s, PersistentHashSet)
    assert s.count() == len(s) == 2
    assert A in s and keyword("c") not in s
    assert s(A) is A and s(keyword("c")) is None and s(keyword("c"), "nf") == "nf"
    assert s.get(A) is A
    assert s.conj(A) is s
    assert s.disj(keyword("c")) is s
    assert s.conj(keyword("c")).count() == 3
    assert s.count() == 2
    assert set(s.seq()) == {A, B}
    assert EMPTY_SET.seq() is None


def test_get_returns_the_stored_element():
    v = vector(1, 2)
    s = hash_set(v)
    assert s.get(list_(1, 2)) is v
    assert s.contains(list_(1, 2))


def test_set_from_any_seqable():
    assert set_from("aba") == hash_set(char("a"), char("b"))
    assert set_from(None) == EMPTY_SET
    assert set_from(hash_map(A, 1)) == hash_set(vector(A, 1))
    first = vector(1)
    assert set_from([first, list_(1)]).get(vector(1)) is first  # the first one is kept


def test_meta_empty_equality_hash():
    meta = hash_map(A, 1)
    s = hash_set(1, 2).with_meta(meta)
    assert s.meta() is meta
    assert s.conj(3).meta() is meta and s.disj(1).meta() is meta
    assert s.empty().meta() is meta and s.empty().count() == 0
    assert s == hash_set(2, 1) and hash(s) == hash(hash_set(2, 1))
    assert s == {1, 2} and s != {1, 2, 3}
    assert s != vector(1, 2)


def _model_key(x):
    if isinstance(x, Sequential):
        return ("seq", tuple(_model_key(y) for y in x))
    return (type(x).__name__, x)


elements = st.one_of(
    st.integers(-3, 10),
    st.booleans(),
    st.sampled_from([0.0, 1.0, Decimal(1), A, B, "a", None, vector(1), list_(1), vector(True)]),
)


@given(st.lists(st.tuples(st.sampled_from(["conj", "disj"]), elements), max_size=60))
def test_agrees_with_reference_model(ops):
    s = EMPTY_SET
    model: set = set()
    for op, x in ops:
        if op == "conj":
            s = s.conj(x)
            model.add(_model_key(x))
        else:
            s = s.disj(x)
            model.discard(_model_key(x))
        assert s.count() == len(model)
        assert {_model_key(y) for y in s} == model
        assert s.contains(x) == (_model_key(x) in model)
    rebuilt = set_from(list(s))
    assert rebuilt == s and hash(rebuilt) == hash(s)
