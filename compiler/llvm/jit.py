"""The JIT: units of fns, one LLVM module per batch of units, machine code lifetimes.

A `Unit` holds the `fn*` nodes of one top-level form. Units wait in a pending list until one
of them is needed (a fn is made in eager mode, or first called in lazy mode); then the
pending units of the same load (`Unit.batch`) are lowered into one LLVM module, optimised,
compiled to an object file and linked into the process by LLJIT (design §3: batching is
what makes JIT latency affordable). In eager mode a load compiles its units when it ends
(`native.py`), so its misses are one module. A unit that cannot be compiled keeps the error,
raised by every call of its fns.

The object file of a batch is an `Image`: relocatable (it names the symbols it needs, never
an address), so the disk cache keeps it once, content-addressed, and every unit compiled into
it describes itself by the image's digest, its symbols and its constants table described
(`Unit.description`); another process links the image once and fills each unit's table
(`Unit.loaded`). A unit whose form moved gets its table rewritten (`Unit.place`): the line
shift that tracebacks add, and the constants holding positions of the form's text.

The `Code` of an image (its LLJIT resource tracker) is released when the last unit linked
from it, and so the last fn object made from it, is gone (design §3.7).
"""

from __future__ import annotations

import itertools
import os
import threading
import weakref
from dataclasses import astuple, dataclass, replace
from typing import Any

import llvmlite.binding as llvm
from llvmlite import ir

from .. import nodes as n
from ..cache import config
from ..cache.describe import Stale, Undescribable, describe, fetch, materialize, store
from ..cache.keys import digest, environment
from ..cache.positions import Position, Shift, positional, relocate
from ..cache.source import current_load
from ..cache.stats import count_native_module
from ..options import jit_mode
from . import support
from .callables import FnInfo, first_call
from .constants import LINE_SHIFT, Address, ConstTable, Table, address_name, named_address
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


@dataclass
class Stats:
    """What the JIT did in this process: modules compiled (the support library not
    counted), the units and native functions compiled into them, images linked from the
    disk cache, and whether the support library was compiled (not read from the disk
    cache). Tests and benchmarks compare `stats()` before and after (`since`)."""

    modules: int = 0
    units: int = 0
    fns: int = 0
    linked: int = 0
    support: int = 0

    def since(self, before: Stats) -> Stats:
        return Stats(*(a - b for a, b in zip(astuple(self), astuple(before), strict=True)))


def stats() -> Stats:
    """A copy of the process's JIT statistics."""
    return replace(STATS)


STATS = Stats()


class Image:
    """The object code of a batch of units and the copy of it linked into this process.

    Each unit owns a table in it: a unit that needs a table another unit already fills
    (the same cached form loaded twice) gets a copy of its own, linked then."""

    __slots__ = ("data", "exports", "digest", "code", "claimed", "__weakref__")

    def __init__(self, data: bytes, exports: tuple[str, ...]) -> None:
        self.data, self.exports = data, exports
        self.digest = _image_digest(data, exports)
        self.code: Code | None = None
        self.claimed: set[str] = set()
        _images[self.digest] = self

    @classmethod
    def compiled(cls, data: bytes, exports: tuple[str, ...], code: Code, tables: set[str]) -> Image:
        image = cls(data, exports)
        image.code, image.claimed = code, tables
        return image

    @classmethod
    def find(cls, key: bytes) -> Image:
        """The image `key` names: alive in this process, else from the disk cache, checked
        against its digest. Raises Stale."""
        image = _images.get(key)
        if image is not None:
            return image
        found = fetch(OBJECTS, key)
        try:
            data, exports = found
            ok = type(data) is bytes and all(type(x) is str for x in exports)
        except (TypeError, ValueError):
            ok = False
        if not ok or _image_digest(data, exports) != key:
            raise Stale("an object file that is not what its entry names")
        return cls(data, exports)

    def blob(self) -> tuple[bytes, tuple[str, ...]]:
        """What the disk cache keeps of it."""
        return self.data, self.exports

    def claim(self, table: str) -> Code:
        """The linked copy in which `table` is the caller's (linked now if there is none).
        Raises Stale when the object cannot be linked."""
        with _lock:
            if self.code is None or table in self.claimed:
                helpers = support_library().helpers
                try:
                    self.code = engine().load(
                        self.data, f"pjobj{next(_ids)}", list(self.exports), helpers
                    )
                except RuntimeError as e:
                    raise Stale(f"an object file that does not link: {e}") from e
                self.claimed = set()
                STATS.linked += 1
            self.claimed.add(table)
            return self.code


OBJECTS = "objects"
"""Where the disk cache keeps images."""
_images: weakref.WeakValueDictionary[bytes, Image] = weakref.WeakValueDictionary()


def _image_digest(data: bytes, exports: tuple[str, ...]) -> bytes:
    return digest(data + b"\0" + "\0".join(exports).encode())


