"""The java.lang (and a few java.util) classes portable Clojure code names, as Python classes.

A JVM class that stands for a Python type (`Long` for `int`, `String` for `str`) is a
`JvmClass`: a Python class whose instance and subclass checks answer for its host types, that
compares and hashes equal to its single host type (so `(= Long (class 1))`, a protocol
extended to `Long` and a multimethod keyed by `Long` all see `int`), that constructs host
values (`(Long. "5")` is `int("5")`), and that carries the static members (`Long/MAX_VALUE`,
`Integer/parseInt`, `Math/abs`, `Character/isDigit`) with their Java semantics.
"""

from __future__ import annotations

import functools
import math
import numbers as pynumbers
import os
import random
import re
import sys
import tempfile
import threading
import time
import types
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from . import numbers as num
from .characters import Char, char
from .exceptions import (
    ArithmeticException,
    IllegalArgumentException,
    NullPointerException,
    register_class_name,
)
from .interfaces import IFn

# Python's fn types; compiled pyjank fns with metadata and the native tier's fns mark their
# classes with `_pyjank_fn` instead.
FN_TYPES: tuple[type, ...] = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    types.BuiltinMethodType,
    functools.partial,
)


class JvmClass(type):
    """Metaclass of the classes standing for host types (`hosts`).

    `base` is the class a `deftype` naming this class inherits (None: methods only).
    """

    hosts: tuple[type, ...]
    base: type | None

    def __new__(
        mcs,
        name: str,
        bases: tuple[type, ...],
        ns: dict[str, Any],
        *,
        jvm: str,
        hosts: tuple[type, ...] = (),
        base: type | None = None,
    ) -> JvmClass:
        package, _, simple = jvm.rpartition(".")
        # Named through __module__/__qualname__, not register_class_name: the class equals
        # its host type, so a registered name would also rename the host.
        cls = super().__new__(
            mcs, name, bases, {**ns, "__module__": package, "__qualname__": simple}
        )
        cls.hosts = hosts
        cls.base = base
        return cls

    def __init__(cls, name: str, bases: tuple[type, ...], ns: dict[str, Any], **_: Any) -> None:
        super().__init__(name, bases, ns)

    def admits(cls, sub: type) -> bool:
        """Whether values of Python type `sub` are instances of this JVM class."""
        return issubclass(sub, cls.hosts)

    def __instancecheck__(cls, x: Any) -> bool:
        return cls.__subclasscheck__(type(x))

    def __subclasscheck__(cls, sub: type) -> bool:
        if sub is cls:
            return True
        if isinstance(sub, JvmClass):
            return bool(sub.hosts) and all(cls.__subclasscheck__(h) for h in sub.hosts)
        if sub is bool and bool not in cls.hosts:
            return False  # Python's bool is an int; Java's Boolean is no Number
        return cls.admits(sub)

    def __eq__(cls, other: object) -> bool:
        if cls is other:
            return True
        if len(cls.hosts) != 1:
            return False
        if isinstance(other, JvmClass):
            return len(other.hosts) == 1 and other.hosts[0] is cls.hosts[0]
        return other is cls.hosts[0]

    def __hash__(cls) -> int:
        return hash(cls.hosts[0]) if len(cls.hosts) == 1 else id(cls) >> 4

    def __call__(cls, *args: Any) -> Any:
        """`(Long. "5")`: construct a host value."""
        return cls.construct(*args)

    def construct(cls, *args: Any) -> Any:
        if not cls.hosts:
            raise TypeError(f"Can't instantiate {cls.__name__}")
        return cls.hosts[0](*args)


def host_class(cls: type) -> type:
    """The Python type a single-host JvmClass stands for; any other class itself."""
    if isinstance(cls, JvmClass) and len(cls.hosts) == 1:
        return cls.hosts[0]
    return cls


def host_types(cls: type) -> tuple[type, ...]:
    """The Python types whose values are instances of `cls`."""
    return cls.hosts if isinstance(cls, JvmClass) else (cls,)


