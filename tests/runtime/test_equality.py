"""Clojure `=`, `hash` and `compare` (runtime/equality.py)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyjank.runtime.characters import char
from pyjank.runtime.equality import ClassCastException, compare, equiv, hash_unordered, hasheq
from pyjank.runtime.lists import EMPTY_LIST, list_, list_from
from pyjank.runtime.maps import EMPTY_MAP, array_map, hash_map, map_from_pairs
from pyjank.runtime.seqs import concat, lazy_seq, range_, seq
from pyjank.runtime.sets import EMPTY_SET, hash_set
from pyjank.runtime.sorted import sorted_map, sorted_set
from pyjank.runtime.symbols import keyword, symbol
from pyjank.runtime.vectors import EMPTY_VECTOR, MapEntry, vec, vector

A = keyword("a")
B = keyword("b")


def test_numbers_are_equal_only_within_a_category():
    assert not equiv(1, 1.0)
    assert not equiv(1, True)
    assert not equiv(0, False)
    assert not equiv(1.0, True)
    assert not equiv(Fraction(1, 2), 0.5)
    assert not equiv(Decimal(1), 1)
    assert not equiv(Decimal("1.5"), 1.5)
    assert equiv(Decimal("1.0"), Decimal("1.00"))
    assert equiv(10**30, 10**30)
    assert equiv(Fraction(1, 3), Fraction(2, 6))
    assert equiv(True, True)
    assert not equiv(float("nan"), float("nan"))


def test_scalars():
    assert equiv("ab", "ab")
    assert not equiv("a", char("a"))
    assert equiv(char("a"), char("a"))
    assert equiv(A, keyword("a"))
    assert not equiv(A, symbol("a"))
    assert equiv(symbol("x/y"), symbol("x", "y"))
    assert equiv(None, None)
    assert not equiv(None, False)
    assert not equiv(None, EMPTY_LIST)


def test_sequential_collections_are_equal_across_kinds():
    reps = [
        vector(1, 2),
        list_(1, 2),
        seq(vector(1, 2)),
        lazy_seq(lambda: list_(1, 2)),
        range_(1, 3),
        concat([1], (2,)),
        [1, 2],
        (1, 2),
    ]
    for x in reps:
        for y in reps:
            assert equiv(x, y), (x, y)
            assert hasheq(x) == hasheq(y), (x, y)
    assert vector(1, 2) == list_(1, 2)
    assert [1, 2] == vector(1, 2)  # Python's == reaches our __eq__ through reflection


def test_empty_sequentials_are_equal_but_not_equal_to_maps_or_sets():
    for empty in (EMPTY_VECTOR, EMPTY_LIST, lazy_seq(lambda: None), [], ()):
        assert equiv(empty, EMPTY_LIST)
        assert not equiv(empty, EMPTY_MAP)
        assert not equiv(empty, EMPTY_SET)
    assert not equiv({}, [])
    assert not equiv(EMPTY_MAP, EMPTY_VECTOR)
    assert not equiv(EMPTY_MAP, EMPTY_SET)


def test_element_equality_is_clojure_equality():
    assert not equiv(vector(1), vector(1.0))
    assert not equiv(vector(1), [True])
    assert not equiv((1,), (True,))  # Python says (1,) == (True,)
    assert equiv(vector(vector(1), list_(2)), [list_(1), [2]])
    assert not equiv(vector(1, 2), vector(1, 2, 3))
    assert not equiv(vector(1, 2), list_(2, 1))


def test_infinite_seq_compares_with_finite_one():
    assert not equiv(range_(), vector(0, 1, 2))
    assert not equiv(vector(0, 1, 2), range_())


def test_maps_and_sets():
    assert equiv(array_map(A, 1, B, 2), hash_map(B, 2, A, 1))
    assert equiv(sorted_map(1, A), hash_map(1, A))
    assert equiv(hash_map(A, 1), {A: 1})
    assert equiv({A: 1}, hash_map(A, 1))
    assert not equiv(hash_map(1, A), {True: A})
    assert not equiv(hash_map(A, 1), hash_map(A, 1.0))
    assert equiv(hash_set(1, 2), {1, 2})
    assert equiv(hash_set(1, 2), sorted_set(2, 1))
    assert not equiv(hash_set(1), {True})
    assert not equiv(hash_set(1), {1.0})
    assert equiv({1, 2}, frozenset({2, 1}))
    assert not equiv(hash_set(vector(1, 2)), {(1, 2), 3})


def test_map_entry_is_a_vector():
    e = MapEntry(A, 1)
    assert equiv(e, vector(A, 1))
    assert hasheq(e) == hasheq(vector(A, 1))


def test_map_hash_is_the_unordered_hash_of_its_entries():
    m = hash_map(A, 1, B, vector(2))
    assert hash(m) == hash_unordered(m) == hash_unordered([MapEntry(B, vector(2)), MapEntry(A, 1)])


def test_hash_of_python_containers_matches_runtime_collections():
    assert hasheq([1, 2]) == hash(vector(1, 2))
    assert hasheq((1, (2,))) == hash(vector(1, vector(2)))
    assert hasheq({A: 1}) == hash(hash_map(A, 1))
    assert hasheq({1, 2}) == hash(hash_set(1, 2))
    assert hasheq(frozenset()) == hash(EMPTY_SET)


def test_metadata_never_affects_equality_or_hash():
    m = hash_map(A, 1)
    for x in (vector(1), list_(1), hash_map(A, 1), hash_set(1), seq(vector(1))):
        y = x.with_meta(m)
        assert equiv(x, y)
        assert hash(x) == hash(y)


def test_compare():
    assert compare(None, 1) == -1
    assert compare(1, None) == 1
    assert compare(None, None) == 0
    assert compare(1, 2) == -1
    assert compare(2, 1.5) == 1
    assert compare(1, 1.0) == 0
    assert compare(Fraction(1, 2), Decimal("0.4")) == 1
    assert compare("a", "b") == -1
    assert compare(A, B) == -1
    assert compare(keyword("x", "a"), A) == 1  # namespace-less first
    assert compare(symbol("b"), symbol("a")) == 1
    assert compare(char("a"), char("b")) == -1
    assert compare(False, True) == -1
    assert compare(vector(9), vector(1, 2)) == -1  # shorter first
    assert compare(vector(1, 3), vector(1, 2)) == 1
    assert compare(vector(1, 2), MapEntry(1, 2)) == 0


@pytest.mark.parametrize(
    "a,b",
    [(1, "a"), (A, symbol("a")), (True, 1), (list_(1), list_(2)), (hash_set(1), hash_set(2))],
)
def test_compare_incomparable_raises_class_cast(a, b):
    with pytest.raises(ClassCastException):
        compare(a, b)
    assert issubclass(ClassCastException, TypeError)


# ---------------------------------------------------------------------------------------
# Properties

scalars = st.one_of(
    st.integers(-5, 5),
    st.booleans(),
    st.floats(-3, 3, allow_nan=False).map(lambda f: round(f, 1)),
    st.sampled_from([A, B, keyword("x", "a"), symbol("s"), char("c"), "s", None]),
    st.builds(Fraction, st.integers(-3, 3), st.integers(2, 4)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(vec),
        st.lists(inner, max_size=4).map(list_from),
        st.lists(inner, max_size=4).map(tuple),
        st.lists(st.tuples(inner, inner), max_size=4).map(map_from_pairs),
    ),
    max_leaves=12,
)


def _representations(xs):
    as_seq = seq(vec(xs)) or EMPTY_LIST  # (seq []) is nil
    return [vec(xs), list_from(xs), as_seq, lazy_seq(lambda: xs), list(xs), tuple(xs)]


@given(st.lists(values, max_size=6))
def test_sequential_representations_agree(xs):
    reps = _representations(xs)
    for r in reps:
        assert equiv(r, reps[0])
        assert hasheq(r) == hasheq(reps[0])


@given(values, values)
def test_equal_values_have_equal_hashes(a, b):
    if equiv(a, b):
        assert hasheq(a) == hasheq(b)
    assert equiv(a, b) == equiv(b, a)
    assert equiv(a, a) or a != a  # only NaN-like values are unequal to themselves