class Unit:
    """The fns of one top-level form, compiled together with the other pending units, or
    loaded from a description of them."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.roots: list[FnInfo] = []
        """The fns tier 0 makes; `infos` adds the nested ones lowering finds."""
        self.infos: list[FnInfo] = []
        self.consts: Table | None = None
        self.image: Image | None = None
        self.code: Code | None = None
        self.error: Exception | None = None
        self.batch: object | None = None
        """What it compiles with at the first call of one of its fns: the units of the same
        load (`source.current_load`), else none."""
        self.position: Position | None = None
        """Where the table says the unit's form is (None: where it was compiled)."""
        self._shift: Shift | None = None
        self._positional: list[int] | None = None
        self._moves: dict[Position, dict[int, Any]] = {}
        self._description: tuple | None = None

    def add(self, node: n.Fn) -> FnInfo:
        """A FnInfo for `node`; its fns start at the first-call stub until compiled."""
        if not self.roots:
            self.batch = current_load() or object()
            with _lock:
                _pending.append(weakref.ref(self))
        info = FnInfo(self, node, fn_type().lazy_entry)
        self.roots.append(info)
        return info

    def ensure_compiled(self) -> None:
        """Compile this unit (with the pending ones of its load) if it is not yet; raise
        what compiling it raised."""
        if self.code is None and self.image is not None:
            self._linked(self.image.claim(self.consts.name))  # type: ignore[union-attr]
        if self.code is None:
            compile_pending(self.batch)
        if self.error is not None:
            raise self.error

    def _linked(self, code: Code) -> None:
        """Run from `code`: fill the table (at the unit's position), point the fns at it."""
        table = self.consts
        assert table is not None
        table.fill(code[table.name])
        for info in self.infos:
            info.entry = code[info.symbol]
            info.node, info.layout = None, []  # for lowering: fns need only the entry now
        self.code = code
        if self.position is not None:
            self._write_position()

    # -- forms that moved ----------------------------------------------------------------------
    def place(self, shift: Shift | None) -> None:
        """Make the unit's code report positions where its form runs now, moved by `shift`
        from where it was compiled (None: not moved): the line shift tracebacks add, and the
        constants that hold positions of the form's text. The moved constants are kept as long
        as the unit: native code may be using the ones it replaces."""
        position = None if shift is None else shift.new
        if position == self.position:
            return
        with _lock:
            self.position = position
            if shift is not None:
                self._shift = shift
            if self.code is not None:
                self._write_position()

    def _write_position(self) -> None:
        table, shift = self.consts, self._shift
        assert table is not None and shift is not None
        if self._positional is None:
            base = shift.old
            self._positional = [
                i for i, v in enumerate(table.values) if i != LINE_SHIFT and positional(v, base)
            ]
        if self.position is None:
            table.shift_lines(0)
            moved = {i: table.values[i] for i in self._positional}
        else:
            table.shift_lines(shift.lines)
            moved = self._moves.get(self.position)
            if moved is None:
                moved = {i: relocate(table.values[i], shift) for i in self._positional}
                self._moves[self.position] = moved
        for i, value in moved.items():
            table.write(i, value)

    # -- the disk cache ------------------------------------------------------------------------
    def description(self) -> tuple:
        """What rebuilds the unit in another process: its image's digest, its table's symbol
        and values described, and its fns (name, env size, symbol). Computed once: every
        factory of the unit shares it, so an entry's payload holds it once. Raises
        Undescribable. Only the disk cache's thread describes: a unit no fn of which was
        called yet (`--jit lazy`) is compiled there, off the load's path, so that the next
        process loads it without JIT."""
        if self._description is None:
            if self.code is None:
                compile_pending()
            if self.code is None or self.image is None:
                raise Undescribable("native code that could not be compiled")
            table = self.consts
            assert table is not None
            index = {id(info): i for i, info in enumerate(self.infos)}
            values = tuple(self._describe(v, index) for v in table.values[LINE_SHIFT + 1 :])
            self._description = (
                self.image.digest,
                table.name,
                values,
                tuple(info.description() for info in self.infos),
            )
        assert self.image is not None
        store(OBJECTS, self.image.digest, self.image.blob)  # with every entry written anew
        return self._description

    @staticmethod
    def _describe(value: Any, index: dict[int, int]) -> tuple:
        if type(value) is FnInfo:
            if id(value) not in index:
                raise Undescribable(value)
            return ("info", index[id(value)])
        if value is fn_type().type:
            return ("fn-type",)
        if type(value) is Address:
            name = address_name(value)
            if name is None:
                raise Undescribable(value)
            return ("address", name)
        return ("value", describe(value))

    @classmethod
    def loaded(cls, d: tuple) -> Unit:
        """The unit `d` describes, linked (its image at most once per process) and filled.
        Raises Stale when it names what does not exist here or is not well formed."""
        last = getattr(_last_loaded, "value", None)
        if last is not None and last[0] is d and (unit := last[1]()) is not None:
            return unit  # for the other factories of the same entry
        try:
            key, name, values, infos = d
            if not (type(name) is str and all(map(_is_info, infos))):
                raise Stale("a malformed native unit")
        except (TypeError, ValueError) as e:
            raise Stale("a malformed native unit") from e
        image = Image.find(key)
        if name not in image.exports or any(i[2] not in image.exports for i in infos):
            raise Stale("a native unit whose symbols its object file lacks")
        unit = cls("")
        unit.infos = [FnInfo.described(unit, i, fn_type().lazy_entry) for i in infos]
        unit.consts = Table(name, [Address(0), *(unit._materialize(v) for v in values)])
        unit.image = image
        unit._description = d
        if jit_mode() != "lazy":
            unit._linked(image.claim(name))
        _last_loaded.value = (d, weakref.ref(unit))
        return unit

    def _materialize(self, d: Any) -> Any:
        try:
            kind, *rest = d
            if kind == "value":
                return materialize(rest[0])
            if kind == "info":
                return self.infos[rest[0]]
            if kind == "fn-type":
                return fn_type().type
            if kind == "address":
                found = named_address(rest[0])
                if found is not None:
                    return found
        except (TypeError, ValueError, IndexError) as e:
            raise Stale("a malformed constant") from e
        raise Stale(f"an unknown constant {d!r}")


