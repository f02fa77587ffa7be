"""Arithmetic, comparison, numeric predicates, bit operations and coercions.

Each function has explicit parameters for the common arities, so `(+ a b)` costs one Python
call with an inline fast path for two longs; the variadic tail is only walked when present.
The long range is spelled as literals in the fast paths (a constant load is cheaper than a
global lookup).
"""

from __future__ import annotations

import random as _random
from typing import Any

from .. import numbers as n
from ..equality import equiv
from ..exceptions import ArityException
from .registry import core

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


@core("+")
def plus(a: Any = _NONE, b: Any = _NONE, *more: Any) -> Any:
    """Returns the sum of nums. (+) returns 0. Does not auto-promote longs, will throw on
    overflow. See also: +'"""
    if type(a) is int and type(b) is int:
        r = a + b
        if -9223372036854775808 <= r <= 9223372036854775807:
            if not more:
                return r
        else:
            r = _add(a, b)
    elif b is _NONE:
        return 0 if a is _NONE else _cast_number(a)
    else:
        r = _add(a, b)
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


@core("inc'")
def inc_p(x: Any) -> Any:
    """Returns a number one greater than num. Supports arbitrary precision."""
    return n.inc_p(x)


@core("dec'")
def dec_p(x: Any) -> Any:
    """Returns a number one less than num. Supports arbitrary precision."""
    return n.dec_p(x)


@core("quot")
def quot(num: Any, div: Any) -> Any:
    """quot[ient] of dividing numerator by denominator (truncated toward zero)."""
    return n.quot(num, div)


@core("rem")
def rem(num: Any, div: Any) -> Any:
    """remainder of dividing numerator by denominator (has the sign of the numerator)."""
    return n.rem(num, div)


@core("mod")
def mod(num: Any, div: Any) -> Any:
    """Modulus of num and div. Truncates toward negative infinity."""
    return n.mod(num, div)


@core("abs")
def abs_(a: Any) -> Any:
    """Returns the absolute value of a. If a is Long/MIN_VALUE => Long/MIN_VALUE."""
    return n.abs_(a)


# -- unchecked ---------------------------------------------------------------------------


@core("unchecked-add")
def unchecked_add(x: Any, y: Any) -> Any:
    """Returns the sum of x and y, both long. Note - uses a primitive operator subject to
    overflow."""
    return n.unchecked_add(x, y)


@core("unchecked-subtract")
def unchecked_subtract(x: Any, y: Any) -> Any:
    """Returns the difference of x and y, both long, wrapping on overflow."""
    return n.unchecked_subtract(x, y)


@core("unchecked-multiply")
def unchecked_multiply(x: Any, y: Any) -> Any:
    """Returns the product of x and y, both long, wrapping on overflow."""
    return n.unchecked_multiply(x, y)


@core("unchecked-inc")
def unchecked_inc(x: Any) -> Any:
    """Returns a number one greater than x, a long, wrapping on overflow."""
    return n.unchecked_inc(x)


@core("unchecked-dec")
def unchecked_dec(x: Any) -> Any:
    """Returns a number one less than x, a long, wrapping on overflow."""
    return n.unchecked_dec(x)


@core("unchecked-negate")
def unchecked_negate(x: Any) -> Any:
    """Returns the negation of x, a long, wrapping on overflow."""
    return n.unchecked_negate(x)


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


@core("<")
def lt(a: Any = _NONE, b: Any = _NONE, *more: Any) -> bool:
    """Returns non-nil if nums are in monotonically increasing order, otherwise false."""
    if type(a) is int and type(b) is int:
        if not more:
            return a < b
        if not a < b:
            return False
    elif b is _NONE:
        if a is _NONE:
            raise ArityException(0, "clojure.core/<")
        return True
    elif not _lt(a, b):
        return False
    for c in more:
        if not _lt(b, c):
            return False
        b = c
    return True


@core(">")
def gt(a: Any = _NONE, b: Any = _NONE, *more: Any) -> bool:
    """Returns non-nil if nums are in monotonically decreasing order, otherwise false."""
    if type(a) is int and type(b) is int:
        if not more:
            return a > b
        if not a > b:
            return False
    elif b is _NONE:
        if a is _NONE:
            raise ArityException(0, "clojure.core/>")
        return True
    elif not _gt(a, b):
        return False
    for c in more:
        if not _gt(b, c):
            return False
        b = c
    return True


