"""Array maps and hash maps (runtime/maps.py)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyjank.runtime.exceptions import ClassCastException
from pyjank.runtime.interfaces import Sequential
from pyjank.runtime.lists import list_
from pyjank.runtime.maps import (
    EMPTY_MAP,
    PersistentArrayMap,
    PersistentHashMap,
    array_map,
    hash_map,
    map_from_pairs,
)
from pyjank.runtime.symbols import keyword, symbol
from pyjank.runtime.vectors import MapEntry, vector

A, B, C = keyword("a"), keyword("b"), keyword("c")


@pytest.mark.parametrize("build", [array_map, hash_map])
def test_bool_float_and_int_keys_stay_distinct(build):
    m = build(1, A, True, B)
    assert m.count() == 2
    assert m.val_at(1) == A and m.val_at(True) == B
    m = build(1, A, 1.0, B)
    assert m.count() == 2
    assert m.val_at(1) == A and m.val_at(1.0) == B
    m = build(0, A, False, B, 0.0, C, Decimal(0), 1)
    assert m.count() == 4
    assert sorted(map(repr, m.keys())) == sorted(map(repr, [0, False, 0.0, Decimal(0)]))
    assert m.val_at(Decimal("0.00")) == 1  # decimals are equal by value
    assert build(None, 1).val_at(None) == 1
    assert not build(1, A).contains_key(True)
    assert build(1, A, True, B).dissoc(True).count() == 1


@pytest.mark.parametrize("build", [array_map, hash_map])
def test_collection_keys_use_clojure_equality(build):
    m = build(vector(1, 2), A)
    assert m.val_at(list_(1, 2)) == A
    assert m.val_at(vector(1.0, 2)) is None
    p = build((1, 2), A)  # Python tuples are boxed: found by equal tuples
    assert p.val_at((1, 2)) == A
    assert p.val_at((True, 2)) is None
    assert list(p.keys()) == [(1, 2)]


def test_array_map_keeps_insertion_order_up_to_eight():
    keys = [keyword(f"k{i}") for i in range(8)]
    m = EMPTY_MAP
    for i, k in enumerate(reversed(keys)):
        m = m.assoc(k, i)
    assert isinstance(m, PersistentArrayMap)
    assert list(m.keys()) == list(reversed(keys))
    m9 = m.assoc(A, 8)
    assert isinstance(m9, PersistentHashMap)
    assert m9.count() == 9 and m9.val_at(A) == 8 and m9.val_at(keys[0]) == 7
    assert isinstance(m.assoc(keys[0], "replaced"), PersistentArrayMap)  # not a new key


def test_array_map_function_keeps_order_at_any_size():
    kvs = [x for i in range(20) for x in (i, -i)]
    m = array_map(*kvs)
    assert isinstance(m, PersistentArrayMap)
    assert list(m.keys()) == list(range(20))
    assert array_map(A, 1, A, 2) == hash_map(A, 2)


def test_map_from_pairs():
    small = map_from_pairs([(B, 1), (A, 2), (B, 3)])
    assert isinstance(small, PersistentArrayMap)
    assert list(small.items()) == [(B, 3), (A, 2)]
    big = map_from_pairs((i, i) for i in range(9))
    assert isinstance(big, PersistentHashMap)
    collapsing = map_from_pairs([(A, i) for i in range(20)])  # > 8 pairs, 1 key
    assert isinstance(collapsing, PersistentArrayMap) and collapsing.val_at(A) == 19
    assert map_from_pairs([MapEntry(A, 1)]) == hash_map(A, 1)
    assert map_from_pairs([]) is EMPTY_MAP


def test_hash_map_rejects_odd_arguments():
    with pytest.raises(ValueError):
        hash_map(A)


@pytest.mark.parametrize("build", [array_map, hash_map])
def test_map_operations(build):
    m = build(A, 1, B, 2)
    assert m(A) == 1 and m(C) is None and m(C, "nf") == "nf"
    assert m[A] == 1
    with pytest.raises(KeyError):
        m[C]
    assert A in m and C not in m
    assert m.contains_key(A) and not m.contains_key(C)
    assert m.entry_at(A) == vector(A, 1) and m.entry_at(C) is None
    assert m.assoc(A, 1) == m
    assert m.dissoc(A) == build(B, 2)
    assert m.dissoc(C) is m
    assert set(m.values()) == {1, 2}
    assert sorted(e.key().name for e in m) == ["a", "b"]
    assert all(isinstance(e, MapEntry) for e in m)
    assert sorted(e.val() for e in m.seq()) == [1, 2]
    assert build().seq() is None
    assert len(m) == 2
    assert m.assoc(B, 2) is m or build is hash_map


@pytest.mark.parametrize("build", [array_map, hash_map])
def test_conj(build):
    m = build(A, 1)
    assert m.conj(vector(B, 2)) == hash_map(A, 1, B, 2)
    assert m.conj(MapEntry(B, 2)) == hash_map(A, 1, B, 2)
    assert m.conj(hash_map(B, 2, C, 3)) == hash_map(A, 1, B, 2, C, 3)
    assert m.conj({B: 2}) == hash_map(A, 1, B, 2)
    assert m.conj(list_(MapEntry(B, 2))) == hash_map(A, 1, B, 2)
    with pytest.raises(ClassCastException):
        m.conj(list_(vector(B, 2)))  # as in Clojure, a seq must hold map entries
    assert m.conj(None) is m
    with pytest.raises(ValueError):
        m.conj(vector(1, 2, 3))


@pytest.mark.parametrize("build", [array_map, hash_map])
def test_meta_and_empty(build):
    meta = hash_map(symbol("m"), 1)
    m = build(A, 1).with_meta(meta)
    assert m.meta() is meta
    assert m.assoc(B, 2).meta() is meta
    assert m.dissoc(A).meta() is meta
    assert m.empty().meta() is meta and m.empty().count() == 0
    assert m == build(A, 1) and hash(m) == hash(build(A, 1))


def test_array_and_hash_maps_are_equal_with_equal_hashes():
    kvs = [x for i in range(8) for x in (keyword(f"k{i}"), i)]
    a = array_map(*kvs)
    h = hash_map(*kvs)
    assert isinstance(a, PersistentArrayMap) and isinstance(h, PersistentHashMap)
    assert a == h and hash(a) == hash(h)
    assert a != h.assoc(A, 1)
    assert a == dict(zip(kvs[::2], kvs[1::2], strict=True))


@pytest.mark.parametrize("size", [0, 20])  # an array map, then a hash map
def test_int_float_and_bool_keys_assoced_in_turn_stay_three(size):
    m = map_from_pairs((keyword(f"k{i}"), i) for i in range(size))
    m = m.assoc(1, A).assoc(1.0, B).assoc(True, C)
    assert m.count() == size + 3
    assert (m.val_at(1), m.val_at(1.0), m.val_at(True)) == (A, B, C)
    assert m.assoc(1, C).val_at(1.0) == B and m.assoc(1, C).count() == size + 3
    entries = {(type(e.key()), e.val()) for e in m if e.val() in (A, B, C)}
    assert entries == {(int, A), (float, B), (bool, C)}
    assert {type(k) for k, _ in m.items()} >= {int, float, bool}


@pytest.mark.parametrize("build", [array_map, hash_map])
def test_iteration_yields_entries_with_the_keys_given(build):
    t = (1, 2)
    m = build(True, None, 1.0, False, Decimal("2.50"), 1, t, 2, A, 3)
    es = list(m)
    assert all(type(e) is MapEntry for e in es)
    assert sorted((repr(e.key()), e.val()) for e in es) == sorted(
        (repr(k), v) for k, v in m.items()
    )
    assert any(e.key() is t for e in es)
    assert m.entry_at(True).key() is True and m.entry_at(1.0).val() is False
    assert m.entry_at(1) is None


def test_python_mapping_protocol():
    m = hash_map(A, 1, B, 2)
    assert dict(m) == {A: 1, B: 2}
    assert dict(m.items()) == {A: 1, B: 2}


# ---------------------------------------------------------------------------------------
# Reference model: a dict keyed by (category, value), which never merges 1, True and 1.0 and
# does merge equal sequential collections.


def _model_key(k):
    if isinstance(k, Sequential):
        return ("seq", tuple(_model_key(x) for x in k))
    return (type(k).__name__, k)


keys = st.one_of(
    st.integers(-3, 12),
    st.booleans(),
    st.sampled_from([0.0, 1.0, 2.5, Decimal(1), Decimal("1.0"), A, B, "a", None]),
    st.sampled_from([vector(1), vector(1, 2), list_(1, 2), vector(True, 2)]),
)


def _model_of(m):
    return {_model_key(k): v for k, v in m.items()}


@given(
    st.lists(
        st.tuples(st.sampled_from(["assoc", "dissoc"]), keys, st.integers()),
        max_size=60,
    )
)
def test_map_agrees_with_reference_model(ops):
    m = EMPTY_MAP
    model: dict = {}
    for op, k, v in ops:
        if op == "assoc":
            m = m.assoc(k, v)
            model[_model_key(k)] = v
        else:
            m = m.dissoc(k)
            model.pop(_model_key(k), None)
        assert m.count() == len(model)
        assert _model_of(m) == model
        assert {_model_key(e.key()): e.val() for e in m} == model  # entries unbox keys
        assert m.val_at(k, "nf") == model.get(_model_key(k), "nf")
        assert m.contains_key(k) == (_model_key(k) in model)
    rebuilt = hash_map(*[x for kv in m.items() for x in kv])
    assert rebuilt == m and hash(rebuilt) == hash(m)


@given(st.lists(st.tuples(keys, st.integers()), max_size=30))
def test_map_from_pairs_agrees_with_reference_model(pairs):
    m = map_from_pairs(pairs)
    model: dict = {}
    for k, v in pairs:
        model[_model_key(k)] = v  # dicts keep first-insertion order, as array maps do
    assert _model_of(m) == model
    if len(model) <= 8:
        assert [_model_key(k) for k in m.keys()] == list(model)
