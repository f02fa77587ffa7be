"""Recursive fib(25): pyjank's tier 0 against the same function written in CPython.

Prints the medians of several runs and their ratio (design §6 has the budgets; the native
tier comes later). Run with `make bench` or `python -m bench.fib`.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

N = 25
RUNS = 7

FIB_SOURCE = "(defn fib [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))"


def py_fib(n: int) -> int:
    return n if n < 2 else py_fib(n - 1) + py_fib(n - 2)


def median_ms(fn: Callable[[int], int], n: int) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn(n)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    from pyjank.compiler.bootstrap import boot
    from pyjank.compiler.loader import load_string
    from pyjank.runtime import core_vars as cv
    from pyjank.runtime.namespaces import find_or_create_ns
    from pyjank.runtime.vars import bindings

    boot()
    with bindings([(cv.NS, find_or_create_ns("user"))]):
        fib = load_string(FIB_SOURCE).deref()
    assert fib(N) == py_fib(N)
    cpython = median_ms(py_fib, N)
    tier0 = median_ms(fib, N)
    print(
        f"fib({N}) median of {RUNS}: CPython {cpython:.1f} ms, pyjank tier 0 {tier0:.1f} ms, "
        f"ratio {tier0 / cpython:.2f}x (budget for the native tier: <= 3 ms)"
    )


if __name__ == "__main__":
    main()
