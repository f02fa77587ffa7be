import concurrent.futures
import threading

import pytest

from pyjank.runtime.exceptions import IllegalArgumentException
from pyjank.runtime.refs import Atom, Delay
from pyjank.runtime.vars import IllegalStateException

from ._support import core, kw, m, pr, v

inc = core("inc")


def test_atom_basics():
    a = core("atom")(0)
    assert isinstance(a, Atom)
    assert core("deref")(a) == 0
    assert core("swap!")(a, inc) == 1
    assert core("swap!")(a, core("+"), 10, 20) == 31
    assert core("reset!")(a, 5) == 5
    assert pr(core("swap-vals!")(a, inc)) == "[5 6]"
    assert pr(core("reset-vals!")(a, 0)) == "[6 0]"
    assert core("compare-and-set!")(a, 0, 1) is True
    assert core("compare-and-set!")(a, 0, 2) is False
    assert core("deref")(a) == 1


def test_atom_options_and_validators():
    meta = m(kw("x"), 1)
    a = core("atom")(1, kw("meta"), meta, kw("validator"), core("pos?"))
    assert core("meta")(a) is meta
    assert core("get-validator")(a) is core("pos?")
    with pytest.raises(IllegalStateException):
        core("swap!")(a, core("-"))
    assert core("deref")(a) == 1
    with pytest.raises(IllegalStateException):
        core("atom")(-1, kw("validator"), core("pos?"))
    with pytest.raises(IllegalStateException):
        core("set-validator!")(a, core("neg?"))
    core("set-validator!")(a, None)
    core("reset!")(a, -5)
    assert core("deref")(a) == -5
    with pytest.raises(IllegalArgumentException):
        core("atom")(1, kw("meta"))


def test_watches():
    a = core("atom")(0)
    seen = []
    assert core("add-watch")(a, kw("w"), lambda k, r, old, new: seen.append((k, r, old, new))) is a
    core("swap!")(a, inc)
    assert seen == [(kw("w"), a, 0, 1)]
    core("remove-watch")(a, kw("w"))
    core("swap!")(a, inc)
    assert len(seen) == 1


def test_var_watches():
    from pyjank.runtime.namespaces import find_or_create_ns

    var = find_or_create_ns("corelib.test.watch").intern("x")
    var.bind_root(1)
    seen = []
    core("add-watch")(var, kw("k"), lambda k, r, old, new: seen.append((old, new)))
    core("alter-var-root")(var, inc)
    assert seen == [(1, 2)]
    core("remove-watch")(var, kw("k"))
    core("alter-var-root")(var, inc)
    assert seen == [(1, 2)]


def test_swap_is_atomic_under_threads():
    a = core("atom")(0)

    def work():
        for _ in range(2000):
            core("swap!")(a, inc)

    ts = [threading.Thread(target=work) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert core("deref")(a) == 8000


def test_swap_on_non_atom():
    with pytest.raises(TypeError):
        core("swap!")(v(1), inc)


def test_deref_variants():
    d = core("delay*")(lambda: 42)
    assert core("deref")(d) == 42
    with concurrent.futures.ThreadPoolExecutor(1) as ex:
        fut = ex.submit(lambda: 7)
        assert core("deref")(fut) == 7
        slow = ex.submit(threading.Event().wait, 1)
        assert core("deref")(slow, 10, kw("timeout")) is kw("timeout")
    with pytest.raises(TypeError):
        core("deref")(5)


def test_volatiles():
    vol = core("volatile!")(1)
    assert core("volatile?")(vol) and not core("volatile?")(core("atom")(1))
    assert core("vreset!")(vol, 5) == 5
    assert core("vswap!")(vol, core("+"), 2) == 7
    assert core("deref")(vol) == 7


def test_reduced_fns():
    r = core("reduced")(1)
    assert core("reduced?")(r) and not core("reduced?")(1)
    assert core("deref")(r) == 1
    assert core("unreduced")(r) == 1 and core("unreduced")(2) == 2
    assert core("ensure-reduced")(r) is r
    assert core("reduced?")(core("ensure-reduced")(3))


def test_delays():
    calls = []
    d = core("delay*")(lambda: calls.append(1) or len(calls))
    assert isinstance(d, Delay)
    assert core("realized?")(d) is False
    assert core("force")(d) == 1 and core("force")(d) == 1
    assert core("realized?")(d) is True
    assert calls == [1]
    assert core("force")(5) == 5
    assert core("delay?")(d) and not core("delay?")(5)

    def boom():
        raise ValueError("x")

    bad = core("delay*")(boom)
    for _ in range(2):
        with pytest.raises(ValueError):
            core("deref")(bad)


def test_realized_on_lazy_seqs():
    s = core("map")(inc, v(1))
    assert core("realized?")(s) is False
    core("seq")(s)
    assert core("realized?")(s) is True
    with pytest.raises(TypeError):
        core("realized?")(1)
