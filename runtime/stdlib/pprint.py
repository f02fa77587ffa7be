"""The pretty printer behind clojure.pprint: Clojure's pretty writer (the XP algorithm) and
its simple dispatch.

`PrettyWriter` wraps a writer. Text goes straight through until the first conditional
newline; from then on tokens (text, newlines, block starts and ends, indentation changes)
are buffered, and whenever the buffer no longer fits on the line the pending newlines are
decided as Clojure's pretty_writer.clj decides them, so layouts match Clojure's: a linear
newline breaks when its section does not fit (or another one of its block broke), a miser
newline only when the block starts within *print-miser-width* of the margin, a fill
newline when the next part does not fit.

The pprint-specific dynamic vars are defined in clojure/pprint.jank and handed over by
`install`; *current-level* and *current-length* are thread-local state here.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any

from .. import core_vars as cv
from .. import rt
from ..exceptions import class_name
from ..interfaces import (
    IPending,
    IRecord,
)
from ..printer import pr_on
from ..seqs import to_iter
from ..symbols import Keyword, Symbol, keyword
from ..vars import Var, bindings

# -- the column-tracking base -----------------------------------------------------------


class ColumnWriter:
    """Forwards to `out`, tracking the column; `max_column` is the right margin."""

    def __init__(self, out: Any, max_column: int | None) -> None:
        self.out = out
        self.max_column = max_column
        self.column = 0

    def write(self, s: str) -> None:
        nl = s.rfind("\n")
        self.column = self.column + len(s) if nl < 0 else len(s) - nl - 1
        self.out.write(s)

    def flush(self) -> None:
        flush = getattr(self.out, "flush", None)
        if flush is not None:
            flush()


# -- tokens and logical blocks ------------------------------------------------------------


class Block:
    """A logical block: where it started, its indentation and whether a newline of it (or
    of a block inside it) was emitted."""

    __slots__ = (
        "parent",
        "start_col",
        "indent",
        "done_nl",
        "intra_block_nl",
        "prefix",
        "per_line_prefix",
        "suffix",
    )

    def __init__(
        self,
        parent: Block | None,
        prefix: str | None = None,
        per_line_prefix: str | None = None,
        suffix: str | None = None,
    ) -> None:
        self.parent = parent
        self.start_col = 0
        self.indent = 0
        self.done_nl = False
        self.intra_block_nl = False
        self.prefix = prefix
        self.per_line_prefix = per_line_prefix
        self.suffix = suffix

    def has_ancestor(self, other: Block) -> bool:
        """True when `other` strictly encloses this block."""
        b = self.parent
        while b is not None:
            if b is other:
                return True
            b = b.parent
        return False


class Token:
    """A buffered item, spanning [start, end) in the virtual unbroken output."""

    __slots__ = ("start", "end")
    trailing_ws: str | None = None

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end


class Blob(Token):
    __slots__ = ("data", "trailing_ws")

    def __init__(self, data: str, trailing_ws: str | None, start: int, end: int) -> None:
        super().__init__(start, end)
        self.data, self.trailing_ws = data, trailing_ws


class Newline(Token):
    __slots__ = ("kind", "block")

    def __init__(self, kind: str, block: Block, pos: int) -> None:
        super().__init__(pos, pos)
        self.kind, self.block = kind, block


class BlockStart(Token):
    __slots__ = ("block",)

    def __init__(self, block: Block, start: int, end: int) -> None:
        super().__init__(start, end)
        self.block = block


class BlockEnd(BlockStart):
    __slots__ = ()


class Indent(Token):
    __slots__ = ("block", "relative_to", "offset")

    def __init__(self, block: Block, relative_to: str, offset: int, pos: int) -> None:
        super().__init__(pos, pos)
        self.block, self.relative_to, self.offset = block, relative_to, offset


def _length(tokens: list[Token]) -> int:
    return tokens[-1].end - tokens[0].start if tokens else 0


_TRAILING_WS = re.compile(r"[ \t\n\x0b\f\r]+\Z")


# -- the pretty writer --------------------------------------------------------------------


class PrettyWriter:
    """A writer that lays out logical blocks within `right_margin` columns."""

    def __init__(self, out: Any, right_margin: int | None, miser_width: int | None) -> None:
        self.base = ColumnWriter(out, right_margin)
        self.block = Block(None)
        self.buffering = False
        self.buffer: list[Token] = []
        self.pos = 0
        self.trailing_ws: str | None = None
        self.miser_width = miser_width

    # -- the Writer interface --------------------------------------------------------------
    def write(self, x: Any) -> None:
        s0 = self._write_initial_lines(x if isinstance(x, str) else str(x))
        m = _TRAILING_WS.search(s0)
        s = s0[: m.start()] if m else s0
        ws = m.group() if m else None
        if not self.buffering:
            self._write_white_space()
            self.base.write(s)
            self.trailing_ws = ws
        else:
            old = self.pos
            self.pos += len(s0)
            self._add(Blob(s, ws, old, self.pos))

    def flush(self) -> None:
        self.ppflush()
        self.base.flush()

    def ppflush(self) -> None:
        """Write out everything buffered, breaking only where a decision was made."""
        if self.buffering:
            self._write_tokens(self.buffer, True)
            self.buffer = []
        else:
            self._write_white_space()

    @property
    def column(self) -> int:
        return self.base.column

    @property
    def max_column(self) -> int | None:
        return self.base.max_column

    # -- the pretty-printing interface -----------------------------------------------------
    def start_block(
        self, prefix: str | None, per_line_prefix: str | None, suffix: str | None
    ) -> None:
        lb = Block(self.block, prefix, per_line_prefix, suffix)
        self.block = lb
        if not self.buffering:
            self._write_white_space()
            if prefix:
                self.base.write(prefix)
            lb.start_col = lb.indent = self.base.column
        else:
            old = self.pos
            self.pos += len(prefix or "")
            self._add(BlockStart(lb, old, self.pos))

    def end_block(self) -> None:
        lb = self.block
        if not self.buffering:
            self._write_white_space()
            if lb.suffix:
                self.base.write(lb.suffix)
        else:
            old = self.pos
            self.pos += len(lb.suffix or "")
            self._add(BlockEnd(lb, old, self.pos))
        self.block = lb.parent or lb

    def newline(self, kind: str) -> None:
        """A conditional newline: "linear", "miser", "fill" or "mandatory"."""
        self.buffering = True
        self._add(Newline(kind, self.block, self.pos))

    def indent(self, relative_to: str, offset: int) -> None:
        """Set the indentation of the block's next lines, relative to its start ("block")
        or to the current column ("current")."""
        lb = self.block
        if not self.buffering:
            self._write_white_space()
            base = lb.start_col if relative_to == "block" else self.base.column
            lb.indent = offset + base
        else:
            self._add(Indent(lb, relative_to, offset, self.pos))

    # -- writing tokens --------------------------------------------------------------------
    def _write_white_space(self) -> None:
        if self.trailing_ws:
            self.base.write(self.trailing_ws)
        self.trailing_ws = None

    def _write_token(self, t: Token) -> None:
        base = self.base
        if isinstance(t, Blob):
            base.write(t.data)
        elif isinstance(t, Newline):
            if t.kind == "mandatory" or (t.kind != "fill" and t.block.done_nl):
                self._emit_nl(t)
            elif self.trailing_ws:
                base.write(self.trailing_ws)
            self.trailing_ws = None
        elif isinstance(t, BlockEnd):
            if t.block.suffix:
                base.write(t.block.suffix)
        elif isinstance(t, BlockStart):
            lb = t.block
            if lb.prefix:
                base.write(lb.prefix)
            lb.start_col = lb.indent = base.column
        elif isinstance(t, Indent):
            lb = t.block
            lb.indent = t.offset + (lb.start_col if t.relative_to == "block" else base.column)

    def _write_tokens(self, tokens: list[Token], force_trailing_ws: bool) -> None:
        for t in tokens:
            if not isinstance(t, Newline) and self.trailing_ws:
                self.base.write(self.trailing_ws)
            self._write_token(t)
            self.trailing_ws = t.trailing_ws
        if force_trailing_ws and self.trailing_ws:
            self.base.write(self.trailing_ws)
            self.trailing_ws = None

    def _emit_nl(self, t: Newline) -> None:
        self.base.write("\n")
        self.trailing_ws = None
        lb = t.block
        prefix = lb.per_line_prefix
        if prefix:
            self.base.write(prefix)
        self.base.write(" " * (lb.indent - len(prefix or "")))
        lb.intra_block_nl = False
        lb.done_nl = True
        b = lb.parent
        while b is not None:
            b.done_nl = b.intra_block_nl = True
            b = b.parent

    # -- deciding newlines -----------------------------------------------------------------
    def _fits(self, tokens: list[Token]) -> bool:
        maxcol = self.base.max_column
        return maxcol is None or self.base.column + _length(tokens) < maxcol

    def _linear_nl(self, lb: Block, section: list[Token]) -> bool:
        return lb.done_nl or not self._fits(section)

    def _miser_nl(self, lb: Block, section: list[Token]) -> bool:
        maxcol = self.base.max_column
        return bool(
            self.miser_width
            and maxcol
            and lb.start_col >= maxcol - self.miser_width
            and self._linear_nl(lb, section)
        )

    def _emit_nl_p(self, t: Newline, section: list[Token], subsection: list[Token]) -> bool:
        lb = t.block
        if t.kind == "linear":
            return self._linear_nl(lb, section)
        if t.kind == "miser":
            return self._miser_nl(lb, section)
        if t.kind == "fill":
            return lb.intra_block_nl or not self._fits(subsection) or self._miser_nl(lb, section)
        return True

    def _write_token_string(self, tokens: list[Token]) -> list[Token] | None:
        """Write tokens up to the first newline, decide it, and return what is left."""
        i = next((k for k, t in enumerate(tokens) if isinstance(t, Newline)), len(tokens))
        if i:
            self._write_tokens(tokens[:i], False)
        rest = tokens[i:]
        if not rest:
            return None
        nl = rest[0]
        assert isinstance(nl, Newline)
        lb = nl.block
        # The section runs to the next newline of an enclosing block; the subsection to the
        # next newline of this block or an enclosing one.
        j = k = len(rest)
        for m in range(1, len(rest)):
            t = rest[m]
            if isinstance(t, Newline):
                if t.block is lb:
                    k = min(k, m)
                elif lb.has_ancestor(t.block):
                    j, k = m, min(k, m)
                    break
        section, remainder = rest[1:j], rest[j:]
        result = rest
        if self._emit_nl_p(nl, section, rest[1:k]):
            self._emit_nl(nl)
            result = rest[1:]
        if not self._fits(result):
            left = self._write_token_string(section)
            if left == section:  # nothing of it could be written: force it out
                self._write_tokens(section, False)
                result = remainder
            else:
                result = (left or []) + remainder
        return result

    def _write_line(self) -> None:
        buffer = self.buffer
        while not self._fits(buffer):
            left = self._write_token_string(buffer)
            if left is None:
                buffer = []
                break
            if left == buffer:
                break
            buffer = left
        self.buffer = buffer

    def _add(self, t: Token) -> None:
        self.buffer.append(t)
        if not self._fits(self.buffer):
            self._write_line()

    def _write_buffered_output(self) -> None:
        self._write_line()
        if self.buffer:
            self._write_tokens(self.buffer, True)
            self.buffer = []

    def _write_initial_lines(self, s: str) -> str:
        """Write the lines of s before its last newline (deciding what is buffered first);
        return the text after it."""
        if "\n" not in s:
            return s
        lines = s.split("\n")
        prefix = self.block.per_line_prefix
        first = lines[0]
        if self.buffering:
            old = self.pos
            self.pos += len(first)
            self._add(Blob(first, None, old, self.pos))
            self._write_buffered_output()
        else:
            self._write_white_space()
            self.base.write(first)
        self.base.write("\n")
        for line in lines[1:-1]:
            self.base.write(line)
            self.base.write("\n")
            if prefix:
                self.base.write(prefix)
        return lines[-1]


# -- the printing state -------------------------------------------------------------------


class _State(threading.local):
    def __init__(self) -> None:
        self.level = 0
        self.length: int | None = None


state = _State()


class _Vars:
    """The dynamic vars of clojure.pprint (set by `install`)."""

    pretty: Var
    dispatch: Var
    right_margin: Var
    miser_width: Var
    suppress_namespaces: Var
    base: Var
    radix: Var


V = _Vars()


def install(*pprint_vars: Var) -> None:
    """Hand over the dynamic vars defined in clojure/pprint.jank: *print-pretty*,
    *print-pprint-dispatch*, *print-right-margin*, *print-miser-width*,
    *print-suppress-namespaces*, *print-base* and *print-radix*, in this order."""
    (
        V.pretty,
        V.dispatch,
        V.right_margin,
        V.miser_width,
        V.suppress_namespaces,
        V.base,
        V.radix,
    ) = pprint_vars


def _true(x: Any) -> bool:
    return x is not None and x is not False


def out() -> Any:
    return cv.OUT.deref()


def make_pretty_writer(writer: Any) -> PrettyWriter:
    return PrettyWriter(writer, V.right_margin.deref(), V.miser_width.deref())


def with_pretty_writer(writer: Any, body: Callable[[], Any]) -> Any:
    """Call body with *out* bound to a pretty writer over writer (unless it is one),
    flushing the buffered output afterwards."""
    pw = writer if isinstance(writer, PrettyWriter) else make_pretty_writer(writer)
    with bindings([(cv.OUT, pw)]):
        try:
            return body()
        finally:
            pw.ppflush()


def write_out(x: Any) -> bool:
    """Write x to *out* with the current dispatch, honouring *print-length*; true when the
    length limit was reached (and "..." written instead)."""
    max_length = cv.PRINT_LENGTH.deref()
    reached = state.length is not None and max_length is not None and state.length >= max_length
    if not _true(V.pretty.deref()):
        pr_leaf(x)
    elif reached:
        out().write("...")
    else:
        if state.length is not None:
            state.length += 1
        V.dispatch.deref()(x)
    return reached


def logical_block(
    prefix: str | None, per_line_prefix: str | None, suffix: str | None, body: Callable
) -> None:
    """Run body inside a logical block, or write "#" beyond *print-level*."""
    max_level = cv.PRINT_LEVEL.deref()
    w = out()
    if max_level is not None and state.level >= max_level:
        w.write("#")
        return
    saved = state.level, state.length
    state.level, state.length = state.level + 1, 0
    try:
        w.start_block(prefix, per_line_prefix, suffix)
        body()
        w.end_block()
    finally:
        state.level, state.length = saved


def within_length(count: int) -> bool:
    """print-length-loop's test: may the count-th item be printed?"""
    max_length = cv.PRINT_LENGTH.deref()
    return max_length is None or count < max_length


