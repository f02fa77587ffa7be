"""Atoms: nil/booleans, numbers, strings, characters, symbols and keywords."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest

from pyjank.compiler.reader import DefaultResolver, ReaderError, read_string
from pyjank.runtime.characters import Char, char
from pyjank.runtime.symbols import Keyword, Symbol, keyword


def test_nil_true_false():
    assert read_string("nil") is None
    assert read_string("true") is True
    assert read_string("false") is False


@pytest.mark.parametrize(
    "text, value",
    [
        ("0", 0),
        ("-0", 0),
        ("+0", 0),
        ("42", 42),
        ("-42", -42),
        ("+42", 42),
        ("0xFF", 255),
        ("0Xff", 255),
        ("-0x10", -16),
        ("017", 15),
        ("-017", -15),
        ("00", 0),
        ("2r1010", 10),
        ("-2r1010", -10),
        ("36rZZ", 1295),
        ("16rff", 255),
        ("10N", 10),
        ("0N", 0),
        ("0xFFN", 255),
        ("123456789012345678901234567890", 123456789012345678901234567890),
    ],
)
def test_integers(text, value):
    result = read_string(text)
    assert type(result) is int
    assert result == value


@pytest.mark.parametrize(
    "text, value",
    [("1/3", Fraction(1, 3)), ("-1/3", Fraction(-1, 3)), ("+6/4", Fraction(3, 2))],
)
def test_ratios(text, value):
    result = read_string(text)
    assert type(result) is Fraction
    assert result == value


def test_whole_ratio_is_an_int():
    result = read_string("4/2")
    assert type(result) is int
    assert result == 2


@pytest.mark.parametrize(
    "text, value",
    [
        ("1.5", 1.5),
        ("-1.5", -1.5),
        ("1.", 1.0),
        ("1e5", 1e5),
        ("1E-5", 1e-5),
        ("1.5e+3", 1500.0),
        ("08.5", 8.5),
        ("1e400", math.inf),
    ],
)
def test_floats(text, value):
    result = read_string(text)
    assert type(result) is float
    assert result == value


def test_negative_zero_float():
    assert math.copysign(1.0, read_string("-0.0")) == -1.0


@pytest.mark.parametrize(
    "text, value", [("1.5M", "1.5"), ("1M", "1"), ("-2.50M", "-2.50"), ("1e3M", "1E+3")]
)
def test_big_decimals(text, value):
    result = read_string(text)
    assert type(result) is Decimal
    assert str(result) == value


def test_symbolic_values():
    assert read_string("##Inf") == math.inf
    assert read_string("##-Inf") == -math.inf
    assert math.isnan(read_string("##NaN"))
    assert read_string("[##Inf]")[0] == math.inf


@pytest.mark.parametrize(
    "text",
    ["09", "1x2", "2r3", "37r1", "1.5N", "0x", "1e", "1.2.3", "12abc", "1/0", "1/2/3", "-1a"],
)
def test_invalid_numbers(text):
    with pytest.raises(ReaderError) as e:
        read_string(text)
    assert e.value.message == f"Invalid number: {text}"
    assert (e.value.line, e.value.column) == (1, 1)


def test_number_token_stops_at_any_macro_character():
    assert read_string("[1'a]")[0] == 1
    assert read_string("[1#_2]") == read_string("[1]")


@pytest.mark.parametrize(
    "text, value",
    [
        (r'"abc"', "abc"),
        (r'""', ""),
        (r'"a\"b"', 'a"b'),
        (r'"a\\b"', "a\\b"),
        (r'"\n\t\r\b\f"', "\n\t\r\b\f"),
        (r'"\u03BB"', "λ"),
        (r'"\u03bb!"', "λ!"),
        (r'"\101"', "A"),
        (r'"\0"', "\0"),
        (r'"\377"', "\xff"),
        (r'"\1234"', "S4"),
        (r'"\uD83D\uDE00"', "\U0001f600"),
        ('"multi\nline"', "multi\nline"),
        ('"λ literal"', "λ literal"),
    ],
)
def test_strings(text, value):
    assert read_string(text) == value


@pytest.mark.parametrize(
    "text, message, column",
    [
        (r'"ab\q"', r"Unsupported escape character: \q", 4),
        (r'"\u12"', r"Invalid unicode escape: \u12", 2),
        (r'"\u12G4"', r"Invalid unicode escape: \u12G4", 2),
        (r'"x\400"', "Octal escape sequence must be in range [0, 377].", 3),
        (r'"\8"', "Invalid digit: 8", 2),
    ],
)
def test_bad_string_escapes(text, message, column):
    with pytest.raises(ReaderError) as e:
        read_string(text, file="f.clj")
    assert e.value.message == message
    assert str(e.value) == f"f.clj:1:{column}: {message}"


@pytest.mark.parametrize(
    "text, c",
    [
        (r"\a", "a"),
        (r"\A", "A"),
        (r"\newline", "\n"),
        (r"\space", " "),
        (r"\tab", "\t"),
        (r"\backspace", "\b"),
        (r"\formfeed", "\f"),
        (r"\return", "\r"),
        (r"\null", "\0"),
        (r"\u03BB", "λ"),
        (r"\o101", "A"),
        (r"\o7", "\7"),
        (r"\u", "u"),
        (r"\o", "o"),
        (r"\(", "("),
        (r"\\", "\\"),
        (r"\;", ";"),
        (r"\"", '"'),
        (r"\λ", "λ"),
    ],
)
def test_characters(text, c):
    result = read_string(text)
    assert type(result) is Char
    assert result == char(c)


def test_characters_end_at_terminating_macros():
    assert read_string(r"[\a]") == read_string("[\\a]")
    assert list(read_string(r"(\( \) \a)")) == [char("("), char(")"), char("a")]
    assert list(read_string(r"[\a\b]")) == [char("a"), char("b")]


@pytest.mark.parametrize(
    "text, message",
    [
        (r"\ab", r"Unsupported character: \ab"),
        (r"\u12", r"Invalid unicode character: \u12"),
        (r"\uD800", r"Invalid character constant: \uD800"),
        (r"\o400", "Octal escape sequence must be in range [0, 377]."),
        (r"\o1234", "Invalid octal escape sequence length: 4"),
        (r"\o9", r"Invalid octal escape sequence: \o9"),
    ],
)
def test_bad_characters(text, message):
    with pytest.raises(ReaderError) as e:
        read_string("  " + text)
    assert e.value.message == message
    assert e.value.column == 3


@pytest.mark.parametrize(
    "text, ns, name",
    [
        ("foo", None, "foo"),
        ("foo.bar", None, "foo.bar"),
        ("foo/bar", "foo", "bar"),
        ("a.b/c.d", "a.b", "c.d"),
        ("a/b/c", "a", "b/c"),
        ("/", None, "/"),
        ("clojure.core//", "clojure.core", "/"),
        ("+", None, "+"),
        ("-", None, "-"),
        ("-a", None, "-a"),
        ("+a", None, "+a"),
        ("->", None, "->"),
        ("<=", None, "<="),
        (".method", None, ".method"),
        ("Foo.", None, "Foo."),
        ("foo#", None, "foo#"),
        ("a:b", None, "a:b"),
        ("*ns*", None, "*ns*"),
        ("foo'", None, "foo'"),
        ("a#b", None, "a#b"),
        ("a%b", None, "a%b"),
        ("%", None, "%"),
        ("%1", None, "%1"),
        ("λ", None, "λ"),
        ("nil?", None, "nil?"),
        ("truex", None, "truex"),
    ],
)
def test_symbols(text, ns, name):
    result = read_string(text)
    assert type(result) is Symbol
    assert (result.ns, result.name) == (ns, name)


@pytest.mark.parametrize("text", ["a:", "a::b", ":::a", "a/", "/a", "a/1", ":", "::", "a:/b"])
def test_invalid_tokens(text):
    with pytest.raises(ReaderError) as e:
        read_string(f"[{text}]")
    assert e.value.message == f"Invalid token: {text}"
    assert e.value.column == 2


@pytest.mark.parametrize(
    "text, ns, name",
    [
        (":a", None, "a"),
        (":a/b", "a", "b"),
        (":a.b/c", "a.b", "c"),
        (":1", None, "1"),
        (":a/b/c", "a", "b/c"),
        (":->", None, "->"),
    ],
)
def test_keywords(text, ns, name):
    result = read_string(text)
    assert result is keyword(ns, name)


def test_auto_resolved_keywords():
    resolver = DefaultResolver("my.ns", {"s": "clojure.string"})
    assert read_string("::a", resolver=resolver) is keyword("my.ns", "a")
    assert read_string("::s/join", resolver=resolver) is keyword("clojure.string", "join")
    assert read_string("::a") is keyword("user", "a")


def test_unknown_alias_is_an_error():
    with pytest.raises(ReaderError) as e:
        read_string("[1\n ::nope/x]", file="a.clj")
    assert str(e.value) == "a.clj:2:2: Unknown auto-resolved namespace alias: nope"


def test_keywords_are_interned_and_carry_no_metadata():
    kw = read_string(":some-key")
    assert isinstance(kw, Keyword)
    assert kw is keyword("some-key")


def test_symbols_carry_positions():
    sym = read_string("  foo")
    assert dict(sym.meta().items()) == {
        keyword("line"): 1,
        keyword("column"): 3,
        keyword("end-line"): 1,
        keyword("end-column"): 6,
    }
