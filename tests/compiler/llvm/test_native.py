"""The native tier beyond answers (which every language test checks through both tiers):
reference counts, memory, tracebacks, recursion, interrupts, lazy compilation. Tests that a
bug could turn into a crash run in a subprocess, so a crash is a failure, not a lost run."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import traceback
import tracemalloc

import pytest

from pyjank.compiler.options import jit_mode_as
from pyjank.runtime.exceptions import ArithmeticException

PRELUDE = """
import sys, threading, time
from pyjank.compiler.bootstrap import boot
from pyjank.compiler.loader import load_string
from pyjank.compiler.options import set_jit_mode
from pyjank.runtime import core_vars as cv
from pyjank.runtime.namespaces import find_or_create_ns
from pyjank.runtime.vars import bindings
boot()
set_jit_mode("eager")
cv.NS.bind_root(find_or_create_ns("user"))
run = load_string
"""


def in_subprocess(body: str, timeout: float = 120) -> str:
    """Run `body` after PRELUDE in a fresh interpreter; its stdout, or a failure."""
    code = PRELUDE + textwrap.dedent(body)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout
    )
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr[-3000:]}"
    return proc.stdout


@pytest.fixture
def native(run):
    """`run` through the native tier only."""
    if run.backend != "jit":
        pytest.skip("native tier only")
    return run


def test_refcounts_and_memory_stay_flat(native):
    native("""
      (defn work [x k]
        (let [v [x k (str x)]
              f (fn [y] (conj v y))]
          (try (if (odd? x) (throw (ex-info "odd" {:x x})) (f x))
               (catch Exception e (ex-data e))
               (finally (count v)))))
      (defn rec [n acc] (if (= n 0) acc (recur (dec n) (conj acc n))))
      (defn fact [n] (if (< n 2) 1 (* n (fact (dec n)))))""")
    work, rec, fact = native("[work rec fact]")
    arg, kw, empty = object(), native(":kw"), native("[]")

    def soak() -> None:
        for i in range(50_000):
            work(i, arg)
            work(i, kw)
            if i % 100 == 0:
                rec(20, empty)
                fact(20)

    soak()
    gc.collect()
    before = (sys.getrefcount(arg), sys.getrefcount(kw), sys.getrefcount(empty))
    tracemalloc.start()
    start = tracemalloc.get_traced_memory()[0]
    soak()
    gc.collect()
    grown = tracemalloc.get_traced_memory()[0] - start
    tracemalloc.stop()
    assert (sys.getrefcount(arg), sys.getrefcount(kw), sys.getrefcount(empty)) == before
    assert grown < 64 * 1024


def test_traceback_names_the_fn_file_and_line(native):
    native('(defn boom [x]\n  (inc x)\n  (throw (ex-info "bang" {})))', "my/file.jank")
    with pytest.raises(Exception, match="bang") as info:
        native("(boom 1)")
    frames = [(f.name, f.filename, f.lineno) for f in traceback.extract_tb(info.tb)]
    assert any(
        name.endswith("/boom") and file == "my/file.jank" and line == 3
        for name, file, line in frames
    ), frames


def test_fns_bind_as_methods_and_print_their_name(native):
    f = native("(defn twice [x] (* 2 x))")
    assert "twice" in repr(f.deref())
    assert native("(fn? twice)") is True
    assert (
        native('(.m ((python/type "C" (python/tuple []) (python/dict {"m" (fn [self] 7)}))))') == 7
    )


def test_lazy_mode_compiles_on_first_call():
    out = in_subprocess("""
        import ctypes
        from pyjank.compiler.llvm import jit
        from pyjank.compiler.llvm.fntype import VECTORCALL
        set_jit_mode("lazy")
        f = run("(defn f [x] (+ x 1))").deref()
        entry = lambda: ctypes.c_void_p.from_address(id(f) + VECTORCALL).value
        print(entry() == jit.fn_type().lazy_entry, f(41), entry() == jit.fn_type().lazy_entry)
    """)
    assert out.split() == ["True", "42", "False"]


def test_lazy_mode_keeps_macro_fns_on_tier_0():
    """A macro runs while code compiles, mostly once per use: under `--jit lazy` its fn is
    tier 0's (no JIT during a load); `eager` compiles it like any fn."""
    out = in_subprocess("""
        from types import FunctionType
        for mode in ("lazy", "eager"):
            set_jit_mode(mode)
            run(f"(defmacro twice-{mode} [x] (let [f (fn [y] (list 'do y y))] (f x)))")
            f = run(f"(deref #'twice-{mode})")
            print(mode, isinstance(f, FunctionType), run(f"(twice-{mode} (+ 1 2))"))
    """)
    assert out.split() == ["lazy", "True", "3", "eager", "False", "3"]


