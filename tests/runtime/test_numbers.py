"""Clojure's numeric semantics (runtime/numbers.py), checked against what the JVM answers."""

import math
import sys
from decimal import Decimal as D
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pyjank.runtime import numbers as n
from pyjank.runtime.characters import char
from pyjank.runtime.exceptions import (
    ArithmeticException,
    ClassCastException,
    IllegalArgumentException,
    NullPointerException,
)

MAX = n.LONG_MAX
MIN = n.LONG_MIN
longs = st.integers(MIN, MAX)


def same(a, b):
    """Equal and of the same type (1 and 1.0 are different answers)."""
    return type(a) is type(b) and (a == b or (a != a and b != b))


@pytest.mark.parametrize(
    "op,a,b,expected",
    [
        (n.add, 1, 2, 3),
        (n.add, 1, 2.0, 3.0),
        (n.add, 1, F(1, 2), F(3, 2)),
        (n.add, F(1, 2), F(1, 2), 1),
        (n.add, D("1.5"), 1, D("2.5")),
        (n.add, D("1.5"), 1.0, 2.5),
        (n.add, F(1, 2), D("1"), D("1.5")),
        (n.add, MAX, -1, MAX - 1),
        (n.subtract, 1, 3, -2),
        (n.subtract, 1.5, 1, 0.5),
        (n.multiply, 3, F(1, 3), 1),
        (n.multiply, D("1.10"), D("2"), D("2.20")),
        (n.divide, 1, 2, F(1, 2)),
        (n.divide, 4, 2, 2),
        (n.divide, 6, 4, F(3, 2)),
        (n.divide, -6, 4, F(-3, 2)),
        (n.divide, 1, 2.0, 0.5),
        (n.divide, 1.0, 0, math.inf),
        (n.divide, -1, 0.0, -math.inf),
        (n.divide, 1.0, -0.0, -math.inf),
        (n.divide, 0.0, 0, math.nan),
        (n.divide, D(1), D(4), D("0.25")),
        (n.divide, D("6"), D("2"), D("3")),
        (n.divide, D("1.0"), 4, D("0.25")),
        (n.divide, D("6.00"), 2, D("3.00")),
        (n.quot, 7, 2, 3),
        (n.quot, -7, 2, -3),
        (n.quot, 7.5, 2, 3.0),
        (n.quot, F(7, 2), 1, 3),
        (n.quot, D("7.5"), 2, D("3")),
        (n.rem, -7, 2, -1),
        (n.rem, 7, -2, 1),
        (n.rem, 5.5, 1.1, 0.0),
        (n.rem, F(7, 2), 1, F(1, 2)),
        (n.rem, D("-7.5"), 2, D("-1.5")),
        (n.mod, -7, 2, 1),
        (n.mod, 7, -2, -1),
        (n.mod, -7, -2, -1),
        (n.mod, -7.5, 2, 0.5),
        (n.mod, F(-7, 2), 2, F(1, 2)),
        (n.max_, 1, 2.0, 2.0),
        (n.max_, 2, 2.0, 2.0),
        (n.max_, 1, math.nan, math.nan),
        (n.min_, math.nan, 1, math.nan),
        (n.min_, F(1, 2), 1, F(1, 2)),
    ],
)
def test_binary_ops(op, a, b, expected):
    assert same(op(a, b), expected)


def test_overflow_rule():
    for op, a, b in [(n.add, MAX, 1), (n.subtract, MIN, 1), (n.multiply, MAX, 2)]:
        with pytest.raises(ArithmeticException, match="integer overflow"):
            op(a, b)
    with pytest.raises(ArithmeticException, match="integer overflow"):
        n.inc(MAX)
    with pytest.raises(ArithmeticException, match="integer overflow"):
        n.dec(MIN)
    with pytest.raises(ArithmeticException, match="integer overflow"):
        n.negate(MIN)
    # A BigInt operand makes the result a BigInt (contagion) instead of throwing.
    assert n.add(MAX + 1, 1) == MAX + 2
    assert n.multiply(2**64, 2) == 2**65
    assert n.inc(MAX + 1) == MAX + 2
    assert n.negate(MAX + 1) == MIN


def test_promoting_and_unchecked():
    assert n.add_p(MAX, 1) == MAX + 1
    assert n.multiply_p(MAX, MAX) == MAX * MAX
    assert n.inc_p(MAX) == MAX + 1
    assert n.dec_p(MIN) == MIN - 1
    assert n.negate_p(MIN) == -MIN
    assert n.add_p(1.5, 1) == 2.5
    assert n.unchecked_add(MAX, 1) == MIN
    assert n.unchecked_subtract(MIN, 1) == MAX
    assert n.unchecked_multiply(2**62, 4) == 0
    assert n.unchecked_inc(MAX) == MIN
    assert n.unchecked_dec(MIN) == MAX
    assert n.unchecked_negate(MIN) == MIN
    assert n.unchecked_add(MAX + 1, 1) == MAX + 2  # BigInts are never wrapped


