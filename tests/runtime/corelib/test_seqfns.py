import pytest

from pyjank.runtime.exceptions import IllegalArgumentException, IndexOutOfBoundsException
from pyjank.runtime.seqs import LazySeq

from ._support import core, kw, lst, m, pr, v

inc = core("inc")
plus = core("+")
rng = core("range")
take = core("take")
drop = core("drop")
cmap = core("map")
cfilter = core("filter")
reduce_ = core("reduce")
into = core("into")
comp = core("comp")


class Counter:
    """A unary fn that counts its calls."""

    def __init__(self, f=lambda x: x):
        self.n = 0
        self.f = f

    def __call__(self, *args):
        self.n += 1
        return self.f(*args)


# -- laziness ----------------------------------------------------------------------------


def test_infinite_pipelines_terminate():
    assert pr(take(5, cmap(inc, rng()))) == "(1 2 3 4 5)"
    assert pr(take(3, cfilter(core("even?"), rng()))) == "(0 2 4)"
    assert core("first")(cfilter(lambda x: x > 1000, rng())) == 1001
    assert pr(take(3, drop(5, core("iterate")(inc, 0)))) == "(5 6 7)"
    assert pr(take(4, core("mapcat")(lambda x: v(x, x), rng()))) == "(0 0 1 1)"
    assert pr(take(5, core("concat")(v(1), rng()))) == "(1 0 1 2 3)"
    assert pr(take(3, core("repeat")(kw("x")))) == "(:x :x :x)"
    assert pr(take(5, core("cycle")(v(1, 2)))) == "(1 2 1 2 1)"
    assert pr(take(2, core("interleave")(rng(), core("repeat")(0)))) == "(0 0)"
    assert pr(take(3, core("distinct")(core("cycle")(v(1, 2, 3))))) == "(1 2 3)"
    assert pr(take(2, core("partition")(2, rng()))) == "((0 1) (2 3))"
    assert pr(take(3, core("reductions")(plus, rng()))) == "(0 1 3)"
    assert pr(take(3, core("map-indexed")(core("vector"), core("repeat")(kw("a"))))) == (
        "([0 :a] [1 :a] [2 :a])"
    )


def test_lazy_fns_do_not_touch_input_until_used():
    c = Counter(inc)
    s = cmap(c, v(1, 2, 3))
    assert isinstance(s, LazySeq)
    assert c.n == 0
    assert not core("realized?")(s)
    core("first")(s)
    assert core("realized?")(s)


def test_first_realises_one_element_of_unchunked_sources():
    c = Counter(inc)
    s = cmap(c, lst(1, 2, 3, 4))
    assert core("first")(s) == 2
    assert c.n == 1
    c2 = Counter(inc)
    assert core("first")(cmap(c2, core("iterate")(inc, 0))) == 1
    assert c2.n == 1


def test_chunked_sources_realise_a_chunk_as_clojure_does():
    c = Counter(inc)
    s = cmap(c, rng(100))
    assert core("first")(s) == 1
    assert c.n == 32
    assert core("nth")(s, 40) == 41
    assert c.n == 64
    c2 = Counter(inc)
    core("first")(cmap(c2, core("vec")(rng(10))))
    assert c2.n == 10


def test_take_does_not_realise_past_n():
    c = Counter(inc)
    s = take(2, cmap(c, core("iterate")(inc, 0)))
    assert pr(s) == "(1 2)"
    assert c.n == 2


def test_big_pipelines_do_not_recurse():
    n = 1_000_000
    assert reduce_(plus, cmap(inc, rng(n))) == n * (n + 1) // 2
    assert core("count")(cfilter(core("even?"), cmap(inc, rng(n)))) == n // 2
    assert core("last")(take(n, rng())) == n - 1
    assert core("nth")(core("iterate")(inc, 0), 200_000) == 200_000
    s = lst(*range(300_000))  # an unchunked source goes element by element
    assert reduce_(plus, cmap(inc, cfilter(core("odd?"), s))) == sum(
        x + 1 for x in range(1, 300_000, 2)
    )
    deep = core("concat")(*[v(i) for i in range(50_000)])
    assert core("count")(deep) == 50_000
    assert core("count")(core("distinct")(cmap(lambda x: x % 10, rng(200_000)))) == 10


