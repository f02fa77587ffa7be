"""`pyjank.Fn`: the type of compiled fn objects (design §3.1).

A fn object is a variable-size GC object laid out as

    PyObject_VAR_HEAD | vectorcall | info | captured values...

Calls go straight to `vectorcall`, the fn's native code (METH_FASTCALL-like, no Python
frame); the object itself is the closure, so native code reads a captured value with one
load and a fn refers to itself with no cycle. `info` (the `FnInfo` of the `fn*` node) keeps
the fn's unit, and with it its machine code, alive (design §3.7). The type is a descriptor
like Python functions (a fn stored in a class dict binds as a method), cannot be instantiated
from Python, and its dealloc/traverse/clear/descr_get are native functions compiled once per
process together with the first-call stub of lazily compiled fns.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

from llvmlite import ir

from .capi import I32, I64, OBJ, OBJP, VAR_SIZE, CApi
from .constants import ConstTable

VECTORCALL = 24
INFO = 32
ITEMS = 40
_NARGS_MASK = (1 << 63) - 1

_TP_CALL, _TP_CLEAR, _TP_DEALLOC, _TP_DESCR_GET, _TP_TRAVERSE, _TP_MEMBERS = 50, 51, 52, 54, 71, 72
_FLAGS = (1 << 7) | (1 << 11) | (1 << 14) | (1 << 17) | (1 << 18)
# DISALLOW_INSTANTIATION | HAVE_VECTORCALL | HAVE_GC | METHOD_DESCRIPTOR | HAVE_VERSION_TAG


class _Slot(ctypes.Structure):
    _fields_ = [("slot", ctypes.c_int), ("pfunc", ctypes.c_void_p)]


class _Spec(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("basicsize", ctypes.c_int),
        ("itemsize", ctypes.c_int),
        ("flags", ctypes.c_uint),
        ("slots", ctypes.POINTER(_Slot)),
    ]


class _Member(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("type", ctypes.c_int),
        ("offset", ctypes.c_ssize_t),
        ("flags", ctypes.c_int),
        ("doc", ctypes.c_char_p),
    ]


_api = ctypes.pythonapi
_api.PyType_FromSpec.restype = ctypes.py_object
_api.PyType_FromSpec.argtypes = [ctypes.POINTER(_Spec)]
_api.PyType_GenericAlloc.restype = ctypes.py_object
_api.PyType_GenericAlloc.argtypes = [ctypes.py_object, ctypes.c_ssize_t]
_api.Py_IncRef.argtypes = [ctypes.py_object]


SLOT_FUNCTIONS = (
    "pj_fn_traverse",
    "pj_fn_clear",
    "pj_fn_dealloc",
    "pj_fn_descr_get",
    "pj_lazy_entry",
)


def lower_slots(module: ir.Module, consts: ConstTable, first_call: Any) -> None:
    """The type's slot functions and the first-call stub (`SLOT_FUNCTIONS`), in IR."""
    capi = CApi(module)
    void = ir.VoidType()

    def define(
        name: str, ret: ir.Type, args: tuple[ir.Type, ...]
    ) -> tuple[ir.Function, ir.IRBuilder]:
        fn = ir.Function(module, ir.FunctionType(ret, args), name=name)
        return fn, ir.IRBuilder(fn.append_basic_block("entry"))

    def field(b: ir.IRBuilder, o: ir.Value, offset: int | ir.Value, typ: ir.Type = OBJ) -> ir.Value:
        off = offset if isinstance(offset, ir.Value) else I64(offset)
        return b.bitcast(b.gep(o, [off]), typ.as_pointer())

    def refcnt_add(b: ir.IRBuilder, o: ir.Value, delta: int) -> ir.Value:
        p = field(b, o, 0, I64)
        r = b.add(b.load(p), I64(delta))
        b.store(r, p)
        return r

    def xdecref(b: ir.IRBuilder, o: ir.Value) -> None:
        with b.if_then(b.icmp_unsigned("!=", o, ir.Constant(OBJ, None))):
            r = refcnt_add(b, o, -1)
            with b.if_then(b.icmp_signed("==", r, I64(0))):
                b.call(capi.fn("_Py_Dealloc"), [o])

    def each_item(
        b: ir.IRBuilder, o: ir.Value, body: Callable[[ir.IRBuilder, ir.Value], None]
    ) -> None:
        """Run `body(b, item_pointer)` over the captured values of fn `o`."""
        n = b.load(field(b, o, VAR_SIZE, I64))
        head, step, done = (b.function.append_basic_block(x) for x in ("head", "step", "done"))
        pre = b.block
        b.branch(head)
        b.position_at_end(head)
        i = b.phi(I64)
        i.add_incoming(I64(0), pre)
        b.cbranch(b.icmp_signed("<", i, n), step, done)
        b.position_at_end(step)
        body(b, field(b, o, b.add(I64(ITEMS), b.mul(i, I64(8)))))
        i.add_incoming(b.add(i, I64(1)), b.block)
        b.branch(head)
        b.position_at_end(done)

    visit_t = ir.FunctionType(I32, (OBJ, OBJ)).as_pointer()
    traverse, b = define("pj_fn_traverse", I32, (OBJ, visit_t, OBJ))
    o, visit, arg = traverse.args

    def visit_one(b: ir.IRBuilder, x: ir.Value) -> None:
        with b.if_then(b.icmp_unsigned("!=", x, ir.Constant(OBJ, None))):
            r = b.call(visit, [x, arg])
            with b.if_then(b.icmp_signed("!=", r, I32(0))):
                b.ret(r)

    each_item(b, o, lambda b, p: visit_one(b, b.load(p)))
    visit_one(b, b.load(field(b, o, INFO)))
    visit_one(b, b.load(field(b, o, 8)))
    b.ret(I32(0))

    def clear_item(b: ir.IRBuilder, p: ir.Value) -> None:
        x = b.load(p)
        b.store(ir.Constant(OBJ, None), p)
        xdecref(b, x)

    clear, b = define("pj_fn_clear", I32, (OBJ,))
    each_item(b, clear.args[0], clear_item)
    b.ret(I32(0))

    dealloc, b = define("pj_fn_dealloc", void, (OBJ,))
    (o,) = dealloc.args
    b.call(capi.fn("PyObject_GC_UnTrack"), [o])
    each_item(b, o, lambda b, p: xdecref(b, b.load(p)))
    xdecref(b, b.load(field(b, o, INFO)))
    tp = b.load(field(b, o, 8))
    b.call(capi.fn("PyObject_GC_Del"), [o])
    xdecref(b, tp)
    b.ret_void()

    descr_get, b = define("pj_fn_descr_get", OBJ, (OBJ, OBJ, OBJ))
    o, obj, _ = descr_get.args
    unbound = b.or_(
        b.icmp_unsigned("==", obj, ir.Constant(OBJ, None)),
        b.icmp_unsigned("==", obj, capi.glob("_Py_NoneStruct")),
    )
    with b.if_then(unbound):
        refcnt_add(b, o, 1)
        b.ret(o)
    b.ret(b.call(capi.fn("PyMethod_New"), [o, obj]))

    # The first call of a fn not compiled yet: `first_call(f)` compiles it and points `f` at
    # its code, then the stub calls that code with the same arguments, leaving no Python
    # frame of its own in the tracebacks of what the fn raises.
    stub, b = define("pj_lazy_entry", OBJ, (OBJ, OBJP, I64, OBJ))
    callable_, args, nargsf, kwnames = stub.args
    buf = b.alloca(OBJ)
    b.store(callable_, buf)
    target = consts.load(b, first_call)
    done = b.call(capi.fn("PyObject_Vectorcall"), [target, buf, I64(1), ir.Constant(OBJ, None)])
    with b.if_then(b.icmp_unsigned("==", done, ir.Constant(OBJ, None)), likely=False):
        b.ret(done)
    xdecref(b, done)
    entry_type = ir.FunctionType(OBJ, (OBJ, OBJP, I64, OBJ))
    entry = b.bitcast(b.load(field(b, callable_, VECTORCALL)), entry_type.as_pointer())
    b.ret(b.call(entry, [callable_, args, nargsf, kwnames], tail=True))


