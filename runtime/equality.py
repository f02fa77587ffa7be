"""Clojure equality (`=`), hashing (`hash`) and ordering (`compare`).

Python's own `==` merges values Clojure keeps apart (`1 == True == 1.0`) and keeps apart
values Clojure merges (`[1 2]` and `'(1 2)`), so every runtime collection routes `__eq__` and
`__hash__` through here. Values are sorted into kinds once per Python type: numbers are equal
only within their category (integer, float, ratio, decimal; bool is not a number), sequential
collections equal each other element-wise, maps equal maps and sets equal sets.

Hash combination: sequential collections use one ordered scheme, maps and sets an unordered
one (a map entry hashes as the 2-vector `[k v]`), so equal values hash alike across
representations. Maps and sets also need keys whose Python `__eq__`/`__hash__` agree with
Clojure: `box_key` wraps the few key types where they do not.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from itertools import zip_longest
from typing import Any

from .characters import Char
from .exceptions import ClassCastException
from .interfaces import (
    Counted,
    IPersistentCollection,
    IPersistentMap,
    IPersistentSet,
    IPersistentVector,
    IRecord,
    Named,
    Sequential,
)
from .symbols import Keyword, Symbol, compare_named

# Kinds (start at 1 so a kind is always truthy).
_INT, _FLOAT, _RATIO, _DECIMAL, _BOOL, _OTHER, _SEQ, _MAP, _SET = range(1, 10)
_NUMERIC = frozenset((_INT, _FLOAT, _RATIO, _DECIMAL))

_KINDS: dict[type, int] = {
    int: _INT,
    float: _FLOAT,
    Fraction: _RATIO,
    Decimal: _DECIMAL,
    bool: _BOOL,
    str: _OTHER,
    type(None): _OTHER,
    Keyword: _OTHER,
    Symbol: _OTHER,
    Char: _OTHER,
    list: _SEQ,
    tuple: _SEQ,
    dict: _MAP,
    set: _SET,
    frozenset: _SET,
}

# Types whose Python `==` is Clojure's `=` when both sides have that exact type.
_SCALARS = frozenset((int, float, str, Keyword, Symbol, Char, Fraction, Decimal, type(None)))

_NF = object()
_MASK = (1 << 64) - 1
_UNORDERED_SEED = 0x2545F491


def _classify(t: type) -> int:
    if issubclass(t, IRecord):
        return _OTHER  # records compare by type and fields, through their own __eq__
    if issubclass(t, (Sequential, list, tuple)):
        return _SEQ
    if issubclass(t, (IPersistentMap, dict)):
        return _MAP
    if issubclass(t, (IPersistentSet, set, frozenset)):
        return _SET
    if issubclass(t, bool):
        return _BOOL
    if issubclass(t, numbers.Integral):
        return _INT
    if issubclass(t, float):
        return _FLOAT
    if issubclass(t, Decimal):
        return _DECIMAL
    if issubclass(t, numbers.Rational):
        return _RATIO
    return _OTHER


def _kind(t: type) -> int:
    k = _KINDS.get(t)
    if k is None:
        k = _KINDS[t] = _classify(t)
    return k


def equiv(a: Any, b: Any) -> bool:
    """Clojure's `=`."""
    if a is b:
        return True
    t = type(a)
    if t is type(b) and t in _SCALARS:
        return a == b
    ka = _KINDS.get(t) or _kind(t)
    tb = type(b)
    if ka != (_KINDS.get(tb) or _kind(tb)):
        return False
    if ka == _SEQ:
        return _seq_equiv(a, b)
    if ka == _MAP:
        return _map_equiv(a, b)
    if ka == _SET:
        return _set_equiv(a, b)
    return a == b


def _known_len(x: Any) -> int:
    """Length when it is O(1) to get, else -1."""
    t = type(x)
    if t is list or t is tuple or isinstance(x, Counted):
        return len(x)
    return -1


def _seq_equiv(a: Any, b: Any) -> bool:
    na = _known_len(a)
    if na >= 0:
        nb = _known_len(b)
        if nb >= 0 and na != nb:
            return False
    # zip_longest stops at the first mismatch, so an infinite side is fine.
    for x, y in zip_longest(a, b, fillvalue=_NF):
        if x is not y and not equiv(x, y):
            return False
    return True


def _as_clojure(x: Any) -> Any:
    """A Python dict or set as the equivalent persistent collection (for key-exact lookup)."""
    if isinstance(x, dict):
        from .maps import map_from_pairs

        return map_from_pairs(x.items())
    if isinstance(x, (set, frozenset)):
        from .sets import set_from

        return set_from(x)
    return x


def _map_equiv(a: Any, b: Any) -> bool:
    if len(a) != len(b):
        return False
    if isinstance(b, dict):
        a, b = b, _as_clojure(a)
    for k, v in a.items():
        w = b.val_at(k, _NF)
        if w is _NF or not equiv(v, w):
            return False
    return True


def _set_equiv(a: Any, b: Any) -> bool:
    if len(a) != len(b):
        return False
    if isinstance(b, (set, frozenset)):
        a, b = b, _as_clojure(a)
    contains = b.contains
    return all(contains(x) for x in a)


# ---------------------------------------------------------------------------------------
# Hashing


def _hash_dict(d: dict) -> int:
    return hash_entries(d.items())


_PY_CONTAINER_HASH: dict[type, Any] = {}


