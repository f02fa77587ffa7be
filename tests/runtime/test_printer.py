"""The printer (runtime/printer.py): Clojure's exact output and the *print-...* vars."""

import io
import math
import re
import uuid
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal as D
from fractions import Fraction as F

import pytest

from pyjank.runtime import core_vars as cv
from pyjank.runtime.characters import char
from pyjank.runtime.exceptions import ExceptionInfo
from pyjank.runtime.lists import EMPTY_LIST, list_
from pyjank.runtime.maps import array_map, hash_map
from pyjank.runtime.namespaces import find_or_create_ns
from pyjank.runtime.printer import (
    pr_on,
    pr_str,
    print_on,
    print_str,
    register_print_method,
    remove_print_method,
    str_,
)
from pyjank.runtime.seqs import cons, iterate, lazy_seq, range_
from pyjank.runtime.sets import hash_set
from pyjank.runtime.sorted import sorted_map, sorted_set
from pyjank.runtime.symbols import keyword, symbol
from pyjank.runtime.vars import bindings
from pyjank.runtime.vectors import EMPTY_VECTOR, MapEntry, vector

kw = keyword


@pytest.mark.parametrize(
    "value,text",
    [
        (None, "nil"),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (-42, "-42"),
        (2**63 - 1, "9223372036854775807"),
        (2**63, "9223372036854775808N"),
        (-(2**63) - 1, "-9223372036854775809N"),
        (1.0, "1.0"),
        (-2.5, "-2.5"),
        (1e10, "1.0E10"),
        (1.5e-7, "1.5E-7"),
        (math.inf, "##Inf"),
        (-math.inf, "##-Inf"),
        (math.nan, "##NaN"),
        (F(1, 3), "1/3"),
        (F(-7, 2), "-7/2"),
        (D("1.5"), "1.5M"),
        (D("1E+2"), "1E+2M"),
        ("", '""'),
        ('a"b\\c', '"a\\"b\\\\c"'),
        ("a\nb\tc\rd\fe\bf", '"a\\nb\\tc\\rd\\fe\\bf"'),
        ("λ☃\u0001", '"λ☃\u0001"'),
        (char("a"), "\\a"),
        (char("\n"), "\\newline"),
        (char(" "), "\\space"),
        (char("\t"), "\\tab"),
        (char("\b"), "\\backspace"),
        (char("\f"), "\\formfeed"),
        (char("\r"), "\\return"),
        (char("λ"), "\\λ"),
        (char("\\"), "\\\\"),
        (char("\0"), "\\u0000"),
        (char("\x7f"), "\\u007F"),
        (kw("a"), ":a"),
        (kw("ns", "b"), ":ns/b"),
        (symbol("x"), "x"),
        (symbol("clojure.core", "+"), "clojure.core/+"),
        (re.compile(r"a\d+"), '#"a\\d+"'),
        (re.compile('say "hi"'), '#"say \\"hi\\""'),
        (re.compile(r"esc\"aped"), '#"esc\\"aped"'),
        (
            uuid.UUID("00000000-0000-0000-0000-00000000002a"),
            '#uuid "00000000-0000-0000-0000-00000000002a"',
        ),
        (datetime(2020, 1, 1, tzinfo=UTC), '#inst "2020-01-01T00:00:00.000-00:00"'),
        (
            datetime(2020, 1, 1, 1, 30, 0, 250000, tzinfo=timezone(timedelta(hours=1))),
            '#inst "2020-01-01T00:30:00.250-00:00"',
        ),
        (datetime(2020, 1, 1, 0, 0, 0, 123456), '#inst "2020-01-01T00:00:00.123456-00:00"'),
        (str, "str"),
    ],
)
def test_scalars(value, text):
    assert pr_str(value) == text


def test_collections():
    assert pr_str(vector(1, "a", kw("b"))) == '[1 "a" :b]'
    assert pr_str(EMPTY_VECTOR) == "[]"
    assert pr_str(list_(1, 2)) == "(1 2)"
    assert pr_str(EMPTY_LIST) == "()"
    assert pr_str(array_map(kw("a"), 1, kw("b"), 2)) == "{:a 1, :b 2}"
    assert pr_str(hash_map()) == "{}"
    assert pr_str(hash_set(1)) == "#{1}"
    assert pr_str(hash_set()) == "#{}"
    assert pr_str(MapEntry(kw("a"), 1)) == "[:a 1]"
    assert pr_str(sorted_map(3, "c", 1, "a")) == '{1 "a", 3 "c"}'
    assert pr_str(sorted_set(3, 1, 2)) == "#{1 2 3}"
    assert pr_str(cons(0, vector(1))) == "(0 1)"
    assert pr_str(range_(3)) == "(0 1 2)"
    assert pr_str(lazy_seq(lambda: list_(1, 2))) == "(1 2)"
    assert pr_str(lazy_seq(lambda: None)) == "()"
    nested = vector(array_map(kw("k"), list_(hash_set(vector()))), "s")
    assert pr_str(nested) == '[{:k (#{[]})} "s"]'


