import pytest

from ._support import core, kw, m, pr, v

inc = core("inc")
plus = core("+")


def test_apply():
    apply = core("apply")
    assert apply(plus, v(1, 2, 3)) == 6
    assert apply(plus, 1, 2, v(3)) == 6
    assert apply(plus, None) == 0
    assert apply(plus, 1, None) == 1
    assert apply(core("str"), "ab") == "ab"
    assert apply(core("vector"), core("range")(3)) == v(0, 1, 2)
    assert apply(core("hash-map"), v(kw("a"), 1)) == m(kw("a"), 1)
    assert pr(apply(core("list"), m(kw("a"), 1))) == "([:a 1])"
    with pytest.raises(TypeError):
        apply(plus)


def test_identity_constantly_complement():
    assert core("identity")(5) == 5
    k = core("constantly")(7)
    assert k() == 7 and k(1, 2, 3) == 7
    odd = core("complement")(core("even?"))
    assert odd(3) is True and odd(2) is False
    truthy = core("complement")(core("nil?"))
    assert truthy(0) is True
    assert core("complement")(lambda *xs: None)(1, 2) is True


def test_partial():
    add5 = core("partial")(plus, 2, 3)
    assert add5() == 5 and add5(1) == 6 and add5(1, 1) == 7
    assert core("partial")(inc) is inc
    assert core("fn?")(add5)


def test_comp():
    comp = core("comp")
    assert comp()(5) == 5
    assert comp(inc) is inc
    assert comp(inc, plus)(1, 2) == 4
    assert comp(core("str"), inc, plus)(1, 2) == "4"
    assert comp(core("vector"), core("first"), core("rest"))(v(1, 2, 3)) == v(2)


def test_juxt():
    j = core("juxt")(core("first"), core("count"), core("last"))
    assert pr(j(v(1, 2, 3))) == "[1 3 3]"
    assert pr(core("juxt")(plus)(1, 2)) == "[3]"


def test_fnil():
    f = core("fnil")(plus, 0)
    assert f(None, 1) == 1
    assert f(5, 1) == 6
    g = core("fnil")(core("vector"), 1, 2, 3)
    assert pr(g(None, None, None)) == "[1 2 3]"
    assert pr(g(None, False, None, None)) == "[1 false 3 nil]"
    assert pr(core("fnil")(core("conj"), v())(None, 1)) == "[1]"


def test_memoize():
    calls = []

    def f(x, y=0):
        calls.append(x)
        return x + y

    mf = core("memoize")(f)
    assert mf(1) == 1 and mf(1) == 1
    assert calls == [1]
    mf(1.0)
    mf(True)
    assert len(calls) == 3  # 1, 1.0 and true are different keys, as Clojure's = says
    mv = core("memoize")(lambda c: core("count")(c))
    mv(v(1, 2))
    assert mv(core("list")(1, 2)) == 2
    mu = core("memoize")(lambda x: 1)
    assert mu(bytearray(b"unhashable")) == 1


def test_every_pred_some_fn():
    ep = core("every-pred")(core("odd?"), core("pos?"))
    assert ep(1, 3, 5) is True and ep(1, -1) is False and ep() is True
    sf = core("some-fn")(core("even?"), lambda x: x > 10 and x)
    assert sf(1, 3) is False
    assert sf(1, 2) is True
    assert core("some-fn")(lambda x: None)(1) is None
    assert core("some-fn")(lambda x: x > 10 and x)(1, 11) == 11


def test_trampoline():
    def even(n):
        return True if n == 0 else (lambda: odd(n - 1))

    def odd(n):
        return False if n == 0 else (lambda: even(n - 1))

    assert core("trampoline")(even, 100_001) is False
    assert core("trampoline")(plus, 1, 2) == 3
