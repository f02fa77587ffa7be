"""The text of each top-level form of a loaded source, so a reload reads only what changed.

Reading costs about 70 µs a form; a reload of an unchanged 1000-form namespace must not pay
it. A `SourceIndex` keeps, for the last load of a file, each top-level form's text, the
namespace it was read in, its key and layout, and what the reader asked the namespace while
reading it (syntax-quote and `::alias/kw` resolution). A reload walks the new text from
form start to form start: where the text there starts with a known form's text (the next
form of the last load, else any form whose first line is the same), and the reader would
stop at the same place, and the namespace answers the reader's questions as it did, the
form's key is known without reading it. Everything else is read.
"""

from __future__ import annotations

from typing import Any

from ...runtime.symbols import Symbol
from ..ns_resolver import NamespaceResolver
from ..reader import Reader

# After a form that does not end with a closing delimiter, the reader stops at one of these.
_BOUNDARY = frozenset(' \t\n\r\f\v,;()[]{}"')
_CLOSERS = frozenset(')]}"')


class Span:
    """One top-level form of the last load: where its text starts and what it read as."""

    __slots__ = ("text", "ns", "key", "layout", "reads")

    def __init__(
        self, text: str, ns: str, key: bytes, layout: bytes, reads: tuple[tuple[str, Any, Any], ...]
    ) -> None:
        self.text, self.ns, self.key, self.layout, self.reads = text, ns, key, layout, reads

    def head(self) -> str:
        """The text up to the end of the form's first line."""
        return self.text.partition("\n")[0]

    def matches(self, text: str, pos: int, ns: str) -> bool:
        if self.ns != ns or not text.startswith(self.text, pos):
            return False
        end = pos + len(self.text)
        if end < len(text) and self.text[-1] not in _CLOSERS and text[end] not in _BOUNDARY:
            return False
        return not self.reads or RecordingResolver().answers(self.reads)

    def description(self) -> tuple:
        return (self.text, self.ns, self.key, self.layout, self.reads)


class SourceIndex:
    """The spans of one file's last load, found by order and by first line."""

    __slots__ = ("spans", "_by_head")

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self._by_head: dict[str, list[int]] | None = None

    def find(self, text: str, pos: int, ns: str, expected: int) -> int:
        """The index of the span whose text is at `pos`, trying `expected` first; -1."""
        spans = self.spans
        if expected < len(spans) and spans[expected].matches(text, pos, ns):
            return expected
        if self._by_head is None:
            self._by_head = {}
            for i, span in enumerate(spans):
                self._by_head.setdefault(span.head(), []).append(i)
        eol = text.find("\n", pos)
        head = text[pos : eol if eol >= 0 else len(text)]
        for i in self._by_head.get(head, ()):
            if spans[i].matches(text, pos, ns):
                return i
        return -1

    def description(self) -> tuple:
        return tuple(s.description() for s in self.spans)

    @classmethod
    def described(cls, d: tuple) -> SourceIndex:
        return cls([Span(*s) for s in d])


class RecordingResolver(NamespaceResolver):
    """The reader's resolver, noting each question and its answer (`Span.reads`), symbols
    as (ns, name) pairs so the record can be written to disk."""

    def __init__(self) -> None:
        super().__init__()
        self.reads: list[tuple[str, Any, Any]] = []

    def current_ns(self) -> str:
        answer = super().current_ns()
        self.reads.append(("current_ns", None, answer))
        return answer

    def resolve_alias(self, alias: str) -> str | None:
        answer = super().resolve_alias(alias)
        self.reads.append(("resolve_alias", alias, answer))
        return answer

    def resolve_symbol(self, sym: Symbol) -> Symbol:
        answer = super().resolve_symbol(sym)
        self.reads.append(("resolve_symbol", (sym.ns, sym.name), (answer.ns, answer.name)))
        return answer

    def answers(self, reads: tuple[tuple[str, Any, Any], ...]) -> bool:
        """Whether the namespace answers `reads` as it did."""
        for question, arg, answer in reads:
            if question == "current_ns":
                now: Any = NamespaceResolver.current_ns(self)
            elif question == "resolve_alias":
                now = NamespaceResolver.resolve_alias(self, arg)
            else:
                found = NamespaceResolver.resolve_symbol(self, Symbol(*arg))
                now = (found.ns, found.name)
            if now != answer:
                return False
        return True


def make_reader(
    text: str, file: str | None, line: int, column: int, resolver: NamespaceResolver
) -> Reader:
    """The reader loading uses for `text`: conditionals in .cljc and .jank files."""
    return Reader(
        text,
        file=file,
        allow_conditionals=file is None or not file.endswith(".clj"),
        resolver=resolver,
        line=line,
        column=column,
    )