def test_keyword_arguments_are_refused(native):
    f = native("(fn [x] x)")
    with pytest.raises(TypeError, match="keyword"):
        f(x=1)


def test_deep_recursion_raises_recursion_error():
    out = in_subprocess("""
        run("(defn down [n] (if (= n 0) 0 (inc (down (dec n)))))")
        run("(def down-var (fn [n] (if (= n 0) 0 (inc (down-var (dec n))))))")
        for src in ("(down 1000000)", "(down-var 1000000)"):
            try:
                run(src)
            except RecursionError:
                print("recursion error")
        print(run("(down 100)"))
    """)
    assert out.split() == ["recursion", "error", "recursion", "error", "100"]


def test_throw_through_10000_native_frames():
    out = in_subprocess("""
        sys.setrecursionlimit(50_000)
        threading.stack_size(512 * 1024 * 1024)
        def main():
            run("(defn deep [n] (if (= n 0) (throw (ex-info \\"bottom\\" {}))"
                " (inc (deep (dec n)))))")
            print(run('(try (deep 10000) (catch Exception e (ex-message e)))'))
        t = threading.Thread(target=main); t.start(); t.join()
    """)
    assert out.strip() == "bottom"


def test_interrupting_an_infinite_native_loop():
    out = in_subprocess(
        """
        from pyjank.compiler.llvm.interrupts import request_interrupt
        me = threading.get_ident()
        threading.Timer(0.3, lambda: request_interrupt(me, KeyboardInterrupt)).start()
        try:
            run("(loop [i 0] (recur (inc i)))")
        except KeyboardInterrupt:
            print("interrupted")
        threading.Timer(0.3, lambda: request_interrupt(None, KeyboardInterrupt)).start()
        try:
            run("(defn spin [] (loop [] (recur))) (spin)")
        except KeyboardInterrupt:
            print("interrupted")
        print(run("(loop [i 0] (if (< i 10) (recur (inc i)) i))"))
    """,
        timeout=60,
    )
    assert out.split() == ["interrupted", "interrupted", "10"]


@pytest.mark.slow
def test_redefining_a_fn_10000_times_keeps_memory_bounded():
    """Machine code of dead modules is released, and so is ORC's bookkeeping per linked
    library once its LLJIT (one per `jit.GENERATION` libraries) holds no live code. What
    remains is ~1 KiB per compile inside LLVM's pass pipeline; the bound is 32 MiB for
    10 000 redefinitions (keeping code or LLJITs would take ~150 MiB)."""
    out = in_subprocess(
        """
        import gc, resource
        def rss_mb():
            with open("/proc/self/statm") as f:
                return int(f.read().split()[1]) * resource.getpagesize() / 2**20
        for i in range(300):
            run(f"(defn f [x] (+ x {i}))"); run("(f 1)")
        gc.collect(); base = rss_mb()
        for i in range(10_000):
            run(f"(defn f [x] (+ x {i}))"); run("(f 1)")
        gc.collect()
        print(rss_mb() - base)
    """,
        timeout=120,
    )
    assert float(out) < 32, out


@pytest.mark.parametrize("mode", ["eager", "lazy"])
def test_modes_agree(booted, mode):
    from pyjank.compiler.loader import load_string

    with jit_mode_as(mode):
        assert load_string("(reduce + (map (fn [x] (* x x)) (range 10)))") == 285


def test_unboxed_locals_give_tier_0_answers(run):
    """`^long`/`^double` params and inferred loop locals run unboxed natively; overflow
    throws as in tier 0, and unboxed values are boxed where they escape (closures, calls)."""
    run("""
      (defn suml [^long n] (loop [i 0 s 0] (if (< i n) (recur (inc i) (+ s i)) s)))
      (defn sum [n] (loop [i 0 s 0] (if (< i n) (recur (inc i) (+ s i)) s)))
      (defn fibl [^long n] (if (< n 2) n (+ (fibl (- n 1)) (fibl (- n 2)))))""")
    assert run("[(suml 100) (sum 100) (sum 2.5) (fibl 20)]") == run("[4950 4950 3 6765]")
    assert run("(loop [i 0 x 1.5] (if (< i 3) (recur (inc i) (* x 2)) [i x]))") == run("[3 12.0]")
    assert run("(loop [i 0 j nil] (if (< i 3) (recur (inc i) i) [i j]))") == run("[3 2]")
    assert run(
        "(loop [i 0 fs []] (if (< i 3) (recur (inc i) (conj fs (fn [] i))) (mapv #(%) fs)))"
    ) == run("[0 1 2]")
    assert run(
        "(let [a 5 b (* a 2)] [(= a 5) (= a 5.0) (== b 10.0) (zero? (- a 5)) (< a 5.5)])"
    ) == run("[true false true true true]")
    with pytest.raises(ArithmeticException, match="integer overflow"):
        run("(loop [i 9223372036854775800] (recur (inc i)))")
