"""clojure.repl/source-fn: the text of the form a var was defined by, from its :file/:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...compiler import loader
from ...compiler.ns_resolver import NamespaceResolver
from ...compiler.reader import EOF, Reader, ReaderError


def _path(file: str) -> Path | None:
    """The file as given, else under a directory of the source path or the bundle."""
    p = Path(file)
    if p.is_file():
        return p
    for base in [*loader.source_path.dirs, loader.BUNDLED]:
        if (base / file).is_file():
            return base / file
    return None


def source_text(file: Any, line: Any, ns: Any) -> str | None:
    """The text of the form starting at line `line` of `file`, read in namespace `ns`;
    None when the file or the form cannot be read."""
    if not isinstance(file, str) or not isinstance(line, int) or line < 1:
        return None
    path = _path(file)
    if path is None:
        return None
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    if line > len(lines):
        return None
    start = sum(len(s) for s in lines[: line - 1])
    reader = Reader(text[start:], allow_conditionals=True, resolver=NamespaceResolver(ns))
    try:
        if reader.read() is EOF:
            return None
    except ReaderError:
        return None
    return text[start + reader.form_start : start + reader.form_end]