# -- leaves -------------------------------------------------------------------------------

_RADIX_PREFIX = {2: "#b", 8: "#o", 16: "#x"}
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def int_to_base(n: int, base: int) -> str:
    """n in base (2..36), lower-case digits, as Java's Integer.toString(n, base)."""
    if n == 0:
        return "0"
    digits = []
    m = abs(n)
    while m:
        m, d = divmod(m, base)
        digits.append(_DIGITS[d])
    return ("-" if n < 0 else "") + "".join(reversed(digits))


def _radix_prefix(base: int) -> str:
    return _RADIX_PREFIX.get(base, f"#{base}r")


def pr_leaf(x: Any) -> None:
    """`pr` x to *out*, with *print-base*/*print-radix* for integers and ratios and
    *print-suppress-namespaces* for symbols."""
    w = out()
    base = V.base.deref()
    radix = _true(V.radix.deref())
    if base != 10 or radix:
        if type(x) is int:
            if base == 10:
                w.write(str(x) + ".")
            else:
                w.write((_radix_prefix(base) if radix else "") + int_to_base(x, base))
            return
        if type(x) is Fraction:
            text = f"{int_to_base(x.numerator, base)}/{int_to_base(x.denominator, base)}"
            w.write((_radix_prefix(base) if radix else "") + text)
            return
    if isinstance(x, Symbol) and x.ns is not None and _true(V.suppress_namespaces.deref()):
        w.write(x.name)
        return
    pr_on(x, w)


