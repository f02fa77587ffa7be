"""The native tier against tier 0, CPython and C -O2, with the budgets of design §6.

Prints one table of medians: untyped and `^long` recursive fib(25) and the loop/recur sum to
10^7 (with a C -O2 column built from bench/c/ when gcc is present); then the collection
workload of issue #5 (build a 100 000-entry map, reduce over it, frequencies of a vector)
against idiomatic dict/Counter code. Then JIT latency (one small defn compiled alone, and per
fn when 100 are batched) and `defn` eval latency in lazy mode. Run with `python -m bench.jit`.
"""

from __future__ import annotations

import ctypes
import itertools
import shutil
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

RUNS = 5
C_DIR = Path(__file__).parent / "c"
FIB = "(defn fib [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))"
FIB_LONG = "(defn fibl [^long n] (if (< n 2) n (+ (fibl (- n 1)) (fibl (- n 2)))))"
SUM = "(defn sum [n] (loop [i 0 s 0] (if (< i n) (recur (inc i) (+ s i)) s)))"
SUM_LONG = "(defn suml [^long n] (loop [i 0 s 0] (if (< i n) (recur (inc i) (+ s i)) s)))"

N_COLL = 100_000
BUILD = "(defn build [n] (loop [i 0 m {}] (if (< i n) (recur (inc i) (assoc m i (* i i))) m)))"
TOTAL = "(defn total [m] (reduce (fn [acc [k v]] (+ acc k v)) 0 m))"
FREQS = "(defn freqs [v] (frequencies v))"
VECTOR = f"(vec (map #(mod % 100) (range {N_COLL})))"

Define = Callable[[str, str], Any]


class Row(NamedTuple):
    """Medians in ms of one workload; `c` and `budget` are None where they do not apply."""

    label: str
    native: float
    tier0: float
    cpython: float
    c: float | None
    budget: float | None


def py_fib(n: int) -> int:
    """CPython counterpart of FIB."""
    return n if n < 2 else py_fib(n - 1) + py_fib(n - 2)


def py_sum(n: int) -> int:
    """CPython counterpart of SUM, written as the same counting loop."""
    i = s = 0
    while i < n:
        s += i
        i += 1
    return s


def py_build(n: int) -> dict[int, int]:
    """Idiomatic CPython counterpart of BUILD: a dict comprehension, not a loop of copies."""
    return {i: i * i for i in range(n)}


def py_total(m: dict[int, int]) -> int:
    """Idiomatic CPython counterpart of TOTAL."""
    return sum(k + v for k, v in m.items())


