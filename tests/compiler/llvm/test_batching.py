"""Batched JIT (design §4: all misses of one load compile in one LLVM module): in `--jit
eager` a load compiles the fns of its missed forms when it ends, in one module; a fn called
before that compiles what is pending then; a unit that cannot be compiled keeps its error
without taking the rest of its batch down."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ..cache.conftest import Files, evaluate, unique, value

DEFNS = "".join(f"(defn f{i} [x] (+ x {i}))\n" for i in range(30))


@pytest.fixture
def eager(booted: None) -> Iterator[None]:
    from pyjank.compiler.cache import config
    from pyjank.compiler.options import jit_mode_as

    config.memory.clear()
    with jit_mode_as("eager"):
        yield
    config.memory.clear()


@pytest.fixture
def files(tmp_path: Path, eager: None) -> Iterator[Files]:
    from pyjank.compiler import loader

    previous = loader.source_path
    loader.set_source_path([tmp_path, *previous.dirs])
    yield Files(tmp_path)
    loader.source_path = previous


def _jit(load: Callable[[], Any]) -> tuple[Any, Any]:
    """What the JIT did while `load()` ran, and the load's stats."""
    from pyjank.compiler.llvm import jit

    before = jit.stats()
    stats = load()
    return jit.stats().since(before), stats


def test_a_file_of_30_defns_compiles_in_one_module(files: Files) -> None:
    ns = unique("batch")
    done, stats = _jit(lambda: files.load(ns, f"(ns {ns})\n{DEFNS}"))
    assert (done.modules, done.units, done.fns) == (1, 30, 30)
    assert stats.native_modules == 1 and stats.compiled == 31
    assert "1 native module" in stats.line()
    assert [value(ns, f"f{i}")(1) for i in (0, 7, 29)] == [1, 8, 30]


def test_a_reload_compiles_only_the_changed_defns_in_one_module(files: Files) -> None:
    ns = unique("batch")
    files.load(ns, f"(ns {ns})\n{DEFNS}")
    edited = DEFNS.replace("(+ x 3)", "(* x 3)").replace("(+ x 17)", "(- x 17)")
    done, stats = _jit(lambda: files.load(ns, f"(ns {ns})\n{edited}"))
    assert (done.modules, done.units) == (1, 2)
    assert (stats.compiled, stats.reused, stats.native_modules) == (2, 29, 1)
    assert [value(ns, f"f{i}")(2) for i in (3, 17, 4)] == [6, -15, 6]
    done, stats = _jit(lambda: files.require(ns, "reload"))
    assert (done.modules, stats.native_modules, stats.reused) == (0, 0, 31)


def test_a_fn_called_during_the_load_compiles_what_is_pending(files: Files) -> None:
    ns = unique("batch")
    text = (
        f"(ns {ns})\n(defn a [x] (inc x))\n(defn b [x] (a (a x)))\n(def early (b 1))\n"
        "(defn c [x] (b (b x)))\n(def late (c 1))\n(defn d [x] (c x))\n"
    )
    done, stats = _jit(lambda: files.load(ns, text))
    # `(b 1)` compiles a and b; `(c 1)` compiles c; the load's end compiles d
    assert (done.modules, done.units, stats.native_modules) == (3, 4, 3)
    assert (value(ns, "early"), value(ns, "late"), value(ns, "d")(0)) == (3, 5, 4)


def test_nested_fns_loops_and_letfn_batch_with_their_form(files: Files) -> None:
    ns = unique("batch")
    text = (
        f"(ns {ns})\n"
        "(defn adder [n] (fn [x] (+ x n)))\n"
        "(defn evens [n] (letfn [(ev? [k] (if (= k 0) true (od? (dec k))))\n"
        "                        (od? [k] (if (= k 0) false (ev? (dec k))))]\n"
        "                  (filterv ev? (range n))))\n"
        "(defn total [xs]\n"
        "  (loop [xs xs acc 0] (if (seq xs) (recur (rest xs) (+ acc (first xs))) acc)))\n"
    )
    done, _ = _jit(lambda: files.load(ns, text))
    assert (done.modules, done.units) == (1, 3)
    assert done.fns == 6  # adder and its fn, evens and its two letfn fns, total
    assert value(ns, "adder")(2)(3) == 5
    assert list(value(ns, "evens")(7)) == [0, 2, 4, 6]
    assert value(ns, "total")(value(ns, "evens")(7)) == 12


