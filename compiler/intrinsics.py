"""Core functions that backends may lower specially when called with a fixed arity.

`(+ a b)` names the var `clojure.core/+`, whose root is a variadic Python function. When the
analyzer sees a call of one of these vars with an arity listed here, it emits an `Intrinsic`
node instead of a var call: tier 0 calls the fixed-arity implementation directly (no var
load, no argument packing), and the native tier lowers the same ops inline. As with
Clojure's `:inline` functions, redefining such a var does not affect already compiled calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..runtime import equality, numbers, rt

# (name, arity) → (op name, implementation, returns a Python bool)
INTRINSICS: dict[tuple[str, int], tuple[str, Callable[..., Any], bool]] = {
    ("+", 2): ("add", numbers.add, False),
    ("-", 2): ("sub", numbers.subtract, False),
    ("*", 2): ("mul", numbers.multiply, False),
    ("/", 2): ("div", numbers.divide, False),
    ("inc", 1): ("inc", numbers.inc, False),
    ("dec", 1): ("dec", numbers.dec, False),
    ("quot", 2): ("quot", numbers.quot, False),
    ("rem", 2): ("rem", numbers.rem, False),
    ("mod", 2): ("mod", numbers.mod, False),
    ("<", 2): ("lt", numbers.lt, True),
    ("<=", 2): ("lte", numbers.lte, True),
    (">", 2): ("gt", numbers.gt, True),
    (">=", 2): ("gte", numbers.gte, True),
    ("==", 2): ("num_eq", numbers.num_equiv, True),
    ("zero?", 1): ("zero", numbers.is_zero, True),
    ("=", 2): ("eq", equality.equiv, True),
    ("first", 1): ("first", rt.first, False),
    ("next", 1): ("next", rt.next, False),
    ("rest", 1): ("rest", rt.rest, False),
    ("count", 1): ("count", rt.count, False),
    ("nth", 2): ("nth", rt.nth, False),
    ("get", 2): ("get", rt.get, False),
    ("conj", 2): ("conj", rt.conj, False),
}

BOOLEAN_OPS = frozenset(op for op, _, is_bool in INTRINSICS.values() if is_bool)
IMPLEMENTATIONS = {op: impl for op, impl, _ in INTRINSICS.values()}


def lookup(var_name: str, arity: int) -> str | None:
    """The op for a call of `clojure.core/var_name` with `arity` args, if there is one."""
    entry = INTRINSICS.get((var_name, arity))
    return entry[0] if entry is not None else None
