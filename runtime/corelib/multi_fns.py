"""Hierarchies (`derive`, `isa?`, `parents`, ... on the global hierarchy or a given one),
the class fns they rest on (`class?`, `bases`, `supers`), and the multimethod fns
(`methods`, `get-method`, `prefer-method`, ...). `defmulti`/`defmethod` are macros in
clojure/core_multi.jank."""

from __future__ import annotations

import threading
from typing import Any

from .. import hierarchy as hy
from .. import jvm_classes
from ..interfaces import IMeta
from ..lists import list_from
from ..maps import hash_map
from ..multimethods import MultiFn
from ..namespaces import CORE_NS
from ..printer import pr_on, register_print_method, remove_print_method
from ..sets import set_from
from ..symbols import Keyword, Symbol, keyword
from .registry import core, intern_fn

_NONE: Any = object()

GLOBAL_HIERARCHY = CORE_NS.intern("global-hierarchy")
GLOBAL_HIERARCHY.bind_root(hy.make_hierarchy())
GLOBAL_HIERARCHY.reset_meta(
    hash_map(
        keyword(None, "ns"),
        CORE_NS,
        keyword(None, "name"),
        Symbol(None, "global-hierarchy"),
        keyword(None, "private"),
        True,
    )
)
_global_lock = threading.Lock()


def _h(h: Any) -> Any:
    return GLOBAL_HIERARCHY.deref() if h is _NONE else h


@core("make-hierarchy")
def make_hierarchy() -> Any:
    """Creates a hierarchy object for use with derive, isa? etc."""
    return hy.make_hierarchy()


@core("isa?")
def isa(h: Any, child: Any, parent: Any = _NONE) -> bool:
    """(isa? child parent) (isa? h child parent)
    Returns true if (= child parent), or child is directly or indirectly derived from
    parent, either via a Python class inheritance relationship or a relationship
    established via derive. h must be a hierarchy obtained from make-hierarchy, if not
    supplied defaults to the global hierarchy"""
    if parent is _NONE:
        return hy.isa(GLOBAL_HIERARCHY.deref(), h, child)
    return hy.isa(h, child, parent)


def _on_tag(f: Any, doc: str) -> Any:
    """`(f tag)` on the global hierarchy, `(f h tag)` on h."""

    def fn(h: Any, tag: Any = _NONE) -> Any:
        if tag is _NONE:
            return f(GLOBAL_HIERARCHY.deref(), h)
        return f(h, tag)

    fn.__doc__ = doc
    return fn


core("parents")(
    _on_tag(
        hy.parents,
        """(parents tag) (parents h tag)
    Returns the immediate parents of tag, either via a Python class inheritance
    relationship or a relationship established via derive. h must be a hierarchy obtained
    from make-hierarchy, if not supplied defaults to the global hierarchy""",
    )
)
core("ancestors")(
    _on_tag(
        hy.ancestors,
        """(ancestors tag) (ancestors h tag)
    Returns the immediate and indirect parents of tag, either via a Python class
    inheritance relationship or a relationship established via derive. h must be a
    hierarchy obtained from make-hierarchy, if not supplied defaults to the global
    hierarchy""",
    )
)
core("descendants")(
    _on_tag(
        hy.descendants,
        """(descendants tag) (descendants h tag)
    Returns the immediate and indirect children of tag, through a relationship
    established via derive. h must be a hierarchy obtained from make-hierarchy, if not
    supplied defaults to the global hierarchy. Note: does not work on Python type
    inheritance relationships.""",
    )
)


def _on_global(f: Any, doc: str) -> Any:
    """`(f h tag parent)` returns a new hierarchy; `(f tag parent)` alters the global one."""

    def fn(h: Any, tag: Any, parent: Any = _NONE) -> Any:
        if parent is not _NONE:
            return f(h, tag, parent)
        hy.check_global_derivation(h, tag)
        with _global_lock:
            GLOBAL_HIERARCHY.bind_root(f(GLOBAL_HIERARCHY.root, h, tag))
        return None

    fn.__doc__ = doc
    return fn


