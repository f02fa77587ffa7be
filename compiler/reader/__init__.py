"""The pyjank reader: Clojure syntax → forms (runtime values with position metadata).

Entry points: `read_string` (first form), `read_all` (every form) and `Reader` (streaming,
with each top-level form's character offsets). Errors are `ReaderError`s carrying
file/line/column; `ReaderEOFError` means the text ended inside a form.
"""

from .errors import ReaderEOFError, ReaderError
from .reader import DEFAULT_FEATURES, EOF, Reader, SourceMeta, read_all, read_string
from .resolver import DefaultResolver, Resolver
from .syntax_quote import POSITION_KEYS, SPECIAL_FORMS, syntax_quote

__all__ = [
    "DEFAULT_FEATURES",
    "EOF",
    "POSITION_KEYS",
    "SPECIAL_FORMS",
    "DefaultResolver",
    "Reader",
    "ReaderEOFError",
    "ReaderError",
    "Resolver",
    "SourceMeta",
    "read_all",
    "read_string",
    "syntax_quote",
]
