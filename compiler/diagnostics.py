"""Clojure-style error reports, shared by the CLI, the terminal REPL and the nREPL server.

Two shapes, as Clojure 1.10+ prints them (CIDER parses both):
`Syntax error compiling at (file:line:col).` + message, for errors found before running, and
`Execution error (Class) at ns/fn (file:line).` + message, for errors raised while running.
"""

from __future__ import annotations

import inspect
import re
import traceback
from types import CodeType, TracebackType

from ..runtime.exceptions import ArityException, ex_message
from ..runtime.namespaces import find_ns
from .errors import CompilerError
from .reader import ReaderError


def is_generated(code: CodeType) -> bool:
    """Code compiled from pyjank source: its qualname is the Clojure name (`ns/name`) and its
    file is not a Python module (core fns written in Python carry `clojure.core/x` names too)."""
    return "/" in code.co_qualname and not code.co_filename.endswith(".py")


def user_frames(tb: TracebackType | None) -> list[tuple[str, str, int]]:
    """(fn name, file, line) of each pyjank frame of a traceback, outermost first."""
    found = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if is_generated(code):
            found.append((code.co_qualname, code.co_filename, tb.tb_lineno))
        tb = tb.tb_next
    return found


def error_site(exc: BaseException) -> tuple[str, str, int | None] | None:
    """Where Clojure would say the error happened: the innermost pyjank frame, except that an
    arity error is reported at the caller (the fn that was called is not at fault)."""
    frames = user_frames(exc.__traceback__)
    if isinstance(exc, ArityException) and frames:
        frames = frames[:-1]
    if frames:
        return frames[-1]
    return getattr(exc, "pyjank_location", None)


_PY_ARITY = re.compile(
    r"^(?P<fn>[^\s(]+/[^\s(]+)\(\) (?:takes .* but (?P<given>\d+) (?:was|were) given"
    r"|missing (?P<missing>\d+) required positional)"
)


def arity_message(exc: BaseException) -> str | None:
    """Clojure's message for Python's arity `TypeError` from a core fn implemented in Python
    (their qualnames are `clojure.core/name`, see runtime/corelib/registry.py)."""
    if type(exc) is not TypeError:
        return None
    m = _PY_ARITY.match(str(exc))
    if m is None:
        return None
    given = m.group("given")
    if given is None:
        ns_name, _, name = m.group("fn").partition("/")
        ns = find_ns(ns_name)
        fn = ns.mappings.get(name) if ns is not None else None
        fn = getattr(fn, "root", None)
        try:
            params = inspect.signature(fn).parameters.values() if fn is not None else ()
        except (TypeError, ValueError):
            return None
        required = sum(
            1 for p in params if p.default is p.empty and p.kind is p.POSITIONAL_OR_KEYWORD
        )
        given = str(required - int(m.group("missing")))
    return f"Wrong number of args ({given}) passed to: {m.group('fn')}"


def error_class_name(exc: BaseException) -> str:
    if arity_message(exc) is not None:
        return "ArityException"
    return type(exc).__name__


def headline(exc: BaseException) -> str:
    """The first line of the report."""
    if isinstance(exc, CompilerError):
        return exc.headline()
    if isinstance(exc, ReaderError):
        return f"Syntax error reading source at ({exc.location})."
    frame = error_site(exc)
    where = ""
    if frame is not None:
        fn, file, line = frame
        where = f" at {fn} ({_short_file(file)}" + (f":{line})" if line else ")")
    return f"Execution error ({error_class_name(exc)}){where}."


def message(exc: BaseException) -> str:
    if isinstance(exc, CompilerError):
        return exc.message
    if isinstance(exc, ReaderError):
        return str(getattr(exc, "message", None) or exc)
    msg = arity_message(exc) or ex_message(exc)
    return msg if msg else error_class_name(exc)


def format_error(exc: BaseException, verbose: bool = False) -> str:
    """The whole report: headline, message and, when `verbose`, the Python traceback."""
    text = f"{headline(exc)}\n{message(exc)}"
    if verbose:
        text += "\n" + "".join(traceback.format_exception(exc))
    return text


def _short_file(file: str) -> str:
    return "REPL" if file in ("NO_SOURCE_FILE", "NO_SOURCE_PATH", "<repl>") else file
