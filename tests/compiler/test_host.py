"""clojure.core's host-facing vars through every backend: host_test.jank, a clojure.test
suite (transients, arrays, int arithmetic, reader fns, regex matchers, Python interop, ...)."""

from __future__ import annotations

from pathlib import Path

from .clj_suite import run_clojure_tests


def test_host_suite(run):
    run_clojure_tests(run, Path(__file__).parent / "host_test.jank")
