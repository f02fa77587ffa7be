"""The fns tier 0 makes through native factories: every env slot is filled, a captured nil
included (an empty slot would crash the native code that reads it)."""

from __future__ import annotations


def test_captured_nil_and_false(run):
    run("(let [x nil y false] (def pair (fn [] [x y])))")
    assert run("(pair)") == run("[nil false]")


def test_letfn_capturing_nil(run):
    assert run("""
      (let [none nil]
        (letfn [(a [n] (if (= n 0) none (b (dec n))))
                (b [n] (a n))]
          [(a 3) none]))""") == run("[nil nil]")


def test_top_level_loop_capturing_nil(run):
    assert run("(let [z nil] (loop [i 0] (if (< i 3) (recur (inc i)) [i z])))") == run("[3 nil]")
