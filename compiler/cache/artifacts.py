"""The compiled code of one cached unit, as a backend provides it.

An `Artifact` runs its unit (`thunk`), wherever the form moved to (`positions.Shift`), and
serialises itself for the disk cache (`payload`, loaded back with `KINDS[kind].load`).
Tier 0's artifact is a code object and its module's constants, described as
`describe.py` does; forms that need no codegen keep their analyzed tree in memory and
compile it only when written to disk or moved.

Native fns reach tier 0's code as factory objects among its constants (`compiler/llvm/
native.py`); they describe themselves (`__pyjank_describe__`, rebuilt by
`describe.EXTENSIONS`): the digest of their batch's object code, which the disk cache keeps
once (`describe.store`), their symbols and their constants table described. A factory moved
with its form (`__pyjank_relocate__`) rewrites its unit's table when it runs: the line shift
its tracebacks add and the constants holding positions. Batching: `source.after_load(f)` calls
`f` when the current load ends, so the misses of one load are compiled in one module.
"""

from __future__ import annotations

import marshal
from abc import ABC, abstractmethod
from collections.abc import Callable
from types import CodeType, FunctionType
from typing import Any, ClassVar

from .. import nodes as n
from ..evaluator import Compiled
from ..tier0.generator import Module
from ..tier0.support import SUPPORT
from .describe import describe, materialize
from .positions import Position, Shift, positional, relocate, relocate_code


class Artifact(ABC):
    kind: ClassVar[str]

    @abstractmethod
    def thunk(self, shift: Shift | None) -> Callable[[], Any]:
        """The zero-argument function that runs the unit, moved by `shift` if given."""

    @abstractmethod
    def payload(self) -> bytes:
        """The serialised artifact; raises `Undescribable` when it cannot be."""

    @classmethod
    @abstractmethod
    def load(cls, payload: bytes, base: Position) -> Artifact:
        """The artifact `payload` describes, compiled at `base`; raises `Stale`."""


class CodeArtifact(Artifact):
    """Tier 0: a zero-argument function's code and its module's constants."""

    kind = "tier0"

    def __init__(
        self,
        fn: FunctionType,
        consts: dict[str, Any],
        base: Position,
        moves: tuple[str, ...] | None = None,
    ) -> None:
        self.code: CodeType = fn.__code__
        self.consts = consts
        self.base = base
        self._positional = moves
        self._fn = fn
        self._moved: tuple[Position, FunctionType] | None = None

    @property
    def positional(self) -> tuple[str, ...]:
        """The constants holding positions of the form's text (found when first needed)."""
        if self._positional is None:
            items = self.consts.items()
            self._positional = tuple(k for k, v in items if positional(v, self.base))
        return self._positional

    @classmethod
    def of(cls, compiled: Compiled, base: Position) -> CodeArtifact:
        fn = compiled.thunk
        assert isinstance(fn, FunctionType) and compiled.module is not None
        consts = {
            k: v
            for k, v in fn.__globals__.items()
            if k not in SUPPORT and v is not fn and not k.startswith("__")
        }
        return cls(fn, consts, base)

    def thunk(self, shift: Shift | None) -> Callable[[], Any]:
        if shift is None:
            return self._fn
        if self._moved is not None and self._moved[0] == shift.new:
            return self._moved[1]
        module_globals = {**SUPPORT, **self.consts}
        for name in self.positional:
            module_globals[name] = relocate(module_globals[name], shift)
        fn = FunctionType(relocate_code(self.code, shift), module_globals)
        self._moved = (shift.new, fn)
        return fn

    def payload(self) -> bytes:
        consts = tuple((k, describe(v)) for k, v in self.consts.items())
        return marshal.dumps((self.code, consts, self.positional))

    @classmethod
    def load(cls, payload: bytes, base: Position) -> CodeArtifact:
        code, consts, moves = marshal.loads(payload)
        values = {k: materialize(d) for k, d in consts}
        return cls(FunctionType(code, {**SUPPORT, **values}), values, base, moves)


class TreeArtifact(Artifact):
    """A form that runs without codegen (constants, var reads, one call): its tree. It is
    compiled to a `CodeArtifact` when written to disk or run where its form moved to."""

    kind = "tier0"

    def __init__(self, compiled: Compiled, node: n.Node, name: str, base: Position) -> None:
        self.compiled, self.node, self.name, self.base = compiled, node, name, base
        self._code: CodeArtifact | None = None

    def code(self) -> CodeArtifact:
        if self._code is None:
            module = Module(self.base.code_file())
            compiled = Compiled(module.compile_thunk(self.node, self.name), module)
            self._code = CodeArtifact.of(compiled, self.base)
        return self._code

    def thunk(self, shift: Shift | None) -> Callable[[], Any]:
        if shift is None:
            return self.compiled.thunk
        return self.code().thunk(shift)

    def payload(self) -> bytes:
        return self.code().payload()

    @classmethod
    def load(cls, payload: bytes, base: Position) -> Artifact:
        return CodeArtifact.load(payload, base)


KINDS: dict[str, type[Artifact]] = {CodeArtifact.kind: CodeArtifact}


def tier0_artifact(compiled: Compiled, node: n.Node, name: str, base: Position) -> Artifact:
    if compiled.module is None:
        return TreeArtifact(compiled, node, name, base)
    return CodeArtifact.of(compiled, base)
