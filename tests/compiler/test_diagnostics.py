"""Error reports as Clojure prints them: headline with phase and position, then message."""

from __future__ import annotations

import pytest

from pyjank.compiler.diagnostics import format_error


def report(run, src: str, file: str | None = None) -> str:
    with pytest.raises(Exception) as info:
        run(src, file)
    return format_error(info.value)


def test_core_fn_arity_errors_read_like_clojure(run):
    assert report(run, "(inc)").splitlines()[1] == (
        "Wrong number of args (0) passed to: clojure.core/inc"
    )
    text = report(run, "(inc 1 2)")
    assert text.startswith("Execution error (ArityException) at ")
    assert text.endswith("Wrong number of args (2) passed to: clojure.core/inc")


def test_user_fn_arity_error_names_fn_and_line(run):
    text = report(run, "(defn two [a b] a)\n\n(two 1)", "src/x.jank")
    assert text.startswith("Execution error (ArityException) at ")
    assert "(src/x.jank:3)" in text
    assert text.endswith("passed to: " + str(run.ns.name) + "/two")


def test_execution_error_points_at_the_failing_fn(run):
    text = report(run, "(defn boom [x]\n  (/ x 0))\n(boom 1)", "a.jank")
    assert text.splitlines() == [
        f"Execution error (ArithmeticException) at {run.ns.name}/boom (a.jank:2).",
        "Divide by zero",
    ]


def test_bad_destructuring_is_a_macroexpansion_error_with_position(run):
    text = report(run, "\n  (let [1 2] 1)", "d.jank")
    assert text.splitlines() == [
        "Syntax error macroexpanding clojure.core/let at (d.jank:2:3).",
        "Unsupported binding form: 1",
    ]
    text = report(run, "(let [[a & b c] [1 2 3]] a)")
    assert text.endswith("Unsupported binding form, only :as can follow & parameter")


def test_reader_errors_have_positions(run):
    text = report(run, "(+ 1\n   2", "r.jank")
    assert text.startswith("Syntax error reading source at (r.jank:")
