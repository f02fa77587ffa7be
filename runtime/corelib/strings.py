"""Strings and names: `str`, `subs`, `name`, `symbol`, `keyword`, `gensym`, `format`,
`char`, `parse-long`, ... (the regex fns are in regexes.py)."""

from __future__ import annotations

import math
import re
import uuid as _uuid
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from typing import Any

from .. import symbols as sy
from ..characters import Char
from ..characters import char as _char
from ..exceptions import (
    IllegalArgumentException,
    IndexOutOfBoundsException,
    cast_error,
)
from ..interfaces import Named
from ..numbers import double_str
from ..printer import str_ as _str1
from ..symbols import Keyword, Symbol, next_id
from ..vars import Var
from .registry import core

_NONE: Any = object()


@core("str")
def str_(x: Any = "", *more: Any) -> str:
    """With no args, returns the empty string. With one arg x, returns x.toString(). (str nil)
    returns the empty string. With more than one arg, returns the concatenation of the str
    values of the args."""
    if not more:
        return x if type(x) is str else _str1(x)
    parts = [x if type(x) is str else _str1(x)]
    for y in more:
        parts.append(y if type(y) is str else _str1(y))
    return "".join(parts)


@core("subs")
def subs(s: str, start: int, end: Any = _NONE) -> str:
    """Returns the substring of s beginning at start inclusive, and ending at end (defaults to
    length of string), exclusive."""
    if type(s) is not str:
        raise cast_error(s, "java.lang.String")
    n = len(s)
    if end is _NONE:
        end = n
    if not (0 <= start <= end <= n):
        raise IndexOutOfBoundsException(f"begin {start}, end {end}, length {n}")
    return s[start:end]


@core("name")
def name(x: Any) -> str:
    """Returns the name String of a string, symbol or keyword."""
    if type(x) is str:
        return x
    if isinstance(x, Named):
        return x.name
    raise cast_error(x, "clojure.lang.Named")


@core("namespace")
def namespace(x: Any) -> str | None:
    """Returns the namespace String of a symbol or keyword, or nil if not present."""
    if isinstance(x, Named):
        return x.ns
    raise cast_error(x, "clojure.lang.Named")


@core("symbol")
def symbol(a: Any, b: Any = _NONE) -> Symbol:
    """Returns a Symbol with the given namespace and name. Arity-1 works on strings, keywords,
    and vars."""
    if b is not _NONE:
        if b is None:
            raise cast_error(None, "java.lang.String")
        return Symbol(a, b)
    if type(a) is Symbol:
        return a
    if type(a) is str:
        return sy.symbol(a)
    if type(a) is Keyword:
        return a.sym
    if isinstance(a, Var):
        return a.to_symbol()
    raise IllegalArgumentException("no conversion to symbol")


@core("keyword")
def keyword(a: Any, b: Any = _NONE) -> Keyword | None:
    """Returns a Keyword with the given namespace and name. Do not use : in the keyword
    strings, it will be added automatically. With one arg, returns nil for anything but a
    keyword, symbol or string."""
    if b is not _NONE:
        return sy.keyword(a, b)
    if type(a) is Keyword:
        return a
    if type(a) is Symbol:
        return sy.keyword(a.ns, a.name)
    if type(a) is str:
        return sy.keyword(a)
    return None


@core("find-keyword")
def find_keyword(a: Any, b: Any = _NONE) -> Keyword | None:
    """Returns a Keyword with the given namespace and name if one already exists."""
    if b is not _NONE:
        return sy.find_keyword(a, b)
    if type(a) is Keyword:
        return a
    if type(a) is Symbol:
        return sy.find_keyword(a.ns, a.name)
    s = sy.symbol(a)
    return sy.find_keyword(s.ns, s.name)


@core("gensym")
def gensym(prefix: Any = "G__") -> Symbol:
    """Returns a new symbol with a unique name. If a prefix string is supplied, the name is
    prefix# where # is some unique number. If prefix is not supplied, the prefix is 'G__'."""
    return Symbol(None, f"{_str1(prefix)}{next_id()}")


@core("char")
def char(x: Any) -> Char:
    """Coerce to char (from a code point or a character)."""
    if type(x) is Char:
        return x
    if isinstance(x, int) and not isinstance(x, bool):
        if not 0 <= x <= 0x10FFFF:
            raise IllegalArgumentException(f"Value out of range for char: {x}")
        return _char(x)
    if isinstance(x, float | Fraction | Decimal):
        return char(int(x))
    if type(x) is str and len(x) == 1:
        return _char(x)
    raise cast_error(x, "java.lang.Character")


