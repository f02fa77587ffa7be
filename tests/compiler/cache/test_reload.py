"""Reload through the per-form cache: hits still run (design §4), and every kind of change
that alters compiled code invalidates exactly the forms it should."""

from __future__ import annotations

import pytest

from .conftest import Files, evaluate, unique, value


def _ns(name: str, body: str, requires: str = "") -> str:
    return f"(ns {name}{requires})\n\n{body}"


def test_second_load_reads_and_compiles_nothing(files: Files) -> None:
    ns = unique()
    text = _ns(ns, "(defn f [x] (+ x 1))\n(def y (f 41))\n")
    first = files.load(ns, text)
    assert (first.forms, first.read, first.compiled, first.reused) == (3, 3, 3, 0)
    assert not first.reload
    again = files.load(ns, text)
    assert (again.forms, again.read, again.compiled, again.reused) == (3, 0, 0, 3)
    assert again.reload and again.ns == ns
    assert again.line().startswith(f";; reloaded {ns} in ")
    assert again.line().endswith("ms: 3 forms, 0 compiled, 3 reused")
    assert value(ns, "y") == 42


def test_hits_run_their_code(files: Files) -> None:
    """`def` is re-run (an atom is reset), `defonce` keeps its value, top-level effects
    happen on every load, as a full re-evaluation does."""
    ns = unique()
    text = _ns(
        ns,
        "(defonce loads (atom 0))\n(swap! loads inc)\n(def state (atom {}))\n"
        "(defonce kept (atom {}))\n",
    )
    files.load(ns, text)
    value(ns, "state").reset({"a": 1})
    value(ns, "kept").reset({"a": 1})
    stats = files.load(ns, text)
    assert stats.compiled == 0
    assert value(ns, "loads").deref() == 2
    assert value(ns, "state").deref() == {}
    assert value(ns, "kept").deref() == {"a": 1}


def test_one_edit_compiles_one_form(files: Files) -> None:
    ns = unique()
    forms = "".join(f"(defn f{i} [x] (* x {i}))\n" for i in range(20))
    files.load(ns, _ns(ns, forms))
    stats = files.load(ns, _ns(ns, forms.replace("(* x 7)", "(* x 70)")))
    assert (stats.read, stats.compiled, stats.reused) == (1, 1, 20)
    assert value(ns, "f7")(2) == 140


def test_macro_change_recompiles_its_users_here_and_in_namespaces_loaded_later(
    files: Files,
) -> None:
    a, b = unique("a"), unique("b")
    macro = "(defmacro twice [x] `(* 2 ~x))\n"
    users = "(defn g [x] (twice x))\n(defn h [x] (inc x))\n"
    b_text = _ns(b, "(defn k [x] (m/twice x))\n(defn j [x] x)\n", f" (:require [{a} :as m])")
    files.load(a, _ns(a, macro + users))
    files.load(b, b_text)
    assert value(b, "k")(5) == 10
    stats = files.load(a, _ns(a, macro.replace("(* 2 ~x)", "(* 3 ~x)") + users))
    assert (stats.compiled, stats.reused) == (2, 2)  # the macro and g
    assert value(a, "g")(5) == 15
    stats = files.load(b, b_text)
    assert (stats.compiled, stats.reused) == (1, 2)  # k
    assert value(b, "k")(5) == 15


def test_change_of_a_helper_the_macro_calls_recompiles_its_users(files: Files) -> None:
    ns = unique()
    body = (
        "(defn expand [x] (list '+ x 1))\n"
        "(defmacro plus-one [x] (expand x))\n"
        "(defn f [x] (plus-one x))\n"
    )
    files.load(ns, _ns(ns, body))
    assert value(ns, "f")(1) == 2
    stats = files.load(ns, _ns(ns, body.replace("x 1))", "x 10))")))
    assert value(ns, "f")(1) == 11
    assert stats.compiled == 2  # expand, then f (plus-one's own code did not change)


def test_alias_change_recompiles_forms_that_resolved_through_it(files: Files) -> None:
    a, b, c = unique("a"), unique("b"), unique("c")
    files.load(a, _ns(a, "(defn f [] :a)\n"))
    files.load(b, _ns(b, "(defn f [] :b)\n"))
    body = "(defn g [] (x/f))\n(defn h [] :h)\n"
    files.load(c, _ns(c, body, f" (:require [{a} :as x] [{b}])"))
    assert str(value(c, "g")()) == ":a"
    evaluate("(ns-unalias *ns* 'x)", c)  # as in Clojure, an alias is not silently replaced
    stats = files.load(c, _ns(c, body, f" (:require [{a}] [{b} :as x])"))
    assert str(value(c, "g")()) == ":b"
    assert (stats.compiled, stats.reused) == (2, 1)  # the ns form and g


