"""Native helpers that every compiled module calls, compiled once per process.

Codegen time grows with the IR of each fn (design §3: ~0.5 ms per small function at O2 on
this machine), so what is bulky and repeated lives here, out of line, instead of being
emitted into every fn: the entry checks (keyword arguments, recursion guard, interrupt poll),
arity errors, the generic numeric ops with their fixnum fast path, `throw`, and the
exception bookkeeping of `catch`. Compiled modules declare these functions and are linked
against this library by name, so their object code stays position-independent (§3.2).
"""

from __future__ import annotations

import ctypes
import os
from typing import Any

from llvmlite import ir

from ...runtime.exceptions import ArityException
from ..intrinsics import IMPLEMENTATIONS
from .capi import (
    EXC_INSTANCE_FLAG,
    F64,
    I32,
    I64,
    LONG_DIGITS,
    LONG_SHIFT,
    OBJ,
    OBJP,
    TP_FLAGS,
    TYPE,
    VAR_SIZE,
    CApi,
)
from .constants import Address, ConstTable
from .interrupts import POLL_DUE_ADDRESS, TICK_MICROSECONDS, poll

LIBRARY = "pyjank_support"
NULL = ir.Constant(OBJ, None)
VOID = ir.VoidType()

# op → (i64 builder method or icmp predicate, constant second operand, is a comparison)
FAST_OPS: dict[str, tuple[str, int | None, bool]] = {
    "add": ("sadd_with_overflow", None, False),
    "sub": ("ssub_with_overflow", None, False),
    "mul": ("smul_with_overflow", None, False),
    "inc": ("sadd_with_overflow", 1, False),
    "dec": ("ssub_with_overflow", 1, False),
    "lt": ("<", None, True),
    "lte": ("<=", None, True),
    "gt": (">", None, True),
    "gte": (">=", None, True),
    "eq": ("==", None, True),
    "num_eq": ("==", None, True),
    "zero": ("==", 0, True),
}

# name → signature of every helper compiled modules may call
SIGNATURES: dict[str, ir.FunctionType] = {
    "pj_enter": ir.FunctionType(I32, (OBJ, OBJ)),
    "pj_poll": ir.FunctionType(I32, ()),
    "pj_arity_error": ir.FunctionType(VOID, (OBJ, I64)),
    "pj_throw": ir.FunctionType(VOID, (OBJ,)),
    "pj_fetch": ir.FunctionType(OBJ, ()),
    "pj_reraise": ir.FunctionType(VOID, (OBJ,)),
    "pj_overflow": ir.FunctionType(VOID, ()),
    "pj_to_long": ir.FunctionType(I32, (OBJ, I64.as_pointer())),
    "pj_to_double": ir.FunctionType(I32, (OBJ, F64.as_pointer())),
}
for _op, (_, _step, _is_cmp) in FAST_OPS.items():
    _arity = 1 if _step is not None else 2
    SIGNATURES[f"pj_{_op}"] = ir.FunctionType(I32 if _is_cmp else OBJ, (OBJ,) * _arity)


def declare(module: ir.Module, name: str) -> ir.Function:
    """The declaration of helper `name` in a compiled module."""
    existing = module.globals.get(name)
    if existing is not None:
        return existing
    return ir.Function(module, SIGNATURES[name], name=name)


def raise_keywords(f: Any) -> None:
    raise TypeError(f"{f.__name__} takes no keyword arguments")


def raise_arity(f: Any, given: int) -> None:
    raise ArityException(given, f.__name__)


def raise_overflow() -> None:
    from ...runtime.numbers import _overflow

    raise _overflow()


def throw_value(x: Any) -> None:
    """`throw` of something that is not an exception instance: as Python's `raise x`."""
    raise x