@core("char-escape-string")
def char_escape_string(c: Char) -> str | None:
    """Returns escape string for char or nil if none."""
    return _CHAR_ESCAPES.get(c.c)


_CHAR_ESCAPES = {
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
    "\f": "\\f",
    "\b": "\\b",
}


@core("char-name-string")
def char_name_string(c: Char) -> str | None:
    """Returns name string for char or nil if none."""
    from ..characters import CHAR_NAMES

    return CHAR_NAMES.get(c.c)


# -- parsing -----------------------------------------------------------------------------

_LONG_RE = re.compile(r"[+-]?[0-9]+\Z")
_DOUBLE_RE = re.compile(r"\s*[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)[fFdD]?)\s*\Z")


@core("parse-long")
def parse_long(s: Any) -> int | None:
    """Parse string of decimal digits with optional leading -/+ and return a long, or nil if
    parse fails."""
    if type(s) is not str:
        raise IllegalArgumentException(f"Expected string, got {_type_name(s)}")
    if not _LONG_RE.match(s):
        return None
    v = int(s)
    return v if -(1 << 63) <= v < (1 << 63) else None


@core("parse-double")
def parse_double(s: Any) -> float | None:
    """Parse string with floating point components and return a double, or nil if parse
    fails."""
    if type(s) is not str:
        raise IllegalArgumentException(f"Expected string, got {_type_name(s)}")
    m = _DOUBLE_RE.match(s)
    if not m:
        return None
    text = s.strip().rstrip("fFdD") if m.group(1) not in ("NaN", "Infinity") else s.strip()
    if text.lstrip("+-") == "Infinity":
        return -math.inf if text.startswith("-") else math.inf
    return float(text)


@core("parse-boolean")
def parse_boolean(s: Any) -> bool | None:
    """Parse strings "true" or "false" and return a boolean, or nil if invalid."""
    if type(s) is not str:
        raise IllegalArgumentException(f"Expected string, got {_type_name(s)}")
    return {"true": True, "false": False}.get(s)


@core("parse-uuid")
def parse_uuid(s: Any) -> _uuid.UUID | None:
    """Parse a string representing a UUID and return a UUID instance, or nil if parse
    fails."""
    if type(s) is not str:
        raise IllegalArgumentException(f"Expected string, got {_type_name(s)}")
    if not re.fullmatch(
        r"[0-9a-fA-F]{1,8}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4}-"
        r"[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,12}",
        s,
    ):
        return None
    parts = s.split("-")
    widths = (8, 4, 4, 4, 12)
    return _uuid.UUID("-".join(p.rjust(w, "0") for p, w in zip(parts, widths, strict=True)))


@core("random-uuid")
def random_uuid() -> _uuid.UUID:
    """Returns a pseudo-randomly generated UUID instance (i.e. type 4)."""
    return _uuid.uuid4()


def _type_name(x: Any) -> str:
    from ..exceptions import class_name

    return "nil" if x is None else class_name(type(x))


# -- format ------------------------------------------------------------------------------

_SPEC = re.compile(r"%(?:(\d+)\$|(<))?([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])")


def _jbool(x: Any) -> str:
    return "false" if x is None or x is False else "true"


def _format_one(conv: str, flags: str, width: str | None, prec: str | None, arg: Any) -> str:
    upper = conv.isupper() and conv not in "%"
    c = conv.lower()
    if c == "s":
        text = "null" if arg is None else _str1(arg)
        if prec is not None:
            text = text[: int(prec)]
    elif c == "b":
        text = _jbool(arg)
        if prec is not None:
            text = text[: int(prec)]
    elif c == "c":
        if arg is None:
            text = "null"
        elif type(arg) is Char:
            text = arg.c
        elif isinstance(arg, int):
            text = chr(arg)
        else:
            raise IllegalArgumentException(f"c != {_type_name(arg)}")
    elif c == "h":
        from ..equality import hasheq

        text = "null" if arg is None else format(hasheq(arg) & 0xFFFFFFFF, "x")
    elif c in "dox":
        if arg is None:
            text = "null"
        else:
            if not isinstance(arg, int) or isinstance(arg, bool):
                raise IllegalArgumentException(f"{conv} != {_type_name(arg)}")
            if c != "d" and arg < 0 and -(1 << 63) <= arg:
                arg += 1 << 64  # Java prints a negative long in two's complement
            spec = "".join(f for f in "+ " if f in flags)
            if "0" in flags and width:
                spec += "0" + width
            if "," in flags and c == "d":
                spec += ","
            spec += c
            if "#" in flags and c != "d":
                spec = "#" + spec
            text = format(arg, spec)
            if "(" in flags and arg < 0:
                text = "(" + text.lstrip("-") + ")"
    elif c in "efga":
        if arg is None:
            text = "null"
        else:
            if not isinstance(arg, int | float | Fraction | Decimal) or isinstance(arg, bool):
                raise IllegalArgumentException(f"{conv} != {_type_name(arg)}")
            if isinstance(arg, Fraction):
                raise IllegalArgumentException(f"{conv} != clojure.lang.Ratio")
            if isinstance(arg, int) and not isinstance(arg, Decimal):
                raise IllegalArgumentException(f"{conv} != java.lang.Long")
            if c == "a":
                text = float.hex(float(arg))
            elif isinstance(arg, float) and not math.isfinite(arg):
                text = "NaN" if arg != arg else ("Infinity" if arg > 0 else "-Infinity")
            else:
                text = _format_decimal(c, flags, width, 6 if prec is None else int(prec), arg)
            if "(" in flags and text.startswith("-"):
                text = "(" + text[1:] + ")"
    else:
        raise IllegalArgumentException(f"Conversion = '{conv}'")
    if upper:
        text = text.upper()
    if width is not None and len(text) < int(width):
        text = text.ljust(int(width)) if "-" in flags else text.rjust(int(width))
    return text


