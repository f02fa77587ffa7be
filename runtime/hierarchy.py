"""Ad hoc hierarchies (`make-hierarchy`, `derive`, `isa?`, ...), as Clojure defines them.

A hierarchy is a map `{:parents {tag #{...}} :ancestors {...} :descendants {...}}`. Classes
take part with their Python superclasses: `(isa? h int object)` holds, and a class's
parents and ancestors include its bases and supers. Python's bool is not an int here, as
Java's Boolean is no Long.
"""

from __future__ import annotations

from typing import Any

from . import rt
from .equality import equiv
from .interfaces import IPersistentVector, Named
from .jvm_classes import bases, host_class, is_subclass, supers
from .maps import EMPTY_MAP, array_map
from .printer import print_str
from .sets import EMPTY_SET, set_from
from .symbols import keyword

KW_PARENTS = keyword(None, "parents")
KW_DESCENDANTS = keyword(None, "descendants")
KW_ANCESTORS = keyword(None, "ancestors")


def make_hierarchy() -> Any:
    """`(make-hierarchy)`: an empty hierarchy."""
    return array_map(KW_PARENTS, EMPTY_MAP, KW_DESCENDANTS, EMPTY_MAP, KW_ANCESTORS, EMPTY_MAP)


def _related(h: Any, relation: Any, tag: Any) -> Any:
    """The set `(get (relation h) tag)`, or nil."""
    return rt.get(rt.get(h, relation), tag)


def _not_empty(s: Any) -> Any:
    return s if s is not None and rt.count(s) else None


def isa(h: Any, child: Any, parent: Any) -> bool:
    """`(isa? h child parent)`: equal, a subclass, derived in `h` (directly, through a
    superclass, or elementwise for vectors)."""
    if equiv(child, parent):
        return True
    child_is_class = isinstance(child, type)
    if child_is_class and isinstance(parent, type) and is_subclass(host_class(child), parent):
        return True
    if rt.contains(_related(h, KW_ANCESTORS, child), parent):
        return True
    if child_is_class and any(
        rt.contains(_related(h, KW_ANCESTORS, s), parent) for s in supers(child)
    ):
        return True
    if isinstance(parent, IPersistentVector) and isinstance(child, IPersistentVector):
        n = parent.count()
        return n == child.count() and all(isa(h, child.nth(i), parent.nth(i)) for i in range(n))
    return False


def parents(h: Any, tag: Any) -> Any:
    """`(parents h tag)`: the immediate parents of tag (for a class, also its bases)."""
    tp = _related(h, KW_PARENTS, tag)
    if isinstance(tag, type):
        tp = _union(set_from(bases(tag)), tp)
    return _not_empty(tp)


def ancestors(h: Any, tag: Any) -> Any:
    """`(ancestors h tag)`: the immediate and indirect parents of tag."""
    ta = _related(h, KW_ANCESTORS, tag)
    if isinstance(tag, type):
        supers_ = supers(tag)
        ta = _union(set_from(supers_), ta)
        for s in supers_:
            ta = _union(ta, _related(h, KW_ANCESTORS, s))
    return _not_empty(ta)


def descendants(h: Any, tag: Any) -> Any:
    """`(descendants h tag)`: the immediate and indirect children of tag (not of classes:
    Python, like Java, cannot enumerate subclasses reliably)."""
    if isinstance(tag, type):
        raise TypeError("Can't get descendants of classes")
    return _not_empty(_related(h, KW_DESCENDANTS, tag))


def _union(a: Any, b: Any) -> Any:
    for x in rt.to_iter(b):
        a = a.conj(x)
    return a


def _assert(ok: bool, form: str) -> None:
    if not ok:
        raise AssertionError(f"Assert failed: {form}")


def _propagate(m: Any, source: Any, sources: Any, target: Any, targets: Any) -> Any:
    """Adds `target` and its `targets` to the entry of `source` and of each of `sources`'s."""
    added = [target, *rt.to_iter(rt.get(targets, target))]
    for k in [source, *rt.to_iter(rt.get(sources, source))]:
        s = rt.get(targets, k, EMPTY_SET)
        for x in added:
            s = rt.conj(s, x)
        m = rt.assoc(m, k, s)
    return m


def derive(h: Any, tag: Any, parent: Any) -> Any:
    """`(derive h tag parent)`: a new hierarchy with tag a child of parent."""
    _assert(not equiv(tag, parent), "(not= tag parent)")
    _assert(isinstance(tag, type | Named), "(or (class? tag) (instance? clojure.lang.Named tag))")
    _assert(isinstance(parent, Named), "(instance? clojure.lang.Named parent)")
    tp = rt.get(h, KW_PARENTS)
    td = rt.get(h, KW_DESCENDANTS)
    ta = rt.get(h, KW_ANCESTORS)
    if rt.contains(rt.get(tp, tag), parent):
        return h
    if rt.contains(rt.get(ta, tag), parent):
        raise Exception(print_str(tag) + " already has " + print_str(parent) + " as ancestor")
    if rt.contains(rt.get(ta, parent), tag):
        raise Exception(
            "Cyclic derivation: " + print_str(parent) + " has " + print_str(tag) + " as ancestor"
        )
    return array_map(
        KW_PARENTS,
        rt.assoc(tp, tag, rt.conj(rt.get(tp, tag, EMPTY_SET), parent)),
        KW_DESCENDANTS,
        _propagate(td, parent, ta, tag, td),
        KW_ANCESTORS,
        _propagate(ta, tag, td, parent, ta),
    )


def underive(h: Any, tag: Any, parent: Any) -> Any:
    """`(underive h tag parent)`: a new hierarchy without that parent/child relationship."""
    parent_map = rt.get(h, KW_PARENTS)
    tag_parents = rt.get(parent_map, tag)
    if not rt.contains(tag_parents, parent):
        return h
    remaining = tag_parents.disj(parent)
    if remaining.count():
        parent_map = rt.assoc(parent_map, tag, remaining)
    else:
        parent_map = rt.dissoc(parent_map, tag)
    result = make_hierarchy()
    for e in rt.to_iter(parent_map):
        for p in rt.to_iter(e.val()):
            result = derive(result, e.key(), p)
    return result


def check_global_derivation(tag: Any, parent: Any) -> None:
    """The global hierarchy only takes namespace-qualified tags (and classes as children)."""
    _assert(isinstance(parent, Named) and parent.ns is not None, "(namespace parent)")
    _assert(
        isinstance(tag, type) or (isinstance(tag, Named) and tag.ns is not None),
        "(or (class? tag) (and (instance? clojure.lang.Named tag) (namespace tag)))",
    )


__all__ = [
    "ancestors",
    "check_global_derivation",
    "derive",
    "descendants",
    "isa",
    "make_hierarchy",
    "parents",
    "underive",
]