def mro(cls: type) -> tuple[type, ...]:
    """`cls.__mro__`, except that bool is no int (Java's Boolean is no Long)."""
    return (bool, object) if cls is bool else cls.__mro__


def is_subclass(child: type, parent: type) -> bool:
    """`issubclass` with JVM semantics for bool: only a Boolean (and an Object)."""
    if child is bool and not isinstance(parent, JvmClass):
        return parent is bool or parent is object
    return issubclass(child, parent)


def bases(cls: type) -> tuple[type, ...]:
    """`(bases c)`: the direct superclasses."""
    cls = host_class(cls)
    return (object,) if cls is bool else tuple(cls.__bases__)


def supers(cls: type) -> tuple[type, ...]:
    """`(supers c)`: every superclass, nearest first."""
    return mro(host_class(cls))[1:]


class NumberFormatException(IllegalArgumentException):
    """A string that does not parse as the number asked for."""


class InterruptedException(Exception):
    """java.lang.InterruptedException (nothing in pyjank raises it; code catches it)."""


register_class_name(NumberFormatException, "java.lang.NumberFormatException")
register_class_name(InterruptedException, "java.lang.InterruptedException")


def _nfe(s: Any, radix: int = 10) -> NumberFormatException:
    if s is None:
        return NumberFormatException("Cannot parse null string: null")
    suffix = "" if radix == 10 else f" under radix {radix}"
    return NumberFormatException(f'For input string: "{s}"{suffix}')


_INT_SYNTAX = re.compile(r"[+-]?[0-9A-Za-z]+")


def _unsigned_digits(x: int, bits: int, shift: int, digits: str) -> str:
    """Java's toHexString / toOctalString / toBinaryString: the two's complement, unsigned."""
    x &= (1 << bits) - 1
    if x == 0:
        return "0"
    out = []
    mask = (1 << shift) - 1
    while x:
        out.append(digits[x & mask])
        x >>= shift
    return "".join(reversed(out))


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _radix_str(x: int, radix: int) -> str:
    if not 2 <= radix <= 36:
        radix = 10
    if x == 0:
        return "0"
    n = abs(x)
    out = []
    while n:
        n, d = divmod(n, radix)
        out.append(_DIGITS[d])
    return ("-" if x < 0 else "") + "".join(reversed(out))


def _integer_statics(bits: int, parse_name: str) -> dict[str, Any]:
    """The statics shared by Long, Integer, Short and Byte, for a `bits`-wide integer."""
    lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1

    def parse(s: Any, radix: int = 10) -> int:
        if not isinstance(s, str) or not _INT_SYNTAX.fullmatch(s):
            raise _nfe(s, radix)
        try:
            v = int(s, radix)
        except ValueError:
            raise _nfe(s, radix) from None
        if not lo <= v <= hi:
            raise _nfe(s, radix)
        return v

    def value_of(x: Any, radix: int = 10) -> int:
        return parse(x, radix) if isinstance(x, str) else int(x)

    def to_string(x: int, radix: int = 10) -> str:
        return _radix_str(x, radix)

    return {
        "MAX_VALUE": hi,
        "MIN_VALUE": lo,
        "SIZE": bits,
        parse_name: staticmethod(parse),
        "valueOf": staticmethod(value_of),
        "toString": staticmethod(to_string),
        "toHexString": staticmethod(lambda x: _unsigned_digits(x, bits, 4, _DIGITS)),
        "toOctalString": staticmethod(lambda x: _unsigned_digits(x, bits, 3, _DIGITS)),
        "toBinaryString": staticmethod(lambda x: _unsigned_digits(x, bits, 1, _DIGITS)),
        "bitCount": staticmethod(lambda x: bin(x & ((1 << bits) - 1)).count("1")),
        "numberOfLeadingZeros": staticmethod(lambda x: bits - (x & ((1 << bits) - 1)).bit_length()),
        "numberOfTrailingZeros": staticmethod(
            lambda x: bits if x == 0 else ((x & -x).bit_length() - 1)
        ),
        "signum": staticmethod(lambda x: (x > 0) - (x < 0)),
        "compare": staticmethod(lambda a, b: (a > b) - (a < b)),
        "sum": staticmethod(lambda a, b: a + b),
        "max": staticmethod(max),
        "min": staticmethod(min),
    }


