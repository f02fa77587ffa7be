"""Reference types: `ARef` (what atoms, agents and refs share), atoms, volatiles, delays, and
`reduced`.

An atom's swap runs the function outside any lock and commits with a compare-and-set on
identity, retrying when another thread got there first, exactly as Clojure's Atom does; the
lock only guards the compare-and-store itself, which Python cannot do atomically.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from .exceptions import register_class_name
from .interfaces import IDeref, IPending, IReference
from .vars import IllegalStateException


class ARef(IReference, IDeref):
    """What every reference type shares (Clojure's ARef): validator, watches and mutable
    metadata. Subclasses provide `deref`; `_lock` also guards their own compare-and-store."""

    __slots__ = ("_lock", "_meta", "_validator", "_watches")

    def __init__(self, meta: Any = None, validator: Callable | None = None) -> None:
        self._lock = threading.Lock()
        self._meta = meta
        self._validator = validator
        # Replaced, never mutated, so a notification iterates a stable snapshot.
        self._watches: dict[Any, Callable] = {}

    # -- validator and watches -----------------------------------------------------------
    def set_validator(self, validator: Callable | None) -> None:
        """`set-validator!`: the current value must pass the new validator."""
        validate(validator, self.deref())
        self._validator = validator

    def get_validator(self) -> Callable | None:
        return self._validator

    def add_watch(self, key: Any, fn: Callable) -> ARef:
        with self._lock:
            self._watches = {**self._watches, key: fn}
        return self

    def remove_watch(self, key: Any) -> ARef:
        with self._lock:
            self._watches = {k: v for k, v in self._watches.items() if k != key}
        return self

    def get_watches(self) -> dict[Any, Callable]:
        return self._watches

    def _notify(self, old: Any, new: Any) -> None:
        for key, fn in self._watches.items():
            fn(key, self, old, new)

    # -- metadata (mutable, as for every IReference) --------------------------------------
    def meta(self) -> Any:
        return self._meta

    def reset_meta(self, meta: Any) -> Any:
        self._meta = meta
        return meta

    def alter_meta(self, f: Callable, *args: Any) -> Any:
        """`alter-meta!`, retried like `swap!` so `f` never runs under the lock."""
        while True:
            old = self._meta
            new = f(old, *args)
            with self._lock:
                if self._meta is old:
                    self._meta = new
                    return new

    def __repr__(self) -> str:
        from .printer import pr_str

        return pr_str(self)


class Atom(ARef):
    """`(atom x)`: an uncoordinated, synchronous reference."""

    __slots__ = ("_state",)

    def __init__(self, state: Any, meta: Any = None, validator: Callable | None = None) -> None:
        validate(validator, state)
        super().__init__(meta, validator)
        self._state = state

    def deref(self) -> Any:
        return self._state

    # -- updates -------------------------------------------------------------------------
    def _cas(self, old: Any, new: Any) -> bool:
        with self._lock:
            if self._state is not old:
                return False
            self._state = new
            return True

    def compare_and_set(self, old: Any, new: Any) -> bool:
        """`compare-and-set!`: compares by identity, as Clojure does."""
        validate(self._validator, new)
        if not self._cas(old, new):
            return False
        self._notify(old, new)
        return True

    def _swap(self, f: Callable, args: tuple) -> tuple[Any, Any]:
        """Retry `f` until its result commits; `f` may run more than once, so it must be pure."""
        while True:
            old = self._state
            new = f(old, *args)
            validate(self._validator, new)
            if self._cas(old, new):
                self._notify(old, new)
                return old, new

    def swap(self, f: Callable, *args: Any) -> Any:
        """`swap!`: the new value."""
        return self._swap(f, args)[1]

    def swap_vals(self, f: Callable, *args: Any) -> Any:
        """`swap-vals!`: `[old new]`."""
        return _pair(*self._swap(f, args))

    def _reset(self, new: Any) -> Any:
        validate(self._validator, new)
        with self._lock:
            old = self._state
            self._state = new
        self._notify(old, new)
        return old

    def reset(self, new: Any) -> Any:
        """`reset!`: the new value."""
        self._reset(new)
        return new

    def reset_vals(self, new: Any) -> Any:
        """`reset-vals!`: `[old new]`."""
        return _pair(self._reset(new), new)


def validate(validator: Callable | None, value: Any) -> None:
    """Raise unless `value` passes `validator` (nil passes everything); a validator rejects
    a value by returning logical false or by throwing."""
    if validator is not None:
        ok = validator(value)
        if ok is None or ok is False:
            raise IllegalStateException("Invalid reference state")


def _pair(old: Any, new: Any) -> Any:
    from .vectors import vector

    return vector(old, new)


class Volatile(IDeref):
    """`(volatile! x)`: a mutable box without atomicity, for single-threaded state."""

    __slots__ = ("_val",)

    def __init__(self, val: Any) -> None:
        self._val = val

    def deref(self) -> Any:
        return self._val

    def reset(self, val: Any) -> Any:
        """`vreset!`."""
        self._val = val
        return val

    def swap(self, f: Callable, *args: Any) -> Any:
        """`vswap!`."""
        self._val = f(self._val, *args)
        return self._val

    def __repr__(self) -> str:
        from .printer import pr_str

        return pr_str(self)


class Delay(IDeref, IPending):
    """`(delay ...)`: runs its body once, on first deref, in whichever thread gets there.

    As in Clojure 1.11, an exception from the body is kept and raised again by every deref.
    The lock is re-entrant so a body that derefs its own delay recurses instead of hanging,
    as with Clojure's ReentrantLock.
    """

    __slots__ = ("_fn", "_val", "_exc", "_tb", "_lock")

    def __init__(self, fn: Callable[[], Any]) -> None:
        self._fn: Callable[[], Any] | None = fn
        self._val: Any = None
        self._exc: BaseException | None = None
        self._tb: Any = None
        self._lock = threading.RLock()

    def deref(self) -> Any:
        if self._fn is not None:
            with self._lock:
                fn = self._fn
                if fn is not None:
                    try:
                        self._val = fn()
                    except Exception as e:
                        self._exc, self._tb = e, e.__traceback__
                    self._fn = None
        if self._exc is not None:
            # Reset the traceback so raising the same object again does not grow it.
            raise self._exc.with_traceback(self._tb)
        return self._val

    def is_realized(self) -> bool:
        return self._fn is None

    def __repr__(self) -> str:
        from .printer import pr_str

        return pr_str(self)


def force(x: Any) -> Any:
    """`force`: deref a delay, anything else is itself."""
    return x.deref() if isinstance(x, Delay) else x


class Reduced(IDeref):
    """`(reduced x)`: tells `reduce` and transducers to stop with `x`."""

    __slots__ = ("val",)

    def __init__(self, val: Any) -> None:
        self.val = val

    def deref(self) -> Any:
        return self.val

    def __repr__(self) -> str:
        from .printer import pr_str

        return pr_str(self)


def reduced(x: Any) -> Reduced:
    return Reduced(x)


def is_reduced(x: Any) -> bool:
    return type(x) is Reduced


def unreduced(x: Any) -> Any:
    return x.val if type(x) is Reduced else x


def ensure_reduced(x: Any) -> Reduced:
    return x if type(x) is Reduced else Reduced(x)


for _cls, _name in (
    (Atom, "clojure.lang.Atom"),
    (Volatile, "clojure.lang.Volatile"),
    (Delay, "clojure.lang.Delay"),
    (Reduced, "clojure.lang.Reduced"),
):
    register_class_name(_cls, _name)
