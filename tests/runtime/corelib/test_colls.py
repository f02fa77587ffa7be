import pytest

from pyjank.runtime.characters import char
from pyjank.runtime.exceptions import IllegalArgumentException, IllegalStateException
from pyjank.runtime.lists import PersistentList
from pyjank.runtime.maps import PersistentHashMap
from pyjank.runtime.sets import PersistentHashSet
from pyjank.runtime.sorted import PersistentTreeMap, PersistentTreeSet
from pyjank.runtime.vectors import PersistentVector

from ._support import core, kw, lst, m, pr, v

A, B, C = kw("a"), kw("b"), kw("c")


def test_constructors():
    assert type(core("vector")(1, 2)) is PersistentVector
    assert pr(core("vector")()) == "[]"
    assert pr(core("vec")(lst(1, 2))) == "[1 2]"
    assert pr(core("vec")(None)) == "[]"
    assert pr(core("vec")("ab")) == "[\\a \\b]"
    assert type(core("list")(1)) is PersistentList
    assert pr(core("list")()) == "()"
    assert type(core("hash-map")(A, 1)) is PersistentHashMap
    assert pr(core("array-map")(B, 2, A, 1)) == "{:b 2, :a 1}"
    assert type(core("hash-set")(1)) is PersistentHashSet
    assert pr(core("set")(v(1, 1, 2))) == pr(core("hash-set")(1, 2))
    assert pr(core("set")(None)) == "#{}"
    assert type(core("sorted-map")(B, 1, A, 2)) is PersistentTreeMap
    assert pr(core("sorted-map")(B, 1, A, 2)) == "{:a 2, :b 1}"
    assert pr(core("sorted-map-by")(core(">"), 1, A, 2, B)) == "{2 :b, 1 :a}"
    assert type(core("sorted-set")(3, 1)) is PersistentTreeSet
    assert pr(core("sorted-set")(3, 1, 2)) == "#{1 2 3}"
    assert pr(core("sorted-set-by")(core(">"), 3, 1, 2)) == "#{3 2 1}"
    with pytest.raises(ValueError):
        core("hash-map")(A)


def test_subseq_rsubseq_are_core_fns():
    # Outputs of JVM Clojure 1.11.
    ss = core("sorted-set")(1, 2, 3, 4, 5)
    lt, le, gt, ge = core("<"), core("<="), core(">"), core(">=")
    assert (
        pr(core("subseq")(core("sorted-map")(1, A, 2, B, 3, kw("c")), gt, 1)) == "([2 :b] [3 :c])"
    )
    assert pr(core("rsubseq")(ss, lt, 3)) == "(2 1)"
    assert pr(core("subseq")(ss, ge, 2, lt, 5)) == "(2 3 4)"
    assert pr(core("rsubseq")(ss, gt, 1, le, 4)) == "(4 3 2)"
    assert pr(core("subseq")(core("sorted-set-by")(gt, 1, 2, 3, 4, 5), gt, 3)) == "(2 1)"
    assert core("subseq")(core("sorted-set")(), gt, 1) is None
    assert core("subseq")(ss, gt, 5) is None


def test_list_star():
    assert pr(core("list*")(v(1, 2))) == "(1 2)"
    assert pr(core("list*")(1, 2, v(3, 4))) == "(1 2 3 4)"
    assert core("list*")(None) is None
    assert pr(core("list*")(1, None)) == "(1)"


def test_first_rest_next_family():
    assert core("first")(None) is None
    assert core("first")(v()) is None
    assert core("first")("abc") == char("a")
    assert core("first")(v(1, 2)) == 1
    assert core("next")(v(1)) is None
    assert pr(core("rest")(v(1))) == "()"
    assert pr(core("rest")(None)) == "()"
    assert core("second")(v(1, 2)) == 2
    assert core("second")(lst(1, 2)) == 2
    assert core("second")(v(1)) is None
    assert core("ffirst")(v(v(1, 2))) == 1
    assert pr(core("nfirst")(v(v(1, 2)))) == "(2)"
    assert core("fnext")(v(1, 2)) == 2
    assert pr(core("nnext")(v(1, 2, 3))) == "(3)"
    assert core("nnext")(v(1, 2)) is None
    assert core("last")(v(1, 2, 3)) == 3
    assert core("last")(lst(1, 2, 3)) == 3
    assert core("last")(None) is None
    assert core("last")(core("range")(10)) == 9
    assert pr(core("butlast")(v(1, 2, 3))) == "(1 2)"
    assert core("butlast")(v(1)) is None
    assert core("butlast")(None) is None


