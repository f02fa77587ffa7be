"""The reader: Clojure source text → forms.

Recursive descent with one handler per macro character, as Clojure's LispReader, but every
run of characters (whitespace and comments, symbols, numbers, strings) is consumed by one
compiled regex, never a Python loop per character: reading is on the load path of every
file and REPL eval. Nesting too deep for the Python stack surfaces as a ReaderError.

Forms that can carry metadata get their source span as `{:line :column :end-line
:end-column}` (+ `:file`), 1-based like Clojure, the end being the column just past the form.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Container, Iterator, Mapping
from functools import lru_cache, partial
from typing import Any

from ...runtime.exceptions import register_class_name
from ...runtime.interfaces import IObj, IPersistentList, IPersistentMap, IPersistentVector
from ...runtime.lists import list_, list_from
from ...runtime.maps import EMPTY_MAP, PersistentArrayMap, map_from_pairs
from ...runtime.printer import pr_str
from ...runtime.sets import EMPTY_SET, set_from
from ...runtime.symbols import Keyword, Symbol, keyword, symbol
from ...runtime.vectors import vec
from .errors import LiteralError, ReaderEOFError, ReaderError, clip
from .numbers import parse_number
from .regex import compile_regex
from .resolver import DefaultResolver, Resolver
from .strings import parse_char, unescape_string
from .syntax_quote import (
    UNQUOTE,
    UNQUOTE_SPLICING,
    SyntaxQuoteError,
    next_id,
    syntax_quote,
)
from .tagged import BUILTIN_DATA_READERS


class _Sentinel:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


EOF: Any = _Sentinel("EOF")
"""What `Reader.read()` returns once the text holds no more forms."""
_NOTHING: Any = _Sentinel("NOTHING")  # a discard, a comment, an unmatched #? branch
_CLOSED: Any = _Sentinel("CLOSED")  # a #? list ended where a form was expected
_RAISE: Any = _Sentinel("RAISE")

DEFAULT_FEATURES = frozenset((keyword(None, "pyjank"), keyword(None, "default")))
_DEFAULT_FEATURE = keyword(None, "default")
_RESERVED_FEATURES = frozenset((keyword(None, "else"), keyword(None, "none")))

# Java's Character.isWhitespace, plus the comma.
_WS = " \t\n\x0b\f\r\x1c-\x1f\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000,"
_TERMINATING = r'";@^`~()\[\]{}\\'  # macro characters that end a symbol
_SYMBOL_CHAR = "[^" + _WS + _TERMINATING + "]"
_NUMBER_CHAR = "[^" + _WS + _TERMINATING + "#'%]"  # numbers end at every macro character
_SKIP_PATTERN = "(?:[" + _WS + "]+|;[^\n\r]*)*+"  # whitespace and comments
_SKIP = re.compile(_SKIP_PATTERN).match
_SYMBOL_TOKEN = re.compile(_SYMBOL_CHAR + "+").match
_NUMBER_TOKEN = re.compile(_NUMBER_CHAR + "+").match
# Skip, then a number (group 1) or a symbol-like token (group 2); when neither matches, the
# next character is a macro character (# ' % start no symbol) or the text has ended.
_NEXT_TOKEN = re.compile(
    f"{_SKIP_PATTERN}(?:([+-]?[0-9]{_NUMBER_CHAR}*)|({_NUMBER_CHAR}{_SYMBOL_CHAR}*))?"
).match
_CHAR_TOKEN = re.compile("." + _SYMBOL_CHAR + "*", re.S).match
_STRING_BODY = re.compile(r'[^"\\]*+(?:\\.[^"\\]*+)*+"', re.S).match
_LINE_REST = re.compile("[^\n\r]*").match
_NEWLINE = re.compile("\r\n?|\n")
_DIGITS = frozenset("0123456789")

# Clojure's symbolPat; a token is a symbol or keyword only if it matches in full.
_SYMBOL_SHAPE = re.compile("[:]?([^0-9/].*/)?(/|[^0-9/][^/]*)", re.S).fullmatch
_SYM, _KW, _AUTO_KW, _LITERAL = range(4)
_LITERALS = {"nil": None, "true": True, "false": False}
_SYMBOLIC_VALUES = {"Inf": float("inf"), "-Inf": float("-inf"), "NaN": float("nan")}

_QUOTE = Symbol(None, "quote")
_VAR = Symbol(None, "var")
_FN = Symbol(None, "fn*")
_AMP = Symbol(None, "&")
_DEREF = Symbol("clojure.core", "deref")
_MAX_ARG = 20
MAX_NESTING = 1000
"""Deepest nesting of collections and reader macros read (a ReaderError beyond)."""

_K_LINE = keyword(None, "line")
_K_COLUMN = keyword(None, "column")
_K_END_LINE = keyword(None, "end-line")
_K_END_COLUMN = keyword(None, "end-column")
_K_FILE = keyword(None, "file")
_K_TAG = keyword(None, "tag")
_K_PARAM_TAGS = keyword(None, "param-tags")


class SourceMeta(PersistentArrayMap):
    """The position metadata the reader attaches to a form. Its own class so the per-form
    cache can tell reader positions from user data: it relocates them when a form moves, and
    `reads` counts lookups of a position, which tell the analyzer a macro looked at one (the
    expansion may then embed a line number, and the cached form is reused only in place)."""

    __slots__ = ()
    reads = 0

    def val_at(self, k: Any, not_found: Any = None) -> Any:
        if k is _K_LINE or k is _K_COLUMN or k is _K_END_LINE or k is _K_END_COLUMN:
            SourceMeta.reads += 1
        return PersistentArrayMap.val_at(self, k, not_found)

    def entry_at(self, k: Any) -> Any:
        if k is _K_LINE or k is _K_COLUMN or k is _K_END_LINE or k is _K_END_COLUMN:
            SourceMeta.reads += 1
        return PersistentArrayMap.entry_at(self, k)

    def span(self) -> tuple[int, int, int, int]:
        """(line, column, end line, end column), not counted as a read."""
        return self._vals[:4]


register_class_name(SourceMeta, "clojure.lang.PersistentArrayMap")  # what `class` shows

DataReaders = Mapping[Symbol, Callable[[Any], Any]]
"""A dict or a Clojure map (`*data-readers*`): both answer `in` and `[]`."""


@lru_cache(maxsize=8192)
def _classify(token: str) -> tuple[int, Any, Any] | None:
    """What a non-numeric token is: (_SYM, ns, name), (_KW, keyword, None),
    (_AUTO_KW, alias-or-None, name), (_LITERAL, value, None), or None when invalid.

    Cached: the same symbols recur throughout a file.
    """
    if token in _LITERALS:
        return _LITERAL, _LITERALS[token], None
    m = _SYMBOL_SHAPE(token)
    if m is None:
        return None
    ns, name = m.groups()
    if (ns is not None and ns.endswith(":/")) or name.endswith(":") or "::" in token[1:]:
        return None
    if token.startswith("::"):
        sym = symbol(token[2:])
        return _AUTO_KW, sym.ns, sym.name
    if token[0] == ":":
        return _KW, keyword(token[1:]), None
    sym = symbol(token)
    return _SYM, sym.ns, sym.name


def _display(x: Any) -> str:
    """A value as Clojure's messages show it (Java's toString: strings bare, else pr-str)."""
    return x if isinstance(x, str) else pr_str(x)


def _qualify_key(key: Any, ns: str) -> Any:
    """A key of `#:ns{...}`: unqualified keys get `ns`, `:_/k` loses its namespace."""
    if isinstance(key, Keyword):
        if key.ns is None:
            return keyword(ns, key.name)
        if key.ns == "_":
            return keyword(None, key.name)
    elif isinstance(key, Symbol):
        if key.ns is None:
            return Symbol(ns, key.name, key.meta())
        if key.ns == "_":
            return Symbol(None, key.name, key.meta())
    return key


class Reader:
    """Reads the forms of one text in turn.

    `read()` returns the next form, or `EOF` (or its `eof` argument) when none is left;
    afterwards `form_start`/`form_end` are the character offsets of that top-level form in
    the text (its reader macros included, leading comments and discards not) and
    `position(offset)` converts an offset to (line, column). After a ReaderError the reader
    stays at the point of the error.

    Options: `file` goes into errors and `:file` metadata; `line`/`column` say where the
    text starts in its file (an nREPL eval of a region), so positions refer to the file.
    `allow_conditionals` enables `#?`/`#?@` (the loader sets it for .cljc and .jank files),
    matched against `features` (`:default` always matches). `resolver` answers `::kw`,
    `#::{}` and syntax-quote (default: namespace `user`, no aliases). `data_readers` maps
    tag symbols to fns of the value, consulted before `#inst`/`#uuid`;
    `default_data_reader_fn(tag, value)` handles any other tag.
    """

    def __init__(
        self,
        text: str,
        *,
        file: str | None = None,
        features: Container[Keyword] = DEFAULT_FEATURES,
        allow_conditionals: bool = False,
        resolver: Resolver | None = None,
        data_readers: DataReaders | None = None,
        default_data_reader_fn: Callable[[Symbol, Any], Any] | None = None,
        line: int = 1,
        column: int = 1,
    ) -> None:
        self.text = text
        self.file = file
        self.features = features
        self.allow_conditionals = allow_conditionals
        self.resolver: Resolver = resolver if resolver is not None else DefaultResolver()
        self.data_readers = data_readers
        self.default_data_reader_fn = default_data_reader_fn
        self.pos = 0
        self.form_start = 0
        self.form_end = 0
        self._n = len(text)
        self._line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
        self._first_line = line
        self._first_column = column
        # The line of the last position looked up: reading moves forward, so most lookups
        # hit it without a bisect.
        self._line_lo = 0
        self._line_hi = -1
        self._line_no = line
        self._column_base = column
        self._pos_keys = (_K_LINE, _K_COLUMN, _K_END_LINE, _K_END_COLUMN)
        self._file_value: tuple[str, ...] = ()
        if file is not None:
            self._pos_keys += (_K_FILE,)
            self._file_value = (file,)
        self._arg_env: dict[int, str] | None = None  # inside #(): %n → parameter name
        self._pending: list[Any] = []  # forms spliced by #?@, in reverse order
        self._depth = 0  # collections open, to reject #?@ at the top level
        self._nesting = 0  # collections and reader macros open
        self._suppress = 0  # > 0 inside #? branches that were not selected

    # -- public ------------------------------------------------------------------------
    def read(self, eof: Any = EOF) -> Any:
        """The next top-level form, or `eof` when only whitespace and comments remain."""
        text = self.text
        try:
            while True:
                pos = _SKIP(text, self.pos).end()
                self.pos = self.form_start = self.form_end = pos
                if pos >= self._n:
                    return eof
                handler = _MACROS.get(text[pos])
                form = self._read_token(pos) if handler is None else handler(self, pos)
                if form is not _NOTHING:
                    self.form_end = self.pos
                    return form
        except RecursionError:
            error = self._error("Form nested too deeply", self.pos)
            self._reset()
            raise error from None
        except ReaderError:
            self._reset()
            raise

    def __iter__(self) -> Iterator[Any]:
        while (form := self.read()) is not EOF:
            yield form

    def skip(self, pos: int) -> int:
        """The offset of the first character from `pos` on that is neither whitespace nor
        in a comment: where `read()` would look for a form."""
        return _SKIP(self.text, pos).end()

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of a character offset, 1-based."""
        if self._line_lo <= offset < self._line_hi:
            return self._line_no, offset - self._line_lo + self._column_base
        starts = self._line_starts
        i = bisect_right(starts, offset) - 1
        self._line_lo = starts[i]
        self._line_hi = starts[i + 1] if i + 1 < len(starts) else sys.maxsize
        self._line_no = i + self._first_line
        self._column_base = self._first_column if i == 0 else 1
        return self._line_no, offset - self._line_lo + self._column_base

    # -- the reading loop ------------------------------------------------------------------
    def _reset(self) -> None:
        self._arg_env = None
        self._pending.clear()
        self._depth = 0
        self._nesting = 0
        self._suppress = 0

    def _forms(self, close: str | None, start: int) -> Iterator[Any]:
        """The forms up to `close` (consumed), passing over whitespace, comments and forms
        that read as nothing; at the end of the text, ReaderEOFError for the form that began
        at `start`. A generator: resuming one costs less than a call per form.
        """
        text = self.text
        n = self._n
        pending = self._pending
        next_token = _NEXT_TOKEN
        while True:
            if pending:
                yield pending.pop()
                continue
            m = next_token(text, self.pos)
            pos = m.end()
            kind = m.lastindex
            if kind == 2:
                self.pos = pos
                yield self._symbol(m.group(2), m.start(2), pos)
            elif kind == 1:
                self.pos = pos
                yield self._literal(parse_number, m.group(1), m.start(1))
            elif pos >= n:
                raise self._eof_error(start)
            elif text[pos] == close:
                self.pos = pos + 1
                return
            else:
                form = _MACROS[text[pos]](self, pos)
                if form is not _NOTHING:
                    yield form

    def _next_form(self, start: int) -> Any:
        """The next form, for a reader macro that began at `start` (`'`, `^`, `#_` ...)."""
        self._nest(start)
        form = next(self._forms(None, start))
        self._nesting -= 1
        return form

    def _read_coll(self, start: int, pos: int, close: str) -> list[Any]:
        """The forms up to `close`, reading from `pos`; the collection began at `start`."""
        self._nest(start)
        self.pos = pos
        self._depth += 1
        items = list(self._forms(close, start))
        self._depth -= 1
        self._nesting -= 1
        return items

    def _nest(self, start: int) -> None:
        """Count one more level of nesting; each costs C stack (list() and next() over a
        generator), so the depth is bounded even when the recursion limit is raised."""
        self._nesting += 1
        if self._nesting > MAX_NESTING:
            raise self._error("Form nested too deeply", start)

    # -- errors and positions --------------------------------------------------------------
    def _error(
        self, message: str, offset: int, cls: type[ReaderError] = ReaderError
    ) -> ReaderError:
        line, column = self.position(offset)
        return cls(message, self.file, line, column, offset)

    def _eof_error(self, start: int, what: str = "EOF while reading") -> ReaderError:
        line, column = self.position(start)
        message = f"{what}, starting at line {line}, column {column}"
        return self._error(message, self._n, ReaderEOFError)

    def _form_error(self, message: str, form: Any, offset: int) -> ReaderError:
        """An error located at `form`'s position metadata, else at `offset`."""
        meta = form.meta() if isinstance(form, IObj) else None
        if meta is not None and meta.contains_key(_K_LINE):
            line, column = meta.val_at(_K_LINE), meta.val_at(_K_COLUMN)
            return ReaderError(message, self.file, line, column)
        return self._error(message, offset)

    def _literal(self, parse: Callable[[str], Any], source: str, offset: int) -> Any:
        """`parse(source)`, its LiteralError located relative to `offset`."""
        try:
            return parse(source)
        except LiteralError as e:
            raise self._error(e.message, offset + e.offset) from None

    def _token_meta(self, start: int, end: int) -> SourceMeta:
        """Position metadata of a token, which never spans lines."""
        if self._line_lo <= start < self._line_hi:  # position()'s fast path, inlined
            line = self._line_no
            column = start - self._line_lo + self._column_base
        else:
            line, column = self.position(start)
        values = (line, column, line, column + end - start) + self._file_value
        # Keyword keys need no boxing, so the map can be built from the two tuples at once.
        return SourceMeta(self._pos_keys, values)

    def _span_meta(self, start: tuple[int, int]) -> SourceMeta:
        """Position metadata of a form that began at (line, column) `start` and ends here.

        Callers look `start` up before reading the form's contents, so that both lookups
        hit position()'s cached line instead of bisecting back and forth.
        """
        end_line, end_column = self.position(self.pos)
        values = (*start, end_line, end_column) + self._file_value
        return SourceMeta(self._pos_keys, values)

    # -- tokens ----------------------------------------------------------------------------
    def _read_token(self, pos: int) -> Any:
        """A number, symbol, keyword, nil, true or false starting at `pos`."""
        text = self.text
        c = text[pos]
        if c in _DIGITS or (c in "+-" and text[pos + 1 : pos + 2] in _DIGITS):
            m = _NUMBER_TOKEN(text, pos)
            self.pos = m.end()
            return self._literal(parse_number, m.group(), pos)
        m = _SYMBOL_TOKEN(text, pos)
        self.pos = m.end()
        return self._symbol(m.group(), pos, m.end())

    def _symbol(self, token: str, start: int, end: int) -> Any:
        """The symbol, keyword, nil, true or false spelled `token`."""
        shape = _classify(token)
        if shape is None:
            raise self._error(f"Invalid token: {clip(token)}", start)
        kind, a, b = shape
        if kind == _SYM:
            return Symbol(a, b, self._token_meta(start, end))
        if kind != _AUTO_KW:
            return a
        ns = self.resolver.current_ns() if a is None else self._resolve_alias(a, start)
        return keyword(ns, b)

    def _resolve_alias(self, alias: str, pos: int) -> str:
        full = self.resolver.resolve_alias(alias)
        if full is not None:
            return full
        if self._suppress:
            return alias  # a branch for another platform may use aliases we lack
        raise self._error(f"Unknown auto-resolved namespace alias: {alias}", pos)

    def _read_string(self, pos: int) -> str:
        m = _STRING_BODY(self.text, pos + 1)
        if m is None:
            raise self._eof_error(pos, "EOF while reading string")
        self.pos = m.end()
        return self._literal(unescape_string, m.group()[:-1], pos + 1)

    def _read_char(self, pos: int) -> Any:
        m = _CHAR_TOKEN(self.text, pos + 1)
        if m is None:
            raise self._eof_error(pos, "EOF while reading character")
        self.pos = m.end()
        return self._literal(parse_char, m.group(), pos)

    def _read_arg(self, pos: int) -> Any:
        """`%`, `%n`, `%&` inside `#()`; elsewhere `%` starts an ordinary symbol."""
        env = self._arg_env
        if env is None:
            return self._read_token(pos)
        m = _SYMBOL_TOKEN(self.text, pos)
        token = m.group()
        self.pos = m.end()
        digits = token[1:]
        if token == "%":
            n = 1
        elif token == "%&":
            n = -1
        elif digits.isascii() and digits.isdigit():
            n = int(digits)
            if not 1 <= n <= _MAX_ARG:
                raise self._error(f"arg literal {token} out of range: %1 to %{_MAX_ARG}", pos)
        else:
            raise self._error("arg literal must be %, %& or %integer", pos)
        name = env.get(n)
        if name is None:
            name = env[n] = _arg_name(n)
        return Symbol(None, name, self._token_meta(pos, self.pos))

    # -- collections -----------------------------------------------------------------------
    def _read_list(self, pos: int) -> Any:
        start = self.position(pos)
        items = self._read_coll(pos, pos + 1, ")")
        return list_from(items).with_meta(self._span_meta(start))

    def _read_vector(self, pos: int) -> Any:
        start = self.position(pos)
        items = self._read_coll(pos, pos + 1, "]")
        return vec(items).with_meta(self._span_meta(start))

    def _read_map(self, pos: int) -> Any:
        start = self.position(pos)
        kvs = self._read_coll(pos, pos + 1, "}")
        odd = "Map literal must contain an even number of forms"
        return self._map(kvs, pos, odd).with_meta(self._span_meta(start))

    def _map(self, kvs: list[Any], pos: int, odd_message: str) -> Any:
        if len(kvs) % 2:
            raise self._error(odd_message, pos)
        keys = kvs[::2]
        m = map_from_pairs(zip(keys, kvs[1::2], strict=True))
        if m.count() != len(keys):
            self._reject_duplicate(keys, pos)
        return m

    def _read_set(self, pos: int) -> Any:
        start = self.position(pos)
        items = self._read_coll(pos, pos + 2, "}")
        s = set_from(items)
        if s.count() != len(items):
            self._reject_duplicate(items, pos)
        return s.with_meta(self._span_meta(start))

    def _reject_duplicate(self, keys: list[Any], pos: int) -> None:
        seen = EMPTY_SET
        for k in keys:
            if seen.contains(k):
                raise self._error(f"Duplicate key: {_display(k)}", pos)
            seen = seen.conj(k)

    def _unmatched(self, pos: int) -> Any:
        raise self._error(f"Unmatched delimiter: {self.text[pos]}", pos)

    # -- quoting ---------------------------------------------------------------------------
    def _wrap(self, pos: int, width: int, head: Symbol) -> Any:
        """`(head form)` for a reader macro `width` characters wide, e.g. 'x → (quote x)."""
        start = self.position(pos)
        self.pos = pos + width
        form = self._next_form(pos)
        return list_(head, form).with_meta(self._span_meta(start))

    def _read_quote(self, pos: int) -> Any:
        return self._wrap(pos, 1, _QUOTE)

    def _read_deref(self, pos: int) -> Any:
        return self._wrap(pos, 1, _DEREF)

    def _read_var(self, pos: int) -> Any:
        return self._wrap(pos, 2, _VAR)

    def _read_unquote(self, pos: int) -> Any:
        if self.text.startswith("@", pos + 1):
            return self._wrap(pos, 2, UNQUOTE_SPLICING)
        return self._wrap(pos, 1, UNQUOTE)

    def _read_syntax_quote(self, pos: int) -> Any:
        self.pos = pos + 1
        form = self._next_form(pos)
        if self._suppress:
            return None
        try:
            return syntax_quote(form, self.resolver)
        except SyntaxQuoteError as e:
            raise self._form_error(str(e), e.form, pos) from None

    # -- metadata --------------------------------------------------------------------------
    def _read_meta(self, pos: int) -> Any:
        """`^meta form` (also the old `#^`): merge meta into form's, the outer `^` winning."""
        self.pos = pos + (2 if self.text[pos] == "#" else 1)
        meta = self._next_form(pos)
        target = self._next_form(pos)
        if self._suppress:
            return target
        if isinstance(meta, Keyword):
            entries: Any = ((meta, True),)
        elif isinstance(meta, (Symbol, str)):
            entries = ((_K_TAG, meta),)
        elif isinstance(meta, IPersistentMap):
            entries = meta.items()
        elif isinstance(meta, IPersistentVector):
            entries = ((_K_PARAM_TAGS, meta),)
        else:
            raise self._error("Metadata must be Symbol, Keyword, String, Map or Vector", pos)
        if not isinstance(target, IObj):
            raise self._error("Metadata can only be applied to IMetas", pos)
        merged = target.meta()
        if merged is None:
            merged = EMPTY_MAP
        for k, v in entries:
            merged = merged.assoc(k, v)
        return target.with_meta(merged)

    # -- dispatch: # -----------------------------------------------------------------------
    def _read_dispatch(self, pos: int) -> Any:
        c = self.text[pos + 1 : pos + 2]
        if not c:
            raise self._eof_error(pos, "EOF while reading character")
        handler = _DISPATCH.get(c)
        if handler is not None:
            return handler(self, pos)
        if _SYMBOL_TOKEN(self.text, pos + 1) is None:
            raise self._error(f"No dispatch macro for: {c}", pos)
        return self._read_tagged(pos)

    def _read_fn(self, pos: int) -> Any:
        """`#(...)` → `(fn* [p1__N# ...] (...))`."""
        if self._arg_env is not None:
            raise self._error("Nested #()s are not allowed", pos)
        start = self.position(pos)
        env = self._arg_env = {}
        body = self._read_list(pos + 1)
        self._arg_env = None
        arity = max((n for n in env if n > 0), default=0)
        params = [Symbol(None, env.get(n) or _arg_name(n)) for n in range(1, arity + 1)]
        if -1 in env:
            params += (_AMP, Symbol(None, env[-1]))
        return list_(_FN, vec(params), body).with_meta(self._span_meta(start))

    def _read_regex(self, pos: int) -> Any:
        m = _STRING_BODY(self.text, pos + 2)
        if m is None:
            raise self._eof_error(pos, "EOF while reading regex")
        self.pos = m.end()
        if self._suppress:
            return None  # another platform's regex dialect
        return self._literal(compile_regex, m.group()[:-1], pos)

    def _read_discard(self, pos: int) -> Any:
        self.pos = pos + 2
        self._next_form(pos)
        return _NOTHING

    def _read_line_comment(self, pos: int) -> Any:
        self.pos = _LINE_REST(self.text, pos).end()
        return _NOTHING

    def _read_symbolic(self, pos: int) -> float:
        m = _SYMBOL_TOKEN(self.text, pos + 2)
        if m is None:
            raise self._error("Invalid token: ##", pos)
        value = _SYMBOLIC_VALUES.get(m.group())
        if value is None:
            raise self._error(f"Unknown symbolic value: ##{m.group()}", pos)
        self.pos = m.end()
        return value

    def _read_eval(self, pos: int) -> Any:
        raise self._error("EvalReader not allowed when *read-eval* is false.", pos)

    def _unreadable(self, pos: int) -> Any:
        raise self._error("Unreadable form", pos)

    def _read_tagged(self, pos: int) -> Any:
        """`#tag form`: data_readers first, then #inst/#uuid, then the default fn."""
        tag = self._read_token(pos + 1)
        if not isinstance(tag, Symbol):
            raise self._error(f"Reader tag must be a symbol: {_display(tag)}", pos)
        value = self._next_form(pos)
        if self._suppress:
            return None
        readers = self.data_readers
        reader = readers[tag] if readers is not None and tag in readers else None
        if reader is None:
            reader = BUILTIN_DATA_READERS.get(tag)
        if reader is None:
            if self.default_data_reader_fn is None:
                raise self._error(f"No reader function for tag {tag}", pos)
            reader = partial(self.default_data_reader_fn, tag)
        try:
            return reader(value)
        except Exception as e:  # a data reader is user code: report it at the literal
            raise self._error(str(e) or type(e).__name__, pos) from e

    def _read_conditional(self, pos: int) -> Any:
        """`#?(:feature form ...)` and the splicing `#?@(...)`."""
        text = self.text
        if not self.allow_conditionals:
            raise self._error("Conditional read not allowed", pos)
        splicing = text.startswith("@", pos + 2)
        p = _SKIP(text, pos + 2 + splicing).end()
        if p >= self._n:
            raise self._eof_error(pos)
        if text[p] != "(":
            raise self._error("read-cond body must be a list", pos)
        if self._suppress:
            self._read_coll(pos, p + 1, ")")
            return None  # inside an unselected branch: one opaque form
        self._nest(pos)
        self.pos = p + 1
        result = self._select_branch(pos)
        self._nesting -= 1
        if result is _NOTHING or not splicing:
            return result
        if not isinstance(result, (IPersistentList, IPersistentVector)):
            raise self._error("Spliced form in read-cond-splicing must be a list or vector", pos)
        if self._depth == 0:
            raise self._error("Reader conditional splicing not allowed at the top level", pos)
        self._pending.extend(reversed(list(result)))
        return _NOTHING

    def _select_branch(self, pos: int) -> Any:
        """The form of the first feature that matches, _NOTHING if none does; the other
        branches are read with `_suppress` up, so their platform-specific bits pass."""
        result = _NOTHING
        forms = self._forms(")", pos)
        for feature in forms:
            if not isinstance(feature, Keyword):
                raise self._error(f"Feature should be a keyword: {_display(feature)}", pos)
            if feature in _RESERVED_FEATURES:
                raise self._error(f"Feature name {feature} is reserved", pos)
            selected = result is _NOTHING and (
                feature is _DEFAULT_FEATURE or feature in self.features
            )
            if not selected:
                self._suppress += 1
            form = next(forms, _CLOSED)
            if not selected:
                self._suppress -= 1
            if form is _CLOSED:
                raise self._error("read-cond requires an even number of forms", pos)
            if selected:
                result = form
        return result

    def _read_namespaced_map(self, pos: int) -> Any:
        """`#:ns{...}`, `#::{...}` (current namespace) and `#::alias{...}`."""
        text = self.text
        p = pos + 2
        auto = text.startswith(":", p)
        p += auto
        m = _SYMBOL_TOKEN(text, p)
        if m is not None:
            shape = _classify(m.group())
            if shape is None or shape[0] != _SYM or shape[1] is not None:
                message = f"Namespaced map must specify a valid namespace: {m.group()}"
                raise self._error(message, pos)
            ns = self._resolve_alias(shape[2], pos) if auto else shape[2]
            p = m.end()
        elif auto:
            ns = self.resolver.current_ns()
        else:
            raise self._error("Namespaced map must specify a namespace", pos)
        p = _SKIP(text, p).end()
        if p >= self._n:
            raise self._eof_error(pos)
        if text[p] != "{":
            raise self._error("Namespaced map must specify a map", pos)
        start = self.position(pos)
        kvs = self._read_coll(pos, p + 1, "}")
        kvs[::2] = [_qualify_key(k, ns) for k in kvs[::2]]
        odd = "Namespaced map literal must contain an even number of forms"
        return self._map(kvs, pos, odd).with_meta(self._span_meta(start))


