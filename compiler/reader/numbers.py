"""Number literals, with exactly the syntax of Clojure's LispReader.

The three patterns are Clojure's own (`intPat`, `ratioPat`, `floatPat`), so the set of
accepted tokens and their values match the JVM reader: `017` is octal, `09` is invalid,
`2r1010` is radix 2, `1/2` is a ratio, `1.5M` a BigDecimal, `1N` a BigInt (a Python int).
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from .errors import LiteralError, clip

_INT = re.compile(
    r"([-+]?)(?:(0)|([1-9][0-9]*)|0[xX]([0-9A-Fa-f]+)|0([0-7]+)"
    r"|([1-9][0-9]?)[rR]([0-9A-Za-z]+)|0[0-9]+)(N)?"
)
_RATIO = re.compile(r"([-+]?[0-9]+)/([0-9]+)")
_FLOAT = re.compile(r"[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?(M)?")

Number = int | float | Fraction | Decimal


def parse_number(token: str) -> Number:
    """The value of a number token; raises LiteralError("Invalid number: ...") otherwise."""
    try:
        value = _parse(token)
    except (ValueError, ArithmeticError):
        # int() rejects digits outside the radix and decimal strings over 4300 digits;
        # Fraction rejects a zero denominator; Decimal rejects absurd exponents.
        value = None
    if value is None:
        raise LiteralError(f"Invalid number: {clip(token)}")
    return value


def _parse(token: str) -> Number | None:
    m = _INT.fullmatch(token)
    if m is not None:
        if m.group(2) is not None:
            return 0
        for digits, radix in ((3, 10), (4, 16), (5, 8)):
            if m.group(digits) is not None:
                n = int(m.group(digits), radix)
                break
        else:
            if m.group(7) is None:
                return None  # a decimal literal with a leading zero, like 09
            n = int(m.group(7), int(m.group(6)))
        return -n if m.group(1) == "-" else n
    m = _FLOAT.fullmatch(token)
    if m is not None:
        if m.group(1) is not None:
            return Decimal(token[:-1])
        return float(token)
    m = _RATIO.fullmatch(token)
    if m is not None:
        ratio = Fraction(int(m.group(1)), int(m.group(2)))
        return ratio.numerator if ratio.denominator == 1 else ratio
    return None
