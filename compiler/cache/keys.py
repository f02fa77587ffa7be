"""Keys of the per-form cache (design §4).

A form's key is an xxh3-128 hash of a canonical serialisation of the form as read — no
positions, whitespace or comments — plus the namespace it is compiled in and the load's
context: the compiler (version and a digest of its Python sources, so editing the compiler
invalidates the disk cache), the Python version and CPU, the options that change code (the
`--jit` mode, off or native; for native code the llvmlite/LLVM versions, the target and the
host CPU with its features), the reader features, the source file, and the compile-time
flags `*assert*` and `*unchecked-math*`.

Positions are not in the key: the same walk computes the form's *layout*, its positions
relative to where it starts, so a form that only moved is found, and reused when its layout
is the same (see `positions.py`). Auto-gensyms (`x#`, `%` params) are numbered per form, so
reading the same text twice gives the same key; the largest number seen is returned so a
process loading cached code can keep its own gensyms above it.
"""

from __future__ import annotations

import decimal
import fractions
import os
import platform
import re
import sys
import uuid
from datetime import datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import xxhash

from ...runtime import core_vars as cv
from ...runtime.characters import Char
from ...runtime.interfaces import IPersistentMap, IPersistentSet, IPersistentVector, ISeq
from ...runtime.symbols import Keyword, Symbol, keyword
from ..options import jit_mode
from ..reader import POSITION_KEYS, SourceMeta

FORMAT = 1
"""Bumped when the meaning of a key or the layout of an entry changes."""

_GENSYM = re.compile(r"(.*)__(\d+)(__auto__|#)\Z", re.S)
_SPAN = tuple(keyword(None, k) for k in ("line", "column", "end-line", "end-column"))
_PACKAGE = Path(__file__).resolve().parent.parent.parent


def digest(data: bytes | str) -> bytes:
    return xxhash.xxh3_128_digest(data.encode() if isinstance(data, str) else data)


@cache
def source_digest() -> bytes:
    """A digest of the compiler's and runtime's Python sources: what produced (and will
    run) cached code, even between releases."""
    h = xxhash.xxh3_128()
    for sub in ("compiler", "runtime"):
        for path in sorted((_PACKAGE / sub).rglob("*.py")):
            h.update(str(path.relative_to(_PACKAGE)).encode())
            h.update(path.read_bytes())
    return h.digest()


@cache
def _native_environment() -> str:
    """What native code depends on beyond tier 0's: llvmlite, LLVM, the target and the host
    CPU with its features (the code is compiled for them)."""
    import llvmlite
    import llvmlite.binding as llvm

    version = ".".join(map(str, llvm.llvm_version_info))
    cpu = f"{llvm.get_process_triple()} {llvm.get_host_cpu_name()}"
    features = llvm.get_host_cpu_features().flatten()
    return f"llvmlite {llvmlite.__version__} LLVM {version} {cpu} {features}"


@cache
def _environment(jit: str, disk: bool) -> bytes:
    from importlib.metadata import PackageNotFoundError, version

    try:
        pyjank = version("pyjank")
    except PackageNotFoundError:
        pyjank = "dev"
    parts = [
        f"pyjank {pyjank} cache format {FORMAT}",
        f"{sys.implementation.name} {sys.version}",
        platform.machine(),
        f"jit {jit}",
    ]
    if jit != "off":
        parts.append(_native_environment())
    h = digest("\0".join(parts))
    # Within one process the compiler cannot change: the sources are hashed only for keys
    # that may be written to disk.
    return digest(h + source_digest()) if disk else h


def environment(disk: bool) -> bytes:
    """The digest of everything outside the source that compiled code depends on. Eager and
    lazy compile the same code (they differ in when), so they share entries."""
    return _environment("off" if jit_mode() == "off" else "native", disk)


def context(disk: bool, file: str | None, conditionals: bool, features: frozenset) -> bytes:
    """The digest a load's forms share: environment, file, reader features, flags."""
    flags = (cv.ASSERT.deref(), cv.UNCHECKED_MATH.deref())
    return _context(environment(disk), file_key(file), conditionals and features, flags)


@lru_cache(maxsize=1024)
def _context(env: bytes, file: str, features: Any, flags: tuple) -> bytes:
    feats = " ".join(sorted(str(f) for f in features)) if features else "-"
    return digest(b"\0".join([env, file.encode(), feats.encode(), repr(flags).encode()]))