def test_refer_change_recompiles_forms_that_resolved_through_it(files: Files) -> None:
    a, b, c = unique("a"), unique("b"), unique("c")
    files.load(a, _ns(a, "(defn f [] :a)\n"))
    files.load(b, _ns(b, "(defn f [] :b)\n"))
    body = "(defn g [] (f))\n(defn h [] :h)\n"
    files.load(c, _ns(c, body, f" (:require [{a} :refer [f]])"))
    assert str(value(c, "g")()) == ":a"
    evaluate("(ns-unmap *ns* 'f)", c)
    stats = files.load(c, _ns(c, body, f" (:require [{b} :refer [f]])"))
    assert str(value(c, "g")()) == ":b"
    assert (stats.compiled, stats.reused) == (2, 1)  # the ns form and g


def test_dynamic_metadata_change_recompiles_the_users(files: Files) -> None:
    ns = unique()
    body = "(def {meta}*x* 1)\n(defn get-x [] *x*)\n(defn bound-x [] (binding [*x* 2] (get-x)))\n"
    files.load(ns, _ns(ns, body.format(meta="")))
    with pytest.raises(Exception, match="non-dynamic"):
        value(ns, "bound-x")()
    stats = files.load(ns, _ns(ns, body.format(meta="^:dynamic ")))
    assert value(ns, "bound-x")() == 2
    assert stats.compiled == 3  # the def, and both users: they read the var differently


def test_private_metadata_change_is_respected(files: Files) -> None:
    a, b = unique("a"), unique("b")
    files.load(a, _ns(a, "(defn f [] 1)\n"))
    files.load(b, _ns(b, "(defn g [] (x/f))\n", f" (:require [{a} :as x])"))
    stats = files.load(a, _ns(a, "(defn ^:private f [] 1)\n"))
    assert stats.compiled == 1
    from pyjank.runtime.namespaces import find_ns, is_private

    assert is_private(find_ns(a).mappings["f"])
    stats = files.load(b, _ns(b, "(defn g [] (x/f))\n", f" (:require [{a} :as x])"))
    # g's code does not depend on f's privacy: pyjank, unlike Clojure, does not check it
    # when compiling, so a full re-evaluation compiles g to the same code
    assert stats.compiled == 0 and value(b, "g")() == 1


def test_a_form_moved_to_another_namespace_is_compiled_there(files: Files) -> None:
    a, b = unique("a"), unique("b")
    form = '(defn f [] (str *ns* ""))\n(def here (f))\n'
    files.load(a, _ns(a, form))
    stats = files.load(b, _ns(b, form))
    assert stats.compiled == 3
    assert value(a, "here") == a and value(b, "here") == b


def test_moved_form_reports_its_new_position(files: Files) -> None:
    """Blank lines above: nothing is read or compiled, yet the var's :line, runtime errors
    and a macro that embeds a line (clojure.test's `is`) see the new lines."""
    from pyjank.compiler.diagnostics import format_error
    from pyjank.runtime.namespaces import find_ns
    from pyjank.runtime.symbols import keyword

    ns = unique()
    body = (
        "(defn boom [x]\n  (inc x)\n  (/ x 0))\n"
        "(def quoted '(a b))\n"
        "(defn line-of [] (:line (meta #'boom)))\n"
    )
    files.load(ns, _ns(ns, body))
    stats = files.load(ns, _ns(ns, "\n\n\n" + body))
    assert (stats.read, stats.compiled, stats.reused) == (0, 0, 4)
    var = find_ns(ns).mappings["boom"]
    assert var.meta().val_at(keyword(None, "line")) == 6
    assert value(ns, "line-of")() == 6
    assert value(ns, "quoted").meta().val_at(keyword(None, "line")) == 9
    with pytest.raises(Exception) as info:
        value(ns, "boom")(1)
    assert f"{files.path(ns)}:8" in format_error(info.value, verbose=True)


def test_a_macro_that_reads_a_position_pins_its_users_in_place(files: Files) -> None:
    ns = unique()
    body = "(defmacro here [] (:line (meta &form)))\n(defn f [] (here))\n(defn g [] 1)\n"
    files.load(ns, _ns(ns, body))
    assert value(ns, "f")() == 4
    stats = files.load(ns, _ns(ns, "\n" + body))
    assert value(ns, "f")() == 5
    assert (stats.compiled, stats.reused) == (1, 3)


def test_clojure_test_reports_the_new_line_of_a_moved_assertion(files: Files) -> None:
    ns = unique()
    body = (
        "(defn failing-line []\n"
        "  (let [seen (atom nil)]\n"
        "    (binding [t/report (fn [m] (reset! seen (:line m)))]\n"
        "      (t/is (= 1 2)))\n"
        "    @seen))\n"
    )
    files.load(ns, _ns(ns, body, " (:require [clojure.test :as t])"))
    assert value(ns, "failing-line")() == 6
    stats = files.load(ns, _ns(ns, "\n\n" + body, " (:require [clojure.test :as t])"))
    assert value(ns, "failing-line")() == 8
    assert stats.compiled == 1  # `is` embeds the line: its users are reused only in place


