"""The `pyjank` command, run as a real subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PYJANK = [sys.executable, "-m", "pyjank.cli.main"]


def pyjank(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*PYJANK, *args], input=stdin, capture_output=True, text=True, timeout=120, cwd=cwd
    )


def test_eval_destructuring_prints_value():
    r = pyjank("-e", "(let [{:keys [a b] :or {b 2}} {:a 1}] (+ a b))")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "3\n"


def test_eval_map_keeps_three_entries():
    r = pyjank("-e", "(pr-str {1 :a true :b 1.0 :c})")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == '"{1 :a, true :b, 1.0 :c}"'


def test_eval_prints_nothing_for_nil():
    r = pyjank("-e", "(def x 1)", "-e", "nil")
    assert r.stdout == "#'user/x\n"


def test_errors_are_one_readable_message():
    r = pyjank("-e", "(+ 1 nope)")
    assert r.returncode == 1
    assert r.stderr.startswith("Syntax error compiling at (")
    assert "Unable to resolve symbol: nope in this context" in r.stderr
    assert "Traceback" not in r.stderr
    v = pyjank("--verbose", "-e", "(/ 1 0)")
    assert "Execution error (ArithmeticException)" in v.stderr
    assert "Traceback" in v.stderr


def test_run_file_with_args(tmp_path: Path):
    script = tmp_path / "hello.jank"
    script.write_text('(println "args:" *command-line-args*)\n(println (reduce + (range 5)))\n')
    r = pyjank("run", str(script), "a", "b")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "args: (a b)\n10\n"


def test_main_namespace(tmp_path: Path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "main.jank").write_text(
        "(ns app.main)\n(defn -main [& args] (println :main (count args)))\n"
    )
    r = pyjank("--path", str(tmp_path), "-m", "app.main", "x", "y")
    assert r.returncode == 0, r.stderr
    assert r.stdout == ":main 2\n"


def test_repl_reads_multiline_input_and_tracks_results():
    session = "(def x\n  41)\n(inc x)\n*1\n(/ 1 0)\n(str *e)\n"
    r = pyjank(stdin=session)
    assert r.returncode == 0, r.stderr
    assert "#'user/x" in r.stdout
    assert r.stdout.count("42") == 2
    assert "#_=>" in r.stdout
    assert "Execution error (ArithmeticException)" in r.stderr
    assert "Divide by zero" in r.stdout
