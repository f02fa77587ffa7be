"""Reading forms from Python streams: what is left in the stream after a form, for
seekable streams and for streams that cannot seek (pipes, terminals, nREPL input)."""

from __future__ import annotations

import io

import pytest

from pyjank.compiler.reader import Reader, ReaderEOFError
from pyjank.runtime.streams import EOF, LineNumberingPushbackReader, read_form, reader_for


def make(text: str, line: int, column: int) -> Reader:
    return Reader(text, line=line, column=column)


class Pipe(io.StringIO):
    """A stream that cannot seek, handing out one line per readline like a terminal."""

    def seekable(self) -> bool:
        return False

    def read(self, size: int = -1) -> str:
        raise AssertionError("a non-seekable stream is read a line at a time")


@pytest.mark.parametrize("cls", [io.StringIO, Pipe])
def test_forms_then_lines(cls):
    stream = cls("1 (a\n b) :k rest\nnext line\n12")
    rdr = reader_for(stream)
    assert reader_for(stream) is rdr
    assert read_form(rdr, make)[0] == 1
    form, text = read_form(rdr, make)
    assert str(form) == "(a b)" and text == " (a\n b)"
    assert str(read_form(rdr, make)[0]) == ":k"
    assert rdr.readline() == " rest\n"
    assert rdr.readline() == "next line\n"
    assert read_form(rdr, make)[0] == 12  # a token at the very end
    assert read_form(rdr, make)[0] is EOF


def test_a_seekable_stream_is_left_after_the_form():
    stream = io.StringIO("(f x) tail")
    read_form(reader_for(stream), make)
    assert stream.read() == " tail"


def test_unfinished_form_and_positions():
    rdr = LineNumberingPushbackReader(io.StringIO("\n  (a\n"))
    with pytest.raises(ReaderEOFError):
        read_form(rdr, make)
    rdr = LineNumberingPushbackReader(io.StringIO("\n\n   [x]"))
    form, _ = read_form(rdr, make)
    assert (rdr.line, rdr.column) == (3, 7)
    assert "3" in repr(form.meta())  # :line 3


def test_long_multiline_form_from_a_file(tmp_path):
    path = tmp_path / "big.edn"
    path.write_text("[" + "\n".join(map(str, range(20000))) + "]\n:after")
    with open(path) as f:
        rdr = reader_for(f)
        form, _ = read_form(rdr, make)
        assert len(form) == 20000
        assert str(read_form(rdr, make)[0]) == ":after"
