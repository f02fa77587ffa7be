"""Seqs: lazy seqs, seqs over Python values, ranges, concat, iterate (runtime/seqs.py)."""

import gc
import itertools
import threading
import time

import pytest

from pyjank.runtime.characters import char
from pyjank.runtime.equality import equiv
from pyjank.runtime.exceptions import IllegalArgumentException
from pyjank.runtime.interfaces import IObj, ISeq, Sequential
from pyjank.runtime.lists import EMPTY_LIST, PersistentList, list_
from pyjank.runtime.maps import hash_map
from pyjank.runtime.seqs import (
    ArraySeq,
    Cons,
    IterSeq,
    LazySeq,
    Range,
    StringSeq,
    concat,
    cons,
    iterate,
    lazy_seq,
    range_,
    seq,
    to_iter,
)
from pyjank.runtime.sets import hash_set
from pyjank.runtime.symbols import keyword
from pyjank.runtime.vectors import MapEntry, vector

META = hash_map(keyword("m"), 1)


def naturals(n=0):
    """The classic recursive lazy seq: (lazy-seq (cons n (naturals (inc n))))."""
    return LazySeq(lambda: Cons(n, naturals(n + 1)))


def test_seq_of_everything():
    assert seq(None) is None
    assert seq(vector()) is None and seq([]) is None and seq("") is None and seq({}) is None
    assert list(seq(vector(1, 2))) == [1, 2]
    assert list(seq([1, 2])) == [1, 2] and list(seq((1, 2))) == [1, 2]
    assert list(seq("ab")) == [char("a"), char("b")]
    assert isinstance(seq("ab"), StringSeq)
    assert list(seq({keyword("a"): 1})) == [MapEntry(keyword("a"), 1)]
    assert sorted(seq({3, 1, 2})) == [1, 2, 3]
    assert list(seq(x for x in range(3))) == [0, 1, 2]
    assert seq(iter(())) is None
    s = list_(1)
    assert seq(s) is s
    with pytest.raises(IllegalArgumentException, match="create ISeq from: clojure.lang.Keyword"):
        seq(keyword("a"))


def test_every_seq_type_is_a_sequential_iobj_seq():
    seqs = [
        Cons(1, None),
        list_(1),
        lazy_seq(lambda: [1]),
        seq([1]),
        seq("a"),
        seq(iter([1])),
        range_(1, 2),
        iterate(lambda x: x, 1),
    ]
    for s in seqs:
        assert isinstance(s, ISeq) and isinstance(s, Sequential) and isinstance(s, IObj)
        m = s.with_meta(META)
        assert m.meta() is META
        assert s.meta() is None
        assert m.first() == s.first()
        assert list(itertools.islice(m, 3)) == list(itertools.islice(s, 3))


def test_lazy_seq_runs_its_thunk_once_and_only_when_needed():
    calls = []

    def thunk():
        calls.append(1)
        return vector(1, 2)

    ls = lazy_seq(thunk)
    assert not ls.is_realized() and calls == []
    assert ls.first() == 1
    assert ls.is_realized()
    assert list(ls) == [1, 2] and ls.count() == 2 and ls == list_(1, 2)
    assert calls == [1]


def test_lazy_seq_of_nothing():
    ls = lazy_seq(lambda: None)
    assert ls.seq() is None and ls.first() is None and ls.next() is None
    assert ls.rest() is EMPTY_LIST
    assert list(ls) == [] and ls.count() == 0
    assert ls == EMPTY_LIST and ls == vector()


def test_nested_lazy_seqs_unwrap_iteratively():
    ls = vector(1)
    for _ in range(100_000):
        ls = LazySeq(lambda inner=ls: inner)
    assert ls.first() == 1
    assert list(ls) == [1]


def upto(i, n):
    return LazySeq(lambda: Cons(i, upto(i + 1, n)) if i < n else None)


def test_million_element_lazy_seq_without_recursion():
    n = 1_000_000
    total = sum(itertools.islice(naturals(), n))  # outside `assert`: pytest keeps its operands
    assert total == n * (n - 1) // 2


def test_long_realised_lazy_seq_counts_compares_and_hashes_without_recursion():
    n = 200_000  # far beyond any recursion limit; kept moderate because it is all retained
    s = upto(0, n)
    assert s.count() == n
    assert equiv(s, range_(n)) and not equiv(s, range_(n + 1))
    assert hash(s) == hash(range_(n))
    assert concat(s, s).count() == 2 * n


def test_long_cons_chain_is_freed_without_recursion():
    s = None
    for i in range(1_000_000):
        s = Cons(i, s)
    assert s.count() == 1_000_000
    del s
    gc.collect()


def test_thunk_that_raises_stays_unrealised():
    attempts = []

    def thunk():
        attempts.append(1)
        if len(attempts) == 1:
            raise ValueError("boom")
        return [1]

    ls = lazy_seq(thunk)
    with pytest.raises(ValueError):
        ls.seq()
    assert not ls.is_realized()
    assert list(ls) == [1]
    assert len(attempts) == 2


