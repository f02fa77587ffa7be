"""clojure.zip: navigation, editing and enumeration over vector, seq and xml zippers."""

from __future__ import annotations

import pytest

SETUP = """(require '[clojure.zip :as z])
(def dz (z/vector-zip [[1 2] 3 [4 [5 6]]])) """

CASES = [
    ("(z/node (z/down dz))", "[1 2]"),
    ("(-> dz z/down z/right z/node)", "3"),
    ("(-> dz z/down z/rights)", "(3 [4 [5 6]])"),
    ("(-> dz z/down z/right z/lefts)", "([1 2])"),
    ("(-> dz z/down z/rightmost z/node)", "[4 [5 6]]"),
    ("(-> dz z/down z/rightmost z/leftmost z/node)", "[1 2]"),
    ("(-> dz z/down z/left)", "nil"),
    ("(-> dz z/down z/down z/down)", "nil"),
    ("(z/up dz)", "nil"),
    (
        "(-> dz z/down z/right z/right z/down z/right z/down z/path)",
        "[[[1 2] 3 [4 [5 6]]] [4 [5 6]] [5 6]]",
    ),
    (
        "(loop [loc dz acc []] (if (z/end? loc) acc (recur (z/next loc) (conj acc (z/node loc)))))",
        "[[[1 2] 3 [4 [5 6]]] [1 2] 1 2 3 [4 [5 6]] 4 [5 6] 5 6]",
    ),
    ("(-> dz z/down z/down (z/replace :x) z/root)", "[[:x 2] 3 [4 [5 6]]]"),
    ("(-> dz z/down (z/insert-left :l) (z/insert-right :r) z/root)", "[:l [1 2] :r 3 [4 [5 6]]]"),
    ("(-> dz z/down z/right z/remove z/node)", "2"),
    ("(-> dz z/down z/right z/remove z/root)", "[[1 2] [4 [5 6]]]"),
    ("(-> dz z/down z/remove z/root)", "[3 [4 [5 6]]]"),
    (
        "(-> dz z/down z/rightmost z/down z/right z/down (z/edit + 10) z/root)",
        "[[1 2] 3 [4 [15 6]]]",
    ),
    ("(-> dz (z/append-child 7) (z/insert-child 0) z/root)", "[0 [1 2] 3 [4 [5 6]] 7]"),
    ("(-> dz z/down z/rightmost z/prev z/node)", "3"),
    ("(-> dz z/down z/right z/prev z/node)", "2"),
    ("(-> dz z/down z/prev z/node)", "[[1 2] 3 [4 [5 6]]]"),
    ("(z/branch? dz)", "true"),
    ("(z/children dz)", "([1 2] 3 [4 [5 6]])"),
    ("(z/end? (last (take 20 (iterate z/next dz))))", "true"),
    ("(z/root (last (take 20 (iterate z/next dz))))", "[[1 2] 3 [4 [5 6]]]"),
    ("(z/root (z/next (z/next (z/seq-zip '(a (b c))))))", "(a (b c))"),
    ("(-> (z/seq-zip '(a (b c))) z/down z/right z/down z/rightmost z/node)", "c"),
    ("(-> (z/seq-zip '(a (b c))) z/down z/right (z/append-child 'd) z/root)", "(a (b c d))"),
    (
        '(-> (z/xml-zip {:tag :a :content [{:tag :b :content ["hi"]}]}) z/down z/down z/node)',
        '"hi"',
    ),
    (
        "(-> (z/xml-zip {:tag :a :content [{:tag :b}]}) z/down z/remove z/root)",
        "{:tag :a, :content nil}",
    ),
]


@pytest.mark.parametrize("expr, expected", CASES)
def test_zip(run, expr, expected):
    assert run(SETUP + f"(pr-str {expr})") == expected


@pytest.mark.parametrize(
    "expr, message",
    [
        ("(z/insert-left dz 1)", "Insert at top"),
        ("(z/remove dz)", "Remove at top"),
        ("(z/children (z/down (z/down dz)))", "called children on a leaf node"),
    ],
)
def test_zip_errors(run, expr, message):
    assert run(SETUP + f"(try {expr} (catch Exception e (ex-message e)))") == message
