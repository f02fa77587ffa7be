"""Collection functions: constructors (`vector`, `hash-map`, ...), access (`first`, `get`,
`get-in`, `nth`), `conj`/`assoc`/`dissoc` and their nested forms, `merge`, `keys`, ...

The single-dispatch operations (`first`, `next`, `rest`, `count`, `get`, `nth`, `seq`, ...)
are `runtime.rt`'s functions interned as they are, so a call costs no extra Python frame.
"""

from __future__ import annotations

import collections
import itertools
from typing import Any

from .. import rt
from ..exceptions import ArityException, cast_error
from ..interfaces import (
    IMapEntry,
    IPersistentMap,
    IPersistentSet,
    IPersistentVector,
    ISeq,
)
from ..lists import list_
from ..maps import EMPTY_MAP, array_map, hash_map, map_from_pairs
from ..seqs import IterSeq, LazySeq, to_iter
from ..seqs import seq as _seq
from ..sets import hash_set, set_from
from ..sorted import rsubseq, sorted_map, sorted_map_by, sorted_set, sorted_set_by, subseq
from ..vectors import EMPTY_VECTOR, vec, vector
from ._chunked import ChunkedCons
from .registry import core, intern_fn

_NONE: Any = object()

_rt_count = rt.count
_first = rt.first
_next = rt.next
_conj = rt.conj
_assoc = rt.assoc
_get = rt.get

# -- direct interns of runtime.rt -----------------------------------------------------------

for _name, _fn, _doc in (
    (
        "first",
        rt.first,
        "Returns the first item in the collection. Calls seq on its argument. If coll is "
        "nil, returns nil.",
    ),
    (
        "next",
        rt.next,
        "Returns a seq of the items after the first. Calls seq on its argument. If there "
        "are no more items, returns nil.",
    ),
    (
        "rest",
        rt.rest,
        "Returns a possibly empty seq of the items after the first. Calls seq on its argument.",
    ),
    (
        "seq",
        rt.seq,
        "Returns a seq on the collection. If the collection is empty, returns nil. (seq nil) "
        "returns nil. seq also works on Strings and Python iterables.",
    ),
    (
        "get",
        rt.get,
        "Returns the value mapped to key, not-found or nil if key not present in "
        "associative collection, set, string, array, or ILookup instance.",
    ),
    (
        "nth",
        rt.nth,
        "Returns the value at the index. get returns nil if index out of bounds, nth throws "
        "an exception unless not-found is supplied. nth also works for strings, Python "
        "sequences and, in O(n) time, for sequences.",
    ),
    (
        "assoc",
        rt.assoc,
        "assoc[iate]. When applied to a map, returns a new map of the same (hashed/sorted) "
        "type, that contains the mapping of key(s) to val(s). When applied to a vector, returns "
        "a new vector that contains val at index. Note - index must be <= (count vector).",
    ),
    (
        "cons",
        rt.cons,
        "Returns a new seq where x is the first element and seq is the rest.",
    ),
    (
        "contains?",
        rt.contains,
        "Returns true if key is present in the given collection, otherwise returns false. "
        "Note that for numerically indexed collections like vectors and strings, this tests "
        "if the numeric key is within the range of indexes. 'contains?' operates constant "
        "or logarithmic time; it will not perform a linear search for a value.",
    ),
    (
        "find",
        rt.find,
        "Returns the map entry for key, or nil if key not present.",
    ),
    (
        "peek",
        rt.peek,
        "For a list or queue, same as first, for a vector, same as, but much more efficient "
        "than, last. If the collection is empty, returns nil.",
    ),
    (
        "pop",
        rt.pop,
        "For a list or queue, returns a new list/queue without the first item, for a vector, "
        "returns a new vector without the last item. If the collection is empty, throws an "
        "exception.",
    ),
    (
        "empty",
        rt.empty,
        "Returns an empty collection of the same category as coll, or nil",
    ),
    (
        "vector",
        vector,
        "Creates a new vector containing the args.",
    ),
    (
        "vec",
        vec,
        "Creates a new vector containing the contents of coll.",
    ),
    (
        "hash-map",
        hash_map,
        "keyval => key val. Returns a new hash map with supplied mappings. If any keys are "
        "equal, they are handled as if by repeated uses of assoc.",
    ),
    (
        "array-map",
        array_map,
        "Constructs an array-map. If any keys are equal, they are handled as if by repeated "
        "uses of assoc.",
    ),
    (
        "hash-set",
        hash_set,
        "Returns a new hash set with supplied keys. Any equal keys are handled as if by "
        "repeated uses of conj.",
    ),
    (
        "sorted-map",
        sorted_map,
        "keyval => key val. Returns a new sorted map with supplied mappings. If any keys are "
        "equal, they are handled as if by repeated uses of assoc.",
    ),
    (
        "sorted-map-by",
        sorted_map_by,
        "keyval => key val. Returns a new sorted map with supplied mappings, using the "
        "supplied comparator.",
    ),
    (
        "sorted-set",
        sorted_set,
        "Returns a new sorted set with supplied keys. Any equal keys are handled as if by "
        "repeated uses of conj.",
    ),
    (
        "sorted-set-by",
        sorted_set_by,
        "Returns a new sorted set with supplied keys, using the supplied comparator.",
    ),
    (
        "subseq",
        subseq,
        "sc must be a sorted collection, test(s) one of <, <=, > or >=. Returns a seq of "
        "those entries with keys ek for which (test (.. sc comparator (compare ek key)) 0) "
        "is true",
    ),
    (
        "rsubseq",
        rsubseq,
        "sc must be a sorted collection, test(s) one of <, <=, > or >=. Returns a reverse "
        "seq of those entries with keys ek for which (test (.. sc comparator (compare ek "
        "key)) 0) is true",
    ),
    (
        "list",
        list_,
        "Creates a new list containing the items.",
    ),
):
    intern_fn(_name, _fn, doc=_doc)