# -- simple dispatch ----------------------------------------------------------------------


def _print_items(items: Iterator[Any], write_item: Callable[[Any], None], sep: str) -> None:
    """print-length-loop over items: write_item each, sep and a linear newline between."""
    w = out()
    count = 0
    for x in items:
        if count:
            w.write(sep)
            w.newline("linear")
        if not within_length(count):
            w.write("...")
            return
        write_item(x)
        count += 1


def _pprint_seq(xs: Any, prefix: str, suffix: str) -> None:
    logical_block(prefix, None, suffix, lambda: _print_items(to_iter(xs), write_out, " "))


_READER_MACROS = {
    Symbol(None, "quote"): "'",
    Symbol("clojure.core", "deref"): "@",
    Symbol(None, "var"): "#'",
    Symbol("clojure.core", "unquote"): "~",
}


def pprint_reader_macro(xs: Any) -> bool:
    """'x, @x, #'x and ~x for the two-element lists they read as."""
    head = rt.first(xs)
    macro = _READER_MACROS.get(head) if isinstance(head, Symbol) else None
    if macro is None or rt.count(xs) != 2:
        return False
    out().write(macro)
    write_out(rt.first(rt.next(xs)))
    return True


def _map_entry(entry: tuple[Any, Any]) -> None:
    k, v = entry

    def body() -> None:
        write_out(k)
        out().write(" ")
        out().newline("linear")
        state.length = 0
        write_out(v)

    logical_block(None, None, None, body)


