"""The EDN reader behind clojure.edn: Clojure's EdnReader, a restricted reader.

It reads data only: nil, booleans, numbers, strings, characters, symbols, keywords, lists,
vectors, maps, sets, `#:ns{}` maps, `##Inf`-style values, `^meta`, `#_` discards and tagged
elements. Code syntax raises a ReaderError: `'` `` ` `` `~` `@` at the start of a form,
`#(`, `#"`, `#'`, `#=`, `#?` and `::` keywords. Forms carry no position metadata.

Tagged elements look their tag up in the `:readers` map, then among the built-in `#inst` and
`#uuid` readers, then call the `:default` fn with the tag and the value.

Nesting is handled with an explicit stack, so deep data costs no Python frames.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from ...compiler.reader.errors import LiteralError, ReaderEOFError, ReaderError, clip
from ...compiler.reader.numbers import parse_number
from ...compiler.reader.strings import parse_char, unescape_string
from ...compiler.reader.tagged import BUILTIN_DATA_READERS
from ..interfaces import IObj, IPersistentMap
from ..lists import list_from
from ..maps import EMPTY_MAP, map_from_pairs
from ..printer import pr_str
from ..sets import EMPTY_SET, set_from
from ..streams import EOF, read_form, reader_for
from ..symbols import Keyword, Symbol, keyword, symbol
from ..vectors import vec

_WS = " \t\n\x0b\f\r\x1c-\x1f\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000,"
_SKIP = re.compile(f"(?:[{_WS}]+|;[^\n\r]*)*").match
# EDN's macro characters; all but # end a token, and every one ends a number.
_TOKEN = re.compile(f'[^{_WS}";^()\\[\\]{{}}\\\\]+').match
_NUMBER = re.compile(f'[^{_WS}";^()\\[\\]{{}}\\\\#]+').match
_CHAR_TOKEN = re.compile(f'.[^{_WS}";^()\\[\\]{{}}\\\\]*', re.S).match
_STRING_BODY = re.compile(r'[^"\\]*+(?:\\.[^"\\]*+)*+"', re.S).match
_SYMBOL_SHAPE = re.compile("[:]?([^0-9/].*/)?(/|[^0-9/][^/]*)", re.S).fullmatch
_NEWLINE = re.compile("\r\n?|\n")
_LITERALS = {"nil": None, "true": True, "false": False}
_SYMBOLIC = {"Inf": float("inf"), "-Inf": float("-inf"), "NaN": float("nan")}
_CODE_ONLY = {"'": "quote", "`": "syntax-quote", "~": "unquote", "@": "deref"}
_CLOSERS = {"(": ")", "[": "]", "{": "}", "#{": "}"}
_K_TAG = keyword(None, "tag")


class _Coll:
    """An open collection: its items so far."""

    __slots__ = ("opener", "close", "start", "items", "ns")

    def __init__(self, opener: str, start: int, ns: str | None = None) -> None:
        self.opener, self.start, self.ns = opener, start, ns
        self.close = _CLOSERS[opener]
        self.items: list[Any] = []


class _Wrapper:
    """A form waiting for the next form(s): `#_`, `^meta` or `#tag`."""

    __slots__ = ("kind", "start", "parts", "needs")

    def __init__(self, kind: str, start: int, parts: list[Any], needs: int) -> None:
        self.kind, self.start, self.parts, self.needs = kind, start, parts, needs


class EdnReader:
    """Reads successive EDN forms from `text`."""

    def __init__(
        self,
        text: str,
        readers: Any = None,
        default: Callable[[Symbol, Any], Any] | None = None,
    ) -> None:
        self.text = text
        self.pos = 0
        self.readers = readers
        self.default = default
        self._lines = [0, *(m.end() for m in _NEWLINE.finditer(text))]

    # -- errors ----------------------------------------------------------------------------
    def _error(self, message: str, offset: int, cls: type[ReaderError] = ReaderError) -> Any:
        line = bisect_right(self._lines, offset)
        return cls(message, None, line, offset - self._lines[line - 1] + 1, offset)

    def _eof(self, start: int, what: str = "EOF while reading") -> ReaderError:
        line = bisect_right(self._lines, start)
        column = start - self._lines[line - 1] + 1
        message = f"{what}, starting at line {line}, column {column}"
        return self._error(message, len(self.text), ReaderEOFError)

    def _literal(self, parse: Callable[[str], Any], source: str, offset: int) -> Any:
        try:
            return parse(source)
        except LiteralError as e:
            raise self._error(e.message, offset + e.offset) from None

    # -- reading ---------------------------------------------------------------------------
    def read(self, eof: Any) -> Any:
        """The next form, or `eof` when only whitespace and comments remain."""
        stack: list[Any] = []
        text, n = self.text, len(self.text)
        while True:
            pos = self.pos = _SKIP(text, self.pos).end()
            if pos >= n:
                if stack:
                    raise self._eof(stack[-1].start)
                return eof
            c = text[pos]
            if c in ")]}":
                self.pos = pos + 1
                top = stack[-1] if stack else None
                if not isinstance(top, _Coll) or top.close != c:
                    raise self._error(f"Unmatched delimiter: {c}", pos)
                stack.pop()
                value = self._build(top)
            else:
                value = self._start(c, pos, stack)
                if value is _PENDING:
                    continue
            while True:  # hand the value to whatever waits for it
                if not stack:
                    return value
                top = stack[-1]
                if isinstance(top, _Coll):
                    top.items.append(value)
                    break
                top.parts.append(value)
                if len(top.parts) < top.needs:
                    break
                stack.pop()
                value = self._unwrap(top)
                if value is _PENDING:
                    break

    def _start(self, c: str, pos: int, stack: list[Any]) -> Any:
        """The atom at `pos`, or _PENDING after opening a collection or a wrapper."""
        text = self.text
        if c in "([{":
            self.pos = pos + 1
            stack.append(_Coll(c, pos))
            return _PENDING
        if c == '"':
            m = _STRING_BODY(text, pos + 1)
            if m is None:
                raise self._eof(pos, "EOF while reading string")
            self.pos = m.end()
            return self._literal(unescape_string, m.group()[:-1], pos + 1)
        if c == "\\":
            m = _CHAR_TOKEN(text, pos + 1)
            if m is None:
                raise self._eof(pos, "EOF while reading character")
            self.pos = m.end()
            return self._literal(parse_char, m.group(), pos)
        if c == "^":
            self.pos = pos + 1
            stack.append(_Wrapper("meta", pos, [], 2))
            return _PENDING
        if c == "#":
            return self._dispatch(pos, stack)
        if c in _CODE_ONLY:
            raise self._error(f"EDN does not support {_CODE_ONLY[c]} ({c})", pos)
        if c.isdigit() or (c in "+-" and text[pos + 1 : pos + 2].isdigit()):
            m = _NUMBER(text, pos)
            self.pos = m.end()
            return self._literal(parse_number, m.group(), pos)
        m = _TOKEN(text, pos)
        self.pos = m.end()
        return self._token(m.group(), pos)

    def _token(self, token: str, pos: int) -> Any:
        value = _interpret(token)
        if value is _INVALID:
            raise self._error(f"Invalid token: {clip(token)}", pos)
        return value

    def _dispatch(self, pos: int, stack: list[Any]) -> Any:
        text = self.text
        c = text[pos + 1 : pos + 2]
        if not c:
            raise self._eof(pos, "EOF while reading character")
        self.pos = pos + 2
        if c == "{":
            stack.append(_Coll("#{", pos))
            return _PENDING
        if c == "_":
            stack.append(_Wrapper("discard", pos, [], 1))
            return _PENDING
        if c == "^":
            stack.append(_Wrapper("meta", pos, [], 2))
            return _PENDING
        if c == "#":
            m = _TOKEN(text, pos + 2)
            value = _SYMBOLIC.get(m.group()) if m is not None else None
            if value is None:
                raise self._error(f"Invalid token: ##{m.group() if m else ''}", pos)
            self.pos = m.end()
            return value
        if c == ":":
            return self._namespaced_map(pos, stack)
        if c == "<":
            raise self._error("Unreadable form", pos)
        if c.isalpha():
            m = _TOKEN(text, pos + 1)
            self.pos = m.end()
            tag = self._token(m.group(), pos + 1)
            if not isinstance(tag, Symbol):
                raise self._error(f"Reader tag must be a symbol: {pr_str(tag)}", pos)
            stack.append(_Wrapper("tag", pos, [tag], 2))
            return _PENDING
        raise self._error(f"No dispatch macro for: {c}", pos)

    def _namespaced_map(self, pos: int, stack: list[Any]) -> Any:
        text = self.text
        m = _TOKEN(text, pos + 2)
        ns = _interpret(m.group()) if m is not None else None
        if not isinstance(ns, Symbol) or ns.ns is not None:
            raise self._error("Namespaced map must specify a valid namespace", pos)
        p = _SKIP(text, m.end()).end()
        if p >= len(text):
            raise self._eof(pos)
        if text[p] != "{":
            raise self._error("Namespaced map must specify a map", pos)
        self.pos = p + 1
        stack.append(_Coll("{", pos, ns.name))
        return _PENDING

    # -- building values -------------------------------------------------------------------
    def _build(self, coll: _Coll) -> Any:
        items = coll.items
        if coll.opener == "(":
            return list_from(items)
        if coll.opener == "[":
            return vec(items)
        if coll.opener == "#{":
            s = set_from(items)
            if s.count() != len(items):
                self._duplicate(items, coll.start)
            return s
        if len(items) % 2:
            what = "Namespaced map literal" if coll.ns else "Map literal"
            raise self._error(f"{what} must contain an even number of forms", coll.start)
        keys = items[::2]
        if coll.ns is not None:
            keys = [_qualify(k, coll.ns) for k in keys]
        m = map_from_pairs(zip(keys, items[1::2], strict=True))
        if m.count() != len(keys):
            self._duplicate(keys, coll.start)
        return m

    def _duplicate(self, keys: list[Any], pos: int) -> None:
        seen = EMPTY_SET
        for k in keys:
            if seen.contains(k):
                raise self._error(f"Duplicate key: {pr_str(k)}", pos)
            seen = seen.conj(k)

    def _unwrap(self, w: _Wrapper) -> Any:
        if w.kind == "discard":
            return _PENDING
        if w.kind == "meta":
            return self._with_meta(w.parts[0], w.parts[1], w.start)
        tag, value = w.parts
        reader = None
        if self.readers is not None and tag in self.readers:
            reader = self.readers[tag]
        if reader is None:
            reader = BUILTIN_DATA_READERS.get(tag)
        if reader is not None:
            return self._call(reader, (value,), w.start)
        if self.default is None:
            raise self._error(f"No reader function for tag {tag}", w.start)
        return self._call(self.default, (tag, value), w.start)

    def _call(self, fn: Callable, args: tuple, pos: int) -> Any:
        """A data reader's result; a builtin's ValueError becomes a positioned error."""
        try:
            return fn(*args)
        except ValueError as e:
            if fn in BUILTIN_DATA_READERS.values():
                raise self._error(str(e), pos) from e
            raise

    def _with_meta(self, meta: Any, target: Any, pos: int) -> Any:
        if isinstance(meta, (Symbol, str)):
            entries: Any = ((_K_TAG, meta),)
        elif isinstance(meta, Keyword):
            entries = ((meta, True),)
        elif isinstance(meta, IPersistentMap):
            entries = meta.items()
        else:
            raise self._error("Metadata must be Symbol,Keyword,String or Map", pos)
        if not isinstance(target, IObj):
            raise self._error("Metadata can only be applied to IMetas", pos)
        merged = target.meta() or EMPTY_MAP
        for k, v in entries:
            merged = merged.assoc(k, v)
        return target.with_meta(merged)


_PENDING: Any = object()
_INVALID: Any = object()


def _interpret(token: str) -> Any:
    """The nil, boolean, symbol or keyword token spells, or _INVALID (EdnReader's rules:
    no `::` keywords, no trailing or doubled colons)."""
    if token in _LITERALS:
        return _LITERALS[token]
    m = _SYMBOL_SHAPE(token)
    if m is None or token.startswith("::") or "::" in token[1:]:
        return _INVALID
    ns, name = m.groups()
    if (ns is not None and ns.endswith(":/")) or name.endswith(":"):
        return _INVALID
    return keyword(token[1:]) if token[0] == ":" else symbol(token)


_NONE: Any = object()
_K_EOF = keyword(None, "eof")
_K_READERS = keyword(None, "readers")
_K_DEFAULT = keyword(None, "default")


def _reader(opts: Any, text: str) -> EdnReader:
    get = opts.val_at if opts is not None else lambda k: None
    return EdnReader(text, get(_K_READERS), get(_K_DEFAULT))


def _at_eof(opts: Any, reader: EdnReader) -> Any:
    """The :eof value of opts, or the "EOF while reading" error when it has none."""
    if opts is not None and opts.contains_key(_K_EOF):
        return opts.val_at(_K_EOF)
    raise reader._error("EOF while reading", len(reader.text), ReaderEOFError)


def read_string(opts: Any, s: str) -> Any:
    """`(clojure.edn/read-string opts s)`: the first form of s."""
    reader = _reader(opts, s)
    form = reader.read(_NONE)
    return _at_eof(opts, reader) if form is _NONE else form


def read_stream(opts: Any, stream: Any) -> Any:
    """`(clojure.edn/read opts stream)`: the next form of a Python text stream, read through
    the stream's pushback reader (runtime/streams.py), so `read` and `read-line` see the
    same text. The root *in* (no readline of its own) is sys.stdin."""
    form, _ = read_form(reader_for(stream), lambda text, line, column: _reader(opts, text))
    return _at_eof(opts, _reader(opts, "")) if form is EOF else form


def _qualify(key: Any, ns: str) -> Any:
    """A key of `#:ns{...}`: unqualified keys get `ns`, `:_/k` loses its namespace."""
    if isinstance(key, Keyword):
        if key.ns is None:
            return keyword(ns, key.name)
        if key.ns == "_":
            return keyword(None, key.name)
    elif isinstance(key, Symbol):
        if key.ns is None:
            return Symbol(ns, key.name)
        if key.ns == "_":
            return Symbol(None, key.name)
    return key
