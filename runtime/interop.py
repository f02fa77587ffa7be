"""Python interop that Clojure has no word for: converting data both ways and calling with
keyword arguments.

- `to_clj` (`py->clj`): dicts become maps, lists and tuples vectors, sets sets, all the way
  down; `keywordize_keys` makes string keys keywords, as ClojureScript's `js->clj` does.
- `to_py` (`clj->py`): maps become dicts, sets sets, every other sequential collection or
  seq a list; keywords (keys or values) become strings through `keyword_fn` (default:
  `:a` → "a", `:ns/a` → "ns/a"), symbols and characters strings. Keys must stay hashable,
  so sequential keys become tuples and set keys frozensets.
- `apply_kw` (`apply-kw`): `(apply-kw f arg* kwargs)` calls `f(*args, **kwargs)`, the keys
  of the map (keywords, symbols or strings) naming the parameters, `-` read as `_`.

Pyjank collections also pass as Python collections where that holds exactly: vectors are
registered as `collections.abc.Sequence` and sets as `collections.abc.Set`. Maps are not
Mappings, because iterating a map yields its entries (as `seq` does in Clojure), where a
Mapping yields keys; `dict(m)`, `f(**m)`, `m.keys()`, `m.items()`, `len`, `in` and `m[k]`
work all the same.
"""

from __future__ import annotations

import collections.abc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from .characters import Char
from .interfaces import IPersistentMap, IPersistentSet, ISeq, Named, Sequential
from .maps import map_from_pairs
from .sets import APersistentSet, set_from
from .symbols import Keyword, Symbol, keyword
from .vectors import APersistentVector, vec

collections.abc.Sequence.register(APersistentVector)
collections.abc.Set.register(APersistentSet)


def to_clj(x: Any, keywordize_keys: bool = False) -> Any:
    """Python data as pyjank data (see the module docstring)."""
    if isinstance(x, collections.abc.Mapping):  # (pyjank maps are not Mappings)
        return map_from_pairs(
            (_clj_key(k, keywordize_keys), to_clj(v, keywordize_keys)) for k, v in x.items()
        )
    if isinstance(x, (list, tuple)):
        return vec([to_clj(e, keywordize_keys) for e in x])
    if isinstance(x, (set, frozenset)):
        return set_from(to_clj(e, keywordize_keys) for e in x)
    return x


def _clj_key(k: Any, keywordize_keys: bool) -> Any:
    return keyword(k) if keywordize_keys and type(k) is str else to_clj(k, keywordize_keys)


def _name(k: Named) -> str:
    return k.name if k.ns is None else f"{k.ns}/{k.name}"


def to_py(x: Any, keyword_fn: Callable[[Keyword], Any] = _name) -> Any:
    """Pyjank data as Python data (see the module docstring)."""
    if isinstance(x, IPersistentMap):
        return {_py_key(k, keyword_fn): to_py(v, keyword_fn) for k, v in x.items()}
    if isinstance(x, IPersistentSet):
        return {_py_key(e, keyword_fn) for e in x}
    if isinstance(x, (Sequential, ISeq)):
        return [to_py(e, keyword_fn) for e in x]
    if isinstance(x, Keyword):
        return keyword_fn(x)
    if isinstance(x, Symbol):
        return _name(x)
    if isinstance(x, Char):
        return x.c
    return x


def _py_key(k: Any, keyword_fn: Callable[[Keyword], Any]) -> Any:
    """A dict key or set element: like `to_py`, but hashable."""
    if isinstance(k, IPersistentSet):
        return frozenset(_py_key(e, keyword_fn) for e in k)
    if isinstance(k, (Sequential, ISeq)):
        return tuple(_py_key(e, keyword_fn) for e in k)
    if isinstance(k, IPersistentMap):
        return k  # hashable as it is; no Python mapping is
    return to_py(k, keyword_fn)


def _param(k: Any) -> str:
    return (_name(k) if isinstance(k, (Keyword, Symbol)) else str(k)).replace("-", "_")


def apply_kw(f: Callable, *args: Any) -> Any:
    """`(apply-kw f arg* kwargs)`: call `f` with the positional `args` and the map `kwargs`
    as Python keyword arguments."""
    if not args:
        from .exceptions import ArityException

        raise ArityException(1, "clojure.core/apply-kw")
    *positional, kwargs = args
    if kwargs is None:
        return f(*positional)
    return f(*positional, **{_param(k): v for k, v in kwargs.items()})


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)


def inst_ms(inst: datetime) -> int:
    """Milliseconds since the epoch of a datetime (naive ones taken as UTC)."""
    if inst.tzinfo is None:
        inst = inst.replace(tzinfo=UTC)
    return (inst - _EPOCH) // _MS
