"""Lowering analyzed nodes to LLVM IR, one native function per `fn*` (design §3).

Every fn becomes `PyObject *f(PyObject *self, PyObject *const *args, size_t nargsf,
PyObject *kwnames)`, the vectorcall signature of its fn object (see `fntype`), so CPython
calls it with no Python frame and no argument packing.

Values are `PyObject*`. A lowered expression is a `Val`: either *owned* (a new reference the
consumer must release) or *borrowed* from something that outlives it — a constant, an
argument, the environment, or a local owned by an enclosing scope (`anchor`, its position in
the live stack). Every owned reference that is live while code runs is on the *live stack*;
when a call fails, the error path releases exactly the entries above the innermost handler
(chains of cleanup blocks, shared between sites) and branches to that handler: a `try`'s
catch dispatch, or the fn's exit, which adds a traceback entry with the fn's name, file and
the line being run, and returns NULL. That is how reference counts stay exact on every path
(design §3.3). `lower` returns None when the code it emitted never falls through (`recur`,
`throw`).

Calls of var-bound fns go through vectorcall; a fn calling itself by its own name calls its
native function directly, under `Py_EnterRecursiveCall`. `+ - * inc dec` and comparisons on
two fixnums take an inline i64 path (overflow via the CPU flag falls to the runtime's
implementation, which raises "integer overflow" exactly as tier 0 does); everything else
calls the same Python implementations as tier 0.
"""

from __future__ import annotations

import itertools
import reprlib
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from llvmlite import ir

from ...runtime.exceptions import ClassCastException
from ...runtime.vars import Var
from .. import nodes as n
from ..intrinsics import BOOLEAN_OPS, IMPLEMENTATIONS
from ..passes.types import DOUBLE, LONG, LONG_MAX, LONG_MIN, OBJECT, Types
from ..tier0.support import SUPPORT, case_key, case_lookup, define, rest_seq, set_field, with_meta
from . import support
from .callables import FnInfo
from .capi import F64, FLOAT_VALUE, I1, I8, I32, I64, OBJ, OBJP, REFCNT, TYPE, CApi
from .constants import ConstTable
from .fntype import INFO, ITEMS, VECTORCALL
from .support import FAST_OPS, unbox_int

FN_TYPE = ir.FunctionType(OBJ, (OBJ, OBJP, I64, OBJ))
NULL = ir.Constant(OBJ, None)
_ids = itertools.count(1)


class NativeCompileError(Exception):
    """The backend met a construct it cannot lower (an internal error, never a fallback)."""


def _slot_offset(cls: type, attr: str) -> int:
    """Byte offset of a `__slots__` attribute in instances of `cls`."""
    import ctypes

    probe = object()
    obj = cls.__new__(cls)
    setattr(obj, attr, probe)
    for off in range(16, cls.__basicsize__, 8):
        if ctypes.c_void_p.from_address(id(obj) + off).value == id(probe):
            return off
    raise NativeCompileError(f"cannot find slot {attr} of {cls.__name__}")


VAR_ROOT = _slot_offset(Var, "root")


def rest_args(*xs: Any) -> Any:
    """The `& rest` param from the extra arguments: tier 0's helper on their tuple."""
    return rest_seq(xs)


class Val(NamedTuple):
    v: ir.Value
    owned: bool
    anchor: int = -1


class Live:
    """An owned reference on the live stack: an SSA value, or a slot holding one."""

    __slots__ = ("value", "slot", "nullable")

    def __init__(
        self, value: ir.Value | None = None, slot: ir.Value | None = None, nullable: bool = False
    ) -> None:
        self.value, self.slot, self.nullable = value, slot, nullable


class Handler:
    """Where errors go: `block`, once the live stack is released down to `depth`."""

    __slots__ = ("block", "depth")

    def __init__(self, block: ir.Block, depth: int) -> None:
        self.block, self.depth = block, depth


class Slot(NamedTuple):
    ptr: ir.Value
    live_index: int


class Prim(NamedTuple):
    """An unboxed local (`passes.types`): an i64 or f64 SSA value."""

    v: ir.Value
    kind: str


class PrimSlot(NamedTuple):
    """An unboxed loop local: an i64 or f64 in memory that `recur` reassigns."""

    ptr: ir.Value
    kind: str


class LoopTarget(NamedTuple):
    bindings: list[n.LocalBinding]
    slots: list[ir.Value]
    kinds: list[str]
    header: ir.Block
    depth: int
    owned: int  # how many of the slots hold owned objects (on the live stack)


_PRIM_TYPES = {LONG: I64, DOUBLE: F64}
_FLOAT_OPS = {"add": "fadd", "sub": "fsub", "mul": "fmul", "inc": "fadd", "dec": "fsub"}


def _copies(node: n.Fn, types: Types) -> int:
    """How many copies of a direct entry's body form its recursion cycle (all but the first
    inlined into the one before): a call of itself costs a frame and the checks, so a small
    body with an unboxed result (`^long` fib) runs three levels per native call, anything
    else two. Each copy costs codegen time (~10 ms for fib's body)."""
    small = sum(1 for _ in _walk(node)) <= SMALL_BODY
    return 3 if small and types.returns != OBJECT else 2


SMALL_BODY = 40  # nodes


def _walk(node: n.Node) -> Iterator[n.Node]:
    yield node
    for child in node.children():
        yield from _walk(child)


def _is_one(node: n.Node) -> bool:
    return isinstance(node, n.Const) and type(node.value) is int and node.value == 1


