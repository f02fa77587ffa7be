"""Vars, dynamic bindings and namespaces: `var-get`, `intern`, `ns-publics`, `bound-fn*`, ..."""

from __future__ import annotations

from typing import Any

from .. import core_vars as cv
from .. import namespaces as nsmod
from .. import rt
from ..exceptions import IllegalArgumentException
from ..maps import EMPTY_MAP, hash_map
from ..namespaces import Namespace
from ..symbols import Symbol
from ..vars import (
    Var,
    binding_conveyor,
    pop_thread_bindings,
    push_thread_bindings,
)
from ..vars import (
    get_thread_bindings as _get_thread_bindings,
)
from .registry import core


def _sym_name(x: Any) -> str:
    if isinstance(x, Symbol):
        return x.name if x.ns is None else f"{x.ns}/{x.name}"
    if isinstance(x, str):
        return x
    raise IllegalArgumentException(f"Not a symbol: {x!r}")


def _as_ns(x: Any) -> Namespace:
    return the_ns(x)


# -- vars --------------------------------------------------------------------------------


@core("var-get")
def var_get(v: Var) -> Any:
    """Gets the value in the var object."""
    return v.deref()


@core("var-set")
def var_set(v: Var, val: Any) -> Any:
    """Sets the value in the var object to val. The var must be thread-locally bound."""
    return v.set(val)


@core("alter-var-root")
def alter_var_root(v: Var, f: Any, *args: Any) -> Any:
    """Atomically alters the root binding of var v by applying f to its current value plus
    any args."""
    return v.alter_root(f, *args)


@core("find-var")
def find_var(sym: Symbol) -> Var | None:
    """Returns the global var named by the namespace-qualified symbol, or nil if no var with
    that name."""
    if not isinstance(sym, Symbol) or sym.ns is None:
        raise IllegalArgumentException("Symbol must be namespace-qualified")
    ns = nsmod.find_ns(sym.ns)
    if ns is None:
        raise IllegalArgumentException(f"No such namespace: {sym.ns}")
    return ns.find_interned_var(sym.name)


@core("intern")
def intern(ns: Any, name: Symbol, *val: Any) -> Var:
    """Finds or creates a var named by the symbol name in the namespace ns (which can be a
    symbol or a namespace), setting its root binding to val if supplied. The namespace must
    exist. The var will adopt any metadata from the name symbol. Returns the var."""
    if len(val) > 1:
        from ..exceptions import ArityException

        raise ArityException(2 + len(val), "clojure.core/intern")
    the = _as_ns(ns)
    v = the.intern(name.name)
    if val:
        v.bind_root(val[0])
    m = name.meta() if isinstance(name, Symbol) else None
    if m is not None:
        v.reset_meta(m)
    return v


@core("bound?")
def is_bound(*vars: Var) -> bool:
    """Returns true if all of the vars provided as arguments have any bound value, root or
    thread-local."""
    return all(v.is_bound() for v in vars)


@core("thread-bound?")
def is_thread_bound(*vars: Var) -> bool:
    """Returns true if all of the vars provided as arguments have thread-local bindings."""
    return all(v.is_thread_bound() for v in vars)


@core("push-thread-bindings")
def push_thread_bindings_(bindings: Any) -> None:
    """WARNING: This is a low-level function. Prefer high-level macros like binding where
    ever possible. Takes a map of Var/value pairs and binds each var to its value."""
    pairs = [(e.key(), e.val()) for e in rt.to_iter(bindings)]
    push_thread_bindings(pairs)
    return None


@core("pop-thread-bindings")
def pop_thread_bindings_() -> None:
    """Pop one set of bindings pushed with push-thread-bindings before."""
    pop_thread_bindings()
    return None


@core("get-thread-bindings")
def get_thread_bindings() -> Any:
    """Get a map with the Var/value pairs which are currently in effect for the current
    thread."""
    b = _get_thread_bindings()
    if not b:
        return EMPTY_MAP
    args: list[Any] = []
    for k, v in b.items():
        args.append(k)
        args.append(v)
    return hash_map(*args)


@core("with-bindings*")
def with_bindings_star(binding_map: Any, f: Any, *args: Any) -> Any:
    """Takes a map of Var/value pairs. Installs for the given Vars the associated values as
    thread-local bindings. Then calls f with the supplied arguments. Pops the installed
    bindings after f returned. Returns whatever f returns."""
    push_thread_bindings_(binding_map)
    try:
        return f(*args)
    finally:
        pop_thread_bindings()


@core("bound-fn*")
def bound_fn_star(f: Any) -> Any:
    """Returns a function, which will install the same bindings in effect as in the thread at
    the time bound-fn* was called and then call f with any given arguments."""
    return binding_conveyor(f)


# -- namespaces --------------------------------------------------------------------------


