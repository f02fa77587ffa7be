"""Type and value predicates (`nil?`, `seq?`, `map?`, `fn?`, ...), `not`, `boolean`, `hash`,
`compare` and `identical?`."""

from __future__ import annotations

import functools
import types
import uuid as _uuid
from datetime import datetime
from typing import Any

from ..characters import Char
from ..equality import compare as _compare
from ..equality import hasheq
from ..interfaces import (
    Associative,
    Counted,
    IFn,
    Indexed,
    IPersistentCollection,
    IPersistentList,
    IPersistentMap,
    IPersistentSet,
    IPersistentVector,
    IRecord,
    ISeq,
    Reversible,
    Seqable,
    Sequential,
    Sorted,
)
from ..symbols import Keyword, Symbol
from .registry import core

_FN_TYPES = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    types.BuiltinMethodType,
    functools.partial,
)


def _is_fn(x: Any) -> bool:
    """A function object (not a collection or keyword that happens to be invokable)."""
    if isinstance(x, _FN_TYPES):
        return True
    # Compiled pyjank fns and `fn` objects with metadata mark themselves as `Fn`.
    return getattr(type(x), "_pyjank_fn", False) is True


@core("nil?")
def is_nil(x: Any) -> bool:
    """Returns true if x is nil, false otherwise."""
    return x is None


@core("some?")
def is_some(x: Any) -> bool:
    """Returns true if x is not nil, false otherwise."""
    return x is not None


@core("true?")
def is_true(x: Any) -> bool:
    """Returns true if x is the value true, false otherwise."""
    return x is True


@core("false?")
def is_false(x: Any) -> bool:
    """Returns true if x is the value false, false otherwise."""
    return x is False


@core("boolean")
def boolean(x: Any) -> bool:
    """Coerce to boolean: false only for nil and false."""
    return x is not None and x is not False


@core("not")
def not_(x: Any) -> bool:
    """Returns true if x is logical false, false otherwise."""
    return x is None or x is False


@core("boolean?")
def is_boolean(x: Any) -> bool:
    """Return true if x is a Boolean."""
    return x is True or x is False


@core("identical?")
def is_identical(x: Any, y: Any) -> bool:
    """Tests if 2 arguments are the same object."""
    return x is y


@core("any?")
def is_any(x: Any) -> bool:
    """Returns true given any argument."""
    return True


@core("string?")
def is_string(x: Any) -> bool:
    """Return true if x is a String."""
    return isinstance(x, str)


@core("char?")
def is_char(x: Any) -> bool:
    """Return true if x is a Character."""
    return type(x) is Char


@core("keyword?")
def is_keyword(x: Any) -> bool:
    """Return true if x is a Keyword."""
    return type(x) is Keyword


@core("symbol?")
def is_symbol(x: Any) -> bool:
    """Return true if x is a Symbol."""
    return type(x) is Symbol


@core("ident?")
def is_ident(x: Any) -> bool:
    """Return true if x is a symbol or keyword."""
    return type(x) is Keyword or type(x) is Symbol


@core("simple-ident?")
def is_simple_ident(x: Any) -> bool:
    """Return true if x is a symbol or keyword without a namespace."""
    return is_ident(x) and x.ns is None


@core("qualified-ident?")
def is_qualified_ident(x: Any) -> bool:
    """Return true if x is a symbol or keyword with a namespace."""
    return is_ident(x) and x.ns is not None


@core("simple-symbol?")
def is_simple_symbol(x: Any) -> bool:
    """Return true if x is a symbol without a namespace."""
    return type(x) is Symbol and x.ns is None


@core("qualified-symbol?")
def is_qualified_symbol(x: Any) -> bool:
    """Return true if x is a symbol with a namespace."""
    return type(x) is Symbol and x.ns is not None


@core("simple-keyword?")
def is_simple_keyword(x: Any) -> bool:
    """Return true if x is a keyword without a namespace."""
    return type(x) is Keyword and x.ns is None


@core("qualified-keyword?")
def is_qualified_keyword(x: Any) -> bool:
    """Return true if x is a keyword with a namespace."""
    return type(x) is Keyword and x.ns is not None


@core("seq?")
def is_seq(x: Any) -> bool:
    """Return true if x implements ISeq."""
    return isinstance(x, ISeq)


