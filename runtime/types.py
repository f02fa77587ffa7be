"""The Python classes behind `deftype`, `defrecord` and `reify`.

`define_type` makes a class with a slot per field (the record base adds metadata, an
extension map and a cached hash), imports it into the current namespace under its name and
registers its JVM name (`my_ns.Point`). `implement` then adds the methods of the interfaces
and protocols the form implements inline: Java method names map to the Python protocol the
runtime uses (`toString` is `__str__`, `valAt` is `val_at`, `invoke` is `__call__`, ...).
A `reify` form gets one class, made when the form is first evaluated; each evaluation makes
an instance holding that evaluation's method closures.
"""

from __future__ import annotations

import keyword
import re
import types
from collections.abc import Callable, Iterable, Iterator
from itertools import count
from operator import attrgetter
from typing import Any

from . import core_vars as cv
from .exceptions import IllegalArgumentException, class_name
from .interfaces import IObj, IType
from .jvm_classes import JvmClass
from .jvm_names import register_type
from .maps import EMPTY_MAP, map_from_pairs
from .protocols import NoneType, Protocol, as_protocol
from .records import RecordBase
from .symbols import Keyword, Symbol
from .symbols import keyword as make_keyword
from .vectors import vec

_MUNGE = {
    "-": "_",
    "?": "_QMARK_",
    "!": "_BANG_",
    "*": "_STAR_",
    "+": "_PLUS_",
    ">": "_GT_",
    "<": "_LT_",
    "=": "_EQ_",
    "'": "_SINGLEQUOTE_",
    "/": "_SLASH_",
    ".": "_DOT_",
    "&": "_AMPERSAND_",
    "%": "_PERCENT_",
    "$": "_DOLLARSIGN_",
    "#": "_SHARP_",
    "^": "_CARET_",
    "~": "_TILDE_",
    ":": "_COLON_",
    "|": "_BAR_",
    "@": "_CIRCA_",
}
_MUNGE_TABLE = str.maketrans(_MUNGE)


def munge(name: str) -> str:
    """Clojure's munge: a Clojure name as a Python (Java) identifier."""
    return name.translate(_MUNGE_TABLE)


