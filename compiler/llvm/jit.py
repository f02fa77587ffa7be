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
from . import support
from .callables import FnInfo, first_call
from .constants import ConstTable
from .fntype import SLOT_FUNCTIONS, FnType, lower_slots
from .lower import ModuleLowering

_ids = itertools.count(1)
_lock = threading.RLock()
_pending: list[weakref.ref[Unit]] = []


# Libraries linked into one LLJIT before a fresh one is started. ORC keeps ~9 KiB of
# bookkeeping per library even after its code is released, until its LLJIT is disposed; an
# LLJIT is disposed once no code linked into it is alive, so a REPL that redefines a fn
# forever stays flat (design §3.7).
GENERATION = 256


class Engine:
    """The target machine the process compiles for, and the LLJIT instances it links into."""

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
        self.passes = llvm.create_pass_builder(
            self.tm, llvm.create_pipeline_tuning_options(speed_level=2)
        )
        self._jit: Any = None
        self._linked = GENERATION

    def new_module(self, name: str | None = None) -> ir.Module:
        module = ir.Module(name=name or f"pyjank{next(_ids)}")
        module.triple = self.triple
        module.data_layout = str(self.tm.target_data)
        return module

    def compile(self, module: ir.Module) -> bytes:
        """Optimise `module` and compile it to a relocatable object (what a disk cache
        would keep: it names the symbols it needs, never raw addresses)."""
        text = str(module)
        if os.environ.get("PYJANK_DUMP_IR"):
            print(text)
        parsed = llvm.parse_assembly(text)
        parsed.verify()
        mpm = llvm.create_new_module_pass_manager()
        for add in _PASSES:
            getattr(mpm, add)()
        mpm.run(parsed, self.passes)
        return bytes(self.tm.emit_object(parsed))

    def load(
        self, obj: bytes, name: str, exports: list[str], imports: dict[str, int], jit: Any = None
    ) -> Code:
        """Link an object into the process (into the current LLJIT unless `jit` is given),
        its undefined symbols resolved from `imports`, then the C API."""
        if jit is None:
            if self._linked >= GENERATION:
                self._jit, self._linked = llvm.create_lljit_compiler(self.tm), 0
            jit, self._linked = self._jit, self._linked + 1
        builder = llvm.JITLibraryBuilder().add_object_img(obj).add_current_process()
        for symbol, address in imports.items():
            builder.import_symbol(symbol, address)
        for symbol in exports:
            builder.export_symbol(symbol)
        return Code(builder.link(jit, name), jit)


# A fixed pipeline rather than the O2 one: llvmlite's pipelines keep memory per run (O2
# ~50 KiB, instcombine ~3.5 KiB, measured), which a REPL redefining fns would feel (design
# §3.7). These passes keep ~0.5 KiB per run together and do what the IR we emit needs.
_PASSES = (
    "add_always_inliner_pass",
    "add_sroa_pass",
    "add_simplify_cfg_pass",
    "add_new_gvn_pass",
    "add_dead_code_elimination_pass",
)

_engine: Engine | None = None


def engine() -> Engine:
    global _engine
    if _engine is None:
        _engine = Engine()
    return _engine


class Code:
    """The machine code of one linked object and the LLJIT it lives in. Released when
    unreferenced: the code first, then (with its last code) the LLJIT."""

    __slots__ = ("tracker", "jit")

    def __init__(self, tracker: Any, jit: Any) -> None:
        self.tracker, self.jit = tracker, jit

    def __getitem__(self, symbol: str) -> int:
        return self.tracker[symbol]

    def __del__(self) -> None:
        self.tracker.close()


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
    code = eng.load(eng.compile(module), module.name, exports, support_library().helpers)
    for unit in units:
        assert unit.consts is not None
        unit.consts.fill(code[unit.consts.glob.name])
        unit.code = code
    for info, symbol in lowering.symbols.items():
        info.entry = code[symbol]


class Support:
    """The support library, compiled once per process into an LLJIT of its own that lives
    as long as the process: the fn type's slot functions and the helpers compiled code calls
    (see `support`), whose addresses every module imports."""

    def __init__(self) -> None:
        eng = engine()
        module = eng.new_module(support.LIBRARY)
        self.consts = ConstTable(module, "pj_support_consts")
        lower_slots(module, self.consts, first_call)
        names = support.lower_helpers(module, self.consts)
        self.consts.finish()
        exports = [*SLOT_FUNCTIONS, *names, self.consts.glob.name]
        jit = llvm.create_lljit_compiler(eng.tm)
        self.code = eng.load(eng.compile(module), module.name, exports, {}, jit)
        self.consts.fill(self.code[self.consts.glob.name])
        self.helpers = {name: self.code[name] for name in names}
        support.start_ticker(self.helpers["pj_ticker"])
        self.fn_type = FnType(self.code.__getitem__)
        # never released, not even at interpreter exit, when fns may still be freed
        self.code.tracker.detach()
        jit.detach()


_support: Support | None = None


def support_library() -> Support:
    global _support
    with _lock:
        if _support is None:
            _support = Support()
    return _support


def fn_type() -> FnType:
    """The `pyjank.Fn` type, made (with the support library) on first use."""
    return support_library().fn_type