@core("<=")
def lte(a: Any = _NONE, b: Any = _NONE, *more: Any) -> bool:
    """Returns non-nil if nums are in monotonically non-decreasing order, otherwise false."""
    if type(a) is int and type(b) is int:
        if not more:
            return a <= b
        if not a <= b:
            return False
    elif b is _NONE:
        if a is _NONE:
            raise ArityException(0, "clojure.core/<=")
        return True
    elif not _lte(a, b):
        return False
    for c in more:
        if not _lte(b, c):
            return False
        b = c
    return True


@core(">=")
def gte(a: Any = _NONE, b: Any = _NONE, *more: Any) -> bool:
    """Returns non-nil if nums are in monotonically non-increasing order, otherwise false."""
    if type(a) is int and type(b) is int:
        if not more:
            return a >= b
        if not a >= b:
            return False
    elif b is _NONE:
        if a is _NONE:
            raise ArityException(0, "clojure.core/>=")
        return True
    elif not _gte(a, b):
        return False
    for c in more:
        if not _gte(b, c):
            return False
        b = c
    return True


@core("max")
def max_(x: Any, *more: Any) -> Any:
    """Returns the greatest of the nums."""
    if not more:
        return x
    for y in more:
        x = n.max_(x, y)
    return x


@core("min")
def min_(x: Any, *more: Any) -> Any:
    """Returns the least of the nums."""
    if not more:
        return x
    for y in more:
        x = n.min_(x, y)
    return x


# -- predicates --------------------------------------------------------------------------


@core("zero?")
def is_zero(x: Any) -> bool:
    """Returns true if num is zero, else false."""
    return n.is_zero(x)


@core("pos?")
def is_pos(x: Any) -> bool:
    """Returns true if num is greater than zero, else false."""
    return n.pos(x)


@core("neg?")
def is_neg(x: Any) -> bool:
    """Returns true if num is less than zero, else false."""
    return n.neg(x)


@core("even?")
def is_even(x: Any) -> bool:
    """Returns true if n is even, throws an exception if n is not an integer."""
    return n.is_even(x)


@core("odd?")
def is_odd(x: Any) -> bool:
    """Returns true if n is odd, throws an exception if n is not an integer."""
    return n.is_odd(x)


@core("number?")
def is_number(x: Any) -> bool:
    """Returns true if x is a Number."""
    return n.is_number(x)


@core("integer?")
def is_integer(x: Any) -> bool:
    """Returns true if n is an integer (long or BigInt)."""
    return n.is_integer(x)


@core("int?")
def is_int(x: Any) -> bool:
    """Return true if x is a fixed precision integer (within the long range)."""
    return n.is_int(x)


@core("pos-int?")
def is_pos_int(x: Any) -> bool:
    """Return true if x is a positive fixed precision integer."""
    return n.is_pos_int(x)


@core("neg-int?")
def is_neg_int(x: Any) -> bool:
    """Return true if x is a negative fixed precision integer."""
    return n.is_neg_int(x)


@core("nat-int?")
def is_nat_int(x: Any) -> bool:
    """Return true if x is a non-negative fixed precision integer."""
    return n.is_nat_int(x)


@core("float?")
def is_float(x: Any) -> bool:
    """Returns true if n is a floating point number."""
    return n.is_float(x)


@core("double?")
def is_double(x: Any) -> bool:
    """Return true if x is a Double."""
    return n.is_float(x)


@core("ratio?")
def is_ratio(x: Any) -> bool:
    """Returns true if n is a Ratio."""
    return n.is_ratio(x)


@core("rational?")
def is_rational(x: Any) -> bool:
    """Returns true if n is a rational number (integer, ratio or decimal)."""
    return n.is_rational(x)


@core("decimal?")
def is_decimal(x: Any) -> bool:
    """Returns true if n is a BigDecimal."""
    return n.is_decimal(x)


@core("NaN?")
def is_nan(x: Any) -> bool:
    """Returns true if num is NaN, else false."""
    return n.is_nan(x)


@core("infinite?")
def is_infinite(x: Any) -> bool:
    """Returns true if num is negative or positive infinity, else false."""
    return n.is_infinite(x)