def _integer_class(name: str, bits: int, parse_name: str) -> JvmClass:
    return JvmClass(
        name, (), _integer_statics(bits, parse_name), jvm=f"java.lang.{name}", hosts=(int,)
    )


Long = _integer_class("Long", 64, "parseLong")
Integer = _integer_class("Integer", 32, "parseInt")
Short = _integer_class("Short", 16, "parseShort")
Byte = _integer_class("Byte", 8, "parseByte")


_DOUBLE_SYNTAX = re.compile(
    r"[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?|0[xX][0-9a-fA-F.]+[pP][+-]?\d+)"
)


def _parse_double(s: Any) -> float:
    if s is None:
        raise NullPointerException()
    t = s.strip() if isinstance(s, str) else s
    if not isinstance(t, str) or not _DOUBLE_SYNTAX.fullmatch(t):
        raise NumberFormatException("empty String" if t == "" else f'For input string: "{s}"')
    if "x" in t or "X" in t:
        return float.fromhex(t)
    return float(t.rstrip("fFdD").replace("Infinity", "inf"))


def _double_statics(max_value: float, min_value: float, parse_name: str) -> dict[str, Any]:
    return {
        "MAX_VALUE": max_value,
        "MIN_VALUE": min_value,
        "POSITIVE_INFINITY": math.inf,
        "NEGATIVE_INFINITY": -math.inf,
        "NaN": math.nan,
        parse_name: staticmethod(_parse_double),
        "valueOf": staticmethod(lambda x: _parse_double(x) if isinstance(x, str) else float(x)),
        "toString": staticmethod(lambda x: num.double_str(float(x))),
        "isNaN": staticmethod(math.isnan),
        "isInfinite": staticmethod(math.isinf),
        "isFinite": staticmethod(math.isfinite),
        "compare": staticmethod(lambda a, b: (a > b) - (a < b)),
        "sum": staticmethod(lambda a, b: a + b),
        "max": staticmethod(num.max_),
        "min": staticmethod(num.min_),
    }


Double = JvmClass(
    "Double",
    (),
    _double_statics(sys.float_info.max, 5e-324, "parseDouble"),
    jvm="java.lang.Double",
    hosts=(float,),
)
Float = JvmClass(
    "Float",
    (),
    _double_statics(3.4028234663852886e38, 1.401298464324817e-45, "parseFloat"),
    jvm="java.lang.Float",
    hosts=(float,),
)


class Number(metaclass=JvmClass, jvm="java.lang.Number", hosts=(pynumbers.Number,)):
    """Any number but a boolean."""


def _text(x: Any) -> str:
    """A Char or code point as a one-character string."""
    return chr(x) if isinstance(x, int) else x.c


def _case(convert: Callable[[str], str]) -> Callable[[Any], Any]:
    """Java's toUpperCase/toLowerCase on a Char (a Char back) or a code point (an int)."""

    def f(x: Any) -> Any:
        c = convert(_text(x))
        if len(c) != 1:
            return x
        return ord(c) if isinstance(x, int) else char(c)

    return f


def _digit(x: Any, radix: int) -> int:
    c = _text(x)
    d = int(c, 36) if c.isascii() and c.isalnum() else (int(c) if c.isdecimal() else -1)
    return d if d < radix else -1


