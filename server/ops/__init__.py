"""The ops, one module per group; importing this package registers them all in `OPS`.

The core ops (sessions, eval, interrupt, stdin) register with `@OPS.op(...)`. The tooling
ops (completion, info, namespaces, macroexpand, stacktraces, formatting) register with
`tooling.tooling_op`, which runs them beside a busy session; the test ops run as session
jobs, like evals. Both kinds are advertised under their `cider/` names too."""

from . import (
    clojure_test,
    completion,
    describe,
    eval_op,
    format_code,
    info,
    interrupt,
    macroexpand,
    namespaces,
    session_ops,
    stacktrace,
    stdin,
)

__all__ = [
    "clojure_test",
    "completion",
    "describe",
    "eval_op",
    "format_code",
    "info",
    "interrupt",
    "macroexpand",
    "namespaces",
    "session_ops",
    "stacktrace",
    "stdin",
]