_last_loaded = threading.local()


def _is_info(d: Any) -> bool:
    return (
        type(d) is tuple
        and len(d) == 3
        and type(d[0]) is str
        and type(d[1]) is int
        and d[1] >= 0
        and type(d[2]) is str
    )


def compile_pending(batch: object | None = None) -> None:
    """Compile the pending units of `batch` (None: every pending unit) that are still alive
    into one module. A unit that cannot be compiled keeps its error (`ensure_compiled` raises
    it); the others still compile. A lazy fn's first call compiles the units of its own load
    only: the fns earlier loads made and nothing called stay pending."""
    with _lock:
        units, rest = [], []
        for unit in (r() for r in _pending):
            if unit is not None and unit.code is None:
                (units if batch is None or unit.batch is batch else rest).append(unit)
        _pending[:] = [weakref.ref(u) for u in rest]
        if not units:
            return
        try:
            _compile(units)
        except Exception as e:
            if len(units) == 1:
                units[0].error = e
                return
            for unit in units:  # find the culprit: each on its own
                try:
                    _compile([unit])
                except Exception as e:
                    unit.error = e


def _compile(units: list[Unit]) -> None:
    eng = engine()
    module = eng.new_module()
    lowering = ModuleLowering(module, fn_type().type)
    tables = []
    for unit in units:
        table = ConstTable(module, f"pj_consts{next(_ids)}")
        unit.consts = table
        tables.append(table)
        unit.infos = list(unit.roots)
        for info in unit.roots:
            lowering.lower_fn(info, unit)
    for table in tables:
        table.finish()
    for info, symbol in lowering.symbols.items():
        info.symbol = symbol
    exports = (*(t.name for t in tables), *lowering.symbols.values())
    data = eng.compile(module)
    code = eng.load(data, module.name, list(exports), support_library().helpers)
    image = Image.compiled(data, exports, code, {t.name for t in tables})
    for unit in units:
        unit.image = image
        unit._linked(code)
    STATS.modules += 1
    STATS.units += len(units)
    STATS.fns += len(lowering.symbols)
    count_native_module()


class Support:
    """The support library, compiled once per process into an LLJIT of its own that lives
    as long as the process: the fn type's slot functions and the helpers compiled code calls
    (see `support`), whose addresses every module imports. Its IR is built in every process
    (its table's values are this process's objects); its object code comes from the disk
    cache when it can."""

    def __init__(self) -> None:
        eng = engine()
        module = eng.new_module(support.LIBRARY)
        self.consts = ConstTable(module, "pj_support_consts")
        lower_slots(module, self.consts, first_call)
        names = support.lower_helpers(module, self.consts)
        self.consts.finish()
        exports = [*SLOT_FUNCTIONS, *names, self.consts.glob.name]
        jit = llvm.create_lljit_compiler(eng.tm)
        self.code = _link_support(eng, module, exports, len(self.consts.values), jit)
        self.consts.fill(self.code[self.consts.glob.name])
        self.helpers = {name: self.code[name] for name in names}
        support.start_ticker(self.helpers["pj_ticker"])
        self.fn_type = FnType(self.code.__getitem__)
        # never released, not even at interpreter exit, when fns may still be freed
        self.code.tracker.detach()
        jit.detach()


def _link_support(eng: Engine, module: ir.Module, exports: list[str], size: int, jit: Any) -> Code:
    """The support library linked into `jit`: its object code from the disk cache when it
    has one for this environment (which digests the compiler's sources, LLVM and the CPU)
    with the exports and table size of the IR just built, and it links; else compiled
    (~70 ms) and written there."""
    disk = config.disk()
    env = environment(True)
    key = digest(env + b"\0support")
    found = None if disk is None else disk.read("support", key, env)
    if type(found) is tuple and len(found) == 3 and found[1:] == (tuple(exports), size):
        try:
            return eng.load(found[0], f"{module.name}{next(_ids)}", exports, {}, jit)
        except (RuntimeError, TypeError):
            pass  # not an object this LLVM links: compiled again below, and rewritten
    STATS.support += 1
    data = eng.compile(module)
    if disk is not None:
        disk.write("support", key, env, lambda: (data, tuple(exports), size))
    return eng.load(data, f"{module.name}{next(_ids)}", exports, {}, jit)


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