@core("count")
def count(coll: Any) -> int:
    """Returns the number of items in the collection. (count nil) returns 0. Also works on
    strings and Python collections."""
    if type(coll) is LazySeq:
        s = coll.seq()
        if s is None:
            return 0
        if type(s) is ChunkedCons:
            return s.count()
        coll = s
    return _rt_count(coll)


@core("set")
def set_(coll: Any) -> Any:
    """Returns a set of the distinct elements of coll."""
    if isinstance(coll, IPersistentSet):
        return coll.with_meta(None)
    return set_from(coll)


@core("list*")
def list_star(*args: Any) -> Any:
    """Creates a new seq containing the items prepended to the rest, the last of which will
    be treated as a sequence."""
    if not args:
        raise ArityException(0, "clojure.core/list*")
    s = _seq(args[-1])
    for x in reversed(args[:-1]):
        s = rt.cons(x, s)
    return s


# -- access --------------------------------------------------------------------------------


@core("second")
def second(x: Any) -> Any:
    """Same as (first (next x))"""
    if isinstance(x, IPersistentVector):
        return x.nth(1, None)
    return _first(_next(x))


@core("ffirst")
def ffirst(x: Any) -> Any:
    """Same as (first (first x))"""
    return _first(_first(x))


@core("nfirst")
def nfirst(x: Any) -> Any:
    """Same as (next (first x))"""
    return _next(_first(x))


@core("fnext")
def fnext(x: Any) -> Any:
    """Same as (first (next x))"""
    return second(x)


@core("nnext")
def nnext(x: Any) -> Any:
    """Same as (next (next x))"""
    return _next(_next(x))


@core("last")
def last(coll: Any) -> Any:
    """Return the last item in coll, in linear time (constant time for vectors)."""
    if isinstance(coll, IPersistentVector):
        return coll.peek()
    tail = collections.deque(to_iter(coll), maxlen=1)
    return tail[0] if tail else None


@core("butlast")
def butlast(coll: Any) -> Any:
    """Return a seq of all but the last item in coll, in linear time"""
    items = list(to_iter(coll))
    if len(items) < 2:
        return None
    items.pop()
    return _seq(items)


@core("nthnext")
def nthnext(coll: Any, n: Any) -> Any:
    """Returns the nth next of coll, (seq coll) when n is 0."""
    s = _seq(coll)
    while n > 0 and s is not None:
        s = s.next()
        n -= 1
    return s


@core("nthrest")
def nthrest(coll: Any, n: Any) -> Any:
    """Returns the nth rest of coll, coll when n is 0."""
    while n > 0:
        s = _seq(coll)
        if s is None:
            break
        coll = s.rest()
        n -= 1
    return coll


@core("get-in")
def get_in(m: Any, ks: Any, not_found: Any = _NONE) -> Any:
    """Returns the value in a nested associative structure, where ks is a sequence of keys.
    Returns nil if the key is not present, or the not-found value if supplied."""
    if not_found is _NONE:
        for k in to_iter(ks):
            m = _get(m, k)
        return m
    sentinel = _NONE
    for k in to_iter(ks):
        m = _get(m, k, sentinel)
        if m is sentinel:
            return not_found
    return m