@given(longs, longs)
def test_add_matches_i64_semantics(a, b):
    exact = a + b
    if MIN <= exact <= MAX:
        assert n.add(a, b) == exact
    else:
        with pytest.raises(ArithmeticException):
            n.add(a, b)
    assert MIN <= n.unchecked_add(a, b) <= MAX
    assert (n.unchecked_add(a, b) - exact) % 2**64 == 0


@given(longs, longs.filter(bool))
def test_quot_rem_mod_identities(a, b):
    assert n.add(n.multiply_p(n.quot(a, b), b), n.rem(a, b)) == a
    m = n.mod(a, b)
    assert m == 0 or (m > 0) == (b > 0)
    assert (a - m) % b == 0


def test_division_by_zero():
    for a, b in [(1, 0), (F(1, 2), 0), (1, F(0)), (D(1), 0)]:
        with pytest.raises(ArithmeticException):
            n.divide(a, b)
    with pytest.raises(ArithmeticException, match="Divide by zero"):
        n.divide(1, 0)
    for op in (n.quot, n.rem, n.mod):
        for a, b in [(1, 0), (1.0, 0.0), (F(1, 2), 0), (D(1), D(0))]:
            with pytest.raises(ArithmeticException, match="Divide by zero"):
                op(a, b)


def test_non_terminating_decimal():
    with pytest.raises(ArithmeticException, match="Non-terminating"):
        n.divide(D(1), D(3))
    with pytest.raises(ArithmeticException, match="Non-terminating"):
        n.add(F(1, 3), D(1))


def test_decimals_are_exact():
    big = D("1.0000000000000000000000000000000001")
    assert n.add(big, 1) == D("2.0000000000000000000000000000000001")
    # Python's default 28-digit context would round this product to 1.
    exact = "1.00000000000000000000000000000000020000000000000000000000000000000001"
    assert str(n.multiply(big, big)) == exact
    assert n.negate(D("1.50")) == D("-1.50")
    assert str(n.abs_(D("-1234567890123456789012345678901.5"))) == (
        "1234567890123456789012345678901.5"
    )


def test_non_numbers():
    with pytest.raises(ClassCastException, match="class str cannot be cast to class Number"):
        n.add(1, "a")
    with pytest.raises(ClassCastException, match="class bool"):
        n.add(True, 1)
    with pytest.raises(NullPointerException):
        n.add(1, None)
    with pytest.raises(ClassCastException, match="clojure.lang.Keyword"):
        from pyjank.runtime.symbols import keyword

        n.lt(keyword("a"), 1)
    for f in (n.inc, n.dec, n.negate, n.is_zero, n.pos, n.neg, n.abs_, n.double_):
        with pytest.raises(TypeError):
            f("1")


def test_comparisons():
    assert n.lt(1, 2) and not n.lt(2, 1)
    assert n.lt(1, 1.5) and n.lt(F(1, 2), 0.6) and n.lt(D("0.5"), F(2, 3))
    assert n.lte(1, 1.0) and n.gte(1.0, 1) and n.gt(2**64, 1.0)
    assert not n.lt(math.nan, 1) and not n.gt(math.nan, 1) and not n.lte(1, math.nan)
    assert n.num_equiv(1, 1.0) and n.num_equiv(F(1, 2), 0.5) and n.num_equiv(D("1.0"), 1)
    assert n.num_equiv(D("0.1"), 0.1)  # as doubles, as Clojure compares them
    assert not n.num_equiv(math.nan, math.nan)
    assert not n.num_equiv(1, 2)


def test_predicates():
    assert n.is_zero(0) and n.is_zero(0.0) and n.is_zero(D("0.00")) and not n.is_zero(1)
    assert n.pos(1) and n.neg(-0.5) and not n.pos(0) and not n.pos(math.nan)
    assert n.is_even(2) and n.is_odd(-3) and n.is_even(2**70)
    with pytest.raises(IllegalArgumentException, match="Argument must be an integer: 1.0"):
        n.is_even(1.0)
    with pytest.raises(IllegalArgumentException, match="Argument must be an integer: $"):
        n.is_odd(None)
    assert n.is_number(1) and n.is_number(F(1, 2)) and not n.is_number(True)
    assert not n.is_number(None) and not n.is_number("1")
    assert n.is_integer(2**70) and not n.is_integer(True) and not n.is_integer(1.0)
    assert n.is_int(MAX) and not n.is_int(MAX + 1)
    assert n.is_pos_int(1) and n.is_neg_int(-1) and n.is_nat_int(0) and not n.is_nat_int(-1)
    assert n.is_float(1.0) and n.is_ratio(F(1, 2)) and n.is_decimal(D(1))
    assert n.is_rational(1) and n.is_rational(D(1)) and not n.is_rational(1.0)
    assert n.is_nan(math.nan) and not n.is_nan(1)
    assert n.is_infinite(-math.inf) and not n.is_infinite(2**70)