@core("sequential?")
def is_sequential(x: Any) -> bool:
    """Returns true if coll implements Sequential."""
    return isinstance(x, Sequential)


@core("coll?")
def is_coll(x: Any) -> bool:
    """Returns true if x implements IPersistentCollection."""
    return isinstance(x, IPersistentCollection)


@core("list?")
def is_list(x: Any) -> bool:
    """Returns true if x implements IPersistentList."""
    return isinstance(x, IPersistentList)


@core("vector?")
def is_vector(x: Any) -> bool:
    """Return true if x implements IPersistentVector."""
    return isinstance(x, IPersistentVector)


@core("map?")
def is_map(x: Any) -> bool:
    """Return true if x implements IPersistentMap."""
    return isinstance(x, IPersistentMap)


@core("set?")
def is_set(x: Any) -> bool:
    """Returns true if x implements IPersistentSet."""
    return isinstance(x, IPersistentSet)


@core("map-entry?")
def is_map_entry(x: Any) -> bool:
    """Return true if x is a map entry."""
    from ..interfaces import IMapEntry

    return isinstance(x, IMapEntry)


@core("record?")
def is_record(x: Any) -> bool:
    """Returns true if x is a record."""
    return isinstance(x, IRecord)


@core("associative?")
def is_associative(x: Any) -> bool:
    """Returns true if coll implements Associative."""
    return isinstance(x, Associative)


@core("counted?")
def is_counted(x: Any) -> bool:
    """Returns true if coll implements count in constant time."""
    return isinstance(x, Counted)


@core("indexed?")
def is_indexed(x: Any) -> bool:
    """Return true if coll implements Indexed, indicating efficient lookup by index."""
    return isinstance(x, Indexed)


@core("reversible?")
def is_reversible(x: Any) -> bool:
    """Returns true if coll implements Reversible."""
    return isinstance(x, Reversible)


@core("sorted?")
def is_sorted(x: Any) -> bool:
    """Returns true if coll implements Sorted."""
    return isinstance(x, Sorted)


@core("seqable?")
def is_seqable(x: Any) -> bool:
    """Return true if the seq function is supported for x (nil, collections, strings, Python
    iterables)."""
    if x is None or isinstance(x, Seqable | str):
        return True
    if isinstance(x, Keyword | Symbol | Char | int | float):
        return False
    try:
        iter(x)
    except TypeError:
        return False
    return True


@core("fn?")
def is_fn(x: Any) -> bool:
    """Returns true if x is a function (created with fn or a Python function), false for
    other invokables like keywords and collections."""
    return _is_fn(x)


@core("ifn?")
def is_ifn(x: Any) -> bool:
    """Returns true if x can be invoked as a function (fns, keywords, symbols, maps, sets,
    vectors, vars, and any Python callable except classes)."""
    return isinstance(x, IFn) or (callable(x) and not isinstance(x, type))


@core("var?")
def is_var(x: Any) -> bool:
    """Returns true if v is of type clojure.lang.Var."""
    from ..vars import Var

    return isinstance(x, Var)


@core("uuid?")
def is_uuid(x: Any) -> bool:
    """Return true if x is a UUID."""
    return isinstance(x, _uuid.UUID)


@core("inst?")
def is_inst(x: Any) -> bool:
    """Return true if x is an instant (a datetime)."""
    return isinstance(x, datetime)


@core("special-symbol?")
def is_special_symbol(s: Any) -> bool:
    """Returns true if s names a special form."""
    if type(s) is not Symbol or s.ns is not None:
        return False
    try:
        from ...compiler.analyzer import SPECIAL_FORMS
    except ImportError:  # pragma: no cover
        return False
    return s.name in SPECIAL_FORMS


@core("delay?")
def is_delay(x: Any) -> bool:
    """returns true if x is a Delay created with delay"""
    from ..refs import Delay

    return isinstance(x, Delay)


@core("hash")
def hash_(x: Any) -> int:
    """Returns the hash code of its argument, consistent with =."""
    return 0 if x is None else hasheq(x)


@core("compare")
def compare(x: Any, y: Any) -> int:
    """Comparator. Returns a negative number, zero, or a positive number when x is logically
    'less than', 'equal to', or 'greater than' y."""
    return _compare(x, y)
