"""Clojure's numeric semantics on Python numbers.

`int` is a long while it fits in 64 bits and a BigInt outside that range, `float` a double,
`Fraction` a ratio, `Decimal` a BigDecimal; `bool` is not a number. Binary operations on two
plain ints take a fast path (one range check of the result); everything else goes through
`_arith`, which applies Clojure's contagion (long < ratio < BigDecimal < double) and calls the
operation of the winning category. `+ - * inc dec` throw "integer overflow" when two longs
produce a result outside the long range, as Clojure does; an operand that is already a BigInt
makes the result a BigInt instead. `add_p` etc. (`+'`) promote, `unchecked_*` wrap.

Decimal arithmetic runs in an unlimited-precision context because Java's BigDecimal is exact
(Python's default context would round to 28 digits); division that does not terminate
throws, as BigDecimal's does. `*math-context*` / `with-precision` are not supported yet.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    Overflow,
)
from decimal import InvalidOperation as _InvalidOperation
from fractions import Fraction
from typing import Any

from .characters import Char
from .exceptions import ArithmeticException, IllegalArgumentException, cast_error, class_name

Number = int | float | Fraction | Decimal

LONG_MIN = -(1 << 63)
LONG_MAX = (1 << 63) - 1
_MASK64 = (1 << 64) - 1
_SIGN64 = 1 << 63

# The hot paths below spell LONG_MIN/LONG_MAX as literals: a constant load is cheaper than a
# global lookup, and they run on every arithmetic call.

_EXACT = Context(
    prec=MAX_PREC,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[_InvalidOperation, DivisionByZero, Overflow],
)
"""Additions, subtractions and products of finite decimals are exact in this context."""

_RANKS: dict[type, int] = {int: 0, Fraction: 1, Decimal: 2, float: 3}
_INT, _RATIO, _DECIMAL, _DOUBLE = range(4)
_NUMBER_TYPES = (int, Fraction, Decimal, float)


def _rank(x: Any) -> int:
    """The contagion rank of a number; raises Clojure's cast error for anything else."""
    r = _RANKS.get(type(x))
    if r is not None:
        return r
    if not isinstance(x, bool):
        for r, t in enumerate(_NUMBER_TYPES):
            if isinstance(x, t):
                return r
    raise cast_error(x, "Number")


def _overflow() -> ArithmeticException:
    return ArithmeticException("integer overflow")


def _divide_by_zero() -> ArithmeticException:
    return ArithmeticException("Divide by zero")


def _is_long(x: int) -> bool:
    return -9223372036854775808 <= x <= 9223372036854775807


def _checked(r: int, a: int, b: int) -> int:
    """`r = a op b` unless two longs made a result outside the long range."""
    if _is_long(r) or not (_is_long(a) and _is_long(b)):
        return r
    raise _overflow()


def _wrap(r: int) -> int:
    """Two's-complement wrap to 64 bits, as Java's long arithmetic does."""
    return ((r + _SIGN64) & _MASK64) - _SIGN64


def _wrapped(r: int, a: int, b: int) -> int:
    """`unchecked-*`: wrap results of two longs; BigInt operands keep the exact result."""
    if _is_long(r) or not (_is_long(a) and _is_long(b)):
        return r
    return _wrap(r)


def _norm(x: Any) -> Any:
    """A ratio with denominator 1 is an integer."""
    if type(x) is Fraction and x.denominator == 1:
        return x.numerator
    return x


_DECIMAL64 = Context(prec=16, rounding=ROUND_HALF_EVEN, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[])
"""Java's MathContext.DECIMAL64, through which Clojure's Ratio.doubleValue divides."""


def _to_double(x: Any) -> float:
    """Like Java's doubleValue: huge integers and ratios become ±Infinity. A ratio divides
    to 16 significant digits first, as Clojure's Ratio.doubleValue does, so
    `(double 7381/2520)` is 2.928968253968254 (the nearest double is ...2538)."""
    if type(x) is float:
        return x
    if isinstance(x, Fraction):
        return float(_DECIMAL64.divide(Decimal(x.numerator), Decimal(x.denominator)))
    try:
        return float(x)
    except OverflowError:
        return math.inf if x > 0 else -math.inf


