"""The native tier against tier 0, CPython and C, with the budgets of design §6.

Prints medians of several runs: untyped recursive fib(25); `^long` fib(25); loop/recur sum
to 10^7 with and without hints; JIT latency (one small defn compiled alone, and per fn when
100 are batched); `defn` eval latency in lazy mode. Run with `python -m bench.jit`.
"""

from __future__ import annotations

import itertools
import statistics
import time
from collections.abc import Callable
from typing import Any

RUNS = 5
FIB = "(defn fib [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))"
FIB_LONG = "(defn fibl [^long n] (if (< n 2) n (+ (fibl (- n 1)) (fibl (- n 2)))))"
SUM = "(defn sum [n] (loop [i 0 s 0] (if (< i n) (recur (inc i) (+ s i)) s)))"
SUM_LONG = "(defn suml [^long n] (loop [i 0 s 0] (if (< i n) (recur (inc i) (+ s i)) s)))"


def py_fib(n: int) -> int:
    return n if n < 2 else py_fib(n - 1) + py_fib(n - 2)


def py_sum(n: int) -> int:
    i = s = 0
    while i < n:
        s += i
        i += 1
    return s


def median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    from pyjank.compiler.bootstrap import boot
    from pyjank.compiler.loader import load_string
    from pyjank.compiler.options import jit_mode_as
    from pyjank.runtime import core_vars as cv
    from pyjank.runtime.namespaces import find_or_create_ns
    from pyjank.runtime.vars import bindings

    boot()

    def evaluate(src: str, mode: str) -> Any:
        with jit_mode_as(mode), bindings([(cv.NS, find_or_create_ns(f"bench.{mode}"))]):
            if not find_or_create_ns(f"bench.{mode}").mappings:
                load_string("(clojure.core/refer 'clojure.core)")
            return load_string(src)

    def define(src: str, mode: str) -> Any:
        return evaluate(src, mode).deref()

    rows = []
    for label, src, arg, py, budget in (
        ("fib(25)", FIB, 25, py_fib, 3.0),
        ("^long fib(25)", FIB_LONG, 25, py_fib, 0.25),
        ("sum 10^7 ^long", SUM_LONG, 10**7, py_sum, 4.0),
        ("sum 10^7 untyped", SUM, 10**7, py_sum, 8.0),
    ):
        native = define(src, "eager")
        tier0 = define(src, "off")
        assert native(arg) == tier0(arg) == py(arg)
        runs = 3 if arg > 100 else RUNS
        n_ms = median_ms(lambda f=native, a=arg: f(a), runs)
        t_ms = median_ms(lambda f=tier0, a=arg: f(a), runs)
        p_ms = median_ms(lambda f=py, a=arg: f(a), runs)
        rows.append((label, n_ms, t_ms, p_ms, budget))
    print(f"{'':18}{'native':>10}{'tier 0':>10}{'CPython':>10}{'vs CPy':>8}{'budget':>9}")
    for label, n_ms, t_ms, p_ms, budget in rows:
        ok = "ok" if n_ms <= budget else "OVER"
        print(
            f"{label:18}{n_ms:9.2f}m{t_ms:9.2f}m{p_ms:9.2f}m{p_ms / n_ms:7.1f}x{budget:7.2f}ms {ok}"
        )

    fresh = itertools.count()  # distinct sources: the per-form cache must not answer

    def compile_one() -> None:
        define(f"(defn small [x] (+ x {next(fresh)}))", "eager")

    one = median_ms(compile_one, 9)
    k = next(fresh)
    batch = "\n".join(f"(defn b{i} [x] (if (< x {i}) (+ x {k}) (* x 2)))" for i in range(100))
    t0 = time.perf_counter()
    with jit_mode_as("lazy"):
        evaluate(f"(do {batch})", "lazy")
        evaluate("(b0 1)", "lazy")  # the first call compiles all 100 in one module
    per_fn = (time.perf_counter() - t0) * 1000 / 100
    lazy_defn = median_ms(lambda: define(f"(defn small [x] (+ x {next(fresh)}))", "lazy"), 21)
    print(f"JIT latency: one small defn {one:.1f} ms (eager); {per_fn:.2f} ms per fn batched x100")
    print(f"defn eval latency: lazy {lazy_defn:.2f} ms (budget 1 ms), eager {one:.1f} ms")


if __name__ == "__main__":
    main()
