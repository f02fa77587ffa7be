"""The dynamic vars of clojure.core that Python code reads directly.

The printer, the loader, the REPLs and the nREPL sessions all consult these; defining them in
one place lets those modules import them without importing the whole core library.
"""

from __future__ import annotations

import sys
from typing import Any

from .namespaces import CORE_NS, find_or_create_ns
from .vars import Var


def _dynamic(name: str, root: Any) -> Var:
    var = CORE_NS.intern(name)
    var.bind_root(root)
    var.set_dynamic()
    return var


class _StdStream:
    """A writer that forwards to whatever `sys.stdout`/`sys.stderr` is at write time.

    The root of `*out*` must follow Python's current stream (pytest capture, the nREPL
    daemon's redirection) rather than capture the stream object once at start-up.
    """

    __slots__ = ("attr",)

    def __init__(self, attr: str) -> None:
        self.attr = attr

    def write(self, s: str) -> int:
        return getattr(sys, self.attr).write(s)

    def flush(self) -> None:
        getattr(sys, self.attr).flush()

    def __repr__(self) -> str:
        return f"#object[{self.attr}]"


STDOUT = _StdStream("stdout")
STDERR = _StdStream("stderr")
STDIN = _StdStream("stdin")

NS = _dynamic("*ns*", find_or_create_ns("user"))
OUT = _dynamic("*out*", STDOUT)
ERR = _dynamic("*err*", STDERR)
IN = _dynamic("*in*", STDIN)
FILE = _dynamic("*file*", "NO_SOURCE_PATH")
PRINT_LENGTH = _dynamic("*print-length*", None)
PRINT_LEVEL = _dynamic("*print-level*", None)
PRINT_META = _dynamic("*print-meta*", False)
PRINT_READABLY = _dynamic("*print-readably*", True)
PRINT_DUP = _dynamic("*print-dup*", False)
PRINT_NAMESPACE_MAPS = _dynamic("*print-namespace-maps*", False)
FLUSH_ON_NEWLINE = _dynamic("*flush-on-newline*", True)
DATA_READERS = _dynamic("*data-readers*", None)
DEFAULT_DATA_READER_FN = _dynamic("*default-data-reader-fn*", None)
READ_EVAL = _dynamic("*read-eval*", False)
WARN_ON_REFLECTION = _dynamic("*warn-on-reflection*", False)
ASSERT = _dynamic("*assert*", True)
UNCHECKED_MATH = _dynamic("*unchecked-math*", False)
COMMAND_LINE_ARGS = _dynamic("*command-line-args*", None)
REPL_1 = _dynamic("*1", None)
REPL_2 = _dynamic("*2", None)
REPL_3 = _dynamic("*3", None)
REPL_E = _dynamic("*e", None)


def current_ns():
    """The namespace `*ns*` names in this thread."""
    return NS.deref()
