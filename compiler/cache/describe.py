"""Descriptions of compiled code's constants, so cached code can be loaded in another process
(design §3.2 and §4).

`describe(value)` gives nested tuples of strings and numbers (what `marshal` writes) from
which `materialize` rebuilds an equal value: keywords, symbols, vars and namespaces by
name, collections as their elements (metadata included, reader positions keeping their
class), characters, numbers, regexes, `#inst`/`#uuid`, and host objects — modules, classes,
functions — by module and qualified name. A value that cannot be described raises
`Undescribable`: the code using it is cached in memory only. A description that no longer
names anything (a var that does not exist) raises `Stale` when materialized.
"""

from __future__ import annotations

import decimal
import fractions
import importlib
import re
import sys
import types
import uuid
from collections.abc import Callable
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
from ..reader import SourceMeta

EXTENSIONS: dict[str, Callable[[Any], Any]] = {}
"""Backends' own constants: an object whose type has `__pyjank_describe__()` returning
`(kind, data)` is described by it and rebuilt by `EXTENSIONS[kind](data)`."""


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
    own = getattr(t, "__pyjank_describe__", None)
    if own is not None:
        kind, data = own(x)
        return ("ext", kind, data)
    return ("host", *_host_name(x))


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
    tag = d[0]
    if tag == "kw":
        return keyword(d[1], d[2])
    if tag == "sym":
        return Symbol(d[1], d[2], materialize(d[3]))
    if tag == "var":
        ns = find_ns(d[1])
        var = ns.mappings.get(d[2]) if ns is not None else None
        if not isinstance(var, Var) or var.ns is not ns:
            raise Stale(f"#'{d[1]}/{d[2]}")
        return var
    if tag == "ns":
        ns = find_ns(d[1])
        if ns is None:
            raise Stale(d[1])
        return ns
    if tag == "pos":
        return SourceMeta(tuple(keyword(None, k) for k, _ in d[1]), tuple(v for _, v in d[1]))
    if tag == "list":
        return _with_meta(list_from(map(materialize, d[1])), d[2])
    if tag == "vec":
        return _with_meta(vec(map(materialize, d[1])), d[2])
    if tag == "map":
        return _with_meta(map_from_pairs((materialize(k), materialize(v)) for k, v in d[1]), d[2])
    if tag == "set":
        return _with_meta(set_from(map(materialize, d[1])), d[2])
    if tag == "tuple":
        return tuple(map(materialize, d[1]))
    if tag == "dict":
        return {materialize(k): materialize(v) for k, v in d[1]}
    if tag == "char":
        return Char(d[1])
    if tag == "ratio":
        return fractions.Fraction(d[1], d[2])
    if tag == "decimal":
        return decimal.Decimal(d[1])
    if tag == "re":
        return re.compile(d[1], d[2])
    if tag == "uuid":
        return uuid.UUID(d[1])
    if tag == "inst":
        return datetime.fromisoformat(d[1])
    if tag == "module":
        try:
            return importlib.import_module(d[1])
        except ImportError as e:
            raise Stale(d[1]) from e
    if tag == "host":
        return _import(d[1], d[2])
    if tag == "ext" and d[1] in EXTENSIONS:
        return EXTENSIONS[d[1]](d[2])
    raise Stale(f"unknown description {tag!r}")


def _with_meta(x: Any, meta: Any) -> Any:
    return x if meta is None else x.with_meta(materialize(meta))