def file_key(file: str | None) -> str:
    """The source file as keys see it: absolute, so `src/a.clj` and `/p/src/a.clj` agree."""
    return os.path.abspath(file) if file else ""


class FormKey:
    """A form's key, layout digest and largest auto-gensym number."""

    __slots__ = ("key", "layout", "max_gensym")

    def __init__(self, key: bytes, layout: bytes, max_gensym: int) -> None:
        self.key, self.layout, self.max_gensym = key, layout, max_gensym


def form_key(form: Any, ns: str, ctx: bytes, line: int, column: int) -> FormKey:
    """The key of `form` read at (`line`, `column`) in namespace `ns` of a load with
    context `ctx`."""
    canon = _Canon()
    canon.form(form)
    # Positions relative to the form's start: lines, and columns on its first line.
    layout = []
    for pos_line, pos_column, end_line, end_column in canon.spans:
        layout += (
            pos_line - line,
            pos_column - column if pos_line == line else pos_column,
            end_line - line,
            end_column - column if end_line == line else end_column,
        )
    text = "\0".join(canon.out)
    return FormKey(
        digest(b"".join([ctx, ns.encode(), b"\0", text.encode("utf-8", "surrogatepass")])),
        xxhash.xxh3_64_digest(repr(layout).encode()),
        canon.max_gensym,
    )


@lru_cache(maxsize=16384)
def _symbol(ns: str | None, name: str) -> str:
    return f"y{'-' if ns is None else f'{len(ns)}:{ns}'}/{len(name)}:{name}"


class _Canon:
    """The serialisation walk: one string per atom, brackets for collections, `^` before
    user metadata; reader positions go to `spans`."""

    __slots__ = ("out", "spans", "gensyms", "max_gensym")

    def __init__(self) -> None:
        self.out: list[str] = []
        self.spans: list[tuple[int, int, int, int]] = []
        self.gensyms: dict[str, int] = {}
        self.max_gensym = 0

    def form(self, x: Any) -> None:
        out = self.out
        t = type(x)
        if t is Symbol:
            name = x.name
            out.append(self._gensym(x) if "__" in name else _symbol(x.ns, name))
            m = x.meta()
            if m is not None:
                if type(m) is SourceMeta:
                    self.spans.append(m.span())
                else:
                    self.meta(m)
            return
        if t is Keyword:
            out.append(f"k{x}")
        elif t is str:
            out.append(f"s{len(x)}:{x}")
        elif t is int:
            out.append(f"i{x}")
        elif x is None or t is bool:
            out.append(f"c{x}")
        elif isinstance(x, (ISeq, IPersistentVector)):
            out.append("(" if isinstance(x, ISeq) else "[")
            form = self.form
            for item in x:
                form(item)
            out.append(")")
            self.meta(x.meta())
        elif isinstance(x, IPersistentMap):
            out.append("{")
            for k, v in x.items():
                self.form(k)
                self.form(v)
            out.append("}")
            self.meta(x.meta())
        elif isinstance(x, IPersistentSet):
            out.append("#{")
            for item in x:
                self.form(item)
            out.append("}")
            self.meta(x.meta())
        elif t is float:
            out.append(f"d{x!r}")
        elif t is Char:
            out.append(f"\\{x.c}")
        elif t is re.Pattern:
            out.append(f"x{x.flags}:{x.pattern}")
        elif t in (fractions.Fraction, decimal.Decimal, uuid.UUID, datetime):
            out.append(f"{t.__name__}:{x}")
        else:
            out.append(f"o{t.__module__}.{t.__qualname__}:{x!r}")

    def _gensym(self, x: Symbol) -> str:
        """An auto-gensym numbered by its order in the form."""
        m = _GENSYM.match(x.name)
        if m is None:
            return _symbol(x.ns, x.name)
        number = int(m.group(2))
        if number > self.max_gensym:
            self.max_gensym = number
        index = self.gensyms.setdefault(m.group(2), len(self.gensyms))
        return f"g{len(m.group(1))}:{m.group(1)}#{index}{m.group(3)}"

    def meta(self, m: Any) -> None:
        if m is None:
            return
        if type(m) is SourceMeta:
            self.spans.append(m.span())
            return
        span = tuple(m.val_at(k) for k in _SPAN)
        user = m
        if all(type(p) is int for p in span):  # the reader's, merged with `^:tag`s
            self.spans.append(span)  # type: ignore[arg-type]
            for k in POSITION_KEYS:
                if user.contains_key(k):
                    user = user.dissoc(k)
        if user.count():
            self.out.append("^")
            self.form(user)
