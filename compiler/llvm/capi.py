"""The CPython C API as native code sees it: function declarations and object layouts.

Functions are declared on demand in each LLVM module and resolved against the running
interpreter when the module is linked (design §3: the interpreter is a shared library, so
every symbol resolves in-process). Reference counting and type checks are emitted inline;
the object offsets they use are read from this interpreter at import time and asserted,
never guessed.
"""

from __future__ import annotations

import ctypes
import sys

from llvmlite import ir

I1 = ir.IntType(1)
I8 = ir.IntType(8)
I32 = ir.IntType(32)
I64 = ir.IntType(64)
F64 = ir.DoubleType()
OBJ = I8.as_pointer()
OBJP = OBJ.as_pointer()
CHARP = I8.as_pointer()
VOID = ir.VoidType()

# Object layout of this interpreter (non-debug 64-bit CPython 3.11).
REFCNT = 0
TYPE = 8
VAR_SIZE = 16
TUPLE_ITEMS = 24
LONG_DIGITS = 24
FLOAT_VALUE = 16
TP_FLAGS = 168
LONG_SHIFT = sys.int_info.bits_per_digit
EXC_INSTANCE_FLAG = 1 << 30  # Py_TPFLAGS_BASE_EXC_SUBCLASS

_SIGNATURES: dict[str, tuple[ir.Type, tuple[ir.Type, ...]]] = {
    "_Py_Dealloc": (VOID, (OBJ,)),
    "Py_IncRef": (VOID, (OBJ,)),
    "Py_DecRef": (VOID, (OBJ,)),
    "PyObject_Vectorcall": (OBJ, (OBJ, OBJP, I64, OBJ)),
    "PyObject_VectorcallMethod": (OBJ, (OBJ, OBJP, I64, OBJ)),
    "PyObject_GetAttr": (OBJ, (OBJ, OBJ)),
    "PyTuple_New": (OBJ, (I64,)),
    "PyCFunction_NewEx": (OBJ, (CHARP, OBJ, OBJ)),
    "PyLong_FromLongLong": (OBJ, (I64,)),
    "PyLong_AsLongLong": (I64, (OBJ,)),
    "PyFloat_FromDouble": (OBJ, (F64,)),
    "PyFloat_AsDouble": (F64, (OBJ,)),
    "PyErr_SetObject": (VOID, (OBJ, OBJ)),
    "PyErr_Fetch": (VOID, (OBJP, OBJP, OBJP)),
    "PyErr_Restore": (VOID, (OBJ, OBJ, OBJ)),
    "PyErr_NormalizeException": (VOID, (OBJP, OBJP, OBJP)),
    "PyErr_GivenExceptionMatches": (I32, (OBJ, OBJ)),
    "PyException_SetTraceback": (I32, (OBJ, OBJ)),
    "PyException_GetTraceback": (OBJ, (OBJ,)),
    "Py_EnterRecursiveCall": (I32, (CHARP,)),
    "Py_LeaveRecursiveCall": (VOID, ()),
    "usleep": (I32, (I32,)),  # libc: the poll ticker's sleep
    "_PyTraceback_Add": (VOID, (CHARP, CHARP, I32)),
    "PyObject_GC_UnTrack": (VOID, (OBJ,)),
    "PyObject_GC_Del": (VOID, (OBJ,)),
    "PyMethod_New": (OBJ, (OBJ, OBJ)),
    "PyObject_VectorcallDict": (OBJ, (OBJ, OBJP, I64, OBJ)),
    "PyType_GenericAlloc": (OBJ, (OBJ, I64)),
}

_GLOBALS = ("_Py_NoneStruct", "_Py_TrueStruct", "_Py_FalseStruct", "PyLong_Type", "PyFloat_Type")


def _check_layout() -> None:
    """Fail at import, not with a crash later, if this interpreter's layout differs."""
    t = (1.5, 2.5)
    assert ctypes.c_void_p.from_address(id(t) + TUPLE_ITEMS).value == id(t[0])
    assert ctypes.c_void_p.from_address(id(t) + TYPE).value == id(tuple)
    assert ctypes.c_double.from_address(id(t[0]) + FLOAT_VALUE).value == 1.5
    big = 7 << LONG_SHIFT | 5
    assert ctypes.c_ssize_t.from_address(id(big) + VAR_SIZE).value == 2
    assert ctypes.c_uint32.from_address(id(big) + LONG_DIGITS).value == 5
    assert ctypes.c_ulong.from_address(id(ValueError) + TP_FLAGS).value == ValueError.__flags__
    assert ValueError.__flags__ & EXC_INSTANCE_FLAG and not int.__flags__ & EXC_INSTANCE_FLAG


_check_layout()


class CApi:
    """Declarations of C API functions and globals in one LLVM module, made on first use."""

    def __init__(self, module: ir.Module) -> None:
        self.module = module

    def fn(self, name: str) -> ir.Function:
        existing = self.module.globals.get(name)
        if existing is not None:
            return existing
        ret, args = _SIGNATURES[name]
        return ir.Function(self.module, ir.FunctionType(ret, args), name=name)

    def glob(self, name: str) -> ir.Value:
        """The address of a C global (`&_Py_NoneStruct`) as a PyObject*."""
        g = self.module.globals.get(name)
        if g is None:
            assert name in _GLOBALS
            g = ir.GlobalVariable(self.module, I8, name=name)
        return g.bitcast(OBJ)
