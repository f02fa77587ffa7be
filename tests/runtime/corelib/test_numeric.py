from decimal import Decimal
from fractions import Fraction

import pytest

from pyjank.runtime.exceptions import ArithmeticException, IllegalArgumentException

from ._support import core

LONG_MAX = (1 << 63) - 1
LONG_MIN = -(1 << 63)


def test_plus_arities():
    plus = core("+")
    assert plus() == 0
    assert plus(5) == 5
    assert plus(1, 2) == 3
    assert plus(1, 2, 3, 4) == 10
    assert plus(1, 2.5) == 3.5
    assert (
        plus(Fraction(1, 2), Fraction(1, 2)) == 1
        and type(plus(Fraction(1, 2), Fraction(1, 2))) is int
    )
    assert plus(None) is None  # (+ nil) is (cast Number nil)
    with pytest.raises(TypeError):
        plus(1, None)
    with pytest.raises(TypeError):
        plus("a")


def test_plus_overflow_and_promotion():
    with pytest.raises(ArithmeticException, match="integer overflow"):
        core("+")(LONG_MAX, 1)
    with pytest.raises(ArithmeticException):
        core("+")(1, 2, LONG_MAX)
    with pytest.raises(ArithmeticException):
        core("+")(LONG_MAX - 1, 1, 1)  # the three-long inline path checks its sum too
    assert core("+")(LONG_MAX - 1, 1, -1) == LONG_MAX - 1
    assert core("+")(1, 2, 3) == 6 and core("+")(1, 2, 3.5) == 6.5
    assert core("+")(1, 2, Fraction(1, 2)) == Fraction(7, 2)
    assert core("+")(1 << 70, 1, 1) == (1 << 70) + 2
    with pytest.raises(TypeError):
        core("+")(1, 2, None)
    assert core("+'")(LONG_MAX, 1) == LONG_MAX + 1
    assert core("+'")() == 0
    assert core("+")(1 << 70, 1) == (1 << 70) + 1  # BigInt contagion
    assert core("unchecked-add")(LONG_MAX, 1) == LONG_MIN


def test_minus_times_divide():
    minus, times, div = core("-"), core("*"), core("/")
    assert minus(5) == -5
    assert minus(10, 1, 2) == 7
    with pytest.raises(TypeError):
        minus()
    with pytest.raises(ArithmeticException):
        minus(LONG_MIN)
    assert core("-'")(LONG_MIN) == -LONG_MIN
    assert times() == 1
    assert times(2, 3, 4) == 24
    with pytest.raises(ArithmeticException):
        times(LONG_MAX, 2)
    assert core("*'")(LONG_MAX, 2) == LONG_MAX * 2
    assert div(1, 2) == Fraction(1, 2)
    assert div(4, 2) == 2 and type(div(4, 2)) is int
    assert div(2) == Fraction(1, 2)
    assert div(12, 2, 3) == 2
    assert div(1.0, 0) == float("inf")
    with pytest.raises(ArithmeticException, match="Divide by zero"):
        div(1, 0)
    with pytest.raises(TypeError):
        div()


def test_quot_rem_mod():
    assert core("quot")(7, 2) == 3
    assert core("quot")(-7, 2) == -3
    assert core("rem")(-7, 2) == -1
    assert core("mod")(-7, 2) == 1
    assert core("mod")(7, -2) == -1
    assert core("mod")(5.5, 2) == 1.5
    with pytest.raises(ArithmeticException):
        core("quot")(1, 0)


def test_inc_dec():
    assert core("inc")(1) == 2
    assert core("dec")(1) == 0
    assert core("inc")(1.5) == 2.5
    with pytest.raises(ArithmeticException):
        core("inc")(LONG_MAX)
    with pytest.raises(ArithmeticException):
        core("dec")(LONG_MIN)
    assert core("inc'")(LONG_MAX) == LONG_MAX + 1
    assert core("dec'")(LONG_MIN) == LONG_MIN - 1
    assert core("unchecked-inc")(LONG_MAX) == LONG_MIN
    assert core("unchecked-dec")(LONG_MIN) == LONG_MAX
    assert core("unchecked-negate")(LONG_MIN) == LONG_MIN
    assert core("unchecked-subtract")(LONG_MIN, 1) == LONG_MAX
    assert core("unchecked-multiply")(LONG_MAX, 2) == -2
    with pytest.raises(TypeError):
        core("inc")(None)


def test_equality():
    eq = core("=")
    assert eq(1) is True
    assert eq(1, 1) is True
    assert eq(1, 1.0) is False
    assert eq(1, 1, 1) is True
    assert eq(1, 1, 2) is False
    assert eq(None, None) is True
    assert eq(core("vector")(1, 2), core("list")(1, 2)) is True
    with pytest.raises(TypeError):
        eq()
    assert core("not=")(1, 2) is True
    assert core("not=")(1) is False
    assert core("not=")(1, 1, 1) is False
    assert core("not=")(1, 1, 2) is True
    assert core("==")(1, 1.0) is True
    assert core("==")(1, Fraction(2, 2), 1.0) is True
    assert core("==")(1) is True
    assert core("==")(1, 2) is False


