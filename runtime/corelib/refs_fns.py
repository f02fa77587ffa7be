"""Reference types and their functions: atoms, volatiles, delays, `reduced`, watches and
validators, `deref`."""

from __future__ import annotations

import threading
from typing import Any

from .. import refs
from ..exceptions import IllegalArgumentException, cast_error
from ..interfaces import IDeref, IPending
from ..refs import Atom, Delay, Reduced, Volatile
from ..symbols import keyword
from ..vars import Var
from .registry import core

_KW_META = keyword(None, "meta")
_KW_VALIDATOR = keyword(None, "validator")
_NONE: Any = object()
_VAR_WATCH_LOCK = threading.Lock()


@core("atom")
def atom(x: Any, *options: Any) -> Atom:
    """Creates and returns an Atom with an initial value of x and zero or more options (in any
    order): :meta metadata-map, :validator validate-fn."""
    if len(options) % 2:
        raise IllegalArgumentException(f"No value supplied for key: {options[-1]!r}")
    meta = None
    validator = None
    for i in range(0, len(options), 2):
        k, v = options[i], options[i + 1]
        if k is _KW_META:
            meta = v
        elif k is _KW_VALIDATOR:
            validator = v
    return Atom(x, meta, validator)


@core("deref")
def deref(ref: Any, timeout_ms: Any = _NONE, timeout_val: Any = None) -> Any:
    """Also reader macro: @ref/@agent/@var/@atom/@delay/@future/@promise. Within a
    transaction, returns the in-transaction-value of ref, else returns the most-recently-
    committed value of ref. The 3-arity form takes a timeout in milliseconds for blocking
    references (futures, promises) and returns timeout-val if it expires."""
    if timeout_ms is _NONE:
        if isinstance(ref, IDeref):
            return ref.deref()
        result = getattr(ref, "result", None)  # concurrent.futures.Future
        if result is not None:
            return result()
        raise cast_error(ref, "java.util.concurrent.Future")
    blocking = getattr(ref, "deref_timeout", None)
    if blocking is not None:
        return blocking(timeout_ms, timeout_val)
    result = getattr(ref, "result", None)
    if result is not None and not isinstance(ref, IDeref):
        import concurrent.futures

        try:
            return result(timeout=timeout_ms / 1000)
        except concurrent.futures.TimeoutError:
            return timeout_val
    if isinstance(ref, IDeref):
        return ref.deref()
    raise cast_error(ref, "clojure.lang.IBlockingDeref")


def _atom(a: Any) -> Atom:
    if isinstance(a, Atom):
        return a
    raise cast_error(a, "clojure.lang.IAtom")


@core("swap!")
def swap(a: Any, f: Any, *args: Any) -> Any:
    """Atomically swaps the value of atom to be: (apply f current-value-of-atom args). Note
    that f may be called multiple times, and thus should be free of side effects. Returns the
    value that was swapped in."""
    return _atom(a).swap(f, *args)


@core("swap-vals!")
def swap_vals(a: Any, f: Any, *args: Any) -> Any:
    """Atomically swaps the value of atom to be: (apply f current-value-of-atom args).
    Returns [old new], the value of the atom before and after the swap."""
    return _atom(a).swap_vals(f, *args)


@core("reset!")
def reset(a: Any, newval: Any) -> Any:
    """Sets the value of atom to newval without regard for the current value. Returns
    newval."""
    return _atom(a).reset(newval)


@core("reset-vals!")
def reset_vals(a: Any, newval: Any) -> Any:
    """Sets the value of atom to newval. Returns [old new], the value of the atom before and
    after the reset."""
    return _atom(a).reset_vals(newval)


@core("compare-and-set!")
def compare_and_set(a: Any, oldval: Any, newval: Any) -> bool:
    """Atomically sets the value of atom to newval if and only if the current value of the
    atom is identical to oldval. Returns true if set happened, else false"""
    return _atom(a).compare_and_set(oldval, newval)


