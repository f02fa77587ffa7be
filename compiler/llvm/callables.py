"""Making compiled fns: environments, self-references, `letfn*` groups, first calls.

A fn object (see `fntype`) holds its captured values inline, in the order of `env_layout`.
The fns of a `letfn*` refer to each other, so they are made with those slots empty and then
filled in, as Clojure does; a fn refers to itself through the object it runs as, so it
needs no slot for its own name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .. import nodes as n
from . import fntype

if TYPE_CHECKING:
    from .jit import Unit


def env_layout(fn: n.Fn) -> list[n.LocalBinding]:
    """The locals a fn object captures, in slot order."""
    return [b for b in fn.closed_overs if b is not fn.local]


class FnInfo:
    """One `fn*` node of a unit: what every fn object made from it points to.

    `entry` is its native code once compiled, the shared first-call stub before."""

    __slots__ = ("unit", "node", "name", "layout", "entry")

    def __init__(self, unit: Unit, node: n.Fn, entry: int) -> None:
        self.unit = unit
        self.node = node
        self.name = node.name
        self.layout = env_layout(node)
        self.entry = entry


def make_fns(
    ftype: fntype.FnType,
    infos: Sequence[FnInfo],
    outer: dict[n.LocalBinding, Any],
    names: Sequence[n.LocalBinding] = (),
) -> list[Any]:
    """Fn objects for `infos` made together (one fn, or a `letfn*` group whose locals are
    `names`): captured values from `outer`, then the siblings filled in."""
    fns = [ftype.new(i, i.entry, [outer.get(b) for b in i.layout]) for i in infos]
    group = dict(zip(names, fns, strict=False))
    for info, f in zip(infos, fns, strict=True):
        for slot, b in enumerate(info.layout):
            if b in group:
                fntype.fill(f, fntype.ITEMS + 8 * slot, group[b])
    return fns


def first_call(f: Any) -> None:
    """Where a fn not compiled yet lands on its first call (`fntype`'s stub, which then runs
    it): compile its unit (and every other pending one) and point the fn at its code."""
    info: FnInfo = fntype.info_of(f)
    info.unit.ensure_compiled()
    fntype.set_entry(f, info.entry)
