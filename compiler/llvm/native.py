"""The native tier's interface to tier 0.

Tier 0 generates the code of a top-level form; where it meets a `fn*`, a `letfn*` or a
`loop*`, it asks `NativeFns` for a `Factory` and emits a call of it instead of Python code.
The factory makes native fn objects from the captured values; the fns of one form form one
unit, compiled when the first of them is made (`--jit eager`) or first called (`lazy`). In
eager mode a load compiles its units when it ends, all in one module (design §4: the misses
of one load compile in one module); a fn called before that compiles what is pending then.

Factories are tier 0's constants, so the per-form cache sees them (`compiler/cache/
artifacts.py`): a factory describes itself for the disk cache (its unit's description, which
fns it makes and from which captured values) and is rebuilt from that in another process
(`describe.EXTENSIONS["native"]`), and a factory moved with its form points its unit's
table at the new position when it runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import nodes as n
from ..cache.describe import EXTENSIONS, Stale
from ..cache.positions import Shift
from ..cache.source import after_load
from ..options import jit_mode
from ..passes.closures import free_locals
from .callables import FnInfo, Sources, make_fns, sources
from .jit import Unit, compile_pending, fn_type

FactoryAndLocals = tuple["Factory", list[n.LocalBinding]]
"""A factory and the locals whose values tier 0 passes it, in order."""

_KINDS = ("fn", "letfn", "loop")


class Factory:
    """Makes the fn objects of one `fn*` (kind "fn"), the tuple of a `letfn*`'s fns
    ("letfn"), or runs a top-level `loop*` as a native fn of no arguments ("loop"), from
    the values of the locals they capture."""

    __slots__ = ("unit", "kind", "infos", "slots", "shift")

    def __init__(
        self,
        unit: Unit,
        kind: str,
        infos: Sequence[FnInfo],
        slots: Sequence[Sources],
        shift: Shift | None = None,
    ) -> None:
        self.unit, self.kind, self.infos, self.slots, self.shift = unit, kind, infos, slots, shift

    def __call__(self, *values: Any) -> Any:
        unit = self.unit
        if unit.position != (None if self.shift is None else self.shift.new):
            unit.place(self.shift)
        if self.kind == "loop":
            unit.ensure_compiled()
        elif unit.code is None and jit_mode() == "eager":
            after_load(_CompileBatch(unit.batch))  # now, or when the load in progress ends
            if unit.error is not None:
                raise unit.error
        fns = make_fns(fn_type(), self.infos, values, self.slots)
        if self.kind == "fn":
            return fns[0]
        if self.kind == "letfn":
            return tuple(fns)
        return fns[0]()

    def __pyjank_describe__(self) -> tuple[str, tuple]:
        unit = self.unit.description()  # compiles the unit if it is not yet (`--jit lazy`)
        index = tuple(self.unit.infos.index(info) for info in self.infos)
        return "native", (unit, self.kind, index, tuple(self.slots))

    def __pyjank_relocate__(self, shift: Shift) -> Factory:
        return Factory(self.unit, self.kind, self.infos, self.slots, shift)


@dataclass(frozen=True)
class _CompileBatch:
    """Compile the pending units of one load (`Unit.batch`), in one module: what the end
    of a load runs in eager mode (equal for one load, so registered once)."""

    batch: object

    def __call__(self) -> None:
        compile_pending(self.batch)


def _rebuild(data: Any) -> Factory:
    """The factory `data` describes (`Factory.__pyjank_describe__`); raises Stale."""
    try:
        unit_description, kind, index, slots = data
        ok = kind in _KINDS and all(type(s) is tuple for s in slots)
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise Stale("a malformed native factory")
    unit = Unit.loaded(unit_description)
    try:
        infos = [unit.infos[i] for i in index]
    except (TypeError, IndexError) as e:
        raise Stale("a malformed native factory") from e
    if len(infos) != len(slots) or any(
        len(s) != i.size or not all(type(x) is int for x in s)
        for i, s in zip(infos, slots, strict=True)
    ):
        raise Stale("a malformed native factory")
    return Factory(unit, kind, infos, slots)


EXTENSIONS["native"] = _rebuild


class NativeFns:
    """The native side of one tier-0 module: a factory per fn, all in one unit."""

    def __init__(self, filename: str) -> None:
        self.unit = Unit(filename)

    def fn(self, node: n.Fn) -> FactoryAndLocals:
        """A factory of fn objects for `node`, and the locals tier 0 passes it."""
        info = self.unit.add(node)
        captured = info.layout
        return Factory(self.unit, "fn", [info], [sources(info.layout, captured)]), captured

    def letfn(self, node: n.LetFn) -> FactoryAndLocals:
        """A factory of the tuple of the `letfn*` fns, which see each other."""
        inits = [b.init for b in node.bindings]
        captured = free_locals(inits, node.bindings)  # type: ignore[arg-type]
        infos = [self.unit.add(init) for init in inits]  # type: ignore[arg-type]
        slots = [sources(i.layout, captured, node.bindings) for i in infos]
        return Factory(self.unit, "letfn", infos, slots), captured

    def loop(self, node: n.Let) -> FactoryAndLocals:
        """A factory that runs a `loop*` outside any fn, natively, and gives its value."""
        method = n.FnMethod(node.form, [], None, node)
        fn = n.Fn(node.form, None, "loop", [method], None)
        fn.line, fn.column = node.line, node.column
        fn.closed_overs = free_locals([node])
        info = self.unit.add(fn)
        captured = info.layout
        return Factory(self.unit, "loop", [info], [sources(info.layout, captured)]), captured