def test_self_referential_lazy_seq():
    lazy_seq = core("lazy-seq*")
    fib = None

    def tail():
        return cmap(plus, fib, core("rest")(fib))

    fib = core("concat")(lazy_seq(lambda: v(0, 1)), lazy_seq(tail))
    assert pr(take(10, fib)) == "(0 1 1 2 3 5 8 13 21 34)"


def test_lazy_seq_star():
    calls = []
    s = core("lazy-seq*")(lambda: calls.append(1) or core("cons")(1, None))
    assert calls == []
    assert core("first")(s) == 1 and core("first")(s) == 1
    assert calls == [1]
    assert core("seq")(core("lazy-seq*")(lambda: None)) is None
    assert pr(core("lazy-seq*")(lambda: v(1, 2))) == "(1 2)"


# -- map and friends ---------------------------------------------------------------------


def test_map():
    assert pr(cmap(inc, v(1, 2, 3))) == "(2 3 4)"
    assert pr(cmap(inc, None)) == "()"
    assert pr(cmap(plus, v(1, 2, 3), v(10, 20))) == "(11 22)"
    assert pr(cmap(plus, v(1, 2), v(10, 20), v(100, 200, 300))) == "(111 222)"
    assert pr(cmap(core("vector"), m(kw("a"), 1))) == "([[:a 1]])"
    assert pr(cmap(core("identity"), "ab")) == "(\\a \\b)"
    with pytest.raises(IllegalArgumentException, match="Don't know how to create ISeq"):
        core("seq")(cmap(inc, 5))
    assert pr(core("mapv")(inc, lst(1, 2))) == "[2 3]"
    assert pr(core("mapv")(plus, v(1, 2), v(3, 4, 5))) == "[4 6]"


def test_map_preserves_exception_on_first_use():
    def boom(x):
        raise ValueError("boom")

    s = cmap(boom, v(1))
    with pytest.raises(ValueError):
        core("first")(s)


def test_filter_remove_keep():
    assert pr(cfilter(core("even?"), rng(10))) == "(0 2 4 6 8)"
    assert pr(cfilter(core("identity"), v(0, None, False, "", v()))) == '(0 "" [])'
    assert pr(core("remove")(core("even?"), lst(1, 2, 3))) == "(1 3)"
    assert pr(core("filterv")(core("odd?"), rng(5))) == "[1 3]"
    assert pr(core("keep")(lambda x: None if x == 2 else x * 10, v(1, 2, 3))) == "(10 30)"
    assert pr(core("keep")(lambda x: False, v(1))) == "(false)"
    assert pr(core("keep-indexed")(lambda i, x: x if i % 2 else None, v(*"abcd"))) == '("b" "d")'
    assert pr(core("map-indexed")(core("vector"), "ab")) == "([0 \\a] [1 \\b])"
    big = core("map-indexed")(lambda i, x: i - x, rng(100))
    assert core("every?")(core("zero?"), big)
    assert core("count")(core("keep-indexed")(lambda i, x: i if i == x else None, rng(100))) == 100


def test_mapcat_concat():
    assert pr(core("mapcat")(core("reverse"), v(v(3, 2, 1), v(6, 5, 4)))) == "(1 2 3 4 5 6)"
    assert pr(core("mapcat")(core("list"), v(1, 2), v(3, 4))) == "(1 3 2 4)"
    assert pr(core("concat")()) == "()"
    assert pr(core("concat")(v(1), None, lst(2), "c", m(kw("a"), 1))) == "(1 2 \\c [:a 1])"


