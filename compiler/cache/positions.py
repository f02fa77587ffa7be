"""Reusing compiled code for a form that only moved (design §4: added lines above it).

A cached form is reused where it is now only when its *layout* — the positions inside it
relative to its start — is what it was, so every position in it moves by the same amount:
lines by the difference of the start lines, and columns on its first line by the difference
of the start columns. The code then needs only those positions rewritten:

- code objects: `co_firstlineno` (which shifts every line of the line table) and
  `co_filename`, recursively for nested code;
- constants holding positions of the form's own text: reader metadata (`SourceMeta`), the
  `:line`/`:column` the analyzer leaves on a quoted list (as Clojure's reader does), the
  metadata maps `def` builds (they have a namespace object under `:ns` and the form's
  `:line`, `:column` and `:file`), and a backend's objects whose type has
  `__pyjank_relocate__(shift)`.

A position outside the form's span (metadata copied from another form) stays as it is. What
cannot be rewritten — a line number a macro computed and embedded, found through
`Analysis.positional` — pins a cached form to the place it was compiled.
"""

from __future__ import annotations

from collections.abc import Callable
from types import CodeType
from typing import Any, NamedTuple

from ...runtime.lists import ASeq, list_from
from ...runtime.maps import PersistentArrayMap, PersistentHashMap, map_from_pairs
from ...runtime.namespaces import Namespace
from ...runtime.sets import PersistentHashSet, set_from
from ...runtime.symbols import Symbol, keyword
from ...runtime.vectors import PersistentVector, vec
from ..reader import SourceMeta

_KW_LINE = keyword(None, "line")
_KW_COLUMN = keyword(None, "column")
_KW_END_LINE = keyword(None, "end-line")
_KW_END_COLUMN = keyword(None, "end-column")
_KW_FILE = keyword(None, "file")
_KW_NS = keyword(None, "ns")
_NO_FILE = "NO_SOURCE_PATH"  # what `def` records without a file


class Position(NamedTuple):
    """Where a top-level form's text starts, and the line it ends on."""

    file: str | None
    line: int
    column: int
    end_line: int

    def code_file(self) -> str:
        """The file name its code objects carry."""
        return self.file or "NO_SOURCE_FILE"


class Shift:
    """The move of a form from `old` to `new` (same layout)."""

    __slots__ = ("old", "new", "lines", "columns")

    def __init__(self, old: Position, new: Position) -> None:
        self.old, self.new = old, new
        self.lines = new.line - old.line
        self.columns = new.column - old.column

    def owns(self, file: Any, line: Any) -> bool:
        """Whether a position lies in the form's text (where it was compiled)."""
        old = self.old
        return type(line) is int and file == old.file and old.line <= line <= old.end_line

    def point(self, line: int, column: Any) -> tuple[int, Any]:
        if line == self.old.line and type(column) is int:
            column += self.columns
        return line + self.lines, column


def relocate_code(code: CodeType, shift: Shift) -> CodeType:
    consts = tuple(
        relocate_code(c, shift) if isinstance(c, CodeType) else c for c in code.co_consts
    )
    return code.replace(
        co_firstlineno=code.co_firstlineno + shift.lines,
        co_filename=shift.new.code_file(),
        co_consts=consts,
    )


def relocate(x: Any, shift: Shift) -> Any:
    """`x` with the positions of the form's text moved; `x` itself when it has none."""
    t = type(x)
    if t is Symbol:
        return _with_meta(x, shift)
    if t is SourceMeta:
        return _source_meta(x, shift)
    if isinstance(x, ASeq):
        return _rebuilt(x, list_from, shift, _list_meta)
    if t is PersistentVector:
        return _rebuilt(x, vec, shift, relocate)
    if t is PersistentHashSet:
        return _rebuilt(x, set_from, shift, relocate)
    if t is PersistentArrayMap or t is PersistentHashMap:
        pairs = list(x.items())
        moved = [(relocate(k, shift), relocate(v, shift)) for k, v in pairs]
        if (position := _def_position(x)) is not None and shift.owns(*position):
            moved = _def_meta(moved, shift)
        if any(a[0] is not b[0] or a[1] is not b[1] for a, b in zip(pairs, moved, strict=True)):
            return _keep_meta(map_from_pairs(moved), x, shift)
        return _with_meta(x, shift)
    own = getattr(t, "__pyjank_relocate__", None)
    return x if own is None else own(x, shift)


