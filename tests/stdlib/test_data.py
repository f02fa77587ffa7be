"""clojure.data/diff."""

from __future__ import annotations

import pytest

CASES = [
    ("(d/diff 1 1)", "[nil nil 1]"),
    ("(d/diff 1 2)", "[1 2 nil]"),
    ('(d/diff "abc" "abd")', '["abc" "abd" nil]'),
    ("(d/diff nil 1)", "[nil 1 nil]"),
    ("(d/diff [1] {:a 1})", "[[1] {:a 1} nil]"),
    ("(d/diff {:a 1 :b 2 :c 3} {:a 2 :b 3 :c 3})", "({:b 2, :a 1} {:b 3, :a 2} {:c 3})"),
    ("(d/diff [1 2 3] [1 2 4 5])", "[[nil nil 3] [nil nil 4 5] [1 2]]"),
    ("(d/diff '(1 2) [1 3])", "[[nil 2] [nil 3] [1]]"),
    ("(d/diff #{1 2} #{2 3})", "[#{1} #{3} #{2}]"),
    ("(d/diff #{1} #{1 2})", "[nil #{2} #{1}]"),
    (
        "(d/diff {:a {:b 1 :c [1 2]}} {:a {:b 1 :c [1 3]} :d 1})",
        "({:a {:c [nil 2]}} {:a {:c [nil 3]}, :d 1} {:a {:c [1], :b 1}})",
    ),
    ("(d/diff {:a nil} {:a nil :b 1})", "(nil {:b 1} {:a nil})"),
]


@pytest.mark.parametrize("expr, expected", CASES)
def test_diff(run, expr, expected):
    assert run(f"(require '[clojure.data :as d]) (pr-str {expr})") == expected


def test_python_lists_are_sequential_and_protocols_extend(run):
    text = "(require '[clojure.data :as d]) (pr-str (d/diff (python/list [1 2]) [1 3]))"
    assert run(text) == "[[nil 2] [nil 3] [1]]"
    text = """(require '[clojure.data :as d])
    (deftype Money [cents])
    (extend-protocol d/EqualityPartition Money (equality-partition [_] :money))
    (extend-protocol d/Diff Money
      (diff-similar [a b] [(.-cents a) (.-cents b) nil]))
    (pr-str [(d/diff (Money. 1) (Money. 2)) (d/equality-partition (Money. 1))])"""
    assert run(text) == "[[1 2 nil] :money]"
