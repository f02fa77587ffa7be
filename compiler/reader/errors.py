"""Reader errors.

Every failure of the reader surfaces as a `ReaderError` carrying the source position, so
tools (REPL, nREPL, the loader) can point at the offending character without parsing
messages. `ReaderEOFError` marks input that ended inside a form: the terminal REPL uses it to
ask for another line instead of reporting an error.
"""

from __future__ import annotations

from ..errors import SourceError


class ReaderError(SourceError):
    """A syntax error at `file:line:column` (1-based, like Clojure); `offset` is the
    character offset into the text."""

    def __init__(
        self,
        message: str,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        offset: int | None = None,
    ) -> None:
        super().__init__(message, file, line, column)
        self.offset = offset

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        where = f"{self.line}:{self.column}"
        if self.file is not None:
            where = f"{self.file}:{where}"
        return f"{where}: {self.message}"


class ReaderEOFError(ReaderError):
    """The input ended inside a form (an unclosed list, string, or a dangling `'`)."""


class LiteralError(ValueError):
    """Raised by the literal parsers; the reader turns it into a positioned ReaderError.

    `offset` is relative to the start of the literal's text.
    """

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def clip(token: str, limit: int = 60) -> str:
    """A token shortened for a message: a runaway token should not make a 100 KB error."""
    return token if len(token) <= limit else token[:limit] + "..."
