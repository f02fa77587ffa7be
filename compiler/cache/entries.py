"""Cache entries: a top-level form's compiled units and what each needs to be reused.

A top-level form evaluates as one or more *units* (a `do` is split, design §1): each unit
keeps its artifact and its dependency record (design §4): what every symbol resolved to —
with the flags of a var that change the code compiled against it (dynamic, macro) — and the
token of every macro it expanded (`provenance.py`). Before a unit is reused its
record is re-checked against the namespaces as they are now, one lookup per symbol. Units
read from disk hold descriptions instead of objects; the first successful check turns them
into live ones, so later checks compare identities.

A unit's *stamp* digests what its code was compiled from: the form, what its symbols named
and the tokens of its macros. The vars it defines record the unit (`provenance.record`).
"""

from __future__ import annotations

import marshal
from functools import lru_cache
from typing import Any

from ...runtime.namespaces import CORE_NS, Namespace
from ...runtime.symbols import symbol
from ...runtime.vars import Var
from .. import nodes as n
from ..analyzer import Analysis, Analyzer
from ..evaluator import Compiled, Leaf
from . import provenance
from .artifacts import KINDS, Artifact, tier0_artifact
from .describe import Stale, Undescribable, describe, materialize
from .keys import digest
from .positions import Position

_resolver = Analyzer(CORE_NS)
_symbol = lru_cache(maxsize=16384)(symbol)


def var_flags(x: Any) -> int:
    """What code compiled against a var depends on besides its identity — what the analyzer
    and the backends read of it: dynamic (read through its bindings) and macro; -1 for a
    non-var. (The analyzer does not check `:private`; were it to, it would belong here.)"""
    if type(x) is not Var:
        return -1
    return x.dynamic | x.macro << 1


class Deps:
    """A unit's dependency record, live: (symbol, target, flags), (macro var, token), and
    the vars it defines (its code holds them: they must still be the namespace's)."""

    __slots__ = ("syms", "macros", "defined")

    def __init__(self, syms: tuple, macros: tuple, defined: tuple[Var, ...] = ()) -> None:
        self.syms: tuple[tuple[Any, Any, int], ...] = syms
        self.macros: tuple[tuple[Var, bytes], ...] = macros
        self.defined = defined

    @classmethod
    def of(cls, record: Analysis) -> Deps:
        syms = tuple(
            (_symbol(text), target, var_flags(target))
            for (_, text), target in record.resolved.items()
        )
        macros = tuple((var, provenance.token(var)) for var in record.macros)
        return cls(syms, macros, tuple(d.var for d in record.defs))

    def defining(self, defined: list[Var]) -> Deps:
        return Deps(self.syms, self.macros, tuple(defined))

    def valid(self, ns: Namespace) -> bool:
        """Whether every symbol names what it did, with the same flags, and every macro has
        the same token: a dict lookup per unqualified symbol (the analyzer's own resolution
        for the rest)."""
        mappings = ns.mappings
        resolve = _resolver.try_resolve
        for sym, target, flags in self.syms:
            found = mappings.get(sym.name) if sym.ns is None else None
            if found is None:
                found = resolve(sym, ns)
            if found is not target and (type(found) is Var or found != target):
                return False
            if flags >= 0 and var_flags(found) != flags:
                return False
        token = provenance.token
        return all(token(var) == t for var, t in self.macros)

    def description(self) -> tuple:
        """For the disk cache; raises Undescribable."""
        syms = tuple((str(s), describe(t), f) for s, t, f in self.syms)
        macros = tuple((describe(v), t) for v, t in self.macros)
        if any(t.startswith(provenance.LOCAL) for _, t in self.macros):
            raise Undescribable("a macro known in this process only")
        return syms, macros

    def stamp(self, key: bytes) -> bytes:
        """What the unit was compiled from; valid in this process only when a target
        cannot be described."""
        try:
            return provenance.SHARED + digest(key + repr(self.description()).encode())
        except Undescribable:
            ids = repr([(str(s), id(t), f) for s, t, f in self.syms] + list(self.macros))
            return provenance.LOCAL + digest(key + ids.encode())


class DescribedDeps:
    """A dependency record read from disk: checked by describing what symbols name now."""

    __slots__ = ("syms", "macros")

    def __init__(self, description: tuple) -> None:
        self.syms, self.macros = description

    def live(self, ns: Namespace) -> Deps | None:
        """The live record if it holds now, else None."""
        resolve = _resolver.try_resolve
        syms = []
        for text, desc, flags in self.syms:
            sym = _symbol(text)
            found = resolve(sym, ns)
            try:
                if describe(found) != desc or var_flags(found) != flags:
                    return None
            except Undescribable:
                return None
            syms.append((sym, found, flags))
        macros = []
        for desc, token in self.macros:
            try:
                var = materialize(desc)
            except Stale:
                return None
            if provenance.token(var) != token:
                return None
            macros.append((var, token))
        return Deps(tuple(syms), tuple(macros))


