"""Errors that point into source text, carrying the position Clojure tools expect."""

from __future__ import annotations


class SourceError(Exception):
    """An error at `file:line:column` (1-based, like Clojure); reader and compiler errors."""

    def __init__(
        self,
        message: str,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column

    @property
    def location(self) -> str:
        """`file:line:col` as CIDER parses it (`REPL` when the form has no file)."""
        parts = [self.file or "REPL"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class CompilerError(SourceError):
    """An error found while analysing a form; `phase` follows Clojure's error phases
    (`compile-syntax-check`, `macroexpansion`, `compilation`)."""

    def __init__(
        self,
        message: str,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        phase: str = "compile-syntax-check",
        symbol: str | None = None,
    ) -> None:
        super().__init__(message, file, line, column)
        self.phase = phase
        self.symbol = symbol

    def headline(self) -> str:
        """Clojure's first line: `Syntax error compiling at (f.clj:1:1).`"""
        if self.phase == "macroexpansion":
            what = f"macroexpanding {self.symbol}" if self.symbol else "macroexpanding"
        else:
            what = "compiling"
        return f"Syntax error {what} at ({self.location})."

    def __str__(self) -> str:
        return f"{self.headline()}\n{self.message}"