def test_python_collections_print_like_clojure_ones():
    assert pr_str([1, "a"]) == '(1 "a")'
    assert pr_str((1,)) == "(1)"
    assert pr_str({"a": [1]}) == '{"a" (1)}'
    assert pr_str({2}) == "#{2}"


def test_print_str_is_not_readable():
    v = vector("a b", char("c"), list_("d"), array_map("k", char("\n")))
    assert print_str(v) == "[a b c (d) {k \n}]"
    assert print_str("x") == "x" and print_str(char("y")) == "y" and print_str(None) == "nil"
    assert print_str(re.compile('"')) == '#"\\""'


def test_print_readably_false():
    with bindings([(cv.PRINT_READABLY, False)]):
        assert pr_str(vector("a", char("b"))) == "[a b]"
    with bindings([(cv.PRINT_READABLY, None)]):
        assert pr_str("a") == "a"


def test_str():
    assert str_(None) == ""
    assert str_("abc") == "abc"
    assert str_(kw("a")) == ":a" and str_(kw("n", "a")) == ":n/a"
    assert str_(symbol("n", "s")) == "n/s"
    assert str_(1) == "1" and str_(2**64) == "18446744073709551616"
    assert str_(1.0) == "1.0" and str_(1e10) == "1.0E10"
    assert str_(math.inf) == "Infinity" and str_(-math.inf) == "-Infinity"
    assert str_(math.nan) == "NaN"
    assert str_(F(1, 2)) == "1/2" and str_(D("1.50")) == "1.50"
    assert str_(char("a")) == "a" and str_(True) == "true" and str_(False) == "false"
    assert str_(vector(1, "a")) == '[1 "a"]'
    assert str_(list_(1, 2)) == "(1 2)"
    assert str_(array_map(kw("a"), "b")) == '{:a "b"}'
    assert str_(range_(3)) == "(0 1 2)"
    assert re.fullmatch(r"clojure\.lang\.LazySeq@[0-9a-f]+", str_(lazy_seq(lambda: list_(1))))
    assert str_(re.compile("a.b")) == "a.b"
    assert str_(find_or_create_ns("user")) == "user"
    assert str_(uuid.UUID(int=1)) == "00000000-0000-0000-0000-000000000001"
    assert str_(datetime(2020, 1, 1, tzinfo=UTC)) == "Wed Jan 01 00:00:00 UTC 2020"
    assert str_(ValueError("bad")) == "ValueError: bad"
    assert str_(ValueError()) == "ValueError"
    e = ExceptionInfo("boom", array_map(kw("a"), 1))
    assert str_(e) == "clojure.lang.ExceptionInfo: boom {:a 1}"
    with bindings([(cv.PRINT_READABLY, False)]):
        assert str_(vector("a")) == "[a]"
    with bindings([(cv.PRINT_META, True)]):
        assert str_(symbol("s").with_meta(array_map(kw("a"), 1))) == "s"


def test_print_length():
    with bindings([(cv.PRINT_LENGTH, 2)]):
        assert pr_str(vector(1, 2, 3)) == "[1 2 ...]"
        assert pr_str(vector(1, 2)) == "[1 2]"
        assert pr_str(iterate(lambda x: x + 1, 0)) == "(0 1 ...)"  # infinite, not realised
        assert pr_str(array_map(1, 2, 3, 4, 5, 6)) == "{1 2, 3 4, ...}"
        assert pr_str(vector(vector(1, 2, 3))) == "[[1 2 ...]]"
    with bindings([(cv.PRINT_LENGTH, 0)]):
        assert pr_str(vector(1)) == "[...]"
        assert pr_str(vector()) == "[]"


def test_print_level():
    v = vector(1, vector(2, vector(3)), array_map(kw("a"), vector()))
    with bindings([(cv.PRINT_LEVEL, 0)]):
        assert pr_str(v) == "#"
        assert pr_str(1) == "1"
    with bindings([(cv.PRINT_LEVEL, 1)]):
        assert pr_str(v) == "[1 # #]"
    with bindings([(cv.PRINT_LEVEL, 2)]):
        assert pr_str(v) == "[1 [2 #] {:a #}]"


def test_print_meta():
    m = array_map(kw("a"), 1)
    sym = symbol("x").with_meta(m)
    v = vector(sym).with_meta(array_map(kw("line"), 3))
    assert pr_str(v) == "[x]"
    with bindings([(cv.PRINT_META, True)]):
        assert pr_str(sym) == "^{:a 1} x"
        assert pr_str(v) == "^{:line 3} [^{:a 1} x]"
        assert pr_str(symbol("s").with_meta(array_map(kw("tag"), symbol("String")))) == (
            "^String s"
        )
        assert pr_str(vector(1).with_meta(hash_map())) == "[1]"
        assert pr_str(kw("k")) == ":k"
        with bindings([(cv.PRINT_READABLY, False)]):
            assert pr_str(sym) == "x"  # meta prints only when printing readably


