"""Symbols and keywords.

Keywords are interned (one object per ns/name) so equality is identity and hashing is a
stored integer. Symbols are not interned because each occurrence can carry its own metadata
(positions from the reader), but their hash is computed once at construction.
"""

from __future__ import annotations

import itertools
import threading
from typing import Any

from .interfaces import IFn, IHashEq, IObj, Named

_SYMBOL_SEED = 0x9E3779B9
_KEYWORD_SEED = 0x3C6EF372


class Symbol(Named, IObj, IHashEq):
    """A Clojure symbol: optional namespace, a name, optional metadata."""

    __slots__ = ("ns", "name", "_meta", "_hash")

    def __init__(self, ns: str | None, name: str, meta: Any = None) -> None:
        self.ns = ns
        self.name = name
        self._meta = meta
        self._hash = hash((_SYMBOL_SEED, ns, name))

    def meta(self) -> Any:
        return self._meta

    def with_meta(self, meta: Any) -> Symbol:
        if meta is self._meta:
            return self
        return Symbol(self.ns, self.name, meta)

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        return (
            type(other) is Symbol
            and self._hash == other._hash
            and self.name == other.name
            and self.ns == other.ns
        )

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return self._hash

    def __str__(self) -> str:
        return self.name if self.ns is None else f"{self.ns}/{self.name}"

    def __repr__(self) -> str:
        return str(self)

    def __lt__(self, other: Symbol) -> bool:
        return compare_named(self, other) < 0

    def __call__(self, coll: Any, not_found: Any = None) -> Any:
        """Symbols look themselves up, like keywords: `('a {'a 1})` is 1."""
        return _get(coll, self, not_found)


class Keyword(Named, IFn, IHashEq):
    """An interned Clojure keyword; `:ns/name` has ns "ns". Equality is identity (Python's
    default, done in C), which interning makes correct."""

    __slots__ = ("ns", "name", "sym", "_hash", "__weakref__")

    def __init__(self, sym: Symbol) -> None:
        self.sym = sym
        self.ns = sym.ns
        self.name = sym.name
        self._hash = hash((_KEYWORD_SEED, sym.ns, sym.name))

    def __hash__(self) -> int:
        return self._hash

    def __str__(self) -> str:
        return ":" + str(self.sym)

    def __repr__(self) -> str:
        return str(self)

    def __lt__(self, other: Keyword) -> bool:
        return compare_named(self, other) < 0

    def __reduce__(self) -> tuple:
        return (keyword, (self.ns, self.name))

    def __call__(self, coll: Any, not_found: Any = None) -> Any:
        """`(:k m)` looks itself up in maps, sets and records."""
        return _get(coll, self, not_found)


_ids = itertools.count(1)
_ids_lock = threading.Lock()


def next_id() -> int:
    """A process-wide increasing number (Clojure's RT.nextID): gensyms, `x#` auto-gensyms,
    `#()` params and anonymous fn names all draw from it, so they never collide."""
    return next(_ids)


def reserve_ids(n: int) -> None:
    """Make later `next_id()`s exceed `n`: code loaded from the disk cache carries gensyms
    numbered by the process that compiled it."""
    global _ids
    with _ids_lock:
        current = next(_ids)
        _ids = itertools.count(max(current, n + 1))


_keywords: dict[tuple[str | None, str], Keyword] = {}
_keywords_lock = threading.Lock()


def symbol(ns_or_name: str | None, name: str | None = None) -> Symbol:
    """`(symbol "a/b")` splits at the slash, as Clojure does; `(symbol "a" "b")` does not."""
    if name is None:
        assert ns_or_name is not None
        s = ns_or_name
        i = s.find("/")
        if i <= 0 or s == "/":
            return Symbol(None, s)
        return Symbol(s[:i], s[i + 1 :])
    return Symbol(ns_or_name, name)


def keyword(ns_or_name: str | None, name: str | None = None) -> Keyword:
    """Return the interned keyword; one argument splits at the slash like `symbol`."""
    if name is None:
        sym = symbol(ns_or_name)
        key = (sym.ns, sym.name)
    else:
        key = (ns_or_name, name)
    kw = _keywords.get(key)
    if kw is not None:
        return kw
    with _keywords_lock:
        kw = _keywords.get(key)
        if kw is None:
            kw = Keyword(Symbol(key[0], key[1]))
            _keywords[key] = kw
        return kw


def find_keyword(ns: str | None, name: str) -> Keyword | None:
    """`find-keyword`: the keyword if it was already interned."""
    return _keywords.get((ns, name))


def compare_named(a: Symbol | Keyword, b: Symbol | Keyword) -> int:
    """Clojure's order: namespace-less first, then by ns, then by name."""
    if a.ns != b.ns:
        if a.ns is None:
            return -1
        if b.ns is None:
            return 1
        return -1 if a.ns < b.ns else 1
    if a.name == b.name:
        return 0
    return -1 if a.name < b.name else 1


def interned_keywords() -> list[Keyword]:
    """Every keyword interned so far (what editors complete `:` against)."""
    return list(_keywords.values())


def _get(coll: Any, key: Any, not_found: Any) -> Any:
    """`rt.get`, bound on first use: rt imports the collections, which import this module.
    After the first call the module global is `rt.get` itself."""
    global _get
    from .rt import get

    _get = get
    return get(coll, key, not_found)