# -- bit operations ----------------------------------------------------------------------


@core("bit-and")
def bit_and(x: Any, y: Any, *more: Any) -> int:
    """Bitwise and."""
    r = n.bit_and(x, y)
    for z in more:
        r = n.bit_and(r, z)
    return r


@core("bit-or")
def bit_or(x: Any, y: Any, *more: Any) -> int:
    """Bitwise or."""
    r = n.bit_or(x, y)
    for z in more:
        r = n.bit_or(r, z)
    return r


@core("bit-xor")
def bit_xor(x: Any, y: Any, *more: Any) -> int:
    """Bitwise exclusive or."""
    r = n.bit_xor(x, y)
    for z in more:
        r = n.bit_xor(r, z)
    return r


@core("bit-and-not")
def bit_and_not(x: Any, y: Any, *more: Any) -> int:
    """Bitwise and with complement."""
    r = n.bit_and_not(x, y)
    for z in more:
        r = n.bit_and_not(r, z)
    return r


@core("bit-not")
def bit_not(x: Any) -> int:
    """Bitwise complement."""
    return n.bit_not(x)


@core("bit-shift-left")
def bit_shift_left(x: Any, k: Any) -> int:
    """Bitwise shift left."""
    return n.bit_shift_left(x, k)


@core("bit-shift-right")
def bit_shift_right(x: Any, k: Any) -> int:
    """Bitwise shift right."""
    return n.bit_shift_right(x, k)


@core("unsigned-bit-shift-right")
def unsigned_bit_shift_right(x: Any, k: Any) -> int:
    """Bitwise shift right, without sign-extension."""
    return n.unsigned_bit_shift_right(x, k)


@core("bit-test")
def bit_test(x: Any, k: Any) -> bool:
    """Test bit at index k."""
    return n.bit_test(x, k)


@core("bit-set")
def bit_set(x: Any, k: Any) -> int:
    """Set bit at index k."""
    return n.bit_set(x, k)


@core("bit-clear")
def bit_clear(x: Any, k: Any) -> int:
    """Clear bit at index k."""
    return n.bit_clear(x, k)


@core("bit-flip")
def bit_flip(x: Any, k: Any) -> int:
    """Flip bit at index k."""
    return n.bit_flip(x, k)


# -- coercions ---------------------------------------------------------------------------


@core("num")
def num(x: Any) -> Any:
    """Coerce to Number."""
    return n.num(x)


@core("long")
def long_(x: Any) -> int:
    """Coerce to long (truncating; throws when out of range)."""
    return n.long_(x)


@core("int")
def int_(x: Any) -> int:
    """Coerce to int (truncating; throws when out of the 32-bit range). Python has one
    integer type, so the result is an ordinary integer."""
    return n.int_(x)


@core("short")
def short_(x: Any) -> int:
    """Coerce to short (range-checked; an ordinary integer in pyjank)."""
    return n.short_(x)


@core("byte")
def byte_(x: Any) -> int:
    """Coerce to byte (range-checked; an ordinary integer in pyjank)."""
    return n.byte_(x)


@core("double")
def double_(x: Any) -> float:
    """Coerce to double."""
    return n.double_(x)


@core("float")
def float_(x: Any) -> float:
    """Coerce to float (range-checked, but kept as a double: Python has no 32-bit float)."""
    return n.float_(x)


@core("bigint")
def bigint(x: Any) -> int:
    """Coerce to BigInt (a Python int)."""
    return n.bigint(x)


@core("biginteger")
def biginteger(x: Any) -> int:
    """Coerce to BigInteger (a Python int)."""
    return n.bigint(x)


@core("bigdec")
def bigdec(x: Any) -> Any:
    """Coerce to BigDecimal (a decimal.Decimal)."""
    return n.bigdec(x)


@core("rationalize")
def rationalize(x: Any) -> Any:
    """returns the rational value of num"""
    return n.rationalize(x)


@core("numerator")
def numerator(r: Any) -> int:
    """Returns the numerator part of a Ratio."""
    return n.numerator(r)


@core("denominator")
def denominator(r: Any) -> int:
    """Returns the denominator part of a Ratio."""
    return n.denominator(r)


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
