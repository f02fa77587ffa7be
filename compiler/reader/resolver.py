"""How the reader learns about namespaces.

`::kw`, `#::{}` and syntax-quote depend on the namespace being compiled, which the reader
does not own; it asks a `Resolver` (Clojure's `*reader-resolver*`). The analyzer passes one
backed by the real namespaces; `DefaultResolver` serves plain reads (tests, `read-string`
with no namespace context).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from ...runtime.symbols import Symbol


class Resolver(Protocol):
    def current_ns(self) -> str:
        """The name of the namespace `::kw` and unqualified syntax-quoted symbols belong to."""
        ...

    def resolve_alias(self, alias: str) -> str | None:
        """The full namespace name `alias` stands for in the current namespace, or None."""
        ...

    def resolve_symbol(self, sym: Symbol) -> Symbol:
        """The namespace-qualified symbol syntax-quote turns `sym` into."""
        ...


class DefaultResolver:
    """A fixed namespace name with fixed aliases; qualifies to the current namespace."""

    def __init__(self, ns: str = "user", aliases: Mapping[str, str] | None = None) -> None:
        self.ns = ns
        self.aliases = dict(aliases or {})

    def current_ns(self) -> str:
        return self.ns

    def resolve_alias(self, alias: str) -> str | None:
        return self.aliases.get(alias)

    def resolve_symbol(self, sym: Symbol) -> Symbol:
        if sym.ns is None:
            return Symbol(self.ns, sym.name)
        full = self.aliases.get(sym.ns)
        return sym if full is None else Symbol(full, sym.name)
