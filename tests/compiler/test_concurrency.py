"""Concurrency through every backend: concurrency_test.jank (a clojure.test suite), and in a
child process what needs one: `shutdown-agents`, and exiting with work still pending."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .clj_suite import run_clojure_tests

HERE = Path(__file__).parent


def test_concurrency_suite(run):
    run_clojure_tests(run, HERE / "concurrency_test.jank")


def pyjank(*exprs: str) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-m", "pyjank.cli.main"]
    for e in exprs:
        args += ["-e", e]
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


def test_pending_work_does_not_keep_the_process_alive():
    done = pyjank(
        "(future (Thread/sleep 60000))",
        "(send-off (agent 0) (fn [_] (Thread/sleep 60000)))",
        ":bye",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == ":bye"


def test_shutdown_agents_refuses_new_work():
    done = pyjank(
        "(def a (agent 0))",
        "(do (send a inc) (await a) (shutdown-agents))",
        "(try @(future 1) (catch java.util.concurrent.RejectedExecutionException e :rejected))",
        "@a",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["#'user/a", ":rejected", "1"]