def test_count():
    count = core("count")
    assert count(None) == 0
    assert count(v(1, 2)) == 2
    assert count("abc") == 3
    assert count(m(A, 1)) == 1
    assert count(core("map")(core("inc"), core("range")(100000))) == 100000
    assert count(core("filter")(core("odd?"), lst(1, 2, 3))) == 2
    assert count(core("map")(core("inc"), v())) == 0
    assert count([1, 2]) == 2
    with pytest.raises(TypeError):
        count(5)


def test_nth_get():
    assert core("nth")(v(1, 2), 1) == 2
    assert core("nth")(v(1, 2), 5, kw("nf")) is kw("nf")
    assert core("nth")(lst(1, 2, 3), 2) == 3
    assert core("nth")("abc", 1) == char("b")
    assert core("nth")(None, 1) is None
    with pytest.raises(IndexError):
        core("nth")(v(1), 3)
    assert core("get")(m(A, 1), A) == 1
    assert core("get")(m(A, 1), B) is None
    assert core("get")(m(A, 1), B, 0) == 0
    assert core("get")(None, A) is None
    assert core("get")(v(1, 2), 1) == 2
    assert core("get")(core("hash-set")(A), A) is A
    assert core("get")("abc", 0) == char("a")
    assert core("get")(5, A) is None


def test_get_in():
    data = m(A, m(B, v(10, 20)))
    assert core("get-in")(data, v(A, B, 1)) == 20
    assert core("get-in")(data, v(A, C)) is None
    assert core("get-in")(data, v(A, C), kw("nf")) is kw("nf")
    assert core("get-in")(m(A, None), v(A), kw("nf")) is None  # present but nil
    assert core("get-in")(data, v()) is data
    assert core("get-in")(data, None) is data


def test_conj():
    conj = core("conj")
    assert pr(conj()) == "[]"
    assert pr(conj(v(1))) == "[1]"
    assert pr(conj(v(1), 2, 3)) == "[1 2 3]"
    assert pr(conj(lst(1), 2, 3)) == "(3 2 1)"
    assert pr(conj(None, 1)) == "(1)"
    assert pr(conj(m(), v(A, 1))) == "{:a 1}"
    assert pr(conj(m(A, 1), m(B, 2))) == "{:a 1, :b 2}"
    assert pr(conj(core("hash-set")(), 1, 1)) == "#{1}"
    with pytest.raises(TypeError):
        conj(5, 1)


def test_assoc_dissoc_disj():
    assert pr(core("assoc")(None, A, 1)) == "{:a 1}"
    assert pr(core("assoc")(m(), A, 1, B, 2)) == "{:a 1, :b 2}"
    assert pr(core("assoc")(v(1, 2), 0, 9)) == "[9 2]"
    assert pr(core("assoc")(v(1), 1, 2)) == "[1 2]"
    with pytest.raises(IndexError):
        core("assoc")(v(1), 5, 2)
    with pytest.raises(IllegalArgumentException):
        core("assoc")(m(), A, 1, B)
    assert pr(core("dissoc")(m(A, 1, B, 2), A)) == "{:b 2}"
    assert pr(core("dissoc")(m(A, 1, B, 2), A, B)) == "{}"
    mm = m(A, 1)
    assert core("dissoc")(mm) is mm
    assert core("dissoc")(None, A) is None
    s = core("hash-set")(1, 2, 3)
    assert pr(core("disj")(s, 1, 2)) == "#{3}"
    assert core("disj")(s) is s
    assert core("disj")(None, 1) is None


def test_assoc_in_update_in():
    assert pr(core("assoc-in")(m(), v(A, B), 1)) == "{:a {:b 1}}"
    assert pr(core("assoc-in")(v(m(A, 1)), v(0, A), 2)) == "[{:a 2}]"
    assert pr(core("assoc-in")(m(A, m(B, 1)), v(A, C), 2)) == "{:a {:b 1, :c 2}}"
    assert pr(core("update")(m(A, 1), A, core("inc"))) == "{:a 2}"
    assert pr(core("update")(m(), A, core("fnil")(core("inc"), 0))) == "{:a 1}"
    assert pr(core("update")(m(A, 1), A, core("+"), 10, 100)) == "{:a 111}"
    assert pr(core("update")(v(1, 2), 1, core("inc"))) == "[1 3]"
    assert pr(core("update-in")(m(A, m(B, 1)), v(A, B), core("inc"))) == "{:a {:b 2}}"
    assert pr(core("update-in")(m(), v(A, B), core("conj"), 1)) == "{:a {:b (1)}}"
    assert pr(core("update-in")(m(A, 1), v(A), core("*"), 2, 3)) == "{:a 6}"
    assert pr(core("update-vals")(m(A, 1, B, 2), core("inc"))) == "{:a 2, :b 3}"
    assert pr(core("update-keys")(m(A, 1), core("name"))) == '{"a" 1}'


