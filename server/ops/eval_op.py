"""`eval` and `load-file`: code evaluated in the session's worker thread.

Replies, as the reference server sends them: `out`/`err` as they are produced and always
before the value they precede; for `eval`, one `{value, ns}` per top-level form; for
`load-file`, only the last value, without `ns`; then `done` on its own. An error sends `err`
(a Clojure-style report CIDER parses: "Syntax error ... compiling at (file:line:col).") and
then `{ex, root-ex, status [eval-error]}`, and sets `*e`. A read error stops the remaining
forms, an eval error only its own form, except in `load-file`, which stops at the first error.

`ns` picks the namespace for this request only: the session's `*ns*` is restored afterwards,
as nREPL does (an `in-ns` there shows in the reply's `ns`). `load-file` binds `*ns*` the
same way, so loading a file never moves the session. Without `session`, `eval` runs in an
ephemeral session (Calva's first message).
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..boot import LanguageUnavailable
from ..handler import OPS, Request
from ..printing import PRINT_KEYS_DOC, PrintOptions, value_replies
from ..session import Job
from ..streams import InputStream, Interrupted, OutputStream

if TYPE_CHECKING:
    from ..language import Language


@dataclass(frozen=True)
class _Source:
    """What to evaluate and how to report it."""

    code: str
    file: str | None
    line: int
    column: int
    ns: str | None
    load: bool  # load-file: stop at the first error, report only the last value
    print: PrintOptions


@OPS.op(
    "eval",
    doc="Evaluate code; one value per top-level form.",
    requires={"code": "The code."},
    optional={
        "session": "The session (else an ephemeral one).",
        "ns": "The namespace to evaluate in (must exist).",
        "file": "The file the code comes from.",
        "line": "The line the code starts at (1-based).",
        "column": "The column the code starts at (1-based).",
        **PRINT_KEYS_DOC,
    },
    returns={
        "value": "A printed value.",
        "ns": "*ns* after the form.",
        "out": "Printed output.",
        "err": "Error output.",
        "ex": "The class of an uncaught exception.",
        "root-ex": "Its root cause's.",
    },
)
async def eval_(req: Request) -> None:
    code = req.get("code")
    if not isinstance(code, str):
        req.error("no-code")
        return
    file = req.get("file")
    _submit(
        req,
        _Source(
            code,
            file if isinstance(file, str) else None,
            _position(req.get("line")),
            _position(req.get("column")),
            _text(req.get("ns")),
            load=False,
            print=PrintOptions.of(req),
        ),
    )


@OPS.op(
    "load-file",
    doc="Load a file's contents: *ns* is bound for the file, loading stops "
    "at the first error and only the last value is returned.",
    requires={"file": "The file's contents."},
    optional={"file-path": "The file's path.", "file-name": "The file's name.", **PRINT_KEYS_DOC},
    returns={
        "value": "The last value.",
        "out": "Printed output.",
        "err": "Error output.",
        "ex": "The class of an uncaught exception.",
        "root-ex": "Its root cause's.",
    },
)
async def load_file(req: Request) -> None:
    code = req.get("file")
    if not isinstance(code, str):
        req.error("no-code")
        return
    path = _text(req.get("file-path")) or _text(req.get("file-name"))
    _submit(req, _Source(code, path, 1, 1, None, load=True, print=PrintOptions.of(req)))


def _submit(req: Request, source: _Source) -> None:
    run_in_session(
        req, lambda job, lang, out, err: _evaluate(job, lang, out, err, source), source.file
    )


SessionBody = Callable[[Job, "Language", OutputStream, OutputStream], None]
"""Code run as a session job: with the session's bindings and the request's streams."""


def run_in_session(req: Request, body: SessionBody, file: str | None = None) -> None:
    """Queue `body` as a job of the request's session (an ephemeral one without `session`).
    It runs in the session's worker thread, after the language has booted, with the
    session's bindings, `*out*`/`*err*` streaming to the request, `*in*` reading `stdin`
    and `*file*` bound to `file`; the bindings it leaves are the session's afterwards."""
    session = req.session
    if session is None:
        session = req.session = req.server.sessions.create(ephemeral=True)
    session.submit(Job(req, lambda job: _in_session(job, body, file)))