def unbox_int(b: ir.IRBuilder, capi: CApi, o: ir.Value) -> tuple[ir.Value, ir.Value]:
    """(is a fixnum, its value): an exact int of at most two digits, read inline."""
    tp = b.load(b.bitcast(b.gep(o, [I64(TYPE)]), OBJP))
    is_long = b.icmp_unsigned("==", tp, capi.glob("PyLong_Type"))
    size = b.load(b.bitcast(b.gep(o, [I64(VAR_SIZE)]), I64.as_pointer()))
    small = b.icmp_unsigned("<=", b.add(size, I64(2)), I64(4))
    digits = b.bitcast(b.gep(o, [I64(LONG_DIGITS)]), I32.as_pointer())
    d0 = b.zext(b.load(digits), I64)
    d1 = b.zext(b.load(b.gep(digits, [I64(1)])), I64)
    neg = b.icmp_signed("<", size, I64(0))
    two = b.icmp_signed("==", b.select(neg, b.neg(size), size), I64(2))
    mag = b.or_(d0, b.select(two, b.shl(d1, I64(LONG_SHIFT)), I64(0)))
    val = b.select(neg, b.neg(mag), mag)
    val = b.select(b.icmp_signed("==", size, I64(0)), I64(0), val)
    return b.and_(is_long, small), val


