"""Transient collections from Python: editing in place, freezing, and what persistent!
leaves behind."""

from __future__ import annotations

import pytest

from pyjank.runtime.maps import EMPTY_MAP, PersistentArrayMap, PersistentHashMap, hash_map
from pyjank.runtime.sets import hash_set
from pyjank.runtime.transients import IllegalAccessError, transient
from pyjank.runtime.vectors import EMPTY_VECTOR, PersistentVector, vec, vector


def test_vector_conj_pop_and_compaction():
    t = transient(vec(range(200)))
    for _ in range(150):
        t.pop()
    v = t.persistent()
    assert type(v) is PersistentVector and list(v) == list(range(50))
    assert len(v._pv) == 50  # the popped tail is not kept alive
    t = transient(EMPTY_VECTOR)
    t.conj(1).conj(2).pop().conj(3)
    assert t.persistent() == vector(1, 3)


def test_map_modes():
    t = transient(EMPTY_MAP)
    for k in "abc":
        t.assoc(k, k.upper())
    assert type(t.persistent()) is PersistentArrayMap
    t = transient(EMPTY_MAP)
    for i in range(9):
        t.assoc(i, i)
    m = t.persistent()
    assert type(m) is PersistentHashMap and len(m) == 9
    t = transient(hash_map(1, 2))
    t.dissoc(1).dissoc(5)
    assert type(t.persistent()) is PersistentHashMap  # a hash map stays one, as in Clojure


def test_boxed_keys_and_elements():
    t = transient(EMPTY_MAP)
    t.assoc(1, "int").assoc(True, "bool").assoc(1.0, "float")
    assert len(t.persistent()) == 3
    s = transient(hash_set(1))
    s.conj(True).conj(1.0).conj(1)
    assert s.count() == 3


def test_used_after_persistent():
    for t in (transient(vector()), transient(EMPTY_MAP), transient(hash_set())):
        t.persistent()
        with pytest.raises(IllegalAccessError, match="Transient used after persistent! call"):
            t.count()
        with pytest.raises(IllegalAccessError):
            t.persistent()


def test_sources_are_untouched():
    v = vector(1, 2)
    m = hash_map(*range(40))
    s = hash_set(1, 2)
    transient(v).assoc(0, 9).conj(3)
    transient(m).assoc(0, "x").dissoc(2)
    transient(s).disj(1).conj(5)
    assert v == vector(1, 2) and m == hash_map(*range(40)) and s == hash_set(1, 2)
