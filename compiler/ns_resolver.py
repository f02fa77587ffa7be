"""Namespace-backed symbol resolution for the reader (syntax-quote, `::alias/kw`)."""

from __future__ import annotations

from ..runtime.core_vars import current_ns
from ..runtime.namespaces import Namespace, find_ns
from ..runtime.symbols import Symbol
from ..runtime.vars import Var
from .host import host_ns_object
from .reader import SPECIAL_FORMS


class NamespaceResolver:
    """Resolves as Clojure's syntax-quote does against the namespace current at read time."""

    def __init__(self, ns: Namespace | None = None) -> None:
        self._ns = ns

    @property
    def ns(self) -> Namespace:
        return self._ns if self._ns is not None else current_ns()

    def current_ns(self) -> str:
        return str(self.ns.name)

    def resolve_alias(self, alias: str) -> str | None:
        target = self.ns.aliases.get(alias)
        if target is not None:
            return str(target.name)
        return alias if find_ns(alias) is not None else None

    def resolve_symbol(self, sym: Symbol) -> Symbol:
        ns = self.ns
        if sym.ns is not None:
            alias = ns.aliases.get(sym.ns)
            return Symbol(str(alias.name), sym.name) if alias is not None else sym
        if sym in SPECIAL_FORMS:
            return sym
        mapped = ns.mappings.get(sym.name)
        if isinstance(mapped, Var):
            return Symbol(str(mapped.ns.name), mapped.sym.name)
        if mapped is not None or host_ns_object(ns, sym.name, None) is not None:
            return sym
        if "." in sym.name:
            return sym
        return Symbol(str(ns.name), sym.name)