def test_take_drop_family():
    assert pr(take(2, v(1, 2, 3))) == "(1 2)"
    assert pr(take(0, v(1, 2))) == "()"
    assert pr(take(-1, v(1, 2))) == "()"
    assert pr(take(10, lst(1, 2))) == "(1 2)"
    assert pr(take(2.5, v(1, 2, 3, 4))) == "(1 2 3)"
    assert pr(take(40, rng(100))) == pr(rng(40))
    assert pr(drop(2, v(1, 2, 3))) == "(3)"
    assert pr(drop(-2, v(1, 2))) == "(1 2)"
    assert pr(drop(5, v(1, 2))) == "()"
    assert pr(drop(35, rng(40))) == "(35 36 37 38 39)"
    assert pr(drop(2, lst(1, 2, 3))) == "(3)"
    assert pr(core("take-while")(core("neg?"), v(-2, -1, 0, -5))) == "(-2 -1)"
    assert pr(core("take-while")(core("neg?"), lst(-2, 1))) == "(-2)"
    assert pr(core("take-while")(lambda x: x < 40, rng())) == pr(rng(40))
    assert pr(core("drop-while")(core("neg?"), v(-2, -1, 0, -5))) == "(0 -5)"
    assert pr(core("drop-while")(core("neg?"), lst(-2, 3))) == "(3)"
    assert pr(take(2, core("drop-while")(lambda x: x < 100, rng()))) == "(100 101)"
    assert pr(core("take-nth")(3, rng(10))) == "(0 3 6 9)"
    assert pr(take(3, core("take-nth")(0, v(7, 8)))) == "(7 7 7)"
    assert pr(core("take-last")(2, rng(5))) == "(3 4)"
    assert core("take-last")(0, rng(5)) is None
    assert core("take-last")(2, None) is None
    assert pr(core("drop-last")(rng(5))) == "(0 1 2 3)"
    assert pr(core("drop-last")(2, rng(5))) == "(0 1 2)"
    assert pr(core("drop-last")(9, rng(5))) == "()"
    assert pr(core("split-at")(2, v(1, 2, 3))) == "[(1 2) (3)]"
    assert pr(core("split-with")(core("odd?"), v(1, 3, 4, 5))) == "[(1 3) (4 5)]"


def test_seq_constructors():
    assert pr(rng(3)) == "(0 1 2)"
    assert pr(rng(1, 3)) == "(1 2)"
    assert pr(rng(10, 0, -3)) == "(10 7 4 1)"
    assert pr(rng(0)) == "()"
    assert pr(core("repeat")(2, "x")) == '("x" "x")'
    assert pr(core("repeat")(-1, "x")) == "()"
    n = iter(range(100))
    assert pr(core("repeatedly")(3, lambda: next(n))) == "(0 1 2)"
    assert pr(take(2, core("repeatedly")(lambda: 7))) == "(7 7)"
    assert pr(core("cycle")(v())) == "()"
    assert pr(take(3, core("iterate")(lambda x: x * 2, 1))) == "(1 2 4)"


def test_interpose_interleave():
    assert pr(core("interpose")(0, v(1, 2, 3))) == "(1 0 2 0 3)"
    assert pr(core("interpose")(0, v())) == "()"
    assert pr(core("interleave")(v(1, 2, 3), v(4, 5))) == "(1 4 2 5)"
    assert pr(core("interleave")()) == "()"
    assert pr(core("interleave")(v(1, 2))) == "(1 2)"


def test_partition_family():
    part = core("partition")
    assert pr(part(2, rng(5))) == "((0 1) (2 3))"
    assert pr(part(2, 1, v(1, 2, 3))) == "((1 2) (2 3))"
    assert pr(part(2, 3, rng(7))) == "((0 1) (3 4))"
    assert pr(part(3, 3, v(kw("p")), rng(7))) == "((0 1 2) (3 4 5) (6 :p))"
    assert pr(part(3, 3, v(), rng(7))) == "((0 1 2) (3 4 5) (6))"
    assert pr(part(2, v())) == "()"
    assert pr(core("partition-all")(2, rng(5))) == "((0 1) (2 3) (4))"
    assert pr(core("partition-all")(2, 3, rng(8))) == "((0 1) (3 4) (6 7))"
    assert pr(core("partition-all")(3, 1, rng(4))) == "((0 1 2) (1 2 3) (2 3) (3))"
    assert pr(core("partition-by")(core("odd?"), v(1, 3, 2, 4, 5))) == "((1 3) (2 4) (5))"
    assert pr(core("partition-by")(core("identity"), "aabc")) == "((\\a \\a) (\\b) (\\c))"
    assert pr(core("partition-by")(core("odd?"), v())) == "()"