def test_print_namespace_maps():
    m = array_map(kw("x", "a"), 1, kw("x", "b"), array_map(kw("y", "c"), 2))
    assert pr_str(m) == "{:x/a 1, :x/b {:y/c 2}}"
    with bindings([(cv.PRINT_NAMESPACE_MAPS, True)]):
        assert pr_str(m) == "#:x{:a 1, :b #:y{:c 2}}"
        assert pr_str(array_map(kw("x", "a"), 1, kw("b"), 2)) == "{:x/a 1, :b 2}"
        assert pr_str(array_map(kw("x", "a"), 1, kw("z", "b"), 2)) == "{:x/a 1, :z/b 2}"
        assert pr_str(array_map(symbol("x", "a"), 1)) == "#:x{a 1}"
        assert pr_str(array_map("x/a", 1)) == '{"x/a" 1}'
        assert pr_str(hash_map()) == "{}"


def test_vars_namespaces_and_objects():
    ns = find_or_create_ns("printer.test")
    var = ns.intern("x")
    assert pr_str(var) == "#'printer.test/x"
    assert pr_str(ns) == "#namespace[printer.test]"

    def f():
        pass

    assert re.fullmatch(
        r"#object\[tests\.runtime\.test_printer\.test_vars_namespaces_and_objects\.<locals>\.f "
        r'0x[0-9a-f]+ "[^"]+@[0-9a-f]+"\]',
        pr_str(f),
    )

    class Thing:
        def __str__(self):
            return 'a "thing"'

    assert re.fullmatch(r'#object\[\S+Thing 0x[0-9a-f]+ "a \\"thing\\""\]', pr_str(Thing()))
    assert re.fullmatch(r'#object\[\S+Thing 0x[0-9a-f]+ a "thing"\]', print_str(Thing()))


def test_errors():
    inner = ValueError("inner")
    e = ExceptionInfo("boom", array_map(kw("a"), 1), inner)
    assert pr_str(e) == (
        "#error {\n"
        ' :cause "inner"\n'
        " :via\n"
        " [{:type clojure.lang.ExceptionInfo\n"
        '   :message "boom"\n'
        "   :data {:a 1}}\n"
        "  {:type ValueError\n"
        '   :message "inner"}]}'
    )
    assert pr_str(ExceptionInfo("x", array_map())) == (
        '#error {\n :cause "x"\n :data {}\n :via\n [{:type clojure.lang.ExceptionInfo\n'
        '   :message "x"\n   :data {}}]}'
    )
    assert (
        pr_str(ValueError())
        == "#error {\n :cause nil\n :via\n [{:type ValueError\n   :message nil}]}"
    )


def test_writers():
    out = io.StringIO()
    pr_on(vector("a"), out)
    out.write(" ")
    print_on(vector("a"), out)
    assert out.getvalue() == '["a"] [a]'


def test_long_structures_print_without_recursion():
    v = vector(*range(100_000))
    text = pr_str(v)
    assert text.startswith("[0 1 2 ") and text.endswith(" 99999]")
    assert pr_str(range_(100_000)).endswith(" 99999)")
    s = None
    for i in range(100_000):
        s = cons(i, s)
    assert pr_str(s).startswith("(99999 99998 ")


def test_deep_nesting_does_not_crash():
    depth = 50_000
    x: list = []
    for _ in range(depth):
        x = [x]
    assert pr_str(x) == "(" * (depth + 1) + ")" * (depth + 1)
    v = EMPTY_VECTOR
    for _ in range(5_000):
        v = vector(v)
    assert pr_str(v) == "[" * 5_001 + "]" * 5_001
    with bindings([(cv.PRINT_LEVEL, 3)]):
        assert pr_str(v) == "[[[#]]]"


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


class Point3(Point):
    pass


def test_print_method_registry():
    def print_point(p, w):
        w.write("#point ")
        pr_on(vector(p.x, p.y), w)

    register_print_method(Point, print_point)
    try:
        assert pr_str(Point(1, "a")) == '#point [1 "a"]'
        assert pr_str(Point3(2, 3)) == "#point [2 3]"  # subclasses too
        assert print_str(vector(Point(1, "a"))) == "[#point [1 a]]"
        with bindings([(cv.PRINT_LEVEL, 2)]):
            # the nested pr-on continues at the point's depth
            assert pr_str(vector(Point(1, vector(2)))) == "[#point [1 #]]"
    finally:
        remove_print_method(Point)
    assert pr_str(Point(1, 2)).startswith("#object[")


def test_print_method_overrides_scalars():
    register_print_method(bool, lambda b, w: w.write("yes" if b else "no"))
    try:
        assert pr_str(True) == "yes" and pr_str(vector(False)) == "[no]"
    finally:
        remove_print_method(bool)
    assert pr_str(True) == "true" and pr_str(vector(False)) == "[false]"
