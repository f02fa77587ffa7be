"""The per-module constants table (design §3.2).

Native code never embeds the address of a Python object. Each unit of a module owns a global
array of pointers, zero in the machine code, that is filled when the module is loaded: with the
objects the code uses (keywords, vars, literal collections, helper functions) and with the
addresses of runtime structures (the interrupt flag). A table of linked code is a `Table`: its
values, described (runtime addresses by name: `address_name`), are enough to fill it again
in another process, so machine code can be cached on disk (`jit.Unit.description`).
"""

from __future__ import annotations

import ctypes
from typing import Any

from llvmlite import ir

from .capi import I32, I64, OBJ
from .interrupts import POLL_DUE_ADDRESS


class Address(int):
    """A raw runtime address stored in the table (not a Python object)."""


# Slot 0 of every table: how many lines the unit's form has moved since its code was
# compiled. Tracebacks add it to the line numbers compiled in, so code reused after blank
# lines were added above its form reports the new lines (design §4).
LINE_SHIFT = 0
_WORD = (1 << 64) - 1


class Table:
    """A constants table of linked code: its symbol, the values it was compiled with, and
    where it is once loaded. Objects stay alive in `values`; a relocated unit writes moved
    values over some slots (`write`), and keeps those alive itself."""

    def __init__(self, name: str, values: list[Any]) -> None:
        self.name = name
        self.values = values
        self.address: int | None = None

    def fill(self, address: int) -> None:
        """Write the entries into the loaded table."""
        self.address = address
        slots = (ctypes.c_void_p * len(self.values)).from_address(address)
        for i, v in enumerate(self.values):
            slots[i] = int(v) & _WORD if isinstance(v, Address) else id(v)

    def write(self, index: int, value: Any) -> None:
        """Point slot `index` of the loaded table at `value` (kept alive by the caller)."""
        assert self.address is not None and index != LINE_SHIFT
        ctypes.c_void_p.from_address(self.address + 8 * index).value = id(value)

    def shift_lines(self, lines: int) -> None:
        """Report lines moved by `lines` from where the code was compiled (a loaded table)."""
        assert self.address is not None
        self.values[LINE_SHIFT] = Address(lines)
        ctypes.c_int64.from_address(self.address + 8 * LINE_SHIFT).value = lines


class ConstTable(Table):
    """A table being lowered: entries are deduplicated by identity and loaded as invariant."""

    def __init__(self, module: ir.Module, name: str) -> None:
        super().__init__(name, [Address(0)])
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

    def line_shift(self, builder: ir.IRBuilder) -> ir.Value:
        """The unit's line shift as an i32 (not invariant: relocation rewrites it)."""
        ptr = builder.gep(self.glob, [I32(0), I64(LINE_SHIFT)])
        return builder.trunc(builder.ptrtoint(builder.load(ptr), I64), I32)

    def finish(self) -> None:
        """Give the global its final size; called once every function is lowered."""
        self.glob.value_type = ir.ArrayType(OBJ, max(len(self.values), 1))
        self.glob.initializer = ir.Constant(self.glob.value_type, None)


def address_name(address: Address) -> str | None:
    """The name a runtime address is described by (another process has it elsewhere)."""
    return _NAMED.get(int(address))


def named_address(name: str) -> Address | None:
    return next((Address(a) for a, n in _NAMED.items() if n == name), None)


_NAMED = {POLL_DUE_ADDRESS: "poll_due"}
