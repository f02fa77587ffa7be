"""Equivalence: after each random edit, reloading through the cache leaves the namespaces as
evaluating them without it does.

Generated namespaces hold atoms, data, macros (some expanding through a helper fn), fns using
them, side-effecting top-level forms, a multimethod and a protocol; a second namespace
requires the first and uses its macros and fns. Edits change constants and operators,
add blank lines and comments (position-only edits), and add and remove fns.

Two references, each evaluated without the cache (`eval_form` over the reader's forms):
- a *cold load in a fresh runtime*: fresh namespaces with names of their own. A fresh
  interpreter per step would cost a second of boot each; distinct namespaces give the same
  isolation here because generated code refers to nothing outside its namespaces, clojure.core
  included, and the fresh names are loaded once. Edits whose Clojure semantics differ
  between a reload and a fresh load (a `defonce` value, a `defmulti` dispatch fn) are not
  made, and state that accumulates over reloads (a `defonce` atom counting loads) is only
  compared with:
- a *full re-evaluation*: twin namespaces that get every version of the text, uncached — the
  state design §4 says a cached reload must equal, accumulated state included.

Vars are compared by behaviour: fns on sample inputs (results or exception types), atoms by
value, data by equality, macros by their expansion.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from .conftest import Files, unique

SAMPLES = (0, 1, 7, -2)


@dataclass
class Item:
    kind: str  # atom, counter, data, macro, helper-macro, fn, effect, multi, protocol
    name: str
    k: int
    op: str = "+"
    uses: list[tuple[str, str]] = field(default_factory=list)  # (name, kind)
    gap: str = "\n"  # the text before the form: blank lines, comments

    def render(self) -> str:
        n, k, op = self.name, self.k, self.op
        body = {
            "atom": f"(def {n} (atom {k}))",
            "counter": f"(defonce {n} (atom 0))\n(swap! {n} inc)",
            "data": f"(def {n} {{:k {k} :v [1 2 {k}]}})",
            "macro": f"(defmacro {n} [x] `({op} ~x {k}))",
            "helper-macro": f"(defn {n}-expand [x] (list '{op} x {k}))\n"
            f"(defmacro {n} [x] ({n}-expand x))",
            "effect": f"(swap! {self.uses[0][0]} {op} {k})" if self.uses else "nil",
            "multi": f"(defmulti {n} (fn [x] (mod x 2)))\n"
            f"(defmethod {n} 0 [x] ({op} x {k}))\n(defmethod {n} 1 [x] (- x {k}))",
            "protocol": f"(defprotocol P{n} ({n} [x]))\n"
            f"(extend-protocol P{n} Long ({n} [x] ({op} x {k})))",
        }.get(self.kind)
        if body is None:  # fn
            expr = f"({op} x {k})"
            for name, kind in self.uses:
                expr = _USES[kind].format(name=name, expr=expr)
            body = f"(defn {n}\n  [x]\n  {expr})"
        return self.gap + body + "\n"


_USES = {
    "macro": "({name} {expr})",
    "helper-macro": "({name} {expr})",
    "fn": "({name} {expr})",
    "data": "(+ {expr} (:k {name}))",
    "atom": "(+ {expr} @{name})",
    "multi": "(+ {expr} ({name} x))",
    "protocol": "(+ {expr} ({name} x))",
}


class Program:
    """Two namespaces, `a` and `b` (which requires `a`), as lists of items."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.ids = iter(range(10_000))
        self.a: list[Item] = []
        self.b: list[Item] = []
        for kind in ("atom", "counter", "data", "macro", "helper-macro", "multi", "protocol"):
            self.a.append(self._item(kind))
        self.a.append(self._item("effect", uses=[(self.a[0].name, "atom")]))
        for _ in range(6):
            self.a.append(self._fn(self.a))
        for _ in range(5):
            self.b.append(self._fn(self.b, imported=True))

    def _item(self, kind: str, uses: list[tuple[str, str]] | None = None) -> Item:
        prefix = {
            "atom": "a",
            "counter": "c",
            "data": "d",
            "macro": "m",
            "helper-macro": "mh",
            "multi": "mu",
            "protocol": "p",
            "effect": "e",
        }.get(kind, "f")
        return Item(kind, f"{prefix}{next(self.ids)}", self.rng.randrange(1, 9), uses=uses or [])

    def _fn(self, items: list[Item], imported: bool = False) -> Item:
        usable = [(i.name, i.kind) for i in items if i.kind in _USES]
        if imported:
            usable += [(f"a/{i.name}", i.kind) for i in self.a if i.kind in _USES]
        uses = self.rng.sample(usable, min(len(usable), self.rng.randrange(1, 4)))
        item = self._item("fn", uses)
        item.op = self.rng.choice("+-*")
        return item

    def text(self, which: str, ns: str, a_ns: str) -> str:
        items = self.a if which == "a" else self.b
        requires = "" if which == "a" else f" (:require [{a_ns} :as a])"
        return f"(ns {ns}{requires})\n" + "".join(i.render() for i in items)

    def edit(self) -> str:
        rng = self.rng
        items = rng.choice([self.a, self.b])
        item = rng.choice(items if rng.random() < 0.7 else [i for i in self.a if "macro" in i.kind])
        choice = rng.randrange(6)
        if choice == 0 and item.kind not in ("counter",):
            item.k = rng.randrange(1, 9)
            return f"constant of {item.name}"
        if choice == 1 and item.kind in ("fn", "macro", "helper-macro", "multi", "protocol"):
            item.op = rng.choice("+-*")
            return f"operator of {item.name}"
        if choice == 2:
            item.gap = rng.choice(["\n", "\n\n", "\n\n\n", "\n;; a comment\n", "\n  \n"])
            return f"space before {item.name}"
        if choice == 3:
            items.append(self._fn(items, imported=items is self.b))
            return "a new fn"
        if choice == 4:
            used = {name.split("/")[-1] for i in self.a + self.b for name, _ in i.uses}
            leaves = [i for i in items if i.kind == "fn" and i.name not in used]
            if len(leaves) > 1:
                items.remove(rng.choice(leaves))
                return "a fn removed"
        self.a[0].gap = "\n" + self.a[0].gap  # everything moves
        self.b[0].gap = "\n" + self.b[0].gap
        return "a line at the top"

    def names(self, which: str) -> list[Item]:
        return [i for i in (self.a if which == "a" else self.b) if i.kind != "effect"]