@core("add-watch")
def add_watch(reference: Any, key: Any, fn: Any) -> Any:
    """Adds a watch function to an agent/atom/var/ref reference. The watch fn must be a fn of
    4 args: a key, the reference, its old-state, its new-state."""
    if isinstance(reference, Var):
        with _VAR_WATCH_LOCK:
            reference.watches = {**(reference.watches or {}), key: fn}
        return reference
    return reference.add_watch(key, fn)


@core("remove-watch")
def remove_watch(reference: Any, key: Any) -> Any:
    """Removes a watch (set by add-watch) from a reference."""
    if isinstance(reference, Var):
        with _VAR_WATCH_LOCK:
            watches = dict(reference.watches or {})
            watches.pop(key, None)
            reference.watches = watches or None
        return reference
    return reference.remove_watch(key)


@core("set-validator!")
def set_validator(reference: Any, validator_fn: Any) -> None:
    """Sets the validator-fn for a var/ref/agent/atom. validator-fn must be nil or a
    side-effect-free fn of one argument, which will be passed the intended new state on any
    state change. If the new state is unacceptable, the validator-fn should return false or
    throw an exception. If the current state is not acceptable to the new validator, an
    exception will be thrown and the validator will not be changed."""
    reference.set_validator(validator_fn)
    return None


@core("get-validator")
def get_validator(reference: Any) -> Any:
    """Gets the validator-fn for a var/ref/agent/atom."""
    return reference.get_validator()


# -- volatiles ---------------------------------------------------------------------------


@core("volatile!")
def volatile(val: Any) -> Volatile:
    """Creates and returns a Volatile with an initial value of val."""
    return Volatile(val)


@core("vreset!")
def vreset(vol: Volatile, newval: Any) -> Any:
    """Sets the value of volatile to newval without regard for the current value. Returns
    newval."""
    return vol.reset(newval)


@core("vswap!")
def vswap(vol: Volatile, f: Any, *args: Any) -> Any:
    """Non-atomically swaps the value of the volatile as if: (apply f current-value-of-vol
    args). Returns the value that was swapped in. (A function here; Clojure's is a macro.)"""
    return vol.swap(f, *args)


@core("volatile?")
def is_volatile(x: Any) -> bool:
    """Returns true if x is a volatile."""
    return isinstance(x, Volatile)


# -- reduced -----------------------------------------------------------------------------


@core("reduced")
def reduced(x: Any) -> Reduced:
    """Wraps x in a way such that a reduce will terminate with the value x"""
    return Reduced(x)


@core("reduced?")
def is_reduced(x: Any) -> bool:
    """Returns true if x is the result of a call to reduced"""
    return type(x) is Reduced


@core("unreduced")
def unreduced(x: Any) -> Any:
    """If x is reduced?, returns (deref x), else returns x"""
    return x.val if type(x) is Reduced else x


@core("ensure-reduced")
def ensure_reduced(x: Any) -> Reduced:
    """If x is already reduced?, returns it, else returns (reduced x)"""
    return x if type(x) is Reduced else Reduced(x)


# -- delays ------------------------------------------------------------------------------


@core("delay*")
def delay_star(thunk: Any) -> Delay:
    """Takes a function of no args and returns a Delay that will invoke it only the first time
    it is forced (with force or deref/@), caching the result. The `delay` macro expands to
    this."""
    return Delay(thunk)


@core("force")
def force(x: Any) -> Any:
    """If x is a Delay, returns the (possibly cached) value of its expression, else returns
    x"""
    return refs.force(x)


@core("realized?")
def is_realized(x: Any) -> bool:
    """Returns true if a value has been produced for a promise, delay, future or lazy
    sequence."""
    if isinstance(x, IPending):
        return x.is_realized()
    done = getattr(x, "done", None)  # concurrent.futures.Future
    if done is not None:
        return done()
    raise cast_error(x, "clojure.lang.IPending")
