"""clojure.walk: generic traversal, key transforms, replacement, macroexpand-all."""

from __future__ import annotations

import pytest

REQ = "(require '[clojure.walk :as w]) "

CASES = [
    (
        "(w/postwalk #(if (number? %) (inc %) %) {:a [1 2 '(3 4)] :b #{5}})",
        "{:a [2 3 (4 5)], :b #{6}}",
    ),
    ("(w/prewalk #(if (vector? %) (conj % 0) %) [[1] 2])", "[[1 0] 2 0]"),
    ("(w/walk first reverse [[1 2] [3 4]])", "(3 1)"),
    ("(w/walk inc identity '(1 2))", "(2 3)"),
    ("(w/prewalk-replace {:a :b} [:a {:a 1} '(:a)])", "[:b {:b 1} (:b)]"),
    ("(w/postwalk-replace {1 2, [2] :x} [1 [1]])", "[2 :x]"),
    ('(w/keywordize-keys {"a" {"b" 1} :c [{"d" 2}] 3 4})', "{:a {:b 1}, :c [{:d 2}], 3 4}"),
    ('(w/stringify-keys {:a {:b/c 1} "d" 2})', '{"a" {"c" 1}, "d" 2}'),
    ("(w/macroexpand-all '(when x (-> y f g)))", "(if x (do (g (f y))))"),
    ("(meta (w/postwalk identity (with-meta '(1 2) {:m 1})))", "{:m 1}"),
    ("(meta (w/postwalk identity (with-meta [1 2] {:m 1})))", "{:m 1}"),
    ("(map-entry? (w/postwalk identity (first {:a 1})))", "true"),
    ("(w/postwalk identity (seq {:a 1}))", "([:a 1])"),
    ("(sorted? (w/postwalk identity (sorted-map :b 1 :a 2)))", "true"),
]


@pytest.mark.parametrize("expr, expected", CASES)
def test_walk_fns(run, expr, expected):
    assert run(REQ + f"(pr-str {expr})") == expected


def test_walk_demos(run):
    out = run(REQ + "(with-out-str (w/postwalk-demo [1 [2]]) (w/prewalk-demo [3]))")
    assert out == ("Walked: 1\nWalked: 2\nWalked: [2]\nWalked: [1 [2]]\nWalked: [3]\nWalked: 3\n")


def test_records_stay_records(run):
    text = (
        REQ
        + """(defrecord R [a b])
    (let [r (w/postwalk #(if (number? %) (inc %) %) (->R 1 [2]))]
      (pr-str [(instance? R r) (:a r) (:b r)]))"""
    )
    assert run(text) == "[true 2 [3]]"