class Character(metaclass=JvmClass, jvm="java.lang.Character", hosts=(Char,)):
    """Character statics over pyjank's Char (or an int code point)."""

    isDigit = staticmethod(lambda x: _text(x).isdecimal())
    isLetter = staticmethod(lambda x: _text(x).isalpha())
    isAlphabetic = staticmethod(lambda x: _text(x).isalpha())
    isLetterOrDigit = staticmethod(lambda x: _text(x).isalpha() or _text(x).isdecimal())
    isWhitespace = staticmethod(lambda x: _text(x).isspace())
    isSpaceChar = staticmethod(lambda x: _text(x).isspace())
    isUpperCase = staticmethod(lambda x: _text(x).isupper())
    isLowerCase = staticmethod(lambda x: _text(x).islower())
    isISOControl = staticmethod(lambda x: ord(_text(x)) < 0x20 or 0x7F <= ord(_text(x)) <= 0x9F)
    toUpperCase = staticmethod(_case(str.upper))
    toLowerCase = staticmethod(_case(str.lower))
    digit = staticmethod(_digit)
    getNumericValue = staticmethod(lambda x: _digit(x, 36))
    forDigit = staticmethod(lambda d, radix: char(_DIGITS[d]) if 0 <= d < radix <= 36 else None)
    valueOf = staticmethod(lambda x: x)
    toString = staticmethod(_text)
    MIN_RADIX = 2
    MAX_RADIX = 36

    @classmethod
    def construct(cls, x: Any) -> Char:
        return char(_text(x))


def _string_value_of(x: Any) -> str:
    """Java's String.valueOf: "null" for nil, else `str`."""
    from .printer import str_

    if x is None:
        return "null"
    if isinstance(x, list):  # a char array
        return "".join(_text(c) for c in x)
    return str_(x)


class String(metaclass=JvmClass, jvm="java.lang.String", hosts=(str,)):
    """String statics; strings are Python strs."""

    valueOf = staticmethod(_string_value_of)
    copyValueOf = staticmethod(_string_value_of)

    @staticmethod
    def join(sep: Any, *parts: Any) -> str:
        """`(String/join ", " coll)` or `(String/join ", " a b c)`."""
        from .seqs import to_iter

        items: Iterable[Any] = parts
        if len(parts) == 1 and not isinstance(parts[0], str):
            items = to_iter(parts[0])
        return str(sep).join(_string_value_of(p) for p in items)

    @staticmethod
    def format(fmt: str, *args: Any) -> str:
        from .corelib.strings import format_

        return format_(fmt, *args)

    @classmethod
    def construct(cls, x: Any = "") -> str:
        return _string_value_of(x)


class CharSequence(metaclass=JvmClass, jvm="java.lang.CharSequence", hosts=(str,)):
    """Strings (Python has no other char sequence type)."""


# -- Math ----------------------------------------------------------------------------------


def _double_fn(f: Callable[..., float]) -> Callable[..., float]:
    """A math fn with Java's double semantics: NaN where Python raises a domain error."""

    def g(*xs: Any) -> float:
        try:
            return float(f(*(float(x) for x in xs)))
        except ValueError:
            return math.nan
        except OverflowError:
            return math.inf

    g.__name__ = getattr(f, "__name__", "f")
    return g


def _log(f: Callable[[float], float]) -> Callable[[Any], float]:
    def g(x: Any) -> float:
        x = float(x)
        if x == 0:
            return -math.inf
        return math.nan if x < 0 or x != x else f(x)

    return g


def _rounding(f: Callable[[float], int]) -> Callable[[Any], float]:
    """floor/ceil/rint return doubles; infinities and NaN pass through."""

    def g(x: Any) -> float:
        x = float(x)
        return x if not math.isfinite(x) else float(f(x))

    return g


def _round(x: Any) -> int:
    """Math/round: half up, NaN is 0, clamped to the long range."""
    if isinstance(x, int):
        return x
    x = float(x)
    if x != x:
        return 0
    if math.isinf(x):
        return num.LONG_MAX if x > 0 else num.LONG_MIN
    return max(num.LONG_MIN, min(num.LONG_MAX, math.floor(x + 0.5)))


def _pow(a: Any, b: Any) -> float:
    try:
        return math.pow(float(a), float(b))
    except OverflowError:
        return math.inf if float(a) > 0 or float(b) % 2 == 0 else -math.inf
    except ValueError:
        return math.nan


