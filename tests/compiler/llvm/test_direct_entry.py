"""Fns that call themselves: direct entries with unboxed params and results, the var guard,
stack segments, polling, and the loop-counter increments that need no overflow check.
Answers run through both tiers and must agree; what only the native tier has is checked
there (crash-prone cases in a subprocess)."""

from __future__ import annotations

import pytest

from pyjank.compiler import nodes as n
from pyjank.compiler.analyzer import Analyzer
from pyjank.compiler.passes.types import DOUBLE, LONG, OBJECT, Types
from pyjank.compiler.reader import read_string
from pyjank.runtime.exceptions import ArithmeticException, ClassCastException

from .test_native import in_subprocess

LONG_MAX = (1 << 63) - 1


def test_typed_and_untyped_recursion_agree(run):
    run("""
      (defn fibl [^long n] (if (< n 2) n (+ (fibl (- n 1)) (fibl (- n 2)))))
      (defn fib [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
      (defn powd [^double x ^long k] (if (= k 0) 1.0 (* x (powd x (dec k)))))
      (defn count-down [n] (if (= n 0) :done (count-down (dec n))))
      (defn depth [^long n] (let [m (dec n)] (do (str m) (if (pos? n) (inc (depth m)) 0))))
      (def named (fn walk [xs acc] (if (seq xs) (walk (rest xs) (conj acc (first xs))) acc)))
    """)
    assert run("(fibl 20)") == run("(fib 20)") == 6765
    assert run("(powd 1.5 3)") == 3.375
    assert run("(powd 2 0)") == 1.0
    assert str(run("(count-down 50)")) == ":done"
    assert run("(depth 30)") == 30
    assert list(run("(named [1 2 3] [])")) == [1, 2, 3]


def test_overflow_in_a_direct_entry_throws_as_tier_0(run):
    run("(defn grow [^long n] (if (= n 0) 1 (* 1000 (grow (dec n)))))")
    assert run("(grow 6)") == 10**18
    with pytest.raises(ArithmeticException, match="integer overflow"):
        run("(grow 7)")


def test_a_memoized_var_is_called_in_place_of_the_direct_entry(run):
    run("""
      (defn fibm [^long n] (if (< n 2) n (+ (fibm (- n 1)) (fibm (- n 2)))))
      (alter-var-root #'fibm memoize)
    """)
    assert run("(fibm 90)") == 2880067194370816120


def test_a_redefined_var_is_called_by_the_old_fn(run):
    run("""
      (defn f [n] (if (< n 1) :old (f (dec n))))
      (def old f)
      (defn f [n] :new)
    """)
    assert str(run("(old 3)")) == ":new"


def test_counted_loops_increment_up_to_long_max(run):
    assert run(f"(loop [i (- {LONG_MAX} 3)] (if (< i {LONG_MAX}) (recur (inc i)) i))") == LONG_MAX
    assert run(f"(loop [i (- {LONG_MAX} 3)] (if (> {LONG_MAX} i) (recur (+ 1 i)) i))") == LONG_MAX
    with pytest.raises(ArithmeticException, match="integer overflow"):
        run(f"(let [i {LONG_MAX}] (if (< 0 i) (inc i) i))")
    with pytest.raises(ArithmeticException, match="integer overflow"):
        run(f"(loop [i (- {LONG_MAX} 2)] (if (<= i {LONG_MAX}) (recur (inc i)) i))")


@pytest.fixture
def native(run):
    if run.backend != "jit":
        pytest.skip("native tier only")
    return run


def test_a_redefinition_with_another_result_type_is_a_class_cast(native):
    """Code compiled for a long result accepts only a long from the var: Clojure's
    primitive fn interfaces behave the same (design notes in lower.py)."""
    native("""
      (defn g [^long n] (if (< n 1) 0 (inc (g (dec n)))))
      (def old-g g)
      (defn g [^long n] 1.5)
    """)
    with pytest.raises(ClassCastException, match="compiled to call itself for a long"):
        native("(old-g 3)")