class ModuleLowering:
    """State shared by the fns lowered into one module: declarations and helpers."""

    def __init__(self, module: ir.Module, fn_type: type) -> None:
        self.module = module
        self.capi = CApi(module)
        self.fn_type = fn_type
        self.symbols: dict[FnInfo, str] = {}
        self.functions: dict[FnInfo, ir.Function] = {}
        self._cstrs: dict[str, ir.Value] = {}
        self._helpers: dict[str, ir.Function] = {}

    def lower_fn(self, info: FnInfo, unit: Any) -> ir.Function:
        """The fn's vectorcall entry, one LLVM function (each costs codegen time); a fn
        that calls itself also gets a direct entry (`DirectEntry`) holding its body, which
        the vectorcall entry calls after its checks."""
        name = f"pj_fn{next(_ids)}"
        fn = ir.Function(self.module, FN_TYPE, name=name)
        self.symbols[info] = name
        self.functions[info] = fn
        types = Types(info.node)
        direct = None
        if types.direct:
            direct = DirectEntry(self.module, f"{name}_direct", info.node, types)
            copies = [direct]
            for i in range(1, _copies(info.node, types)):
                copy = DirectEntry(self.module, f"{name}_direct{i}", info.node, types)
                copy.fn.attributes.add("alwaysinline")
                copies.append(copy)
            redirect = ir.Function(self.module, direct.fn.function_type, f"{name}_redirect")
            redirect.linkage = "internal"
            redirect.attributes.add("noinline")
            for i, copy in enumerate(copies):
                copy.redirect = redirect
                recurs_to = copies[(i + 1) % len(copies)]
                FnLowering(self, unit, info, copy.fn, types, copy, recurs_to).lower_direct()
            FnLowering(self, unit, info, redirect, types, direct).lower_redirect()
        FnLowering(self, unit, info, fn, types, direct).lower()
        return fn

    def helper(self, b: ir.IRBuilder, name: str, args: list[ir.Value]) -> ir.Value:
        """Call a function of the support library (`support`)."""
        return b.call(support.declare(self.module, name), args)

    def cstr(self, text: str) -> ir.Value:
        """A NUL-terminated C string constant (module-local, position-independent)."""
        g = self._cstrs.get(text)
        if g is None:
            data = bytearray(text.encode() + b"\0")
            typ = ir.ArrayType(I8, len(data))
            var = ir.GlobalVariable(self.module, typ, name=f"pj_str{next(_ids)}")
            var.global_constant = True
            var.linkage = "private"
            var.initializer = ir.Constant(typ, data)
            g = self._cstrs[text] = var.bitcast(OBJ)
        return g

    # -- inline reference counting -----------------------------------------------------------
    def inline(self, name: str, typ: ir.FunctionType, body: Callable[..., None]) -> ir.Function:
        fn = self._helpers.get(name)
        if fn is None:
            fn = self._helpers[name] = ir.Function(self.module, typ, name=f"pj_{name}")
            fn.linkage = "internal"
            fn.attributes.add("alwaysinline")
            body(ir.IRBuilder(fn.append_basic_block("entry")), *fn.args)
        return fn

    def incref(self, b: ir.IRBuilder, o: ir.Value) -> None:
        b.call(self.inline("incref", ir.FunctionType(ir.VoidType(), (OBJ,)), self._incref), [o])

    def decref(self, b: ir.IRBuilder, o: ir.Value, nullable: bool = False) -> None:
        name = "xdecref" if nullable else "decref"
        fn = self.inline(
            name,
            ir.FunctionType(ir.VoidType(), (OBJ,)),
            lambda hb, o: self._decref(hb, o, nullable),
        )
        b.call(fn, [o])

    @staticmethod
    def _refcnt(b: ir.IRBuilder, o: ir.Value) -> ir.Value:
        return b.bitcast(b.gep(o, [I64(REFCNT)]), I64.as_pointer())

    def _incref(self, b: ir.IRBuilder, o: ir.Value) -> None:
        p = self._refcnt(b, o)
        b.store(b.add(b.load(p), I64(1)), p)
        b.ret_void()

    def _decref(self, b: ir.IRBuilder, o: ir.Value, nullable: bool) -> None:
        if nullable:
            with b.if_then(b.icmp_unsigned("==", o, NULL), likely=False):
                b.ret_void()
        p = self._refcnt(b, o)
        r = b.sub(b.load(p), I64(1))
        b.store(r, p)
        with b.if_then(b.icmp_signed("==", r, I64(0)), likely=False):
            b.call(self.capi.fn("_Py_Dealloc"), [o])
        b.ret_void()


# Native stack a chain of direct calls may use before the next call goes through the
# vectorcall entry, which counts one level of the interpreter's recursion limit: deep
# recursion raises RecursionError, never overflows the C stack (design §3.5). At the default
# limit of 1000 that is ~4 MiB of an 8 MiB thread stack.
STACK_SEGMENT = 4 * 1024


class DirectEntry:
    """The direct entry of a fn that calls itself: `(self, stack limit, params...)` with
    `^long`/`^double` params unboxed, returning the inferred result type (`{value, failed}`
    for a primitive, an object or NULL otherwise). Its calls of itself go straight to it
    while the stack is above the limit and, for a var, while the var still holds the fn."""

    def __init__(self, module: ir.Module, name: str, node: n.Fn, types: Types) -> None:
        self.params = node.methods[0].params
        self.kinds = [types.locals[p] for p in self.params]
        self.returns = types.returns
        ret: ir.Type = OBJ
        if self.returns != OBJECT:
            ret = ir.LiteralStructType([_PRIM_TYPES[self.returns], I1])
        params = [OBJ, I64] + [_PRIM_TYPES.get(k, OBJ) for k in self.kinds]
        self.fn = ir.Function(module, ir.FunctionType(ret, params), name=name)
        self.fn.linkage = "internal"
        self.redirect: ir.Function | None = None


def check_redefined_result(x: Any, kind: str, name: str) -> Any:
    """The result of a fn's var called in place of its direct entry (the var was redefined):
    code compiled for a `long`/`double` result accepts only that, as Clojure's primitive
    fn interfaces do (a ClassCastException otherwise)."""
    ok = type(x) is float if kind == DOUBLE else type(x) is int and LONG_MIN <= x <= LONG_MAX
    if not ok:
        raise ClassCastException(
            f"{name} was compiled to call itself for a {kind}, but its var now holds a fn "
            f"that returned {type(x).__name__} {reprlib.repr(x)}"
        )
    return x


def call_redirected(kind: str, name: str, f: Any, *args: Any) -> Any:
    """A direct entry's call of itself that cannot go direct: `f` is the var's new fn, or
    the fn itself called through vectorcall for a new stack segment. Its result must have
    the type the caller was compiled for."""
    x = f(*args)
    return x if kind == OBJECT else check_redefined_result(x, kind, name)


