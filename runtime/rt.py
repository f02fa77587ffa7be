"""The polymorphic collection operations of clojure.core, as compiled code calls them.

Each takes anything Clojure accepts: runtime collections (dispatching through the interface
methods), nil, and Python's str, list, tuple, dict and set where Clojure accepts the JVM
equivalents (strings, arrays, java.util collections).
"""

from __future__ import annotations

import builtins
from itertools import islice
from typing import Any

from .characters import char
from .exceptions import (
    IllegalArgumentException,
    IndexOutOfBoundsException,
    cast_error,
    class_name,
)
from .interfaces import (
    Associative,
    Counted,
    ILookup,
    Indexed,
    IPersistentCollection,
    IPersistentMap,
    IPersistentSet,
    IPersistentStack,
    IPersistentVector,
    ISeq,
    ITransientCollection,
    Sequential,
)
from .lists import EMPTY_LIST, PersistentList
from .maps import EMPTY_MAP
from .seqs import cons, seq, to_iter
from .vectors import MapEntry

__all__ = [
    "assoc",
    "conj",
    "cons",
    "contains",
    "count",
    "dissoc",
    "empty",
    "find",
    "first",
    "get",
    "next",
    "nth",
    "peek",
    "pop",
    "rest",
    "seq",
    "to_iter",
]

_NOTHING: Any = object()
_PY_INDEXED = (str, list, tuple)


def _unsupported(op: str, x: Any) -> TypeError:
    """Clojure's UnsupportedOperationException, for which Python's TypeError stands in."""
    return TypeError(f"{op} not supported on this type: {class_name(type(x))}")


def first(x: Any) -> Any:
    """`(first coll)`."""
    if isinstance(x, ISeq):
        return x.first()
    if isinstance(x, IPersistentVector):
        return x.nth(0, None)
    s = seq(x)
    return None if s is None else s.first()


def next(x: Any) -> Any:
    """`(next coll)`: the seq after the first element, or nil."""
    if isinstance(x, ISeq):
        return x.next()
    s = seq(x)
    return None if s is None else s.next()


def rest(x: Any) -> Any:
    """`(rest coll)`: the seq after the first element, never nil."""
    if isinstance(x, ISeq):
        return x.rest()
    s = seq(x)
    return EMPTY_LIST if s is None else s.rest()


def count(x: Any) -> int:
    """`(count coll)`: 0 for nil; walks seqs that do not know their length."""
    if isinstance(x, (Counted, ISeq)):
        return x.count()
    if x is None:
        return 0
    try:
        return len(x)
    except TypeError:
        pass
    if isinstance(x, IPersistentCollection):
        s = x.seq()
        return 0 if s is None else s.count()
    raise _unsupported("count", x)


def nth(coll: Any, i: int, not_found: Any = _NOTHING) -> Any:
    """`(nth coll i)` throws when out of bounds; `(nth coll i not-found)` does not."""
    if type(coll) is MapEntry:
        # Destructuring `[k v]` over a map calls this twice per entry: read the slots here
        # rather than through a second call.
        if i == 0:
            return coll._k
        if i == 1:
            return coll._v
    if isinstance(coll, Indexed):
        return coll.nth(i) if not_found is _NOTHING else coll.nth(i, not_found)
    if coll is None:
        return None if not_found is _NOTHING else not_found
    t = type(coll)
    if t in _PY_INDEXED:
        if 0 <= i < len(coll):
            return char(coll[i]) if t is str else coll[i]
    elif isinstance(coll, Sequential):
        if i >= 0:
            x = builtins.next(islice(coll, i, None), _NOTHING)
            if x is not _NOTHING:
                return x
    else:
        raise _unsupported("nth", coll)
    if not_found is _NOTHING:
        raise IndexOutOfBoundsException("Index out of bounds")
    return not_found


