"""Reading forms from Python text streams: `read`, `read+string`, `clojure.edn/read`.

Clojure's `read` needs a pushback reader, so that the text after a form stays in the
stream. A pyjank `*in*` is any Python text stream (sys.stdin, a StringIO from
`with-in-str`, an nREPL session's input, an open file), so `reader_for` gives each stream
one LineNumberingPushbackReader, made on first use and remembered. A seekable stream is
left exactly after the form (the reader reads ahead in growing chunks, then seeks back), so
other code may go on reading it directly. From any other stream the reader takes a line at
a time (an interactive stream is never asked for more than the form needs) and keeps what
follows the form for the next `read`, `read-line` or `line-seq`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from ..compiler.reader.errors import ReaderEOFError, ReaderError
from .jvm_names import register_type

EOF: Any = object()


class LineNumberingPushbackReader:
    """`(clojure.lang.LineNumberingPushbackReader. stream)`: a readable text stream over
    `stream` that tracks the line and column `read` gives forms."""

    def __init__(self, stream: Any = None) -> None:
        self._in = stream if hasattr(stream, "readline") else None  # None: whatever stdin is
        seekable = getattr(self._in, "seekable", None)
        self._seekable = bool(seekable and seekable())
        self._buf = ""
        self._pos = 0
        self._mark: Any = None  # seekable: the stream position of _buf[0]
        self._eof = False
        self.line = 1
        self.column = 1

    # -- the buffer, as `read_form` uses it --------------------------------------------------
    def buffered(self) -> str:
        """The text taken from the stream and not consumed yet."""
        return self._buf[self._pos :]

    def fill(self) -> bool:
        """Take more text from the stream: a line, or from a seekable stream as much again as
        is buffered. False at the end of the stream."""
        if self._eof:
            return False
        stream = self._in if self._in is not None else sys.stdin
        if self._seekable:
            if self._mark is None:
                self._mark = stream.tell()
            more = stream.read(max(4096, len(self._buf)))
        else:
            more = stream.readline()
        if not more:
            self._eof = True
            return False
        self._buf += more
        return True

    def consume(self, n: int) -> str:
        """Consume the next `n` buffered characters, counting lines; returns them."""
        text = self._buf[self._pos : self._pos + n]
        self._pos += len(text)
        self._count(text)
        if self._seekable and self._mark is not None:
            self._in.seek(self._mark)
            self._in.read(self._pos)  # text positions are opaque: read up to the spot again
            self._buf, self._pos, self._mark, self._eof = "", 0, None, False
        elif self._pos > 4096:
            self._buf, self._pos = self._buf[self._pos :], 0
        return text

    def _count(self, text: str) -> None:
        newlines = text.count("\n")
        if newlines:
            self.line += newlines
            self.column = len(text) - text.rfind("\n")
        else:
            self.column += len(text)

    # -- a Python text stream ----------------------------------------------------------------
    def read(self, size: int = -1) -> str:
        """Up to `size` characters (all that is left when negative)."""
        while (size < 0 or len(self.buffered()) < size) and self.fill():
            pass
        rest = len(self.buffered())
        return self.consume(rest if size < 0 else min(size, rest))

    def readline(self, size: int = -1) -> str:
        """The rest of the current line, with its newline ('' at the end)."""
        if self._seekable and not self.buffered():  # the stream is where this reader is
            line = self._in.readline(size)
            self._count(line)
            return line
        while "\n" not in self.buffered() and self.fill():
            pass
        rest = self.buffered()
        end = rest.find("\n") + 1 or len(rest)
        return self.consume(end if size < 0 else min(end, size))

    def close(self) -> None:
        if self._in is not None:
            self._in.close()


_ATTR = "_pyjank_reader"
_pinned: dict[int, tuple[Any, LineNumberingPushbackReader]] = {}  # streams without attributes


def reader_for(stream: Any) -> LineNumberingPushbackReader:
    """The pushback reader of `stream` (itself if it is one), made on first use and kept on
    the stream (so the two live and die together)."""
    if isinstance(stream, LineNumberingPushbackReader):
        return stream
    rdr = getattr(stream, _ATTR, None)
    if rdr is not None:
        return rdr
    rdr = LineNumberingPushbackReader(stream)
    try:
        setattr(stream, _ATTR, rdr)
    except (AttributeError, TypeError):  # no attributes (the root *in*): kept for good
        entry = _pinned.setdefault(id(stream), (stream, rdr))
        rdr = entry[1]
    return rdr


def read_form(rdr: LineNumberingPushbackReader, make_reader: Callable[..., Any]) -> Any:
    """The next form of `rdr`, or EOF; `make_reader(text, line, column)` is a reader (with
    `read(eof)` and `pos`) over the buffered text. Returns (form, the text consumed)."""
    while True:
        text = rdr.buffered()
        reader = make_reader(text, rdr.line, rdr.column)
        try:
            form = reader.read(EOF)
        except ReaderEOFError:
            if rdr.fill():
                continue
            rdr.consume(len(text))
            raise
        except ReaderError:
            rdr.consume(max(reader.pos, 1))
            raise
        # Only whitespace, or a form that reaches the end of the text (a token may go on):
        # look further before deciding.
        if (form is EOF or reader.pos >= len(text)) and rdr.fill():
            continue
        return form, rdr.consume(len(text) if form is EOF else reader.pos)


register_type("java.io.PushbackReader", LineNumberingPushbackReader)
register_type("clojure.lang.LineNumberingPushbackReader", LineNumberingPushbackReader)