def _position(value: Any) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _in_session(job: Job, body: SessionBody, file: str | None) -> None:
    """The job body of `run_in_session`, in the worker thread."""
    req = job.request
    session = req.session
    assert session is not None
    try:
        lang = req.server.language.get()
    except LanguageUnavailable as e:
        req.send({"err": str(e)})
        req.send(
            {"ex": "class RuntimeError", "root-ex": "class RuntimeError"}, status=["eval-error"]
        )
        return
    if session.bindings is None:
        session.bindings = lang.initial_bindings()
    out, err = OutputStream(req, "out"), OutputStream(req, "err")

    def ask_for_input() -> None:
        _send_after_output(req, out, err, [{"status": ["need-input"]}])

    stdin = InputStream(session.input, ask_for_input, lambda: job.interrupt_requested)
    with lang.bound(session.bindings, out, err, stdin, file):
        try:
            body(job, lang, out, err)
        finally:
            out.drain()
            err.drain()
            session.save_bindings(job, lang.capture())


def _evaluate(job: Job, lang: Language, out: OutputStream, err: OutputStream, src: _Source) -> None:
    """Evaluate `src`'s forms in the namespace it names, if any."""
    restore_ns = src.ns is not None or src.load
    original_ns = lang.current_ns()
    if src.ns is not None:
        ns = lang.find_ns(src.ns)
        if ns is None:
            job.request.error("namespace-not-found", fields={"ns": src.ns})
            return
        lang.set_ns(ns)
    try:
        _run_forms(lang, job, src, out, err)
    finally:
        if restore_ns:
            lang.set_ns(original_ns)


def _run_forms(
    lang: Language, job: Job, src: _Source, out: OutputStream, err: OutputStream
) -> None:
    forms = lang.read_forms(src.code, src.file, src.line, src.column, src.load)
    try:
        _run_steps(lang, job, src, forms, out, err)
    finally:
        forms.close()  # ends the load: its stats are complete


def _run_steps(
    lang: Language,
    job: Job,
    src: _Source,
    forms: Generator[Callable[[], Any], None, None],
    out: OutputStream,
    err: OutputStream,
) -> None:
    """Evaluate the forms in turn. The replies of a value wait until the next form is found,
    so the last value can carry what the evaluation did (`pyjank/reload-stats`)."""
    req = job.request
    last: Any = None
    held: list[dict[str, Any]] = []
    while True:
        try:
            form = next(forms)
        except StopIteration:
            break
        except Exception as e:  # a read error: the rest cannot be read reliably
            _send_after_output(req, out, err, held)
            _report(lang, job, e, out, err)
            return
        _send_after_output(req, out, err, held)
        held = []
        try:
            last = lang.eval(form)
            printed = None if src.load else lang.print_value(last, src.print)
        except Interrupted:
            raise
        except BaseException as e:  # SystemExit, RecursionError...: the eval's, not ours
            _report(lang, job, e, out, err)
            if src.load:
                return
            continue
        if printed is not None:
            lang.remember(last)
            held = value_replies(printed, lang.ns_name(), src.print)
    if src.load:
        try:
            printed = lang.print_value(last, src.print)
        except Interrupted:
            raise
        except BaseException as e:
            _report(lang, job, e, out, err)
            return
        lang.remember(last)
        held = value_replies(printed, None, src.print)
    stats = lang.load_stats()
    if held and stats is not None:
        held[-1]["pyjank/reload-stats"] = stats
    _send_after_output(req, out, err, held)


def _send_after_output(
    req: Request, out: OutputStream, err: OutputStream, replies: list[dict[str, Any]]
) -> None:
    """Send after the output printed so far."""
    out.drain()
    err.drain()
    for reply in replies:
        req.send(reply)


def _report(
    lang: Language, job: Job, exc: BaseException, out: OutputStream, err: OutputStream
) -> None:
    req = job.request
    text, ex, root_ex = lang.describe_error(exc)
    lang.remember_error(exc)
    err.write(text)
    _send_after_output(req, out, err, [{"ex": ex, "root-ex": root_ex, "status": ["eval-error"]}])
