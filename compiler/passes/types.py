"""Local type inference for the native tier: which locals of a fn can live unboxed.

A local is `long` (an i64) or `double` (an f64) when it is a `^long`/`^double` hinted param,
or a `let`/`loop` local whose init and, for loop locals, every `recur` value have that type;
everything else is `object`. Loop locals start at their init's type and are widened to
`object` until every recur agrees (a fixpoint). Only what the native tier can compute
unboxed has a primitive type: number literals, primitive locals and `+ - * inc dec` of
primitives, whose long results are exact because overflow throws (design §2).
Locals captured by inner fns are read boxed from the closure there.
"""

from __future__ import annotations

from ...runtime import rt
from .. import nodes as n
from ..analyzer import KW_TAG

LONG, DOUBLE, OBJECT = "long", "double", "object"
ARITHMETIC = frozenset(("add", "sub", "mul", "inc", "dec"))
LONG_MIN, LONG_MAX = -(1 << 63), (1 << 63) - 1
_HINTS = {"long": LONG, "double": DOUBLE}


def hint(binding: n.LocalBinding) -> str:
    """The primitive type a `^long`/`^double` hint on the binding's symbol asks for."""
    tag = rt.get(binding.sym.meta(), KW_TAG)
    return _HINTS.get(getattr(tag, "name", ""), OBJECT)


class Types:
    """The inferred types of one fn's locals, and of the expressions built from them."""

    def __init__(self, fn: n.Fn) -> None:
        self.locals: dict[n.LocalBinding, str] = {}
        for m in fn.methods:
            for p in m.params:
                self.locals[p] = hint(p)
        before: dict[n.LocalBinding, str] | None = None
        while self.locals != before:
            before = dict(self.locals)
            for m in fn.methods:
                self._visit(m.body)

    def of(self, node: n.Node) -> str:
        """The type of `node`'s value: primitive only where it can be computed unboxed."""
        if isinstance(node, n.Const):
            v = node.value
            if type(v) is int and LONG_MIN <= v <= LONG_MAX:
                return LONG
            return DOUBLE if type(v) is float else OBJECT
        if isinstance(node, n.LocalRef):
            return self.locals.get(node.binding, OBJECT)
        if isinstance(node, n.Intrinsic) and node.op in ARITHMETIC:
            kinds = {self.of(a) for a in node.args}
            if kinds == {LONG}:
                return LONG
            if kinds <= {LONG, DOUBLE}:
                return DOUBLE
        return OBJECT

    def _visit(self, node: n.Node) -> None:
        """One pass over a body, not entering inner fns: type let locals by their init;
        loop locals start at their init's type and widen to object when an init or a recur
        disagrees."""
        if isinstance(node, n.Fn):
            return
        if isinstance(node, n.Let):
            for b in node.bindings:
                assert b.init is not None
                self._visit(b.init)
                t = self.of(b.init)
                if node.is_loop and self.locals.get(b, t) != t:
                    t = OBJECT
                self.locals[b] = t
            self._visit(node.body)
            return
        if isinstance(node, n.Recur):
            for b, e in zip(node.target, node.exprs, strict=True):
                self._visit(e)
                if b.kind == "loop" and self.locals.get(b, OBJECT) != self.of(e):
                    self.locals[b] = OBJECT
            return
        for child in node.children():
            self._visit(child)