core("derive")(
    _on_global(
        hy.derive,
        """(derive tag parent) (derive h tag parent)
    Establishes a parent/child relationship between parent and tag. Parent must be a
    namespace-qualified symbol or keyword and child can be either a namespace-qualified
    symbol or keyword or a class. h must be a hierarchy obtained from make-hierarchy, if
    not supplied defaults to, and modifies, the global hierarchy.""",
    )
)
core("underive")(
    _on_global(
        hy.underive,
        """(underive tag parent) (underive h tag parent)
    Removes a parent/child relationship between parent and tag. h must be a hierarchy
    obtained from make-hierarchy, if not supplied defaults to, and modifies, the global
    hierarchy.""",
    )
)


@core("class?")
def is_class(x: Any) -> bool:
    """Returns true if x is an instance of Class (a Python class)"""
    return isinstance(x, type)


@core("bases")
def bases(c: Any) -> Any:
    """Returns the immediate superclasses of c, if any"""
    return None if c is None else list_from(jvm_classes.bases(c)) or None


@core("supers")
def supers(c: Any) -> Any:
    """Returns the immediate and indirect superclasses of c, if any"""
    found = jvm_classes.supers(c) if c is not None else ()
    return set_from(found) if found else None


# -- multimethods --------------------------------------------------------------------------


@core("remove-all-methods")
def remove_all_methods(multifn: MultiFn) -> MultiFn:
    """Removes all of the methods of multimethod."""
    return multifn.reset()


@core("remove-method")
def remove_method(multifn: MultiFn, dispatch_val: Any) -> MultiFn:
    """Removes the method of multimethod associated with dispatch-value."""
    return multifn.remove_method(dispatch_val)


@core("prefer-method")
def prefer_method(multifn: MultiFn, dispatch_val_x: Any, dispatch_val_y: Any) -> MultiFn:
    """Causes the multimethod to prefer matches of dispatch-val-x over dispatch-val-y when
    there is a conflict"""
    return multifn.prefer_method(dispatch_val_x, dispatch_val_y)


@core("methods")
def methods(multifn: MultiFn) -> Any:
    """Given a multimethod, returns a map of dispatch values -> dispatch fns"""
    return multifn.method_table


@core("get-method")
def get_method(multifn: MultiFn, dispatch_val: Any) -> Any:
    """Given a multimethod and a dispatch value, returns the dispatch fn that would apply to
    that value, or nil if none apply and no default"""
    return multifn.get_method(dispatch_val)


@core("prefers")
def prefers(multifn: MultiFn) -> Any:
    """Given a multimethod, returns a map of preferred value -> set of other values"""
    return multifn.prefer_table


# -- print-method --------------------------------------------------------------------------

_KW_TYPE = keyword(None, "type")
_KW_DEFAULT = keyword(None, "default")


def _print_dispatch(x: Any, writer: Any) -> Any:
    """A keyword :type in x's metadata, else x's class (nil for nil)."""
    m = x.meta() if isinstance(x, IMeta) else None
    t = m.val_at(_KW_TYPE) if m is not None else None
    if type(t) is Keyword:
        return t
    return None if x is None else type(x)


class PrintMethod(MultiFn):
    """`print-method`: its methods for classes are also the printer's, so `pr`, `str` and
    the REPL print instances of those classes (and subclasses) with them."""

    __slots__ = ()

    def add_method(self, dispatch_val: Any, method: Any) -> MultiFn:
        super().add_method(dispatch_val, method)
        for cls in self._classes(dispatch_val):
            register_print_method(cls, method)
        return self

    def remove_method(self, dispatch_val: Any) -> MultiFn:
        super().remove_method(dispatch_val)
        for cls in self._classes(dispatch_val):
            remove_print_method(cls)
        return self

    def reset(self) -> MultiFn:
        for e in self.method_table:
            for cls in self._classes(e.key()):
                remove_print_method(cls)
        return super().reset()

    @staticmethod
    def _classes(dispatch_val: Any) -> tuple[type, ...]:
        if not isinstance(dispatch_val, type) or dispatch_val is object:
            return ()
        return jvm_classes.host_types(dispatch_val)


PRINT_METHOD = PrintMethod("print-method", _print_dispatch, _KW_DEFAULT, GLOBAL_HIERARCHY)
PRINT_METHOD.add_method(_KW_DEFAULT, pr_on)
intern_fn(
    "print-method",
    PRINT_METHOD,
    doc="Prints x to writer as pr does; defmethod it to print a class (or a :type) your way.",
)
