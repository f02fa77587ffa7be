"""clojure.test: a namespace of passing, failing and erroring tests, run and summarised."""

from __future__ import annotations

import re

import pytest

from pyjank.compiler.errors import CompilerError
from pyjank.runtime.symbols import keyword

K = keyword

SUITE = """
(ns {ns}
  (:require [clojure.test :refer [deftest is testing are use-fixtures run-tests
                                  successful? test-var test-vars test-ns run-test
                                  *report-counters*]]))

(def log (atom []))
(use-fixtures :once (fn [f] (swap! log conj :once-before) (f) (swap! log conj :once-after)))
(use-fixtures :each (fn [f] (swap! log conj :each) (f)))

(defn boom [] (throw (ex-info "boom" {{:a 1}})))

(deftest passing
  (is (= 1 1))
  (is true "with a message")
  (is (thrown? ArithmeticException (/ 1 0)))
  (is (thrown-with-msg? clojure.lang.ExceptionInfo #"bo+m" (boom)))
  (are [x y] (= x y)
    2 (+ 1 1)
    4 (* 2 2))
  (testing "nested"
    (is (instance? String "s"))))

(deftest failing
  (testing "arithmetic"
    (testing "addition"
      (is (= 3 (+ 1 1)) "one plus one")))
  (is nil)
  (is (thrown? ArithmeticException (+ 1 1))))

(deftest erroring
  (is (= 1 (boom))))

(deftest erroring-outside-assertion
  (boom))

(defn not-a-test [] :nothing)
"""


def line_of(text: str) -> int:
    """The line of SUITE that contains text."""
    return next(i for i, line in enumerate(SUITE.splitlines(), 1) if text in line)


@pytest.fixture
def suite(run):
    name = f"{run.ns.name}.suite"
    run(SUITE.format(ns=name), "my/suite_test.jank")
    return name


def run_suite(run, name):
    out = run(f"(with-out-str (def summary (clojure.test/run-tests '{name})))")
    summary = run("summary")
    return summary, out


def test_run_tests_summary(run, suite):
    summary, out = run_suite(run, suite)
    assert summary == run("{:test 4 :pass 7 :fail 3 :error 2 :type :summary}")
    assert run("(clojure.test/successful? summary)") is False
    assert out.startswith(f"\nTesting {suite}\n")
    assert out.endswith("\nRan 4 tests containing 12 assertions.\n3 failures, 2 errors.\n")


def test_failure_reports(run, suite):
    _, out = run_suite(run, suite)
    assert (
        f"\nFAIL in (failing) (suite_test.jank:{line_of('one plus one')})\n"
        "arithmetic addition\n"
        "one plus one\n"
        "expected: (= 3 (+ 1 1))\n"
        "  actual: (not (= 3 2))\n"
    ) in out
    line = line_of("(is nil)")
    assert f"\nFAIL in (failing) (suite_test.jank:{line})\nexpected: nil\n  actual: nil\n" in out
    assert (
        f"\nFAIL in (failing) (suite_test.jank:{line_of('(+ 1 1)))')})\n"
        "expected: (thrown? ArithmeticException (+ 1 1))\n"
        "  actual: nil\n"
    ) in out


def test_error_reports(run, suite):
    _, out = run_suite(run, suite)
    # the position is where the exception was raised
    assert (
        f"\nERROR in (erroring) (suite_test.jank:{line_of('defn boom')})\n"
        "expected: (= 1 (boom))\n"
        "  actual: clojure.lang.ExceptionInfo: boom\n{:a 1}\n at "
    ) in out
    assert (
        f"\nERROR in (erroring-outside-assertion) (suite_test.jank:{line_of('defn boom')})\n"
        "Uncaught exception, not in assertion.\n"
        "expected: nil\n"
        "  actual: clojure.lang.ExceptionInfo: boom\n"
    ) in out
    assert re.search(rf"suite/boom.* \(suite_test\.jank:{line_of('defn boom')}\)\n", out)


def test_fixtures_run_around_tests(run, suite):
    run_suite(run, suite)
    log = list(run(f"@{suite}/log"))
    assert log == [K("once-before")] + [K("each")] * 4 + [K("once-after")]


def test_deftest_defines_a_callable_test_var(run, suite):
    assert run(f"(fn? (:test (meta #'{suite}/passing)))") is True
    assert run(f"(:test (meta #'{suite}/not-a-test))") is None
    # calling the test runs it without counters; output only for failures
    out = run(f"(with-out-str ({suite}/passing))")
    assert out == ""
    out = run(f"(with-out-str ({suite}/failing))")
    assert out.count("FAIL in (failing)") == 3


def test_test_var_and_counters(run, suite):
    src = f"""(binding [clojure.test/*report-counters*
                        (atom clojure.test/*initial-report-counters*)]
                (with-out-str (clojure.test/test-var #'{suite}/failing))
                @clojure.test/*report-counters*)"""
    assert run(src) == run("{:test 1 :pass 0 :fail 3 :error 0}")
    src = f"(with-out-str (def c (clojure.test/test-ns '{suite})))"
    run(src)
    assert run("c") == run("{:test 4 :pass 7 :fail 3 :error 2}")


def test_run_test_single_var(run, suite):
    out = run(f"(with-out-str (def s (clojure.test/run-test {suite}/passing)))")
    assert run("s") == run("{:test 1 :pass 7 :fail 0 :error 0 :type :summary}")
    assert "Ran 1 tests containing 7 assertions.\n0 failures, 0 errors.\n" in out
    assert run("(clojure.test/successful? s)") is True


def test_is_returns_the_value_and_report_can_be_rebound(run):
    run("(require '[clojure.test :as t])")
    src = """(let [events (atom [])]
               (binding [t/report (fn [m] (swap! events conj (:type m)))]
                 [(t/is (= 1 1)) (t/is (+ 1 2)) (t/is (= 1 2)) @events]))"""
    result = list(run(src))
    assert result[:3] == [True, 3, False]
    assert list(result[3]) == [K("pass"), K("pass"), K("fail")]


def test_are_checks_argument_count(run):
    run("(require '[clojure.test :as t])")
    with pytest.raises(CompilerError, match="The number of args doesn't match are's argv."):
        run("(t/are [x y] (= x y) 1 2 3)")
    assert run("(t/are [] true)") is None


def test_empty_namespace(run):
    name = f"{run.ns.name}.empty"
    run(f"(ns {name})")
    out = run(f"(with-out-str (def s (clojure.test/run-tests '{name})))")
    assert run("s") == run("{:test 0 :pass 0 :fail 0 :error 0 :type :summary}")
    assert (
        out == f"\nTesting {name}\n\nRan 0 tests containing 0 assertions.\n0 failures, 0 errors.\n"
    )