def get(coll: Any, k: Any, not_found: Any = None) -> Any:
    """`(get coll k)`: maps, vectors and records by key, sets by element, strings by index."""
    if isinstance(coll, ILookup):
        return coll.val_at(k, not_found)
    if coll is None:
        return not_found
    if isinstance(coll, IPersistentSet):
        return coll.get(k, not_found)
    t = type(coll)
    if t is dict:
        return coll.get(k, not_found)
    if t in _PY_INDEXED:
        if type(k) is int and 0 <= k < len(coll):
            return char(coll[k]) if t is str else coll[k]
        return not_found
    if t is set or t is frozenset:
        return k if k in coll else not_found
    return not_found


def conj(coll: Any, x: Any) -> Any:
    """`(conj coll x)`: lists prepend, vectors append, maps take entries; nil gives a list."""
    if isinstance(coll, IPersistentCollection):
        return coll.conj(x)
    if coll is None:
        return PersistentList(x, EMPTY_LIST, 1)
    raise cast_error(coll, "clojure.lang.IPersistentCollection")


def assoc(coll: Any, k: Any, v: Any, *kvs: Any) -> Any:
    """`(assoc coll k v & kvs)`; `(assoc nil k v)` is `{k v}`.

    Interned as `clojure.core/assoc` itself, so a call from compiled code is one frame here
    and one in the collection's `assoc`.
    """
    if isinstance(coll, Associative):
        coll = coll.assoc(k, v)
    elif coll is None:
        coll = EMPTY_MAP.assoc(k, v)
    else:
        raise cast_error(coll, "clojure.lang.Associative")
    if kvs:
        if len(kvs) % 2:
            raise IllegalArgumentException(
                "assoc expects even number of arguments after map/vector, found odd number"
            )
        for i in range(0, len(kvs), 2):
            coll = coll.assoc(kvs[i], kvs[i + 1])
    return coll


def dissoc(coll: Any, k: Any) -> Any:
    """`(dissoc map k)`; nil stays nil."""
    if isinstance(coll, IPersistentMap):
        return coll.dissoc(k)
    if coll is None:
        return None
    raise cast_error(coll, "clojure.lang.IPersistentMap")


def contains(coll: Any, k: Any) -> bool:
    """`(contains? coll k)`: keys of maps, indexes of vectors and strings, elements of sets."""
    if isinstance(coll, Associative):
        return coll.contains_key(k)
    if isinstance(coll, IPersistentSet):
        return coll.contains(k)
    if coll is None:
        return False
    if isinstance(coll, ITransientCollection):
        return coll.contains_key(k)
    t = type(coll)
    if t in _PY_INDEXED:
        return type(k) is int and 0 <= k < len(coll)
    if t in (dict, set, frozenset):
        return k in coll
    raise IllegalArgumentException(f"contains? not supported on type: {class_name(t)}")


def find(coll: Any, k: Any) -> MapEntry | None:
    """`(find map k)`: the map entry for k, or nil."""
    if isinstance(coll, Associative):
        return coll.entry_at(k)
    if coll is None:
        return None
    if type(coll) is dict:
        return MapEntry(k, coll[k]) if k in coll else None
    raise cast_error(coll, "java.util.Map")


def peek(coll: Any) -> Any:
    """`(peek coll)`: the last of a vector, the first of a list."""
    if isinstance(coll, IPersistentStack):
        return coll.peek()
    if coll is None:
        return None
    raise cast_error(coll, "clojure.lang.IPersistentStack")


def pop(coll: Any) -> Any:
    """`(pop coll)`: a vector without its last, a list without its first."""
    if isinstance(coll, IPersistentStack):
        return coll.pop()
    if coll is None:
        return None
    raise cast_error(coll, "clojure.lang.IPersistentStack")


def empty(coll: Any) -> Any:
    """`(empty coll)`: an empty collection of the same kind and metadata; nil otherwise."""
    if isinstance(coll, IPersistentCollection):
        return coll.empty()
    return None
