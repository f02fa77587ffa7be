"""The JIT: units of fns, one LLVM module per batch of units, machine code lifetimes.

A `Unit` holds the `fn*` nodes of one top-level form. Units wait in a pending list until one
of them is needed (a fn is made in eager mode, or first called in lazy mode); then every
pending unit is lowered into one LLVM module, optimised, compiled to an object file and
linked into the process by LLJIT (design §3: batching is what makes JIT latency affordable).
The `Code` of that module (its LLJIT resource tracker) is released when the last unit
compiled into it, and so the last fn object made from it, is gone (design §3.7).
"""

from __future__ import annotations

import itertools
import os
import threading
import weakref
from typing import Any

import llvmlite.binding as llvm
from llvmlite import ir

from .. import nodes as n
from .callables import FnInfo, first_call
from .constants import ConstTable
from .fntype import FnType
from .lower import ModuleLowering

_ids = itertools.count(1)
_lock = threading.RLock()
_pending: list[weakref.ref[Unit]] = []


class Engine:
    """The process's LLJIT instance and the target machine it compiles for."""

    def __init__(self) -> None:
        llvm.initialize_native_target()
        llvm.initialize_native_asmprinter()
        target = llvm.Target.from_default_triple()
        self.triple = llvm.get_process_triple()
        self.tm = target.create_target_machine(
            cpu=llvm.get_host_cpu_name(),
            features=llvm.get_host_cpu_features().flatten(),
            opt=2,
            reloc="default",
            codemodel="jitdefault",
        )
        self.jit = llvm.create_lljit_compiler(self.tm)
        self.passes = llvm.create_pass_builder(
            self.tm, llvm.create_pipeline_tuning_options(speed_level=2)
        )

    def new_module(self) -> ir.Module:
        module = ir.Module(name=f"pyjank{next(_ids)}")
        module.triple = self.triple
        module.data_layout = str(self.tm.target_data)
        return module

    def link(self, module: ir.Module, exports: list[str]) -> Any:
        """Optimise, compile and load `module`; the tracker maps exports to addresses."""
        text = str(module)
        if os.environ.get("PYJANK_DUMP_IR"):
            print(text)
        parsed = llvm.parse_assembly(text)
        parsed.verify()
        mpm = llvm.create_new_module_pass_manager()
        for add in _PASSES:
            getattr(mpm, add)()
        mpm.run(parsed, self.passes)
        obj = self.tm.emit_object(parsed)
        builder = llvm.JITLibraryBuilder().add_object_img(obj).add_current_process()
        for name in exports:
            builder.export_symbol(name)
        return builder.link(self.jit, module.name)


# A fixed pipeline rather than the O2 one: llvmlite's O2 module pipeline leaks ~50 KiB per
# run, which a REPL redefining fns would feel (design §3.7); this one leaks almost nothing.
_PASSES = (
    "add_always_inliner_pass",
    "add_sroa_pass",
    "add_instruction_combine_pass",
    "add_simplify_cfg_pass",
    "add_new_gvn_pass",
    "add_instruction_combine_pass",
    "add_dead_code_elimination_pass",
)

_engine: Engine | None = None


def engine() -> Engine:
    global _engine
    if _engine is None:
        _engine = Engine()
    return _engine


class Code:
    """The machine code of one module; freed (tracker disposed) when unreferenced."""

    __slots__ = ("tracker",)

    def __init__(self, tracker: Any) -> None:
        self.tracker = tracker


class Unit:
    """The fns of one top-level form, compiled together with the other pending units."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.infos: list[FnInfo] = []
        self.consts: ConstTable | None = None
        self.code: Code | None = None

    def add(self, node: n.Fn) -> FnInfo:
        """A FnInfo for `node`; its fns start at the first-call stub until compiled."""
        if not self.infos:
            with _lock:
                _pending.append(weakref.ref(self))
        info = FnInfo(self, node, fn_type().lazy_entry)
        self.infos.append(info)
        return info

    def ensure_compiled(self) -> None:
        if self.code is None:
            compile_pending()


def compile_pending() -> None:
    """Compile every pending unit that is still alive into one module."""
    with _lock:
        units = [u for u in (r() for r in _pending) if u is not None and u.code is None]
        _pending.clear()
        if units:
            _compile(units)


def _compile(units: list[Unit]) -> None:
    eng = engine()
    module = eng.new_module()
    lowering = ModuleLowering(module, fn_type().type)
    for unit in units:
        unit.consts = ConstTable(module, f"pj_consts{next(_ids)}")
        for info in list(unit.infos):
            lowering.lower_fn(info, unit)
    for unit in units:
        assert unit.consts is not None
        unit.consts.finish()
    exports = [u.consts.glob.name for u in units if u.consts] + list(lowering.symbols.values())
    tracker = eng.link(module, exports)
    code = Code(tracker)
    for unit in units:
        assert unit.consts is not None
        unit.consts.fill(tracker[unit.consts.glob.name])
        unit.code = code
    for info, symbol in lowering.symbols.items():
        info.entry = tracker[symbol]


_fn_type: FnType | None = None


def fn_type() -> FnType:
    """The `pyjank.Fn` type, made (with its native support code) on first use."""
    global _fn_type
    with _lock:
        if _fn_type is None:
            eng = engine()
            _fn_type = FnType(eng.link, eng.new_module(), first_call)
    return _fn_type
