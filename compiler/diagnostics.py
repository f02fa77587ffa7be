"""Clojure-style error reports, shared by the CLI, the terminal REPL and the nREPL server.

Two shapes, as Clojure 1.10+ prints them (CIDER parses both):
`Syntax error compiling at (file:line:col).` + message, for errors found before running, and
`Execution error (Class) at ns/fn (file:line).` + message, for errors raised while running.
"""

from __future__ import annotations

import traceback
from types import TracebackType

from ..runtime.exceptions import ex_message
from .errors import CompilerError
from .reader import ReaderError


def is_generated(code_qualname: str) -> bool:
    """pyjank fns carry their Clojure name (`ns/name`) as their code object's qualname."""
    return "/" in code_qualname


def user_frame(tb: TracebackType | None) -> tuple[str, str, int] | None:
    """(fn name, file, line) of the innermost pyjank frame of a traceback."""
    found = None
    while tb is not None:
        code = tb.tb_frame.f_code
        if is_generated(code.co_qualname):
            found = (code.co_qualname, code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def error_class_name(exc: BaseException) -> str:
    return type(exc).__name__


def headline(exc: BaseException) -> str:
    """The first line of the report."""
    if isinstance(exc, CompilerError):
        return exc.headline()
    if isinstance(exc, ReaderError):
        return f"Syntax error reading source at ({_reader_location(exc)})."
    frame = user_frame(exc.__traceback__)
    where = ""
    if frame is not None:
        fn, file, line = frame
        fn = fn.rsplit("--", 1)[0] if "/eval" in fn else fn
        where = f" at {fn} ({_short_file(file)}:{line})"
    return f"Execution error ({error_class_name(exc)}){where}."


def message(exc: BaseException) -> str:
    if isinstance(exc, CompilerError):
        return exc.message
    if isinstance(exc, ReaderError):
        return str(getattr(exc, "message", None) or exc)
    msg = ex_message(exc)
    return msg if msg else error_class_name(exc)


def format_error(exc: BaseException, verbose: bool = False) -> str:
    """The whole report: headline, message and, when `verbose`, the Python traceback."""
    text = f"{headline(exc)}\n{message(exc)}"
    if verbose:
        text += "\n" + "".join(traceback.format_exception(exc))
    return text


def _reader_location(exc: ReaderError) -> str:
    parts = [getattr(exc, "file", None) or "REPL"]
    for attr in ("line", "column"):
        v = getattr(exc, attr, None)
        if v is not None:
            parts.append(str(v))
    return ":".join(parts)


def _short_file(file: str) -> str:
    return "REPL" if file in ("NO_SOURCE_FILE", "NO_SOURCE_PATH", "<repl>") else file
