"""Sorted maps and sets (runtime/sorted.py)."""

import operator
import random
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyjank.runtime import sorted as sorted_mod
from pyjank.runtime.characters import char
from pyjank.runtime.equality import ClassCastException, compare
from pyjank.runtime.maps import hash_map
from pyjank.runtime.sets import hash_set
from pyjank.runtime.sorted import (
    PersistentTreeMap,
    PersistentTreeSet,
    rsubseq,
    sorted_map,
    sorted_map_by,
    sorted_set,
    sorted_set_by,
    subseq,
)
from pyjank.runtime.symbols import keyword, symbol
from pyjank.runtime.vectors import MapEntry, vector

A, B, C = keyword("a"), keyword("b"), keyword("c")


def test_sorted_map_orders_keys():
    m = sorted_map(C, 3, A, 1, B, 2)
    assert isinstance(m, PersistentTreeMap)
    assert list(m.keys()) == [A, B, C]
    assert list(m) == [vector(A, 1), vector(B, 2), vector(C, 3)]
    assert all(isinstance(e, MapEntry) for e in m)
    assert m.val_at(B) == 2 and m(C) == 3 and m.val_at(keyword("z")) is None
    assert m.entry_at(A) == vector(A, 1)
    assert m.count() == len(m) == 3
    assert m.dissoc(B) == sorted_map(A, 1, C, 3)
    assert m.dissoc(keyword("z")) is m
    assert m.assoc(A, 1) is m
    assert list(m.rseq()) == [vector(C, 3), vector(B, 2), vector(A, 1)]
    assert sorted_map().seq() is None


def test_equal_keys_by_comparator_merge():
    m = sorted_map(1, A).assoc(1.0, B)  # (compare 1 1.0) is 0
    assert m.count() == 1
    assert m.val_at(1) == B
    assert list(m.keys()) == [1]  # the first key object is kept
    assert sorted_map(1, A, 1, B) == hash_map(1, B)


def test_sorted_set():
    s = sorted_set(3, 1, 2, 1)
    assert isinstance(s, PersistentTreeSet)
    assert list(s) == [1, 2, 3]
    assert s.contains(2) and not s.contains(4)
    assert s(2) == 2 and s(4) is None
    assert s.get(2.0) == 2
    assert s.conj(2) is s
    assert list(s.disj(2)) == [1, 3]
    assert s.disj(9) is s
    assert list(s.rseq()) == [3, 2, 1]
    assert s == hash_set(1, 2, 3) and hash(s) == hash(hash_set(1, 2, 3))


def test_default_comparator_on_mixed_and_special_values():
    assert list(sorted_set(None, 2, 1)) == [None, 1, 2]
    assert list(sorted_set(2, None, 1)) == [None, 1, 2]
    assert list(sorted_set(Fraction(1, 2), 1, 0.25)) == [0.25, Fraction(1, 2), 1]
    assert list(sorted_set(keyword("x", "a"), B, A)) == [A, B, keyword("x", "a")]
    assert list(sorted_set(symbol("b"), symbol("a"))) == [symbol("a"), symbol("b")]
    assert list(sorted_set(char("b"), char("a"))) == [char("a"), char("b")]
    vs = sorted_set(vector(2), vector(1, 1), vector(1))
    assert list(vs) == [vector(1), vector(2), vector(1, 1)]
    assert list(sorted_set(True, False)) == [False, True]
    with pytest.raises(ClassCastException):
        sorted_set(1, "a")
    with pytest.raises(ClassCastException):
        sorted_set(A, 1)


def test_comparator_functions():
    desc = sorted_set_by(operator.gt, 1, 3, 2)  # a boolean "less than" predicate
    assert list(desc) == [3, 2, 1]
    assert desc.contains(2)
    by_len = sorted_map_by(lambda a, b: len(a) - len(b), "ccc", 3, "a", 1, "bb", 2, "x", 9)
    assert list(by_len.items()) == [("a", 9), ("bb", 2), ("ccc", 3)]
    truncating = sorted_set_by(lambda a, b: a - b, 1.5, 1.2)  # Java intValue(): 0.3 -> 0
    assert truncating.count() == 1
    assert desc.comparator() is operator.gt
    assert sorted_set().comparator() is compare
    assert list(desc.empty().conj(1).conj(2)) == [2, 1]