class _Builder:
    """Emits the helpers into the support module."""

    def __init__(self, module: ir.Module, consts: ConstTable) -> None:
        self.module = module
        self.consts = consts
        self.capi = CApi(module)

    def define(self, name: str) -> tuple[ir.Function, ir.IRBuilder]:
        fn = ir.Function(self.module, SIGNATURES[name], name=name)
        return fn, ir.IRBuilder(fn.append_basic_block("entry"))

    def call_py(self, b: ir.IRBuilder, target: Any, args: list[ir.Value]) -> ir.Value:
        """`target(*args)` for a Python object kept in the support constants."""
        buf = b.alloca(OBJ, size=max(len(args), 1))
        for i, a in enumerate(args):
            b.store(a, b.gep(buf, [I64(i)]))
        return b.call(
            self.capi.fn("PyObject_Vectorcall"),
            [self.consts.load(b, target), buf, I64(len(args)), NULL],
        )

    def decref(self, b: ir.IRBuilder, o: ir.Value) -> None:
        b.call(self.capi.fn("Py_DecRef"), [o])

    def fast_op(self, op: str) -> None:
        """`pj_<op>`: both operands fixnums → i64 (overflow checked by the CPU flag), else
        (or on overflow, which it raises as tier 0 does) the runtime's implementation."""
        how, step, is_cmp = FAST_OPS[op]
        fn, b = self.define(f"pj_{op}")
        oks, ints = [], []
        for a in fn.args:
            ok, x = unbox_int(b, self.capi, a)
            oks.append(ok)
            ints.append(x)
        if step is not None:
            ints.append(I64(step))
        fast, slow = fn.append_basic_block("fast"), fn.append_basic_block("slow")
        b.cbranch(oks[0] if len(oks) == 1 else b.and_(oks[0], oks[1]), fast, slow)
        b.position_at_end(fast)
        if is_cmp:
            b.ret(b.zext(b.icmp_signed(how, ints[0], ints[1]), I32))
        else:
            res = getattr(b, how)(ints[0], ints[1])
            boxed = fn.append_basic_block("box")
            b.cbranch(b.extract_value(res, 1), slow, boxed)
            b.position_at_end(boxed)
            b.ret(b.call(self.capi.fn("PyLong_FromLongLong"), [b.extract_value(res, 0)]))
        b.position_at_end(slow)
        r = self.call_py(b, IMPLEMENTATIONS[op], list(fn.args))
        if not is_cmp:
            b.ret(r)
            return
        with b.if_then(b.icmp_unsigned("==", r, NULL), likely=False):
            b.ret(I32(-1))
        self.decref(b, r)  # compared by address only, after the release
        not_nil = b.icmp_unsigned("!=", r, self.capi.glob("_Py_NoneStruct"))
        not_false = b.icmp_unsigned("!=", r, self.capi.glob("_Py_FalseStruct"))
        b.ret(b.zext(b.and_(not_nil, not_false), I32))

    def poll(self) -> ir.Function:
        """`pj_poll`: clear the poll flag and call `interrupts.poll`."""
        fn, b = self.define("pj_poll")
        b.store_atomic(I32(0), self.due_flag(b), "monotonic", 4)
        r = self.call_py(b, poll, [])
        with b.if_then(b.icmp_unsigned("==", r, NULL), likely=False):
            b.ret(I32(-1))
        self.decref(b, r)
        b.ret(I32(0))
        return fn

    def enter(self, poll_fn: ir.Function) -> None:
        """`pj_enter(self, kwnames)`: refuse keyword arguments, enter the recursion guard,
        count the call for the interrupt poll. 0, or -1 with an exception set (and the
        guard left)."""
        fn, b = self.define("pj_enter")
        f, kwnames = fn.args
        with b.if_then(b.icmp_unsigned("!=", kwnames, NULL), likely=False):
            size = b.load(b.bitcast(b.gep(kwnames, [I64(VAR_SIZE)]), I64.as_pointer()))
            with b.if_then(b.icmp_signed("!=", size, I64(0))):
                r = self.call_py(b, raise_keywords, [f])
                with b.if_then(b.icmp_unsigned("!=", r, NULL)):
                    self.decref(b, r)
                b.ret(I32(-1))
        where = self._cstr(" in a pyjank fn")
        deep = b.call(self.capi.fn("Py_EnterRecursiveCall"), [where])
        with b.if_then(b.icmp_signed("!=", deep, I32(0)), likely=False):
            b.ret(I32(-1))
        with b.if_then(poll_due(b, self.consts), likely=False):
            with b.if_then(b.icmp_signed("!=", b.call(poll_fn, []), I32(0))):
                b.call(self.capi.fn("Py_LeaveRecursiveCall"), [])
                b.ret(I32(-1))
        b.ret(I32(0))

    def due_flag(self, b: ir.IRBuilder) -> ir.Value:
        return b.bitcast(self.consts.load(b, Address(POLL_DUE_ADDRESS)), I32.as_pointer())

    def ticker(self) -> str:
        """`pj_ticker(flag)`: a native thread's body that sets the poll flag every tick,
        forever (it needs no GIL, so it ticks while native code holds it)."""
        fn = ir.Function(self.module, ir.FunctionType(OBJ, (OBJ,)), name="pj_ticker")
        b = ir.IRBuilder(fn.append_basic_block("entry"))
        loop = fn.append_basic_block("tick")
        b.branch(loop)
        b.position_at_end(loop)
        b.call(self.capi.fn("usleep"), [I32(TICK_MICROSECONDS)])
        b.store_atomic(I32(1), b.bitcast(fn.args[0], I32.as_pointer()), "monotonic", 4)
        b.branch(loop)
        return fn.name

    def arity_error(self) -> None:
        fn, b = self.define("pj_arity_error")
        f, nargs = fn.args
        count = b.call(self.capi.fn("PyLong_FromLongLong"), [nargs])
        with b.if_then(b.icmp_unsigned("==", count, NULL), likely=False):
            b.ret_void()
        r = self.call_py(b, raise_arity, [f, count])
        self.decref(b, count)
        with b.if_then(b.icmp_unsigned("!=", r, NULL)):
            self.decref(b, r)
        b.ret_void()

    def throw(self) -> None:
        """`pj_throw(v)`: raise `v` (borrowed) as Python's `raise v` does."""
        fn, b = self.define("pj_throw")
        (v,) = fn.args
        tp = b.load(b.bitcast(b.gep(v, [I64(TYPE)]), OBJP))
        flags = b.load(b.bitcast(b.gep(tp, [I64(TP_FLAGS)]), I64.as_pointer()))
        with b.if_then(b.icmp_unsigned("!=", b.and_(flags, I64(EXC_INSTANCE_FLAG)), I64(0))):
            b.call(self.capi.fn("PyErr_SetObject"), [tp, v])
            b.ret_void()
        r = self.call_py(b, throw_value, [v])
        with b.if_then(b.icmp_unsigned("!=", r, NULL)):
            self.decref(b, r)
        b.ret_void()

    def fetch(self) -> None:
        """`pj_fetch()`: the pending exception, normalised, its traceback attached (new)."""
        fn, b = self.define("pj_fetch")
        cells = [b.alloca(OBJ) for _ in range(3)]
        b.call(self.capi.fn("PyErr_Fetch"), cells)
        b.call(self.capi.fn("PyErr_NormalizeException"), cells)
        t, v, tb = (b.load(c) for c in cells)
        with b.if_then(b.icmp_unsigned("!=", tb, NULL)):
            b.call(self.capi.fn("PyException_SetTraceback"), [v, tb])
        self.decref(b, tb)
        self.decref(b, t)
        b.ret(v)

    def reraise(self) -> None:
        """`pj_reraise(exc)`: make the caught `exc` (a reference it takes) pending again."""
        fn, b = self.define("pj_reraise")
        (exc,) = fn.args
        tp = b.load(b.bitcast(b.gep(exc, [I64(TYPE)]), OBJP))
        b.call(self.capi.fn("Py_IncRef"), [tp])
        tb = b.call(self.capi.fn("PyException_GetTraceback"), [exc])
        b.call(self.capi.fn("PyErr_Restore"), [tp, exc, tb])
        b.ret_void()

    def overflow(self) -> None:
        """`pj_overflow()`: raise "integer overflow" as tier 0 does."""
        fn, b = self.define("pj_overflow")
        r = self.call_py(b, raise_overflow, [])
        with b.if_then(b.icmp_unsigned("!=", r, NULL)):
            self.decref(b, r)
        b.ret_void()

    def coerce(self, kind: str) -> None:
        """`pj_to_long(x, out)`, `pj_to_double(x, out)`: a `^long`/`^double` param's value,
        coerced as `(long x)`/`(double x)` do. 0, or -1 with an exception set."""
        from ...runtime.numbers import double_, long_

        name, coerce, read = (
            ("pj_to_long", long_, "PyLong_AsLongLong")
            if kind == "long"
            else ("pj_to_double", double_, "PyFloat_AsDouble")
        )
        fn, b = self.define(name)
        x, out = fn.args
        r = self.call_py(b, coerce, [x])
        with b.if_then(b.icmp_unsigned("==", r, NULL), likely=False):
            b.ret(I32(-1))
        b.store(b.call(self.capi.fn(read), [r]), out)
        self.decref(b, r)
        b.ret(I32(0))

    def _cstr(self, text: str) -> ir.Value:
        data = bytearray(text.encode() + b"\0")
        typ = ir.ArrayType(ir.IntType(8), len(data))
        var = ir.GlobalVariable(self.module, typ, name="pj_where")
        var.global_constant = True
        var.linkage = "private"
        var.initializer = ir.Constant(typ, data)
        return var.bitcast(OBJ)


