"""The per-module constants table (design §3.2).

Native code never embeds the address of a Python object. Each unit of a module owns a global
array of pointers, zero in the machine code, that is filled when the module is loaded: with the
objects the code uses (keywords, vars, literal collections, helper functions) and with the
addresses of runtime structures (method definitions, the interrupt flag). The description kept
here is enough to fill the table again in another process, so machine code can be cached.
"""

from __future__ import annotations

import ctypes
from typing import Any

from llvmlite import ir

from .capi import I32, I64, OBJ


class Address(int):
    """A raw runtime address stored in the table (not a Python object)."""


class ConstTable:
    """One table: entries are deduplicated by identity and loaded as invariant."""

    def __init__(self, module: ir.Module, name: str) -> None:
        self.name = name
        self.values: list[Any] = []
        self._index: dict[tuple[bool, int], int] = {}
        self.glob = ir.GlobalVariable(module, ir.ArrayType(OBJ, 0), name=name)
        self._invariant = module.add_metadata([])

    def index(self, value: Any) -> int:
        key = (isinstance(value, Address), int(value) if isinstance(value, Address) else id(value))
        i = self._index.get(key)
        if i is None:
            i = self._index[key] = len(self.values)
            self.values.append(value)
        return i

    def load(self, builder: ir.IRBuilder, value: Any) -> ir.Value:
        """Emit the load of `value` (borrowed: the table keeps objects alive)."""
        ptr = builder.gep(self.glob, [I32(0), I64(self.index(value))])
        instr = builder.load(ptr)
        instr.set_metadata("invariant.load", self._invariant)
        return instr

    def finish(self) -> None:
        """Give the global its final size; called once every function is lowered."""
        self.glob.value_type = ir.ArrayType(OBJ, max(len(self.values), 1))
        self.glob.initializer = ir.Constant(self.glob.value_type, None)

    def fill(self, address: int) -> None:
        """Write the entries into the loaded table; objects stay alive in `values`."""
        slots = (ctypes.c_void_p * len(self.values)).from_address(address)
        for i, v in enumerate(self.values):
            slots[i] = int(v) if isinstance(v, Address) else id(v)
