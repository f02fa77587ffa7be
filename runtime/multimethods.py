"""Multimethods: `clojure.lang.MultiFn`.

A call runs the dispatch fn, then looks the dispatch value up in a per-value cache of the
method chosen for it. A miss searches the method table with `isa?` (so class dispatch values
follow the Python MRO and `derive`d keywords their hierarchy), breaks ties with
`prefer-method`, falls back to the `:default` method and caches the answer. Adding, removing
or preferring a method, or any change of the hierarchy, empties the cache.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from . import hierarchy
from .equality import RAW_KEY_TYPES, box_key
from .exceptions import IllegalArgumentException, class_name
from .interfaces import IDeref, IFn
from .maps import EMPTY_MAP
from .printer import str_
from .sets import EMPTY_SET
from .vars import IllegalStateException

# Dispatch values the cache can key by themselves (classes included); others are boxed so
# that Python's 1 == True == 1.0 does not merge them.
_RAW_KEYS = RAW_KEY_TYPES | {type}


def _cache_key(dv: Any) -> Any:
    return dv if type(dv) in _RAW_KEYS else box_key(dv)


def _java_str(x: Any) -> str:
    """How Java's toString shows a dispatch value in messages."""
    if x is None:
        return "null"
    if isinstance(x, type):
        return f"class {class_name(x)}"
    return str_(x)


class MultiFn(IFn):
    """`(defmulti name dispatch-fn :default d :hierarchy ref)`."""

    __slots__ = (
        "name",
        "dispatch_fn",
        "default_dispatch_val",
        "hierarchy",
        "method_table",
        "prefer_table",
        "_cache",
        "_cached_hierarchy",
        "_lock",
    )

    def __init__(
        self, name: str, dispatch_fn: Callable, default_dispatch_val: Any, hierarchy: IDeref
    ) -> None:
        self.name = name
        self.dispatch_fn = dispatch_fn
        self.default_dispatch_val = default_dispatch_val
        self.hierarchy = hierarchy
        self.method_table: Any = EMPTY_MAP
        self.prefer_table: Any = EMPTY_MAP
        self._lock = threading.RLock()
        self._reset_cache()

    def __call__(self, *args: Any) -> Any:
        dv = self.dispatch_fn(*args)
        if self.hierarchy.deref() is not self._cached_hierarchy:
            self._reset_cache()
        f = self._cache.get(dv if type(dv) in _RAW_KEYS else box_key(dv))
        if f is None:
            f = self._find_and_cache(dv)
            if f is None:
                raise IllegalArgumentException(
                    f"No method in multimethod '{self.name}' for dispatch value: {_java_str(dv)}"
                )
        return f(*args)

    # -- the method table ------------------------------------------------------------------
    def add_method(self, dispatch_val: Any, method: Callable) -> MultiFn:
        with self._lock:
            self.method_table = self.method_table.assoc(dispatch_val, method)
            self._reset_cache()
        return self

    def remove_method(self, dispatch_val: Any) -> MultiFn:
        with self._lock:
            self.method_table = self.method_table.dissoc(dispatch_val)
            self._reset_cache()
        return self

    def reset(self) -> MultiFn:
        """`remove-all-methods`: no methods, no preferences."""
        with self._lock:
            self.method_table = EMPTY_MAP
            self.prefer_table = EMPTY_MAP
            self._reset_cache()
        return self

    def prefer_method(self, x: Any, y: Any) -> MultiFn:
        """Prefer dispatch value x over y when both match."""
        with self._lock:
            h = self.hierarchy.deref()
            if self._prefers(h, y, x):
                raise IllegalStateException(
                    f"Preference conflict in multimethod '{self.name}': "
                    f"{_java_str(y)} is already preferred to {_java_str(x)}"
                )
            prefs = self.prefer_table.val_at(x, EMPTY_SET)
            self.prefer_table = self.prefer_table.assoc(x, prefs.conj(y))
            self._reset_cache()
        return self

    def get_method(self, dispatch_val: Any) -> Callable | None:
        """The method that dispatch_val selects (the default one if no other), or None."""
        if self.hierarchy.deref() is not self._cached_hierarchy:
            self._reset_cache()
        f = self._cache.get(_cache_key(dispatch_val))
        return f if f is not None else self._find_and_cache(dispatch_val)

    # -- dispatch --------------------------------------------------------------------------
    def _reset_cache(self) -> None:
        with self._lock:
            self._cached_hierarchy = self.hierarchy.deref()
            self._cache: dict[Any, Callable] = {}

    def _prefers(self, h: Any, x: Any, y: Any) -> bool:
        xprefs = self.prefer_table.val_at(x)
        if xprefs is not None and xprefs.contains(y):
            return True
        for p in hierarchy.parents(h, y) or ():
            if self._prefers(h, x, p):
                return True
        return any(self._prefers(h, p, y) for p in hierarchy.parents(h, x) or ())

    def _dominates(self, h: Any, x: Any, y: Any) -> bool:
        return self._prefers(h, x, y) or hierarchy.isa(h, x, y)

    def _find_and_cache(self, dv: Any) -> Callable | None:
        with self._lock:
            h = self.hierarchy.deref()
            if h is not self._cached_hierarchy:
                self._reset_cache()
            best: tuple[Any, Callable] | None = None
            for k, method in self.method_table.items():
                if not hierarchy.isa(h, dv, k):
                    continue
                if best is None or self._dominates(h, k, best[0]):
                    best = (k, method)
                if not self._dominates(h, best[0], k):
                    raise IllegalArgumentException(
                        f"Multiple methods in multimethod '{self.name}' match dispatch value: "
                        f"{_java_str(dv)} -> {_java_str(k)} and {_java_str(best[0])}, "
                        "and neither is preferred"
                    )
            f = best[1] if best is not None else self.method_table.val_at(self.default_dispatch_val)
            if f is not None:
                self._cache[_cache_key(dv)] = f
            return f

    def __repr__(self) -> str:
        return f"#<MultiFn {self.name}>"


__all__ = ["MultiFn"]