def _format_decimal(c: str, flags: str, width: str | None, prec: int, x: float | Decimal) -> str:
    """%f, %e and %g as java.util.Formatter does them: a double from the digits of its
    shortest representation (Double.toString), a BigDecimal exactly, rounded HALF_UP (so
    `(format "%.2f" 1.005)` is "1.01" and `(format "%.0f" 2.5)` is "3", not Python's
    round-half-even of the binary value)."""
    d = Decimal(double_str(x)) if isinstance(x, float) else x
    ctx = Context(prec=max(d.adjusted(), 0) + prec + 8, Emax=MAX_EMAX, Emin=MIN_EMIN)
    if c == "g":
        prec = prec or 1
        if d:
            d = _round_significant(d, prec, ctx)
        if not d or Decimal("1e-4") <= abs(d) < Decimal(10) ** prec:
            c, prec = "f", prec - 1 - (d.adjusted() if d else 0)
        else:
            c, prec = "e", prec - 1
    sign = "-" if d.is_signed() else "+" if "+" in flags else " " if " " in flags else ""
    d = abs(d)
    if c == "f":
        q = d.quantize(Decimal(1).scaleb(-prec), ROUND_HALF_UP, ctx)
        body = format(q, ",f" if "," in flags else "f")
    else:
        r = _round_significant(d, prec + 1, ctx) if d else d
        e = r.adjusted() if r else 0
        mant = r.scaleb(-e, ctx).quantize(Decimal(1).scaleb(-prec), ROUND_HALF_UP, ctx)
        body = f"{mant:f}e{'-' if e < 0 else '+'}{abs(e):02d}"
    if "0" in flags and width is not None:
        body = body.rjust(int(width) - len(sign), "0")
    return sign + body


def _round_significant(d: Decimal, digits: int, ctx: Context) -> Decimal:
    return d.quantize(Decimal(1).scaleb(d.adjusted() - digits + 1), ROUND_HALF_UP, ctx)


@core("format")
def format_(fmt: str, *args: Any) -> str:
    """Formats a string using java.lang.String.format, see java.util.Formatter for format
    string syntax: %s %d %x %o %f %e %g %c %b %h %n %% with flags, width, precision and
    argument indexes (%2$s, %<s), mapped onto Python's formatting."""
    out: list[str] = []
    pos = 0
    ordinary = 0
    last = -1
    for m in _SPEC.finditer(fmt):
        out.append(fmt[pos : m.start()])
        pos = m.end()
        index, relative, flags, width, prec, conv = m.groups()
        if conv == "%":
            out.append(_pad("%", flags, width))
            continue
        if conv == "n":
            out.append("\n")
            continue
        if relative:
            i = last
        elif index is not None:
            i = int(index) - 1
        else:
            i = ordinary
            ordinary += 1
        if not 0 <= i < len(args):
            spec = m.group(0)
            raise IllegalArgumentException(f"Format specifier '{spec}' has no argument")
        last = i
        out.append(_format_one(conv, flags, width, prec, args[i]))
    rest = fmt[pos:]
    if "%" in rest:
        raise IllegalArgumentException(f"Unknown format conversion in: {rest!r}")
    out.append(rest)
    return "".join(out)


def _pad(text: str, flags: str, width: str | None) -> str:
    if width is not None and len(text) < int(width):
        return text.ljust(int(width)) if "-" in flags else text.rjust(int(width))
    return text
