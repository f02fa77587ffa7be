"""Printing values as Clojure does: `pr-str`, `print-str`, `str`, and `print-method`.

The printer never recurses. Scalars print from a dict keyed by exact type; a collection
becomes a generator that writes its punctuation and yields the children it cannot print
inline, and one loop drives a stack of those generators. So a 100 000-element vector or an
infinite lazy seq under `*print-length*` costs no Python frames, and nesting depth is limited
only by memory. `*print-length*`, `*print-level*`, `*print-meta*`, `*print-readably*` and
`*print-namespace-maps*` behave as in Clojure; `*print-dup*` is not supported.

Deviations from Clojure, all on values a Python host has and the JVM has not, or where the
JVM output is unreadable: Python lists/tuples, dicts and sets print as lists, maps and sets;
control characters print as `\\uXXXX` rather than raw; a `datetime` prints as `#inst` with
microseconds when it has any.
"""

from __future__ import annotations

import io
import math
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol
from uuid import UUID

from . import core_vars as cv
from .characters import Char
from .exceptions import ExceptionInfo, class_name, ex_data, ex_message
from .interfaces import (
    IDeref,
    IPending,
    IPersistentCollection,
    IPersistentMap,
    IPersistentSet,
    IPersistentVector,
    IRecord,
    ISeq,
    Sequential,
)
from .namespaces import Namespace
from .numbers import double_str, int_str
from .seqs import LazySeq
from .symbols import Keyword, Symbol, keyword
from .vars import Var, bindings


class Writer(Protocol):
    def write(self, s: str, /) -> Any: ...


# -- scalars -------------------------------------------------------------------------------

