"""Namespaces: name → var/class mappings, aliases, and the global registry.

Mappings are keyed by plain `str` names (cheap hashing on the analyzer's hot path and for the
per-form cache's dependency checks, which re-look-up each recorded symbol).
"""

from __future__ import annotations

import sys
import threading
from typing import Any

from .interfaces import IReference
from .symbols import Symbol, keyword, symbol
from .vars import Var

_PRIVATE = keyword(None, "private")


class NamespaceError(Exception):
    """Misuse of namespaces (unknown namespace, conflicting alias)."""


class Namespace(IReference):
    """A Clojure namespace: interned vars, referred vars, imported host classes, aliases."""

    __slots__ = ("name", "mappings", "aliases", "_meta", "lock", "__weakref__")

    def __init__(self, name: Symbol) -> None:
        self.name = name
        self.mappings: dict[str, Any] = {}
        self.aliases: dict[str, Namespace] = {}
        self._meta: Any = None
        self.lock = threading.RLock()

    def __repr__(self) -> str:
        return f"#namespace[{self.name}]"

    def meta(self) -> Any:
        return self._meta

    def reset_meta(self, meta: Any) -> Any:
        self._meta = meta
        return meta

    # -- interning -----------------------------------------------------------------------
    def intern(self, name: str) -> Var:
        """The var named `name` owned by this namespace, created if need be.

        A var referred from elsewhere (say clojure.core's) is replaced with a warning, as
        Clojure does when user code shadows a core fn.
        """
        existing = self.mappings.get(name)
        if isinstance(existing, Var) and existing.ns is self:
            return existing
        with self.lock:
            existing = self.mappings.get(name)
            if isinstance(existing, Var) and existing.ns is self:
                return existing
            var = Var(self, Symbol(None, name))
            if existing is not None:
                _warn_replacing(self, name, existing, var)
            self.mappings[name] = var
            return var

    def find_interned_var(self, name: str) -> Var | None:
        v = self.mappings.get(name)
        return v if isinstance(v, Var) and v.ns is self else None

    def refer(self, name: str, var: Var) -> None:
        """Map `name` to another namespace's var; an own var of that name is not shadowed."""
        with self.lock:
            existing = self.mappings.get(name)
            if isinstance(existing, Var) and existing.ns is self and existing is not var:
                return
            self.mappings[name] = var

    def import_host(self, name: str, obj: Any) -> None:
        """Map a Python module or class under `name` (`(import ...)`)."""
        self.mappings[name] = obj

    def unmap(self, name: str) -> None:
        self.mappings.pop(name, None)

    def get_mapping(self, name: str) -> Any:
        return self.mappings.get(name)

    # -- aliases -------------------------------------------------------------------------
    def add_alias(self, alias: str, ns: Namespace) -> None:
        existing = self.aliases.get(alias)
        if existing is not None and existing is not ns:
            raise NamespaceError(
                f"Alias {alias} already exists in namespace {self.name}, aliasing {existing.name}"
            )
        self.aliases[alias] = ns

    def remove_alias(self, alias: str) -> None:
        self.aliases.pop(alias, None)

    def lookup_alias(self, alias: str) -> Namespace | None:
        return self.aliases.get(alias)

    # -- views for ns-publics / ns-interns / ns-refers ------------------------------------
    def interns(self) -> dict[str, Var]:
        return {k: v for k, v in self.mappings.items() if isinstance(v, Var) and v.ns is self}

    def publics(self) -> dict[str, Var]:
        return {k: v for k, v in self.interns().items() if not is_private(v)}

    def refers(self) -> dict[str, Var]:
        return {k: v for k, v in self.mappings.items() if isinstance(v, Var) and v.ns is not self}

    def imports(self) -> dict[str, Any]:
        return {k: v for k, v in self.mappings.items() if not isinstance(v, Var)}


def is_private(var: Var) -> bool:
    """True when the var's metadata has `:private true` (a `refer` asks it of every var)."""
    m = var.meta()
    if m is None:
        return False
    val_at = getattr(m, "val_at", None)
    return bool(val_at(_PRIVATE)) if val_at is not None else False


def _warn_replacing(ns: Namespace, name: str, existing: Any, var: Var) -> None:
    if isinstance(existing, Var):
        print(
            f"WARNING: {name} already refers to: {existing!r} in namespace: {ns.name}, "
            f"being replaced by: {var!r}",
            file=sys.stderr,
        )


_registry: dict[str, Namespace] = {}
_registry_lock = threading.Lock()


def find_ns(name: str | Symbol) -> Namespace | None:
    return _registry.get(str(name))


def find_or_create_ns(name: str | Symbol) -> Namespace:
    key = str(name)
    ns = _registry.get(key)
    if ns is not None:
        return ns
    with _registry_lock:
        ns = _registry.get(key)
        if ns is None:
            ns = Namespace(symbol(key) if "/" not in key else Symbol(None, key))
            _registry[key] = ns
        return ns


def the_ns(x: Namespace | str | Symbol) -> Namespace:
    """`the-ns`: a namespace object, or an error naming the missing one."""
    if isinstance(x, Namespace):
        return x
    ns = find_ns(x)
    if ns is None:
        raise NamespaceError(f"No namespace: {x} found")
    return ns


def remove_ns(name: str | Symbol) -> Namespace | None:
    with _registry_lock:
        return _registry.pop(str(name), None)


def all_ns() -> list[Namespace]:
    return list(_registry.values())


CORE_NS = find_or_create_ns("clojure.core")
