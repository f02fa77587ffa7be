import threading

import pytest

from pyjank.runtime import core_vars as cv
from pyjank.runtime.exceptions import IllegalArgumentException
from pyjank.runtime.namespaces import CORE_NS, Namespace, find_or_create_ns
from pyjank.runtime.vars import IllegalStateException, Var, bindings

from ._support import core, kw, m, sym


def fresh_ns(name):
    core("remove-ns")(sym(name))
    return core("create-ns")(sym(name))


def dynamic_var(ns, name, root):
    var = ns.intern(name)
    var.bind_root(root)
    var.set_dynamic()
    return var


def test_var_get_set_alter():
    ns = fresh_ns("corelib.test.vars")
    var = dynamic_var(ns, "x", 1)
    assert core("var-get")(var) == 1
    with pytest.raises(IllegalStateException):
        core("var-set")(var, 2)
    with bindings([(var, 10)]):
        assert core("var-set")(var, 11) == 11
        assert core("var-get")(var) == 11
    assert core("var-get")(var) == 1
    assert core("alter-var-root")(var, core("+"), 5) == 6
    assert var.root == 6


def test_find_var_and_intern():
    ns = fresh_ns("corelib.test.intern")
    v1 = core("intern")(ns, sym("a"))
    assert isinstance(v1, Var) and not core("bound?")(v1)
    v2 = core("intern")(
        sym("corelib.test.intern"), core("with-meta")(sym("b"), m(kw("doc"), "d")), 5
    )
    assert v2.root == 5 and core("meta")(v2) == m(kw("doc"), "d")
    assert core("find-var")(sym("corelib.test.intern/b")) is v2
    assert core("find-var")(sym("corelib.test.intern/zzz")) is None
    assert core("find-var")(sym("clojure.core/map")) is CORE_NS.find_interned_var("map")
    with pytest.raises(IllegalArgumentException):
        core("find-var")(sym("unqualified"))
    with pytest.raises(IllegalArgumentException):
        core("find-var")(sym("no.such.ns.anywhere/x"))
    with pytest.raises(IllegalArgumentException):
        core("intern")(sym("no.such.ns.anywhere"), sym("x"))


def test_bound_and_thread_bound():
    ns = fresh_ns("corelib.test.bound")
    a = dynamic_var(ns, "a", 1)
    b = ns.intern("b")
    assert core("bound?")(a) and not core("bound?")(a, b)
    assert not core("thread-bound?")(a)
    with bindings([(a, 2)]):
        assert core("thread-bound?")(a)


def test_push_pop_get_thread_bindings():
    ns = fresh_ns("corelib.test.push")
    a = dynamic_var(ns, "a", 1)
    core("push-thread-bindings")(m(a, 2))
    try:
        assert a.deref() == 2
        assert core("get-thread-bindings")().val_at(a) == 2
    finally:
        core("pop-thread-bindings")()
    assert a.deref() == 1
    assert core("get-thread-bindings")().val_at(a) is None
    with pytest.raises(IllegalStateException):
        core("push-thread-bindings")(m(ns.intern("static"), 1))


def test_with_bindings_and_bound_fn():
    ns = fresh_ns("corelib.test.bf")
    a = dynamic_var(ns, "a", 1)
    assert core("with-bindings*")(m(a, 5), lambda x: a.deref() + x, 1) == 6
    assert a.deref() == 1
    with bindings([(a, 7)]):
        f = core("bound-fn*")(lambda: a.deref())
    result = []
    t = threading.Thread(target=lambda: result.append(f()))
    t.start()
    t.join()
    assert result == [7]


def test_namespace_registry_fns():
    ns = fresh_ns("corelib.test.reg")
    assert isinstance(ns, Namespace)
    assert core("create-ns")(sym("corelib.test.reg")) is ns
    assert core("find-ns")(sym("corelib.test.reg")) is ns
    assert core("find-ns")(sym("corelib.test.absent")) is None
    assert core("the-ns")(ns) is ns
    assert core("the-ns")(sym("corelib.test.reg")) is ns
    with pytest.raises(IllegalArgumentException):
        core("the-ns")(sym("corelib.test.absent"))
    assert core("ns-name")(ns) == sym("corelib.test.reg")
    assert ns in list(core("all-ns")())
    assert core("remove-ns")(sym("corelib.test.reg")) is ns
    assert core("find-ns")(sym("corelib.test.reg")) is None
    with pytest.raises(IllegalArgumentException):
        core("remove-ns")(sym("clojure.core"))


def test_ns_maps():
    ns = fresh_ns("corelib.test.maps")
    other = fresh_ns("corelib.test.other")
    pub = ns.intern("pub")
    priv = ns.intern("priv")
    priv.reset_meta(m(kw("private"), True))
    ref = other.intern("r")
    ns.refer("r", ref)
    ns.import_host("Str", str)
    ns.add_alias("o", other)
    assert core("ns-interns")(ns) == m(sym("pub"), pub, sym("priv"), priv)
    assert core("ns-publics")(ns) == m(sym("pub"), pub)
    assert core("ns-refers")(ns) == m(sym("r"), ref)
    assert core("ns-imports")(ns) == m(sym("Str"), str)
    assert core("ns-aliases")(ns) == m(sym("o"), other)
    assert core("count")(core("ns-map")(ns)) == 4
    core("ns-unmap")(ns, sym("pub"))
    assert core("ns-interns")(ns) == m(sym("priv"), priv)
    core("ns-unalias")(ns, sym("o"))
    assert core("ns-aliases")(ns) == m()


def test_resolve():
    ns = fresh_ns("corelib.test.resolve")
    other = fresh_ns("corelib.test.target")
    x = other.intern("x")
    ns.add_alias("t", other)
    ns.refer("map", CORE_NS.find_interned_var("map"))
    own = ns.intern("own")
    assert core("ns-resolve")(ns, sym("own")) is own
    assert core("ns-resolve")(ns, sym("map")) is CORE_NS.find_interned_var("map")
    assert core("ns-resolve")(ns, sym("t/x")) is x
    assert core("ns-resolve")(ns, sym("corelib.test.target/x")) is x
    assert core("ns-resolve")(ns, sym("t/missing")) is None
    assert core("ns-resolve")(ns, sym("nope/x")) is None
    assert core("ns-resolve")(ns, sym("unknown")) is None
    assert core("ns-resolve")(ns, m(sym("own"), True), sym("own")) is None
    with bindings([(cv.NS, ns)]):
        assert core("resolve")(sym("own")) is own
        assert core("resolve")(m(), sym("own")) is own


def test_namespace_munge():
    assert core("namespace-munge")(sym("my-lib.core-fns")) == "my_lib.core_fns"
    assert core("namespace-munge")("a-b") == "a_b"


def test_core_namespace_helper():
    assert find_or_create_ns("clojure.core") is CORE_NS