_STRING_ESCAPES = str.maketrans(
    {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f", "\b": "\\b"}
)

_CHAR_NAMES = {
    "\n": "\\newline",
    " ": "\\space",
    "\t": "\\tab",
    "\b": "\\backspace",
    "\f": "\\formfeed",
    "\r": "\\return",
}


def _pr_string(s: str) -> str:
    return '"' + s.translate(_STRING_ESCAPES) + '"'


def _pr_char(ch: Char) -> str:
    c = ch.c
    name = _CHAR_NAMES.get(c)
    if name is not None:
        return name
    o = ord(c)
    if o < 0x20 or o == 0x7F or 0xD800 <= o < 0xE000:
        return f"\\u{o:04X}"
    return "\\" + c


def _pr_int(x: int) -> str:
    if -9223372036854775808 <= x <= 9223372036854775807:
        return str(x)
    return int_str(x) + "N"


def _pr_double(x: float) -> str:
    if math.isfinite(x):
        return double_str(x)
    return "##NaN" if x != x else ("##Inf" if x > 0 else "##-Inf")


def _pr_regex(p: re.Pattern) -> str:
    """`#"..."`: backslash escapes are kept, a bare `"` is escaped (Clojure's rule)."""
    out = ['#"']
    chars = iter(p.pattern)
    for c in chars:
        if c == "\\":
            out.append(c + next(chars, ""))
        elif c == '"':
            out.append('\\"')
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def _utc(d: datetime) -> datetime:
    """A naive datetime is taken to be UTC already."""
    return d.replace(tzinfo=UTC) if d.tzinfo is None else d.astimezone(UTC)


def _inst_text(d: datetime) -> str:
    """RFC 3339 in UTC, milliseconds unless there are microseconds to keep."""
    d = _utc(d)
    us = d.microsecond
    frac = f"{us // 1000:03d}" if us % 1000 == 0 else f"{us:06d}"
    return (
        f"{d.year:04d}-{d.month:02d}-{d.day:02d}T"
        f"{d.hour:02d}:{d.minute:02d}:{d.second:02d}.{frac}-00:00"
    )


_READABLE: dict[type, Callable[[Any], str]] = {
    type(None): lambda _: "nil",
    bool: lambda b: "true" if b else "false",
    int: _pr_int,
    float: _pr_double,
    Fraction: str,
    Decimal: lambda d: str(d) + "M",
    str: _pr_string,
    Char: _pr_char,
    Keyword: Keyword.__str__,
    Symbol: Symbol.__str__,
    re.Pattern: _pr_regex,
    UUID: lambda u: f'#uuid "{u}"',
    datetime: lambda d: f'#inst "{_inst_text(d)}"',
    Var: Var.__repr__,
    Namespace: Namespace.__repr__,
    type: class_name,
}
"""How `pr` prints each scalar type; `print` differs only for strings and characters."""

_PLAIN: dict[type, Callable[[Any], str]] = {**_READABLE, str: str.__str__, Char: Char.__str__}

_tables_lock = threading.Lock()
_readable = dict(_READABLE)
_readable_meta = {t: f for t, f in _READABLE.items() if t is not Symbol}
_plain = dict(_PLAIN)


# -- the print loop ------------------------------------------------------------------------

Child = tuple[Any, int]
Handler = Callable[[Any, int, "_Ctx"], Iterator[Child] | None]


class _Ctx:
    """The settings of one print call, read once from the dynamic vars."""

    __slots__ = ("out", "w", "readably", "scalars", "meta", "length", "depth", "ns_maps")

    def __init__(self, out: Writer, readably: bool) -> None:
        self.out = out
        self.w = out.write
        self.readably = readably
        self.meta = readably and cv.PRINT_META.deref() not in (None, False)
        self.scalars = (_readable_meta if self.meta else _readable) if readably else _plain
        self.length = cv.PRINT_LENGTH.deref()
        level = cv.PRINT_LEVEL.deref()
        self.depth = float("inf") if level is None else level
        self.ns_maps = cv.PRINT_NAMESPACE_MAPS.deref() not in (None, False)


class _Nesting(threading.local):
    """The depth of the value a `print-method` is printing, for nested `pr-on` calls."""

    level = 0


_nesting = _Nesting()
_END = object()


def _print(x: Any, out: Writer, readably: bool) -> None:
    ctx = _Ctx(out, readably)
    gen = _emit(x, _nesting.level, ctx)
    if gen is None:
        return
    stack = [gen]
    while stack:
        child = next(stack[-1], _END)
        if child is _END:
            stack.pop()
            continue
        gen = _emit(child[0], child[1], ctx)
        if gen is not None:
            stack.append(gen)


_WITH_META = (Symbol, IPersistentCollection)
_TAG = keyword(None, "tag")


def _emit(x: Any, level: int, ctx: _Ctx) -> Iterator[Child] | None:
    """Print `x` now if it is a scalar, else return the generator that prints it."""
    f = ctx.scalars.get(type(x))
    if f is not None:
        ctx.w(f(x))
        return None
    if ctx.meta and isinstance(x, _WITH_META):
        m = x.meta()
        if m is not None and len(m):
            return _with_meta(x, m, level, ctx)
    return _handler(type(x))(x, level, ctx)


def _with_meta(x: Any, m: Any, level: int, ctx: _Ctx) -> Iterator[Child]:
    """`^{:a 1} x`; a map holding only `:tag` prints as `^Tag x`."""
    ctx.w("^")
    tag = m.val_at(_TAG) if len(m) == 1 else None
    yield (m if tag is None else tag), level
    ctx.w(" ")
    body = _handler(type(x))(x, level, ctx)
    if body is not None:
        yield from body


def _sequential(xs: Iterable[Any], begin: str, end: str, level: int, ctx: _Ctx) -> Iterator[Child]:
    """Clojure's print-sequential: items separated by spaces, `...` past *print-length*."""
    w = ctx.w
    scalars = ctx.scalars
    limit = ctx.length
    child = level + 1
    w(begin)
    n = 0
    for x in xs:
        if n:
            w(" ")
        if n == limit:
            w("...")
            break
        f = scalars.get(type(x))
        if f is None:
            yield x, child
        else:
            w(f(x))
        n += 1
    w(end)


def _entries(
    pairs: Iterable[tuple[Any, Any]], begin: str, level: int, ctx: _Ctx
) -> Iterator[Child]:
    """Clojure's print-map: `k v` pairs separated by `, `."""
    w = ctx.w
    scalars = ctx.scalars
    limit = ctx.length
    child = level + 1
    w(begin)
    n = 0
    for k, v in pairs:
        if n:
            w(", ")
        if n == limit:
            w("...")
            break
        f = scalars.get(type(k))
        if f is None:
            yield k, child
        else:
            w(f(k))
        w(" ")
        f = scalars.get(type(v))
        if f is None:
            yield v, child
        else:
            w(f(v))
        n += 1
    w("}")


def _too_deep(level: int, ctx: _Ctx) -> bool:
    if level >= ctx.depth:
        ctx.w("#")
        return True
    return False


# -- handlers for composite values ---------------------------------------------------------


def _list_handler(x: Any, level: int, ctx: _Ctx) -> Iterator[Child] | None:
    return None if _too_deep(level, ctx) else _sequential(x, "(", ")", level, ctx)


def _vector_handler(x: Any, level: int, ctx: _Ctx) -> Iterator[Child] | None:
    return None if _too_deep(level, ctx) else _sequential(x, "[", "]", level, ctx)


def _set_handler(x: Any, level: int, ctx: _Ctx) -> Iterator[Child] | None:
    return None if _too_deep(level, ctx) else _sequential(x, "#{", "}", level, ctx)


def _entry_pairs(m: Any) -> Iterator[tuple[Any, Any]]:
    for e in m:
        yield e.key(), e.val()


def _map_handler(x: Any, level: int, ctx: _Ctx) -> Iterator[Child] | None:
    if _too_deep(level, ctx):
        return None
    pairs: Iterable[tuple[Any, Any]] = x.items() if isinstance(x, dict) else _entry_pairs(x)
    if ctx.ns_maps:
        lifted = _lift_ns(pairs)
        if lifted is not None:
            return _entries(lifted[1], f"#:{lifted[0]}{{", level, ctx)
        pairs = x.items() if isinstance(x, dict) else _entry_pairs(x)
    return _entries(pairs, "{", level, ctx)


def _lift_ns(pairs: Iterable[tuple[Any, Any]]) -> tuple[str, list] | None:
    """`*print-namespace-maps*`: when every key is a keyword or symbol of one namespace,
    that namespace and the entries with bare keys."""
    ns = None
    lifted = []
    for k, v in pairs:
        if type(k) not in (Keyword, Symbol) or k.ns is None or (ns is not None and k.ns != ns):
            return None
        ns = k.ns
        bare = keyword(None, k.name) if type(k) is Keyword else Symbol(None, k.name)
        lifted.append((bare, v))
    return None if ns is None else (ns, lifted)


def _record_handler(x: Any, level: int, ctx: _Ctx) -> Iterator[Child] | None:
    if _too_deep(level, ctx):
        return None
    return _entries(_entry_pairs(x), f"#{class_name(type(x))}{{", level, ctx)


def _object_prefix(x: Any, name: str) -> str:
    return f"#object[{name} 0x{id(x):x} "


def _deref_handler(x: Any, level: int, ctx: _Ctx) -> Iterator[Child] | None:
    """`#object[clojure.lang.Atom 0x... {:status :ready, :val 1}]`, as Clojure prints IDeref."""
    ctx.w(_object_prefix(x, class_name(type(x))))
    if _too_deep(level, ctx):
        ctx.w("]")
        return None
    if isinstance(x, IPending) and not x.is_realized():
        ctx.w("{:status :pending, :val nil}]")
        return None
    try:
        val, status = x.deref(), ":ready"
    except Exception as e:
        val, status = e, ":failed"
    return _deref_body(val, status, level, ctx)


def _deref_body(val: Any, status: str, level: int, ctx: _Ctx) -> Iterator[Child]:
    ctx.w(f"{{:status {status}, :val ")
    yield val, level + 1
    ctx.w("}]")


def _error_handler(e: BaseException, level: int, ctx: _Ctx) -> Iterator[Child]:
    """Clojure's `#error {...}` (from Throwable->map), without the stack trace."""
    w = ctx.w
    via = [e]
    while via[-1].__cause__ is not None and via[-1].__cause__ not in via:
        via.append(via[-1].__cause__)
    root = via[-1]
    w("#error {\n :cause ")
    yield ex_message(root), level + 1
    if ex_data(root) is not None:
        w("\n :data ")
        yield ex_data(root), level + 1
    w("\n :via\n [")
    for i, t in enumerate(via):
        if i:
            w("\n  ")
        w(f"{{:type {class_name(type(t))}\n   :message ")
        yield ex_message(t), level + 1
        if ex_data(t) is not None:
            w("\n   :data ")
            yield ex_data(t), level + 1
        w("}")
    w("]}")


def _object_name(x: Any) -> str:
    """A function shows its own qualified name, like Clojure's fn classes."""
    qualname = getattr(x, "__qualname__", None)
    if callable(x) and isinstance(qualname, str):
        return f"{getattr(x, '__module__', None) or '?'}.{qualname}"
    return class_name(type(x))


def _object_handler(x: Any, level: int, ctx: _Ctx) -> None:
    """`#object[Name 0x... "toString"]` for anything else."""
    name = _object_name(x)
    text = f"{name}@{id(x):x}" if callable(x) else str(x)
    ctx.w(_object_prefix(x, name) + (_pr_string(text) if ctx.readably else text) + "]")


def _scalar_handler(cls: type) -> Handler:
    """For subclasses of scalar types (an IntEnum prints as its int)."""

    def handler(x: Any, level: int, ctx: _Ctx) -> None:
        ctx.w((_READABLE if ctx.readably else _PLAIN)[cls](x))

    return handler


def _custom_handler(fn: Callable[[Any, Writer], Any]) -> Handler:
    """Run a registered print-method with `*print-readably*` as this print call has it."""

    def handler(x: Any, level: int, ctx: _Ctx) -> None:
        saved = _nesting.level
        _nesting.level = level
        try:
            if ctx.readably == (cv.PRINT_READABLY.deref() not in (None, False)):
                fn(x, ctx.out)
            else:
                with bindings([(cv.PRINT_READABLY, ctx.readably)]):
                    fn(x, ctx.out)
        finally:
            _nesting.level = saved

    return handler


_INTERFACE_HANDLERS: list[tuple[type | tuple[type, ...], Handler]] = [
    (IRecord, _record_handler),
    ((IPersistentMap, dict), _map_handler),
    (IPersistentVector, _vector_handler),
    ((IPersistentSet, set, frozenset), _set_handler),
    ((ISeq, Sequential, list, tuple), _list_handler),
    (IDeref, _deref_handler),
    (BaseException, _error_handler),
]

_print_methods: dict[type, Callable[[Any, Writer], Any]] = {}
_handlers: dict[type, Handler] = {}


def _handler(cls: type) -> Handler:
    h = _handlers.get(cls)
    if h is None:
        h = _handlers[cls] = _resolve(cls)
    return h


def _resolve(cls: type) -> Handler:
    """Registered print-methods first (most specific class wins), then the built-in rules."""
    for c in cls.__mro__:
        fn = _print_methods.get(c)
        if fn is not None:
            return _custom_handler(fn)
    for c in cls.__mro__:
        if c in _READABLE:
            return _scalar_handler(c)
    for interface, handler in _INTERFACE_HANDLERS:
        if issubclass(cls, interface):
            return handler
    return _object_handler


def register_print_method(cls: type, fn: Callable[[Any, Writer], Any]) -> None:
    """`(defmethod print-method cls [x w] ...)`: `fn(x, writer)` prints `x` and its subclasses.

    `fn` may call `pr_on` / `print_on` for nested values; they continue at the current
    `*print-level*` depth.
    """
    with _tables_lock:
        _print_methods[cls] = fn
        _rebuild()


def remove_print_method(cls: type) -> None:
    with _tables_lock:
        _print_methods.pop(cls, None)
        _rebuild()


def _rebuild() -> None:
    """Scalar fast paths must not bypass a registered print-method."""
    for table, base in ((_readable, _READABLE), (_readable_meta, _READABLE), (_plain, _PLAIN)):
        table.clear()
        table.update((t, f) for t, f in base.items() if t not in _print_methods)
    _readable_meta.pop(Symbol, None)
    _handlers.clear()


# -- public API ----------------------------------------------------------------------------


def _readably() -> bool:
    return cv.PRINT_READABLY.deref() not in (None, False)


def pr_on(x: Any, writer: Writer) -> None:
    """`pr-on`: print `x` to `writer` as `pr` does (readably unless *print-readably* is off)."""
    _print(x, writer, _readably())


def print_on(x: Any, writer: Writer) -> None:
    """Print `x` to `writer` as `print` does: strings and characters raw."""
    _print(x, writer, False)


def _to_string(x: Any, readably: bool) -> str:
    f = (_readable if readably else _plain).get(type(x))
    if f is not None and (type(x) is not Symbol or x.meta() is None):
        return f(x)
    out = io.StringIO()
    _print(x, out, readably)
    return out.getvalue()


def pr_str(x: Any) -> str:
    """`(pr-str x)`."""
    return _to_string(x, _readably())


def print_str(x: Any) -> str:
    """`(print-str x)`: like `pr-str` with strings and characters unquoted."""
    return _to_string(x, False)


_STR: dict[type, Callable[[Any], str]] = {
    type(None): lambda _: "",
    str: str.__str__,
    bool: lambda b: "true" if b else "false",
    int: int_str,
    float: double_str,
    Fraction: str,
    Decimal: str,
    Char: Char.__str__,
    Keyword: Keyword.__str__,
    Symbol: Symbol.__str__,
    re.Pattern: lambda p: p.pattern,
    UUID: str,
    datetime: lambda d: _utc(d).strftime("%a %b %d %H:%M:%S UTC %Y"),
    Var: Var.__repr__,
    Namespace: lambda ns: str(ns.name),
    type: class_name,
}


def str_(x: Any) -> str:
    """`(str x)` of one value: Java's toString.

    nil is "", numbers lose their reader suffixes (`(str 1N)` is "1"), doubles print as Java
    does ("Infinity"), collections print as `pr-str`. A lazy seq prints as Clojure's does,
    "clojure.lang.LazySeq@<hash>" (realising it to hash it), because portable code and its
    tests can depend on that; `pr-str` shows the elements.
    """
    f = _STR.get(type(x))
    if f is not None:
        return f(x)
    if isinstance(x, IPersistentCollection):
        if isinstance(x, LazySeq):
            return f"clojure.lang.LazySeq@{hash(x) & 0xFFFFFFFF:x}"
        return pr_str(x)
    if isinstance(x, BaseException):
        msg = ex_message(x)
        text = class_name(type(x)) if msg is None else f"{class_name(type(x))}: {msg}"
        return f"{text} {pr_str(x.data)}" if isinstance(x, ExceptionInfo) else text
    if isinstance(x, IDeref):
        return f"{class_name(type(x))}@{id(x):x}"
    return str(x)
