"""Syntax-quote (`` ` ``), expanded at read time exactly as Clojure's LispReader does.

The expansion is ordinary code built from `clojure.core/seq`, `concat`, `list`, `apply`,
`hash-map`, `hash-set`, `vector` and `with-meta`, so macros written for Clojure expand to
the same forms here. Symbols are qualified through the reader's `Resolver`; `foo#` becomes
one auto-gensym per syntax-quote; special forms, `.method` and keywords stay as written.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from ...runtime.characters import Char
from ...runtime.interfaces import (
    IObj,
    IPersistentList,
    IPersistentMap,
    IPersistentSet,
    IPersistentVector,
    ISeq,
)
from ...runtime.lists import list_
from ...runtime.maps import map_from_pairs
from ...runtime.symbols import Keyword, Symbol, keyword, next_id
from .resolver import Resolver

"""Clojure's RT.nextID: numbers auto-gensyms and the parameters of `#()`."""

SPECIAL_FORMS = frozenset(
    [Symbol("clojure.core", "import*")]
    + [
        Symbol(None, name)
        for name in (
            "def loop* recur if case* let* letfn* do fn* quote var import* . set! deftype* "
            "reify* try throw monitor-enter monitor-exit catch finally new &"
        ).split()
    ]
)
"""Symbols syntax-quote leaves unqualified."""

POSITION_KEYS = frozenset(
    keyword(None, k) for k in ("line", "column", "end-line", "end-column", "file")
)
"""Metadata the reader adds itself; syntax-quote does not carry it into the expansion."""

UNQUOTE = Symbol("clojure.core", "unquote")
UNQUOTE_SPLICING = Symbol("clojure.core", "unquote-splicing")
_QUOTE = Symbol(None, "quote")
_SEQ = Symbol("clojure.core", "seq")
_CONCAT = Symbol("clojure.core", "concat")
_LIST = Symbol("clojure.core", "list")
_APPLY = Symbol("clojure.core", "apply")
_HASH_MAP = Symbol("clojure.core", "hash-map")
_HASH_SET = Symbol("clojure.core", "hash-set")
_VECTOR = Symbol("clojure.core", "vector")
_WITH_META = Symbol("clojure.core", "with-meta")

_SELF_QUOTING = (str, int, float, Fraction, Decimal, Keyword, Char)  # int covers bool


class SyntaxQuoteError(Exception):
    """A form syntax-quote cannot expand; `form` locates it for the reader's error."""

    def __init__(self, message: str, form: Any) -> None:
        super().__init__(message)
        self.form = form


def syntax_quote(form: Any, resolver: Resolver) -> Any:
    """The code that builds `form` with its unquotes evaluated."""
    return _SyntaxQuoter(resolver).quote(form)


def _unquoted(form: Any, head: Symbol) -> tuple[bool, Any]:
    """(True, x) when `form` is `(head x)`, e.g. `~x` for head clojure.core/unquote."""
    if isinstance(form, ISeq) and form.first() == head:
        rest = form.next()
        return True, None if rest is None else rest.first()
    return False, None


class _SyntaxQuoter:
    """One syntax-quote's expansion; owns its `foo#` → gensym table."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.gensyms: dict[str, Symbol] = {}

    def quote(self, form: Any) -> Any:
        if form is None or isinstance(form, _SELF_QUOTING):
            return form
        if isinstance(form, Symbol):
            result: Any = list_(_QUOTE, self._symbol(form))
        elif isinstance(form, (ISeq, IPersistentList)):
            is_unquote, x = _unquoted(form, UNQUOTE)
            if is_unquote:
                return x
            if _unquoted(form, UNQUOTE_SPLICING)[0]:
                raise SyntaxQuoteError("splice not in list", form)
            items = list(form)
            result = list_(_SEQ, self._concat(items)) if items else list_(_LIST)
        elif isinstance(form, IPersistentMap):
            kvs = [x for kv in form.items() for x in kv]
            result = list_(_APPLY, _HASH_MAP, list_(_SEQ, self._concat(kvs)))
        elif isinstance(form, IPersistentVector):
            result = list_(_APPLY, _VECTOR, list_(_SEQ, self._concat(list(form))))
        elif isinstance(form, IPersistentSet):
            result = list_(_APPLY, _HASH_SET, list_(_SEQ, self._concat(list(form))))
        else:
            result = list_(_QUOTE, form)
        if isinstance(form, IObj):
            meta = form.meta()
            if meta is not None:
                user_meta = [kv for kv in meta.items() if kv[0] not in POSITION_KEYS]
                if user_meta:
                    return list_(_WITH_META, result, self.quote(map_from_pairs(user_meta)))
        return result

    def _concat(self, items: list[Any]) -> Any:
        """`(concat ...)` of one-element lists, except `~@x` which is spliced as is."""
        parts = []
        for item in items:
            is_unquote, x = _unquoted(item, UNQUOTE)
            if is_unquote:
                parts.append(list_(_LIST, x))
                continue
            is_splice, x = _unquoted(item, UNQUOTE_SPLICING)
            parts.append(x if is_splice else list_(_LIST, self.quote(item)))
        return list_(_CONCAT, *parts)

    def _symbol(self, sym: Symbol) -> Symbol:
        name = sym.name
        if sym in SPECIAL_FORMS:
            return Symbol(sym.ns, name)
        if sym.ns is None:
            if name.endswith("#"):
                gensym = self.gensyms.get(name)
                if gensym is None:
                    gensym = Symbol(None, f"{name[:-1]}__{next_id()}__auto__")
                    self.gensyms[name] = gensym
                return gensym
            if name.endswith("."):
                # `Foo.` names a constructor: resolve the class, keep the trailing dot.
                cls = self.resolver.resolve_symbol(Symbol(None, name[:-1]))
                return Symbol(None, cls.name + ".")
            if name.startswith("."):
                return Symbol(None, name)  # a method name
        resolved = self.resolver.resolve_symbol(Symbol(sym.ns, name))
        return Symbol(resolved.ns, resolved.name)
