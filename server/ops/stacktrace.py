"""`analyze-last-stacktrace` (CIDER) and `stacktrace` (its older name, which Calva uses):
the session's last error (`*e`) as one message per cause, then `done`; `no-error` when
there is none."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..handler import Request
from ..printing import PrintOptions
from .tooling import tooling_op

if TYPE_CHECKING:
    from ..language import Language

CAUSE_DOC = {
    "class": "The exception's class.",
    "message": "Its message.",
    "data": "Its ex-data, printed.",
    "phase": "read-source, compile-syntax-check, macroexpansion or execution.",
    "stacktrace": "Its frames, innermost first: {name file file-url line class method ns "
    "fn var type flags}, flags drawn from clj java tooling repl project dup.",
    "status": "no-error when there is no exception.",
}


def send_causes(req: Request, lang: Language, exc: BaseException | None) -> None:
    """Answer with one message per cause of `exc` (or `no-error`), then `done`."""
    from .. import stacktraces

    if exc is None:
        req.done(status=["no-error"])
        return
    for cause in stacktraces.causes(exc, lambda x: lang.print_value(x, PrintOptions(pretty=True))):
        req.send(cause)
    req.done()


@tooling_op(
    "analyze-last-stacktrace",
    "stacktrace",
    doc="The causes and stack frames of the session's last error (*e).",
    requires={"session": "The session."},
    returns=CAUSE_DOC,
)
def analyze_last_stacktrace(req: Request, lang: Language) -> None:
    from .. import stacktraces

    session = req.session
    send_causes(req, lang, stacktraces.last_error(session.bindings if session else None))
