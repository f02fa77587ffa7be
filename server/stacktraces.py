"""Exceptions as CIDER's stacktrace buffer and Calva's error view want them: one map per
cause (`class message data phase stacktrace`, plus the source position of syntax errors),
each frame a map (`name file file-url line class method ns fn var type flags`).

Frames come innermost first, as on the JVM. pyjank functions are flagged `clj` (their code
objects are named `ns/fn`), plus `repl` when defined at the REPL; Python frames of pyjank's
own evaluation machinery (the server, the compiler) are `tooling`, other Python frames
`java` (the host frames CIDER can hide); a frame at the same place as the one it called is
`dup`, and pyjank frames in files under the current directory are `project`.

The cause chain follows Python's: the explicit cause (`raise ... from`, `ex-info`'s cause),
else the exception being handled when this one was raised.
"""

from __future__ import annotations

import re
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from ..compiler.diagnostics import is_generated
from ..compiler.errors import SourceError
from ..runtime import core_vars as cv
from ..runtime.exceptions import class_name, ex_data, ex_message
from .introspect import file_uri

Printer = Callable[[Any], str]

_PACKAGE = Path(__file__).resolve().parent.parent  # pyjank's own sources
_TOOLING = tuple(str(_PACKAGE / part) for part in ("server", "compiler"))
_GENSYM = re.compile(r"--\d+")
_EVAL_FN = re.compile(r"eval\d+")  # the fn a top-level form is compiled to


def last_error(bindings: dict[Any, Any] | None) -> BaseException | None:
    """`*e` in a session's saved bindings."""
    exc = bindings.get(cv.REPL_E) if bindings is not None else None
    return exc if isinstance(exc, BaseException) else None


def causes(exc: BaseException, printer: Printer) -> list[dict[str, Any]]:
    """The cause chain of `exc`, outermost first, one map per exception."""
    return [_cause(e, printer) for e in _chain(exc)]


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        if current.__cause__ is not None:
            current = current.__cause__
        elif not current.__suppress_context__:
            current = current.__context__
        else:
            current = None


def _cause(exc: BaseException, printer: Printer) -> dict[str, Any]:
    cause: dict[str, Any] = {
        "class": class_name(type(exc)),
        "message": _message(exc),
        "stacktrace": frames(exc.__traceback__),
    }
    data = ex_data(exc)
    if data is not None:
        cause["data"] = printer(data)
    if isinstance(exc, SourceError):
        cause["phase"] = getattr(exc, "phase", "read-source")
        position = {"file": exc.file, "line": exc.line, "column": exc.column}
        cause.update({k: v for k, v in position.items() if v is not None})
        if (url := file_uri(exc.file)) is not None:
            cause["file-url"] = url
    else:
        cause["phase"] = "execution"
    return cause


def _message(exc: BaseException) -> str:
    if isinstance(exc, SourceError):
        return exc.message
    return ex_message(exc) or ""


def frames(tb: TracebackType | None) -> list[dict[str, Any]]:
    """The frames of a traceback, innermost first, analysed and flagged."""
    found = [_frame(frame.f_code, frame.f_globals, line) for frame, line in traceback.walk_tb(tb)]
    found.reverse()
    for child, frame in zip(found, found[1:], strict=False):
        if (frame["file"], frame["line"]) == (child["file"], child["line"]):
            frame["flags"].append("dup")
    return found


def _frame(code: Any, globals_: dict[str, Any], line: int | None) -> dict[str, Any]:
    path = code.co_filename
    frame: dict[str, Any] = {"file": Path(path).name, "line": line or 0}
    if (url := file_uri(path)) is not None:
        frame["file-url"] = url
    qualname = code.co_qualname
    if is_generated(code):
        ns, _, fn = _GENSYM.sub("", qualname).partition("/")
        top = fn.partition("/")[0]
        flags = ["clj"]
        if url is None or _EVAL_FN.fullmatch(top):
            flags.append("repl")
        elif _in_project(path):
            flags.append("project")
        frame.update(
            {
                "name": f"{ns}/{fn}",
                "ns": ns,
                "fn": fn,
                "var": f"{ns}/{top}",
                "class": ns,
                "method": fn,
                "type": "clj",
                "flags": flags,
            }
        )
    else:
        module = globals_.get("__name__", "?")
        frame.update(
            {
                "name": f"{module}.{qualname}",
                "class": module,
                "method": qualname,
                "type": "java",
                "flags": ["tooling" if path.startswith(_TOOLING) else "java"],
            }
        )
    return frame


def _in_project(path: str) -> bool:
    """A file of the user's project: under the current directory, not pyjank's own nor an
    installed library's."""
    p = Path(path).resolve()
    return p.is_relative_to(Path.cwd()) and not (
        p.is_relative_to(_PACKAGE) or p.is_relative_to(sys.prefix)
    )
