"""The ops, one module per group; importing this package registers them all in `OPS`.

Tooling ops (completions, info, eldoc, ns-list, stacktrace, test, ...) join as further
modules here, each registering small handlers with `@OPS.op(...)`."""

from . import describe, eval_op, interrupt, session_ops, stdin

__all__ = ["describe", "eval_op", "interrupt", "session_ops", "stdin"]