def _map_prefix(m: Any) -> tuple[str, list[tuple[Any, Any]]]:
    """The open brace and the entries: `#:ns{` and the entries without their namespace when
    *print-namespace-maps* is on and every key has the same namespace, else `{`."""
    pairs = list(m.items()) if hasattr(m, "items") else [(e.key(), e.val()) for e in m]
    if _true(cv.PRINT_NAMESPACE_MAPS.deref()) and pairs:
        nss = {k.ns if isinstance(k, (Keyword, Symbol)) else None for k, _ in pairs}
        if len(nss) == 1 and None not in nss:
            ns = nss.pop()
            return f"#:{ns}{{", [(_strip_ns(k), v) for k, v in pairs]
    return "{", pairs


def _strip_ns(k: Any) -> Any:
    return keyword(None, k.name) if isinstance(k, Keyword) else Symbol(None, k.name)


def pprint_map(m: Any) -> None:
    """A map as Clojure's pprint-map lays it out (a record as a plain map, as Clojure does)."""
    prefix, pairs = ("{", list(m.items())) if isinstance(m, IRecord) else _map_prefix(m)
    logical_block(prefix, None, "}", lambda: _print_items(iter(pairs), _map_entry, ", "))


def pprint_ideref(x: Any) -> None:
    name = class_name(type(x)).rsplit(".", 1)[-1]
    prefix = f"#<{name}@{id(x):x}: "

    def body() -> None:
        w = out()
        w.indent("block", 2 - len(prefix))
        w.newline("linear")
        if isinstance(x, IPending) and not x.is_realized():
            write_out(keyword(None, "not-delivered"))
        else:
            write_out(x.deref())

    logical_block(prefix, None, ">", body)


def pprint_list(xs: Any) -> None:
    """A seq in parentheses, or 'x, @x, #'x, ~x for the reader macros' forms."""
    if not pprint_reader_macro(xs):
        _pprint_seq(xs, "(", ")")


def pprint_vector(v: Any) -> None:
    _pprint_seq(v, "[", "]")


def pprint_set(s: Any) -> None:
    _pprint_seq(s, "#{", "}")


def pprint_simple_default(x: Any) -> None:
    """Python lists and tuples as lists, dicts as maps (Clojure's arrays case), anything
    else as pr prints it."""
    if isinstance(x, (list, tuple)):
        _pprint_seq(x, "(", ")")
    elif isinstance(x, dict):
        pprint_map(x)
    else:
        pr_leaf(x)