def test_self_realising_lazy_seq_raises_instead_of_deadlocking():
    holder = []
    ls = lazy_seq(lambda: holder[0].first())
    holder.append(ls)
    with pytest.raises(RecursionError):
        ls.seq()


def test_concurrent_realisation_runs_the_thunk_once():
    calls = []
    started = threading.Event()

    def thunk():
        calls.append(1)
        started.set()
        time.sleep(0.05)
        return [len(calls)]

    ls = lazy_seq(thunk)
    results = []
    threads = [threading.Thread(target=lambda: results.append(ls.first())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1]
    assert results == [1] * 8


def test_iter_seq_pulls_lazily_and_caches():
    pulled = []

    def gen():
        for i in range(5):
            pulled.append(i)
            yield i

    s = seq(gen())
    assert isinstance(s, IterSeq)
    assert pulled == [0]
    assert s.next().first() == 1 and pulled == [0, 1]
    assert list(s) == [0, 1, 2, 3, 4]
    assert list(s) == [0, 1, 2, 3, 4]  # cached, the generator is exhausted
    assert s.count() == 5


def test_iter_seq_concurrent_readers_see_one_sequence():
    s = seq(iter(range(10_000)))
    out = []
    threads = [threading.Thread(target=lambda: out.append(list(s))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(o == list(range(10_000)) for o in out)


def test_array_seq():
    s = seq((1, 2, 3))
    assert isinstance(s, ArraySeq)
    assert s.count() == len(s) == 3
    assert s.nth(2) == 3 and s.nth(3, "nf") == "nf"
    n = s.next()
    assert n.first() == 2 and n.count() == 2 and list(n) == [2, 3]
    assert s.next().next().next() is None
    assert s.rest().rest().rest() is EMPTY_LIST
    t = seq("abc").next()
    assert isinstance(t, StringSeq)
    assert t.first() == char("b") and t.nth(1) == char("c") and list(t) == [char("b"), char("c")]
    assert t.nth(5, "x") == "x"


def test_ranges():
    assert list(range_(5)) == [0, 1, 2, 3, 4]
    assert list(range_(2, 5)) == [2, 3, 4]
    assert list(range_(5, 0, -2)) == [5, 3, 1]
    assert list(range_(0, 1, 0.25)) == [0, 0.25, 0.5, 0.75]
    assert range_(0) is EMPTY_LIST and range_(3, 1) is EMPTY_LIST and range_(1, 3, -1) is EMPTY_LIST
    assert list(itertools.islice(range_(), 3)) == [0, 1, 2]
    assert list(itertools.islice(range_(7, 10, 0), 3)) == [7, 7, 7]
    assert range_(3, 3, 0) is EMPTY_LIST
    r = range_(10)
    assert isinstance(r, Range)
    assert r.count() == 10 and range_(0, 1, 0.25).count() == 4
    assert r.next().first() == 1 and list(r.next()) == list(range(1, 10))
    assert range_(1).next() is None
    assert r == vector(*range(10)) and hash(r) == hash(vector(*range(10)))
    assert range_(1000000).count() == 1000000


def test_cons():
    assert isinstance(cons(1, None), PersistentList) and list(cons(1, None)) == [1]
    assert list(cons(1, vector(2, 3))) == [1, 2, 3]
    assert list(cons(1, list_(2))) == [1, 2]
    assert list(cons(1, "ab")) == [1, char("a"), char("b")]
    c = cons(0, naturals(1))
    assert list(itertools.islice(c, 3)) == [0, 1, 2]


def test_concat_is_lazy():
    touched = []

    def part(x):
        return lazy_seq(lambda: touched.append(x) or [x])

    c = concat(part(1), part(2), vector(3), "a", None, list_())
    assert touched == []
    assert c.first() == 1 and touched == [1]
    assert list(c) == [1, 2, 3, char("a")]
    assert concat().seq() is None


def test_iterate():
    calls = []

    def double(x):
        calls.append(x)
        return x * 2

    s = iterate(double, 1)
    assert s.first() == 1 and calls == []
    assert list(itertools.islice(s, 5)) == [1, 2, 4, 8, 16]
    assert list(itertools.islice(s, 5)) == [1, 2, 4, 8, 16]
    assert calls == [1, 2, 4, 8]  # each step computed once


def test_seq_conj_and_empty():
    s = seq(vector(1, 2))
    assert list(s.conj(0)) == [0, 1, 2]
    assert s.empty() is EMPTY_LIST
    assert lazy_seq(lambda: [1]).empty() is EMPTY_LIST


def test_to_iter():
    assert list(to_iter(None)) == []
    assert list(to_iter("ab")) == [char("a"), char("b")]
    assert list(to_iter({1: 2})) == [vector(1, 2)]
    assert list(to_iter(hash_set(1))) == [1]
    with pytest.raises(IllegalArgumentException):
        to_iter(1)