def _arg_name(n: int) -> str:
    """The parameter name of `%n` (`%&` is n = -1); the `#` makes syntax-quote gensym it."""
    return f"{'rest' if n == -1 else f'p{n}'}__{next_id()}#"


_Handler = Callable[[Reader, int], Any]

_MACROS: dict[str, _Handler] = {
    "(": Reader._read_list,
    "[": Reader._read_vector,
    "{": Reader._read_map,
    ")": Reader._unmatched,
    "]": Reader._unmatched,
    "}": Reader._unmatched,
    '"': Reader._read_string,
    "\\": Reader._read_char,
    "'": Reader._read_quote,
    "@": Reader._read_deref,
    "~": Reader._read_unquote,
    "`": Reader._read_syntax_quote,
    "^": Reader._read_meta,
    "%": Reader._read_arg,
    "#": Reader._read_dispatch,
}

_DISPATCH: dict[str, _Handler] = {
    "(": Reader._read_fn,
    "{": Reader._read_set,
    '"': Reader._read_regex,
    "'": Reader._read_var,
    "_": Reader._read_discard,
    "?": Reader._read_conditional,
    ":": Reader._read_namespaced_map,
    "#": Reader._read_symbolic,
    "^": Reader._read_meta,
    "!": Reader._read_line_comment,
    "=": Reader._read_eval,
    "<": Reader._unreadable,
}


def read_string(text: str, *, eof: Any = _RAISE, **options: Any) -> Any:
    """The first form of `text` (options as for `Reader`).

    With no form in the text (empty, only whitespace, comments or discards) it returns
    `eof` if given, else raises ReaderEOFError("EOF while reading"), as Clojure's
    `read-string` does.
    """
    reader = Reader(text, **options)
    form = reader.read(_RAISE)
    if form is not _RAISE:
        return form
    if eof is _RAISE:
        raise reader._error("EOF while reading", reader.pos, ReaderEOFError)
    return eof


def read_all(text: str, **options: Any) -> list[Any]:
    """Every form of `text` (options as for `Reader`)."""
    return list(Reader(text, **options))
