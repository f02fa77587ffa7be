"""Sequential destructuring (`destructure` in runtime/clj/clojure/core.jank), both tiers.

Without `&`, each name is `(nth v i nil)` on the value itself, as in Clojure; with `&`, the
positions and the rest come from `(seq v)`.
"""

from __future__ import annotations

import pytest

CASES = [
    ("(reduce (fn [acc [k v]] (+ acc k v)) 0 {1 2, 3 4})", "10"),
    ("(let [[k v] (first {nil false})] [k v])", "[nil false]"),
    (
        "(mapv (fn [[k v]] (str k v)) (sort-by val {1 :a, 1.0 :b, true :c}))",
        '["1:a" "1.0:b" "true:c"]',
    ),
    ("(let [[a b c] [1 2]] [a b c])", "[1 2 nil]"),
    ("(let [[a [b c]] [1 [2 3]]] [a b c])", "[1 2 3]"),
    ("(let [[a b :as all] '(1 2 3)] [a b all])", "[1 2 (1 2 3)]"),
    ('(let [[a b] "xy"] [a b])', "[\\x \\y]"),
    ("(let [[a b] nil] [a b])", "[nil nil]"),
    ("(let [[a b] (map inc (range))] [a b])", "[1 2]"),
    ("(let [[a & r] [1 2 3]] [a r])", "[1 (2 3)]"),
    ("(let [[a b & r :as all] (range 4)] [a b r all])", "[0 1 (2 3) (0 1 2 3)]"),
    ("(let [[& r] []] r)", "nil"),
]


@pytest.mark.parametrize("expr, expected", CASES)
def test_sequential_destructuring(run, expr, expected):
    assert run(f"(pr-str {expr})") == expected


def test_nth_destructuring_of_an_unordered_collection_throws_as_in_clojure(run):
    with pytest.raises(TypeError, match="nth not supported on this type"):
        run("(let [[a] #{1}] a)")
