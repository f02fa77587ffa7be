"""Evaluating source text through the per-form cache: what `load-file`, `require`, `load`,
the nREPL `load-file` and `eval` ops run.

`source_steps(text, ...)` yields one step per top-level form: taking the next step finds the
form — in the file's source index when its text is unchanged (`spans.py`), else by reading
it — and calling it evaluates the form: a hit on its key whose layout matches and whose
units' records hold runs the cached code (moved if the form moved); anything else analyses
and compiles, runs, and stores the entry in memory and on disk. A hit runs every unit, so
the runtime ends in the state a full re-evaluation gives (design §4). Steps must be taken
and called in turn: each form is found in the namespace the one before it left.

A load (`load=True`) keeps the file's source index for the next load; an evaluation of typed
code only reads and looks up keys. On disk, the entries of a file's forms are kept together
with its index, in one *pack* per file and load context: a new process reads one file per
namespace. Both report stats (`stats.py`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator
from typing import Any

from ...runtime.core_vars import current_ns
from ...runtime.symbols import reserve_ids
from ..evaluator import leaves, run_located
from ..reader import DEFAULT_FEATURES, EOF
from . import config, keys
from .describe import Stale, Undescribable
from .disk import DiskCache
from .entries import FormEntry, Unit
from .positions import Position, Shift
from .spans import RecordingResolver, SourceIndex, Span, make_reader
from .stats import LoadStats, finished, native_modules

_current = threading.local()


def after_load(callback: Callable[[], None]) -> None:
    """Call `callback` when the innermost load in progress in this thread ends (now when
    none is): a backend batches the work of one load with it. A callback is called once per
    load however often it is registered."""
    load = _innermost_load()
    if load is None:
        callback()
    elif callback not in load.after:
        load.after.append(callback)


def current_load() -> object | None:
    """A token of the innermost load in progress in this thread (one object per load), or
    None: what a backend groups the work of one load by."""
    load = _innermost_load()
    return None if load is None else load.token


def _innermost_load() -> _Run | None:
    return next((r for r in reversed(getattr(_current, "runs", ())) if r.load), None)


class Step:
    """One top-level form of the text, found; calling it evaluates the form."""

    __slots__ = ("run", "span", "form", "offset", "position", "max_gensym")

    def __init__(
        self, run: _Run, span: Span, form: Any, offset: int, position: Position, max_gensym: int
    ) -> None:
        self.run, self.span, self.form = run, span, form
        self.offset, self.position, self.max_gensym = offset, position, max_gensym

    def __call__(self) -> Any:
        return self.run.evaluate(self)


def source_steps(
    text: str, file: str | None = None, line: int = 1, column: int = 1, *, load: bool = True
) -> Generator[Step, None, None]:
    """The steps of `text`, whose positions count from `line`/`column` (an editor sends
    where the text starts). A read error is raised by taking the step."""
    run = _Run(text, file, line, column, load)
    runs = getattr(_current, "runs", None)
    if runs is None:
        runs = _current.runs = []
    runs.append(run)
    try:
        while (step := run.next_step()) is not None:
            yield step
        run.complete = True
    finally:
        runs.remove(run)
        run.finish()


class _Run:
    """One load or evaluation of a text."""

    def __init__(self, text: str, file: str | None, line: int, column: int, load: bool) -> None:
        self.started = time.perf_counter()
        self.text, self.file = text, file
        self.disk: DiskCache | None = config.disk()
        self.env = keys.environment(self.disk is not None)
        self.resolver = RecordingResolver()
        self.reader = make_reader(text, file, line, column, self.resolver)
        self.ctx = keys.context(
            self.disk is not None, file, self.reader.allow_conditionals, DEFAULT_FEATURES
        )
        self.pos = 0
        self.spans: list[Span] = []
        self.after: list[Callable[[], None]] = []
        self.token = object()
        self.complete = False
        self.load = load
        # A file's forms are found in its last load's index, and kept on disk together, in
        # one pack per file and context: a new process reads one file per namespace.
        self.source_key = keys.digest(self.ctx + b"\0source") if load else b""
        self.packed: dict[bytes, bytes] | None = None
        self.index: SourceIndex | None = None
        self.expected = 0
        self.unchanged = True  # every form found in order in the last load's index
        self.compiled = False
        reload = False
        if load:
            self.index = config.memory.sources.get(self.source_key)
            reload = self.index is not None
            if self.index is None:
                self.index = self._pack()[0]
        self.stats = LoadStats(str(current_ns().name), file, load, reload)
        self.native_modules = native_modules()

    def _pack(self) -> tuple[SourceIndex | None, dict[bytes, bytes]]:
        """The file's pack on disk, read once: its index and its forms' entries."""
        if self.packed is None:
            self.packed = {}
            found = None
            if self.disk is not None and self.load:
                found = self.disk.read("sources", self.source_key, self.env)
            if found is not None:
                index, self.packed = found
                return SourceIndex.described(index), self.packed
        return None, self.packed

    # -- finding forms -----------------------------------------------------------------------
    def next_step(self) -> Step | None:
        text, reader = self.text, self.reader
        p = reader.skip(self.pos)
        if p >= len(text):
            return None
        ns = str(current_ns().name)
        found = -1 if self.index is None else self.index.find(text, p, ns, self.expected)
        if found >= 0:
            self.unchanged &= found == self.expected
            self.expected = found + 1
            span = self.index.spans[found]  # type: ignore[union-attr]
            form, max_gensym = None, 0
        else:
            self.unchanged = False
            form, fk = self._read(p, ns)
            if form is EOF:
                return None
            p = reader.form_start
            span = Span(
                text[p : reader.form_end], ns, fk.key, fk.layout, tuple(self.resolver.reads)
            )
            max_gensym = fk.max_gensym
        self.spans.append(span)
        self.pos = end = p + len(span.text)
        line, column = reader.position(p)
        position = Position(self.file, line, column, reader.position(end)[0])
        return Step(self, span, form, p, position, max_gensym)

    def _read(self, offset: int, ns: str) -> tuple[Any, keys.FormKey]:
        """The form at `offset` and its key, or EOF and None."""
        reader = self.reader
        reader.pos = offset
        self.resolver.reads = []
        self.stats.read += 1
        form = reader.read()
        if form is EOF:
            return form, None  # type: ignore[return-value]
        line, column = reader.position(reader.form_start)
        return form, keys.form_key(form, ns, self.ctx, line, column)

    # -- evaluating --------------------------------------------------------------------------
    def evaluate(self, step: Step) -> Any:
        self.stats.forms += 1
        key = step.span.key
        entry = config.memory.get(key)
        if entry is None:
            entry = self._from_disk(key)
        if entry is None or entry.layout != step.span.layout:
            return self._compile(step, None, 0)
        position = step.position
        result = None
        for i, unit in enumerate(entry.units):
            ns = current_ns()
            if not _ready(unit, ns, position):
                return self._compile(step, entry, i)
            shift = None if unit.base == position else Shift(unit.base, position)
            thunk = unit.artifact.thunk(shift)  # type: ignore[union-attr]
            result = run_located(thunk, unit.name, self.file, position.line)
            unit.ran(ns)
        self.stats.reused += 1
        return result

    def _from_disk(self, key: bytes) -> FormEntry | None:
        payload = self._pack()[1].get(key)
        if payload is None:
            return None
        try:
            entry = FormEntry.loaded(key, payload)
        except (Stale, ValueError, TypeError, EOFError):
            return None
        reserve_ids(entry.max_gensym)
        self._keep(entry)
        return entry

    def _compile(self, step: Step, entry: FormEntry | None, done: int) -> Any:
        """Analyse, compile and run the form's units from the `done`th on (the ones before
        ran from `entry`), and cache the form."""
        form, max_gensym = step.form, step.max_gensym
        if form is None:
            form, fk = self._read(step.offset, step.span.ns)
            max_gensym = fk.max_gensym
        units = entry.units[:done] if entry is not None else []
        result = None
        key = step.span.key
        for i, leaf in enumerate(leaves(form, None, self.file)):
            if i < done:
                continue
            compiled = leaf.compile()
            unit = Unit.compiled(
                keys.digest(key + i.to_bytes(4, "little")), leaf, compiled, step.position
            )
            analyzer = leaf.analyzer
            result = run_located(compiled.thunk, analyzer.top_name, self.file, analyzer.top_line)
            unit.ran(analyzer.ns)
            units.append(unit)
        self.stats.compiled += 1
        self._keep(FormEntry(key, step.span.layout, units, max_gensym))
        self.compiled = True
        return result

    def _keep(self, entry: FormEntry) -> None:
        (config.memory.forms if self.load else config.memory.evals).put(entry.key, entry)

    # -- the end -----------------------------------------------------------------------------
    def finish(self) -> None:
        """Run what waited for the load's end (its native code is compiled then), keep the
        file's index, report."""
        stats = self.stats
        try:
            for callback in self.after:
                callback()
        finally:
            stats.native_modules = native_modules() - self.native_modules
            stats.ms = (time.perf_counter() - self.started) * 1000
            stats.ns = str(current_ns().name)
            if self.load and self.complete:
                self._replace_index()
            finished(stats)

    def _replace_index(self) -> None:
        """Keep this load's spans for the next load, forget the forms the file no longer
        has, and write the file's pack if anything changed."""
        old, index = self.index, SourceIndex(self.spans)
        config.memory.sources.put(self.source_key, index)
        same = old is not None and self.unchanged and len(old.spans) == len(self.spans)
        if old is not None and not same:
            kept = {span.key for span in self.spans}
            for span in old.spans:
                if span.key not in kept:
                    config.memory.forms.pop(span.key)
        if self.disk is not None and (self.compiled or not same):
            entries = [config.memory.get(span.key) for span in self.spans]
            self.disk.write("sources", self.source_key, self.env, lambda: _pack(index, entries))


def _ready(unit: Unit, ns: Any, position: Position) -> bool:
    """Whether a cached unit can run here and now (and prepared to, if so)."""
    if unit.ns != str(ns.name) or (unit.pinned and unit.base != position):
        return False
    try:
        return unit.ready(ns)
    except Stale:
        return False


def _pack(index: SourceIndex, entries: list[FormEntry | None]) -> tuple:
    """What a file's pack holds: its index, and the entries that can be written."""
    payloads = {}
    for entry in entries:
        if entry is not None:
            try:
                payloads[entry.key] = entry.payload()
            except Undescribable:
                pass
    return index.description(), payloads
