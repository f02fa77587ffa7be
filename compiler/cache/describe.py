"""Descriptions of compiled code's constants, so cached code can be loaded in another process
(design §3.2 and §4).

`describe(value)` gives nested tuples of strings and numbers (what `marshal` writes) from
which `materialize` rebuilds an equal value: keywords, symbols, vars and namespaces by
name, collections as their elements (metadata included, reader positions keeping their
class), characters, numbers, regexes, `#inst`/`#uuid`, the implementations of intrinsics and
pyjank's Python core fns by name, and host objects — modules, classes, functions — by module
and qualified name. A value that cannot be described raises
`Undescribable`: the code using it is cached in memory only. A description that no longer
names anything (a var that does not exist) raises `Stale` when materialized.

Data that many entries share and that is too big to repeat in each — the object code of a
batch of native units — is described by a key: `store(kind, key, build)` while describing
has the disk cache keep `build()` under that key with the entry (`storing`, around the
write), and `fetch(kind, key)` reads it back, or raises `Stale`.
"""

from __future__ import annotations

import decimal
import fractions
import importlib
import re
import sys
import threading
import types
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from ...runtime.characters import Char
from ...runtime.lists import ASeq, list_from
from ...runtime.maps import PersistentArrayMap, PersistentHashMap, map_from_pairs
from ...runtime.namespaces import Namespace, find_ns
from ...runtime.sets import PersistentHashSet, set_from
from ...runtime.symbols import Keyword, Symbol, keyword
from ...runtime.vars import Var
from ...runtime.vectors import MapEntry, PersistentVector, vec
from ..analyzer import HostAttr
from ..intrinsics import IMPLEMENTATIONS
from ..reader import SourceMeta
from .provenance import builtin, builtin_name

EXTENSIONS: dict[str, Callable[[Any], Any]] = {}
"""Backends' own constants: an object whose type has `__pyjank_describe__()` returning
`(kind, data)` is described by it and rebuilt by `EXTENSIONS[kind](data)`."""


_INTRINSICS = {impl: op for op, impl in IMPLEMENTATIONS.items()}


class Undescribable(Exception):
    """The value has no description (code using it stays in the memory cache)."""


class Stale(Exception):
    """A description names something that does not exist now."""


_SCALARS = (type(None), bool, int, float, str)


def describe(x: Any) -> Any:
    t = type(x)
    if t in _SCALARS:
        return x
    if t is Keyword:
        return ("kw", x.ns, x.name)
    if t is Symbol:
        return ("sym", x.ns, x.name, _meta(x))
    if t is Var:
        if x.ns is None or x.ns.mappings.get(x.sym.name) is not x:
            raise Undescribable(x)
        return ("var", str(x.ns.name), x.sym.name)
    if t is Namespace:
        return ("ns", str(x.name))
    if t is HostAttr:
        return ("attr", describe(x.owner), x.attr)
    if t is SourceMeta:
        return ("pos", tuple((k.name, v) for k, v in x.items()))
    if isinstance(x, ASeq):
        return ("list", tuple(map(describe, x)), _meta(x))
    if t is PersistentVector or t is MapEntry:
        return ("vec", tuple(map(describe, x)), _meta(x))
    if t is PersistentArrayMap or t is PersistentHashMap:
        return ("map", tuple((describe(k), describe(v)) for k, v in x.items()), _meta(x))
    if t is PersistentHashSet:
        return ("set", tuple(map(describe, x)), _meta(x))
    if t is tuple:
        return ("tuple", tuple(map(describe, x)))
    if t is dict:
        return ("dict", tuple((describe(k), describe(v)) for k, v in x.items()))
    if t is Char:
        return ("char", x.c)
    if t is fractions.Fraction:
        return ("ratio", x.numerator, x.denominator)
    if t is decimal.Decimal:
        return ("decimal", str(x))
    if t is re.Pattern:
        return ("re", x.pattern, x.flags)
    if t is uuid.UUID:
        return ("uuid", str(x))
    if t is datetime:
        return ("inst", x.isoformat())
    if t is types.ModuleType:
        if sys.modules.get(x.__name__) is not x:
            raise Undescribable(x)
        return ("module", x.__name__)
    if t is types.FunctionType or t is types.BuiltinFunctionType:
        op = _INTRINSICS.get(x)
        if op is not None:
            return ("intrinsic", op)
        name = builtin_name(x)
        if name is not None:
            return ("builtin", name)
    own = getattr(t, "__pyjank_describe__", None)
    if own is not None:
        kind, data = own(x)
        return ("ext", kind, data)
    return ("host", *_host_name(x))


_storing = threading.local()