class Unit:
    """One leaf of a cached form."""

    __slots__ = (
        "key",
        "ns",
        "name",
        "base",
        "_stamp",
        "defines",
        "refs",
        "pinned",
        "deps",
        "artifact",
    )

    def __init__(
        self,
        key: bytes,
        ns: str,
        name: str,
        base: Position,
        stamp: bytes | None,
        defines: tuple[tuple[str, bool], ...],
        refs: tuple,
        pinned: bool,
        deps: Deps | DescribedDeps,
        artifact: Artifact | tuple[str, bytes],
    ) -> None:
        self.key, self.ns, self.name, self.base, self._stamp = key, ns, name, base, stamp
        self.defines, self.refs, self.pinned = defines, refs, pinned
        self.deps, self.artifact = deps, artifact

    @classmethod
    def compiled(cls, key: bytes, leaf: Leaf, compiled: Compiled, base: Position) -> Unit:
        record = leaf.analyzer.record
        defs = record.defs
        defined = {d.var for d in defs}
        deps = Deps.of(record)
        name = leaf.analyzer.top_name
        artifact = tier0_artifact(compiled, leaf.node, name, base)
        return cls(
            key,
            str(leaf.analyzer.ns.name),
            name,
            base,
            None,
            tuple((d.var.sym.name, d.var.dynamic) for d in defs),
            tuple(t for _, t, _ in deps.syms if type(t) is Var and t not in defined),
            # a macro read a position, or def metadata computed at run time embeds one
            record.positional or any(type(d.meta) is not n.Const for d in defs),
            deps,
            artifact,
        )

    @property
    def stamp(self) -> bytes:
        """What the unit was compiled from (computed when first asked: by a macro's token,
        or to write the unit)."""
        if self._stamp is None:
            assert isinstance(self.deps, Deps)
            self._stamp = self.deps.stamp(self.key)
        return self._stamp

    def ready(self, ns: Namespace) -> bool:
        """Prepare the unit to run in `ns`: redo what analysing it did to the namespace
        (intern the vars it defines), check its record, load its artifact."""
        deps = self.deps
        defined = [ns.intern(name) for name, _ in self.defines]
        for var, (_, dynamic) in zip(defined, self.defines, strict=True):
            if dynamic and not var.dynamic:
                var.set_dynamic(True)
        if isinstance(deps, DescribedDeps):
            live = deps.live(ns)
            if live is None:
                return False
            self.deps = live.defining(defined)
            self.refs = tuple(materialize(r) for r in self.refs)
        elif any(a is not b for a, b in zip(deps.defined, defined, strict=True)):
            return False
        elif not deps.valid(ns):
            return False
        if isinstance(self.artifact, tuple):
            kind, payload = self.artifact
            self.artifact = KINDS[kind].load(payload, self.base)
        return True

    def ran(self, ns: Namespace) -> None:
        """Record that the vars this unit defines got their values from its code."""
        for name, _ in self.defines:
            var = ns.mappings.get(name)
            if type(var) is Var:
                provenance.record(var, self)

    def description(self) -> tuple:
        """For the disk cache; raises Undescribable."""
        if self.stamp.startswith(provenance.LOCAL):
            raise Undescribable("compiled against values of this process")
        deps = self.deps
        assert isinstance(deps, Deps) and not isinstance(self.artifact, tuple)
        return (
            self.key,
            self.ns,
            self.name,
            tuple(self.base),
            self.stamp,
            self.defines,
            tuple(describe(r) for r in self.refs),
            self.pinned,
            deps.description(),
            self.artifact.kind,
            self.artifact.payload(),
        )

    @classmethod
    def described(cls, d: tuple) -> Unit:
        key, ns, name, base, stamp, defines, refs, pinned, deps, kind, payload = d
        if kind not in KINDS:
            raise Stale(f"no backend for {kind!r}")
        return cls(
            key,
            ns,
            name,
            Position(*base),
            stamp,
            defines,
            refs,
            pinned,
            DescribedDeps(deps),
            (kind, payload),
        )


class FormEntry:
    """A top-level form's units, the layout they were compiled for, and the largest
    auto-gensym number in the form."""

    __slots__ = ("key", "layout", "units", "max_gensym", "_payload")

    def __init__(
        self,
        key: bytes,
        layout: bytes,
        units: list[Unit],
        max_gensym: int,
        payload: bytes | None = None,
    ) -> None:
        self.key, self.layout, self.units, self.max_gensym = key, layout, units, max_gensym
        self._payload = payload

    def payload(self) -> bytes:
        """The entry serialised (once); raises Undescribable."""
        if self._payload is None:
            units = tuple(u.description() for u in self.units)
            self._payload = marshal.dumps((self.layout, self.max_gensym, units))
        return self._payload

    @classmethod
    def loaded(cls, key: bytes, payload: bytes) -> FormEntry:
        layout, max_gensym, units = marshal.loads(payload)
        return cls(key, layout, [Unit.described(u) for u in units], max_gensym, payload)
