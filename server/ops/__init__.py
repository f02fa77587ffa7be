"""The ops, one module per group; importing this package registers them all in `OPS`.

The core ops (sessions, eval, interrupt, stdin) register with `@OPS.op(...)`; the tooling
ops (completion, info, namespaces, macroexpand, stacktraces, tests, formatting) with
`tooling.tooling_op`, which runs them beside a busy session and adds their `cider/` names."""

from . import (
    completion,
    describe,
    eval_op,
    info,
    interrupt,
    macroexpand,
    namespaces,
    session_ops,
    stdin,
)

__all__ = [
    "completion",
    "describe",
    "eval_op",
    "info",
    "interrupt",
    "macroexpand",
    "namespaces",
    "session_ops",
    "stdin",
]
