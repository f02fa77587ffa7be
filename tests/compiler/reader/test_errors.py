"""Malformed input: every failure is a ReaderError at the right file:line:column."""

from __future__ import annotations

import sys

import pytest

from pyjank.compiler.reader import ReaderEOFError, ReaderError, read_all, read_string
from pyjank.compiler.reader.reader import MAX_NESTING


def error_of(text, **options):
    with pytest.raises(ReaderError) as e:
        read_all(text, **options)
    return e.value


def test_message_format():
    e = error_of("(a\n  (b c))\n      )", file="file.clj")
    assert str(e) == "file.clj:3:7: Unmatched delimiter: )"
    assert (e.file, e.line, e.column, e.message) == (
        "file.clj",
        3,
        7,
        "Unmatched delimiter: )",
    )
    assert not isinstance(e, ReaderEOFError)


def test_message_without_file():
    assert str(error_of(" ]")) == "1:2: Unmatched delimiter: ]"


@pytest.mark.parametrize(
    "text, delimiter, column",
    [("(]", "]", 2), ("[)", ")", 2), ("{)", ")", 2), ("#{]", "]", 3), ("}", "}", 1)],
)
def test_mismatched_delimiters(text, delimiter, column):
    e = error_of(text)
    assert (e.message, e.column) == (f"Unmatched delimiter: {delimiter}", column)


def test_eof_in_string_reports_where_it_started():
    e = error_of('(foo\n    "abc\n\n', file="f.clj")
    assert isinstance(e, ReaderEOFError)
    assert str(e) == "f.clj:4:1: EOF while reading string, starting at line 2, column 5"


def test_eof_in_list():
    e = error_of("(defn f []\n  (let [x 1]\n    x)")
    assert isinstance(e, ReaderEOFError)
    assert e.message == "EOF while reading, starting at line 1, column 1"
    assert (e.line, e.column) == (3, 7)


@pytest.mark.parametrize(
    "text",
    [
        "(",
        "[1 2",
        "{:a",
        "#{",
        "#(",
        '"abc',
        '"abc\\',
        '#"abc',
        "\\",
        "'",
        "`",
        "~",
        "~@",
        "@",
        "#'",
        "^:a",
        "^:a x ^:b",
        "#_",
        "#",
        "#inst",
        "#:a",
        "#:a{",
        "(a ; comment",
        "[#_",
    ],
)
def test_incomplete_input_is_an_eof_error(text):
    assert isinstance(error_of(text, allow_conditionals=True), ReaderEOFError)


def test_conditional_eof():
    assert isinstance(error_of("[#?(:pyjank 1", allow_conditionals=True), ReaderEOFError)


def test_invalid_number_position():
    e = error_of("(+ 1\n   1x2)", file="n.clj")
    assert str(e) == "n.clj:2:4: Invalid number: 1x2"


def test_invalid_token_position():
    assert str(error_of("[:a :b:]")) == "1:5: Invalid token: :b:"


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_deep_nesting_is_an_error_not_a_crash(depth):
    with pytest.raises(ReaderError):
        read_string("(" * depth)
    with pytest.raises(ReaderError) as e:
        read_string("[" * depth + "]" * depth)
    assert e.value.message == "Form nested too deeply"


@pytest.mark.parametrize(
    "text",
    ["'" * 10_000 + "x", "^:a " * 10_000 + "x", "#_" * 10_000 + "x", "@" * 10_000 + "x"],
)
def test_deep_prefix_macros(text):
    with pytest.raises(ReaderError):
        read_string(text)


def test_deep_syntax_quote():
    with pytest.raises(ReaderError):
        read_string("`" * 2_000 + "x")


def test_nesting_is_bounded_even_with_a_raised_recursion_limit():
    """Each level costs C stack, so a raised limit must not let input crash the process."""
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(100_000)
    try:
        assert read_string("[" * MAX_NESTING + "]" * MAX_NESTING).count() == 1
        with pytest.raises(ReaderError) as e:
            read_string("(" * 50_000)
        assert (e.value.message, e.value.column) == ("Form nested too deeply", MAX_NESTING + 1)
        for text in ["'" * 50_000 + "x", "#?(:pyjank " * 50_000, "`" * 50_000 + "x"]:
            with pytest.raises(ReaderError):
                read_string(text, allow_conditionals=True)
    finally:
        sys.setrecursionlimit(previous)


def test_moderate_nesting_works():
    form = read_string("(" * 100 + ")" * 100)
    depth = 0
    while form.count():
        form = form.first()
        depth += 1
    assert depth == 99


def test_read_string_without_a_form():
    for text in ["", "   ", "; only a comment", "#_ x", ", ,"]:
        with pytest.raises(ReaderEOFError) as e:
            read_string(text)
        assert e.value.message == "EOF while reading"
        assert read_string(text, eof="none") == "none"


def test_errors_leave_the_reader_usable_for_a_new_text():
    with pytest.raises(ReaderError):
        read_string("#(a #(b))")
    assert read_string("#(a %)").count() == 3
