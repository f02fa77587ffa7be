"""clojure.set: set algebra and the relational functions."""

from __future__ import annotations

import pytest

REQ = "(require '[clojure.set :as set]) "
ANIMALS = """(def animals #{{:name "betsy" :owner "brian" :kind "cow"}
                 {:name "jenny" :owner "katie" :kind "horse"}})
(def personalities #{{:kind "cow" :personality "stoic"}
                     {:kind "horse" :personality "skittish"}}) """

CASES = [
    ("(set/union)", "#{}"),
    ("(set/union #{1})", "#{1}"),
    ("(= #{1 2 3 4} (set/union #{1} #{2} #{3 4}))", "true"),
    ("(set/union nil #{1})", "#{1}"),
    ("(set/intersection #{1 2 3} #{2 3 4})", "#{3 2}"),
    ("(set/intersection #{1 2 3} #{2 3} #{3 4})", "#{3}"),
    ("(set/difference #{1 2 3} #{2})", "#{1 3}"),
    ("(set/difference #{1 2 3} #{2} #{3})", "#{1}"),
    ("(set/difference #{1} #{1 2 3 4})", "#{}"),
    ("(set/select odd? #{1 2 3})", "#{1 3}"),
    ("(set/project #{{:a 1 :b 2} {:a 1 :b 3}} [:a])", "#{{:a 1}}"),
    ("(meta (set/project (with-meta #{{:a 1}} {:m 1}) [:a]))", "{:m 1}"),
    ("(set/rename-keys {:a 1 :b 2} {:a :b :b :a})", "{:b 1, :a 2}"),
    ("(set/rename-keys {:a 1} {:x :y})", "{:a 1}"),
    ("(set/rename #{{:a 1 :b 2}} {:a :z})", "#{{:b 2, :z 1}}"),
    (
        "(set/index #{{:a 1 :b 2} {:a 1 :b 3} {:a 2 :b 2}} [:a])",
        "{{:a 1} #{{:a 1, :b 3} {:a 1, :b 2}}, {:a 2} #{{:a 2, :b 2}}}",
    ),
    ("(set/map-invert {:a 1 :b 2})", "{1 :a, 2 :b}"),
    ("(set/subset? #{1} #{1 2})", "true"),
    ("(set/subset? #{1 3} #{1 2})", "false"),
    ("(set/superset? #{1 2} #{1})", "true"),
    ("(set/superset? #{1} #{1 2})", "false"),
    ("(set/join #{} #{{:a 1}})", "#{}"),
]


@pytest.mark.parametrize("expr, expected", CASES)
def test_set_fns(run, expr, expected):
    result = run(REQ + f"(pr-str {expr})")
    if expected.startswith(("#{", "{{")):  # unordered: compare as values
        assert run(REQ + f"(= {expr} {expected})") is True
    else:
        assert result == expected


def test_natural_join(run):
    assert run(REQ + ANIMALS + "(set/join animals personalities)") == run(
        """#{{:name "betsy" :owner "brian" :kind "cow" :personality "stoic"}
             {:name "jenny" :owner "katie" :kind "horse" :personality "skittish"}}"""
    )


def test_join_on_keymap(run):
    text = '(set/join animals #{{:type "cow" :sound "moo"}} {:kind :type})'
    assert run(REQ + ANIMALS + text) == run(
        '#{{:name "betsy" :owner "brian" :kind "cow" :type "cow" :sound "moo"}}'
    )