def test_distinct_dedupe_flatten():
    assert pr(core("distinct")(v(1, 2, 1, 3, 2))) == "(1 2 3)"
    assert pr(core("distinct")(v(1, 1.0, True, v(1), lst(1)))) == "(1 1.0 true [1])"
    assert pr(core("dedupe")(v(1, 1, 2, 2, 1))) == "(1 2 1)"
    assert core("distinct?")(1) is True
    assert core("distinct?")(1, 2, 3) is True
    assert core("distinct?")(1, 2, 1) is False
    assert core("distinct?")(v(1), lst(1)) is False
    assert pr(core("flatten")(v(1, v(2, lst(3, v(v(4)))), 5))) == "(1 2 3 4 5)"
    assert pr(core("flatten")(None)) == "()"
    assert pr(core("flatten")(5)) == "()"
    assert pr(core("flatten")(v(m(kw("a"), 1)))) == "({:a 1})"
    nested = v()
    for _ in range(5000):
        nested = v(nested, 1)
    assert core("count")(core("flatten")(nested)) == 5000


def test_tree_seq():
    t = v(1, v(2, v(3)), 4)
    assert (
        pr(core("tree-seq")(core("vector?"), core("seq"), t))
        == "([1 [2 [3]] 4] 1 [2 [3]] 2 [3] 3 4)"
    )
    assert pr(core("tree-seq")(core("vector?"), core("seq"), 1)) == "(1)"


def test_reverse_sort():
    assert pr(core("reverse")(v(1, 2, 3))) == "(3 2 1)"
    assert pr(core("reverse")(None)) == "()"
    sort = core("sort")
    assert pr(sort(v(3, 1, 2))) == "(1 2 3)"
    assert pr(sort(v())) == "()"
    assert pr(sort(v(2, 1.5, 1))) == "(1 1.5 2)"
    assert pr(sort(v("b", "a"))) == '("a" "b")'
    assert pr(sort(v(kw("b"), kw("a/z"), kw("a")))) == "(:a :b :a/z)"
    assert pr(sort(v(v(2), v(1, 1), v(1)))) == "([1] [2] [1 1])"
    assert pr(sort(core(">"), v(1, 3, 2))) == "(3 2 1)"
    assert pr(sort(lambda a, b: core("compare")(b, a), v(1, 3, 2))) == "(3 2 1)"
    assert pr(sort(core("compare"), v(None, 1))) == "(nil 1)"
    with pytest.raises(TypeError):
        sort(v(1, "a"))
    pairs = v(v(1, "b"), v(0, "a"), v(1, "a"), v(0, "b"))
    assert pr(core("sort-by")(core("first"), pairs)) == '([0 "a"] [0 "b"] [1 "b"] [1 "a"])'
    assert pr(core("sort-by")(core("count"), core(">"), v("a", "ccc", "bb"))) == '("ccc" "bb" "a")'


def test_group_by_frequencies():
    assert pr(core("group-by")(core("odd?"), rng(6))) == "{false [0 2 4], true [1 3 5]}"
    assert pr(core("group-by")(core("count"), v("a", "bb", "c"))) == '{1 ["a" "c"], 2 ["bb"]}'
    assert pr(core("group-by")(core("identity"), v())) == "{}"
    assert pr(core("frequencies")(v(kw("a"), kw("b"), kw("a")))) == "{:a 2, :b 1}"
    f = core("frequencies")(v(1, 1.0, True))
    assert core("count")(f) == 3


def test_frequencies_keeps_clojure_keys_apart_in_every_chunk():
    freqs = core("frequencies")
    get = core("get")
    f = freqs(lst(1, True, 1.0, 1, None, False, kw("a"), "a", None))
    assert [get(f, k) for k in (1, True, 1.0, None, False, kw("a"), "a")] == [2, 1, 1, 2, 1, 1, 1]
    # long runs of plain keys are counted in bulk; the odd ones must still not merge
    xs = [i % 3 for i in range(10_000)] + [True, 1.0, 0, False, 2.0]
    f = freqs(core("vec")(xs))
    assert core("count")(f) == 7
    assert [get(f, k) for k in (0, 1, 2, True, 1.0, False, 2.0)] == [3335, 3333, 3333, 1, 1, 1, 1]
    assert pr(freqs(v(v(1, 2), lst(1, 2), v(1.0, 2)))) == "{[1 2] 2, [1.0 2] 1}"
    assert pr(freqs(take(5000, core("cycle")(v(kw("x"), kw("y")))))) == "{:x 2500, :y 2500}"
    assert freqs(None) == core("hash-map")() and freqs(v()) == core("hash-map")()


