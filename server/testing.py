"""Running clojure.test for the test ops, with results reported as cider-nrepl (orchard.test)
reports them: `results` ns → var → [{type ns var index context message expected actual
error file line}], `summary` {ns var test pass fail error}, `testing-ns`, `elapsed-time`.

Language side (see `introspect.py`). Tests run in the session's worker thread, through
clojure.test's own `test-var`, fixtures and `test-ns-hook`, with `report` rebound to collect
events instead of printing them. Results are filed under the outermost test var, and keep
the exceptions of errors for `test-stacktrace`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..compiler import loader
from ..runtime.exceptions import class_name, ex_message
from ..runtime.namespaces import Namespace, all_ns, find_ns
from ..runtime.symbols import Keyword, Symbol, keyword
from ..runtime.vars import Var, bindings
from .handler import truthy
from .introspect import ns_path, own_vars, strings

Printer = Callable[[Any], str]
Corpus = list[tuple[Namespace, list[Var] | None]]
"""Namespaces to test, each with its test vars (None: all of them, or its test-ns-hook)."""

UNKNOWN_VAR = "unknown"  # results of errors outside any test var (a failing fixture)
_TEST = keyword(None, "test")
_LINE = keyword(None, "line")


class NamespaceNotFound(Exception):
    """A test request names a namespace that is not loaded (and could not be)."""


@dataclass
class Report:
    """The outcome of one test run."""

    results: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    errors: dict[tuple[str, str, int], BaseException] = field(default_factory=dict)
    summary: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("ns", "var", "test", "pass", "fail", "error"), 0)
    )
    testing_ns: str | None = None
    elapsed_ms: int = 0

    def reply(self) -> dict[str, Any]:
        """The test ops' reply (one message, as Calva takes the first one)."""
        fields: dict[str, Any] = {
            "results": self.results,
            "summary": self.summary,
            "gen-input": [],
            "elapsed-time": {
                "ms": self.elapsed_ms,
                "humanized": f"Completed in {self.elapsed_ms} ms",
            },
        }
        if self.testing_ns is not None:
            fields["testing-ns"] = self.testing_ns
        return fields

    def problems(self) -> dict[str, list[str]]:
        """ns → the vars with a failure or an error (what `retest` runs again)."""
        found: dict[str, list[str]] = {}
        for ns, tests in self.results.items():
            for var, results in tests.items():
                if any(r["type"] in ("fail", "error") for r in results) and var != UNKNOWN_VAR:
                    found.setdefault(ns, []).append(var)
        return found

    def failed(self) -> bool:
        return self.summary["fail"] + self.summary["error"] > 0


# -- choosing the tests ----------------------------------------------------------------------
def test_ns() -> Namespace:
    """clojure.test, loaded on first use."""
    loader.require(Symbol(None, "clojure.test"))
    ns = find_ns("clojure.test")
    assert ns is not None
    return ns


def the_ns(name: str) -> Namespace:
    """A namespace to test, required first when it is not loaded but can be."""
    ns = find_ns(name)
    if ns is None and loader.source_path.find(name) is not None:
        loader.require(Symbol(None, name))
        ns = find_ns(name)
    if ns is None:
        raise NamespaceNotFound(name)
    return ns


def select(query: Mapping[str, Any]) -> Corpus:
    """The tests a cider-nrepl var-query picks: `ns-query` {exactly, project?,
    include-regexps, exclude-regexps} chooses namespaces; `exactly` (qualified var names),
    `search` (a regexp over them), `include-meta-key` and `exclude-meta-key` choose vars."""
    ns_query = query.get("ns-query")
    ns_query = ns_query if isinstance(ns_query, Mapping) else {}
    exactly_ns = strings(ns_query.get("exactly"))
    if exactly_ns:
        namespaces = [the_ns(name) for name in exactly_ns]
    else:
        include = [re.compile(p) for p in strings(ns_query.get("include-regexps"))]
        exclude = [re.compile(p) for p in strings(ns_query.get("exclude-regexps"))]
        project = truthy(ns_query.get("project?"))
        namespaces = [
            ns
            for ns in sorted(all_ns(), key=lambda ns: str(ns.name))
            if (not include or any(p.search(str(ns.name)) for p in include))
            and not any(p.search(str(ns.name)) for p in exclude)
            and not (project and _bundled(ns))
        ]
    exactly = set(strings(query.get("exactly")))
    search = re.compile(query["search"]) if isinstance(query.get("search"), str) else None
    wanted = [keyword(None, k.lstrip(":")) for k in strings(query.get("include-meta-key"))]
    unwanted = [keyword(None, k.lstrip(":")) for k in strings(query.get("exclude-meta-key"))]
    picks_vars = bool(exactly or search or wanted or unwanted)

    def chosen(name: str, var: Var) -> bool:
        meta = var.meta()
        if meta is None or meta.val_at(_TEST) is None:
            return False
        if exactly and name not in exactly:
            return False
        if search is not None and not search.search(name):
            return False
        if wanted and not any(meta.val_at(k) for k in wanted):
            return False
        return not any(meta.val_at(k) for k in unwanted)

    corpus: Corpus = []
    for ns in namespaces:
        interns = own_vars(ns)
        tests = [v for n, v in interns.items() if chosen(f"{ns.name}/{n}", v)]
        if tests or (not picks_vars and "test-ns-hook" in interns):
            tests.sort(key=_line)
            corpus.append((ns, tests if picks_vars else tests or None))
    return corpus


