"""clojure.template."""

from __future__ import annotations


def test_apply_template(run):
    text = "(require '[clojure.template :as t]) (pr-str (t/apply-template '[x y] '(+ x y x) [1 2]))"
    assert run(text) == "(+ 1 2 1)"


def test_do_template(run):
    text = """(require '[clojure.template :as t])
    (def out (atom []))
    (t/do-template [x y] (swap! out conj (+ x y)) 1 2 3 4)
    (pr-str [@out (macroexpand '(clojure.template/do-template [a] (f a) 1 2))])"""
    assert run(text) == "[[3 7] (do (f 1) (f 2))]"