@core("key")
def key(e: Any) -> Any:
    """Returns the key of the map entry."""
    if isinstance(e, IMapEntry):
        return e.key()
    raise cast_error(e, "java.util.Map$Entry")


@core("val")
def val(e: Any) -> Any:
    """Returns the value in the map entry."""
    if isinstance(e, IMapEntry):
        return e.val()
    raise cast_error(e, "java.util.Map$Entry")


def _entry_seq(coll: Any, part: int) -> Any:
    if coll is None:
        return None
    if isinstance(coll, IPersistentMap) and hasattr(coll, "items"):
        if not coll.count():
            return None
        if part == 0:
            return IterSeq.from_iter(iter(coll.keys()))
        return IterSeq.from_iter(iter(coll.values()))
    if isinstance(coll, dict):
        return IterSeq.from_iter(iter(coll.keys() if part == 0 else coll.values()))
    s = _seq(coll)
    if s is None:
        return None
    return IterSeq.from_iter(e.key() if part == 0 else e.val() for e in s)


@core("keys")
def keys(m: Any) -> Any:
    """Returns a sequence of the map's keys, in the same order as (seq map)."""
    return _entry_seq(m, 0)


@core("vals")
def vals(m: Any) -> Any:
    """Returns a sequence of the map's values, in the same order as (seq map)."""
    return _entry_seq(m, 1)


@core("empty?")
def is_empty(coll: Any) -> bool:
    """Returns true if coll has no items. To check the emptiness of a seq, please use the
    idiom (seq x) rather than (not (empty? x))"""
    if coll is None:
        return True
    t = type(coll)
    if t is str or t is list or t is tuple or t is dict:
        return not coll
    if hasattr(coll, "__len__") and not isinstance(coll, ISeq):
        return len(coll) == 0
    return _seq(coll) is None


@core("not-empty")
def not_empty(coll: Any) -> Any:
    """If coll is empty, returns nil, else coll"""
    return None if is_empty(coll) else coll


# -- conj / assoc / dissoc -----------------------------------------------------------------


@core("conj")
def conj(coll: Any = _NONE, x: Any = _NONE, *xs: Any) -> Any:
    """conj[oin]. Returns a new collection with the xs 'added'. (conj nil item) returns
    (item). (conj coll) returns coll. (conj) returns []. The 'addition' may happen at
    different 'places' depending on the concrete type."""
    if x is _NONE:
        return EMPTY_VECTOR if coll is _NONE else coll
    coll = _conj(coll, x)
    for y in xs:
        coll = coll.conj(y)
    return coll


@core("dissoc")
def dissoc(m: Any, *ks: Any) -> Any:
    """dissoc[iate]. Returns a new map of the same (hashed/sorted) type, that does not
    contain a mapping for key(s)."""
    for k in ks:
        m = rt.dissoc(m, k)
    return m


@core("disj")
def disj(s: Any, *ks: Any) -> Any:
    """disj[oin]. Returns a new set of the same (hashed/sorted) type, that does not contain
    key(s)."""
    if s is None:
        return None
    if not isinstance(s, IPersistentSet):
        raise cast_error(s, "clojure.lang.IPersistentSet")
    for k in ks:
        s = s.disj(k)
    return s


@core("assoc-in")
def assoc_in(m: Any, ks: Any, v: Any) -> Any:
    """Associates a value in a nested associative structure, where ks is a sequence of keys
    and v is the new value and returns a new nested structure. If any levels do not exist,
    hash-maps will be created."""
    keys_ = list(to_iter(ks))
    if not keys_:
        # Clojure's (assoc-in m [] v) is (assoc m nil v)
        return _assoc(m, None, v)
    maps = [m]
    for k in keys_[:-1]:
        m = _get(m, k)
        maps.append(m)
    for k, parent in zip(reversed(keys_), reversed(maps), strict=True):
        v = _assoc(parent, k, v)
    return v


@core("update")
def update(m: Any, k: Any, f: Any, *args: Any) -> Any:
    """'Updates' a value in an associative structure, where k is a key and f is a function
    that will take the old value and any supplied args and return the new value, and returns
    a new structure. If the key does not exist, nil is passed as the old value."""
    return _assoc(m, k, f(_get(m, k), *args))