def positional(x: Any, base: Position) -> bool:
    """Whether `x` holds a position of the form's text starting at `base` (what `relocate`
    would move), found without building anything."""
    owns = Shift(base, base).owns
    stack = [x]
    while stack:
        x = stack.pop()
        t = type(x)
        if t is SourceMeta:
            if owns(x.val_at(_KW_FILE), x.span()[0]):
                return True
            continue
        if t is PersistentArrayMap or t is PersistentHashMap:
            if (position := _def_position(x)) is not None and owns(*position):
                return True
            for kv in x.items():
                stack += kv
        elif isinstance(x, ASeq):
            if (m := x.meta()) is not None and (line := _quoted_line(m)) is not None:
                if owns(base.file, line):
                    return True
            stack += x
        elif t is PersistentVector or t is PersistentHashSet:
            stack += x
        elif hasattr(t, "__pyjank_relocate__"):
            return True
        elif t is not Symbol:
            continue
        m = x.meta()
        if m is not None:
            stack.append(m)
    return False


Mover = Callable[[Any, Shift], Any]


def _rebuilt(x: Any, build: Callable[[list[Any]], Any], shift: Shift, meta: Mover) -> Any:
    """A collection moved element by element (rebuilt only if one moved), and its metadata
    moved by `meta`."""
    items = list(x)
    moved = [relocate(i, shift) for i in items]
    m = x.meta()
    new_meta = m if m is None else meta(m, shift)
    if any(a is not b for a, b in zip(items, moved, strict=True)):
        x = build(moved)
    elif new_meta is m:
        return x
    return x if new_meta is None else x.with_meta(new_meta)


def _with_meta(x: Any, shift: Shift) -> Any:
    m = x.meta()
    if m is None:
        return x
    moved = relocate(m, shift)
    return x if moved is m else x.with_meta(moved)


def _keep_meta(new: Any, old: Any, shift: Shift) -> Any:
    m = old.meta()
    return new if m is None else new.with_meta(relocate(m, shift))


def _quoted_line(m: Any) -> int | None:
    """The line of a quoted list's metadata as the analyzer leaves it (Clojure's reader
    gives lists only `:line` and `:column`), else None."""
    if type(m) is SourceMeta or m.contains_key(_KW_FILE):
        return None
    line = m.val_at(_KW_LINE)
    return line if type(line) is int and type(m.val_at(_KW_COLUMN)) is int else None


def _list_meta(m: Any, shift: Shift) -> Any:
    """A list's metadata moved, its quoted-list position included (which names no file:
    a line in the form's span is the form's)."""
    line = _quoted_line(m)
    if line is not None and shift.owns(shift.old.file, line):
        line, column = shift.point(line, m.val_at(_KW_COLUMN))
        m = m.assoc(_KW_LINE, line).assoc(_KW_COLUMN, column)
    return relocate(m, shift)


def _source_meta(m: SourceMeta, shift: Shift) -> SourceMeta:
    values = dict(m.items())
    if not shift.owns(values.get(_KW_FILE), values.get(_KW_LINE)):
        return m
    values[_KW_LINE], values[_KW_COLUMN] = shift.point(values[_KW_LINE], values[_KW_COLUMN])
    if type(values.get(_KW_END_LINE)) is int:
        values[_KW_END_LINE], values[_KW_END_COLUMN] = shift.point(
            values[_KW_END_LINE], values.get(_KW_END_COLUMN)
        )
    if _KW_FILE in values:
        values[_KW_FILE] = shift.new.file
    return SourceMeta(tuple(values), tuple(values.values()))


def _def_position(m: Any) -> tuple[str | None, Any] | None:
    """(file, line) of metadata `def` made (it has a namespace under `:ns`), else None."""
    if not isinstance(m.val_at(_KW_NS), Namespace):
        return None
    file = m.val_at(_KW_FILE)
    return (None if file == _NO_FILE else file), m.val_at(_KW_LINE)


def _def_meta(pairs: list[tuple[Any, Any]], shift: Shift) -> list[tuple[Any, Any]]:
    """The positions `def` put in a var's metadata, moved."""
    values = dict(pairs)
    line, column = shift.point(values[_KW_LINE], values.get(_KW_COLUMN))
    moved = {_KW_LINE: line, _KW_COLUMN: column, _KW_FILE: shift.new.file or _NO_FILE}
    return [(k, moved.get(k, v)) for k, v in pairs]