class TypeBase(IType):
    """The base of every deftype class: identity equality, Java-style toString."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{class_name(type(self))}@{id(self):x}"

    __repr__ = __str__


class ReifyBase(IObj):
    """The base of reify classes: the instance holds its method closures; metadata."""

    __slots__ = ("_fns", "_meta")

    def __init__(self, *fns: Callable) -> None:
        self._fns = fns
        self._meta = None

    def meta(self) -> Any:
        return self._meta

    def with_meta(self, meta: Any) -> ReifyBase:
        r = object.__new__(type(self))
        r._fns = self._fns
        r._meta = meta
        return r

    def __str__(self) -> str:
        return f"{class_name(type(self))}@{id(self):x}"

    __repr__ = __str__


# -- fields --------------------------------------------------------------------------------


def field_slots(fields: Iterable[Symbol], record: bool) -> list[str]:
    """The Python attribute each field is stored in: munged, and with a trailing `_` where it
    would hide a method of the base class or is a Python keyword (a record field `count`
    lives in `count_`, as `(count r)` needs the method)."""
    base = RecordBase if record else TypeBase
    slots = []
    for f in fields:
        s = munge(f.name)
        while keyword.iskeyword(s) or hasattr(base, s) or s in slots:
            s += "_"
        slots.append(s)
    return slots


def _constructor(slots: list[str], record: bool) -> tuple[Callable, Callable]:
    """`__init__` and `_vals` for these slots, compiled once per class."""
    params = "".join(f"{s}, " for s in slots)
    stores = "".join(f"    self.{s} = {s}\n" for s in slots)
    if record:
        src = (
            f"def __init__(self, {params}__meta=None, __extmap=None):\n{stores}"
            "    self._meta = __meta\n"
            "    self._ext = __extmap if __extmap is not None and __extmap.count() else None\n"
            "    self._hash = None\n"
        )
    else:
        src = f"def __init__(self, {params}):\n{stores}    pass\n"
    src += f"def _vals(self):\n    return ({''.join(f'self.{s}, ' for s in slots)})\n"
    env: dict[str, Any] = {}
    exec(src, env)  # noqa: S102 - generated from munged identifiers only
    return env["__init__"], env["_vals"]


def _spec_bases(specs: Iterable[Any]) -> list[type]:
    """The classes a type naming these interfaces inherits (marker classes only)."""
    out: list[type] = []
    for c in specs:
        base = c.base if isinstance(c, JvmClass) else c
        if base is None or base is object or not isinstance(base, type):
            continue
        if base not in out:
            out.append(base)
    return [b for b in out if not any(o is not b and issubclass(o, b) for o in out)]


def define_type(name: Symbol, fields: Iterable[Symbol], record: bool, specs: Iterable[Any]) -> type:
    """The class of `(deftype name [fields] specs...)` / `(defrecord ...)`, imported into the
    current namespace as `name`."""
    fields = list(fields)
    slots = field_slots(fields, record)
    base: type = RecordBase if record else TypeBase
    extra = [b for b in _spec_bases(specs) if not issubclass(base, b)]
    ns = cv.current_ns()
    body: dict[str, Any] = {"__slots__": tuple(slots), "__module__": str(ns.name)}
    for f, s in zip(fields, slots, strict=True):
        member = f.name.replace("-", "_")  # what (.-field x) reads
        if member != s and not hasattr(base, member):
            body[member] = property(attrgetter(s), lambda self, v, s=s: setattr(self, s, v))
    try:
        cls = type(name.name, (base, *extra), body)
    except TypeError as e:
        raise IllegalArgumentException(f"Can't define type {name}: {e}") from None
    cls.__init__, cls._vals = _constructor(slots, record)
    if record:
        keys = tuple(make_keyword(None, f.name) for f in fields)
        cls._keys = keys
        cls._index = {k: i for i, k in enumerate(keys)}
        cls._getters = {k: attrgetter(s) for k, s in zip(keys, slots, strict=True)}
        cls.create = classmethod(record_from_map)
    basis = vec(fields)
    cls.getBasis = staticmethod(lambda: basis)
    register_type(f"{str(ns.name).replace('-', '_')}.{name.name}", cls)
    ns.import_host(name.name, cls)
    return cls


def record_from_map(cls: type, m: Any) -> Any:
    """`(map->R m)` / `(R/create m)`: the fields from m, the other entries as extension."""
    if m is None:
        m = EMPTY_MAP
    index = cls._index
    vals = [None] * len(index)
    rest = []
    for k, v in m.items():
        i = index.get(k) if type(k) is Keyword else None
        if i is None:
            rest.append((k, v))
        else:
            vals[i] = v
    return cls(*vals, None, map_from_pairs(rest) if rest else None)


# -- methods -------------------------------------------------------------------------------

# Java method names whose Python counterpart is not their snake_case.
_METHOD_NAMES = {
    "toString": "__str__",
    "equals": "__eq__",
    "equiv": "__eq__",
    "hashCode": "__hash__",
    "hasheq": "__hash__",
    "invoke": "__call__",
    "iterator": "__iter__",
    "cons": "conj",
    "more": "rest",
    "without": "dissoc",
    "size": "__len__",
}


# Python methods that follow from another: (name, derived name, make the derived method).
def _iterate_seq(seq: Callable) -> Callable:
    """`__iter__` from `seq()`: the runtime iterates whatever it seqs over."""

    def it(self: Any) -> Iterator[Any]:
        s = seq(self)
        while s is not None:
            yield s.first()
            s = s.next()

    return it


_DERIVED: list[tuple[str, str, Callable[[Callable], Callable]]] = [
    ("count", "__len__", lambda f: f),
    ("seq", "__iter__", _iterate_seq),
    ("compare_to", "__lt__", lambda f: lambda a, b: f(a, b) < 0),
    ("compare_to", "__gt__", lambda f: lambda a, b: f(a, b) > 0),
]

_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


def method_attr(java_name: str) -> str:
    """The Python attribute a Java interface method becomes (`valAt` → `val_at`)."""
    special = _METHOD_NAMES.get(java_name)
    if special is not None:
        return special
    return _CAMEL.sub(r"_\1", java_name).lower().replace("-", "_")


def _as_method(fn: Callable) -> Callable:
    """A fn as a Python method (only Python functions bind `self` by themselves)."""
    if isinstance(fn, types.FunctionType):
        return fn
    return lambda self, *args: fn(self, *args)


def _attach(cls: type, methods: dict[str, Callable]) -> None:
    for attr, fn in methods.items():
        setattr(cls, attr, _as_method(fn))
    for source, derived, make in _DERIVED:
        if source in methods and derived not in methods:
            setattr(cls, derived, make(_as_method(methods[source])))


def _protocol_methods(p: Any, mmap: Any) -> tuple[Protocol, dict[str, Callable]]:
    proto = as_protocol(p)
    methods = {(k.name if isinstance(k, Keyword) else str(k)): f for k, f in mmap.items()}
    for m in methods:
        if m not in proto.sigs:
            raise IllegalArgumentException(f"Can't define method not in interfaces: {m}")
    return proto, methods


def implement(cls: type, iface_methods: Any, *protocol_maps: Any) -> type:
    """Add the inline methods of a deftype/defrecord: `iface_methods` maps Java method
    names to fns; `protocol_maps` alternate protocols and `{:method fn}` maps. Protocol
    methods are also Python methods of the class where that hides nothing."""
    _attach(cls, {method_attr(k): f for k, f in iface_methods.items()})
    for i in range(0, len(protocol_maps), 2):
        proto, methods = _protocol_methods(protocol_maps[i], protocol_maps[i + 1])
        proto.extend(cls, methods, direct=True)
        for m, f in methods.items():
            attr = m.replace("-", "_")
            if not hasattr(cls, attr):
                setattr(cls, attr, _as_method(f))
    return cls


def _trampoline(i: int) -> Callable:
    def method(self: Any, *args: Any) -> Any:
        return self._fns[i](self, *args)

    return method


_reify_ids = count(1)
_reify_sites: dict[str, tuple[tuple[Any, ...], type]] = {}


def reify(site: str, methods: Any, n: int, *targets_and_fns: Any) -> ReifyBase:
    """An instance of the `reify` form `site` (a unique id): its first n arguments after
    `methods` are the protocols and interfaces it names, the rest its method fns, in the
    order `methods` lists them as `[target-index method-name]`. The class is made on first
    use and again only if a name comes to denote another protocol or class."""
    targets = targets_and_fns[:n]
    entry = _reify_sites.get(site)
    if entry is None or entry[0] != targets:
        cls = _reify_class(targets, [(targets[i], name) for i, name in methods])
        entry = _reify_sites[site] = (targets, cls)
    return entry[1](*targets_and_fns[n:])


def _reify_class(targets: tuple[Any, ...], methods: list[tuple[Any, str]]) -> type:
    for t in targets:
        if not isinstance(t, Protocol | type):
            raise IllegalArgumentException(f"{t!r} is not a protocol or an interface")
    body = {"__slots__": (), "__module__": str(cv.current_ns().name)}
    bases = _spec_bases(t for t in targets if isinstance(t, type))
    cls = type(f"reify__{next(_reify_ids)}", (ReifyBase, *bases), body)
    iface: dict[str, Callable] = {}
    protocols: dict[Protocol, dict[str, Callable]] = {}
    for i, (target, name) in enumerate(methods):
        if isinstance(target, Protocol):
            if name not in target.sigs:
                raise IllegalArgumentException(f"Can't define method not in interfaces: {name}")
            protocols.setdefault(target, {})[name] = _trampoline(i)
        else:
            iface[method_attr(name)] = _trampoline(i)
    _attach(cls, iface)
    for proto, ms in protocols.items():
        proto.extend(cls, ms, direct=True)
    return cls


def type_for_extend(c: Any) -> type:
    """The class `extend` keys an extension by: nil is NoneType."""
    if c is None:
        return NoneType
    if not isinstance(c, type):
        raise IllegalArgumentException(f"{c!r} is not a class")
    return c


__all__ = [
    "ReifyBase",
    "TypeBase",
    "define_type",
    "field_slots",
    "implement",
    "method_attr",
    "munge",
    "record_from_map",
    "reify",
    "type_for_extend",
]
