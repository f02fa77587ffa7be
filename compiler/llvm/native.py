"""The native tier's interface to tier 0.

Tier 0 generates the code of a top-level form; where it meets a `fn*`, a `letfn*` or a
`loop*`, it asks `NativeFns` for a factory and emits a call of it instead of Python code.
The factory makes native fn objects from the captured values; the fns of one form form one
unit, compiled when the first of them is made (`--jit eager`) or first called (`lazy`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import nodes as n
from ..options import jit_mode
from ..passes.closures import free_locals
from .callables import make_fns
from .jit import Unit, fn_type

Factory = tuple[Callable[..., Any], list[n.LocalBinding]]


class NativeFns:
    """The native side of one tier-0 module: a factory per fn, all in one unit."""

    def __init__(self, filename: str) -> None:
        self.unit = Unit(filename)
        self.eager = jit_mode() == "eager"

    def fn(self, node: n.Fn) -> Factory:
        """`make(*captured)` → a fn object for `node`; tier 0 passes `captured`."""
        info = self.unit.add(node)
        captured = [b for b in node.closed_overs if b is not node.local]
        unit, eager = self.unit, self.eager

        def make(*values: Any) -> Any:
            if eager:
                unit.ensure_compiled()
            return make_fns(fn_type(), [info], dict(zip(captured, values, strict=True)))[0]

        return make, captured

    def letfn(self, node: n.LetFn) -> Factory:
        """`make(*captured)` → the tuple of the `letfn*` fns, which see each other."""
        inits = [b.init for b in node.bindings]
        captured = free_locals(inits, node.bindings)  # type: ignore[arg-type]
        infos = [self.unit.add(init) for init in inits]  # type: ignore[arg-type]
        unit, eager, names = self.unit, self.eager, node.bindings

        def make(*values: Any) -> tuple:
            if eager:
                unit.ensure_compiled()
            return tuple(
                make_fns(fn_type(), infos, dict(zip(captured, values, strict=True)), names)
            )

        return make, captured

    def loop(self, node: n.Let) -> Factory:
        """`run(*captured)` → the value of a `loop*` outside any fn, run natively."""
        method = n.FnMethod(node.form, [], None, node)
        fn = n.Fn(node.form, None, "loop", [method], None)
        fn.line, fn.column = node.line, node.column
        fn.closed_overs = free_locals([node])
        make, captured = self.fn(fn)
        unit = self.unit

        def run(*values: Any) -> Any:
            unit.ensure_compiled()
            return make(*values)()

        return run, captured
