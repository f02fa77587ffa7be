"""Atoms, volatiles, delays and reduced (runtime/refs.py)."""

import threading

import pytest

from pyjank.runtime.printer import pr_str
from pyjank.runtime.refs import (
    Atom,
    Delay,
    Reduced,
    Volatile,
    ensure_reduced,
    force,
    is_reduced,
    reduced,
    unreduced,
)
from pyjank.runtime.vars import IllegalStateException
from pyjank.runtime.vectors import vector


def test_atom_basics():
    a = Atom(1)
    assert a.deref() == 1
    assert a.swap(lambda x, y, z: x + y + z, 2, 3) == 6
    assert a.reset(10) == 10
    assert a.swap_vals(lambda x: x * 2) == vector(10, 20)
    assert a.reset_vals(0) == vector(20, 0)
    assert a.deref() == 0


def test_compare_and_set_is_by_identity():
    big = 10**30
    a = Atom(big)
    equal_copy = int(str(big))
    assert equal_copy == big and equal_copy is not big
    assert not a.compare_and_set(equal_copy, 1)
    assert a.compare_and_set(big, 1) and a.deref() == 1


def test_swap_retries_under_contention():
    a = Atom(0)
    n_threads, n_swaps = 8, 2000

    def work():
        for _ in range(n_swaps):
            a.swap(lambda x: x + 1)

    threads = [threading.Thread(target=work) for _ in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert a.deref() == n_threads * n_swaps


def test_validators():
    with pytest.raises(IllegalStateException, match="Invalid reference state"):
        Atom(-1, validator=lambda x: x >= 0)
    a = Atom(1, validator=lambda x: x >= 0)
    with pytest.raises(IllegalStateException):
        a.reset(-1)
    with pytest.raises(IllegalStateException):
        a.swap(lambda x: x - 5)
    assert not_changed(a, 1)
    a.set_validator(lambda x: 0)  # 0 is truthy in Clojure
    assert a.reset(-1) == -1
    with pytest.raises(IllegalStateException):
        a.set_validator(lambda x: None)
    assert a.get_validator() is not None
    a.set_validator(None)
    assert a.reset(-2) == -2


def not_changed(a, value):
    return a.deref() == value


def test_watches():
    a = Atom(1)
    seen = []
    assert a.add_watch("k", lambda *args: seen.append(args)) is a
    a.swap(lambda x: x + 1)
    a.reset(5)
    a.compare_and_set(5, 6)
    assert seen == [("k", a, 1, 2), ("k", a, 2, 5), ("k", a, 5, 6)]
    assert list(a.get_watches()) == ["k"]
    a.remove_watch("k")
    a.reset(7)
    assert len(seen) == 3


def test_mutable_metadata():
    a = Atom(1, meta="m")
    assert a.meta() == "m"
    a.reset_meta("n")
    assert a.alter_meta(lambda m, s: m + s, "!") == "n!" and a.meta() == "n!"


def test_volatile():
    v = Volatile(1)
    assert v.reset(2) == 2
    assert v.swap(lambda x, y: x * y, 5) == 10 and v.deref() == 10


def test_delay_runs_once_across_threads():
    calls = []
    barrier = threading.Barrier(4)

    def body():
        calls.append(1)
        return 42

    d = Delay(body)
    assert not d.is_realized()
    results = []

    def deref():
        barrier.wait()
        results.append(d.deref())

    threads = [threading.Thread(target=deref) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [42] * 4 and calls == [1] and d.is_realized()
    assert force(d) == 42 and force(7) == 7


def test_delay_rethrows_the_same_exception_each_time():
    calls = []

    def body():
        calls.append(1)
        raise ValueError("nope")

    d = Delay(body)
    errors = []
    for _ in range(3):
        with pytest.raises(ValueError, match="nope") as info:
            d.deref()
        errors.append(info.value)
    assert calls == [1] and errors[0] is errors[1] is errors[2] and d.is_realized()
    depth = len(list(_frames(errors[2].__traceback__)))
    assert depth < 6  # re-raising does not grow the traceback


def _frames(tb):
    while tb is not None:
        yield tb
        tb = tb.tb_next


def test_reduced():
    r = reduced(1)
    assert isinstance(r, Reduced) and is_reduced(r) and r.deref() == 1
    assert not is_reduced(1)
    assert unreduced(r) == 1 and unreduced(2) == 2
    assert ensure_reduced(r) is r and ensure_reduced(3).deref() == 3


def test_printing():
    a = Atom(vector(1, "a"))
    assert pr_str(a).startswith("#object[clojure.lang.Atom 0x")
    assert pr_str(a).endswith(' {:status :ready, :val [1 "a"]}]')
    d = Delay(lambda: 1)
    assert pr_str(d).endswith(" {:status :pending, :val nil}]")
    d.deref()
    assert pr_str(d).endswith(" {:status :ready, :val 1}]")
    failed = Delay(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        failed.deref()
    assert "{:status :failed, :val #error {" in pr_str(failed)
    assert pr_str(Volatile(1)).startswith("#object[clojure.lang.Volatile 0x")
    assert pr_str(reduced(1)).startswith("#object[clojure.lang.Reduced 0x")
    assert repr(a) == pr_str(a)