def hasheq(x: Any) -> int:
    """Clojure's `hash`: equal values (per `equiv`) hash equally.

    Runtime values implement it as `__hash__`; only Python containers need another scheme.
    """
    f = _PY_CONTAINER_HASH.get(type(x))
    return hash(x) if f is None else f(x)


def hash_ordered(xs: Iterable[Any]) -> int:
    """Hash of a sequential collection: vectors, lists, seqs and ranges all use this."""
    h = 1
    n = 0
    get = _PY_CONTAINER_HASH.get
    for x in xs:
        f = get(type(x))
        h = (31 * h + (hash(x) if f is None else f(x))) & _MASK
        n += 1
    return hash((h, n))


def hash_unordered(xs: Iterable[Any]) -> int:
    """Hash of a set: independent of iteration order."""
    h = 0
    n = 0
    get = _PY_CONTAINER_HASH.get
    for x in xs:
        f = get(type(x))
        h += hash(x) if f is None else f(x)
        n += 1
    return hash((h & _MASK, n, _UNORDERED_SEED))


def hash_entries(items: Iterable[tuple[Any, Any]]) -> int:
    """Hash of a map given its (key, value) pairs: `hash_unordered` of the `[k v]` entries."""
    h = 0
    n = 0
    for k, v in items:
        h += hash((((31 * (31 + hasheq(k)) + hasheq(v)) & _MASK), 2))
        n += 1
    return hash((h & _MASK, n, _UNORDERED_SEED))


_PY_CONTAINER_HASH.update(
    {
        list: hash_ordered,
        tuple: hash_ordered,
        dict: _hash_dict,
        set: hash_unordered,
        frozenset: hash_unordered,
    }
)


# ---------------------------------------------------------------------------------------
# Map and set keys


class BoxedKey:
    """A key stored in a hash map or set whose Python equality would be wrong.

    `bool`, `float` and `Decimal` compare equal to ints in Python, and Python containers
    hash differently from (or cannot be hashed like) their Clojure equivalents; boxed keys
    equal only other boxed keys with a Clojure-equal payload.
    """

    __slots__ = ("k", "_h")

    def __init__(self, k: Any) -> None:
        self.k = k
        self._h = hasheq(k) ^ 0x5BD1E995

    def __hash__(self) -> int:
        return self._h

    def __eq__(self, other: object) -> bool:
        return type(other) is BoxedKey and equiv(self.k, other.k)

    def __repr__(self) -> str:
        return f"BoxedKey({self.k!r})"


# Key types stored as they are: their Python __eq__/__hash__ already agree with Clojure.
RAW_KEY_TYPES = frozenset((int, str, Keyword, Symbol, Char, Fraction, type(None)))

_BOX_DECISION: dict[type, bool] = {t: False for t in RAW_KEY_TYPES}


def _needs_box(t: type) -> bool:
    kind = _kind(t)
    if kind in (_BOOL, _FLOAT, _DECIMAL):
        return True
    return kind in (_SEQ, _MAP, _SET) and not issubclass(t, IPersistentCollection)


def box_key(k: Any) -> Any:
    """The form of `k` stored in a hash map or set (see `BoxedKey`)."""
    t = type(k)
    box = _BOX_DECISION.get(t)
    if box is None:
        box = _BOX_DECISION[t] = _needs_box(t)
    return BoxedKey(k) if box else k


def unbox_key(k: Any) -> Any:
    return k.k if type(k) is BoxedKey else k


# ---------------------------------------------------------------------------------------
# Ordering


def _sign(a: Any, b: Any) -> int:
    return -1 if a < b else (1 if a > b else 0)


def compare(a: Any, b: Any) -> int:
    """Clojure's `compare`: -1, 0 or 1; nil sorts first; raises ClassCastException."""
    if a is b:
        return 0
    if a is None:
        return -1
    if b is None:
        return 1
    ta = type(a)
    tb = type(b)
    ka = _KINDS.get(ta) or _kind(ta)
    kb = _KINDS.get(tb) or _kind(tb)
    if ka in _NUMERIC and kb in _NUMERIC:
        return _sign(a, b)
    if isinstance(a, IPersistentVector) and isinstance(b, IPersistentVector):
        return _compare_vectors(a, b)
    if ta is tb:
        if isinstance(a, Named):
            return compare_named(a, b)
        if ka in (_OTHER, _BOOL):
            try:
                return _sign(a, b)  # str, Char, bool and other same-type Python orderables
            except TypeError:
                pass
    raise ClassCastException(f"{ta.__name__} cannot be compared with {tb.__name__}")


def _compare_vectors(a: Any, b: Any) -> int:
    """Shorter vectors sort first; equal lengths compare element by element."""
    na = len(a)
    nb = len(b)
    if na != nb:
        return -1 if na < nb else 1
    for x, y in zip(a, b, strict=True):
        c = compare(x, y)
        if c:
            return c
    return 0


class ValueEquality:
    """Clojure `=` as `__eq__`, and a hash computed once by `_compute_hash`: the collections
    are immutable, so their hash never changes. Subclasses have `_meta` and `_hash` slots."""

    __slots__ = ()

    def meta(self) -> Any:
        return self._meta  # type: ignore[attr-defined]

    def __eq__(self, other: object) -> bool:
        return self is other or equiv(self, other)

    def __hash__(self) -> int:
        try:
            return self._hash  # type: ignore[attr-defined]
        except AttributeError:
            h = self._hash = self._compute_hash()  # type: ignore[attr-defined]
            return h

    def _compute_hash(self) -> int:
        raise NotImplementedError