def lower_helpers(module: ir.Module, consts: ConstTable) -> list[str]:
    """Emit every helper into the support `module`; their names, to export."""
    h = _Builder(module, consts)
    h.enter(h.poll())
    h.arity_error()
    h.throw()
    h.fetch()
    h.reraise()
    h.overflow()
    h.coerce("long")
    h.coerce("double")
    for op in FAST_OPS:
        h.fast_op(op)
    return [*SIGNATURES, h.ticker()]


def poll_due(b: ir.IRBuilder, consts: ConstTable) -> ir.Value:
    """Whether the ticker asked for a poll (an i1): an atomic load, so that a loop that
    never stores still sees the flag change."""
    flag = b.bitcast(consts.load(b, Address(POLL_DUE_ADDRESS)), I32.as_pointer())
    return b.icmp_signed("!=", b.load_atomic(flag, "monotonic", 4), I32(0))


_ticker: tuple[int, int] | None = None


def start_ticker(entry: int) -> None:
    """Run `pj_ticker` (at `entry`) on a detached native thread, again in a forked child
    (which has only the thread that forked)."""
    global _ticker
    libc = ctypes.CDLL(None, use_errno=True)
    thread = ctypes.c_ulong()
    code = libc.pthread_create(
        ctypes.byref(thread), None, ctypes.c_void_p(entry), ctypes.c_void_p(POLL_DUE_ADDRESS)
    )
    if code != 0:
        raise OSError(code, "cannot start the native poll ticker")
    libc.pthread_detach(thread)
    if _ticker is None:
        os.register_at_fork(after_in_child=lambda: start_ticker(entry))
    _ticker = (entry, thread.value)