def store(kind: str, key: bytes, build: Callable[[], Any]) -> None:
    """Have the disk cache keep `build()` under `key` with the entry being described (only
    entries written to disk are described: anywhere else this raises Undescribable)."""
    blobs = getattr(_storing, "blobs", None)
    if blobs is None:
        raise Undescribable(f"{kind} described outside a disk write")
    blobs[kind, key] = build


@contextmanager
def storing() -> Iterator[dict[tuple[str, bytes], Callable[[], Any]]]:
    """What descriptions made meanwhile in this thread asked to `store`."""
    _storing.blobs = blobs = {}
    try:
        yield blobs
    finally:
        _storing.blobs = None


def fetch(kind: str, key: bytes) -> Any:
    """What `store` kept under `key`; raises Stale when the disk cache has no file for it
    that it trusts."""
    from . import config, keys

    disk = config.disk()
    found = None if disk is None else disk.read(kind, key, keys.environment(True))
    if found is None:
        raise Stale(f"no {kind} {key.hex()} on disk")
    return found


def _meta(x: Any) -> Any:
    m = x.meta()
    return None if m is None else describe(m)


def _host_name(x: Any) -> tuple[str, str]:
    """(module, qualname) of a class or function importable by that name, as itself."""
    module = getattr(x, "__module__", None)
    qualname = getattr(x, "__qualname__", None)
    if not isinstance(module, str) or not isinstance(qualname, str) or "<" in qualname:
        raise Undescribable(x)
    try:
        found = _import(module, qualname)
    except Stale:
        raise Undescribable(x) from None
    if found is not x:
        raise Undescribable(x)
    return module, qualname


def _import(module: str, qualname: str) -> Any:
    try:
        obj: Any = sys.modules.get(module) or importlib.import_module(module)
        for part in qualname.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as e:
        raise Stale(f"{module}.{qualname}") from e
    return obj


def materialize(d: Any) -> Any:
    if type(d) is not tuple:
        return d
    rebuild = _REBUILD.get(d[0])
    if rebuild is None:
        raise Stale(f"unknown description {d[0]!r}")
    return rebuild(*d[1:])


def _var(ns_name: str, name: str) -> Var:
    ns = find_ns(ns_name)
    var = ns.mappings.get(name) if ns is not None else None
    if type(var) is not Var or var.ns is not ns:
        raise Stale(f"#'{ns_name}/{name}")
    return var


def _ns(name: str) -> Namespace:
    ns = find_ns(name)
    if ns is None:
        raise Stale(name)
    return ns


def _module(name: str) -> types.ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as e:
        raise Stale(name) from e


def _builtin(name: str) -> Any:
    try:
        return builtin(name)
    except KeyError as e:
        raise Stale(name) from e


# The modules that register each backend's kind, imported when an entry first needs it (a
# process that loads everything from the disk cache compiles nothing that would import them).
_PROVIDERS = {"native": "..llvm.native"}


def _extension(kind: str, data: Any) -> Any:
    if kind not in EXTENSIONS and kind in _PROVIDERS:
        importlib.import_module(_PROVIDERS[kind], __package__)
    if kind not in EXTENSIONS:
        raise Stale(f"no extension {kind!r}")
    return EXTENSIONS[kind](data)


_REBUILD: dict[str, Callable[..., Any]] = {
    "kw": keyword,
    "sym": lambda ns, name, meta: Symbol(ns, name, materialize(meta)),
    "var": _var,
    "ns": _ns,
    "attr": lambda owner, attr: HostAttr(materialize(owner), attr),
    "pos": lambda pairs: SourceMeta(
        tuple(keyword(None, k) for k, _ in pairs), tuple(v for _, v in pairs)
    ),
    "list": lambda items, meta: _with_meta(list_from(map(materialize, items)), meta),
    "vec": lambda items, meta: _with_meta(vec(map(materialize, items)), meta),
    "map": lambda pairs, meta: _with_meta(
        map_from_pairs((materialize(k), materialize(v)) for k, v in pairs), meta
    ),
    "set": lambda items, meta: _with_meta(set_from(map(materialize, items)), meta),
    "tuple": lambda items: tuple(map(materialize, items)),
    "dict": lambda pairs: {materialize(k): materialize(v) for k, v in pairs},
    "char": Char,
    "ratio": fractions.Fraction,
    "decimal": decimal.Decimal,
    "re": re.compile,
    "uuid": uuid.UUID,
    "inst": datetime.fromisoformat,
    "module": _module,
    "host": _import,
    "intrinsic": IMPLEMENTATIONS.__getitem__,
    "builtin": _builtin,
    "ext": _extension,
}


def _with_meta(x: Any, meta: Any) -> Any:
    return x if meta is None else x.with_meta(materialize(meta))