def test_errors_in_direct_entries_have_a_traceback_entry_per_call(native):
    from pyjank.compiler.diagnostics import user_frames

    native(
        '(defn boom [^long n]\n  (if (= n 0) (throw (ex-info "bottom" {})) (inc (boom (dec n)))))',
        file="boom.clj",
    )
    with pytest.raises(Exception, match="bottom") as caught:
        native("(boom 5)")
    frames = [f for f in user_frames(caught.value.__traceback__) if f[0].endswith("/boom")]
    assert len(frames) == 6
    assert {(file, line) for _, file, line in frames} == {("boom.clj", 2)}


def _types(src: str) -> Types:
    from pyjank.compiler import loader
    from pyjank.runtime import core_vars as cv
    from pyjank.runtime.namespaces import find_or_create_ns
    from pyjank.runtime.vars import bindings

    ns = find_or_create_ns("test.direct-entry-types")
    with bindings([(cv.NS, ns)]):
        if not ns.mappings:
            loader.refer_clojure()
        node = Analyzer(ns).analyze_top(read_string(src))
    assert isinstance(node, n.Fn)
    return Types(node)


@pytest.mark.parametrize(
    ("src", "returns"),
    [
        ("(fn f [^long n] (if (< n 2) n (+ (f (- n 1)) (f (- n 2)))))", LONG),
        ("(fn f [^double x ^long k] (if (= k 0) 1.0 (* x (f x (dec k)))))", DOUBLE),
        ("(fn f [n] (if (< n 2) n (+ (f (- n 1)) (f (- n 2)))))", OBJECT),
        ("(fn f [^long n] (if (< n 2) nil (f (dec n))))", OBJECT),
    ],
)
def test_the_result_type_of_a_direct_entry(booted, src, returns):
    types = _types(src)
    assert types.direct and types.returns == returns


def test_fns_without_a_self_call_of_their_arity_get_no_direct_entry(booted):
    assert not _types("(fn f [^long n] (inc n))").direct
    assert not _types("(fn f ([n] (f n 1)) ([n k] (+ n k)))").direct
    assert not _types("(fn f [n] (if (= n 0) 0 (recur (dec n))))").direct


def test_deep_and_wide_recursion_stay_safe():
    """Direct calls run in stack segments that each count one level of the recursion
    limit, so even a million levels raise RecursionError; a recursion that never deepens
    but never ends polls and is interrupted."""
    out = in_subprocess(
        """
        from pyjank.compiler.llvm.interrupts import request_interrupt
        run("(defn down [^long n] (if (= n 0) 0 (inc (down (dec n)))))")
        try:
            run("(down 1000000)")
        except RecursionError:
            print("recursion error")
        print(run("(down 10000)"))
        run("(defn wide [^long n] (if (< n 1) 0 (+ 1 (wide (dec n)) (wide (dec n)))))")
        me = threading.get_ident()
        threading.Timer(0.3, lambda: request_interrupt(me, KeyboardInterrupt)).start()
        try:
            run("(wide 80)")
        except KeyboardInterrupt:
            print("interrupted")
        print(run("(wide 3)"))
    """,
        timeout=60,
    )
    assert out.split() == ["recursion", "error", "10000", "interrupted", "7"]


def test_native_loops_let_other_threads_run():
    """The ticker's poll flag makes a busy native loop release the GIL every few ms."""
    out = in_subprocess(
        """
        ticks = []
        stop = threading.Event()
        def beat():
            while not stop.is_set():
                ticks.append(time.monotonic())
                time.sleep(0.001)
        threading.Thread(target=beat, daemon=True).start()
        time.sleep(0.05)
        before = len(ticks)
        run("(defn spin [^long n] (loop [i 0 s 0] (if (< i n) (recur (inc i) (+ s i)) s)))")
        t0 = time.monotonic()
        while time.monotonic() - t0 < 0.5:
            run("(spin 100000000)")
        stop.set()
        print(len(ticks) - before > 20)
    """,
        timeout=60,
    )
    assert out.split() == ["True"]