def test_contains_find_keys_vals():
    assert core("contains?")(m(A, None), A) is True
    assert core("contains?")(v(1, 2), 1) is True
    assert core("contains?")(v(1, 2), 2) is False
    assert core("contains?")(core("hash-set")(A), A) is True
    assert core("contains?")(None, A) is False
    assert core("contains?")("abc", 2) is True
    with pytest.raises(IllegalArgumentException, match="contains\\? not supported"):
        core("contains?")(lst(1), 0)
    e = core("find")(m(A, 1), A)
    assert core("key")(e) is A and core("val")(e) == 1
    assert core("find")(m(A, 1), B) is None
    assert pr(core("find")(v(5, 6), 1)) == "[1 6]"
    assert pr(core("keys")(m(A, 1, B, 2))) == "(:a :b)"
    assert pr(core("vals")(m(A, 1, B, 2))) == "(1 2)"
    assert core("keys")(m()) is None
    assert core("vals")(None) is None
    assert pr(core("keys")(core("sorted-map")(B, 1, A, 2))) == "(:a :b)"
    with pytest.raises(TypeError):
        core("key")(v(1, 2))


def test_empty_family():
    assert core("empty?")(None) and core("empty?")(v()) and core("empty?")("")
    assert core("empty?")(lst()) and core("empty?")(m())
    assert not core("empty?")(v(1))
    assert core("empty?")(core("filter")(core("neg?"), v(1, 2)))
    assert not core("empty?")(core("range")())
    assert core("not-empty")(v()) is None
    x = v(1)
    assert core("not-empty")(x) is x
    assert pr(core("empty")(v(1))) == "[]"
    assert pr(core("empty")(m(A, 1))) == "{}"
    assert core("empty")(None) is None
    assert core("empty")("abc") is None
    assert core("seq")(v()) is None
    assert pr(core("seq")(v(1))) == "(1)"
    assert pr(core("seq")("ab")) == "(\\a \\b)"


def test_peek_pop():
    assert core("peek")(v(1, 2)) == 2
    assert core("peek")(lst(1, 2)) == 1
    assert core("peek")(None) is None
    assert pr(core("pop")(v(1, 2))) == "[1]"
    assert pr(core("pop")(lst(1, 2))) == "(2)"
    assert core("pop")(None) is None
    with pytest.raises(IllegalStateException, match="Can't pop empty vector"):
        core("pop")(v())


def test_nthnext_nthrest():
    assert pr(core("nthnext")(v(1, 2, 3), 1)) == "(2 3)"
    assert core("nthnext")(v(1, 2, 3), 3) is None
    assert pr(core("nthnext")(v(1, 2), 0)) == "(1 2)"
    assert core("nthnext")(v(), 0) is None
    assert pr(core("nthrest")(v(1, 2, 3), 2)) == "(3)"
    assert pr(core("nthrest")(v(1, 2, 3), 5)) == "()"
    x = v(1)
    assert core("nthrest")(x, 0) is x
    assert pr(core("nthrest")(core("range")(), 3).first()) == "3"


def test_merge():
    assert core("merge")() is None
    assert core("merge")(None) is None
    assert core("merge")(None, None) is None
    assert pr(core("merge")(m(A, 1), m(A, 2, B, 3))) == "{:a 2, :b 3}"
    assert pr(core("merge")(None, m(A, 1))) == "{:a 1}"
    assert pr(core("merge")(m(A, 1), None)) == "{:a 1}"
    assert pr(core("merge-with")(core("+"), m(A, 1, B, 2), m(A, 10), m(B, 5))) == "{:a 11, :b 7}"
    assert core("merge-with")(core("+")) is None
    assert pr(core("merge-with")(core("+"), None, m(A, 1))) == "{:a 1}"


def test_select_keys_zipmap():
    assert pr(core("select-keys")(m(A, 1, B, 2), v(A, C))) == "{:a 1}"
    assert pr(core("select-keys")(None, v(A))) == "{}"
    assert pr(core("select-keys")(m(A, None), v(A))) == "{:a nil}"
    assert pr(core("zipmap")(v(A, B, C), v(1, 2))) == "{:a 1, :b 2}"
    assert pr(core("zipmap")(core("range")(), v(A))) == "{0 :a}"
    assert pr(core("zipmap")(None, None)) == "{}"


def test_subvec_rseq():
    assert pr(core("subvec")(v(1, 2, 3, 4), 1, 3)) == "[2 3]"
    assert pr(core("subvec")(v(1, 2, 3), 1)) == "[2 3]"
    with pytest.raises(IndexError):
        core("subvec")(v(1), 0, 2)
    assert pr(core("rseq")(v(1, 2, 3))) == "(3 2 1)"
    assert core("rseq")(v()) is None
    with pytest.raises(TypeError):
        core("rseq")(lst(1))