def test_meta_and_empty():
    meta = hash_map(A, 1)
    m = sorted_map(1, 2).with_meta(meta)
    assert m.meta() is meta and m.assoc(3, 4).meta() is meta
    assert m.empty().meta() is meta and m.empty().count() == 0
    s = sorted_set(1).with_meta(meta)
    assert s.meta() is meta and s.empty().meta() is meta
    assert m == sorted_map(1, 2)


def test_seq_from():
    s = sorted_set(*range(0, 100, 10))
    assert list(s.seq_from(35)) == [40, 50, 60, 70, 80, 90]
    assert list(s.seq_from(40)) == [40, 50, 60, 70, 80, 90]
    assert list(s.seq_from(35, False)) == [30, 20, 10, 0]
    assert list(s.seq_from(30, False)) == [30, 20, 10, 0]
    assert s.seq_from(95) is None
    assert s.seq_from(-5, False) is None


def test_subseq_and_rsubseq():
    s = sorted_set(*range(10))
    assert list(subseq(s, operator.gt, 6)) == [7, 8, 9]
    assert list(subseq(s, operator.ge, 6)) == [6, 7, 8, 9]
    assert list(subseq(s, operator.lt, 3)) == [0, 1, 2]
    assert list(subseq(s, operator.le, 3)) == [0, 1, 2, 3]
    assert list(subseq(s, operator.ge, 3, operator.lt, 6)) == [3, 4, 5]
    assert list(subseq(s, operator.gt, 3, operator.le, 6)) == [4, 5, 6]
    assert list(rsubseq(s, operator.lt, 3)) == [2, 1, 0]
    assert list(rsubseq(s, operator.le, 3)) == [3, 2, 1, 0]
    assert list(rsubseq(s, operator.gt, 7)) == [9, 8]
    assert list(rsubseq(s, operator.gt, 3, operator.lt, 6)) == [5, 4]
    assert subseq(s, operator.gt, 9) is None
    m = sorted_map(1, A, 2, B, 3, C)
    assert list(subseq(m, operator.ge, 2)) == [vector(2, B), vector(3, C)]


def test_large_tree_splits_merges_and_stays_ordered():
    rng = random.Random(7)
    xs = list(range(5000))
    rng.shuffle(xs)
    s = sorted_set(*xs)
    assert s._height >= 2  # exercised internal nodes
    assert list(s) == list(range(5000))
    assert list(s.rseq()) == list(range(4999, -1, -1))
    assert list(s.seq_from(2500))[:3] == [2500, 2501, 2502]
    rng.shuffle(xs)
    keep = set(range(5000))
    for x in xs[:4900]:
        s = s.disj(x)
        keep.discard(x)
    assert list(s) == sorted(keep)
    assert s.count() == 100
    assert all(s.contains(x) for x in keep)
    for x in list(keep):
        s = s.disj(x)
    assert s.count() == 0 and list(s) == [] and s._height == 0


def test_custom_comparator_large_tree():
    s = sorted_set_by(operator.gt, *range(1000))
    assert list(s)[:3] == [999, 998, 997]
    assert list(s.seq_from(500))[:2] == [500, 499]


@given(
    st.lists(
        st.tuples(st.sampled_from(["assoc", "dissoc"]), st.integers(-300, 300), st.integers()),
        max_size=400,
    ),
    st.sampled_from([(4, 2), (8, 2), (64, 16)]),
)
def test_sorted_map_agrees_with_reference_model(ops, node_sizes):
    """Small node sizes make a few hundred keys exercise splits, merges and deep trees."""
    saved = sorted_mod._MAX, sorted_mod._MIN
    sorted_mod._MAX, sorted_mod._MIN = node_sizes
    try:
        m = sorted_map()
        model: dict = {}
        versions = []
        for op, k, v in ops:
            if op == "assoc":
                m = m.assoc(k, v)
                model[k] = v
            else:
                m = m.dissoc(k)
                model.pop(k, None)
            versions.append((m, dict(model)))
            assert m.val_at(k, "nf") == model.get(k, "nf")
        assert m.count() == len(model)
        assert list(m.items()) == sorted(model.items())
        assert [e.key() for e in m.rseq() or ()] == sorted(model, reverse=True)
        for old, snapshot in versions[::17]:
            assert list(old.items()) == sorted(snapshot.items())
        for probe in range(-310, 311, 7):
            got = m.seq_from(probe)
            assert [e.key() for e in got or ()] == sorted(k for k in model if k >= probe)
            got = m.seq_from(probe, False)
            assert [e.key() for e in got or ()] == sorted(
                (k for k in model if k <= probe), reverse=True
            )
    finally:
        sorted_mod._MAX, sorted_mod._MIN = saved
