"""Arithmetic, comparison, numeric predicates, bit operations and coercions.

Each function has explicit parameters for the common arities, so `(+ a b)` costs one Python
call with an inline fast path for two longs; the variadic tail is only walked when present.
The long range is spelled as literals in the fast paths (a constant load is cheaper than a
global lookup).
"""

from __future__ import annotations

import operator
import random as _random
from collections.abc import Callable
from typing import Any

from .. import numbers as n
from ..equality import equiv
from ..exceptions import ArityException
from .registry import core, intern_fn

_NONE: Any = object()

_add = n.add
_sub = n.subtract
_mul = n.multiply
_div = n.divide
_lt = n.lt
_lte = n.lte
_gt = n.gt
_gte = n.gte
_num_equiv = n.num_equiv


def _cast_number(x: Any) -> Any:
    """`(cast Number x)`: nil passes, as on the JVM; anything but a number throws."""
    if x is None:
        return None
    return n.num(x)


# -- + - * / -----------------------------------------------------------------------------


@core("+", arglists=((), ("a",), ("a", "b"), ("a", "b", "&", "more")))
def plus(a: Any = _NONE, b: Any = _NONE, c: Any = _NONE, *more: Any) -> Any:
    """Returns the sum of nums. (+) returns 0. Does not auto-promote longs, will throw on
    overflow. See also: +'"""
    # `c` is a parameter of its own so that a sum of three longs (`(+ acc k v)` in a reduce)
    # also stays inline, with no tuple for the rest.
    if type(a) is int and type(b) is int:
        r = a + b
        if -9223372036854775808 <= r <= 9223372036854775807:
            if c is _NONE:
                return r
            if type(c) is int and not more:
                s = r + c
                if -9223372036854775808 <= s <= 9223372036854775807:
                    return s
        else:
            r = _add(a, b)
    elif b is _NONE:
        return 0 if a is _NONE else _cast_number(a)
    else:
        r = _add(a, b)
    if c is _NONE:
        return r
    r = _add(r, c)
    for x in more:
        r = _add(r, x)
    return r


@core("-")
def minus(a: Any = _NONE, b: Any = _NONE, *more: Any) -> Any:
    """If no ys are supplied, returns the negation of x, else subtracts the ys from x and
    returns the result. Does not auto-promote longs, will throw on overflow."""
    if type(a) is int and type(b) is int:
        r = a - b
        if -9223372036854775808 <= r <= 9223372036854775807:
            if not more:
                return r
        else:
            r = _sub(a, b)
    elif b is _NONE:
        if a is _NONE:
            raise ArityException(0, "clojure.core/-")
        return n.negate(a)
    else:
        r = _sub(a, b)
    for x in more:
        r = _sub(r, x)
    return r


@core("*")
def times(a: Any = _NONE, b: Any = _NONE, *more: Any) -> Any:
    """Returns the product of nums. (*) returns 1. Does not auto-promote longs, will throw on
    overflow. See also: *'"""
    if type(a) is int and type(b) is int:
        r = a * b
        if -9223372036854775808 <= r <= 9223372036854775807:
            if not more:
                return r
        else:
            r = _mul(a, b)
    elif b is _NONE:
        return 1 if a is _NONE else _cast_number(a)
    else:
        r = _mul(a, b)
    for x in more:
        r = _mul(r, x)
    return r


@core("/")
def divide(a: Any = _NONE, b: Any = _NONE, *more: Any) -> Any:
    """If no denominators are supplied, returns 1/numerator, else returns numerator divided
    by all of the denominators."""
    if b is _NONE:
        if a is _NONE:
            raise ArityException(0, "clojure.core//")
        return _div(1, a)
    r = _div(a, b)
    for x in more:
        r = _div(r, x)
    return r


@core("+'")
def plus_p(a: Any = _NONE, b: Any = _NONE, *more: Any) -> Any:
    """Returns the sum of nums. (+') returns 0. Supports arbitrary precision."""
    if b is _NONE:
        return 0 if a is _NONE else _cast_number(a)
    r = n.add_p(a, b)
    for x in more:
        r = n.add_p(r, x)
    return r


@core("-'")
def minus_p(a: Any = _NONE, b: Any = _NONE, *more: Any) -> Any:
    """If no ys are supplied, returns the negation of x, else subtracts the ys from x.
    Supports arbitrary precision."""
    if b is _NONE:
        if a is _NONE:
            raise ArityException(0, "clojure.core/-'")
        return n.negate_p(a)
    r = n.subtract_p(a, b)
    for x in more:
        r = n.subtract_p(r, x)
    return r


@core("*'")
def times_p(a: Any = _NONE, b: Any = _NONE, *more: Any) -> Any:
    """Returns the product of nums. (*') returns 1. Supports arbitrary precision."""
    if b is _NONE:
        return 1 if a is _NONE else _cast_number(a)
    r = n.multiply_p(a, b)
    for x in more:
        r = n.multiply_p(r, x)
    return r