def retest_corpus(report: Report) -> Corpus:
    """The tests that failed or erred in `report`."""
    corpus: Corpus = []
    for ns_name, names in report.problems().items():
        ns = find_ns(ns_name)
        if ns is not None:
            tests = [v for n in names if isinstance(v := ns.mappings.get(n), Var)]
            corpus.append((ns, tests))
    return corpus


def _bundled(ns: Namespace) -> bool:
    path = ns_path(ns)
    return path is not None and path.is_relative_to(loader.BUNDLED)


def _line(var: Var) -> int:
    meta = var.meta()
    line = meta.val_at(_LINE) if meta is not None else None
    return line if isinstance(line, int) else 0


# -- running them ----------------------------------------------------------------------------
def run(corpus: Corpus, printer: Printer, fail_fast: bool = False) -> Report:
    """Run the tests of `corpus`; with `fail_fast`, stop after the first test var with a
    failure or an error."""
    ct = _ClojureTest(test_ns())
    report = Report()
    started = time.perf_counter()
    collector = _Collector(ct, report, printer)
    frame = [
        (ct.var("report"), collector),
        (ct.var("*report-counters*"), None),
        (ct.var("*testing-vars*"), ct.var("*testing-vars*").root),
        (ct.var("*testing-contexts*"), ct.var("*testing-contexts*").root),
    ]
    with bindings(frame):
        for ns, tests in corpus:
            if fail_fast and report.failed():
                break
            ct.test_ns(ns, tests, collector, lambda: fail_fast and report.failed())
    report.elapsed_ms = round((time.perf_counter() - started) * 1000)
    return report


class _ClojureTest:
    """The parts of clojure.test the runner calls."""

    def __init__(self, ns: Namespace) -> None:
        self.ns = ns

    def var(self, name: str) -> Var:
        found = self.ns.mappings.get(name)
        assert isinstance(found, Var), f"clojure.test/{name} is missing"
        return found

    def test_ns(
        self,
        ns: Namespace,
        tests: list[Var] | None,
        collector: _Collector,
        stop: Callable[[], bool],
    ) -> None:
        """Run `tests` (None: the whole namespace) with the namespace's fixtures, as
        clojure.test's test-vars does, between begin/end events."""
        collector.begin_ns(ns)
        try:
            hook = own_vars(ns).get("test-ns-hook")
            if tests is None and hook is not None:
                hook()
            else:
                self._test_vars(ns, tests or [], stop)
        except Exception as e:  # a failing fixture: filed as an error of no test var
            collector.record("error", {"message": "Uncaught exception in test fixture"}, e)

    def _test_vars(self, ns: Namespace, tests: list[Var], stop: Callable[[], bool]) -> None:
        meta = ns.meta()
        join = self.var("join-fixtures")
        once = join(_fixtures(meta, "once-fixtures"))
        each = join(_fixtures(meta, "each-fixtures"))
        test_var = self.var("test-var")

        def run_all() -> None:
            for var in tests:
                if stop():
                    return
                each(lambda var=var: test_var(var))

        once(run_all)


def _fixtures(meta: Any, kind: str) -> Any:
    return meta.val_at(keyword("clojure.test", kind)) if meta is not None else None


class _Collector:
    """The `report` function of a run: files each event's result in the report."""

    def __init__(self, ct: _ClojureTest, report: Report, printer: Printer) -> None:
        self.ct = ct
        self.report = report
        self.printer = printer
        self.current_ns: str | None = None

    def begin_ns(self, ns: Namespace) -> None:
        self.current_ns = self.report.testing_ns = str(ns.name)
        self.report.summary["ns"] += 1

    def __call__(self, m: Any) -> None:
        event = _event_map(m)
        kind = _name(event.get("type"))
        if kind == "begin-test-var":
            self.report.summary["var"] += 1
        elif kind in ("pass", "fail", "error"):
            actual = event.get("actual")
            self.record(kind, event, actual if isinstance(actual, BaseException) else None)

    def record(self, kind: str, event: Mapping[str, Any], exc: BaseException | None) -> None:
        """File one assertion result under the outermost running test var."""
        testing = list(self.ct.var("*testing-vars*").deref() or ())
        var = testing[-1] if testing else None
        ns = str(var.ns.name) if var is not None and var.ns else self.current_ns or "user"
        name = var.sym.name if var is not None and var.sym else UNKNOWN_VAR
        tests = self.report.results.setdefault(ns, {}).setdefault(name, [])
        result: dict[str, Any] = {"type": kind, "ns": ns, "var": name, "index": len(tests)}
        if self.ct.var("*testing-contexts*").deref():
            result["context"] = self.ct.var("testing-contexts-str")()
        if (message := event.get("message")) is not None:
            result["message"] = message if isinstance(message, str) else self.printer(message)
        if kind in ("fail", "error") and "expected" in event:
            result["expected"] = self.printer(event["expected"])
        if exc is not None:
            result["error"] = f"{class_name(type(exc))}: {ex_message(exc) or ''}"
            result["actual"] = result["error"]
            self.report.errors[(ns, name, result["index"])] = exc
        elif kind == "fail":
            result["actual"] = self.printer(event.get("actual"))
        for key in ("file", "line"):
            if event.get(key) is not None:
                result[key] = event[key]
        tests.append(result)
        self.report.summary["test"] += 1
        self.report.summary[kind] += 1


def _event_map(m: Any) -> dict[str, Any]:
    """A report event (a map) as a dict keyed by its keywords' names."""
    return {(_name(e.key()) or ""): e.val() for e in m}


def _name(k: Any) -> str | None:
    if isinstance(k, Keyword):
        return k.sym.name
    return k if isinstance(k, str) else None
