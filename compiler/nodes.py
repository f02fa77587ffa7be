"""AST nodes produced by the analyzer and consumed by every backend.

Nodes are plain slotted objects. Each records the form it came from (`form`) so that backends
can attach source positions, and lists its sub-nodes in `children()` so passes can walk any
tree without knowing every node type.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..runtime.symbols import Symbol
from ..runtime.vars import Var


class Node:
    __slots__ = ("form", "line", "column")

    def __init__(self, form: Any) -> None:
        self.form = form
        self.line: int | None = None
        self.column: int | None = None

    def children(self) -> Iterator[Node]:
        return iter(())


class LocalBinding:
    """One local name. `kind` is arg, let, loop, fn (self name), letfn or catch.

    `pyname` is the unique identifier backends use, so shadowing never merges two locals.
    """

    __slots__ = ("sym", "kind", "pyname", "init", "tag", "assigned")

    def __init__(self, sym: Symbol, kind: str, pyname: str) -> None:
        self.sym = sym
        self.kind = kind
        self.pyname = pyname
        self.init: Node | None = None
        self.tag: Any = None
        self.assigned = kind in ("loop", "arg")

    def __repr__(self) -> str:
        return f"<local {self.sym} {self.kind}>"


class Const(Node):
    """A literal or quoted value; backends load it from the constants table."""

    __slots__ = ("value",)

    def __init__(self, form: Any, value: Any) -> None:
        super().__init__(form)
        self.value = value


class LocalRef(Node):
    __slots__ = ("binding",)

    def __init__(self, form: Any, binding: LocalBinding) -> None:
        super().__init__(form)
        self.binding = binding


class VarRef(Node):
    """The value of a var: root for non-dynamic vars (as Clojure's getRawRoot), else deref."""

    __slots__ = ("var",)

    def __init__(self, form: Any, var: Var) -> None:
        super().__init__(form)
        self.var = var


class TheVar(Node):
    """`(var x)`: the var object itself."""

    __slots__ = ("var",)

    def __init__(self, form: Any, var: Var) -> None:
        super().__init__(form)
        self.var = var


class If(Node):
    __slots__ = ("test", "then", "else_")

    def __init__(self, form: Any, test: Node, then: Node, else_: Node) -> None:
        super().__init__(form)
        self.test, self.then, self.else_ = test, then, else_

    def children(self) -> Iterator[Node]:
        yield from (self.test, self.then, self.else_)


class Do(Node):
    __slots__ = ("statements", "ret")

    def __init__(self, form: Any, statements: list[Node], ret: Node) -> None:
        super().__init__(form)
        self.statements, self.ret = statements, ret

    def children(self) -> Iterator[Node]:
        yield from self.statements
        yield self.ret


class Let(Node):
    """`let*` and `loop*` (is_loop); a loop is the target of the recurs in its body."""

    __slots__ = ("bindings", "body", "is_loop", "has_recur")

    def __init__(self, form: Any, bindings: list[LocalBinding], body: Node, is_loop: bool) -> None:
        super().__init__(form)
        self.bindings, self.body, self.is_loop = bindings, body, is_loop
        self.has_recur = False

    def children(self) -> Iterator[Node]:
        for b in self.bindings:
            assert b.init is not None
            yield b.init
        yield self.body


class Recur(Node):
    __slots__ = ("target", "exprs")

    def __init__(self, form: Any, target: list[LocalBinding], exprs: list[Node]) -> None:
        super().__init__(form)
        self.target, self.exprs = target, exprs

    def children(self) -> Iterator[Node]:
        yield from self.exprs


class FnMethod(Node):
    """One arity of a fn: fixed params, an optional rest param, a body."""

    __slots__ = ("params", "rest", "body", "has_recur")

    def __init__(
        self, form: Any, params: list[LocalBinding], rest: LocalBinding | None, body: Node
    ) -> None:
        super().__init__(form)
        self.params, self.rest, self.body = params, rest, body
        self.has_recur = False

    @property
    def required_arity(self) -> int:
        return len(self.params)

    @property
    def loop_bindings(self) -> list[LocalBinding]:
        return self.params + ([self.rest] if self.rest else [])

    def children(self) -> Iterator[Node]:
        yield self.body


class Fn(Node):
    """`fn*`. `closed_overs` is filled by the closures pass; `name` is the qualified name
    shown in errors and tracebacks (`user/f`, or `user/fn--12` for anonymous fns)."""

    __slots__ = ("local", "name", "methods", "closed_overs", "meta")

    def __init__(
        self,
        form: Any,
        local: LocalBinding | None,
        name: str,
        methods: list[FnMethod],
        meta: Node | None,
    ) -> None:
        super().__init__(form)
        self.local, self.name, self.methods, self.meta = local, name, methods, meta
        self.closed_overs: list[LocalBinding] = []

    @property
    def variadic(self) -> FnMethod | None:
        return next((m for m in self.methods if m.rest is not None), None)

    def children(self) -> Iterator[Node]:
        yield from self.methods
        if self.meta is not None:
            yield self.meta


class LetFn(Node):
    __slots__ = ("bindings", "body")

    def __init__(self, form: Any, bindings: list[LocalBinding], body: Node) -> None:
        super().__init__(form)
        self.bindings, self.body = bindings, body

    def children(self) -> Iterator[Node]:
        for b in self.bindings:
            assert b.init is not None
            yield b.init
        yield self.body


class Def(Node):
    __slots__ = ("var", "init", "meta")

    def __init__(self, form: Any, var: Var, init: Node | None, meta: Node | None) -> None:
        super().__init__(form)
        self.var, self.init, self.meta = var, init, meta

    def children(self) -> Iterator[Node]:
        if self.init is not None:
            yield self.init
        if self.meta is not None:
            yield self.meta


class Invoke(Node):
    __slots__ = ("fn", "args")

    def __init__(self, form: Any, fn: Node, args: list[Node]) -> None:
        super().__init__(form)
        self.fn, self.args = fn, args

    def children(self) -> Iterator[Node]:
        yield self.fn
        yield from self.args


class Intrinsic(Node):
    """A call of a core fn that a backend may lower inline (`+`, `<`, `first`, ...).

    `var` is the core var; `impl` its Python implementation for backends that just call it.
    """

    __slots__ = ("var", "op", "args")

    def __init__(self, form: Any, var: Var, op: str, args: list[Node]) -> None:
        super().__init__(form)
        self.var, self.op, self.args = var, op, args

    def children(self) -> Iterator[Node]:
        yield from self.args


class Throw(Node):
    __slots__ = ("exc",)

    def __init__(self, form: Any, exc: Node) -> None:
        super().__init__(form)
        self.exc = exc

    def children(self) -> Iterator[Node]:
        yield self.exc


class Catch(Node):
    __slots__ = ("cls", "local", "body")

    def __init__(self, form: Any, cls: Node, local: LocalBinding, body: Node) -> None:
        super().__init__(form)
        self.cls, self.local, self.body = cls, local, body

    def children(self) -> Iterator[Node]:
        yield self.cls
        yield self.body


class Try(Node):
    __slots__ = ("body", "catches", "finally_")

    def __init__(self, form: Any, body: Node, catches: list[Catch], finally_: Node | None) -> None:
        super().__init__(form)
        self.body, self.catches, self.finally_ = body, catches, finally_

    def children(self) -> Iterator[Node]:
        yield self.body
        yield from self.catches
        if self.finally_ is not None:
            yield self.finally_


class Case(Node):
    """`case*`: constant tests mapped to branch indexes, then the branches."""

    __slots__ = ("expr", "tests", "branches", "default")

    def __init__(
        self,
        form: Any,
        expr: Node,
        tests: list[tuple[Any, int]],
        branches: list[Node],
        default: Node,
    ) -> None:
        super().__init__(form)
        self.expr, self.tests, self.branches, self.default = expr, tests, branches, default

    def children(self) -> Iterator[Node]:
        yield self.expr
        yield from self.branches
        yield self.default


class SetVar(Node):
    """`(set! var-sym val)` on a thread-bound dynamic var."""

    __slots__ = ("var", "val")

    def __init__(self, form: Any, var: Var, val: Node) -> None:
        super().__init__(form)
        self.var, self.val = var, val

    def children(self) -> Iterator[Node]:
        yield self.val


class SetField(Node):
    """`(set! (.-field obj) val)`."""

    __slots__ = ("target", "field", "val")

    def __init__(self, form: Any, target: Node, field: str, val: Node) -> None:
        super().__init__(form)
        self.target, self.field, self.val = target, field, val

    def children(self) -> Iterator[Node]:
        yield self.target
        yield self.val


class HostCall(Node):
    """`(.method obj args)`."""

    __slots__ = ("target", "method", "args")

    def __init__(self, form: Any, target: Node, method: str, args: list[Node]) -> None:
        super().__init__(form)
        self.target, self.method, self.args = target, method, args

    def children(self) -> Iterator[Node]:
        yield self.target
        yield from self.args


class HostField(Node):
    """`(.-field obj)` and `Module/attr` on imported host objects."""

    __slots__ = ("target", "field")

    def __init__(self, form: Any, target: Node, field: str) -> None:
        super().__init__(form)
        self.target, self.field = target, field

    def children(self) -> Iterator[Node]:
        yield self.target


class HostNew(Node):
    """`(Class. args)` / `(new Class args)`."""

    __slots__ = ("cls", "args")

    def __init__(self, form: Any, cls: Node, args: list[Node]) -> None:
        super().__init__(form)
        self.cls, self.args = cls, args

    def children(self) -> Iterator[Node]:
        yield self.cls
        yield from self.args


class CollectionLit(Node):
    """A vector, map (items alternate key, value) or set literal with non-constant parts."""

    __slots__ = ("kind", "items")

    def __init__(self, form: Any, kind: str, items: list[Node]) -> None:
        super().__init__(form)
        self.kind, self.items = kind, items

    def children(self) -> Iterator[Node]:
        yield from self.items


class WithMeta(Node):
    """A fn or collection literal carrying user metadata."""

    __slots__ = ("expr", "meta")

    def __init__(self, form: Any, expr: Node, meta: Node) -> None:
        super().__init__(form)
        self.expr, self.meta = expr, meta

    def children(self) -> Iterator[Node]:
        yield self.expr
        yield self.meta


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, parents before children, without recursion."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(list(n.children())))