@core("inc")
def inc(x: Any) -> Any:
    """Returns a number one greater than num. Does not auto-promote longs, will throw on
    overflow."""
    if type(x) is int and x != 9223372036854775807:
        return x + 1
    return n.inc(x)


@core("dec")
def dec(x: Any) -> Any:
    """Returns a number one less than num. Does not auto-promote longs, will throw on
    overflow."""
    if type(x) is int and x != -9223372036854775808:
        return x - 1
    return n.dec(x)


# -- comparison --------------------------------------------------------------------------


@core("=")
def eq(a: Any = _NONE, b: Any = _NONE, *more: Any) -> bool:
    """Equality. Returns true if x equals y, false if not. Same as Java x.equals(y) except it
    also works for nil, and compares numbers and collections in a type-independent manner."""
    if b is _NONE:
        if a is _NONE:
            raise ArityException(0, "clojure.core/=")
        return True
    if not equiv(a, b):
        return False
    for c in more:
        if not equiv(b, c):
            return False
        b = c
    return True


@core("not=")
def not_eq(a: Any = _NONE, b: Any = _NONE, *more: Any) -> bool:
    """Same as (not (= obj1 obj2))."""
    if b is _NONE:
        if a is _NONE:
            raise ArityException(0, "clojure.core/not=")
        return False
    if not more:
        return not equiv(a, b)
    return not eq(a, b, *more)


@core("==")
def num_eq(a: Any = _NONE, b: Any = _NONE, *more: Any) -> bool:
    """Returns non-nil if nums all have the equivalent value (type-independent), otherwise
    false."""
    if b is _NONE:
        if a is _NONE:
            raise ArityException(0, "clojure.core/==")
        return True
    if not _num_equiv(a, b):
        return False
    for c in more:
        if not _num_equiv(b, c):
            return False
        b = c
    return True


def _chain(
    name: str, fast: Callable[[int, int], bool], general: Callable[[Any, Any], bool], doc: str
) -> Callable[..., bool]:
    """A variadic numeric comparison: true when every adjacent pair of arguments satisfies
    it. Two longs compare with Python's operator first."""
    qualified = f"clojure.core/{name}"

    def compare_chain(a: Any = _NONE, b: Any = _NONE, *more: Any) -> bool:
        if b is _NONE:
            if a is _NONE:
                raise ArityException(0, qualified)
            return True
        if type(a) is int and type(b) is int:
            if not fast(a, b):
                return False
        elif not general(a, b):
            return False
        for c in more:
            if not general(b, c):
                return False
            b = c
        return True

    compare_chain.__doc__ = doc
    return core(name)(compare_chain)


lt = _chain(
    "<",
    operator.lt,
    _lt,
    "Returns non-nil if nums are in monotonically increasing order, otherwise false.",
)
gt = _chain(
    ">",
    operator.gt,
    _gt,
    "Returns non-nil if nums are in monotonically decreasing order, otherwise false.",
)
lte = _chain(
    "<=",
    operator.le,
    _lte,
    "Returns non-nil if nums are in monotonically non-decreasing order, otherwise false.",
)
gte = _chain(
    ">=",
    operator.ge,
    _gte,
    "Returns non-nil if nums are in monotonically non-increasing order, otherwise false.",
)


def _fold(name: str, op: Callable[[Any, Any], Any], doc: str, *, unary: bool) -> Callable:
    """A variadic fn folding the binary `op` over its arguments from the left; `unary` says
    whether one argument is enough (max/min) or two are needed (the bit ops)."""
    if unary:

        def fold(x: Any, *more: Any) -> Any:
            for y in more:
                x = op(x, y)
            return x

    else:

        def fold(x: Any, y: Any, *more: Any) -> Any:  # type: ignore[misc]
            x = op(x, y)
            for z in more:
                x = op(x, z)
            return x

    fold.__doc__ = doc
    return core(name)(fold)


max_ = _fold("max", n.max_, "Returns the greatest of the nums.", unary=True)
min_ = _fold("min", n.min_, "Returns the least of the nums.", unary=True)
bit_and = _fold("bit-and", n.bit_and, "Bitwise and.", unary=False)
bit_or = _fold("bit-or", n.bit_or, "Bitwise or.", unary=False)
bit_xor = _fold("bit-xor", n.bit_xor, "Bitwise exclusive or.", unary=False)
bit_and_not = _fold("bit-and-not", n.bit_and_not, "Bitwise and with complement.", unary=False)


# -- random ------------------------------------------------------------------------------


@core("rand")
def rand(limit: Any = _NONE) -> float:
    """Returns a random floating point number between 0 (inclusive) and n (default 1)
    (exclusive)."""
    r = _random.random()
    if limit is _NONE:
        return r
    return _mul(limit, r)


@core("rand-int")
def rand_int(limit: Any) -> int:
    """Returns a random integer between 0 (inclusive) and n (exclusive)."""
    return n.long_(_mul(limit, _random.random()))