@core("update-in")
def update_in(m: Any, ks: Any, f: Any, *args: Any) -> Any:
    """'Updates' a value in a nested associative structure, where ks is a sequence of keys
    and f is a function that will take the old value and any supplied args and return the new
    value, and returns a new nested structure. If any levels do not exist, hash-maps will be
    created."""
    keys_ = list(to_iter(ks))
    if not keys_:
        return _assoc(m, None, f(_get(m, None), *args))
    maps = [m]
    for k in keys_[:-1]:
        m = _get(m, k)
        maps.append(m)
    v = f(_get(m, keys_[-1]), *args)
    for k, parent in zip(reversed(keys_), reversed(maps), strict=True):
        v = _assoc(parent, k, v)
    return v


@core("update-vals")
def update_vals(m: Any, f: Any) -> Any:
    """m f => {k (f v) ...} Given a map m and a function f of 1-argument, returns a new map
    where the keys of m are mapped to result of (f (get m k))."""
    if m is None:
        return EMPTY_MAP
    out = m
    for e in to_iter(m):
        out = out.assoc(e.key(), f(e.val()))
    return out


@core("update-keys")
def update_keys(m: Any, f: Any) -> Any:
    """m f => {(f k) v ...} Given a map m and a function f of 1-argument, returns a new map
    whose keys are the result of applying f to the keys of m, mapped to the corresponding
    values of m."""
    if m is None:
        return EMPTY_MAP
    out = map_from_pairs((f(e.key()), e.val()) for e in to_iter(m))
    meta = m.meta() if hasattr(m, "meta") else None
    return out.with_meta(meta) if meta is not None else out


# -- merging -------------------------------------------------------------------------------


@core("merge")
def merge(*maps: Any) -> Any:
    """Returns a map that consists of the rest of the maps conj-ed onto the first. If a key
    occurs in more than one map, the mapping from the latter (left-to-right) will be the
    mapping in the result."""
    if not any(m is not None and m is not False for m in maps):
        return None
    acc = maps[0]
    for m in maps[1:]:
        acc = _conj(acc if acc is not None and acc is not False else EMPTY_MAP, m)
    return acc


@core("merge-with")
def merge_with(f: Any, *maps: Any) -> Any:
    """Returns a map that consists of the rest of the maps conj-ed onto the first. If a key
    occurs in more than one map, the mapping(s) from the latter (left-to-right) will be
    combined with the mapping in the result by calling (f val-in-result val-in-latter)."""
    if not any(m is not None and m is not False for m in maps):
        return None
    acc: Any = None
    for m in maps:
        if m is None or m is False:
            continue
        if acc is None:
            acc = m
            continue
        for e in to_iter(m):
            k, v = e.key(), e.val()
            old = acc.val_at(k, _NONE)
            acc = acc.assoc(k, v if old is _NONE else f(old, v))
    return acc


@core("select-keys")
def select_keys(m: Any, keyseq: Any) -> Any:
    """Returns a map containing only those entries in map whose key is in keys"""
    out: Any = EMPTY_MAP
    for k in to_iter(keyseq):
        e = rt.find(m, k)
        if e is not None:
            out = out.assoc(e.key(), e.val())
    meta = m.meta() if isinstance(m, IPersistentMap) else None
    return out.with_meta(meta) if meta is not None else out


@core("zipmap")
def zipmap(ks: Any, vs: Any) -> Any:
    """Returns a map with the keys mapped to the corresponding vals."""
    out: Any = EMPTY_MAP
    for k, v in zip(to_iter(ks), to_iter(vs), strict=False):
        out = out.assoc(k, v)
    return out


@core("subvec")
def subvec(v: Any, start: Any, end: Any = _NONE) -> Any:
    """Returns a persistent vector of the items in vector from start (inclusive) to end
    (exclusive). If end is not supplied, defaults to (count vector). (Here a copy, not a
    view: O(end - start).)"""
    n = rt.count(v)
    if end is _NONE:
        end = n
    if not (0 <= start <= end <= n):
        from ..exceptions import IndexOutOfBoundsException

        raise IndexOutOfBoundsException(f"subvec [{start} {end}] of vector of {n}")
    return vec(list(itertools.islice(to_iter(v), start, end)))


@core("rseq")
def rseq(rev: Any) -> Any:
    """Returns, in constant time, a seq of the items in rev (which can be a vector or sorted-
    map), in reverse order. If rev is empty returns nil"""
    f = getattr(rev, "rseq", None)
    if f is None:
        raise cast_error(rev, "clojure.lang.Reversible")
    return f()
