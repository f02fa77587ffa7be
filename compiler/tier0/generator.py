"""Tier 0: lower analyzed nodes to a Python AST and compile it to CPython bytecode.

Each node is generated either as an expression — `expr(node)` returns the statements that must
run first and the expression giving its value — or in tail form — `tail(node, finish)` returns
statements that end by handing the node's value to `finish` (a `return`, an assignment to a
temporary, or nothing). `loop*`/`recur` become `while True`/`continue`, `try` becomes a Python
`try`, and every fn becomes a real Python function; fns that capture locals are built by a
factory that receives the captured values, so closures see values, not variables.
"""

from __future__ import annotations

import ast as A
import itertools
from collections.abc import Callable
from types import CodeType, FunctionType
from typing import Any

from ...runtime import rt
from ...runtime.interfaces import IMeta
from .. import nodes as n
from ..analyzer import KW_MACRO
from ..intrinsics import BOOLEAN_OPS, IMPLEMENTATIONS
from ..options import jit_mode
from ..passes.closures import annotate_closures, free_locals
from ..passes.types import DOUBLE, LONG, hint
from .support import SUPPORT, case_key

Finish = Callable[[A.expr], list[A.stmt]]

_LOAD = A.Load()
_STORE = A.Store()


def _name(id_: str) -> A.Name:
    return A.Name(id=id_, ctx=_LOAD)


def _store(id_: str) -> A.Name:
    return A.Name(id=id_, ctx=_STORE)


def _call(fn: A.expr, args: list[A.expr]) -> A.Call:
    return A.Call(func=fn, args=args, keywords=[])


def _assign(target: str, value: A.expr) -> A.Assign:
    return A.Assign(targets=[_store(target)], value=value)


def _ends_flow(stmts: list[A.stmt]) -> bool:
    return bool(stmts) and isinstance(stmts[-1], (A.Return, A.Raise, A.Continue, A.Break))


def _binop(op: A.operator) -> Callable[[Any, list[A.expr]], A.expr]:
    return lambda gen, es: A.BinOp(left=es[0], op=op, right=es[1])


def _cmp(op: A.cmpop) -> Callable[[Any, list[A.expr]], A.expr]:
    return lambda gen, es: A.Compare(left=es[0], ops=[op], comparators=[es[1]])


def _step(op: A.operator) -> Callable[[Any, list[A.expr]], A.expr]:
    return lambda gen, es: A.BinOp(left=es[0], op=op, right=A.Constant(value=1))


_PARAM_COERCIONS = {LONG: "_to_long", DOUBLE: "_to_double"}

_INT_INLINE = {
    "add": _binop(A.Add()),
    "sub": _binop(A.Sub()),
    "inc": _step(A.Add()),
    "dec": _step(A.Sub()),
    "lt": _cmp(A.Lt()),
    "lte": _cmp(A.LtE()),
    "gt": _cmp(A.Gt()),
    "gte": _cmp(A.GtE()),
    "eq": _cmp(A.Eq()),
    "num_eq": _cmp(A.Eq()),
}


def _is_pure(e: A.expr) -> bool:
    return isinstance(e, (A.Constant, A.Name))