def _uncached(text: str) -> None:
    from pyjank.compiler.evaluator import eval_form
    from pyjank.compiler.loader import read_forms
    from pyjank.runtime import core_vars as cv
    from pyjank.runtime.namespaces import find_or_create_ns
    from pyjank.runtime.vars import bindings

    with bindings([(cv.NS, find_or_create_ns("user"))]):
        for form in read_forms(text):
            eval_form(form)


def _behaviour(ns: str, item: Item, accumulated: bool) -> Any:
    from pyjank.compiler.loader import load_string
    from pyjank.runtime.namespaces import find_ns

    var = find_ns(ns).mappings[item.name]
    value = var.deref()
    if item.kind == "counter":
        return value.deref() if accumulated else None
    if item.kind == "atom":
        return value.deref()
    if item.kind == "data":
        return value
    if item.kind in ("macro", "helper-macro"):
        return load_string(f"(binding [*ns* (the-ns '{ns})] (macroexpand-1 '({item.name} 5)))")
    return [_outcome(value, x) for x in SAMPLES]


def _outcome(fn: Callable[[Any], Any], x: Any) -> Any:
    try:
        return fn(x)
    except Exception as e:
        return type(e).__name__


def _state(program: Program, a: str, b: str, accumulated: bool) -> dict[str, Any]:
    return {
        f"{which}/{item.name}": _behaviour(ns, item, accumulated)
        for which, ns in (("a", a), ("b", b))
        for item in program.names(which)
    }


@pytest.mark.parametrize("mode", ["off", "eager"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cached_reloads_equal_uncached_evaluation(files: Files, seed: int, mode: str) -> None:
    """Through tier 0 and through the native tier (whose units are reused, moved and
    batched per load as tier 0's are)."""
    from pyjank.compiler.loader import loaded_libs
    from pyjank.compiler.options import set_jit_mode

    set_jit_mode(mode)  # the `fresh_cache` fixture restores tier 0

    program = Program(random.Random(seed))
    a, b = unique("eqa"), unique("eqb")
    twin_a, twin_b = unique("twa"), unique("twb")
    loaded_libs.add(twin_a)
    history = []
    reused = compiled = 0
    for step in range(25):
        what = "initial" if step == 0 else program.edit()
        history.append(what)
        files.write(a, program.text("a", a, a))
        files.write(b, program.text("b", b, a))
        for ns in (a, b):
            stats = files.require(ns, "reload")
            reused, compiled = reused + stats.reused, compiled + stats.compiled
        _uncached(program.text("a", twin_a, twin_a))
        _uncached(program.text("b", twin_b, twin_a))
        cold_a, cold_b = unique("cla"), unique("clb")
        loaded_libs.add(cold_a)
        _uncached(program.text("a", cold_a, cold_a))
        _uncached(program.text("b", cold_b, cold_a))
        cached = _state(program, a, b, accumulated=True)
        assert cached == _state(program, twin_a, twin_b, accumulated=True), history
        cached = _state(program, a, b, accumulated=False)
        assert cached == _state(program, cold_a, cold_b, accumulated=False), history
    assert reused > 5 * compiled  # the cache was used, not bypassed
