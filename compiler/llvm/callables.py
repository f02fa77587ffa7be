"""Making compiled fns: environments, self-references, `letfn*` groups, first calls.

A fn object (see `fntype`) holds its captured values inline, in the order of `env_layout`.
The fns of a `letfn*` refer to each other, so they are made with those slots empty and then
filled in, as Clojure does; a fn refers to itself through the object it runs as, so it
needs no slot for its own name. Where each slot's value comes from is plain data (`Sources`),
so fns can be made by code loaded from the disk cache, which has no analyzed nodes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .. import nodes as n
from . import fntype

if TYPE_CHECKING:
    from .jit import Unit

Sources = tuple[int, ...]
"""Per env slot of a fn: the index of a captured value (>= 0), or `-1 - i` for the `i`th fn
of its `letfn*` group."""


def env_layout(fn: n.Fn) -> list[n.LocalBinding]:
    """The locals a fn object captures, in slot order."""
    return [b for b in fn.closed_overs if b is not fn.local]


def sources(
    layout: Sequence[n.LocalBinding],
    captured: Sequence[n.LocalBinding],
    group: Sequence[n.LocalBinding] = (),
) -> Sources:
    """Where each slot of `layout` comes from: `captured` values or `group` siblings."""
    return tuple(-1 - group.index(b) if b in group else captured.index(b) for b in layout)


class FnInfo:
    """One `fn*` of a unit: what every fn object made from it points to.

    `entry` is its native code once compiled, the shared first-call stub before; `symbol`
    names it in the unit's object code. `node` and `layout` serve lowering: a FnInfo loaded
    from the disk cache has neither, only its name and env size."""

    __slots__ = ("unit", "node", "name", "layout", "size", "symbol", "entry")

    def __init__(self, unit: Unit, node: n.Fn | None, entry: int) -> None:
        self.unit = unit
        self.node = node
        self.name = node.name if node is not None else ""
        self.layout = env_layout(node) if node is not None else []
        self.size = len(self.layout)
        self.symbol = ""
        self.entry = entry

    def description(self) -> tuple[str, int, str]:
        return self.name, self.size, self.symbol

    @classmethod
    def described(cls, unit: Unit, d: tuple[str, int, str], entry: int) -> FnInfo:
        """A FnInfo from its `description`, at `entry` until its unit is linked."""
        info = cls(unit, None, entry)
        info.name, info.size, info.symbol = d
        return info


def make_fns(
    ftype: fntype.FnType,
    infos: Sequence[FnInfo],
    values: Sequence[Any],
    slots: Sequence[Sources],
) -> list[Any]:
    """Fn objects for `infos` made together (one fn, or a `letfn*` group): each slot from
    the captured `values` or a sibling, as `slots` say (every slot is filled: a captured
    nil is a reference to None, never an empty slot)."""
    fns = [ftype.new(i, i.entry, [None] * i.size) for i in infos]
    for f, where in zip(fns, slots, strict=True):
        for slot, source in enumerate(where):
            value = values[source] if source >= 0 else fns[-1 - source]
            fntype.fill(f, fntype.ITEMS + 8 * slot, value)
    return fns


def first_call(f: Any) -> None:
    """Where a fn not compiled yet lands on its first call (`fntype`'s stub, which then runs
    it): compile its unit (and every other pending one) and point the fn at its code."""
    info: FnInfo = fntype.info_of(f)
    info.unit.ensure_compiled()
    fntype.set_entry(f, info.entry)
