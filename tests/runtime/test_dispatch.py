"""The Python side of protocols, multimethods, hierarchies and JVM classes: what Python code
calling into them sees (runtime/protocols.py, multimethods.py, hierarchy.py, jvm_classes.py)."""

from __future__ import annotations

import numbers

import pytest

from pyjank.runtime import hierarchy as hy
from pyjank.runtime.exceptions import IllegalArgumentException, class_name
from pyjank.runtime.jvm_classes import (
    Double,
    Integer,
    Long,
    Number,
    String,
    is_subclass,
    mro,
    supers,
)
from pyjank.runtime.jvm_names import lookup
from pyjank.runtime.multimethods import MultiFn
from pyjank.runtime.protocols import NoneType, Protocol
from pyjank.runtime.refs import Atom
from pyjank.runtime.symbols import keyword

K = keyword


def test_jvm_classes_stand_for_their_host_types():
    assert Long == int and int == Long and hash(Long) == hash(int)  # noqa: E721 - the point
    assert {int: 1}[Long] == 1 and {Long: 1}[int] == 1
    assert Long == Integer and Long != Double
    assert isinstance(5, Long) and not isinstance(True, Long) and not isinstance(5.0, Long)
    assert isinstance(1.5, Number) and not isinstance(True, Number)
    assert issubclass(Long, Number) and issubclass(int, Number) and not issubclass(bool, Number)
    assert Long("12") == 12 and String(None) == "null"
    assert class_name(Long) == "java.lang.Long" and class_name(int) == "int"


def test_bool_is_no_int():
    assert mro(bool) == (bool, object)
    assert supers(bool) == (object,)
    assert is_subclass(bool, object) and not is_subclass(bool, int)
    assert not is_subclass(bool, numbers.Number)


def test_lookup_of_jvm_names():
    assert lookup("String") is String and lookup("java.lang.String") is String
    assert lookup("clojure.lang.MultiFn") is MultiFn
    assert lookup("NoSuchClass") is None


def test_protocol_dispatch_from_python():
    p = Protocol("user/P", {"f": [[K("x")]], "g": [[K("x"), K("y")], [K("x")]]}, None, False)
    f, g = p.methods["f"], p.methods["g"]
    p.extend(object, {"f": lambda x: "object"})
    p.extend(numbers.Number, {"f": lambda x: "number"})
    p.extend(int, {"f": lambda x: "int", "g": lambda x, y=0: x + y})
    assert [f(1), f(1.5), f(True), f("s")] == ["int", "number", "object", "object"]
    assert [g(1), g(1, 2)] == [1, 3]
    with pytest.raises(IllegalArgumentException, match="found for class: nil"):
        f(None)
    p.extend(NoneType, {"f": lambda x: "nil"})
    assert f(None) == "nil"
    p.extend(int, {"f": lambda x: "int again"})
    assert f(1) == "int again"
    with pytest.raises(IllegalArgumentException, match=r"method: :g of protocol: #'user/P"):
        g(1.5, 1)
    assert p.satisfies(1) and p.satisfies("s") and sorted(map(str, p.extenders()))


def test_multifn_from_python():
    h = Atom(hy.make_hierarchy())
    mf = MultiFn("m", lambda x: x, K("default"), h)
    mf.add_method(K("b"), lambda x: "b")
    mf.add_method(K("default"), lambda x: "default")
    assert mf(K("a")) == "default"
    h.swap(lambda hh: hy.derive(hh, K("a"), K("b")))
    assert mf(K("a")) == "b"
    assert mf.get_method(K("zzz"))(None) == "default"
    mf.remove_method(K("default"))
    with pytest.raises(IllegalArgumentException, match="No method in multimethod 'm'"):
        mf(K("zzz"))


def test_hierarchy_functions():
    h = hy.derive(hy.derive(hy.make_hierarchy(), K("a"), K("b")), K("b"), K("c"))
    assert hy.isa(h, K("a"), K("c")) and not hy.isa(h, K("c"), K("a"))
    assert set(hy.ancestors(h, K("a"))) == {K("b"), K("c")}
    assert set(hy.descendants(h, K("c"))) == {K("a"), K("b")}
    assert hy.isa(h, int, object) and hy.isa(h, int, Long) and not hy.isa(h, bool, int)
    assert set(hy.parents(h, bool)) == {object}
    assert hy.underive(hy.underive(h, K("a"), K("b")), K("b"), K("c")) == hy.make_hierarchy()