# Core fns that are exactly a runtime.numbers function: interned directly, so a call costs
# no wrapper frame. (name, implementation, docstring)
_DIRECT: tuple[tuple[str, Any, str], ...] = (
    ("inc'", n.inc_p, "Returns a number one greater than num. Supports arbitrary precision."),
    ("dec'", n.dec_p, "Returns a number one less than num. Supports arbitrary precision."),
    ("quot", n.quot, "quot[ient] of dividing numerator by denominator (truncated toward zero)."),
    (
        "rem",
        n.rem,
        "remainder of dividing numerator by denominator (has the sign of the numerator).",
    ),
    ("mod", n.mod, "Modulus of num and div. Truncates toward negative infinity."),
    ("abs", n.abs_, "Returns the absolute value of a. If a is Long/MIN_VALUE => Long/MIN_VALUE."),
    (
        "unchecked-add",
        n.unchecked_add,
        "Returns the sum of x and y, both long. Note - uses a primitive operator subject "
        "to overflow.",
    ),
    (
        "unchecked-subtract",
        n.unchecked_subtract,
        "Returns the difference of x and y, both long, wrapping on overflow.",
    ),
    (
        "unchecked-multiply",
        n.unchecked_multiply,
        "Returns the product of x and y, both long, wrapping on overflow.",
    ),
    (
        "unchecked-inc",
        n.unchecked_inc,
        "Returns a number one greater than x, a long, wrapping on overflow.",
    ),
    (
        "unchecked-dec",
        n.unchecked_dec,
        "Returns a number one less than x, a long, wrapping on overflow.",
    ),
    (
        "unchecked-negate",
        n.unchecked_negate,
        "Returns the negation of x, a long, wrapping on overflow.",
    ),
    ("zero?", n.is_zero, "Returns true if num is zero, else false."),
    ("pos?", n.pos, "Returns true if num is greater than zero, else false."),
    ("neg?", n.neg, "Returns true if num is less than zero, else false."),
    ("even?", n.is_even, "Returns true if n is even, throws an exception if n is not an integer."),
    ("odd?", n.is_odd, "Returns true if n is odd, throws an exception if n is not an integer."),
    ("number?", n.is_number, "Returns true if x is a Number."),
    ("integer?", n.is_integer, "Returns true if n is an integer (long or BigInt)."),
    ("int?", n.is_int, "Return true if x is a fixed precision integer (within the long range)."),
    ("pos-int?", n.is_pos_int, "Return true if x is a positive fixed precision integer."),
    ("neg-int?", n.is_neg_int, "Return true if x is a negative fixed precision integer."),
    ("nat-int?", n.is_nat_int, "Return true if x is a non-negative fixed precision integer."),
    ("float?", n.is_float, "Returns true if n is a floating point number."),
    ("double?", n.is_float, "Return true if x is a Double."),
    ("ratio?", n.is_ratio, "Returns true if n is a Ratio."),
    (
        "rational?",
        n.is_rational,
        "Returns true if n is a rational number (integer, ratio or decimal).",
    ),
    ("decimal?", n.is_decimal, "Returns true if n is a BigDecimal."),
    ("NaN?", n.is_nan, "Returns true if num is NaN, else false."),
    (
        "infinite?",
        n.is_infinite,
        "Returns true if num is negative or positive infinity, else false.",
    ),
    ("bit-not", n.bit_not, "Bitwise complement."),
    ("bit-shift-left", n.bit_shift_left, "Bitwise shift left."),
    ("bit-shift-right", n.bit_shift_right, "Bitwise shift right."),
    (
        "unsigned-bit-shift-right",
        n.unsigned_bit_shift_right,
        "Bitwise shift right, without sign-extension.",
    ),
    ("bit-test", n.bit_test, "Test bit at index k."),
    ("bit-set", n.bit_set, "Set bit at index k."),
    ("bit-clear", n.bit_clear, "Clear bit at index k."),
    ("bit-flip", n.bit_flip, "Flip bit at index k."),
    ("num", n.num, "Coerce to Number."),
    ("long", n.long_, "Coerce to long (truncating; throws when out of range)."),
    (
        "int",
        n.int_,
        "Coerce to int (truncating; throws when out of the 32-bit range). Python has one "
        "integer type, so the result is an ordinary integer.",
    ),
    ("short", n.short_, "Coerce to short (range-checked; an ordinary integer in pyjank)."),
    ("byte", n.byte_, "Coerce to byte (range-checked; an ordinary integer in pyjank)."),
    ("double", n.double_, "Coerce to double."),
    (
        "float",
        n.float_,
        "Coerce to float (range-checked, but kept as a double: Python has no 32-bit float).",
    ),
    ("bigint", n.bigint, "Coerce to BigInt (a Python int)."),
    ("biginteger", n.bigint, "Coerce to BigInteger (a Python int)."),
    ("bigdec", n.bigdec, "Coerce to BigDecimal (a decimal.Decimal)."),
    ("rationalize", n.rationalize, "returns the rational value of num"),
    ("numerator", n.numerator, "Returns the numerator part of a Ratio."),
    ("denominator", n.denominator, "Returns the denominator part of a Ratio."),
)

for _name, _fn, _doc in _DIRECT:
    intern_fn(_name, _fn, doc=_doc)
