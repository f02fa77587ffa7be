"""cl-format: Common Lisp's FORMAT, as clojure.pprint implements it.

A control string compiles to a list of text pieces and `Directive`s (nested ones hold
their clauses). Execution walks it with an `Args` cursor over the arguments. Output goes
to a pretty writer (the destination's own when it is one), so ~T, ~& and the pretty
printing directives ~W ~_ ~I ~<...~:> know the column.

Directives: ~A ~S ~D ~B ~O ~X ~R ~C ~F ~E ~$ ~% ~& ~| ~~ ~newline ~T ~* ~? ~( ~) ~P
~[ ~; ~] ~{ ~} ~^ ~< ~> ~W ~_ ~I.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from .. import core_vars as cv
from ..characters import Char
from ..exceptions import IllegalArgumentException
from ..printer import pr_str, print_str
from ..seqs import to_iter
from ..vars import bindings
from . import pprint as pp

# -- compiling ------------------------------------------------------------------------------

_PARAM = re.compile(r"([-+]?\d+|'.|[vV]|#)?(,)?", re.S)
_OPENERS = {"[": "]", "{": "}", "(": ")", "<": ">"}
_CLOSERS = frozenset("]})>;")


class Directive:
    """One ~X: its parameters, modifiers and, for ~[ ~{ ~( ~<, its clauses."""

    __slots__ = ("char", "params", "colon", "at", "pos", "clauses", "seps", "end")

    def __init__(self, char: str, params: list[Any], colon: bool, at: bool, pos: int) -> None:
        self.char, self.params, self.colon, self.at, self.pos = char, params, colon, at, pos
        self.clauses: list[list[Any]] = []
        self.seps: list[Directive] = []  # the ~; between clauses
        self.end: Directive | None = None  # the closing directive


class Compiled:
    """A compiled control string (what `formatter` keeps)."""

    __slots__ = ("source", "items")

    def __init__(self, source: str, items: list[Any]) -> None:
        self.source, self.items = source, items


def _fail(message: str, source: str, pos: int) -> IllegalArgumentException:
    return IllegalArgumentException(f"{message}\n{source}\n{' ' * pos}^")


def compile_format(source: Any) -> Compiled:
    """Compile a control string (a Compiled one is returned as is)."""
    if isinstance(source, Compiled):
        return source
    if not isinstance(source, str):
        raise IllegalArgumentException(f"Format control must be a string: {source!r}")
    items, _, stop = _parse(source, 0, None)
    if stop is not None:
        raise _fail(f"Unexpected directive ~{stop.char}", source, stop.pos)
    return Compiled(source, items)


def _parse(source: str, i: int, closer: str | None) -> tuple[list[Any], int, Directive | None]:
    """Items from i up to a ~; or the closer: (items, index after, the stopping directive)."""
    items: list[Any] = []
    n = len(source)
    while i < n:
        j = source.find("~", i)
        if j < 0:
            items.append(source[i:])
            break
        if j > i:
            items.append(source[i:j])
        d, i = _directive(source, j)
        if d.char in _CLOSERS:
            if closer is None or (d.char != ";" and d.char != closer):
                raise _fail(f"Unexpected directive ~{d.char}", source, j)
            return items, i, d
        if d.char in _OPENERS:
            i = _clauses(d, source, i)
        elif d.char not in _HANDLERS and d.char != "\n":
            raise _fail(f"Directive ~{d.char} is not supported", source, j)
        elif d.char == "\n":
            if not d.colon:
                while i < n and source[i] in " \t":
                    i += 1
            if d.at:
                items.append("\n")
            continue
        items.append(d)
    if closer is not None:
        raise _fail(f"Missing ~{closer}", source, n)
    return items, i, None


def _clauses(d: Directive, source: str, i: int) -> int:
    closer = _OPENERS[d.char]
    while True:
        items, i, stop = _parse(source, i, closer)
        d.clauses.append(items)
        assert stop is not None
        if stop.char == closer:
            d.end = stop
            return i
        d.seps.append(stop)


def _directive(source: str, j: int) -> tuple[Directive, int]:
    """The directive at source[j] == "~"."""
    i = j + 1
    params: list[Any] = []
    n = len(source)
    while i < n:
        m = _PARAM.match(source, i)
        token, comma = m.groups()
        if token is None and comma is None:
            break
        params.append(_param(token))
        i = m.end()
        if comma is None:
            break
    colon = at = False
    while i < n and source[i] in ":@":
        if source[i] == ":":
            colon = True
        else:
            at = True
        i += 1
    if i >= n:
        raise _fail("Format string ended in the middle of a directive", source, j)
    return Directive(source[i].upper(), params, colon, at, j), i + 1


def _param(token: str | None) -> Any:
    if token is None:
        return None
    if token[0] == "'":
        return token[1]
    if token in "vV":
        return _V
    if token == "#":
        return _COUNT
    return int(token)


_V: Any = object()
_COUNT: Any = object()

# -- executing ------------------------------------------------------------------------------


class Escape(Exception):
    """~^: leave the enclosing ~{, ~< or the whole format (`whole`: ~:^ in ~:{)."""

    def __init__(self, whole: bool = False) -> None:
        self.whole = whole


class Args:
    """A cursor over the arguments of a format or of an iteration."""

    __slots__ = ("items", "pos")

    def __init__(self, items: list[Any]) -> None:
        self.items, self.pos = items, 0

    def next(self) -> Any:
        if self.pos >= len(self.items):
            raise IllegalArgumentException("Not enough arguments for format definition")
        self.pos += 1
        return self.items[self.pos - 1]

    def remaining(self) -> int:
        return len(self.items) - self.pos


class Context:
    """The state of one execution: the writer and the enclosing iteration's outer args."""

    __slots__ = ("out", "outer")

    def __init__(self, out: Any, outer: Args | None = None) -> None:
        self.out, self.outer = out, outer


def _list(x: Any) -> list[Any]:
    return list(to_iter(x))


def _params(d: Directive, args: Args, defaults: tuple) -> list[Any]:
    """d's parameters, v and # resolved, defaults filled in."""
    out = list(defaults)
    for k, p in enumerate(d.params[: len(defaults)]):
        if p is _V:
            p = args.next()
            if isinstance(p, Char):
                p = p.c
        elif p is _COUNT:
            p = args.remaining()
        if p is not None:
            out[k] = p
    return out


def execute(items: list[Any], args: Args, ctx: Context) -> None:
    out = ctx.out
    for item in items:
        if isinstance(item, str):
            out.write(item)
        else:
            _HANDLERS[item.char](item, args, ctx)


def _truthy(x: Any) -> bool:
    return x is not None and x is not False


# -- printing directives ----------------------------------------------------------------------


def _pad(text: str, mincol: int, colinc: int, minpad: int, padchar: str, left: bool) -> str:
    width = len(text) + minpad
    if width < mincol:
        width += -(-(mincol - width) // colinc) * colinc if colinc > 0 else mincol - width
    fill = padchar * (width - len(text))
    return fill + text if left else text + fill


def _ascii(show: Callable[[Any], str]) -> Callable:
    def handler(d: Directive, args: Args, ctx: Context) -> None:
        mincol, colinc, minpad, padchar = _params(d, args, (0, 1, 0, " "))
        ctx.out.write(_pad(show(args.next()), mincol, colinc, minpad, padchar, d.at))

    return handler


def _group(digits: str, commachar: str, interval: int) -> str:
    head = len(digits) % interval or interval
    parts = [digits[:head]] + [digits[k : k + interval] for k in range(head, len(digits), interval)]
    return commachar.join(parts)


def _write_integer(d: Directive, args: Args, ctx: Context, radix: int, params: list) -> None:
    mincol, padchar, commachar, interval = params
    arg = args.next()
    if type(arg) is not int:
        text = print_str(arg)
    else:
        digits = pp.int_to_base(abs(arg), radix)
        if d.colon:
            digits = _group(digits, commachar, interval)
        sign = "-" if arg < 0 else ("+" if d.at else "")
        text = sign + digits
    ctx.out.write(_pad(text, mincol, 1, 0, padchar, True))


def _integer(radix: int) -> Callable:
    def handler(d: Directive, args: Args, ctx: Context) -> None:
        _write_integer(d, args, ctx, radix, _params(d, args, (0, " ", ",", 3)))

    return handler


_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = ["", "", *"twenty thirty forty fifty sixty seventy eighty ninety".split()]
_ORDINAL_UNITS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
    "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_ORDINAL_TENS = [
    "",
    "",
    *"twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split(),
]
_SCALES = [
    "",
    *(
        "thousand million billion trillion quadrillion quintillion sextillion septillion "
        "octillion nonillion decillion undecillion duodecillion tredecillion "
        "quattuordecillion quindecillion sexdecillion septendecillion octodecillion "
        "novemdecillion vigintillion"
    ).split(),
]


def _below_hundred(n: int, ordinal: bool) -> str:
    if n < 20:
        return (_ORDINAL_UNITS if ordinal else _UNITS)[n]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return (_ORDINAL_TENS if ordinal else _TENS)[tens]
    return f"{_TENS[tens]}-{(_ORDINAL_UNITS if ordinal else _UNITS)[unit]}"


def _below_thousand(n: int, ordinal: bool = False) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{_UNITS[hundreds]} hundred" + ("th" if ordinal and not rest else ""))
    if rest:
        parts.append(_below_hundred(rest, ordinal))
    return " ".join(parts)


def english(n: int, ordinal: bool) -> str:
    """n in English words, as ~R (cardinal) and ~:R (ordinal) print it."""
    if n == 0:
        return "zeroth" if ordinal else "zero"
    groups = []
    m = abs(n)
    while m:
        m, g = divmod(m, 1000)
        groups.append(g)
    if len(groups) > len(_SCALES):
        return str(n) + ("th" if ordinal else "")
    words = []
    for scale, g in reversed(list(enumerate(groups))):
        if g:
            last = ordinal and scale == 0
            words.append(_below_thousand(g, last) + (f" {_SCALES[scale]}" if scale else ""))
    text = ", ".join(words)
    if ordinal and groups[0] == 0:
        text += "th"
    return ("minus " if n < 0 else "") + text


_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]  # fmt: skip
_OLD_ROMAN = [(v, s) for v, s in _ROMAN if len(s) == 1]


def roman(n: int, old: bool) -> str:
    """n in Roman numerals (IV, or IIII when old); decimal outside 1..3999 (4999 old)."""
    if not 0 < n < (5000 if old else 4000):
        return str(n)
    out = []
    for value, letters in _OLD_ROMAN if old else _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _radix(d: Directive, args: Args, ctx: Context) -> None:
    params = _params(d, args, (None, 0, " ", ",", 3))
    if params[0] is not None:
        _write_integer(d, args, ctx, params[0], params[1:])
        return
    arg = args.next()
    if type(arg) is not int:
        text = print_str(arg)
    elif d.at:
        text = roman(arg, d.colon)
    else:
        text = english(arg, d.colon)
    ctx.out.write(text)


_CHAR_NAMES = {"\b": "Backspace", "\t": "Tab", "\n": "Newline", "\r": "Return", " ": "Space"}


def _char(d: Directive, args: Args, ctx: Context) -> None:
    arg = args.next()
    if not isinstance(arg, Char):
        raise IllegalArgumentException(f"~C expects a character: {pr_str(arg)}")
    c = arg.c
    if d.colon:
        name = _CHAR_NAMES.get(c)
        if name is None and ord(c) < 32:
            name = "Control-" + chr(ord(c) + 64)
        elif name is None and ord(c) == 127:
            name = "Control-?"
        ctx.out.write(name or c)
    elif d.at:
        ctx.out.write(pr_str(arg))
    else:
        ctx.out.write(c)


def _plural(d: Directive, args: Args, ctx: Context) -> None:
    if d.colon:
        args.pos = max(0, args.pos - 1)
    one = args.next() == 1
    ctx.out.write(("y" if one else "ies") if d.at else ("" if one else "s"))


# -- numbers -------------------------------------------------------------------------------


def _decimal(x: Any) -> Decimal | None:
    """A real argument as a Decimal of its shortest printed digits, else None."""
    if isinstance(x, bool) or not isinstance(x, (int, float, Fraction, Decimal)):
        return None
    if isinstance(x, Fraction):
        x = float(x)
    if isinstance(x, float):
        if x != x or x in (float("inf"), float("-inf")):
            return None
        return Decimal(repr(x))
    return Decimal(x)


def _fixed(value: Decimal, digits: int | None) -> str:
    """value in positional notation, rounded half-up to digits decimals (when given)."""
    if digits is not None:
        value = value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    text = format(value, "f")
    if "." not in text:
        text += "."
    return text


def _fixed_float(d: Directive, args: Args, ctx: Context) -> None:
    w, dd, k, overflow, padchar = _params(d, args, (None, None, 0, None, " "))
    arg = args.next()
    value = _decimal(arg)
    if value is None:
        ctx.out.write(_pad(print_str(arg), w or 0, 1, 0, padchar, True))
        return
    value = value.scaleb(k)
    sign = "-" if value.is_signed() else ("+" if d.at else "")
    value = abs(value)
    if dd is None and w is not None:
        whole = len(_fixed(value, 0)) - 1
        dd = max(w - len(sign) - whole - 1, 0)
    text = _fixed(value, dd)
    if text.endswith(".") and dd is None:
        text += "0"
    if text.startswith("0.") and w is not None and len(sign) + len(text) > w:
        text = text[1:]
    text = sign + text
    if w is not None and len(text) > w and overflow is not None:
        text = overflow * w
    ctx.out.write(_pad(text, w or 0, 1, 0, padchar, True))


def _exponential(d: Directive, args: Args, ctx: Context) -> None:
    w, dd, e, k, overflow, padchar, exptchar = _params(
        d, args, (None, None, None, 1, None, " ", "E")
    )
    arg = args.next()
    value = _decimal(arg)
    if value is None:
        ctx.out.write(_pad(print_str(arg), w or 0, 1, 0, padchar, True))
        return
    sign = "-" if value.is_signed() else ("+" if d.at else "")
    value = abs(value)
    exponent = value.adjusted() - (k - 1) if value else 0
    mantissa = value.scaleb(-exponent)
    if dd is not None:
        digits = dd - k + 1 if k > 0 else dd
        mantissa = mantissa.quantize(Decimal(1).scaleb(-max(digits, 0)), ROUND_HALF_UP)
        if mantissa >= Decimal(10) ** max(k, 1):  # rounding carried into a new digit
            mantissa, exponent = mantissa.scaleb(-1), exponent + 1
    text = _fixed(mantissa.normalize() if dd is None else mantissa, None)
    if text.endswith("."):
        text += "0"
    exp = str(abs(exponent)).rjust(e or 1, "0")
    text = f"{sign}{text}{exptchar}{'-' if exponent < 0 else '+'}{exp}"
    if w is not None and len(text) > w and overflow is not None:
        text = overflow * w
    ctx.out.write(_pad(text, w or 0, 1, 0, padchar, True))


def _money(d: Directive, args: Args, ctx: Context) -> None:
    dd, n, w, padchar = _params(d, args, (2, 1, 0, " "))
    arg = args.next()
    value = _decimal(arg)
    if value is None:
        ctx.out.write(_pad(print_str(arg), w, 1, 0, padchar, True))
        return
    sign = "-" if value.is_signed() else ("+" if d.at else "")
    text = _fixed(abs(value), dd)
    whole, _, frac = text.partition(".")
    text = whole.rjust(n, "0") + "." + frac
    if d.colon:
        ctx.out.write(sign + text.rjust(w - len(sign), padchar))
    else:
        ctx.out.write((sign + text).rjust(w, padchar))


# -- layout ----------------------------------------------------------------------------------


def _repeat(text: str) -> Callable:
    def handler(d: Directive, args: Args, ctx: Context) -> None:
        ctx.out.write(text * _params(d, args, (1,))[0])

    return handler


def _column(out: Any) -> int:
    return getattr(out, "column", 0)


def _fresh_line(d: Directive, args: Args, ctx: Context) -> None:
    count = _params(d, args, (1,))[0]
    if count > 0:
        if _column(ctx.out) != 0:
            ctx.out.write("\n")
        ctx.out.write("\n" * (count - 1))


def _tabulate(d: Directive, args: Args, ctx: Context) -> None:
    colnum, colinc = _params(d, args, (1, 1))
    current = _column(ctx.out)
    if d.at:
        start = colnum + current
        offset = start % colinc if colinc > 0 else 0
        spaces = colnum + (0 if offset == 0 else colinc - offset)
    elif current < colnum:
        spaces = colnum - current
    else:
        spaces = 0 if colinc == 0 else colinc - (current - colnum) % colinc
    ctx.out.write(" " * spaces)


def _goto(d: Directive, args: Args, ctx: Context) -> None:
    n = _params(d, args, (None,))[0]
    if d.at:
        target = n or 0
    elif d.colon:
        target = args.pos - (1 if n is None else n)
    else:
        target = args.pos + (1 if n is None else n)
    if not 0 <= target <= len(args.items):
        raise IllegalArgumentException("Goto beyond the arguments of the format")
    args.pos = target


def _indirect(d: Directive, args: Args, ctx: Context) -> None:
    sub = compile_format(args.next())
    if d.at:
        execute(sub.items, args, ctx)
    else:
        _run_escapable(sub.items, Args(_list(args.next())), ctx)


def _run_escapable(items: list[Any], args: Args, ctx: Context) -> None:
    try:
        execute(items, args, ctx)
    except Escape:
        pass


# -- case conversion, conditionals, iteration, justification ------------------------------


def _render(items: list[Any], args: Args, ctx: Context) -> tuple[str, Escape | None]:
    """What items print (into a string), and the ~^ that stopped them, if any."""
    buf = io.StringIO()
    try:
        execute(items, args, Context(buf, ctx.outer))
    except Escape as e:
        return buf.getvalue(), e
    return buf.getvalue(), None


_WORD_START = re.compile(r"(?<![A-Za-z0-9])([a-z])")


def _case(d: Directive, args: Args, ctx: Context) -> None:
    text, escape = _render(d.clauses[0], args, ctx)
    if d.colon and d.at:
        text = text.upper()
    elif d.colon:
        text = _WORD_START.sub(lambda m: m.group(1).upper(), text.lower())
    elif d.at:
        text = text.lower()
        m = re.search("[a-z]", text)
        if m:
            text = text[: m.start()] + m.group().upper() + text[m.end() :]
    else:
        text = text.lower()
    ctx.out.write(text)
    if escape is not None:
        raise escape


def _conditional(d: Directive, args: Args, ctx: Context) -> None:
    clauses = d.clauses
    if d.colon:
        if len(clauses) != 2:
            raise IllegalArgumentException("~:[ requires exactly two clauses")
        execute(clauses[1] if _truthy(args.next()) else clauses[0], args, ctx)
        return
    if d.at:
        if len(clauses) != 1:
            raise IllegalArgumentException("~@[ requires exactly one clause")
        if _truthy(args.next()):
            args.pos -= 1
            execute(clauses[0], args, ctx)
        return
    selector = _params(d, args, (None,))[0]
    if selector is None:
        selector = args.next()
    has_default = bool(d.seps) and d.seps[-1].colon
    if isinstance(selector, int) and 0 <= selector < len(clauses) - has_default:
        execute(clauses[selector], args, ctx)
    elif has_default:
        execute(clauses[-1], args, ctx)


def _iteration(d: Directive, args: Args, ctx: Context) -> None:
    limit = _params(d, args, (None,))[0]
    body = d.clauses[0]
    if not body:
        body = compile_format(args.next()).items
    at_least_once = d.end is not None and d.end.colon
    source = args if d.at else Args(_list(args.next()))
    count = 0
    while (limit is None or count < limit) and (
        source.remaining() > 0 or (at_least_once and count == 0)
    ):
        count += 1
        try:
            if d.colon:
                sub = Args(_list(source.next()))
                execute(body, sub, Context(ctx.out, source))
            else:
                execute(body, source, Context(ctx.out, ctx.outer))
        except Escape as e:
            if not d.colon or e.whole:
                return


def _up_and_out(d: Directive, args: Args, ctx: Context) -> None:
    p = [p for p in _params(d, args, (None, None, None)) if p is not None]
    if len(p) == 0:
        scope = ctx.outer if d.colon else args
        stop = scope is not None and scope.remaining() == 0
    elif len(p) == 1:
        stop = p[0] == 0
    elif len(p) == 2:
        stop = p[0] == p[1]
    else:
        stop = p[0] <= p[1] <= p[2]
    if stop:
        raise Escape(d.colon)


def _justify(d: Directive, args: Args, ctx: Context) -> None:
    if d.end is not None and d.end.colon:
        _logical_block(d, args, ctx)
        return
    mincol, colinc, minpad, padchar = _params(d, args, (0, 1, 0, " "))
    segments = []
    for clause in d.clauses:
        text, escape = _render(clause, args, ctx)
        segments.append(text)
        if escape is not None:
            break
    if d.seps and d.seps[0].colon:
        segments = segments[1:]  # the overflow text of ~:; is not supported: dropped
    slots = max(len(segments) - 1, 0) + d.colon + d.at
    if slots == 0:
        slots = 1
    total = sum(len(s) for s in segments)
    width = max(mincol, total + slots * minpad)
    if width > mincol and colinc > 0:
        width = mincol + -(-(width - mincol) // colinc) * colinc
    pad, extra = divmod(width - total, slots)
    fills = [padchar * (pad + (1 if k < extra else 0)) for k in range(slots)]
    out = []
    gaps = iter(fills)
    if d.colon or (len(segments) == 1 and not d.at):
        out.append(next(gaps))
    for k, s in enumerate(segments):
        if k:
            out.append(next(gaps))
        out.append(s)
    out.append("".join(gaps))
    ctx.out.write("".join(out))


def _logical_block(d: Directive, args: Args, ctx: Context) -> None:
    clauses = d.clauses
    if len(clauses) > 3:
        raise IllegalArgumentException("~<...~:> takes at most three clauses")
    prefix = _literal(clauses[0]) if len(clauses) > 1 else ""
    suffix = _literal(clauses[2]) if len(clauses) > 2 else ""
    per_line = d.seps and d.seps[0].at
    body = clauses[1] if len(clauses) > 1 else clauses[0]
    if d.end is not None and d.end.at:
        body = _fill_newlines(body)
    block_args = args if d.at else Args(_list(args.next()))

    def run() -> None:
        _run_escapable(body, block_args, Context(pp.out(), block_args))

    pp.logical_block(None if per_line else prefix, prefix if per_line else None, suffix, run)


def _literal(items: list[Any]) -> str:
    return "".join(x for x in items if isinstance(x, str))


_FILL = Directive("_", [], True, False, -1)


def _fill_newlines(items: list[Any]) -> list[Any]:
    """~:@>: a fill newline after every run of blanks of the literal text."""
    out: list[Any] = []
    for item in items:
        if isinstance(item, str):
            for part in re.split(r"(?<=[ \t])(?=[^ \t])", item):
                out.append(part)
                if part[-1:] in (" ", "\t"):
                    out.append(_FILL)
        else:
            out.append(item)
    return out


def _write(d: Directive, args: Args, ctx: Context) -> None:
    arg = args.next()
    pairs = []
    if d.colon:
        pairs.append((pp.V.pretty, True))
    if d.at:
        pairs += [(cv.PRINT_LEVEL, None), (cv.PRINT_LENGTH, None)]
    with bindings(pairs):
        pp.write_out(arg)


def _conditional_newline(d: Directive, args: Args, ctx: Context) -> None:
    kind = ("mandatory" if d.at else "fill") if d.colon else ("miser" if d.at else "linear")
    out = pp.out()
    if isinstance(out, pp.PrettyWriter):
        out.newline(kind)


def _indent(d: Directive, args: Args, ctx: Context) -> None:
    n = _params(d, args, (0,))[0]
    out = pp.out()
    if isinstance(out, pp.PrettyWriter):
        out.indent("current" if d.colon else "block", n)


_HANDLERS: dict[str, Callable[[Directive, Args, Context], None]] = {
    "A": _ascii(print_str),
    "S": _ascii(pr_str),
    "D": _integer(10),
    "B": _integer(2),
    "O": _integer(8),
    "X": _integer(16),
    "R": _radix,
    "C": _char,
    "P": _plural,
    "F": _fixed_float,
    "E": _exponential,
    "$": _money,
    "%": _repeat("\n"),
    "|": _repeat("\f"),
    "~": _repeat("~"),
    "&": _fresh_line,
    "T": _tabulate,
    "*": _goto,
    "?": _indirect,
    "(": _case,
    "[": _conditional,
    "{": _iteration,
    "^": _up_and_out,
    "<": _justify,
    "W": _write,
    "_": _conditional_newline,
    "I": _indent,
}


def cl_format(writer: Any, control: Any, args: Any) -> str | None:
    """`(cl-format writer control & args)`: to a string (writer nil), to *out* (true) or
    to writer; the string when writer is nil, else nil."""
    compiled = compile_format(control)
    target = io.StringIO() if writer is None or writer is False else writer
    if target is True:
        target = cv.OUT.deref()

    def body() -> None:
        argv = Args(_list(args))
        _run_escapable(compiled.items, argv, Context(pp.out(), None))

    pp.with_pretty_writer(target, body)
    return target.getvalue() if writer is None or writer is False else None