def _signum(x: Any) -> Any:
    if isinstance(x, float):
        return x if x == 0 or x != x else math.copysign(1.0, x)
    return float((x > 0) - (x < 0))


def _exact(op: Callable[..., int]) -> Callable[..., int]:
    """addExact and friends: ArithmeticException "long overflow" out of the long range."""

    def g(*xs: int) -> int:
        r = op(*xs)
        if not num.LONG_MIN <= r <= num.LONG_MAX:
            raise ArithmeticException("long overflow")
        return r

    return g


def _floor_div(a: int, b: int) -> int:
    if b == 0:
        raise ArithmeticException("/ by zero")
    return a // b


def _floor_mod(a: int, b: int) -> int:
    if b == 0:
        raise ArithmeticException("/ by zero")
    return a % b


class Math:
    """java.lang.Math."""

    PI = math.pi
    E = math.e
    abs = staticmethod(num.abs_)
    max = staticmethod(num.max_)
    min = staticmethod(num.min_)
    pow = staticmethod(_pow)
    sqrt = staticmethod(_double_fn(math.sqrt))
    cbrt = staticmethod(_double_fn(lambda x: math.copysign(abs(x) ** (1 / 3), x)))
    exp = staticmethod(_double_fn(math.exp))
    expm1 = staticmethod(_double_fn(math.expm1))
    log = staticmethod(_log(math.log))
    log10 = staticmethod(_log(math.log10))
    log1p = staticmethod(_double_fn(math.log1p))
    sin = staticmethod(_double_fn(math.sin))
    cos = staticmethod(_double_fn(math.cos))
    tan = staticmethod(_double_fn(math.tan))
    asin = staticmethod(_double_fn(math.asin))
    acos = staticmethod(_double_fn(math.acos))
    atan = staticmethod(_double_fn(math.atan))
    atan2 = staticmethod(_double_fn(math.atan2))
    sinh = staticmethod(_double_fn(math.sinh))
    cosh = staticmethod(_double_fn(math.cosh))
    tanh = staticmethod(_double_fn(math.tanh))
    hypot = staticmethod(_double_fn(math.hypot))
    toRadians = staticmethod(_double_fn(math.radians))
    toDegrees = staticmethod(_double_fn(math.degrees))
    floor = staticmethod(_rounding(math.floor))
    ceil = staticmethod(_rounding(math.ceil))
    rint = staticmethod(_rounding(round))
    round = staticmethod(_round)
    signum = staticmethod(_signum)
    random = staticmethod(random.random)
    floorDiv = staticmethod(_floor_div)
    floorMod = staticmethod(_floor_mod)
    addExact = staticmethod(_exact(lambda a, b: a + b))
    subtractExact = staticmethod(_exact(lambda a, b: a - b))
    multiplyExact = staticmethod(_exact(lambda a, b: a * b))
    incrementExact = staticmethod(_exact(lambda a: a + 1))
    decrementExact = staticmethod(_exact(lambda a: a - 1))
    negateExact = staticmethod(_exact(lambda a: -a))


_PROPERTIES: dict[str, Callable[[], str]] = {
    "line.separator": lambda: "\n",
    "file.separator": lambda: os.sep,
    "path.separator": lambda: os.pathsep,
    "user.dir": os.getcwd,
    "user.home": lambda: os.path.expanduser("~"),
    "user.name": lambda: os.environ.get("USER", ""),
    "os.name": lambda: sys.platform,
    "java.io.tmpdir": tempfile.gettempdir,
}


class System:
    """java.lang.System: clocks, environment, properties, exit."""

    @staticmethod
    def currentTimeMillis() -> int:
        return time.time_ns() // 1_000_000

    @staticmethod
    def nanoTime() -> int:
        return time.perf_counter_ns()

    @staticmethod
    def getenv(name: str | None = None) -> Any:
        return dict(os.environ) if name is None else os.environ.get(name)

    @staticmethod
    def getProperty(key: str, default: str | None = None) -> str | None:
        f = _PROPERTIES.get(key)
        return f() if f is not None else default

    @staticmethod
    def lineSeparator() -> str:
        return "\n"

    @staticmethod
    def identityHashCode(x: Any) -> int:
        return id(x) & 0x7FFFFFFF

    @staticmethod
    def exit(status: int) -> None:
        raise SystemExit(status)


