"""Macro expansion for the `macroexpand` op: one step, to a fixed point, or of every
subform, with the namespaces of symbols shown in full, tidied or not at all.

Language side (see `introspect.py`). Expansion uses the analyzer's own `macroexpand-1`, so
the tool expands exactly what the compiler would, including `(.method x)` sugar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..compiler import loader
from ..compiler.analyzer import Analyzer
from ..runtime import core_vars as cv
from ..runtime import rt
from ..runtime.interfaces import IPersistentMap, IPersistentSet, IPersistentVector, ISeq
from ..runtime.lists import list_from
from ..runtime.maps import map_from_pairs
from ..runtime.namespaces import Namespace, find_ns
from ..runtime.sets import set_from
from ..runtime.symbols import Symbol
from ..runtime.vars import bindings
from ..runtime.vectors import vec

EXPANDERS = ("macroexpand-1", "macroexpand", "macroexpand-all")
DISPLAYS = ("qualified", "tidy", "none")
_QUOTE = Symbol(None, "quote")


def expand(code: str, ns: Namespace, expander: str, display: str) -> Any:
    """The first form of `code`, read and expanded in `ns`."""
    if expander not in EXPANDERS:
        raise ValueError(f"unknown expander {expander!r}; one of {', '.join(EXPANDERS)}")
    if display not in DISPLAYS:
        raise ValueError(f"unknown display-namespaces {display!r}; one of {', '.join(DISPLAYS)}")
    with bindings([(cv.NS, ns)]):
        form = next(loader.read_forms(code), None)
        analyzer = Analyzer(ns)
        if expander == "macroexpand-1":
            form = analyzer.macroexpand_1(form)
        elif expander == "macroexpand":
            form = analyzer.macroexpand(form)
        else:
            form = _expand_all(analyzer, form)
    if display == "qualified":
        return form
    return _walk(form, lambda sym: _tidy(sym, ns) if display == "tidy" else Symbol(None, sym.name))


def _expand_all(analyzer: Analyzer, form: Any) -> Any:
    """Expand `form`, then its subforms, leaving quoted forms alone (as clojure.walk's
    macroexpand-all does, and with its limit: a local named like a macro is expanded)."""
    form = analyzer.macroexpand(form)
    if isinstance(form, ISeq) and rt.seq(form) is not None and form.first() == _QUOTE:
        return form
    return _children(form, lambda x: _expand_all(analyzer, x))


def _walk(form: Any, on_symbol: Callable[[Symbol], Symbol]) -> Any:
    """`form` with every qualified symbol replaced by `on_symbol`'s answer."""
    if isinstance(form, Symbol):
        return on_symbol(form) if form.ns is not None else form
    return _children(form, lambda x: _walk(x, on_symbol))


def _children(form: Any, f: Callable[[Any], Any]) -> Any:
    """`form` with `f` applied to each element, when it is a collection."""
    if isinstance(form, ISeq):
        return list_from([f(x) for x in form]) if rt.seq(form) is not None else form
    if isinstance(form, IPersistentVector):
        return vec([f(x) for x in form])
    if isinstance(form, IPersistentMap):
        return map_from_pairs((f(e.key()), f(e.val())) for e in form)
    if isinstance(form, IPersistentSet):
        return set_from([f(x) for x in form])
    return form


def _tidy(sym: Symbol, ns: Namespace) -> Symbol:
    """`sym` as one would write it in `ns`: unqualified when that names the same var,
    through an alias when there is one, else in full."""
    assert sym.ns is not None
    if ns.mappings.get(sym.name) is _var(sym, ns):
        return Symbol(None, sym.name)
    for alias, target in list(ns.aliases.items()):
        if str(target.name) == sym.ns:
            return Symbol(alias, sym.name)
    return sym


def _var(sym: Symbol, ns: Namespace) -> Any:
    """The var a qualified symbol names (a fresh object, equal to nothing, if none)."""
    assert sym.ns is not None
    target = ns.aliases.get(sym.ns) or find_ns(sym.ns)
    found = target.mappings.get(sym.name) if target is not None else None
    return found if found is not None else object()