def test_some_every():
    assert core("some")(core("even?"), v(1, 2, 3)) is True
    assert core("some")(lambda x: x > 1 and x * 10, v(1, 2, 3)) == 20
    assert core("some")(core("even?"), None) is None
    assert core("some")(core("hash-set")(3), rng()) == 3
    assert core("every?")(core("odd?"), v(1, 3)) is True
    assert core("every?")(core("odd?"), v()) is True
    assert core("every?")(core("odd?"), v(1, 2)) is False
    assert core("not-every?")(core("odd?"), v(1, 2)) is True
    assert core("not-any?")(core("odd?"), v(2, 4)) is True
    assert core("not-any?")(core("odd?"), v(2, 3)) is False


# -- reduce and transducers --------------------------------------------------------------


def test_reduce_over_maps_passes_entries_with_their_keys():
    big = core("zipmap")(rng(20), core("cycle")(v(None, False)))
    for mp in (m(None, None, False, False, 1.0, None, True, False), big):
        entries = reduce_(lambda acc, e: acc + [(e.key(), e.val())], [], mp)
        assert entries == list(mp.items())
    mp = m(1, None, 1.0, False, True, None)
    assert reduce_(lambda acc, e: acc + [type(e.key())], [], mp) == [int, float, bool]
    assert reduce_(lambda acc, e: core("reduced")(e.val()), 0, mp) is None


def test_reduce():
    assert reduce_(plus, v()) == 0
    assert reduce_(plus, v(5)) == 5
    assert reduce_(lambda a, b: 1 / 0, v(5)) == 5  # one item: f is not called
    assert reduce_(plus, 10, v()) == 10
    assert reduce_(plus, 10, v(1, 2)) == 13
    assert reduce_(plus, None) == 0
    assert reduce_(core("conj"), v(), "ab") == v(*core("seq")("ab"))
    entries = reduce_(core("conj"), v(), m(kw("a"), 1, kw("b"), 2))
    assert pr(entries) == "[[:a 1] [:b 2]]"
    early = reduce_(lambda a, x: core("reduced")(a) if x > 3 else a + x, 0, rng())
    assert early == 6
    assert reduce_(lambda a, x: core("reduced")(x), v(1, 2)) == 2
    with pytest.raises(IllegalArgumentException, match="Don't know how to create ISeq"):
        reduce_(plus, 5)
    assert reduce_(plus, cmap(inc, rng(100))) == 5050
    assert reduce_(plus, drop(10, rng(100))) == sum(range(10, 100))
    with pytest.raises(TypeError):
        reduce_(plus)


def test_reduce_kv():
    rkv = core("reduce-kv")
    assert rkv(lambda a, k, x: a + x, 0, m(kw("a"), 1, kw("b"), 2)) == 3
    assert pr(rkv(lambda a, i, x: core("conj")(a, i), v(), v(kw("x"), kw("y")))) == "[0 1]"
    assert rkv(lambda a, k, x: a, 7, None) == 7
    assert rkv(lambda a, k, x: core("reduced")(k), None, core("sorted-map")(2, 0, 1, 0)) == 1


def test_reductions():
    assert pr(core("reductions")(plus, v(1, 2, 3))) == "(1 3 6)"
    assert pr(core("reductions")(plus, 10, v(1, 2))) == "(10 11 13)"
    assert pr(core("reductions")(plus, v())) == "(0)"
    assert pr(core("reductions")(plus, 5, v())) == "(5)"
    stop = core("reductions")(lambda a, x: core("reduced")(a) if x > 2 else a + x, 0, rng())
    assert pr(stop) == "(0 0 1 3 3)"


