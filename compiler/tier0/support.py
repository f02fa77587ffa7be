"""Helpers that tier-0 generated code calls; injected into every generated module's globals.

They hold the parts of the semantics too bulky to emit inline (arity errors, rest args,
`case*` lookups, `def`).
"""

from __future__ import annotations

import decimal
from typing import Any

from ...runtime import rt
from ...runtime.exceptions import ArityException
from ...runtime.maps import map_from_pairs
from ...runtime.numbers import double_, long_
from ...runtime.sets import hash_set
from ...runtime.symbols import keyword
from ...runtime.vars import Var
from ...runtime.vectors import vector


class _Missing:
    """The default of every fixed parameter, so a missing argument is detectable."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<missing>"


MISSING = _Missing()
_KW_DYNAMIC = keyword(None, "dynamic")
_KW_MACRO = keyword(None, "macro")


def arity_error(name: str, extra: tuple, *params: Any) -> ArityException:
    """Clojure's "Wrong number of args (n) passed to: ns/f"."""
    given = sum(1 for p in params if p is not MISSING) + len(extra)
    return ArityException(given, name)


def arity_error_n(name: str, given: int) -> ArityException:
    return ArityException(given, name)


def rest_seq(args: tuple) -> Any:
    """The `& rest` param: a seq of the extra arguments, or nil when there are none."""
    return rt.seq(args) if args else None


def define(var: Var, meta: Any, *init: Any) -> Var:
    """`(def name init?)`: metadata first, then the root when an init was given."""
    var.reset_meta(meta)
    if meta is not None:
        if meta.val_at(_KW_DYNAMIC):
            var.set_dynamic(True)
        if meta.val_at(_KW_MACRO):
            var.set_macro()
    if init:
        var.bind_root(init[0])
    return var


def case_key(x: Any) -> Any:
    """Key under which `case*` tables store a test constant: bool, float and Decimal are
    tagged so Python's `1 == True == 1.0` cannot merge distinct Clojure constants."""
    t = type(x)
    if t is bool or t is float or t is decimal.Decimal:
        return (t, x)
    return x


def case_lookup(table: dict, x: Any) -> int:
    try:
        return table.get(case_key(x), -1)
    except TypeError:
        return -1


def map_literal(*kvs: Any) -> Any:
    """A `{...}` literal with computed parts: insertion order kept up to 8 entries, as the
    reader's maps and Clojure's array maps."""
    return map_from_pairs(zip(kvs[::2], kvs[1::2], strict=True))


def with_meta(x: Any, m: Any) -> Any:
    return x.with_meta(m)


def set_field(obj: Any, field: str, val: Any) -> Any:
    setattr(obj, field, val)
    return val


SUPPORT: dict[str, Any] = {
    "_M": MISSING,
    "_arity": arity_error,
    "_arity_n": arity_error_n,
    "_rest": rest_seq,
    "_def": define,
    "_case": case_lookup,
    "_vector": vector,
    "_hash_map": map_literal,
    "_hash_set": hash_set,
    "_with_meta": with_meta,
    "_set_field": set_field,
    "_to_long": long_,
    "_to_double": double_,
    "_type": type,
    "_int": int,
}