def test_outside_a_load_eager_compiles_at_once(eager: None) -> None:
    import ctypes

    from pyjank.compiler.llvm import jit
    from pyjank.compiler.llvm.fntype import VECTORCALL

    before = jit.stats()
    f = evaluate("(fn [x] (* x x))")
    assert jit.stats().since(before).modules == 1
    assert ctypes.c_void_p.from_address(id(f) + VECTORCALL).value != jit.fn_type().lazy_entry
    assert f(7) == 49


def test_a_unit_that_cannot_compile_keeps_its_error(
    files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its fns raise that error when called (never a hang on the first-call stub, never a
    fallback to tier 0); the other units of its batch compile."""
    from pyjank.compiler.llvm import lower

    original = lower.ModuleLowering.lower_fn

    def lower_fn(self, info, unit):  # noqa: ANN001, ANN202
        if info.name.endswith("/broken"):
            raise lower.NativeCompileError("cannot lower broken")
        return original(self, info, unit)

    monkeypatch.setattr(lower.ModuleLowering, "lower_fn", lower_fn)
    ns = unique("batch")
    done, _ = _jit(lambda: files.load(ns, f"(ns {ns})\n(defn ok [x] x)\n(defn broken [x] x)\n"))
    assert done.modules == 1  # the batch failed, then each unit alone: ok compiled
    assert value(ns, "ok")(5) == 5
    for _ in range(2):
        with pytest.raises(lower.NativeCompileError, match="cannot lower broken"):
            value(ns, "broken")(5)


def test_a_lazy_first_call_compiles_the_units_of_its_own_load(files: Files) -> None:
    """`--jit lazy`: the first call of a fn compiles the pending units of the load that made
    it, in one module; those of other loads wait for a call of their own."""
    from pyjank.compiler.options import jit_mode_as

    a, b = unique("batch"), unique("batch")
    with jit_mode_as("lazy"):
        done, _ = _jit(lambda: files.load(a, f"(ns {a})\n{DEFNS}"))
        assert done.modules == 0
        files.load(b, f"(ns {b})\n(defn g [x] (* x 2))\n(defn h [x] (g (g x)))\n")
        done, _ = _jit(lambda: value(b, "h")(3))
        assert (done.modules, done.units) == (1, 2)
        done, _ = _jit(lambda: value(a, "f5")(1))
        assert (done.modules, done.units) == (1, 30)
        assert value(a, "f29")(1) == 30 and value(b, "g")(4) == 8


def test_a_nested_load_compiles_its_own_units(files: Files) -> None:
    """A load in the middle of another (a `require` halfway down a file) compiles its own
    misses when it ends; the outer load's, before and after it, compile together."""
    from pyjank.compiler import cache

    inner, outer = unique("batch"), unique("batch")
    files.write(inner, f"(ns {inner})\n(defn b1 [x] x)\n(defn b2 [x] (b1 x))\n")
    loads: list[Any] = []
    cache.stats.listeners.append(loads.append)
    try:
        text = f"(ns {outer})\n(defn a1 [x] x)\n(require '{inner})\n(defn a2 [x] (a1 x))\n"
        done, stats = _jit(lambda: files.load(outer, text))
    finally:
        cache.stats.listeners.remove(loads.append)
    assert (done.modules, done.units) == (2, 4)
    by_ns = {s.ns: s.native_modules for s in loads}
    assert (by_ns[inner], by_ns[outer], stats.native_modules) == (1, 2, 2)
    assert value(outer, "a2")(7) == 7 and value(inner, "b2")(8) == 8
