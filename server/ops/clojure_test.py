"""The test ops over clojure.test: `test-var-query` (Calva, newer CIDER), `test` and
`test-all` (CIDER), `retest` (the tests that failed last time) and `test-stacktrace` (the
causes of a test error).

Tests run as a job of the session, like an eval: after the evals before them, with the
session's bindings, their output streaming as `out`, interruptible. The report is one
message (Calva takes the first reply that has `results`), then `done`. Each session keeps
its last report, for `retest` and `test-stacktrace`.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from ..handler import OPS, Request, truthy
from ..printing import PrintOptions
from ..session import Job, Session
from ..streams import OutputStream
from .eval_op import run_in_session
from .stacktrace import CAUSE_DOC, send_causes
from .tooling import tooling_op, with_cider_names

if TYPE_CHECKING:
    from ..language import Language
    from ..testing import Corpus, Report

_reports: WeakKeyDictionary[Session, Report] = WeakKeyDictionary()

_RETURNS = {
    "results": "ns → var → [{type ns var index context message expected actual error file "
    "line}], type being pass, fail or error.",
    "summary": "{ns var test pass fail error}: the counts.",
    "testing-ns": "The last namespace tested.",
    "elapsed-time": "{ms humanized}.",
    "status": "namespace-not-found when a named namespace does not exist.",
}
_SELECT_DOC = {
    "include": "Run only test vars with one of these metadata keys.",
    "exclude": "Skip test vars with one of these metadata keys.",
    "fail-fast": '"true" stops after the first test var that fails.',
}


Chooser = Callable[[ModuleType, "Report | None"], "Corpus"]
"""Picks the tests to run, given the `testing` module and the session's last report."""


def _run_tests(req: Request, choose: Chooser) -> None:
    """Run, as a session job, the tests `choose` picks and answer with the report."""

    def body(job: Job, lang: Language, out: OutputStream, err: OutputStream) -> None:
        from .. import testing

        session = req.session
        assert session is not None
        try:
            corpus = choose(testing, _reports.get(session))
            report = testing.run(corpus, lambda x: _pretty(lang, x), truthy(req.get("fail-fast")))
        except testing.NamespaceNotFound as e:
            req.done({"ns": str(e)}, status=["namespace-not-found"])
            return
        except Exception as e:
            text, _, _ = lang.describe_error(e)
            err.write(text)
            err.drain()
            req.error(f"{req.op}-error", fields={"message": text.strip()})
            return
        _reports[session] = report
        out.drain()
        req.send(report.reply())

    run_in_session(req, body)


def _pretty(lang: Language, value: Any) -> str:
    return lang.print_value(value, PrintOptions(pretty=True))


def _selection(req: Request) -> dict[str, Any]:
    """The metadata-key filters of a test request, as var-query keys."""
    return {
        "include-meta-key": req.get("include", []),
        "exclude-meta-key": req.get("exclude", []),
    }


@OPS.op(
    *with_cider_names("test-var-query"),
    doc="Run the tests a var-query picks.",
    requires={
        "var-query": "{ns-query {exactly project? include-regexps exclude-regexps}, "
        "exactly, search, include-meta-key, exclude-meta-key}."
    },
    optional={"fail-fast": _SELECT_DOC["fail-fast"]},
    returns=_RETURNS,
)
async def test_var_query(req: Request) -> None:
    from_request = req.get("var-query")
    query = from_request if isinstance(from_request, dict) else {}

    _run_tests(req, lambda testing, last: testing.select(query))


@OPS.op(
    *with_cider_names("test"),
    doc="Run the tests of a namespace (all of them, or those named).",
    requires={"ns": "The namespace."},
    optional={"tests": "The names of the test vars to run.", **_SELECT_DOC},
    returns=_RETURNS,
)
async def test(req: Request) -> None:
    ns = str(req.get("ns", ""))
    tests = req.get("tests", [])
    names = [f"{ns}/{t}" for t in tests if isinstance(t, str)] if isinstance(tests, list) else []

    query = {"ns-query": {"exactly": [ns]}, "exactly": names, **_selection(req)}
    _run_tests(req, lambda testing, last: testing.select(query))


@OPS.op(
    *with_cider_names("test-all"),
    doc="Run the tests of every loaded namespace of the project (not pyjank's own).",
    optional=_SELECT_DOC,
    returns=_RETURNS,
)
async def test_all(req: Request) -> None:
    query = {"ns-query": {"project?": True}, **_selection(req)}
    _run_tests(req, lambda testing, last: testing.select(query))


@OPS.op(
    *with_cider_names("retest"),
    doc="Run again the tests that failed or erred in the session's last test run.",
    optional={"fail-fast": _SELECT_DOC["fail-fast"]},
    returns=_RETURNS,
)
async def retest(req: Request) -> None:
    _run_tests(req, lambda testing, last: testing.retest_corpus(last) if last else [])


@tooling_op(
    "test-stacktrace",
    doc="The causes and stack frames of an error of the session's last test run.",
    requires={
        "ns": "The test's namespace.",
        "var": "The test var's name.",
        "index": "The index of the result.",
    },
    returns=CAUSE_DOC,
)
def test_stacktrace(req: Request, lang: Language) -> None:
    report = _reports.get(req.session) if req.session is not None else None
    try:
        index = int(req.get("index", -1))
    except (TypeError, ValueError):
        index = -1
    key = (str(req.get("ns")), str(req.get("var")), index)
    send_causes(req, lang, report.errors.get(key) if report is not None else None)