class FnLowering:
    """Lowers one `fn*` node into one native function: its vectorcall entry, or (`lower_direct`)
    its direct entry."""

    def __init__(
        self,
        mod: ModuleLowering,
        unit: Any,
        info: FnInfo,
        llfn: ir.Function,
        types: Types,
        direct: DirectEntry | None,
        recurs_to: DirectEntry | None = None,
    ) -> None:
        self.mod = mod
        self.capi = mod.capi
        self.unit = unit
        self.consts: ConstTable = unit.consts
        self.info = info
        self.node = info.node
        self.fn = llfn
        self.direct = direct
        self.recurs_to = recurs_to or direct
        self.inlined = direct is not None and "alwaysinline" in direct.fn.attributes
        if direct is not None and llfn.function_type == direct.fn.function_type:
            self.env, self.limit, *self.args = llfn.args  # a direct entry or its redirect
        else:
            self.env, self.args, self.nargsf, self.kwnames = llfn.args
        # allocas get a block of their own, so that adding one never moves other code
        entry = llfn.append_basic_block("allocas")
        body = llfn.append_basic_block("entry")
        self._allocas = ir.IRBuilder(entry)
        self._allocas.branch(body)
        self.b = ir.IRBuilder(body)
        self.live: list[Live] = []
        self.loops: list[LoopTarget] = []
        self.locals: dict[n.LocalBinding, Val | Slot | Prim | PrimSlot] = {}
        self.types = types
        self.env_slots = {b: i for i, b in enumerate(info.layout)}
        self.line = self.node.line or 0
        self.err_line = self.alloca(I32)
        self.argbuf = self.alloca(OBJ, 1)
        self.max_args = 1
        self.exit = llfn.append_basic_block("raise")
        self.ret_block = llfn.append_basic_block("return")
        self.returns: list[tuple[ir.Value, ir.Block]] = []
        self.handler = Handler(self.exit, 0)
        self._cleanups: dict[tuple[int, int], tuple[ir.Block, Live, Handler]] = {}
        # an object param's fixnum view (`int_view`), read once where the param is defined
        self.bounded: list[n.LocalBinding] = []  # long locals below another long here
        self.param_defs: dict[n.LocalBinding, ir.Instruction | ir.Block] = {}
        self._int_views: dict[n.LocalBinding, tuple[ir.Value, ir.Value]] = {}
        self.frame_mark = self.b.ptrtoint(self.alloca(I8), I64)  # where this frame's stack is

    # -- basics ------------------------------------------------------------------------------
    def alloca(self, typ: ir.Type, count: int | None = None) -> ir.Value:
        self._allocas.position_at_start(self.fn.entry_basic_block)
        return self._allocas.alloca(typ, size=None if count is None else I32(count))

    def block(self, name: str) -> ir.Block:
        return self.fn.append_basic_block(name)

    def const(self, value: Any) -> ir.Value:
        if value is None:
            return self.capi.glob("_Py_NoneStruct")
        if value is True:
            return self.capi.glob("_Py_TrueStruct")
        if value is False:
            return self.capi.glob("_Py_FalseStruct")
        return self.consts.load(self.b, value)

    def own(self, v: Val) -> ir.Value:
        if not v.owned:
            self.mod.incref(self.b, v.v)
        return v.v

    def release(self, v: Val) -> None:
        if v.owned:
            self.mod.decref(self.b, v.v)

    def is_null(self, v: ir.Value) -> ir.Value:
        return self.b.icmp_unsigned("==", v, NULL)

    def fail(self) -> None:
        """End the current block by propagating the pending exception."""
        self.b.store(I32(self.line), self.err_line)
        self.b.branch(self._cleanup(len(self.live), self.handler))

    def check(self, r: ir.Value) -> Val:
        with self.b.if_then(self.is_null(r), likely=False):
            self.fail()
        return Val(r, True)

    def _cleanup(self, depth: int, handler: Handler) -> ir.Block:
        if depth <= handler.depth:
            return handler.block
        entry = self.live[depth - 1]
        key = (id(entry), id(handler))
        hit = self._cleanups.get(key)
        if hit is not None:
            return hit[0]
        blk = self.block("cleanup")
        cb = ir.IRBuilder(blk)
        value = cb.load(entry.slot) if entry.slot is not None else entry.value
        cb.call(self.capi.fn("Py_DecRef"), [value])  # cold: out of line, NULL-safe
        cb.branch(self._cleanup(depth - 1, handler))
        self._cleanups[key] = (blk, entry, handler)
        return blk

    def push(self, v: Val) -> Val:
        """Hand an owned value to the live stack; the result borrows from it."""
        if not v.owned:
            return v
        self.live.append(Live(v.v))
        return Val(v.v, False, len(self.live) - 1)

    def finish_scope(self, r: Val, depth: int) -> Val:
        """Release the live entries above `depth`, keeping `r` alive."""
        if not r.owned and r.anchor >= depth:
            self.mod.incref(self.b, r.v)
            r = Val(r.v, True)
        self.drop_scope(depth)
        return r

    def drop_scope(self, depth: int) -> None:
        """Release the live entries above `depth`."""
        for entry in reversed(self.live[depth:]):
            value = self.b.load(entry.slot) if entry.slot is not None else entry.value
            self.mod.decref(self.b, value, entry.nullable)
        del self.live[depth:]

    def poll_if_due(self) -> None:
        """At a fn entry or a loop back-edge: poll if the ticker asked for it."""
        b = self.b
        with b.if_then(support.poll_due(b, self.consts), likely=False):
            self.check_status(self.mod.helper(b, "pj_poll", []))

    def check_status(self, status: ir.Value) -> None:
        """Propagate the pending exception if a helper returned a negative status."""
        with self.b.if_then(self.b.icmp_signed("<", status, I32(0)), likely=False):
            self.fail()

    def call(self, fn: ir.Value, args: list[ir.Value]) -> ir.Value:
        """`fn(*args)` through vectorcall; the result is unchecked (NULL on error)."""
        buf = self._fill(args)
        return self.b.call(self.capi.fn("PyObject_Vectorcall"), [fn, buf, I64(len(args)), NULL])

    def call_method(self, name: str, args: list[ir.Value]) -> ir.Value:
        buf = self._fill(args)
        return self.b.call(
            self.capi.fn("PyObject_VectorcallMethod"),
            [self.const(name), buf, I64(len(args)), NULL],
        )

    def _fill(self, args: list[ir.Value]) -> ir.Value:
        self.max_args = max(self.max_args, len(args))
        for i, a in enumerate(args):
            self.b.store(a, self.b.gep(self.argbuf, [I64(i)]))
        return self.argbuf

    def call_helper(self, helper: Callable[..., Any], vals: list[Val]) -> Val:
        """Call a Python helper on operands, release them, and check the result."""
        r = self.call(self.const(helper), [v.v for v in vals])
        for v in vals:
            self.release(v)
        return self.check(r)

    def operands(self, nodes: list[n.Node]) -> list[Val] | None:
        """Lower `nodes` left to right; owned results stay on the live stack until all are
        computed (an error in a later one releases them), then belong to the caller."""
        depth = len(self.live)
        vals: list[Val] = []
        for x in nodes:
            v = self.lower_node(x)
            if v is None:
                del self.live[depth:]
                return None
            if v.owned:
                self.live.append(Live(v.v))
            vals.append(v)
        del self.live[depth:]
        return vals

    # -- the function ------------------------------------------------------------------------
    def lower(self) -> None:
        """Entry checks (one helper call), dispatch on the argument count, the methods; the
        traceback entry on the way out of an error; the recursion guard left on return."""
        node = self.node
        b = self.b
        entered = self.mod.helper(b, "pj_enter", [self.env, self.kwnames])
        refused, ok = self.block("refused"), self.block("entered")
        b.cbranch(
            b.icmp_signed("!=", entered, I32(0)),
            refused,
            ok,
        )
        b.position_at_end(refused)
        b.ret(NULL)
        b.position_at_end(ok)
        self.nargs = b.and_(self.nargsf, I64((1 << 63) - 1))
        arity_error = self.block("arity")
        variadic = node.variadic
        default = arity_error
        if variadic is not None:
            default = self.block("variadic?")
        switch = b.switch(self.nargs, default)
        bodies: list[tuple[ir.Block, n.FnMethod]] = []
        for m in node.methods:
            blk = self.block(f"arity{m.required_arity}")
            if m.rest is None:
                switch.add_case(I64(m.required_arity), blk)
            bodies.append((blk, m))
        if variadic is not None:
            b.position_at_end(default)
            enough = b.icmp_signed(">=", self.nargs, I64(variadic.required_arity))
            b.cbranch(enough, next(blk for blk, m in bodies if m is variadic), arity_error)
        for blk, m in bodies:
            b.position_at_end(blk)
            self.line = m.line or self.line
            self.lower_method(m)
        b.position_at_end(arity_error)
        self.mod.helper(b, "pj_arity_error", [self.env, self.nargs])
        self.fail()
        b.position_at_end(self.exit)
        self.add_traceback()
        self.returns.append((NULL, b.block))
        b.branch(self.ret_block)
        b.position_at_end(self.ret_block)
        result = b.phi(OBJ)
        for v, blk in self.returns:
            result.add_incoming(v, blk)
        b.call(self.capi.fn("Py_LeaveRecursiveCall"), [])
        b.ret(result)
        self.argbuf.operands = [I32(self.max_args)]

    def add_traceback(self) -> None:
        """Add this frame to the pending exception's traceback: the fn's name, file and the
        line being run (moved by the unit's line shift), as CPython adds a Python frame."""
        b = self.b
        line = b.add(b.load(self.err_line), self.consts.line_shift(b))
        name, file = self.mod.cstr(self.node.name), self.mod.cstr(self.unit.filename)
        b.call(self.capi.fn("_PyTraceback_Add"), [name, file, line])

    def lower_direct(self) -> None:
        """The direct entry: bind the params, run the body; on an error, add this frame's
        traceback entry and report the failure. It polls for interrupts before it calls
        itself (`direct_call`); the vectorcall entry polls on the way in."""
        d = self.direct
        assert d is not None
        m = self.node.methods[0]
        self.line = m.line or self.line
        for p, kind, arg in zip(d.params, d.kinds, self.args, strict=True):
            self.locals[p] = Val(arg, False) if kind == OBJECT else Prim(arg, kind)
            self.param_defs[p] = self.fn.blocks[1]
        self.return_from(m.body)
        self.finish_direct(traceback=True)

    def finish_direct(self, traceback: bool) -> None:
        """The exit of a direct entry (or its redirect): on an error, add this frame's
        traceback entry if `traceback`, and report the failure."""
        d = self.direct
        assert d is not None
        b = self.b
        b.position_at_end(self.exit)
        if traceback:
            self.add_traceback()
        if d.returns == OBJECT:
            b.ret(NULL)
        else:
            b.ret(self.outcome(ir.Constant(_PRIM_TYPES[d.returns], None), True))
        b.position_at_end(self.ret_block)
        b.unreachable()
        self.argbuf.operands = [I32(self.max_args)]

    def return_from(self, node: n.Node) -> None:
        """Return `node`'s value from the direct entry, each arm of an `if` in tail position
        with a `ret` of its own: a path that makes no call (a recursion's base case) then
        needs no stack frame (LLVM shrink-wraps it)."""
        d = self.direct
        assert d is not None
        b = self.b
        if isinstance(node, n.If):
            t = self.test(node.test)
            if t is None:
                return
            then, else_ = self.block("then"), self.block("else")
            b.cbranch(t, then, else_)
            bounded = self.bounded_by(node.test)
            for blk, arm in ((then, node.then), (else_, node.else_)):
                b.position_at_end(blk)
                live = list(self.live)
                self.lower_arm(arm, bounded if blk is then else None, self.return_from)
                self.live = live
            return
        if isinstance(node, n.Do):
            if self.statements(node):
                self.return_from(node.ret)
            return
        if isinstance(node, n.Let) and not node.is_loop:
            if self.bind(node):
                self.return_from(node.body)
            return
        if d.returns == OBJECT:
            r = self.lower_node(node)
            if r is not None:
                b.ret(self.own(self.finish_scope(r, 0)))
            return
        v = self.prim(node, d.returns)
        if v is not None:
            self.drop_scope(0)
            b.ret(self.outcome(v, False))

    def outcome(self, value: ir.Value, failed: bool) -> ir.Value:
        """A direct entry's primitive result: `{value, failed}`."""
        typ = ir.LiteralStructType([value.type, I1])
        with_value = self.b.insert_value(ir.Constant(typ, None), value, 0)
        return self.b.insert_value(with_value, I1(failed), 1)

    def enter_direct(self, inits: list[Val | ir.Value]) -> Val | None:
        """The vectorcall entry's body when the fn has a direct entry: call it with a fresh
        stack segment, box its result. Its failure already has its traceback entry."""
        d = self.direct
        assert d is not None
        b = self.b
        limit = b.sub(self.frame_mark, I64(STACK_SEGMENT))
        args = [x.v if isinstance(x, Val) else x for x in inits]
        r = b.call(d.fn, [self.env, limit, *args])
        failed = self.is_null(r) if d.returns == OBJECT else b.extract_value(r, 1)
        with b.if_then(failed, likely=False):
            self.returns.append((NULL, b.block))
            b.branch(self.ret_block)
        if d.returns == OBJECT:
            return Val(r, True)
        return self.box(b.extract_value(r, 0), d.returns)

    def lower_method(self, m: n.FnMethod) -> None:
        b = self.b
        inits: list[Val | ir.Value] = []
        for i, p in enumerate(m.params):
            arg = b.load(b.gep(self.args, [I64(i)]))
            kind = self.types.locals[p]
            if kind == OBJECT:
                self.locals[p] = Val(arg, False)
                self.param_defs[p] = arg
                inits.append(self.locals[p])  # type: ignore[arg-type]
            else:
                prim = Prim(self.coerce(arg, kind), kind)
                self.locals[p] = prim
                inits.append(prim.v)
        if m.rest is not None:
            req = m.required_arity
            extra = b.gep(self.args, [I64(req)])
            r = b.call(
                self.capi.fn("PyObject_Vectorcall"),
                [self.const(rest_args), extra, b.sub(self.nargs, I64(req)), NULL],
            )
            rest = self.push(self.check(r))
            self.locals[m.rest] = rest
            inits.append(rest)
        if self.direct is not None:
            result = self.enter_direct(inits)
        elif m.has_recur:
            result = self.loop(m.loop_bindings, lambda i, kind: inits[i], m.body)
        else:
            result = self.lower_node(m.body)
        if result is None:
            del self.live[:]
            return
        result = self.finish_scope(result, 0)
        self.returns.append((self.own(result), b.block))
        b.branch(self.ret_block)

    # -- nodes -------------------------------------------------------------------------------
    def lower_node(self, node: n.Node) -> Val | None:
        """`node`'s value as an object; computed unboxed and then boxed if it has a
        primitive type (constants come boxed from the constants table)."""
        kind = self.types.of(node)
        if kind != OBJECT and not isinstance(node, n.Const):
            v = self.prim(node, kind)
            return None if v is None else self.box(v, kind)
        method = getattr(self, "_l_" + type(node).__name__, None)
        if method is None:
            raise NativeCompileError(
                f"native backend cannot compile {type(node).__name__} node: {node.form!r}"
            )
        saved = self.line
        if node.line is not None:
            self.line = node.line
        try:
            return method(node)
        finally:
            self.line = saved

    # -- unboxed values ----------------------------------------------------------------------
    def prim(self, node: n.Node, kind: str) -> ir.Value | None:
        """`node`'s value as an i64 (`kind` long) or f64 (double): computed unboxed when its
        type is primitive, else coerced as `(long x)`/`(double x)` do."""
        have = self.types.of(node)
        if have == OBJECT or (have == DOUBLE and kind == LONG):
            v = self.lower_node(node)
            if v is None:
                return None
            r = self.coerce(v.v, kind)
            self.release(v)
            return r
        saved = self.line
        if node.line is not None:
            self.line = node.line
        try:
            if isinstance(node, n.Const):
                value: ir.Value | None = _PRIM_TYPES[have](node.value)
            elif isinstance(node, n.LocalRef):
                x = self.locals[node.binding]
                value = x.v if isinstance(x, Prim) else self.b.load(x.ptr)  # type: ignore[union-attr]
            elif isinstance(node, n.If):
                value = self.prim_if(node, have)
            elif isinstance(node, n.Do):
                value = self.prim(node.ret, have) if self.statements(node) else None
            elif isinstance(node, n.Let):
                value = self.prim_let(node, have)
            elif isinstance(node, n.Invoke):
                value = self.direct_call(node)
            else:
                value = self.arith(node, have)  # type: ignore[arg-type]
        finally:
            self.line = saved
        if value is not None and have == LONG and kind == DOUBLE:
            value = self.b.sitofp(value, F64)
        return value

    def prim_if(self, node: n.If, kind: str) -> ir.Value | None:
        """An `if` whose arms agree on a primitive type: its value unboxed."""
        t = self.test(node.test)
        if t is None:
            return None
        then, else_ = self.block("then"), self.block("else")
        self.b.cbranch(t, then, else_)
        incoming = []
        bounded = self.bounded_by(node.test)
        for blk, arm in ((then, node.then), (else_, node.else_)):
            self.b.position_at_end(blk)
            v = self.lower_arm(arm, bounded if blk is then else None, lambda a: self.prim(a, kind))
            if v is not None:
                incoming.append((v, self.b.block))
        if not incoming:
            return None
        done = self.block("join")
        for _, blk in incoming:
            self.b.position_at_end(blk)
            self.b.branch(done)
        self.b.position_at_end(done)
        phi = self.b.phi(_PRIM_TYPES[kind])
        for v, blk in incoming:
            phi.add_incoming(v, blk)
        return phi

    def bounded_by(self, test: n.Node) -> n.LocalBinding | None:
        """The long local `x` that a test `(< x y)` or `(> y x)` of longs shows is below
        another long where it holds: `(inc x)` cannot overflow there (a counted loop's
        counter needs no overflow check)."""
        if not isinstance(test, n.Intrinsic) or test.op not in ("lt", "gt") or len(test.args) != 2:
            return None
        x, y = test.args if test.op == "lt" else reversed(test.args)
        if not isinstance(x, n.LocalRef) or self.types.of(x) != LONG or self.types.of(y) != LONG:
            return None
        return x.binding

    def lower_arm(
        self, node: n.Node, bounded: n.LocalBinding | None, lower: Callable[[n.Node], Any]
    ) -> Any:
        """`lower(node)`, knowing that `bounded` (if any) is below a long there."""
        if bounded is None:
            return lower(node)
        self.bounded.append(bounded)
        try:
            return lower(node)
        finally:
            self.bounded.pop()

    def prim_let(self, node: n.Let, kind: str) -> ir.Value | None:
        """A `let` whose body has a primitive type: its value unboxed."""
        depth = len(self.live)
        if not self.bind(node):
            return None
        v = self.prim(node.body, kind)
        if v is None:
            del self.live[depth:]
            return None
        self.drop_scope(depth)
        return v

    def arith(self, node: n.Intrinsic, kind: str) -> ir.Value | None:
        """`+ - * inc dec` unboxed; long overflow (the CPU's flag) throws as tier 0 does."""
        args = []
        for a in node.args:
            v = self.prim(a, kind)
            if v is None:
                return None
            args.append(v)
        how, step, _ = FAST_OPS[node.op]
        if step is not None:
            args.append(_PRIM_TYPES[kind](step))
        b = self.b
        if kind == DOUBLE:
            return getattr(b, _FLOAT_OPS[node.op])(args[0], args[1])
        if self.increments_bounded(node):
            return b.add(args[0], args[1], flags=["nsw"])
        res = getattr(b, how)(args[0], args[1])
        with b.if_then(b.extract_value(res, 1), likely=False):
            self.mod.helper(b, "pj_overflow", [])
            self.fail()
        return b.extract_value(res, 0)

    def increments_bounded(self, node: n.Intrinsic) -> bool:
        """`(inc x)`, `(+ x 1)` or `(+ 1 x)` of an `x` known to be below a long."""
        if node.op == "inc":
            xs = node.args
        elif node.op == "add" and any(map(_is_one, node.args)):
            xs = [a for a in node.args if not _is_one(a)]
        else:
            return False
        return len(xs) == 1 and isinstance(xs[0], n.LocalRef) and xs[0].binding in self.bounded

    def box(self, v: ir.Value, kind: str) -> Val:
        name = "PyLong_FromLongLong" if kind == LONG else "PyFloat_FromDouble"
        return self.check(self.b.call(self.capi.fn(name), [v]))

    def coerce(self, o: ir.Value, kind: str) -> ir.Value:
        """An object as i64/f64: ints and floats read inline, anything else through the
        support helper (which throws as `(long x)`/`(double x)` do)."""
        b = self.b
        typ = _PRIM_TYPES[kind]
        if kind == LONG:
            ok, fast_value = unbox_int(b, self.capi, o)
        else:
            tp = b.load(b.bitcast(b.gep(o, [I64(TYPE)]), OBJP))
            ok = b.icmp_unsigned("==", tp, self.capi.glob("PyFloat_Type"))
            fast_value = b.load(b.bitcast(b.gep(o, [I64(FLOAT_VALUE)]), F64.as_pointer()))
        out = self.alloca(typ)
        b.store(fast_value, out)
        with b.if_then(b.not_(ok), likely=False):
            self.check_status(self.mod.helper(b, f"pj_to_{kind}", [o, out]))
        return b.load(out)

    def compares_unboxed(self, node: n.Intrinsic) -> bool:
        """A comparison of primitives compares unboxed (`compare`); so does a long local or
        expression against an object, inline (loops: `(< i n)`). An object against a
        constant calls the helper instead: inlining it in every untyped fn costs codegen."""
        if not FAST_OPS[node.op][2]:
            return False
        kinds = [self.types.of(a) for a in node.args]
        if OBJECT not in kinds:
            return node.op != "eq" or len(set(kinds)) == 1
        computed = [a for a, k in zip(node.args, kinds, strict=True) if k == LONG]
        return DOUBLE not in kinds and any(not isinstance(a, n.Const) for a in computed)

    def int_view(self, binding: n.LocalBinding) -> tuple[ir.Value, ir.Value] | None:
        """(is a fixnum, its value) of an object param, computed where the param is
        defined: params never change, so a loop comparing against one reads it once."""
        view = self._int_views.get(binding)
        where = self.param_defs.get(binding)
        if view is None and where is not None:
            vb = ir.IRBuilder()
            if isinstance(where, ir.Block):
                vb.position_at_start(where)
            else:
                vb.position_after(where)
            view = self._int_views[binding] = unbox_int(vb, self.capi, self.locals[binding].v)  # type: ignore[union-attr]
            if self.b.block is vb.block:  # instructions were inserted before the builder's
                self.b.position_at_end(self.b.block)
        return view

    def compare(self, node: n.Intrinsic) -> ir.Value | None:
        """A comparison as an i1. All operands primitive: icmp/fcmp. A long and an
        object: icmp when the object is a fixnum, else the generic helper on both boxed."""
        b = self.b
        how, step, _ = FAST_OPS[node.op]
        kinds = [self.types.of(a) for a in node.args]
        if OBJECT not in kinds:
            kind = DOUBLE if DOUBLE in kinds else LONG
            vals = [self.prim(a, kind) for a in node.args]
            if None in vals:
                return None
            if step is not None:
                vals.append(_PRIM_TYPES[kind](step))
            if kind == LONG:
                return b.icmp_signed(how, vals[0], vals[1])
            return b.fcmp_ordered(how, vals[0], vals[1])
        depth = len(self.live)
        ops: list[ir.Value | Val] = []
        for a, kind in zip(node.args, kinds, strict=True):
            v = self.prim(a, LONG) if kind == LONG else self.lower_node(a)
            if v is None:
                del self.live[depth:]
                return None
            ops.append(self.push(v) if isinstance(v, Val) else v)
        i = kinds.index(OBJECT)
        obj: Val = ops[i]  # type: ignore[assignment]
        arg = node.args[i]
        view = self.int_view(arg.binding) if isinstance(arg, n.LocalRef) else None
        ok, x = view or unbox_int(b, self.capi, obj.v)
        fast, slow, done = self.block("cmp.fix"), self.block("cmp.generic"), self.block("cmp")
        b.cbranch(ok, fast, slow)
        b.position_at_end(fast)
        ints = [x if j == i else v for j, v in enumerate(ops)]
        fast_bit = b.icmp_signed(how, ints[0], ints[1])  # type: ignore[arg-type]
        b.branch(done)
        b.position_at_end(slow)
        boxed = [self.box(v, LONG) if j != i else v for j, v in enumerate(ops)]  # type: ignore[arg-type]
        r = self.mod.helper(b, f"pj_{node.op}", [v.v for v in boxed])  # type: ignore[union-attr]
        for j, v in enumerate(boxed):
            if j != i:
                self.release(v)  # type: ignore[arg-type]
        self.check_status(r)
        slow_bit = b.icmp_signed("!=", r, I32(0))
        slow_end = b.block
        b.branch(done)
        b.position_at_end(done)
        bit = b.phi(I1)
        bit.add_incoming(fast_bit, fast)
        bit.add_incoming(slow_bit, slow_end)
        self.drop_scope(depth)
        return bit

    def statement(self, node: n.Node) -> bool:
        """Lower for effect; False if control never comes back."""
        r = self.lower_node(node)
        if r is None:
            return False
        self.release(r)
        return True

    def truthy(self, v: ir.Value) -> ir.Value:
        b = self.b
        not_nil = b.icmp_unsigned("!=", v, self.const(None))
        not_false = b.icmp_unsigned("!=", v, self.const(False))
        return b.and_(not_nil, not_false)

    def test(self, node: n.Node) -> ir.Value | None:
        """A Clojure truth test as an i1."""
        if isinstance(node, n.Const):
            return I1(node.value is not None and node.value is not False)
        if isinstance(node, n.Intrinsic) and node.op in BOOLEAN_OPS and node.op in FAST_OPS:
            return self.intrinsic(node, as_bool=True)  # type: ignore[return-value]
        v = self.lower_node(node)
        if v is None:
            return None
        t = self.truthy(v.v)
        self.release(v)
        return t

    def merge(
        self, arms: list[tuple[ir.Block, n.Node]], bounded: n.LocalBinding | None = None
    ) -> Val | None:
        """Lower each arm in its block and join their values; in the first, `bounded` is
        below a long (`bounded_by`)."""
        results: list[tuple[ir.Block, Val]] = []
        for blk, node in arms:
            self.b.position_at_end(blk)
            r = self.lower_arm(node, bounded if blk is arms[0][0] else None, self.lower_node)
            if r is not None:
                results.append((self.b.block, r))
        if not results:
            return None
        borrowed = all(not r.owned for _, r in results)
        done = self.block("join")
        incoming = []
        for blk, r in results:
            self.b.position_at_end(blk)
            incoming.append((self.own(r) if not borrowed else r.v, self.b.block))
            self.b.branch(done)
        self.b.position_at_end(done)
        phi = self.b.phi(OBJ)
        for v, blk in incoming:
            phi.add_incoming(v, blk)
        if borrowed:
            return Val(phi, False, max(r.anchor for _, r in results))
        return Val(phi, True)

    def _l_Const(self, node: n.Const) -> Val:
        return Val(self.const(node.value), False)

    def local(self, binding: n.LocalBinding) -> Val:
        if binding is self.node.local:
            return Val(self.env, False)
        x = self.locals.get(binding)
        if isinstance(x, Val):
            return x
        if isinstance(x, Slot):
            return Val(self.b.load(x.ptr), False, x.live_index)
        if isinstance(x, Prim):
            return self.box(x.v, x.kind)
        if isinstance(x, PrimSlot):
            return self.box(self.b.load(x.ptr), x.kind)
        slot = self.env_slots.get(binding)
        if slot is None:
            raise NativeCompileError(f"local {binding.sym} is not available in {self.node.name}")
        return Val(self.b.load(self.field(self.env, ITEMS + 8 * slot)), False)

    def _l_LocalRef(self, node: n.LocalRef) -> Val:
        return self.local(node.binding)

    def _l_VarRef(self, node: n.VarRef) -> Val:
        var = self.const(node.var)
        if node.var.dynamic:
            return self.check(self.call_method("deref", [var]))
        root = self.b.load(self.b.bitcast(self.b.gep(var, [I64(VAR_ROOT)]), OBJP))
        self.mod.incref(self.b, root)  # owned: a redefinition during a call must not free it
        return Val(root, True)

    def _l_TheVar(self, node: n.TheVar) -> Val:
        return Val(self.const(node.var), False)

    def _l_If(self, node: n.If) -> Val | None:
        t = self.test(node.test)
        if t is None:
            return None
        then, else_ = self.block("then"), self.block("else")
        self.b.cbranch(t, then, else_)
        return self.merge([(then, node.then), (else_, node.else_)], self.bounded_by(node.test))

    def _l_Do(self, node: n.Do) -> Val | None:
        return self.lower_node(node.ret) if self.statements(node) else None

    def statements(self, node: n.Do) -> bool:
        """Lower a `do`'s statements; False if control never comes back."""
        return all(self.statement(s) for s in node.statements)

    def _l_Let(self, node: n.Let) -> Val | None:
        if node.is_loop:
            return self.loop(node.bindings, lambda i, kind: self.init(node.bindings[i]), node.body)
        depth = len(self.live)
        if not self.bind(node):
            return None
        r = self.lower_node(node.body)
        if r is None:
            del self.live[depth:]
            return None
        return self.finish_scope(r, depth)

    def bind(self, node: n.Let) -> bool:
        """Bind a `let`'s locals (owned values on the live stack); False if an init never
        completes."""
        depth = len(self.live)
        for binding in node.bindings:
            v = self.init(binding)
            if v is None:
                del self.live[depth:]
                return False
            kind = self.types.locals[binding]
            self.locals[binding] = self.push(v) if kind == OBJECT else Prim(v, kind)  # type: ignore[arg-type]
        return True

    def init(self, binding: n.LocalBinding) -> Val | ir.Value | None:
        """A let/loop local's initial value: unboxed if its type is primitive."""
        assert binding.init is not None
        return self.lower_as(binding.init, self.types.locals[binding])

    def lower_as(self, node: n.Node, kind: str) -> Val | ir.Value | None:
        """`node`'s value as an object (`kind` object) or unboxed."""
        return self.lower_node(node) if kind == OBJECT else self.prim(node, kind)

    def typed_operands(self, nodes: list[n.Node], kinds: list[str]) -> list[Val | ir.Value] | None:
        """Lower `nodes` left to right, each as `kind`; owned objects go on the live stack
        (an error in a later one releases them) and stay there for the caller."""
        depth = len(self.live)
        values: list[Val | ir.Value] = []
        for node, kind in zip(nodes, kinds, strict=True):
            v = self.lower_as(node, kind)
            if v is None:
                del self.live[depth:]
                return None
            values.append(self.push(v) if isinstance(v, Val) else v)
        return values

    def loop(
        self,
        bindings: list[n.LocalBinding],
        init: Callable[[int, str], Val | ir.Value | None],
        body: n.Node,
    ) -> Val | None:
        """A loop whose locals live in slots that `recur` reassigns: owned objects, or
        unboxed values for primitive locals."""
        depth = len(self.live)
        slots, kinds = [], []
        for i, binding in enumerate(bindings):
            kind = self.types.locals.get(binding, OBJECT)
            v = init(i, kind)
            if v is None:
                del self.live[depth:]
                return None
            if kind == OBJECT:
                ptr = self.alloca(OBJ)
                self.b.store(self.own(v), ptr)  # type: ignore[arg-type]
                self.live.append(Live(slot=ptr))
                self.locals[binding] = Slot(ptr, len(self.live) - 1)
            else:
                ptr = self.alloca(_PRIM_TYPES[kind])
                self.b.store(v, ptr)  # type: ignore[arg-type]
                self.locals[binding] = PrimSlot(ptr, kind)
            slots.append(ptr)
            kinds.append(kind)
        header = self.block("loop")
        self.b.branch(header)
        self.b.position_at_end(header)
        self.poll_if_due()
        owned = kinds.count(OBJECT)
        self.loops.append(LoopTarget(bindings, slots, kinds, header, depth, owned))
        r = self.lower_node(body)
        self.loops.pop()
        if r is None:
            del self.live[depth:]
            return None
        return self.finish_scope(r, depth)

    def _l_Recur(self, node: n.Recur) -> None:
        target = next(t for t in reversed(self.loops) if t.bindings == node.target)
        depth = len(self.live)
        operands = self.typed_operands(node.exprs, target.kinds)
        if operands is None:
            return None
        # the slots take the owned operands' references from the live stack
        values = [
            (v.v if v.anchor >= depth else self.own(v)) if isinstance(v, Val) else v
            for v in operands
        ]
        del self.live[depth:]
        for entry in reversed(self.live[target.depth + target.owned :]):
            value = self.b.load(entry.slot) if entry.slot is not None else entry.value
            self.mod.decref(self.b, value, entry.nullable)
        objects = [s for s, k in zip(target.slots, target.kinds, strict=True) if k == OBJECT]
        olds = [self.b.load(s) for s in objects]
        for s, v in zip(target.slots, values, strict=True):
            self.b.store(v, s)
        for old in olds:
            self.mod.decref(self.b, old)
        self.b.branch(target.header)
        return None

    def _l_Invoke(self, node: n.Invoke) -> Val | None:
        f = node.fn
        if self.in_direct_entry() and self.types.is_direct_call(node):
            r = self.direct_call(node)
            return None if r is None else Val(r, True)
        if isinstance(f, n.LocalRef) and f.binding is self.node.local:
            return self.self_call(node.args)
        vals = self.operands([f, *node.args])
        if vals is None:
            return None
        r = self.call(vals[0].v, [v.v for v in vals[1:]])
        for v in vals:
            self.release(v)
        return self.check(r)

    def in_direct_entry(self) -> bool:
        return self.direct is not None and self.fn is self.direct.fn

    def direct_call(self, node: n.Invoke) -> ir.Value | None:
        """A call of the fn itself from its direct entry, with the result's inferred type
        (an owned object, or unboxed): straight to the direct entry while the stack segment
        lasts and, for a var, while the var holds this fn; else through vectorcall (a new
        segment, one level of the recursion limit; the var's current fn)."""
        d = self.direct
        assert d is not None and self.in_direct_entry()
        b = self.b
        depth = len(self.live)
        operands = self.typed_operands(node.args, d.kinds)
        if operands is None:
            return None
        args = [v.v if isinstance(v, Val) else v for v in operands]
        # the stack and the poll flag are checked where the direct entry recurs, not at its
        # entry (a base case stays cheap), and only every other level: the inlined copy
        # leaves them to the direct entry it calls
        go = I1(True) if self.inlined else b.icmp_unsigned(">", self.frame_mark, self.limit)
        callee: ir.Value = self.env
        if isinstance(node.fn, n.VarRef):
            callee = b.load(b.bitcast(b.gep(self.const(node.fn.var), [I64(VAR_ROOT)]), OBJP))
            go = b.and_(go, b.icmp_unsigned("==", callee, self.env))
        fast, slow, done = self.block("direct"), self.block("redirected"), self.block("called")
        b.cbranch(go, fast, slow).set_weights([99, 1])
        b.position_at_end(fast)
        if not self.inlined:
            self.poll_if_due()
        assert self.recurs_to is not None
        fast_r = b.call(self.recurs_to.fn, [self.env, self.limit, *args])
        fast_end = b.block
        b.branch(done)
        b.position_at_end(slow)
        assert d.redirect is not None
        slow_r = b.call(d.redirect, [callee, self.limit, *args])
        b.branch(done)
        b.position_at_end(done)
        r = b.phi(fast_r.type)
        r.add_incoming(fast_r, fast_end)
        r.add_incoming(slow_r, slow)
        if d.returns == OBJECT:
            value = self.check(r).v
        else:
            with b.if_then(b.extract_value(r, 1), likely=False):
                self.fail()
            value = b.extract_value(r, 0)
        self.drop_scope(depth)
        return value

    def lower_redirect(self) -> None:
        """The direct entry's other way, out of line (one per fn, shared by its copies):
        `(callee, limit, params...)` boxes the params, calls `callee` through
        `call_redirected` and unboxes the result. A failure has no traceback entry of its
        own: the calling frame adds it."""
        d = self.direct
        assert d is not None
        b = self.b
        value = self.call_vectorcall(self.env, list(self.args), d)
        b.ret(value if d.returns == OBJECT else self.outcome(value, False))
        self.finish_direct(traceback=False)

    def call_vectorcall(self, callee: ir.Value, args: list[ir.Value], d: DirectEntry) -> ir.Value:
        """`direct_call`'s other way, mostly out of line (`call_redirected`): box the args,
        call `callee`, unbox the result."""
        b = self.b
        depth = len(self.live)
        kinds = zip(args, d.kinds, strict=True)
        boxed = [x if k == OBJECT else self.push(self.box(x, k)).v for x, k in kinds]
        how = [self.const(d.returns), self.const(self.node.name), callee]
        r = self.call(self.const(call_redirected), how + boxed)
        self.drop_scope(depth)
        result = self.check(r)
        if d.returns == OBJECT:
            return result.v
        self.push(result)
        out = self.alloca(_PRIM_TYPES[d.returns])
        self.check_status(self.mod.helper(b, f"pj_to_{d.returns}", [result.v, out]))
        self.drop_scope(depth)
        return b.load(out)

    def self_call(self, args: list[n.Node]) -> Val | None:
        """A fn calling itself by name: its native entry, directly."""
        vals = self.operands(args)
        if vals is None:
            return None
        entry = self.mod.functions[self.info]
        r = self.b.call(entry, [self.env, self._fill([v.v for v in vals]), I64(len(vals)), NULL])
        for v in vals:
            self.release(v)
        return self.check(r)

    def _l_Intrinsic(self, node: n.Intrinsic) -> Val | None:
        if node.op in FAST_OPS:
            return self.intrinsic(node, as_bool=False)  # type: ignore[return-value]
        vals = self.operands(node.args)
        if vals is None:
            return None
        return self.call_helper(IMPLEMENTATIONS[node.op], vals)

    def intrinsic(self, node: n.Intrinsic, as_bool: bool) -> Val | ir.Value | None:
        """A numeric op through its support helper (fixnum fast path inside), or unboxed.
        A comparison as a test (`as_bool`) is an i1."""
        if self.compares_unboxed(node):
            bit = self.compare(node)
            if bit is None or as_bool:
                return bit
            return Val(self.b.select(bit, self.const(True), self.const(False)), False)
        vals = self.operands(node.args)
        if vals is None:
            return None
        b = self.b
        r = self.mod.helper(b, f"pj_{node.op}", [v.v for v in vals])
        for v in vals:
            self.release(v)
        if not FAST_OPS[node.op][2]:
            return self.check(r)
        self.check_status(r)
        bit = b.icmp_signed("!=", r, I32(0))
        if as_bool:
            return bit
        # True and False live forever: the result is borrowed
        return Val(b.select(bit, self.const(True), self.const(False)), False)

    def _l_Throw(self, node: n.Throw) -> None:
        v = self.lower_node(node.exc)
        if v is None:
            return None
        self.mod.helper(self.b, "pj_throw", [v.v])
        self.release(v)
        self.fail()
        return None

    def _l_Try(self, node: n.Try) -> Val | None:
        b = self.b
        depth = len(self.live)
        outer = self.handler
        result = self.alloca(OBJ)
        after = self.block("try.ok")
        reached = False
        fin_exc = self.block("finally.exc") if node.finally_ is not None else None
        dispatch = self.block("catch") if node.catches else None
        inner = Handler(dispatch or fin_exc, depth)  # type: ignore[arg-type]
        self.handler = inner
        r = self.lower_node(node.body)
        if r is not None:
            b.store(self.own(self.finish_scope(r, depth)), result)
            b.branch(after)
            reached = True
        self.handler = Handler(fin_exc, depth) if fin_exc is not None else outer
        if dispatch is not None:
            b.position_at_end(dispatch)
            self.add_traceback()  # caught in this frame: Python's tracebacks include it
            exc = self.push(Val(self.mod.helper(b, "pj_fetch", []), True))
            exc_entry = self.live[depth]
            for c in node.catches:
                cls = self.lower_node(c.cls)
                if cls is None:
                    break
                matches = b.call(self.capi.fn("PyErr_GivenExceptionMatches"), [exc.v, cls.v])
                self.release(cls)
                hit, miss = self.block("catch.hit"), self.block("catch.next")
                b.cbranch(b.icmp_signed("!=", matches, I32(0)), hit, miss)
                b.position_at_end(hit)
                self.locals[c.local] = exc
                r = self.lower_node(c.body)
                if r is not None:
                    b.store(self.own(self.finish_scope(r, depth)), result)
                    b.branch(after)
                    reached = True
                del self.live[depth:]
                self.live.append(exc_entry)
                b.position_at_end(miss)
            else:
                # no clause matched: re-raise it as it was (the helper takes `exc`)
                self.mod.helper(b, "pj_reraise", [exc.v])
                del self.live[depth:]
                b.branch(self._cleanup(depth, self.handler))
            del self.live[depth:]
        if fin_exc is not None:
            assert node.finally_ is not None
            self.handler = outer
            b.position_at_end(fin_exc)
            cells = [self.alloca(OBJ) for _ in range(3)]
            b.call(self.capi.fn("PyErr_Fetch"), cells)
            line = b.load(self.err_line)
            self.live.extend(Live(slot=c, nullable=True) for c in cells)
            if self.statement(node.finally_):
                b.call(self.capi.fn("PyErr_Restore"), [b.load(c) for c in cells])
                b.store(line, self.err_line)
                b.branch(self._cleanup(depth, outer))
            del self.live[depth:]
        self.handler = outer
        if not reached:
            return None
        b.position_at_end(after)
        value = b.load(result)
        if node.finally_ is not None:
            self.live.append(Live(value))
            ok = self.statement(node.finally_)
            del self.live[depth:]
            if not ok:
                return None
        return Val(value, True)

    def _l_Case(self, node: n.Case) -> Val | None:
        v = self.lower_node(node.expr)
        if v is None:
            return None
        table = {case_key(test): index for test, index in node.tests}
        r = self.call_helper(case_lookup, [Val(self.const(table), False), v])
        index = self.b.call(self.capi.fn("PyLong_AsLongLong"), [r.v])
        self.release(r)
        default = self.block("case.default")
        switch = self.b.switch(index, default)
        arms = [(default, node.default)]
        for i, branch in enumerate(node.branches):
            blk = self.block(f"case{i}")
            switch.add_case(I64(i), blk)
            arms.append((blk, branch))
        return self.merge(arms)

    def _l_Fn(self, node: n.Fn) -> Val | None:
        info = self.nested(node)
        depth = len(self.live)
        self.make_fns([info], [])
        entry = self.live.pop()
        assert len(self.live) == depth
        return Val(entry.value, True)

    def nested(self, node: n.Fn) -> FnInfo:
        info = FnInfo(self.unit, node, 0)
        self.unit.infos.append(info)
        self.mod.lower_fn(info, self.unit)
        return info

    def make_fns(self, infos: list[FnInfo], names: list[n.LocalBinding]) -> None:
        """Make fn objects for `infos` (pushed on the live stack) from the current values of
        the locals they capture; `letfn*` siblings (`names`) are filled in afterwards."""
        b = self.b
        made: list[tuple[FnInfo, ir.Value]] = []
        for info in infos:
            f = b.call(
                self.capi.fn("PyType_GenericAlloc"),
                [self.const(self.mod.fn_type), I64(len(info.layout))],
            )
            self.check(f)
            self.live.append(Live(f))
            code = self.mod.functions[info]
            b.store(b.bitcast(code, OBJ), self.field(f, VECTORCALL))
            owner = self.const(info)
            self.mod.incref(b, owner)
            b.store(owner, self.field(f, INFO))
            for slot, binding in enumerate(info.layout):
                if binding not in names:
                    value = self.own(self.local(binding))
                    b.store(value, self.field(f, ITEMS + 8 * slot))
            made.append((info, f))
        group = dict(zip(names, (f for _, f in made), strict=False))
        for info, f in made:
            for slot, binding in enumerate(info.layout):
                if binding in group:
                    self.mod.incref(b, group[binding])
                    b.store(group[binding], self.field(f, ITEMS + 8 * slot))

    def field(self, o: ir.Value, offset: int) -> ir.Value:
        """A pointer to the PyObject* field at `offset` of object `o`."""
        return self.b.bitcast(self.b.gep(o, [I64(offset)]), OBJP)

    def _l_LetFn(self, node: n.LetFn) -> Val | None:
        depth = len(self.live)
        infos = [self.nested(binding.init) for binding in node.bindings]  # type: ignore[arg-type]
        self.make_fns(infos, node.bindings)
        for i, binding in enumerate(node.bindings):
            self.locals[binding] = Val(self.live[depth + i].value, False, depth + i)  # type: ignore[arg-type]
        r = self.lower_node(node.body)
        if r is None:
            del self.live[depth:]
            return None
        return self.finish_scope(r, depth)

    def _l_Def(self, node: n.Def) -> Val | None:
        parts = [node.meta] + ([node.init] if node.init is not None else [])
        vals = self.operands(parts)  # type: ignore[arg-type]
        if vals is None:
            return None
        return self.call_helper(define, [Val(self.const(node.var), False), *vals])

    def _l_SetVar(self, node: n.SetVar) -> Val | None:
        v = self.lower_node(node.val)
        if v is None:
            return None
        r = self.call_method("set", [self.const(node.var), v.v])
        self.release(v)
        return self.check(r)

    def _l_SetField(self, node: n.SetField) -> Val | None:
        vals = self.operands([node.target, node.val])
        if vals is None:
            return None
        return self.call_helper(set_field, [vals[0], Val(self.const(node.field), False), vals[1]])

    def _l_HostCall(self, node: n.HostCall) -> Val | None:
        vals = self.operands([node.target, *node.args])
        if vals is None:
            return None
        r = self.call_method(node.method, [v.v for v in vals])
        for v in vals:
            self.release(v)
        return self.check(r)

    def _l_HostField(self, node: n.HostField) -> Val | None:
        v = self.lower_node(node.target)
        if v is None:
            return None
        r = self.b.call(self.capi.fn("PyObject_GetAttr"), [v.v, self.const(node.field)])
        self.release(v)
        return self.check(r)

    def _l_HostNew(self, node: n.HostNew) -> Val | None:
        vals = self.operands([node.cls, *node.args])
        if vals is None:
            return None
        r = self.call(vals[0].v, [v.v for v in vals[1:]])
        for v in vals:
            self.release(v)
        return self.check(r)

    def _l_CollectionLit(self, node: n.CollectionLit) -> Val | None:
        vals = self.operands(node.items)
        if vals is None:
            return None
        ctor = SUPPORT[{"vector": "_vector", "map": "_hash_map", "set": "_hash_set"}[node.kind]]
        return self.call_helper(ctor, vals)

    def _l_WithMeta(self, node: n.WithMeta) -> Val | None:
        vals = self.operands([node.expr, node.meta])
        if vals is None:
            return None
        return self.call_helper(with_meta, vals)
