import pytest

from pyjank.runtime.exceptions import ExceptionInfo
from pyjank.runtime.namespaces import find_or_create_ns
from pyjank.runtime.vectors import PersistentVector

from ._support import core, kw, lst, m, sym, v

META = m(kw("tag"), 1)


def test_meta_and_with_meta():
    x = core("with-meta")(v(1, 2), META)
    assert core("meta")(x) is META
    assert x == v(1, 2)
    assert core("meta")(v(1)) is None
    assert core("meta")(5) is None
    assert core("meta")(None) is None
    s = core("with-meta")(sym("a"), META)
    assert core("meta")(s) is META
    lz = core("with-meta")(core("map")(core("inc"), v(1)), META)
    assert core("meta")(lz) is META and list(lz) == [2]
    with pytest.raises(TypeError):
        core("with-meta")(5, META)


def test_with_meta_on_functions():
    f = core("with-meta")(core("inc"), META)
    assert f(1) == 2
    assert core("meta")(f) is META
    assert core("fn?")(f)
    g = core("with-meta")(f, m())
    assert core("meta")(g) == m() and core("meta")(f) is META


def test_vary_meta():
    x = core("vary-meta")(v(1), core("assoc"), kw("a"), 1)
    assert core("meta")(x) == m(kw("a"), 1)
    y = core("vary-meta")(x, core("dissoc"), kw("a"))
    assert core("meta")(y) == m()


def test_alter_and_reset_meta_on_references():
    a = core("atom")(0)
    assert core("reset-meta!")(a, META) is META
    assert core("meta")(a) is META
    assert core("alter-meta!")(a, core("assoc"), kw("b"), 2) == m(kw("tag"), 1, kw("b"), 2)
    var = find_or_create_ns("corelib.test.meta").intern("x")
    core("reset-meta!")(var, m())
    core("alter-meta!")(var, core("assoc"), kw("doc"), "hi")
    assert core("meta")(var) == m(kw("doc"), "hi")
    ns = find_or_create_ns("corelib.test.meta")
    core("alter-meta!")(ns, core("assoc"), kw("n"), 1)
    assert core("meta")(ns) == m(kw("n"), 1)
    with pytest.raises(TypeError):
        core("alter-meta!")(v(), core("assoc"), 1, 2)
    with pytest.raises(TypeError):
        core("reset-meta!")(v(), m())


def test_class_type_instance():
    assert core("class")(None) is None
    assert core("class")(1) is int
    assert core("class")(v()) is PersistentVector
    assert core("type")(v()) is PersistentVector
    assert core("type")(core("with-meta")(v(), m(kw("type"), kw("my/type")))) is kw("my/type")
    inst = core("instance?")
    assert inst(int, 1)
    assert not inst(int, True)
    assert inst(bool, True)
    assert inst(object, True)
    assert inst(Exception, ExceptionInfo("m", m()))
    assert not inst(str, None)
    from pyjank.runtime.interfaces import IPersistentMap, ISeq

    assert inst(IPersistentMap, m())
    assert inst(ISeq, lst(1))
    with pytest.raises(TypeError):
        inst(5, 1)
    assert core("cast")(int, 5) == 5
    assert core("cast")(int, None) is None
    with pytest.raises(TypeError):
        core("cast")(int, "a")