def _ratio_to_decimal(r: Fraction) -> Decimal:
    """The exact decimal of a ratio, or ArithmeticException as BigDecimal.divide throws."""
    d = r.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        raise ArithmeticException(
            "Non-terminating decimal expansion; no exact representable decimal result."
        )
    scale = max(twos, fives)
    return Decimal(r.numerator * 10**scale // r.denominator).scaleb(-scale, _EXACT)


def _to_decimal(x: Any) -> Decimal:
    if type(x) is Decimal:
        return x
    if isinstance(x, Fraction):
        return _ratio_to_decimal(x)
    return Decimal(x)


Impl = tuple[Callable, Callable, Callable, Callable]
"""An operation per category, indexed by rank: long, ratio, BigDecimal, double."""


def _arith(a: Any, b: Any, impl: Impl) -> Any:
    """Apply Clojure's contagion to `a` and `b` and run the operation of their category."""
    ra = _RANKS.get(type(a))
    if ra is None:
        ra = _rank(a)
    rb = _RANKS.get(type(b))
    if rb is None:
        rb = _rank(b)
    r = ra if ra > rb else rb
    if r == _DOUBLE:
        return impl[_DOUBLE](_to_double(a), _to_double(b))
    if r == _DECIMAL:
        return impl[_DECIMAL](_to_decimal(a), _to_decimal(b))
    if r == _RATIO:
        return _norm(impl[_RATIO](a, b))
    return impl[_INT](int(a), int(b))


# -- + - * -------------------------------------------------------------------------------


def add(a: Any, b: Any) -> Any:
    """`+`: throws "integer overflow" when two longs overflow."""
    if type(a) is int and type(b) is int:
        r = a + b
        if -9223372036854775808 <= r <= 9223372036854775807:
            return r
        return _checked(r, a, b)
    if type(a) is float and type(b) is float:
        return a + b
    return _arith(a, b, _ADD)


def subtract(a: Any, b: Any) -> Any:
    """`-` of two args."""
    if type(a) is int and type(b) is int:
        r = a - b
        if -9223372036854775808 <= r <= 9223372036854775807:
            return r
        return _checked(r, a, b)
    if type(a) is float and type(b) is float:
        return a - b
    return _arith(a, b, _SUB)


def multiply(a: Any, b: Any) -> Any:
    """`*`."""
    if type(a) is int and type(b) is int:
        r = a * b
        if -9223372036854775808 <= r <= 9223372036854775807:
            return r
        return _checked(r, a, b)
    if type(a) is float and type(b) is float:
        return a * b
    return _arith(a, b, _MUL)


def inc(x: Any) -> Any:
    if type(x) is int and x != 9223372036854775807:
        return x + 1
    return add(x, 1)


def dec(x: Any) -> Any:
    if type(x) is int and x != -9223372036854775808:
        return x - 1
    return subtract(x, 1)


def negate(x: Any) -> Any:
    """`(- x)`: negating Long/MIN_VALUE overflows."""
    if type(x) is int and x != -9223372036854775808:
        return -x
    return subtract(0, x) if _rank(x) != _DOUBLE else -x


def add_p(a: Any, b: Any) -> Any:
    """`+'`: longs promote to BigInt instead of overflowing."""
    if type(a) is int and type(b) is int:
        return a + b
    return _arith(a, b, _ADD_P)


def subtract_p(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        return a - b
    return _arith(a, b, _SUB_P)


def multiply_p(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        return a * b
    return _arith(a, b, _MUL_P)


def inc_p(x: Any) -> Any:
    return add_p(x, 1)


def dec_p(x: Any) -> Any:
    return subtract_p(x, 1)


def negate_p(x: Any) -> Any:
    return -x if type(x) is int else negate(x)


def unchecked_add(a: Any, b: Any) -> Any:
    """`unchecked-add`: wraps two longs to 64 bits."""
    if type(a) is int and type(b) is int:
        return _wrapped(a + b, a, b)
    return _arith(a, b, _ADD_P)


def unchecked_subtract(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        return _wrapped(a - b, a, b)
    return _arith(a, b, _SUB_P)


def unchecked_multiply(a: Any, b: Any) -> Any:
    if type(a) is int and type(b) is int:
        return _wrapped(a * b, a, b)
    return _arith(a, b, _MUL_P)


def unchecked_inc(x: Any) -> Any:
    return unchecked_add(x, 1)


def unchecked_dec(x: Any) -> Any:
    return unchecked_subtract(x, 1)


def unchecked_negate(x: Any) -> Any:
    return unchecked_subtract(0, x) if _rank(x) != _DOUBLE else -x


def _sub_decimal(a: Decimal, b: Decimal) -> Decimal:
    return _EXACT.subtract(a, b)


_ADD: Impl = (lambda a, b: _checked(a + b, a, b), operator.add, _EXACT.add, operator.add)
_SUB: Impl = (lambda a, b: _checked(a - b, a, b), operator.sub, _sub_decimal, operator.sub)
_MUL: Impl = (lambda a, b: _checked(a * b, a, b), operator.mul, _EXACT.multiply, operator.mul)
_ADD_P: Impl = (operator.add, operator.add, _EXACT.add, operator.add)
_SUB_P: Impl = (operator.sub, operator.sub, _sub_decimal, operator.sub)
_MUL_P: Impl = (operator.mul, operator.mul, _EXACT.multiply, operator.mul)


# -- division ------------------------------------------------------------------------------


def _divide_int(a: int, b: int) -> Any:
    if b == 0:
        raise _divide_by_zero()
    q, r = divmod(a, b)
    return q if r == 0 else Fraction(a, b)


def _divide_ratio(a: Any, b: Any) -> Fraction:
    if b == 0:
        raise _divide_by_zero()
    return Fraction(a) / b


def _divide_decimal(a: Decimal, b: Decimal) -> Decimal:
    """BigDecimal.divide: exact, with scale `scale(a) - scale(b)` when that can hold it."""
    if not b:
        raise ArithmeticException("Division by zero" if a else "Division undefined")
    q = _ratio_to_decimal(Fraction(a) / Fraction(b)).normalize(_EXACT)
    ideal = a.as_tuple().exponent - b.as_tuple().exponent
    exponent = min(q.as_tuple().exponent, ideal)
    return q.quantize(Decimal((0, (1,), exponent)), context=_EXACT)


def _divide_double(a: float, b: float) -> float:
    """IEEE division as Java does it: x/0.0 is ±Infinity or NaN, never an exception."""
    try:
        return a / b
    except ZeroDivisionError:
        if a == 0 or a != a:
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)


_DIVIDE: Impl = (_divide_int, _divide_ratio, _divide_decimal, _divide_double)


def divide(a: Any, b: Any) -> Any:
    """`/`: longs make ratios (`(/ 1 2)` is 1/2), whole ones make ints; `(/ 1 0)` throws."""
    if type(a) is int and type(b) is int:
        return _divide_int(a, b)
    return _arith(a, b, _DIVIDE)


def _quot_int(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def _rem_int(a: int, b: int) -> int:
    r = abs(a) % abs(b)
    return -r if a < 0 else r


def _quot_ratio(a: Any, b: Any) -> int:
    return math.trunc(Fraction(a) / b)


def _rem_ratio(a: Any, b: Any) -> Any:
    return a - b * _quot_ratio(a, b)


def _quot_double(a: float, b: float) -> float:
    """Clojure truncates the double quotient; ±Infinity and NaN pass through."""
    q = a / b
    return float(math.trunc(q)) if math.isfinite(q) else q


def _rem_double(a: float, b: float) -> float:
    """Clojure's `n - trunc(n/d) * d`, which is not always C's fmod."""
    q = a / b
    return a - math.trunc(q) * b if math.isfinite(q) else math.nan


_QUOT: Impl = (_quot_int, _quot_ratio, _EXACT.divide_int, _quot_double)
_REM: Impl = (_rem_int, _rem_ratio, _EXACT.remainder, _rem_double)


def quot(a: Any, b: Any) -> Any:
    """`quot`: the quotient truncated toward zero."""
    if type(a) is int and type(b) is int and b != 0:
        return _quot_int(a, b)
    if is_zero(b):
        raise _divide_by_zero()
    return _arith(a, b, _QUOT)


def rem(a: Any, b: Any) -> Any:
    """`rem`: the remainder has the sign of the dividend."""
    if type(a) is int and type(b) is int and b != 0:
        return _rem_int(a, b)
    if is_zero(b):
        raise _divide_by_zero()
    return _arith(a, b, _REM)


def mod(a: Any, b: Any) -> Any:
    """`mod`: Clojure's definition on top of `rem` (the result has the sign of `b`)."""
    if type(a) is int and type(b) is int and b != 0:
        return a % b
    m = rem(a, b)
    if is_zero(m) or pos(a) == pos(b):
        return m
    return add(m, b)


# -- comparison ----------------------------------------------------------------------------


_SAME_TYPE_FAST = frozenset((int, float))
"""Two ints or two doubles compare with Python's operators directly."""


def _comparable(a: Any, b: Any) -> tuple[Any, Any]:
    """Operands as Clojure compares them: as doubles when either is a double.

    Exact types otherwise; Clojure would convert a ratio compared with a BigDecimal to a
    BigDecimal (and throw for 1/3), Python compares them exactly.
    """
    ra, rb = _rank(a), _rank(b)
    if (ra == _DOUBLE) != (rb == _DOUBLE):
        return _to_double(a), _to_double(b)
    return a, b


def lt(a: Any, b: Any) -> bool:
    if type(a) is type(b) and type(a) in _SAME_TYPE_FAST:
        return a < b
    a, b = _comparable(a, b)
    return a < b


def lte(a: Any, b: Any) -> bool:
    if type(a) is type(b) and type(a) in _SAME_TYPE_FAST:
        return a <= b
    a, b = _comparable(a, b)
    return a <= b


def gt(a: Any, b: Any) -> bool:
    if type(a) is type(b) and type(a) in _SAME_TYPE_FAST:
        return a > b
    a, b = _comparable(a, b)
    return a > b


def gte(a: Any, b: Any) -> bool:
    if type(a) is type(b) and type(a) in _SAME_TYPE_FAST:
        return a >= b
    a, b = _comparable(a, b)
    return a >= b


def num_equiv(a: Any, b: Any) -> bool:
    """`==`: numeric equality across categories (`(== 1 1.0)` is true)."""
    if type(a) is type(b) and type(a) in _SAME_TYPE_FAST:
        return a == b
    a, b = _comparable(a, b)
    return a == b


def is_zero(x: Any) -> bool:
    if type(x) is int:
        return x == 0
    _rank(x)
    return x == 0


def pos(x: Any) -> bool:
    if type(x) is int:
        return x > 0
    _rank(x)
    return x > 0


def neg(x: Any) -> bool:
    if type(x) is int:
        return x < 0
    _rank(x)
    return x < 0


def _integer_arg(x: Any) -> int:
    if is_integer(x):
        return x
    from .printer import str_

    raise IllegalArgumentException(f"Argument must be an integer: {str_(x)}")


def is_even(x: Any) -> bool:
    """`even?`: throws for anything but an integer, as Clojure does."""
    return not _integer_arg(x) & 1


def is_odd(x: Any) -> bool:
    return bool(_integer_arg(x) & 1)


def _is_nan(x: Any) -> bool:
    return type(x) is float and x != x


def max_(a: Any, b: Any) -> Any:
    """`max`: NaN wins, and on a tie the second argument is returned, as in Clojure."""
    if _is_nan(a):
        return a
    if _is_nan(b):
        return b
    return a if gt(a, b) else b


def min_(a: Any, b: Any) -> Any:
    if _is_nan(a):
        return a
    if _is_nan(b):
        return b
    return a if lt(a, b) else b


def abs_(x: Any) -> Any:
    """`abs`: like Math.abs, Long/MIN_VALUE stays Long/MIN_VALUE."""
    r = _rank(x)
    if r == _INT:
        return x if x >= 0 or x == LONG_MIN else -x
    if r == _DECIMAL:
        return _EXACT.abs(x)
    return abs(x)


# -- ratios --------------------------------------------------------------------------------


def numerator(x: Any) -> int:
    if not isinstance(x, Fraction):
        raise cast_error(x, "clojure.lang.Ratio")
    return x.numerator


def denominator(x: Any) -> int:
    if not isinstance(x, Fraction):
        raise cast_error(x, "clojure.lang.Ratio")
    return x.denominator


def rationalize(x: Any) -> Any:
    """`rationalize`: a double becomes the ratio of its shortest decimal (0.1 → 1/10)."""
    r = _rank(x)
    if r == _DOUBLE:
        if not math.isfinite(x):
            raise IllegalArgumentException("Infinite or NaN")
        return _norm(Fraction(repr(x)))
    if r == _DECIMAL:
        return _norm(Fraction(x))
    return x


# -- bit operations (on longs only, as Clojure) --------------------------------------------


def _bits(x: Any) -> int:
    if isinstance(x, int) and not isinstance(x, bool) and _is_long(x):
        return int(x)
    kind = "BigInt" if isinstance(x, int) and not isinstance(x, bool) else class_name(type(x))
    raise IllegalArgumentException(f"bit operation not supported for: class {kind}")


def bit_and(a: Any, b: Any) -> int:
    return _bits(a) & _bits(b)


def bit_or(a: Any, b: Any) -> int:
    return _bits(a) | _bits(b)


def bit_xor(a: Any, b: Any) -> int:
    return _bits(a) ^ _bits(b)


def bit_and_not(a: Any, b: Any) -> int:
    return _bits(a) & ~_bits(b)


def bit_not(x: Any) -> int:
    return ~_bits(x)


def bit_shift_left(x: Any, n: Any) -> int:
    """Java's `<<`: the shift distance is taken modulo 64."""
    return _wrap(_bits(x) << (_bits(n) & 63))


def bit_shift_right(x: Any, n: Any) -> int:
    return _bits(x) >> (_bits(n) & 63)


def unsigned_bit_shift_right(x: Any, n: Any) -> int:
    return _wrap((_bits(x) & _MASK64) >> (_bits(n) & 63))


def bit_test(x: Any, n: Any) -> bool:
    return bool((_bits(x) >> (_bits(n) & 63)) & 1)


def bit_set(x: Any, n: Any) -> int:
    return _wrap(_bits(x) | (1 << (_bits(n) & 63)))


def bit_clear(x: Any, n: Any) -> int:
    return _wrap(_bits(x) & ~(1 << (_bits(n) & 63)))


def bit_flip(x: Any, n: Any) -> int:
    return _wrap(_bits(x) ^ (1 << (_bits(n) & 63)))


# -- coercions -----------------------------------------------------------------------------


def _integral_cast(x: Any, bits: int, name: str) -> int:
    """`(long x)`, `(int x)`...: truncate toward zero, throw when out of range."""
    if type(x) is Char:
        x = ord(x.c)
    r = _rank(x)
    hi = (1 << (bits - 1)) - 1
    lo = -hi - 1
    if r == _DOUBLE:
        if x != x:
            return 0
        # Java compares with the bound converted to double: 2.0**63 passes and saturates.
        if x < lo or x > float(hi):
            raise IllegalArgumentException(f"Value out of range for {name}: {double_str(x)}")
        return min(math.trunc(x), hi)
    n = int(x)
    if lo <= n <= hi:
        return n
    raise IllegalArgumentException(f"Value out of range for {name}: {x}")


def long_(x: Any) -> int:
    if type(x) is int and -9223372036854775808 <= x <= 9223372036854775807:
        return x
    return _integral_cast(x, 64, "long")


def int_(x: Any) -> int:
    return _integral_cast(x, 32, "int")


def short_(x: Any) -> int:
    return _integral_cast(x, 16, "short")


def byte_(x: Any) -> int:
    return _integral_cast(x, 8, "byte")


def double_(x: Any) -> float:
    """`(double x)`: huge integers become ±Infinity, as BigInteger.doubleValue does."""
    _rank(x)
    return _to_double(x)


_FLOAT_MAX = 3.4028234663852886e38


def float_(x: Any) -> float:
    """`(float x)`: range-checked like Java's float, but kept as a double (no f32 type)."""
    d = double_(x)
    if d < -_FLOAT_MAX or d > _FLOAT_MAX:
        raise IllegalArgumentException(f"Value out of range for float: {double_str(d)}")
    return d


def num(x: Any) -> Number:
    _rank(x)
    return x


def bigint(x: Any) -> int:
    """`bigint`: truncates doubles, ratios and decimals."""
    if _rank(x) == _DOUBLE and not math.isfinite(x):
        raise IllegalArgumentException("Infinite or NaN")
    return int(x)


def bigdec(x: Any) -> Decimal:
    """`bigdec`: a double converts through its printed form, as BigDecimal.valueOf does."""
    r = _rank(x)
    if r == _DOUBLE:
        if not math.isfinite(x):
            raise IllegalArgumentException("Infinite or NaN")
        return Decimal(double_str(x))
    return _to_decimal(x)


# -- predicates ----------------------------------------------------------------------------


def is_number(x: Any) -> bool:
    return type(x) in _RANKS or (isinstance(x, _NUMBER_TYPES) and not isinstance(x, bool))


def is_integer(x: Any) -> bool:
    """`integer?`: longs and BigInts."""
    return type(x) is int or (isinstance(x, int) and not isinstance(x, bool))


def is_int(x: Any) -> bool:
    """`int?`: a fixed-precision integer, i.e. one within the long range."""
    return is_integer(x) and _is_long(x)


def is_pos_int(x: Any) -> bool:
    return is_int(x) and x > 0


def is_neg_int(x: Any) -> bool:
    return is_int(x) and x < 0


def is_nat_int(x: Any) -> bool:
    return is_int(x) and x >= 0


def is_float(x: Any) -> bool:
    """`float?` and `double?`."""
    return isinstance(x, float)


def is_ratio(x: Any) -> bool:
    return isinstance(x, Fraction)


def is_decimal(x: Any) -> bool:
    return isinstance(x, Decimal)


def is_rational(x: Any) -> bool:
    return is_integer(x) or isinstance(x, (Fraction, Decimal))


def is_nan(x: Any) -> bool:
    """`NaN?`, which takes any number."""
    d = double_(x)
    return d != d


def is_infinite(x: Any) -> bool:
    return math.isinf(double_(x))


# -- text ----------------------------------------------------------------------------------


def double_str(x: float) -> str:
    """Java's Double.toString: `1.0`, `1.0E10`, `1.0E-5`, `Infinity`, `NaN`.

    Plain notation for 1e-3 <= |x| < 1e7, else one digit before the point and an exponent;
    the digits are the shortest that read back, as Python's repr (and Java 19+) choose them.
    """
    ax = abs(x)
    if 1e-3 <= ax < 1e7 or ax == 0:
        return repr(x)
    if not math.isfinite(x):
        return "NaN" if x != x else ("Infinity" if x > 0 else "-Infinity")
    mantissa, _, e = repr(ax).partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = whole + ("" if frac == "0" else frac)
    significant = digits.lstrip("0")
    exponent = (int(e) if e else 0) + len(whole) - 1 - (len(digits) - len(significant))
    significant = significant.rstrip("0")
    if len(significant) == 1 and ax < _MIN_NORMAL:
        significant, exponent = _closest_two_digits(ax, significant, exponent)
    sign = "-" if x < 0 else ""
    return f"{sign}{significant[0]}.{significant[1:] or '0'}E{exponent}"


_MIN_NORMAL = 2.2250738585072014e-308


def _closest_two_digits(ax: float, digit: str, exponent: int) -> tuple[str, int]:
    """Java prints two digits when a two-digit decimal is nearer than the shortest one.

    That can only happen where doubles are sparse, i.e. for subnormals (`4.9E-324`).
    """
    exact = Fraction(ax)
    best = (abs(int(digit) * Fraction(10) ** exponent - exact), digit, exponent)
    for e in (exponent, exponent - 1):
        for k in range(10, 100):
            candidate = Fraction(k, 10) * Fraction(10) ** e
            if float(candidate) == ax and abs(candidate - exact) < best[0]:
                best = (abs(candidate - exact), str(k).rstrip("0"), e)
    return best[1], best[2]


def int_str(x: int) -> str:
    """`str` of an integer of any size (Python refuses more than 4300 digits by default)."""
    try:
        return str(x)
    except ValueError:
        chunk = 10**1000
        parts = []
        n = abs(x)
        while n:
            n, r = divmod(n, chunk)
            parts.append(r)
        head = str(parts.pop())
        body = "".join(f"{p:01000d}" for p in reversed(parts))
        return ("-" if x < 0 else "") + head + body