def median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    """Median wall time of fn in ms: robust to one slow run on a shared machine."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def load_c() -> dict[str, Callable[[int], int]] | None:
    """Build bench/c/*.c with gcc -O2 as one shared library, so n reaches the code only at run
    time and cannot be folded; each file exports `long <stem>(long)`. None without gcc."""
    gcc = shutil.which("gcc")
    if gcc is None:
        return None
    sources = sorted(C_DIR.glob("*.c"))
    with tempfile.TemporaryDirectory() as tmp:
        lib_path = Path(tmp) / "libbench.so"
        cmd = [gcc, "-O2", "-shared", "-fPIC", "-o", str(lib_path), *map(str, sources)]
        subprocess.run(cmd, check=True)
        lib = ctypes.CDLL(str(lib_path))  # stays mapped after the file is removed
    fns = {}
    for src in sources:
        fn = getattr(lib, src.stem)
        fn.restype, fn.argtypes = ctypes.c_long, [ctypes.c_long]
        fns[src.stem] = fn
    return fns


def time_row(
    label: str,
    native: Callable[[], Any],
    tier0: Callable[[], Any],
    cpython: Callable[[], Any],
    c: Callable[[], Any] | None,
    budget: float | None,
    runs: int = RUNS,
) -> Row:
    """Time every implementation of one workload with the same harness."""
    native_ms, tier0_ms, cpython_ms = (median_ms(fn, runs) for fn in (native, tier0, cpython))
    c_ms = None if c is None else median_ms(c, runs)
    return Row(label, native_ms, tier0_ms, cpython_ms, c_ms, budget)


def numeric_rows(define: Define, c_fns: dict[str, Callable[[int], int]] | None) -> list[Row]:
    """The fib and loop/recur rows of design §6 (both fibs run one C fib, both sums one C sum)."""
    rows = []
    for label, src, arg, py, c_name, budget in (
        ("fib(25)", FIB, 25, py_fib, "fib", 3.0),
        ("^long fib(25)", FIB_LONG, 25, py_fib, "fib", 0.25),
        ("sum 10^7 ^long", SUM_LONG, 10**7, py_sum, "sum", 4.0),
        ("sum 10^7 untyped", SUM, 10**7, py_sum, "sum", 8.0),
    ):
        native = define(src, "eager")
        tier0 = define(src, "off")
        c = None if c_fns is None else c_fns[c_name]
        expected = py(arg)
        assert native(arg) == tier0(arg) == expected
        assert c is None or c(arg) == expected
        c_call = None if c is None else partial(c, arg)
        runs = 3 if arg > 100 else RUNS
        calls = (partial(native, arg), partial(tier0, arg), partial(py, arg), c_call)
        rows.append(time_row(label, *calls, budget, runs))
    return rows


def collection_rows(define: Define, evaluate: Define) -> list[Row]:
    """Issue #5's collection workload: persistent maps and vectors against dict and Counter."""
    n_build, n_total, n_freqs = (define(src, "eager") for src in (BUILD, TOTAL, FREQS))
    t_build, t_total, t_freqs = (define(src, "off") for src in (BUILD, TOTAL, FREQS))
    vec = evaluate(VECTOR, "off")
    ints = [i % 100 for i in range(N_COLL)]
    assert list(vec) == ints
    m, py_m = n_build(N_COLL), py_build(N_COLL)
    assert m == t_build(N_COLL) and dict(m) == py_m
    assert n_total(m) == t_total(m) == py_total(py_m)
    f = n_freqs(vec)
    assert f == t_freqs(vec) and dict(f) == Counter(ints)
    return [
        time_row(label, partial(nat, arg), partial(t0, arg), partial(py, py_arg), None, None)
        for label, nat, t0, py, arg, py_arg in (
            ("build map 10^5", n_build, t_build, py_build, N_COLL, N_COLL),
            ("reduce map 10^5", n_total, t_total, py_total, m, py_m),
            ("frequencies 10^5", n_freqs, t_freqs, Counter, vec, ints),
        )
    ]


def ratio(a: float, b: float) -> str:
    """a / b with enough digits that a ratio far below 1 does not print as 0.0x."""
    x = a / b
    return f"{x:.1f}x" if x >= 1 else f"{x:.2g}x"


def print_table(rows: list[Row]) -> None:
    """One table: medians, then speed ratios, then the native budget check."""
    print(
        f"medians in ms ({RUNS} runs, 3 for the sums); C -O2 = bench/c/ built by gcc; "
        "budget = design §6 (native)\n"
        "ratios: t0/nat = tier 0 / native, CPy/nat = CPython / native (higher is better), "
        "nat/C = native / C"
    )
    print(
        f"{'':18}{'native':>9}{'tier 0':>9}{'CPython':>9}{'C -O2':>9}"
        f"{'t0/nat':>8}{'CPy/nat':>8}{'nat/C':>8}{'budget':>8}"
    )
    for r in rows:
        c_ms = "—" if r.c is None else f"{r.c:.2f}"
        nat_c = "—" if r.c is None else ratio(r.native, r.c)
        budget = "—" if r.budget is None else f"{r.budget:.2f}"
        verdict = "" if r.budget is None else (" ok" if r.native <= r.budget else " OVER")
        print(
            f"{r.label:18}{r.native:9.2f}{r.tier0:9.2f}{r.cpython:9.2f}{c_ms:>9}"
            f"{ratio(r.tier0, r.native):>8}{ratio(r.cpython, r.native):>8}{nat_c:>8}"
            f"{budget:>8}{verdict}"
        )


def main() -> None:
    from pyjank.compiler.bootstrap import boot
    from pyjank.compiler.loader import load_string
    from pyjank.compiler.options import jit_mode_as
    from pyjank.runtime import core_vars as cv
    from pyjank.runtime.namespaces import find_or_create_ns
    from pyjank.runtime.vars import bindings

    boot()
    c_fns = load_c()

    def evaluate(src: str, mode: str) -> Any:
        with jit_mode_as(mode), bindings([(cv.NS, find_or_create_ns(f"bench.{mode}"))]):
            if not find_or_create_ns(f"bench.{mode}").mappings:
                load_string("(clojure.core/refer 'clojure.core)")
            return load_string(src)

    def define(src: str, mode: str) -> Any:
        return evaluate(src, mode).deref()

    print_table(numeric_rows(define, c_fns) + collection_rows(define, evaluate))
    if c_fns is None:
        print("gcc not found: C -O2 column skipped")

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
