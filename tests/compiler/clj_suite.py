"""Run a pyjank clojure.test file through the `run` fixture (so through every backend) and
fail with clojure.test's report when any of its assertions failed or threw."""

from __future__ import annotations

from pathlib import Path

from pyjank.runtime.symbols import keyword


def run_clojure_tests(run, path: Path) -> None:
    ns = run(path.read_text(encoding="utf-8") + "\n(str *ns*)", str(path))
    out = run(f"(with-out-str (def summary__ (clojure.test/run-tests '{ns})))")
    summary = run("summary__")
    failures = summary.val_at(keyword(None, "fail")) + summary.val_at(keyword(None, "error"))
    assert summary.val_at(keyword(None, "test")) > 0, out
    assert failures == 0, out