def test_layout_changes_inside_a_form_recompile_it_comments_do_not(files: Files) -> None:
    ns = unique()
    body = "(defn f [x]\n  (inc x)) ; one\n"
    files.load(ns, _ns(ns, body))
    assert files.load(ns, _ns(ns, body.replace("one", "two"))).compiled == 0
    assert files.load(ns, _ns(ns, body.replace("\n  (inc", "\n\n  (inc"))).compiled == 1


def test_top_level_do_runs_its_parts_in_turn(files: Files) -> None:
    ns = unique()
    body = "(do (defmacro m [] 42) (def x (m)) (defn f [] x))\n"
    files.load(ns, _ns(ns, body))
    stats = files.load(ns, _ns(ns, body))
    assert stats.compiled == 0 and value(ns, "f")() == 42


def test_plain_eval_shares_the_cache(booted: None) -> None:
    from pyjank.compiler import cache

    ns = unique()
    evaluate(f"(ns {ns}) (defn f [x] (* x 3))")
    evaluate("(defn f [x] (* x 3))", ns)
    stats = cache.last()
    assert (stats.load, stats.compiled, stats.reused) == (False, 0, 1)
    assert evaluate("(f 2)", ns) == 6


def test_reload_all_and_load_file_share_the_cache(files: Files) -> None:
    from pyjank.compiler import cache
    from pyjank.compiler.loader import load_file
    from pyjank.runtime import core_vars as cv
    from pyjank.runtime.namespaces import find_or_create_ns
    from pyjank.runtime.vars import bindings

    a, b = unique("a"), unique("b")
    files.write(a, _ns(a, "(defn f [] 1)\n"))
    files.write(b, _ns(b, "(defn g [] (x/f))\n", f" (:require [{a} :as x])"))
    files.require(b)
    stats = files.require(b, "reload-all")
    assert stats.compiled == 0
    # as when b's ns form required it (the ns a file is loaded from is part of the keys)
    with bindings([(cv.NS, find_or_create_ns(b))]):
        load_file(files.path(a))
    assert cache.last().compiled == 0


def test_last_stats_fn(files: Files) -> None:
    from pyjank.compiler.loader import load_string
    from pyjank.runtime.symbols import keyword

    load_string("(require 'pyjank.reload)")
    ns = unique()
    files.load(ns, _ns(ns, "(def x 1)\n"))
    stats = load_string("(pyjank.reload/last-stats)")
    assert stats.val_at(keyword(None, "ns")) == ns
    assert stats.val_at(keyword(None, "forms")) == 2
    assert stats.val_at(keyword(None, "reload")) is False


def test_forms_a_file_no_longer_has_leave_the_memory_cache(booted: None) -> None:
    """Redefining a fn 1000 times keeps one entry, not 1000 (design §3.7)."""
    from pyjank.compiler.cache import config
    from pyjank.compiler.loader import load_string

    for i in range(1000):
        load_string(f"(defn {unique('f').replace('.', '-')} [x] (+ x {i}))")
    assert len(config.memory.forms) < 5


def test_after_load_runs_when_the_load_ends(files: Files) -> None:
    from pyjank.compiler.cache import after_load

    calls: list[str] = []
    after_load(lambda: calls.append("now"))
    assert calls == ["now"]
    ns = unique()
    import builtins

    builtins._pyjank_test_hook = lambda: after_load(lambda: calls.append("end"))  # type: ignore[attr-defined]
    try:
        files.load(ns, _ns(ns, "(python/_pyjank_test_hook)\n(def x 1)\n"))
    finally:
        del builtins._pyjank_test_hook  # type: ignore[attr-defined]
    assert calls == ["now", "end"]


def test_native_units_move_with_their_form(files: Files) -> None:
    """Native code is reused where its form moved to, compiled yet or not (`--jit lazy`
    compiles it at the first call, after the move): its errors report the new line."""
    import traceback

    from pyjank.compiler.options import jit_mode_as

    ns = unique()
    body = (
        '(defn f [x]\n  (when (neg? x) (throw (ex-info "neg" {})))\n'
        "  (loop [i 0 acc 0] (if (< i x) (recur (inc i) (+ acc i)) acc)))\n"
    )

    def line() -> int:
        with pytest.raises(Exception, match="neg") as info:
            value(ns, "f")(-1)
        return next(f.lineno for f in traceback.extract_tb(info.tb) if f.name.endswith("/f"))

    with jit_mode_as("lazy"):
        files.load(ns, _ns(ns, body))
        stats = files.load(ns, _ns(ns, "\n" + body))  # moved before its first call
        assert (stats.compiled, stats.reused) == (0, 2)
        assert value(ns, "f")(4) == 6
        assert line() == 5
        stats = files.load(ns, _ns(ns, "\n\n\n" + body))
        assert (stats.compiled, stats.reused) == (0, 2)
        assert (value(ns, "f")(5), line()) == (10, 7)