@core("the-ns")
def the_ns(x: Any) -> Namespace:
    """If passed a namespace, returns it. Else, when passed a symbol, returns the namespace
    named by it, throwing an exception if not found."""
    if isinstance(x, Namespace):
        return x
    if not isinstance(x, Symbol | str):
        raise IllegalArgumentException(f"Not a namespace or symbol: {x!r}")
    ns = nsmod.find_ns(x)
    if ns is None:
        raise IllegalArgumentException(f"No namespace: {x} found")
    return ns


@core("find-ns")
def find_ns(sym: Any) -> Namespace | None:
    """Returns the namespace named by the symbol or nil if it doesn't exist."""
    return nsmod.find_ns(sym)


@core("create-ns")
def create_ns(sym: Any) -> Namespace:
    """Create a new namespace named by the symbol if one doesn't already exist, returns it or
    the already-existing namespace of the same name."""
    return nsmod.find_or_create_ns(sym)


@core("remove-ns")
def remove_ns(sym: Any) -> Namespace | None:
    """Removes the namespace named by the symbol. Use with caution. Cannot be used to remove
    the clojure namespace."""
    if str(sym) == "clojure.core":
        raise IllegalArgumentException("Cannot remove clojure namespace")
    return nsmod.remove_ns(sym)


@core("ns-name")
def ns_name(ns: Any) -> Symbol:
    """Returns the name of the namespace, a symbol."""
    return _as_ns(ns).name


@core("all-ns")
def all_ns() -> Any:
    """Returns a sequence of all namespaces."""
    from ..lists import list_from

    return rt.seq(list_from(nsmod.all_ns()))


def _name_map(d: dict[str, Any]) -> Any:
    if not d:
        return EMPTY_MAP
    args: list[Any] = []
    for k, v in d.items():
        args.append(Symbol(None, k))
        args.append(v)
    return hash_map(*args)


@core("ns-map")
def ns_map(ns: Any) -> Any:
    """Returns a map of all the mappings for the namespace."""
    return _name_map(dict(_as_ns(ns).mappings))


@core("ns-interns")
def ns_interns(ns: Any) -> Any:
    """Returns a map of the intern mappings for the namespace."""
    return _name_map(_as_ns(ns).interns())


@core("ns-publics")
def ns_publics(ns: Any) -> Any:
    """Returns a map of the public intern mappings for the namespace."""
    return _name_map(_as_ns(ns).publics())


@core("ns-refers")
def ns_refers(ns: Any) -> Any:
    """Returns a map of the refer mappings for the namespace."""
    return _name_map(_as_ns(ns).refers())


@core("ns-imports")
def ns_imports(ns: Any) -> Any:
    """Returns a map of the import mappings for the namespace."""
    return _name_map(_as_ns(ns).imports())


@core("ns-aliases")
def ns_aliases(ns: Any) -> Any:
    """Returns a map of the aliases for the namespace."""
    return _name_map(dict(_as_ns(ns).aliases))


@core("ns-unmap")
def ns_unmap(ns: Any, sym: Symbol) -> None:
    """Removes the mappings for the symbol from the namespace."""
    _as_ns(ns).unmap(_sym_name(sym))
    return None


@core("ns-unalias")
def ns_unalias(ns: Any, sym: Symbol) -> None:
    """Removes the alias for the symbol from the namespace."""
    _as_ns(ns).remove_alias(_sym_name(sym))
    return None


def _host_object(ns: Namespace, name: str) -> Any:
    """A host class or module `name` denotes in `ns` (imports, JVM names), else None."""
    try:
        from ...compiler.host import host_ns_object
    except ImportError:  # pragma: no cover - the runtime used without the compiler
        found = ns.mappings.get(name)
        return None if isinstance(found, Var) else found
    return host_ns_object(ns, name, None)


@core("ns-resolve")
def ns_resolve(ns: Any, *args: Any) -> Any:
    """Returns the var or Class to which a symbol will be resolved in the namespace (unless
    found in the environment), else nil. Note that if the symbol is fully qualified, the
    var/Class to which it resolves need not be present in the namespace."""
    if len(args) == 1:
        env, sym = None, args[0]
    elif len(args) == 2:
        env, sym = args
    else:
        from ..exceptions import ArityException

        raise ArityException(1 + len(args), "clojure.core/ns-resolve")
    if env is not None and rt.contains(env, sym):
        return None
    n = _as_ns(ns)
    if not isinstance(sym, Symbol):
        raise IllegalArgumentException(f"Not a symbol: {sym!r}")
    if sym.ns is not None:
        target = n.lookup_alias(sym.ns) or nsmod.find_ns(sym.ns)
        if target is None:
            return None
        return target.find_interned_var(sym.name)
    found = n.mappings.get(sym.name)
    if found is not None:
        return found
    return _host_object(n, sym.name)


@core("resolve")
def resolve(*args: Any) -> Any:
    """Same as (ns-resolve *ns* symbol) or (ns-resolve *ns* &env symbol)."""
    return ns_resolve(cv.current_ns(), *args)


@core("namespace-munge")
def namespace_munge(ns: Any) -> str:
    """Convert a Clojure namespace name to a legal Python module name (dashes become
    underscores)."""
    return str(ns).replace("-", "_")