class Module:
    """One compilation unit: the generated functions plus their constants table."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.globals: dict[str, Any] = dict(SUPPORT)
        self._const_names: dict[int, str] = {}
        self._ids = itertools.count(1)
        self.display_names: dict[str, str] = {}
        self._keep: list[Any] = []
        self.native = _native_fns(filename)

    # -- constants -------------------------------------------------------------------------
    def const(self, value: Any) -> A.expr:
        t = type(value)
        if value is None or t is bool or t is int or t is str:
            return A.Constant(value=value)
        if t is float and value == value:
            return A.Constant(value=value)
        name = self._const_names.get(id(value))
        if name is None:
            name = f"_k{next(self._ids)}"
            self._const_names[id(value)] = name
            self._keep.append(value)
            self.globals[name] = value
        return _name(name)

    def temp(self, hint: str = "t") -> str:
        return f"_{hint}{next(self._ids)}"

    # -- positions -------------------------------------------------------------------------
    @staticmethod
    def _locate(py: A.AST, node: n.Node) -> None:
        if node.line is not None and getattr(py, "lineno", None) is None:
            py.lineno = py.end_lineno = node.line
            py.col_offset = py.end_col_offset = max((node.column or 1) - 1, 0)

    # -- expressions -------------------------------------------------------------------------
    def expr(self, node: n.Node) -> tuple[list[A.stmt], A.expr]:
        method = getattr(self, "_e_" + type(node).__name__, None)
        if method is None:
            t = self.temp()
            stmts = self.tail(node, lambda e: [_assign(t, e)])
            return stmts, _name(t)
        stmts, e = method(node)
        self._locate(e, node)
        return stmts, e

    def exprs(self, nodes: list[n.Node]) -> tuple[list[A.stmt], list[A.expr]]:
        """Several expressions, evaluated left to right even when a later one needs
        statements first (earlier impure values are spilled to temporaries)."""
        results = [self.expr(x) for x in nodes]
        last = max((i for i, (s, _) in enumerate(results) if s), default=-1)
        stmts: list[A.stmt] = []
        out: list[A.expr] = []
        for i, (s, e) in enumerate(results):
            stmts.extend(s)
            if i < last and not _is_pure(e):
                t = self.temp()
                stmts.append(_assign(t, e))
                e = _name(t)
            out.append(e)
        return stmts, out

    def test(self, node: n.Node) -> tuple[list[A.stmt], A.expr]:
        """A Clojure truth test: everything but nil and false is true."""
        stmts, e = self.expr(node)
        if isinstance(node, n.Const):
            return stmts, A.Constant(value=node.value is not None and node.value is not False)
        if isinstance(node, n.Intrinsic) and node.op in BOOLEAN_OPS:
            return stmts, e
        if isinstance(e, A.Name):
            subject: A.expr = e
            first: A.expr = e
        else:
            t = self.temp()
            first = A.NamedExpr(target=_store(t), value=e)
            subject = _name(t)
        return stmts, A.BoolOp(
            op=A.And(),
            values=[
                A.Compare(left=first, ops=[A.IsNot()], comparators=[A.Constant(value=None)]),
                A.Compare(left=subject, ops=[A.IsNot()], comparators=[A.Constant(value=False)]),
            ],
        )

    def _e_Const(self, node: n.Const) -> tuple[list[A.stmt], A.expr]:
        return [], self.const(node.value)

    def _e_LocalRef(self, node: n.LocalRef) -> tuple[list[A.stmt], A.expr]:
        return [], _name(node.binding.pyname)

    def _e_VarRef(self, node: n.VarRef) -> tuple[list[A.stmt], A.expr]:
        var = self.const(node.var)
        if node.var.dynamic:
            return [], _call(A.Attribute(value=var, attr="deref", ctx=_LOAD), [])
        return [], A.Attribute(value=var, attr="root", ctx=_LOAD)

    def _e_TheVar(self, node: n.TheVar) -> tuple[list[A.stmt], A.expr]:
        return [], self.const(node.var)

    def _e_If(self, node: n.If) -> tuple[list[A.stmt], A.expr]:
        ts, te = self.test(node.test)
        then_s, then_e = self.expr(node.then)
        else_s, else_e = self.expr(node.else_)
        if then_s or else_s:
            t = self.temp()
            stmt = A.If(
                test=te, body=then_s + [_assign(t, then_e)], orelse=else_s + [_assign(t, else_e)]
            )
            return ts + [stmt], _name(t)
        return ts, A.IfExp(test=te, body=then_e, orelse=else_e)

    def _e_Do(self, node: n.Do) -> tuple[list[A.stmt], A.expr]:
        stmts: list[A.stmt] = []
        for s in node.statements:
            stmts.extend(self.stmt(s))
        rs, re = self.expr(node.ret)
        return stmts + rs, re

    def _e_Invoke(self, node: n.Invoke) -> tuple[list[A.stmt], A.expr]:
        stmts, es = self.exprs([node.fn, *node.args])
        return stmts, _call(es[0], es[1:])

    def _e_Intrinsic(self, node: n.Intrinsic) -> tuple[list[A.stmt], A.expr]:
        stmts, es = self.exprs(node.args)
        inline = _INT_INLINE.get(node.op)
        if inline is None or any(
            isinstance(a, n.Const) and type(a.value) is not int for a in node.args
        ):
            return stmts, _call(self.const(IMPLEMENTATIONS[node.op]), es)
        return stmts, self._int_fast_path(es, inline, node.op)

    def _int_fast_path(self, es: list[A.expr], inline: Any, op: str) -> A.expr:
        """`fast if operands are exact ints else general(operands)`, each operand evaluated
        exactly once. Exact `int` excludes `bool`, so Clojure's type errors still come from the
        general implementation; results leaving the long range go to it too."""
        checks: list[A.expr] = []
        firsts: list[A.expr] = []
        uses: list[A.expr] = []
        for e in es:
            if isinstance(e, A.Constant) and type(e.value) is int:
                firsts.append(e)
                uses.append(e)
                continue
            if isinstance(e, A.Name):
                first, use = e, e
            else:
                t = self.temp()
                first, use = A.NamedExpr(target=_store(t), value=e), _name(t)
            checks.append(
                A.Compare(
                    left=_call(_name("_type"), [first]), ops=[A.Is()], comparators=[_name("_int")]
                )
            )
            firsts.append(first)
            uses.append(use)
        if not checks:
            return _call(self.const(IMPLEMENTATIONS[op]), firsts)
        test = checks[0]
        for check in checks[1:]:
            # `&`, not `and`: every operand's walrus must run before the fallback reads it.
            test = A.BinOp(left=test, op=A.BitAnd(), right=check)
        fast = inline(self, uses)
        general = _call(self.const(IMPLEMENTATIONS[op]), uses)
        if op in BOOLEAN_OPS:
            return A.IfExp(test=test, body=fast, orelse=general)
        r = self.temp("r")
        in_range = A.Compare(
            left=A.Constant(value=-(2**63)),
            ops=[A.LtE(), A.LtE()],
            comparators=[A.NamedExpr(target=_store(r), value=fast), A.Constant(value=2**63 - 1)],
        )
        checked = A.IfExp(test=in_range, body=_name(r), orelse=general)
        return A.IfExp(test=test, body=checked, orelse=general)

    def _e_HostCall(self, node: n.HostCall) -> tuple[list[A.stmt], A.expr]:
        stmts, es = self.exprs([node.target, *node.args])
        return stmts, _call(A.Attribute(value=es[0], attr=node.method, ctx=_LOAD), es[1:])

    def _e_HostField(self, node: n.HostField) -> tuple[list[A.stmt], A.expr]:
        stmts, e = self.expr(node.target)
        return stmts, A.Attribute(value=e, attr=node.field, ctx=_LOAD)

    def _e_HostNew(self, node: n.HostNew) -> tuple[list[A.stmt], A.expr]:
        stmts, es = self.exprs([node.cls, *node.args])
        return stmts, _call(es[0], es[1:])

    def _e_CollectionLit(self, node: n.CollectionLit) -> tuple[list[A.stmt], A.expr]:
        stmts, es = self.exprs(node.items)
        ctor = {"vector": "_vector", "map": "_hash_map", "set": "_hash_set"}[node.kind]
        return stmts, _call(_name(ctor), es)

    def _e_WithMeta(self, node: n.WithMeta) -> tuple[list[A.stmt], A.expr]:
        stmts, es = self.exprs([node.expr, node.meta])
        return stmts, _call(_name("_with_meta"), es)

    def _e_Def(self, node: n.Def) -> tuple[list[A.stmt], A.expr]:
        parts = [node.meta] + ([node.init] if node.init is not None else [])
        native = self.native
        if native is not None and jit_mode() == "lazy" and defines_macro(node):
            self.native = None  # `--jit lazy`: a macro's fn runs on tier 0
        try:
            stmts, es = self.exprs(parts)  # type: ignore[arg-type]
        finally:
            self.native = native
        return stmts, _call(_name("_def"), [self.const(node.var), *es])

    def _e_SetVar(self, node: n.SetVar) -> tuple[list[A.stmt], A.expr]:
        stmts, e = self.expr(node.val)
        return stmts, _call(A.Attribute(value=self.const(node.var), attr="set", ctx=_LOAD), [e])

    def _e_SetField(self, node: n.SetField) -> tuple[list[A.stmt], A.expr]:
        stmts, es = self.exprs([node.target, node.val])
        return stmts, _call(_name("_set_field"), [es[0], A.Constant(value=node.field), es[1]])

    def _e_Let(self, node: n.Let) -> tuple[list[A.stmt], A.expr]:
        if node.is_loop and self.native is not None:
            return [], self._native_call(*self.native.loop(node))
        if node.is_loop and node.has_recur:
            t = self.temp()
            return self.tail(node, lambda e: [_assign(t, e)]), _name(t)
        stmts = self._bind(node.bindings)
        bs, be = self.expr(node.body)
        return stmts + bs, be

    def _e_Fn(self, node: n.Fn) -> tuple[list[A.stmt], A.expr]:
        if self.native is not None:
            return [], self._native_call(*self.native.fn(node))
        pyname = node.local.pyname if node.local is not None else self.temp("fn")
        defs = self._fn_defs(node, pyname)
        captured = [b for b in node.closed_overs if b is not node.local]
        if not captured:
            return defs, _name(pyname)
        fdef, call = self._factory(captured, defs, _name(pyname))
        return [fdef], call

    def _factory(
        self, captured: list[n.LocalBinding], defs: list[A.stmt], result: A.expr
    ) -> tuple[A.FunctionDef, A.Call]:
        """A function that receives the captured locals' current values, runs `defs` and
        returns `result`; and the call of it. This is how closures capture values."""
        factory = self.temp("mk")
        args = A.arguments(
            posonlyargs=[],
            args=[A.arg(arg=b.pyname) for b in captured],
            vararg=None,
            kwonlyargs=[],
            kw_defaults=[],
            kwarg=None,
            defaults=[],
        )
        fdef = self._funcdef(factory, args, defs + [A.Return(value=result)])
        return fdef, _call(_name(factory), [_name(b.pyname) for b in captured])

    # -- tail form --------------------------------------------------------------------------
    def tail(self, node: n.Node, finish: Finish) -> list[A.stmt]:
        method = getattr(self, "_t_" + type(node).__name__, None)
        if method is None:
            stmts, e = self.expr(node)
            out = stmts + finish(e)
        else:
            out = method(node, finish)
        for s in out:
            self._locate(s, node)
        return out

    def stmt(self, node: n.Node) -> list[A.stmt]:
        """The node run for effect only."""
        return self.tail(node, lambda e: [] if _is_pure(e) else [A.Expr(value=e)])

    def _t_If(self, node: n.If, finish: Finish) -> list[A.stmt]:
        ts, te = self.test(node.test)
        return ts + [
            A.If(
                test=te,
                body=self.tail(node.then, finish) or [A.Pass()],
                orelse=self.tail(node.else_, finish) or [A.Pass()],
            )
        ]

    def _t_Do(self, node: n.Do, finish: Finish) -> list[A.stmt]:
        stmts: list[A.stmt] = []
        for s in node.statements:
            stmts.extend(self.stmt(s))
        return stmts + self.tail(node.ret, finish)

    def _bind(self, bindings: list[n.LocalBinding]) -> list[A.stmt]:
        stmts: list[A.stmt] = []
        for b in bindings:
            assert b.init is not None
            s, e = self.expr(b.init)
            stmts.extend(s)
            stmts.append(_assign(b.pyname, e))
        return stmts

    def _t_Let(self, node: n.Let, finish: Finish) -> list[A.stmt]:
        if node.is_loop and self.native is not None:
            return finish(self._native_call(*self.native.loop(node)))
        stmts = self._bind(node.bindings)
        if not (node.is_loop and node.has_recur):
            return stmts + self.tail(node.body, finish)
        return stmts + [
            A.While(test=A.Constant(value=True), body=self._loop_body(node.body, finish), orelse=[])
        ]

    def _loop_body(self, body: n.Node, finish: Finish) -> list[A.stmt]:
        def finish_loop(e: A.expr) -> list[A.stmt]:
            out = finish(e)
            return out if _ends_flow(out) else out + [A.Break()]

        return self.tail(body, finish_loop)

    def _t_Recur(self, node: n.Recur, finish: Finish) -> list[A.stmt]:
        stmts, es = self.exprs(node.exprs)
        pairs = [
            (b.pyname, e)
            for b, e in zip(node.target, es, strict=True)
            if not (isinstance(e, A.Name) and e.id == b.pyname)
        ]
        if len(pairs) == 1:
            stmts.append(_assign(pairs[0][0], pairs[0][1]))
        elif pairs:
            stmts.append(
                A.Assign(
                    targets=[A.Tuple(elts=[_store(p) for p, _ in pairs], ctx=_STORE)],
                    value=A.Tuple(elts=[e for _, e in pairs], ctx=_LOAD),
                )
            )
        return stmts + [A.Continue()]

    def _t_Throw(self, node: n.Throw, finish: Finish) -> list[A.stmt]:
        stmts, e = self.expr(node.exc)
        return stmts + [A.Raise(exc=e, cause=None)]

    def _t_Try(self, node: n.Try, finish: Finish) -> list[A.stmt]:
        pre: list[A.stmt] = []
        handlers = []
        for c in node.catches:
            cs, ce = self.expr(c.cls)
            pre.extend(cs)
            handlers.append(
                A.ExceptHandler(
                    type=ce, name=c.local.pyname, body=self.tail(c.body, finish) or [A.Pass()]
                )
            )
        final = self.stmt(node.finally_) if node.finally_ is not None else []
        return pre + [
            A.Try(
                body=self.tail(node.body, finish) or [A.Pass()],
                handlers=handlers,
                orelse=[],
                finalbody=final,
            )
        ]

    def _t_Case(self, node: n.Case, finish: Finish) -> list[A.stmt]:
        stmts, e = self.expr(node.expr)
        table = {case_key(test): index for test, index in node.tests}
        idx = self.temp("i")
        stmts.append(_assign(idx, _call(_name("_case"), [self.const(table), e])))
        chain: list[A.stmt] = self.tail(node.default, finish) or [A.Pass()]
        for i in reversed(range(len(node.branches))):
            cond = A.Compare(left=_name(idx), ops=[A.Eq()], comparators=[A.Constant(value=i)])
            chain = [
                A.If(
                    test=cond, body=self.tail(node.branches[i], finish) or [A.Pass()], orelse=chain
                )
            ]
        return stmts + chain

    def _t_LetFn(self, node: n.LetFn, finish: Finish) -> list[A.stmt]:
        names = [b.pyname for b in node.bindings]
        if self.native is not None:
            unpack = A.Assign(
                targets=[A.Tuple(elts=[_store(x) for x in names], ctx=_STORE)],
                value=self._native_call(*self.native.letfn(node)),
            )
            return [unpack] + self.tail(node.body, finish)
        inits = [b.init for b in node.bindings]
        captured = free_locals(inits, node.bindings)  # type: ignore[arg-type]
        defs: list[A.stmt] = []
        for b in node.bindings:
            assert isinstance(b.init, n.Fn)
            defs.extend(self._fn_defs(b.init, b.pyname))
            if b.init.local is not None:  # the fn's own name, seen by its body
                defs.append(_assign(b.init.local.pyname, _name(b.pyname)))
        fdef, call = self._factory(
            captured, defs, A.Tuple(elts=[_name(x) for x in names], ctx=_LOAD)
        )
        unpack = A.Assign(
            targets=[A.Tuple(elts=[_store(x) for x in names], ctx=_STORE)], value=call
        )
        return [fdef, unpack] + self.tail(node.body, finish)

    # -- fns -----------------------------------------------------------------------------------
    def _native_call(self, factory: Callable[..., Any], captured: list[n.LocalBinding]) -> A.expr:
        """A call of a native backend factory on the captured locals' current values."""
        return _call(self.const(factory), [_name(b.pyname) for b in captured])

    def _funcdef(self, name: str, args: A.arguments, body: list[A.stmt]) -> A.FunctionDef:
        return A.FunctionDef(
            name=name, args=args, body=body, decorator_list=[], returns=None, type_comment=None
        )

    def _fn_defs(self, node: n.Fn, pyname: str) -> list[A.stmt]:
        """The `def` statements that create fn `node` under the Python name `pyname`."""
        self.display_names[pyname] = node.name
        if len(node.methods) == 1:
            return [self._method_def(node.methods[0], pyname, node.name, checked=True)]
        defs: list[A.stmt] = []
        branches: list[A.stmt] = []
        argc = _name("_argc")
        for m in sorted(node.methods, key=lambda m: (m.rest is not None, m.required_arity)):
            mname = f"{pyname}__{m.required_arity}{'v' if m.rest else ''}"
            self.display_names[mname] = node.name
            defs.append(self._method_def(m, mname, node.name, checked=False))
            op = A.GtE() if m.rest is not None else A.Eq()
            branches.append(
                A.If(
                    test=A.Compare(
                        left=argc, ops=[op], comparators=[A.Constant(value=m.required_arity)]
                    ),
                    body=[
                        A.Return(
                            value=A.Call(
                                func=_name(mname),
                                args=[A.Starred(value=_name("_args"), ctx=_LOAD)],
                                keywords=[],
                            )
                        )
                    ],
                    orelse=[],
                )
            )
        dispatch_body: list[A.stmt] = [
            _assign("_argc", _call(_name("len"), [_name("_args")])),
            *branches,
            A.Raise(exc=_call(_name("_arity_n"), [A.Constant(value=node.name), argc]), cause=None),
        ]
        args = A.arguments(
            posonlyargs=[],
            args=[],
            vararg=A.arg(arg="_args"),
            kwonlyargs=[],
            kw_defaults=[],
            kwarg=None,
            defaults=[],
        )
        return defs + [self._funcdef(pyname, args, dispatch_body)]

    def _method_def(self, m: n.FnMethod, pyname: str, display: str, checked: bool) -> A.FunctionDef:
        params = [p.pyname for p in m.params]
        body: list[A.stmt] = []
        extra = f"{m.rest.pyname}_" if m.rest is not None else "_r"
        if checked:
            missing = (
                A.Compare(left=_name(params[-1]), ops=[A.Is()], comparators=[_name("_M")])
                if params
                else None
            )
            conds: list[A.expr] = [missing] if missing is not None else []
            if m.rest is None:
                conds.append(_name(extra))
            if conds:
                err = _call(
                    _name("_arity"),
                    [A.Constant(value=display), _name(extra), *[_name(p) for p in params]],
                )
                test = conds[0] if len(conds) == 1 else A.BoolOp(op=A.Or(), values=conds)
                body.append(A.If(test=test, body=[A.Raise(exc=err, cause=None)], orelse=[]))
            defaults: list[A.expr] = [_name("_M") for _ in params]
        else:
            defaults = []
        for p in m.params:
            coerce = _PARAM_COERCIONS.get(hint(p))
            if coerce is not None:  # `^long`/`^double` params convert as the native tier's do
                body.append(_assign(p.pyname, _call(_name(coerce), [_name(p.pyname)])))
        if m.rest is not None:
            body.append(_assign(m.rest.pyname, _call(_name("_rest"), [_name(extra)])))
        ret: Finish = lambda e: [A.Return(value=e)]  # noqa: E731
        if m.has_recur:
            body.append(
                A.While(test=A.Constant(value=True), body=self.tail(m.body, ret), orelse=[])
            )
        else:
            body.extend(self.tail(m.body, ret))
        vararg = A.arg(arg=extra) if (checked or m.rest is not None) else None
        args = A.arguments(
            posonlyargs=[],
            args=[A.arg(arg=p) for p in params],
            vararg=vararg,
            kwonlyargs=[],
            kw_defaults=[],
            kwarg=None,
            defaults=defaults,
        )
        fdef = self._funcdef(pyname, args, body)
        self._locate(fdef, m)
        return fdef

    # -- whole forms ---------------------------------------------------------------------------
    def compile_thunk(self, node: n.Node, display: str) -> FunctionType:
        """Compile a top-level node into a zero-argument Python function that runs it."""
        annotate_closures(node)
        entry = self.temp("form")
        self.display_names[entry] = display
        body = self.tail(node, lambda e: [A.Return(value=e)])
        args = A.arguments(
            posonlyargs=[],
            args=[],
            vararg=None,
            kwonlyargs=[],
            kw_defaults=[],
            kwarg=None,
            defaults=[],
        )
        fdef = self._funcdef(entry, args, body or [A.Return(value=A.Constant(value=None))])
        fdef.lineno = fdef.end_lineno = node.line or 1
        fdef.col_offset = fdef.end_col_offset = 0
        module = A.Module(body=[fdef], type_ignores=[])
        A.fix_missing_locations(module)
        code = compile(module, self.filename, "exec")
        code = _rename_code(code, self.display_names)
        exec(code, self.globals)
        return self.globals[entry]


def defines_macro(node: n.Def) -> bool:
    """`(def ^:macro name ...)`, as `defmacro` expands. Under `--jit lazy` a macro's fn stays
    on tier 0: it runs while code is being compiled, mostly once per use, so compiling it
    natively would cost a load more (~10 ms) than it ever saves."""
    name = rt.nth(node.form, 1, None)
    meta = name.meta() if isinstance(name, IMeta) else None
    return bool(rt.get(meta, KW_MACRO))


def _native_fns(filename: str) -> Any:
    """The native backend's factories for one module, unless the JIT is off."""
    if jit_mode() == "off":
        return None
    from ..llvm.native import NativeFns

    return NativeFns(filename)


def _rename_code(code: CodeType, names: dict[str, str]) -> CodeType:
    """Give each generated function its Clojure name (`user/fib`) for tracebacks and errors."""
    consts = tuple(_rename_code(c, names) if isinstance(c, CodeType) else c for c in code.co_consts)
    display = names.get(code.co_name)
    if display is None:
        return code.replace(co_consts=consts)
    return code.replace(co_consts=consts, co_name=display, co_qualname=display)
