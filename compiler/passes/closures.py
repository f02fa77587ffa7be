"""Closure analysis: which outer locals each fn captures.

Backends need this to build closures that capture values (Clojure's semantics) rather than
variables: a fn made inside a loop keeps the value the loop local had at that moment.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import nodes as n


def bound_here(node: n.Node) -> list[n.LocalBinding]:
    """The locals a node introduces for its sub-tree."""
    if isinstance(node, n.Fn):
        out = [node.local] if node.local is not None else []
        for m in node.methods:
            out.extend(m.loop_bindings)
        return out
    if isinstance(node, (n.Let, n.LetFn)):
        return list(node.bindings)
    if isinstance(node, n.Catch):
        return [node.local]
    return []


def free_locals(
    roots: Iterable[n.Node], also_bound: Iterable[n.LocalBinding] = ()
) -> list[n.LocalBinding]:
    """Locals referenced under `roots` but bound outside them, in a stable order."""
    bound = set(also_bound)
    used: dict[n.LocalBinding, None] = {}
    for root in roots:
        for node in n.walk(root):
            bound.update(bound_here(node))
            if isinstance(node, n.LocalRef):
                used[node.binding] = None
    return [b for b in used if b not in bound]


def annotate_closures(root: n.Node) -> None:
    """Fill `Fn.closed_overs` for every fn in the tree."""
    for node in n.walk(root):
        if isinstance(node, n.Fn):
            node.closed_overs = free_locals([node])