class Thread(metaclass=JvmClass, jvm="java.lang.Thread", hosts=(threading.Thread,)):
    """java.lang.Thread over threading.Thread: `(Thread. f)`, `Thread/sleep` (ms)."""

    @staticmethod
    def sleep(ms: Any, nanos: int = 0) -> None:
        time.sleep(ms / 1000 + nanos / 1e9)

    currentThread = staticmethod(threading.current_thread)

    @classmethod
    def construct(cls, f: Callable[[], Any] | None = None, name: str | None = None) -> Any:
        return threading.Thread(target=f, name=name, daemon=True)


class StringBuilder:
    """java.lang.StringBuilder: `append` (chainable), `toString`, `length`, `insert`, ..."""

    __slots__ = ("_parts",)

    def __init__(self, init: Any = "") -> None:
        self._parts = [init] if isinstance(init, str) and init else []

    def _flat(self) -> str:
        s = "".join(self._parts)
        self._parts = [s] if s else []
        return s

    def append(self, x: Any) -> StringBuilder:
        self._parts.append(_string_value_of(x))
        return self

    def insert(self, i: int, x: Any) -> StringBuilder:
        s = self._flat()
        self._parts = [s[:i] + _string_value_of(x) + s[i:]]
        return self

    def reverse(self) -> StringBuilder:
        self._parts = [self._flat()[::-1]]
        return self

    def setLength(self, n: int) -> None:
        self._parts = [self._flat()[:n].ljust(n, "\0")]

    def charAt(self, i: int) -> Char:
        return char(self._flat()[i])

    def length(self) -> int:
        return len(self._flat())

    def toString(self) -> str:
        return self._flat()

    __str__ = toString


register_class_name(StringBuilder, "java.lang.StringBuilder")
register_class_name(Math, "java.lang.Math")
register_class_name(System, "java.lang.System")


class UUID(metaclass=JvmClass, jvm="java.util.UUID", hosts=(uuid.UUID,)):
    randomUUID = staticmethod(uuid.uuid4)
    fromString = staticmethod(uuid.UUID)


class Pattern(metaclass=JvmClass, jvm="java.util.regex.Pattern", hosts=(re.Pattern,)):
    compile = staticmethod(re.compile)
    quote = staticmethod(re.escape)

    @staticmethod
    def matches(regex: str, s: str) -> bool:
        return re.fullmatch(regex, s) is not None


class Fn(metaclass=JvmClass, jvm="clojure.lang.Fn", hosts=FN_TYPES):
    """Functions: Python's and pyjank's (what `fn?` accepts)."""

    @classmethod
    def admits(cls, sub: type) -> bool:
        return issubclass(sub, FN_TYPES) or getattr(sub, "_pyjank_fn", False) is True


class JvmIFn(metaclass=JvmClass, jvm="clojure.lang.IFn", hosts=(IFn, *FN_TYPES), base=IFn):
    """Anything invokable but a class (what `ifn?` accepts); a deftype naming it is an IFn."""

    @classmethod
    def admits(cls, sub: type) -> bool:
        if issubclass(sub, type):
            return False
        return any("__call__" in c.__dict__ for c in sub.__mro__ if c is not object)


__all__ = [
    "FN_TYPES",
    "Byte",
    "CharSequence",
    "Character",
    "Double",
    "Float",
    "Fn",
    "JvmIFn",
    "Integer",
    "InterruptedException",
    "JvmClass",
    "Long",
    "Math",
    "Number",
    "NumberFormatException",
    "Pattern",
    "Short",
    "String",
    "StringBuilder",
    "System",
    "Thread",
    "UUID",
    "bases",
    "host_class",
    "host_types",
    "is_subclass",
    "mro",
    "supers",
]
