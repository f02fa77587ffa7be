"""Protocols: `defprotocol`, `extend`, `satisfies?`, `extends?`, `extenders`.

A protocol method is a Python closure that dispatches on `type(x)` of its first argument
through a per-method dict cache; a miss walks the type's MRO (then virtual superclasses
such as ABCs and the JVM classes of `jvm_classes`), with `object` last, and caches the
answer. `extend` swaps in a new impl table and empties the caches. nil extends as
`NoneType` and is not an `Object`, as in Clojure; Python's bool is not an int here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from .exceptions import IllegalArgumentException, class_name
from .interfaces import IMeta
from .jvm_classes import is_subclass, mro
from .symbols import Symbol
from .vars import Var

NoneType = type(None)


class Protocol:
    """A protocol: `sigs` maps method names to their arglists; `impls` maps classes to
    `{method-name: fn}`."""

    __slots__ = (
        "name",
        "doc",
        "sigs",
        "extend_via_metadata",
        "impls",
        "direct",
        "methods",
        "_caches",
        "_satisfies",
        "_lock",
    )

    def __init__(self, name: str, sigs: dict[str, Any], doc: str | None, via_meta: bool):
        self.name = name
        self.impls: dict[type, dict[str, Callable]] = {}
        self.direct: set[type] = set()
        self._lock = threading.Lock()
        self._satisfies: dict[type, bool] = {}
        self.redefine(sigs, doc, via_meta)

    def redefine(self, sigs: dict[str, Any], doc: str | None, via_meta: bool) -> None:
        """Re-evaluating a defprotocol keeps the extensions, as Clojure does."""
        self.sigs = sigs
        self.doc = doc
        self.extend_via_metadata = via_meta
        self._caches: dict[str, dict[type, Callable]] = {}
        self.methods = {m: self._dispatcher(m) for m in sigs}
        self._satisfies = {}

    def __repr__(self) -> str:
        return f"#<Protocol {self.name}>"

    # -- dispatch --------------------------------------------------------------------------
    def _dispatcher(self, method: str) -> Callable:
        cache: dict[type, Callable] = {}
        self._caches[method] = cache
        dispatch = _make_dispatch(method, self.sigs[method], cache, self._miss)
        if self.extend_via_metadata:
            dispatch = _via_metadata(dispatch, Symbol(self.name.partition("/")[0], method))
        dispatch.__name__ = method
        dispatch.__qualname__ = f"{self.name.partition('/')[0]}/{method}"
        return dispatch

    def _miss(self, method: str, x: Any, cache: dict[type, Callable]) -> Callable:
        impls = self.impls
        cls = type(x)
        impl = self.find_impl(cls)
        f = impl.get(method) if impl is not None else None
        if f is None:
            shown = "nil" if x is None else class_name(cls)
            raise IllegalArgumentException(
                f"No implementation of method: :{method} of protocol: #'{self.name} "
                f"found for class: {shown}"
            )
        if impls is self.impls:  # not extended meanwhile
            cache[cls] = f
        return f

    def find_impl(self, cls: type) -> dict[str, Callable] | None:
        """The methods `cls` gets: its own, its nearest superclass's, a virtual
        superclass's (ABC, JVM class), then Object's (but nil is no Object)."""
        impls = self.impls
        if cls is NoneType:
            return impls.get(NoneType)
        for c in mro(cls):
            if c is not object:
                impl = impls.get(c)
                if impl is not None:
                    return impl
        for c, impl in impls.items():
            if c is not object and c is not NoneType and is_subclass(cls, c):
                return impl
        return impls.get(object)

    # -- extension -------------------------------------------------------------------------
    def extend(self, cls: type, methods: dict[str, Callable], direct: bool = False) -> None:
        """Give `cls` (NoneType for nil) these methods, replacing earlier ones."""
        with self._lock:
            impls = dict(self.impls)
            impls[cls] = methods
            self.impls = impls
            if direct:
                self.direct.add(cls)
            else:
                self.direct.discard(cls)
            self._satisfies = {}
            for cache in self._caches.values():
                cache.clear()

    def satisfies(self, x: Any) -> bool:
        cls = type(x)
        known = self._satisfies.get(cls)
        if known is None:
            known = self._satisfies[cls] = self.find_impl(cls) is not None
        return known

    def extenders(self) -> list[Any]:
        """The classes extended with `extend` (nil for nil), not deftype's own."""
        return [None if c is NoneType else c for c in self.impls if c not in self.direct]


def _make_dispatch(
    method: str, arglists: list[Any], cache: dict[type, Callable], miss: Callable
) -> Callable:
    """The dispatching fn of a method: exact parameters when it has one arity without `&`
    (no tuple packing per call), else `(x, *args)`."""
    arities = {len(a) for a in arglists}
    fixed = len(arities) == 1 and not any(
        isinstance(p, Symbol) and p.name == "&" for a in arglists for p in a
    )
    params = "".join(f", a{i}" for i in range(1, arities.pop())) if fixed else ", *args"
    src = (
        f"def dispatch(x{params}):\n"
        "    f = cached(type(x))\n"
        "    if f is None:\n"
        "        f = miss(method, x, cache)\n"
        f"    return f(x{params})\n"
    )
    env = {"cached": cache.get, "miss": miss, "method": method, "cache": cache}
    exec(src, env)
    return env["dispatch"]


def _via_metadata(dispatch: Callable, key: Symbol) -> Callable:
    """`:extend-via-metadata`: a fn under the method's qualified symbol in x's metadata wins."""

    def by_meta(x: Any, *args: Any) -> Any:
        m = x.meta() if isinstance(x, IMeta) else None
        f = m.val_at(key) if m is not None else None
        return dispatch(x, *args) if f is None else f(x, *args)

    return by_meta


def define_protocol(var: Var, sigs: dict[str, Any], doc: str | None, via_meta: bool) -> Protocol:
    """The protocol `(defprotocol ...)` defines into `var`: the existing one, redefined, when
    the var holds one (so extensions survive reloading), else a new one."""
    name = f"{var.ns.name}/{var.sym.name}" if var.ns and var.sym else "protocol"
    for m, arglists in sigs.items():
        if any(len(a) == 0 for a in arglists):
            raise IllegalArgumentException(
                f"Definition of function {m} in protocol {var.sym} must take at least one arg."
            )
    existing = var.root if var.has_root() else None
    if isinstance(existing, Protocol):
        existing.redefine(sigs, doc, via_meta)
        return existing
    return Protocol(name, sigs, doc, via_meta)


def as_protocol(p: Any) -> Protocol:
    if not isinstance(p, Protocol):
        raise IllegalArgumentException(f"{p!r} is not a protocol")
    return p


__all__ = ["NoneType", "Protocol", "as_protocol", "define_protocol"]