def test_comparisons():
    lt, gt, le, ge = core("<"), core(">"), core("<="), core(">=")
    assert lt(1) is True
    assert lt(1, 2) is True
    assert lt(1, 2, 3) is True
    assert lt(1, 3, 2) is False
    assert lt(1, 1) is False
    assert le(1, 1, 2) is True
    assert gt(3, 2, 1) is True
    assert gt(3, 2, 2) is False
    assert ge(3, 3, 1) is True
    assert lt(1, 1.5, Fraction(7, 4), Decimal("2")) is True
    with pytest.raises(TypeError):
        lt()
    with pytest.raises(TypeError):
        lt(1, None)
    with pytest.raises(TypeError):
        lt("a", "b")


def test_min_max():
    assert core("max")(1) == 1
    assert core("max")(1, 3, 2) == 3
    assert core("min")(3, 1, 2) == 1
    assert core("max")(1, 2.0) == 2.0
    nan = core("max")(1, float("nan"), 2)
    assert nan != nan


def test_predicates():
    assert core("zero?")(0) and core("zero?")(0.0) and not core("zero?")(1)
    assert core("pos?")(1) and core("neg?")(-1) and not core("pos?")(0)
    assert core("even?")(2) and core("odd?")(3)
    with pytest.raises(IllegalArgumentException):
        core("even?")(1.0)
    with pytest.raises(TypeError):
        core("zero?")(None)
    assert core("number?")(1) and core("number?")(1.5) and not core("number?")(True)
    assert core("integer?")(1 << 80) and not core("integer?")(1.0) and not core("integer?")(True)
    assert core("int?")(1) and not core("int?")(1 << 80)
    assert core("float?")(1.0) and core("double?")(1.0) and not core("float?")(1)
    assert core("ratio?")(Fraction(1, 2)) and not core("ratio?")(1)
    assert (
        core("rational?")(Fraction(1, 2)) and core("rational?")(1) and core("rational?")(Decimal(1))
    )
    assert not core("rational?")(1.0)
    assert core("decimal?")(Decimal("1.5")) and not core("decimal?")(1.5)
    assert core("nat-int?")(0) and core("pos-int?")(1) and core("neg-int?")(-1)
    assert core("NaN?")(float("nan")) and core("infinite?")(float("-inf"))


def test_abs():
    assert core("abs")(-3) == 3
    assert core("abs")(-2.5) == 2.5
    assert core("abs")(Fraction(-1, 2)) == Fraction(1, 2)
    assert core("abs")(LONG_MIN) == LONG_MIN


def test_bit_operations():
    assert core("bit-and")(12, 10) == 8
    assert core("bit-and")(15, 7, 3) == 3
    assert core("bit-or")(12, 10, 1) == 15
    assert core("bit-xor")(12, 10) == 6
    assert core("bit-and-not")(15, 1) == 14
    assert core("bit-not")(0) == -1
    assert core("bit-shift-left")(1, 63) == LONG_MIN
    assert core("bit-shift-left")(1, 64) == 1  # shift distance mod 64, as Java
    assert core("bit-shift-right")(-8, 1) == -4
    assert core("unsigned-bit-shift-right")(-1, 60) == 15
    assert core("bit-test")(5, 2) is True and core("bit-test")(5, 1) is False
    assert core("bit-set")(0, 3) == 8
    assert core("bit-clear")(15, 0) == 14
    assert core("bit-flip")(5, 0) == 4
    with pytest.raises(IllegalArgumentException):
        core("bit-and")(1.0, 1)
    with pytest.raises(TypeError):
        core("bit-and")(1)


def test_coercions():
    assert core("long")(3.9) == 3
    assert core("long")(-3.9) == -3
    assert core("int")(Fraction(7, 2)) == 3
    assert core("int")(core("char")(97)) == 97
    with pytest.raises(IllegalArgumentException):
        core("int")(1 << 40)
    with pytest.raises(IllegalArgumentException):
        core("long")(1 << 70)
    assert core("double")(1) == 1.0 and type(core("double")(1)) is float
    assert core("num")(1) == 1
    with pytest.raises(TypeError):
        core("num")("1")
    assert core("bigint")(3.7) == 3
    assert core("bigdec")(1.5) == Decimal("1.5")
    assert core("rationalize")(0.1) == Fraction(1, 10)
    assert core("rationalize")(1.0) == 1 and type(core("rationalize")(1.0)) is int
    assert core("numerator")(Fraction(2, 3)) == 2
    assert core("denominator")(Fraction(2, 3)) == 3
    with pytest.raises(TypeError):
        core("numerator")(1)


def test_rand():
    for _ in range(100):
        r = core("rand")()
        assert 0 <= r < 1
        r = core("rand")(10)
        assert 0 <= r < 10
        i = core("rand-int")(5)
        assert type(i) is int and 0 <= i < 5


def test_docstrings_are_recorded():
    from pyjank.runtime.namespaces import CORE_NS
    from pyjank.runtime.symbols import keyword

    meta = CORE_NS.find_interned_var("+").meta()
    assert "sum" in meta.val_at(keyword("doc"))
