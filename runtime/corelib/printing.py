"""Printing to `*out*` (`pr`, `prn`, `print`, `println`, `printf`, `newline`, `flush`), the
string variants (`pr-str`, ...), `with-out-str*` and `read-line`."""

from __future__ import annotations

import io
from typing import Any

from .. import core_vars as cv
from ..printer import pr_on, pr_str, print_on, print_str
from ..streams import reader_for
from ..vars import bindings
from .registry import core
from .strings import format_


def _out() -> Any:
    return cv.OUT.deref()


def _flush_on_newline(out: Any) -> None:
    f = cv.FLUSH_ON_NEWLINE.deref()
    if f is not None and f is not False:
        flush = getattr(out, "flush", None)
        if flush is not None:
            flush()


def _write_spaced(xs: tuple, write_one: Any) -> None:
    """Write each value to *out* with `write_one`, separated by spaces."""
    out = _out()
    for i, x in enumerate(xs):
        if i:
            out.write(" ")
        write_one(x, out)


@core("pr")
def pr(*xs: Any) -> None:
    """Prints the object(s) to the output stream that is the current value of *out*. Prints
    the object(s), separated by spaces if there is more than one. By default, pr and prn
    print in a way that objects can be read by the reader"""
    _write_spaced(xs, pr_on)


@core("prn")
def prn(*xs: Any) -> None:
    """Same as pr followed by (newline). Observes *flush-on-newline*"""
    pr(*xs)
    newline()
    return None


@core("print")
def print_(*xs: Any) -> None:
    """Prints the object(s) to the output stream that is the current value of *out*.
    print and println produce output for human consumption."""
    _write_spaced(xs, print_on)


@core("println")
def println(*xs: Any) -> None:
    """Same as print followed by (newline)"""
    print_(*xs)
    newline()
    return None


@core("newline")
def newline() -> None:
    """Writes a platform-specific newline to *out*"""
    out = _out()
    out.write("\n")
    _flush_on_newline(out)
    return None


@core("flush")
def flush() -> None:
    """Flushes the output stream that is the current value of *out*"""
    f = getattr(_out(), "flush", None)
    if f is not None:
        f()
    return None


@core("printf")
def printf(fmt: str, *args: Any) -> None:
    """Prints formatted output, as per format"""
    print_(format_(fmt, *args))
    return None


@core("pr-str")
def pr_str_(*xs: Any) -> str:
    """pr to a string, returning it"""
    if len(xs) == 1:
        return pr_str(xs[0])
    return " ".join(_map_pr(xs))


def _map_pr(xs: tuple) -> list[str]:
    return [pr_str(x) for x in xs]


@core("prn-str")
def prn_str(*xs: Any) -> str:
    """prn to a string, returning it"""
    return pr_str_(*xs) + "\n"


@core("print-str")
def print_str_(*xs: Any) -> str:
    """print to a string, returning it"""
    return " ".join(print_str(x) for x in xs)


@core("println-str")
def println_str(*xs: Any) -> str:
    """println to a string, returning it"""
    return print_str_(*xs) + "\n"


@core("with-out-str*")
def with_out_str_star(thunk: Any) -> str:
    """Calls thunk with *out* bound to a fresh string writer and returns the string it
    printed. The `with-out-str` macro expands to this."""
    buf = io.StringIO()
    with bindings([(cv.OUT, buf)]):
        thunk()
    return buf.getvalue()


@core("read-line")
def read_line() -> str | None:
    """Reads the next line from stream that is the current value of *in*, without its line
    terminator; nil at end of input."""
    line = reader_for(cv.IN.deref()).readline()  # after what `read` left buffered
    if not line:
        return None
    if line.endswith("\n"):
        line = line[:-1]
        if line.endswith("\r"):
            line = line[:-1]
    return line


@core("slurp")
def slurp(f: Any, *opts: Any) -> str:
    """Opens a reader on f and reads all its contents, returning a string. f is a file path
    (or anything with .read()); option :encoding names the charset (default UTF-8)."""
    encoding = _encoding(opts)
    read = getattr(f, "read", None)
    if read is not None:
        data = read()
        return data.decode(encoding) if isinstance(data, bytes) else data
    with open(str(f), encoding=encoding) as fh:
        return fh.read()


@core("spit")
def spit(f: Any, content: Any, *opts: Any) -> None:
    """Opposite of slurp. Opens f (a file path) for writing, writes content (as by str), then
    closes f. Options :append true and :encoding."""
    from ..symbols import keyword
    from .strings import str_

    append = False
    for i in range(0, len(opts) - 1, 2):
        if opts[i] is keyword(None, "append"):
            append = opts[i + 1] is not None and opts[i + 1] is not False
    with open(str(f), "a" if append else "w", encoding=_encoding(opts)) as fh:
        fh.write(str_(content))
    return None


def _encoding(opts: tuple) -> str:
    from ..symbols import keyword

    for i in range(0, len(opts) - 1, 2):
        if opts[i] is keyword(None, "encoding"):
            return str(opts[i + 1])
    return "utf-8"
