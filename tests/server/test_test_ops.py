"""The clojure.test ops (test-var-query, test, test-all, retest, test-stacktrace), with
results in cider-nrepl's shape, through a real daemon."""

from __future__ import annotations

from typing import Any

import trio

from .client import Client, joined, values

FIXTURE_NS = """
(ns tool.tests (:require [clojure.test :refer [deftest is testing use-fixtures]]))
(def fixture-runs (atom 0))
(use-fixtures :each (fn [f] (swap! fixture-runs inc) (f)))
(deftest passing (testing "context here" (is (= 1 1))))
(deftest failing (is (= 5 (+ 2 2)) "arithmetic"))
(deftest erroring (is (= 1 (throw (ex-info "kaboom" {:why :test})))))
(deftest ^:slow printing (println "from the test") (is true))
"""
RESULT_KEYS = {"type", "ns", "var", "index"}


def report_of(replies: list[dict[str, Any]]) -> dict[str, Any]:
    """The report message: the only one with results, before a `done` of its own."""
    (report,) = [r for r in replies if "results" in r]
    assert replies[-1]["status"] == ["done"] and replies.index(report) == len(replies) - 2
    return report


async def load_fixture(client: Client, session: str) -> None:
    await client.request(
        op="load-file", session=session, file=FIXTURE_NS, file_path="/tmp/tool_tests.clj"
    )


async def test_test_var_query_reports_each_assertion(client: Client, session: str) -> None:
    await load_fixture(client, session)
    replies = await client.request(
        op="test-var-query",
        session=session,
        var_query={"ns-query": {"exactly": ["tool.tests"]}, "test?": 1},
    )
    assert joined(replies, "out") == "from the test\n"
    report = report_of(replies)
    assert report["summary"] == {"ns": 1, "var": 4, "test": 4, "pass": 2, "fail": 1, "error": 1}
    assert report["testing-ns"] == "tool.tests"
    assert report["gen-input"] == [] and report["elapsed-time"]["humanized"].startswith("Compl")
    results = report["results"]["tool.tests"]
    assert set(results) == {"passing", "failing", "erroring", "printing"}
    (passed,) = results["passing"]
    assert passed == {
        "type": "pass",
        "ns": "tool.tests",
        "var": "passing",
        "index": 0,
        "context": "context here",
    }
    (failed,) = results["failing"]
    assert RESULT_KEYS <= set(failed) and failed["type"] == "fail"
    assert failed["expected"] == "(= 5 (+ 2 2))" and failed["actual"] == "(not (= 5 4))"
    assert failed["message"] == "arithmetic"
    assert failed["file"] == "tool_tests.clj" and failed["line"] == 6
    (errored,) = results["erroring"]
    assert errored["type"] == "error" and errored["error"].endswith("kaboom")
    assert errored["line"] == 7
    runs = await client.request(op="eval", session=session, code="@tool.tests/fixture-runs")
    assert values(runs) == ["4"]


async def test_test_retest_and_test_stacktrace(client: Client, session: str) -> None:
    await load_fixture(client, session)
    one = report_of(
        await client.request(op="test", session=session, ns="tool.tests", tests=["passing"])
    )
    assert list(one["results"]["tool.tests"]) == ["passing"] and one["summary"]["var"] == 1
    tagged = await client.request(op="test", session=session, ns="tool.tests", include=["slow"])
    assert list(report_of(tagged)["results"]["tool.tests"]) == ["printing"]
    everything = report_of(await client.request(op="test-all", session=session))
    assert "tool.tests" in everything["results"]
    assert not any(ns.startswith("clojure.") for ns in everything["results"])
    again = report_of(await client.request(op="retest", session=session))
    assert set(again["results"]["tool.tests"]) == {"failing", "erroring"}
    *causes, done = await client.request(
        op="test-stacktrace", session=session, ns="tool.tests", var="erroring", index=0
    )
    assert done["status"] == ["done"]
    assert causes[0]["message"] == "kaboom" and causes[0]["data"] == "{:why :test}"
    assert causes[0]["stacktrace"][0]["flags"][0] == "clj"
    (none,) = await client.request(
        op="test-stacktrace", session=session, ns="tool.tests", var="failing", index=0
    )
    assert none["status"] == ["no-error", "done"]


async def test_fail_fast_missing_namespace_and_interrupt(client: Client, session: str) -> None:
    await load_fixture(client, session)
    fast = report_of(
        await client.request(
            op="test", session=session, ns="tool.tests", fail_fast="true", tests=[]
        )
    )
    assert fast["summary"]["var"] == 2  # passing, then failing stops the run
    (missing,) = await client.request(op="test", session=session, ns="tool.missing")
    assert missing["status"] == ["namespace-not-found", "done"]
    await client.request(
        op="eval",
        session=session,
        code="(ns tool.slow (:require [clojure.test :refer [deftest]])) "
        "(deftest forever (loop [] (recur)))",
    )
    test_id = await client.send(
        op="cider/test-var-query",
        session=session,
        var_query={"ns-query": {"exactly": ["tool.slow"]}},
    )
    await trio.sleep(0.1)
    interrupt_id = await client.send(op="interrupt", session=session, interrupt_id=test_id)
    assert (await client.replies(test_id))[-1]["status"] == ["interrupted", "done"]
    assert (await client.replies(interrupt_id))[-1]["status"] == ["done"]