def test_abs_numerator_rationalize():
    assert n.abs_(-5) == 5 and n.abs_(MIN) == MIN  # Math.abs wraps, as in Clojure
    assert n.abs_(-(2**70)) == 2**70 and same(n.abs_(-0.0), 0.0) and n.abs_(F(-1, 2)) == F(1, 2)
    assert n.numerator(F(2, 3)) == 2 and n.denominator(F(2, 3)) == 3
    with pytest.raises(ClassCastException):
        n.numerator(1)
    assert n.rationalize(0.1) == F(1, 10) and same(n.rationalize(1.0), 1)
    assert n.rationalize(D("1.25")) == F(5, 4) and n.rationalize(3) == 3
    with pytest.raises(IllegalArgumentException):
        n.rationalize(math.inf)


def test_bit_ops():
    assert n.bit_and(12, 10) == 8 and n.bit_or(12, 10) == 14 and n.bit_xor(12, 10) == 6
    assert n.bit_not(0) == -1 and n.bit_and_not(15, 5) == 10
    assert n.bit_shift_left(1, 63) == MIN and n.bit_shift_left(1, 64) == 1
    assert n.bit_shift_right(-8, 1) == -4
    assert n.unsigned_bit_shift_right(-1, 1) == MAX and n.unsigned_bit_shift_right(-1, 0) == -1
    assert n.bit_test(5, 2) and not n.bit_test(5, 1)
    assert n.bit_set(0, 63) == MIN and n.bit_clear(-1, 63) == MAX and n.bit_flip(0, 0) == 1
    with pytest.raises(IllegalArgumentException, match="bit operation not supported"):
        n.bit_and(1.0, 1)
    with pytest.raises(IllegalArgumentException, match="BigInt"):
        n.bit_or(2**64, 1)


def test_coercions():
    assert n.long_(1.9) == 1 and n.long_(-1.9) == -1 and n.long_(F(7, 2)) == 3
    assert n.long_(D("12.5")) == 12 and n.long_(char("a")) == 97 and n.long_(math.nan) == 0
    assert n.long_(2.0**63) == MAX  # Java saturates at the bound it compares with
    with pytest.raises(IllegalArgumentException, match="Value out of range for long: 1.0E20"):
        n.long_(1e20)
    with pytest.raises(IllegalArgumentException, match="for long: 9223372036854775808"):
        n.long_(MAX + 1)
    with pytest.raises(IllegalArgumentException, match="out of range for int"):
        n.int_(2147483647.5)
    assert n.int_(-2147483648) == -(2**31) and n.short_(-5.5) == -5 and n.byte_(127) == 127
    with pytest.raises(IllegalArgumentException):
        n.byte_(128)
    with pytest.raises(NullPointerException):
        n.long_(None)
    with pytest.raises(ClassCastException):
        n.long_("1")
    assert same(n.double_(1), 1.0) and n.double_(10**400) == math.inf
    assert n.double_(-(10**400)) == -math.inf and n.double_(F(1, 4)) == 0.25
    # Clojure's Ratio.doubleValue divides to 16 digits (DECIMAL64) before rounding to a
    # double; the correctly rounded 7381/2520 would be 2.9289682539682538.
    assert (
        n.double_(F(7381, 2520)) == 2.928968253968254 and n.double_(F(-5, 3)) == -1.666666666666667
    )
    assert n.add(0.5, F(7381, 2520)) == 3.428968253968254 and n.double_(F(1, 10**400)) == 0.0
    assert n.double_(F(10**400, -3)) == -math.inf
    with pytest.raises(ClassCastException):
        n.double_(char("a"))
    with pytest.raises(IllegalArgumentException, match="out of range for float"):
        n.float_(1e39)
    assert n.bigint(1.9) == 1 and n.bigint(F(-7, 2)) == -3 and n.bigint(D("1e3")) == 1000
    assert str(n.bigdec(1e10)) == "1.0E+10" and n.bigdec(0.1) == D("0.1")
    assert n.bigdec(F(1, 4)) == D("0.25") and n.bigdec(3) == D(3)
    assert n.num(1) == 1


@pytest.mark.parametrize(
    "x,text",
    [
        (1.0, "1.0"),
        (-0.0, "-0.0"),
        (0.001, "0.001"),
        (0.0005, "5.0E-4"),
        (9999999.0, "9999999.0"),
        (1e7, "1.0E7"),
        (1e10, "1.0E10"),
        (1.5e16, "1.5E16"),
        (12345678.9, "1.23456789E7"),
        (1e-5, "1.0E-5"),
        (1e23, "1.0E23"),
        (1.7976931348623157e308, "1.7976931348623157E308"),
        (5e-324, "4.9E-324"),
        (math.inf, "Infinity"),
        (-math.inf, "-Infinity"),
        (math.nan, "NaN"),
    ],
)
def test_double_str_is_javas(x, text):
    assert n.double_str(x) == text


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_double_str_reads_back(x):
    assert float(n.double_str(x)) == x


def test_int_str_beyond_pythons_digit_limit():
    x = -(7**10000)
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        expected = str(x)
    finally:
        sys.set_int_max_str_digits(limit)
    assert n.int_str(x) == expected
