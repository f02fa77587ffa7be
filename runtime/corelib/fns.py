"""Higher-order function helpers: `apply`, `partial`, `comp`, `juxt`, `complement`,
`constantly`, `identity`, `fnil`, `memoize`, `every-pred`, `some-fn`, `trampoline`."""

from __future__ import annotations

import functools
import threading
from typing import Any

from ..equality import box_key
from ..exceptions import ArityException
from ..seqs import to_iter
from ..vectors import vec
from .registry import core


@core("apply")
def apply(f: Any, *args: Any) -> Any:
    """Applies fn f to the argument list formed by prepending intervening arguments to args.
    (The final seq is realised in full: Python calls take a finite argument tuple.)"""
    if not args:
        raise ArityException(1, "clojure.core/apply")
    last = args[-1]
    if len(args) == 1:
        if type(last) is tuple:
            return f(*last)
        return f(*to_iter(last))
    return f(*args[:-1], *to_iter(last))


@core("identity")
def identity(x: Any) -> Any:
    """Returns its argument."""
    return x


@core("constantly")
def constantly(x: Any) -> Any:
    """Returns a function that takes any number of arguments and returns x."""

    def const(*args: Any) -> Any:
        return x

    return const


@core("complement")
def complement(f: Any) -> Any:
    """Takes a fn f and returns a fn that takes the same arguments as f, has the same
    effects, if any, and returns the opposite truth value."""

    def complemented(*args: Any) -> bool:
        r = f(*args)
        return r is None or r is False

    return complemented


@core("partial")
def partial(f: Any, *args: Any) -> Any:
    """Takes a function f and fewer than the normal arguments to f, and returns a fn that
    takes a variable number of additional args. When called, the returned function calls f
    with args + additional args."""
    if not args:
        return f
    return functools.partial(f, *args)


@core("comp")
def comp(*fs: Any) -> Any:
    """Takes a set of functions and returns a fn that is the composition of those fns. The
    returned fn takes a variable number of args, applies the rightmost of fns to the args,
    the next fn (right-to-left) to the result, etc."""
    if not fs:
        return identity
    if len(fs) == 1:
        return fs[0]
    if len(fs) == 2:
        f, g = fs

        def composed2(*args: Any) -> Any:
            return f(g(*args))

        return composed2
    inner = fs[-1]
    outer = fs[-2::-1]

    def composed(*args: Any) -> Any:
        r = inner(*args)
        for h in outer:
            r = h(r)
        return r

    return composed


@core("juxt")
def juxt(f: Any, *fs: Any) -> Any:
    """Takes a set of functions and returns a fn that is the juxtaposition of those fns. The
    returned fn takes a variable number of args, and returns a vector containing the result
    of applying each fn to the args (left-to-right)."""
    all_fs = (f, *fs)

    def juxtaposed(*args: Any) -> Any:
        return vec([h(*args) for h in all_fs])

    return juxtaposed


@core("fnil")
def fnil(f: Any, x: Any, *defaults: Any) -> Any:
    """Takes a function f, and returns a function that calls f, replacing a nil first
    argument to f with the supplied value x. Higher arity versions can replace arguments in
    the second and third positions (y, z)."""
    if len(defaults) > 2:
        raise ArityException(2 + len(defaults), "clojure.core/fnil")
    ds = (x, *defaults)

    def patched(*args: Any) -> Any:
        if len(args) < len(ds):
            raise ArityException(len(args), "clojure.core/fnil/fn")
        if any(args[i] is None for i in range(len(ds))):
            args = tuple(ds[i] if i < len(ds) and a is None else a for i, a in enumerate(args))
        return f(*args)

    return patched


@core("memoize")
def memoize(f: Any) -> Any:
    """Returns a memoized version of a referentially transparent function. The memoized
    version of the function keeps a cache of the mapping from arguments to results and, when
    calls with the same arguments are repeated often, has higher performance at the expense
    of higher memory use. Arguments are compared with Clojure's =."""
    cache: dict[Any, Any] = {}
    lock = threading.Lock()
    missing = object()

    def memoized(*args: Any) -> Any:
        try:
            key = tuple(map(box_key, args))
            hit = cache.get(key, missing)
        except TypeError:  # an unhashable host object: call through
            return f(*args)
        if hit is not missing:
            return hit
        result = f(*args)
        with lock:
            return cache.setdefault(key, result)

    return memoized


@core("every-pred")
def every_pred(*ps: Any) -> Any:
    """Takes a set of predicates and returns a function f that returns true if all of its
    composing predicates return a logical true value against all of its arguments, else it
    returns false."""
    if not ps:
        raise ArityException(0, "clojure.core/every-pred")

    def ep(*args: Any) -> bool:
        for p in ps:
            for a in args:
                r = p(a)
                if r is None or r is False:
                    return False
        return True

    return ep


@core("some-fn")
def some_fn(*ps: Any) -> Any:
    """Takes a set of predicates and returns a function f that returns the first logical
    true value returned by one of its composing predicates against any of its arguments,
    else it returns logical false."""
    if not ps:
        raise ArityException(0, "clojure.core/some-fn")

    def sp(*args: Any) -> Any:
        r: Any = None
        for p in ps:
            for a in args:
                r = p(a)
                if r is not None and r is not False:
                    return r
        return r

    return sp


@core("trampoline")
def trampoline(f: Any, *args: Any) -> Any:
    """trampoline can be used to convert algorithms requiring mutual recursion without stack
    consumption. Calls f with supplied args, if any. If f returns a fn, calls that fn with no
    arguments, and continues to repeat, until the return value is not a fn, then returns that
    non-fn value."""
    from .predicates import is_fn

    r = f(*args)
    while is_fn(r):
        r = r()
    return r
