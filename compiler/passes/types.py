"""Local type inference for the native tier: which locals of a fn can live unboxed.

A local is `long` (an i64) or `double` (an f64) when it is a `^long`/`^double` hinted param,
or a `let`/`loop` local whose init and, for loop locals, every `recur` value have that type;
everything else is `object`. Loop locals start at their init's type and are widened to
`object` until every recur agrees (a fixpoint). Only what the native tier can compute
unboxed has a primitive type: number literals, primitive locals and `+ - * inc dec` of
primitives, whose long results are exact because overflow throws (design §2).
Locals captured by inner fns are read boxed from the closure there.

`if`, `do` and `let` have the type their values agree on (arms that never complete, `recur`
and `throw`, don't count). A fn that calls itself (`direct_entry`) gets a direct entry whose
params keep their types; its calls of itself have the fn's inferred return type, found by
trying `long`, then `double` (a fixpoint: the type assumed for the calls must be the type
the body returns), so `(defn fib [^long n] ... (+ (fib ...) (fib ...)))` never boxes.
"""

from __future__ import annotations

from collections.abc import Iterator

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


def is_self_call(fn: n.Fn, node: n.Node) -> bool:
    """A call of `fn` by its own name, or of the var it is named after (`defn`'s fns): the
    var's root is checked to be the running fn when the call is made."""
    if not isinstance(node, n.Invoke):
        return False
    f = node.fn
    if isinstance(f, n.LocalRef):
        return fn.local is not None and f.binding is fn.local
    if isinstance(f, n.VarRef):
        var = f.var
        return not var.dynamic and f"{var.ns.name}/{var.sym.name}" == fn.name
    return False


def direct_entry(fn: n.Fn) -> bool:
    """Whether `fn` gets a direct entry (typed params and result, no entry checks): one fixed
    arity, no `recur` to its head, and a call of itself with that arity in its body."""
    if len(fn.methods) != 1:
        return False
    m = fn.methods[0]
    if m.rest is not None or m.has_recur:
        return False
    return any(len(c.args) == len(m.params) for c in _self_calls(fn, m.body))


def _self_calls(fn: n.Fn, node: n.Node) -> Iterator[n.Invoke]:
    if isinstance(node, n.Fn):
        return
    if is_self_call(fn, node):
        yield node  # type: ignore[misc]
    for child in node.children():
        yield from _self_calls(fn, child)


def completes(node: n.Node) -> bool:
    """False for an expression that never yields a value (`recur`, `throw`, or made of
    them): it does not count in the type of an `if` or a body."""
    if isinstance(node, (n.Recur, n.Throw)):
        return False
    if isinstance(node, n.If):
        return completes(node.then) or completes(node.else_)
    if isinstance(node, n.Do):
        return completes(node.ret)
    if isinstance(node, n.Let) and not node.is_loop:
        return completes(node.body)
    return True


class Types:
    """The inferred types of one fn's locals, and of the expressions built from them;
    `returns`: the result type of its direct entry (object without one)."""

    def __init__(self, fn: n.Fn) -> None:
        self.fn = fn
        self.direct = direct_entry(fn)
        self.returns = OBJECT
        if self.direct:
            body = fn.methods[0].body
            for candidate in (LONG, DOUBLE):
                self.returns = candidate
                self._infer()
                if self.of(body) == candidate:
                    return
            self.returns = OBJECT
        self._infer()

    def _infer(self) -> None:
        self.locals: dict[n.LocalBinding, str] = {}
        for m in self.fn.methods:
            for p in m.params:
                self.locals[p] = hint(p)
        before: dict[n.LocalBinding, str] | None = None
        while self.locals != before:
            before = dict(self.locals)
            for m in self.fn.methods:
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
        if isinstance(node, n.If):
            arms = {self.of(a) for a in (node.then, node.else_) if completes(a)}
            return arms.pop() if len(arms) == 1 else OBJECT
        if isinstance(node, n.Do):
            return self.of(node.ret)
        if isinstance(node, n.Let) and not node.is_loop:
            return self.of(node.body)
        if self.returns != OBJECT and self.is_direct_call(node):
            return self.returns
        return OBJECT

    def is_direct_call(self, node: n.Node) -> bool:
        """A call of the fn itself that goes to its direct entry."""
        return (
            self.direct
            and is_self_call(self.fn, node)
            and len(node.args) == len(self.fn.methods[0].params)  # type: ignore[attr-defined]
        )

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