def test_transducers_into_and_transduce():
    def xf_into(xf, coll):
        return pr(into(v(), xf, coll))

    assert xf_into(cmap(inc), rng(3)) == "[1 2 3]"
    assert xf_into(cfilter(core("odd?")), rng(6)) == "[1 3 5]"
    assert xf_into(core("remove")(core("odd?")), rng(6)) == "[0 2 4]"
    assert xf_into(take(2), rng()) == "[0 1]"
    assert xf_into(take(0), rng()) == "[]"
    assert xf_into(drop(4), rng(6)) == "[4 5]"
    assert xf_into(core("take-while")(core("neg?")), v(-1, 2, -3)) == "[-1]"
    assert xf_into(core("drop-while")(core("neg?")), v(-1, 2, -3)) == "[2 -3]"
    assert xf_into(core("mapcat")(lambda x: v(x, x)), v(1, 2)) == "[1 1 2 2]"
    assert xf_into(core("keep")(lambda x: x if x > 1 else None), v(1, 2)) == "[2]"
    assert xf_into(core("keep-indexed")(lambda i, x: i if x else None), v(True, None, 1)) == "[0 2]"
    assert xf_into(core("map-indexed")(core("vector")), "ab") == "[[0 \\a] [1 \\b]]"
    assert xf_into(core("partition-all")(2), rng(5)) == "[[0 1] [2 3] [4]]"
    assert xf_into(core("partition-by")(core("odd?")), v(1, 1, 2, 3)) == "[[1 1] [2] [3]]"
    assert xf_into(core("distinct")(), v(1, 2, 1)) == "[1 2]"
    assert xf_into(core("dedupe")(), v(1, 1, 2, 1)) == "[1 2 1]"
    assert xf_into(core("interpose")(0), v(1, 2, 3)) == "[1 0 2 0 3]"
    assert xf_into(core("cat"), v(v(1), lst(2, 3), None)) == "[1 2 3]"
    assert xf_into(core("take-nth")(2), rng(5)) == "[0 2 4]"
    assert xf_into(comp(cmap(inc), cfilter(core("even?")), take(3)), rng()) == "[2 4 6]"
    assert xf_into(comp(core("partition-all")(2), take(2)), rng()) == "[[0 1] [2 3]]"
    assert xf_into(comp(core("cat"), take(3)), core("repeat")(v(1, 2))) == "[1 2 1]"
    assert xf_into(comp(take(2), core("interpose")(kw("s"))), rng()) == "[0 :s 1]"
    transduce = core("transduce")
    assert transduce(cmap(inc), plus, v(1, 2)) == 5
    assert transduce(cmap(inc), plus, 100, v(1, 2)) == 105
    assert transduce(take(3), plus, rng()) == 3
    assert transduce(comp(cmap(inc), cfilter(core("even?"))), plus, rng(1_000_000)) == 250000500000
    assert pr(transduce(core("partition-all")(2), core("conj"), v(), rng(3))) == "[[0 1] [2]]"


def test_completing():
    rf = core("completing")(plus)
    assert rf() == 0 and rf(5) == 5 and rf(1, 2) == 3
    rf2 = core("completing")(core("conj"), core("count"))
    assert core("transduce")(cmap(inc), rf2, v(), rng(4)) == 4


def test_sequence_and_eduction():
    seq_ = core("sequence")
    assert pr(seq_(v(1, 2))) == "(1 2)"
    assert pr(seq_(None)) == "()"
    s = core("seq")(v(1))
    assert seq_(s) is s
    assert pr(seq_(cmap(inc), v(1, 2))) == "(2 3)"
    assert pr(seq_(cmap(plus), v(1, 2), v(10, 20))) == "(11 22)"
    assert pr(take(3, seq_(cmap(inc), rng()))) == "(1 2 3)"
    assert pr(seq_(core("partition-all")(2), rng(3))) == "([0 1] [2])"
    assert pr(seq_(cfilter(core("odd?")), v())) == "()"
    assert pr(core("eduction")(cmap(inc), cfilter(core("even?")), rng(5))) == "(2 4)"


