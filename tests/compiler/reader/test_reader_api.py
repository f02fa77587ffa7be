"""The streaming Reader: one form per read(), offsets of each top-level form, EOF."""

from __future__ import annotations

from pyjank.compiler.reader import EOF, Reader, read_all, read_string
from pyjank.runtime.maps import hash_map
from pyjank.runtime.symbols import keyword, symbol


def test_forms_and_offsets():
    text = "  a ; comment\n #_x (b c) 'd\n#?(:clj 1)\n"
    reader = Reader(text, allow_conditionals=True)
    spans = []
    while (form := reader.read()) is not EOF:
        spans.append((form, text[reader.form_start : reader.form_end]))
    assert spans == [
        (symbol("a"), "a"),
        (read_string("(b c)"), "(b c)"),
        (read_string("'d"), "'d"),
    ]
    assert reader.read() is EOF


def test_offsets_include_metadata_prefixes():
    text = "\n^:private (def x 1)"
    reader = Reader(text)
    reader.read()
    assert text[reader.form_start : reader.form_end] == "^:private (def x 1)"
    assert reader.position(reader.form_start) == (2, 1)


def test_custom_eof_value():
    assert Reader(" ; nothing").read(eof=None) is None


def test_iteration():
    assert list(Reader("1 2 3")) == [1, 2, 3]
    assert read_all("") == []


def test_position():
    reader = Reader("ab\ncd\r\nef")
    assert [reader.position(i) for i in (0, 1, 3, 7, 9)] == [(1, 1), (1, 2), (2, 1), (3, 1), (3, 3)]


def test_reads_one_form_at_a_time():
    """Each form is read only when asked for, so it can see the effects of the previous."""
    seen = []

    class Recording:
        def current_ns(self):
            seen.append("ns")
            return "a" if len(seen) == 1 else "b"

        def resolve_alias(self, alias):
            return None

        def resolve_symbol(self, sym):
            return sym

    reader = Reader("::x ::x", resolver=Recording())
    assert reader.read() is keyword("a", "x")
    assert reader.read() is keyword("b", "x")


def test_data_readers_may_be_a_clojure_map():
    readers = hash_map(symbol("t"), lambda v: v * 2)
    assert read_string("#t 21", data_readers=readers) == 42