class FnType:
    """The process's `pyjank.Fn` type, made once from its linked slot functions."""

    def __init__(self, addresses: Callable[[str], int]) -> None:
        traverse, clear, dealloc, descr_get, stub = (addresses(n) for n in SLOT_FUNCTIONS)
        self.lazy_entry: int = stub
        self._members = (_Member * 2)(_Member(b"__vectorcalloffset__", 19, VECTORCALL, 1, None))
        self._slots = (_Slot * 8)(
            _Slot(_TP_CALL, ctypes.cast(_api.PyVectorcall_Call, ctypes.c_void_p).value),
            _Slot(_TP_CLEAR, clear),
            _Slot(_TP_DEALLOC, dealloc),
            _Slot(_TP_DESCR_GET, descr_get),
            _Slot(_TP_TRAVERSE, traverse),
            _Slot(_TP_MEMBERS, ctypes.addressof(self._members)),
        )
        self._spec = _Spec(b"pyjank.Fn", ITEMS, 8, _FLAGS, self._slots)
        self.type: type = _api.PyType_FromSpec(ctypes.byref(self._spec))
        self.type._pyjank_fn = True  # type: ignore[attr-defined]
        self.type.__getattr__ = _fn_getattr  # type: ignore[attr-defined]
        self.type.__repr__ = _fn_repr  # type: ignore[attr-defined]

    def new(self, info: Any, entry: int, items: list[Any]) -> Any:
        """A fn object; None items are left empty (NULL) for the caller to `fill`."""
        f = _api.PyType_GenericAlloc(self.type, len(items))
        ctypes.c_void_p.from_address(id(f) + VECTORCALL).value = entry
        fill(f, INFO, info)
        for i, x in enumerate(items):
            if x is not None:
                fill(f, ITEMS + 8 * i, x)
        return f


def fill(f: Any, offset: int, value: Any) -> None:
    """Store a new reference to `value` in an empty field of a fresh fn object."""
    _api.Py_IncRef(value)
    ctypes.c_void_p.from_address(id(f) + offset).value = id(value)


def info_of(f: Any) -> Any:
    return ctypes.cast(ctypes.c_void_p.from_address(id(f) + INFO).value, ctypes.py_object).value


def set_entry(f: Any, entry: int) -> None:
    ctypes.c_void_p.from_address(id(f) + VECTORCALL).value = entry


def _fn_getattr(f: Any, name: str) -> Any:
    if name in ("__qualname__", "__name__"):
        return info_of(f).name
    if name == "__module__":
        return None
    raise AttributeError(name)


def _fn_repr(f: Any) -> str:
    return f"<fn {info_of(f).name}>"