def test_into_variants():
    assert pr(into()) == "[]"
    x = v(1)
    assert into(x) is x
    assert pr(into(v(1), v(2, 3))) == "[1 2 3]"
    assert pr(into(lst(1), v(2, 3))) == "(3 2 1)"
    assert pr(into(None, v(1, 2))) == "(2 1)"
    assert pr(into(m(), v(v(kw("a"), 1)))) == "{:a 1}"
    assert pr(into(m(), v(m(kw("a"), 1), m(kw("b"), 2)))) == "{:a 1, :b 2}"
    assert pr(into(core("hash-set")(), v(1, 1))) == "#{1}"
    assert pr(into(core("sorted-set")(), v(3, 1))) == "#{1 3}"
    assert pr(into(v(), None)) == "[]"
    assert pr(into(v(), "ab")) == "[\\a \\b]"
    meta = m(kw("tag"), 1)
    with_meta = into(core("with-meta")(v(), meta), v(1))
    assert core("meta")(with_meta) is meta


def test_dorun_doall():
    c = Counter(inc)
    s = cmap(c, lst(1, 2, 3))
    assert core("dorun")(s) is None
    assert c.n == 3
    c2 = Counter(inc)
    s2 = cmap(c2, lst(1, 2, 3))
    assert core("doall")(s2) is s2
    assert c2.n == 3
    c3 = Counter(inc)
    s3 = cmap(c3, lst(1, 2, 3, 4))
    core("dorun")(1, s3)
    assert c3.n == 2
    assert core("doall")(None) is None
    assert core("dorun")(v(1)) is None
    assert core("run!")(c, v(1, 2)) is None and c.n == 5


def test_max_min_key():
    assert core("max-key")(core("count"), "a", "bbb", "cc") == "bbb"
    assert core("max-key")(core("count"), "ab", "cd") == "cd"
    assert core("max-key")(core("count"), "ab", "cd", "ef") == "ef"
    assert core("min-key")(core("count"), "ab", "c", "d") == "d"
    assert core("min-key")(core("count"), "x") == "x"


def test_shuffle_rand_nth():
    s = core("shuffle")(rng(20))
    assert core("vector?")(s)
    assert core("sort")(s) == rng(20)
    assert core("rand-nth")(v(7)) == 7
    assert core("rand-nth")(v(1, 2, 3)) in (1, 2, 3)
    with pytest.raises(IndexOutOfBoundsException):
        core("rand-nth")(v())


def test_chunked_seqs_behave_as_seqs():
    s = cmap(inc, rng(70))
    assert core("count")(s) == 70
    assert core("nth")(s, 69) == 70
    assert pr(drop(68, s)) == "(69 70)"
    assert core("=")(s, core("vec")(rng(1, 71)))
    assert core("hash")(s) == core("hash")(core("vec")(rng(1, 71)))
    assert core("seq?")(core("seq")(s))
    assert pr(core("with-meta")(core("seq")(s), m(kw("m"), 1)).meta()) == "{:m 1}"
    assert pr(core("conj")(take(2, s), 0)) == "(0 1 2)"
    assert pr(core("rest")(take(1, s))) == "()"
    assert core("next")(take(1, s)) is None


def test_chunked_steps_are_rerun_after_an_exception():
    state = {"fail": True}

    def flaky(x):
        if state["fail"] and x == 3:
            raise ValueError("flaky")
        return x * 10

    s = cmap(flaky, v(1, 2, 3))
    with pytest.raises(ValueError):
        core("first")(s)
    state["fail"] = False
    assert pr(s) == "(10 20 30)"

    attempts = []

    def body():
        attempts.append(1)
        if len(attempts) == 1:
            raise ValueError("first try")
        return v(3)

    c = core("concat")(v(1, 2), core("lazy-seq*")(body), lst(4))
    with pytest.raises(ValueError):
        core("count")(c)
    assert pr(c) == "(1 2 3 4)"


def test_concurrent_realisation_calls_f_once_per_element():
    import threading

    c = Counter(inc)
    s = cmap(c, rng(10_000))
    results = []

    def walk():
        results.append(reduce_(plus, s))

    threads = [threading.Thread(target=walk) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [sum(range(1, 10_001))] * 4
    assert c.n == 10_000


def test_arity_errors():
    from pyjank.runtime.exceptions import ArityException

    with pytest.raises(ArityException):
        core("partition")(1, 2, 3, 4, 5)
    with pytest.raises(ArityException):
        core("range")(1, 2, 3, 4)
    with pytest.raises(TypeError):
        cmap()
    with pytest.raises(TypeError):
        inc()
    with pytest.raises(TypeError):
        take(1, 2, 3)
