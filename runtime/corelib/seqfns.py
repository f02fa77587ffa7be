"""The sequence library: lazy seq functions, `reduce`, transducers, sorting and grouping.

Laziness follows Clojure's model (see `_chunked.py`): over *chunked* sources (vectors,
integer ranges, and the chunked results of `map`, `filter`, `take`, `concat`, `sequence`, ...)
a stage computes 32 elements per step in one Python loop; over anything else (lists, `iterate`,
`lazy-seq` bodies, ...) it pulls one element at a time through a Python generator wrapped in
an `IterSeq`. Either way realising a seq is a loop, never a recursion, so million-element
pipelines work, and `(first (map f coll))` calls `f` at most 32 times (once for unchunked
sources), as in Clojure.

Deviation from Clojure: when a step over an *unchunked* source raises, Clojure re-runs it on
the next attempt; here the generator behind it is finished by the exception, so a later
attempt sees the seq end at that point (the first attempt always raises). Chunked steps are
re-run, as in Clojure.

Transducers follow Clojure's protocol: a reducing function is called as `(rf)` (init),
`(rf result)` (completion) and `(rf result input)` (step).
"""

from __future__ import annotations

import builtins
import collections
import functools
import itertools
import math
import random as _random
from typing import Any

from ..characters import Char
from ..equality import RAW_KEY_TYPES, box_key, equiv, unbox_key
from ..equality import compare as _compare
from ..exceptions import IllegalArgumentException, IndexOutOfBoundsException
from ..interfaces import (
    Counted,
    IPersistentMap,
    IPersistentVector,
    ISeq,
    Sequential,
)
from ..lists import EMPTY_LIST, list_from
from ..maps import EMPTY_MAP, map_from_pairs
from ..numbers import gt as _num_gt
from ..numbers import gte as _num_gte
from ..numbers import lt as _num_lt
from ..numbers import lte as _num_lte
from ..refs import Reduced
from ..rt import conj as _conj
from ..rt import count as _count
from ..rt import nth as _nth
from ..seqs import IterSeq, LazySeq, iterate, range_, to_iter
from ..seqs import seq as _seq
from ..symbols import Keyword, Symbol
from ..vectors import EMPTY_VECTOR, PersistentVector, vec
from . import _chunked as _ch
from ._chunked import ChunkedCons
from .registry import core

_NONE: Any = object()
_END: Any = object()
_from_iter = IterSeq.from_iter
_map = builtins.map


def _lazy(make_iter: Any, *args: Any) -> LazySeq:
    """A LazySeq that, when first used, calls `make_iter(*args)` and walks its result."""
    return LazySeq(lambda: _from_iter(make_iter(*args)))


def _count_arg(n: Any) -> int:
    """`take`/`drop` counts: Clojure counts down while `(pos? n)`, so 2.5 means 3."""
    if type(n) is int:
        return n
    if isinstance(n, bool) or n is None:
        raise IllegalArgumentException(f"Expected a number, got: {n!r}")
    return math.ceil(n)


def _or_empty(s: Any) -> Any:
    return EMPTY_LIST if s is None else s


# ---------------------------------------------------------------------------------------
# lazy-seq support


@core("lazy-seq*")
def lazy_seq_star(thunk: Any) -> LazySeq:
    """Takes a function of no args that returns an ISeq or nil, and yields a Seqable object
    that will invoke the function only the first time seq is called, and will cache the
    result. The `lazy-seq` macro expands to this."""
    return LazySeq(thunk)


@core("concat")
def concat(*colls: Any) -> LazySeq:
    """Returns a lazy seq representing the concatenation of the elements in the supplied
    colls."""
    return LazySeq(lambda: _ch.cat_seq(None, _seq(colls)))


@core("range")
def range_fn(*args: Any) -> Any:
    """Returns a lazy seq of nums from start (inclusive) to end (exclusive), by step, where
    start defaults to 0, step to 1, and end to infinity. When step is equal to 0, returns an
    infinite sequence of start. When start is equal to end, returns empty list."""
    if len(args) > 3:
        from ..exceptions import ArityException

        raise ArityException(len(args), "clojure.core/range")
    return range_(*args)


@core("iterate")
def iterate_fn(f: Any, x: Any) -> Any:
    """Returns a lazy (infinite!) sequence of x, (f x), (f (f x)) etc. f must be free of
    side-effects"""
    return iterate(f, x)


@core("repeat")
def repeat(a: Any, b: Any = _NONE) -> Any:
    """Returns a lazy (infinite!, or length n if supplied) sequence of xs."""
    if b is _NONE:
        return LazySeq(lambda: _ch.chunked_from_iter(itertools.repeat(a)))
    n = _count_arg(a)
    if n <= 0:
        return EMPTY_LIST
    return LazySeq(lambda: _ch.chunked_from_iter(itertools.repeat(b, n)))


def _repeatedly(f: Any, n: int | None) -> Any:
    if n is None:
        while True:
            yield f()
    for _ in range(n):
        yield f()


@core("repeatedly")
def repeatedly(a: Any, b: Any = _NONE) -> LazySeq:
    """Takes a function of no args, presumably with side effects, and returns an infinite (or
    length n if supplied) lazy sequence of calls to it"""
    if b is _NONE:
        return _lazy(_repeatedly, a, None)
    return _lazy(_repeatedly, b, _count_arg(a))


def _cycle(coll: Any) -> Any:
    saved = []
    for x in to_iter(coll):
        saved.append(x)
        yield x
    if not saved:
        return
    while True:
        yield from saved


@core("cycle")
def cycle(coll: Any) -> LazySeq:
    """Returns a lazy (infinite!) sequence of repetitions of the items in coll."""
    return _lazy(_cycle, coll)


# ---------------------------------------------------------------------------------------
# Transducer machinery


def _transducer(make_step: Any) -> Any:
    """Build a transducer from `make_step(rf) -> step(result, input)`; init and completion
    are delegated to rf unless `make_step` returns (step, complete)."""

    def xform(rf: Any) -> Any:
        made = make_step(rf)
        if type(made) is tuple:
            step, complete = made
        else:
            step, complete = made, rf

        def reducer(result: Any = _NONE, input: Any = _NONE, *inputs: Any) -> Any:
            if input is _NONE:
                if result is _NONE:
                    return rf()
                return complete(result)
            if inputs:
                return step(result, input, *inputs)
            return step(result, input)

        return reducer

    return xform


def _preserving_reduced(rf: Any) -> Any:
    def step(a: Any, b: Any) -> Any:
        ret = rf(a, b)
        return Reduced(ret) if type(ret) is Reduced else ret

    return step


@core("cat")
def cat(rf: Any) -> Any:
    """A transducer which concatenates the contents of each input, which must be a
    collection, into the reduction."""
    rrf = _preserving_reduced(rf)

    def step(result: Any = _NONE, input: Any = _NONE) -> Any:
        if input is _NONE:
            if result is _NONE:
                return rf()
            return rf(result)
        return reduce(rrf, result, input)

    return step


@core("completing")
def completing(f: Any, cf: Any = None) -> Any:
    """Takes a reducing function f of 2 args and returns a fn suitable for transduce by
    adding an arity-1 signature that calls cf (default - identity) on the result argument."""

    def rf(x: Any = _NONE, y: Any = _NONE) -> Any:
        if y is _NONE:
            if x is _NONE:
                return f()
            return x if cf is None else cf(x)
        return f(x, y)

    return rf


def _xf_iter(xform: Any, colls: tuple) -> Any:
    """Generator applying transducer `xform` to the items of `colls` (`sequence`)."""
    buf: list[Any] = []

    def rf(result: Any = None, input: Any = _NONE) -> Any:
        if input is not _NONE:
            buf.append(input)
        return result

    xf = xform(rf)
    if len(colls) == 1:
        source: Any = _map(lambda x: (x,), to_iter(colls[0]))
    else:
        source = zip(*[to_iter(c) for c in colls], strict=False)
    for args in source:
        r = xf(None, *args)
        if buf:
            yield from buf
            buf.clear()
        if type(r) is Reduced:
            break
    xf(None)
    yield from buf


@core("sequence")
def sequence(a: Any, b: Any = _NONE, *colls: Any) -> Any:
    """Coerces coll to a (possibly empty) sequence, if it is not already one. Will not force
    a lazy seq. (sequence xform & colls) returns a lazy sequence of applications of the
    transform to the items in coll(s)."""
    if b is _NONE:
        if isinstance(a, ISeq):
            return a
        return _or_empty(_seq(a))
    return LazySeq(lambda: _ch.chunked_from_iter(_xf_iter(a, (b, *colls))))


@core("eduction")
def eduction(*args: Any) -> Any:
    """Returns a reducible/iterable application of the transducers to the items in coll.
    Transducers are applied in order as if combined with comp. (Here a lazy seq, like
    `sequence`.)"""
    *xforms, coll = args
    xf = _comp_xforms(xforms)
    return LazySeq(lambda: _ch.chunked_from_iter(_xf_iter(xf, (coll,))))


def _comp_xforms(xforms: list) -> Any:
    if not xforms:
        return lambda rf: rf

    def xf(rf: Any) -> Any:
        for t in reversed(xforms):
            rf = t(rf)
        return rf

    return xf


@core("transduce")
def transduce(xform: Any, f: Any, a: Any, b: Any = _NONE) -> Any:
    """reduce with a transformation of f (xf). If init is not supplied, (f) will be called to
    produce it. f should be a reducing step function that accepts both 1 and 2 arguments, if
    it accepts only 2 you can add the arity-1 with 'completing'."""
    if b is _NONE:
        init, coll = f(), a
    else:
        init, coll = a, b
    xf = xform(f)
    ret = reduce(xf, init, coll)
    return xf(ret)


# ---------------------------------------------------------------------------------------
# reduce


@core("reduce")
def reduce(f: Any, a: Any, b: Any = _NONE) -> Any:
    """f should be a function of 2 arguments. If val is not supplied, returns the result of
    applying f to the first 2 items in coll, then applying f to that result and the 3rd item,
    etc. If coll contains no items, f must accept no arguments as well, and reduce returns the
    result of calling f with no arguments. If coll has only 1 item, it is returned and f is
    not called. If val is supplied, returns the result of applying f to val and the first item
    in coll, then applying f to that result and the 2nd item, etc. If coll contains no items,
    returns val and f is not called. Stops early at a `reduced` value. Maps reduce over their
    entries."""
    if b is _NONE:
        coll = a
        acc = _NONE
    else:
        coll = b
        acc = a
    if type(coll) is LazySeq or type(coll) is ChunkedCons:
        parts = _ch.iter_parts(coll)
    else:
        parts = (to_iter(coll),)
    for part in parts:
        it = iter(part)
        if acc is _NONE:
            acc = next(it, _NONE)
            if acc is _NONE:
                continue
        for x in it:
            acc = f(acc, x)
            if type(acc) is Reduced:
                return acc.val
    if acc is _NONE:
        return f()
    return acc


@core("reduce-kv")
def reduce_kv(f: Any, init: Any, coll: Any) -> Any:
    """Reduces an associative collection. f should be a function of 3 arguments. Returns the
    result of applying f to init, the first key and the first value in coll, then applying f
    to that result and the 2nd key and value, etc. If coll contains no entries, returns init
    and f is not called. Note that reduce-kv is supported on vectors, where the keys will be
    the ordinals."""
    if coll is None:
        return init
    acc = init
    if isinstance(coll, IPersistentMap):
        items = coll.items() if hasattr(coll, "items") else ((e.key(), e.val()) for e in coll)
    elif isinstance(coll, IPersistentVector):
        items = enumerate(coll)
    elif isinstance(coll, dict):
        items = coll.items()
    else:
        from ..exceptions import cast_error

        raise cast_error(coll, "clojure.lang.IKVReduce")
    for k, v in items:
        acc = f(acc, k, v)
        if type(acc) is Reduced:
            return acc.val
    return acc


def _reductions(f: Any, init: Any, coll: Any) -> Any:
    it = to_iter(coll)
    if init is _NONE:
        init = next(it, _NONE)
        if init is _NONE:
            yield f()
            return
    acc = init
    if type(acc) is Reduced:
        yield acc.val
        return
    yield acc
    for x in it:
        acc = f(acc, x)
        if type(acc) is Reduced:
            yield acc.val
            return
        yield acc


@core("reductions")
def reductions(f: Any, a: Any, b: Any = _NONE) -> LazySeq:
    """Returns a lazy seq of the intermediate values of the reduction (as per reduce) of coll
    by f, starting with init."""
    if b is _NONE:
        return _lazy(_reductions, f, _NONE, a)
    return _lazy(_reductions, f, a, b)


@core("run!")
def run(proc: Any, coll: Any) -> None:
    """Runs the supplied procedure (via reduce), for purposes of side effects, on successive
    items in the collection. Returns nil"""
    for x in to_iter(coll):
        if type(proc(x)) is Reduced:
            break
    return None


# ---------------------------------------------------------------------------------------
# map, filter and friends (lazy, with transducer arities)


def _map_step(f: Any) -> Any:
    def xform(rf: Any) -> Any:
        def step(result: Any = _NONE, input: Any = _NONE, *inputs: Any) -> Any:
            if input is _NONE:
                return rf() if result is _NONE else rf(result)
            if inputs:
                return rf(result, f(input, *inputs))
            return rf(result, f(input))

        return step

    return xform


@core("map")
def map_(f: Any, coll: Any = _NONE, *colls: Any) -> Any:
    """Returns a lazy sequence consisting of the result of applying f to the set of first
    items of each coll, followed by applying f to the set of second items in each coll, until
    any one of the colls is exhausted. Any remaining items in other colls are ignored.
    Returns a transducer when no collection is provided."""
    if coll is _NONE:
        return _map_step(f)
    if not colls:
        return _ch.stage(lambda items, pos: list(_map(f, items)), lambda s, pos: _map(f, s), coll)
    return LazySeq(lambda: _from_iter(_map(f, to_iter(coll), *_map(to_iter, colls))))


@core("mapv")
def mapv(f: Any, coll: Any, *colls: Any) -> Any:
    """Returns a vector consisting of the result of applying f to the set of first items of
    each coll, followed by applying f to the set of second items in each coll, until any one
    of the colls is exhausted."""
    if not colls:
        return vec(list(_map(f, to_iter(coll))))
    return vec(list(_map(f, to_iter(coll), *_map(to_iter, colls))))


@core("mapcat")
def mapcat(f: Any, *colls: Any) -> Any:
    """Returns the result of applying concat to the result of applying map to f and colls.
    Thus function f should return a collection. Returns a transducer when no collections are
    provided"""
    if not colls:
        mf = _map_step(f)
        return lambda rf: mf(cat(rf))
    return LazySeq(lambda: _ch.cat_seq(None, _seq(map_(f, *colls))))


def _selected(pred: Any, coll: Any, keep: bool) -> Any:
    """The items of `coll` whose `(pred item)` truthiness is `keep`."""
    for x in to_iter(coll):
        if ((r := pred(x)) is not None and r is not False) is keep:
            yield x


def _filter_step(pred: Any, keep: bool) -> Any:
    """The transducer of `filter` (keep=True) and `remove` (keep=False)."""

    def xform(rf: Any) -> Any:
        def step(result: Any = _NONE, input: Any = _NONE) -> Any:
            if input is _NONE:
                return rf() if result is _NONE else rf(result)
            if ((r := pred(input)) is not None and r is not False) is keep:
                return rf(result, input)
            return result

        return step

    return xform


def _select(pred: Any, coll: Any, keep: bool) -> Any:
    """`filter` (keep=True) and `remove` (keep=False): lazy, chunk by chunk when `coll` is
    chunked; a transducer when no collection is given."""
    if coll is _NONE:
        return _filter_step(pred, keep)
    return _ch.stage(
        lambda items, pos: [
            x for x in items if ((r := pred(x)) is not None and r is not False) is keep
        ],
        lambda s, pos: _selected(pred, s, keep),
        coll,
    )


@core("filter")
def filter_(pred: Any, coll: Any = _NONE) -> Any:
    """Returns a lazy sequence of the items in coll for which (pred item) returns logical
    true. pred must be free of side-effects. Returns a transducer when no collection is
    provided."""
    return _select(pred, coll, True)


@core("remove")
def remove(pred: Any, coll: Any = _NONE) -> Any:
    """Returns a lazy sequence of the items in coll for which (pred item) returns logical
    false. pred must be free of side-effects. Returns a transducer when no collection is
    provided."""
    return _select(pred, coll, False)


@core("filterv")
def filterv(pred: Any, coll: Any) -> Any:
    """Returns a vector of the items in coll for which (pred item) returns logical true. pred
    must be free of side-effects."""
    out = []
    for x in to_iter(coll):
        r = pred(x)
        if r is not None and r is not False:
            out.append(x)
    return vec(out)


def _keep(f: Any, coll: Any) -> Any:
    for x in to_iter(coll):
        r = f(x)
        if r is not None:
            yield r


@core("keep")
def keep(f: Any, coll: Any = _NONE) -> Any:
    """Returns a lazy sequence of the non-nil results of (f item). Note, this means false
    return values will be included. f must be free of side-effects. Returns a transducer when
    no collection is provided."""
    if coll is _NONE:

        def make(rf: Any) -> Any:
            def step(result: Any, input: Any) -> Any:
                v = f(input)
                return result if v is None else rf(result, v)

            return step

        return _transducer(make)
    return _ch.stage(
        lambda items, pos: [r for x in items if (r := f(x)) is not None],
        lambda s, pos: _keep(f, s),
        coll,
    )


def _keep_indexed(f: Any, coll: Any, start: int) -> Any:
    for i, x in enumerate(to_iter(coll), start):
        r = f(i, x)
        if r is not None:
            yield r


@core("keep-indexed")
def keep_indexed(f: Any, coll: Any = _NONE) -> Any:
    """Returns a lazy sequence of the non-nil results of (f index item). Note, this means
    false return values will be included. f must be free of side-effects. Returns a stateful
    transducer when no collection is provided."""
    if coll is _NONE:

        def make(rf: Any) -> Any:
            i = -1

            def step(result: Any, input: Any) -> Any:
                nonlocal i
                i += 1
                v = f(i, input)
                return result if v is None else rf(result, v)

            return step

        return _transducer(make)
    return _ch.stage(
        lambda items, pos: [r for i, x in enumerate(items, pos) if (r := f(i, x)) is not None],
        lambda s, pos: _keep_indexed(f, s, pos),
        coll,
    )


@core("map-indexed")
def map_indexed(f: Any, coll: Any = _NONE) -> Any:
    """Returns a lazy sequence consisting of the result of applying f to 0 and the first item
    of coll, followed by applying f to 1 and the second item in coll, etc, until coll is
    exhausted. Returns a stateful transducer when no collection is provided."""
    if coll is _NONE:

        def make(rf: Any) -> Any:
            i = -1

            def step(result: Any, input: Any) -> Any:
                nonlocal i
                i += 1
                return rf(result, f(i, input))

            return step

        return _transducer(make)
    return _ch.stage(
        lambda items, pos: list(_map(f, range(pos, pos + len(items)), items)),
        lambda s, pos: _map(f, itertools.count(pos), s),
        coll,
    )


# ---------------------------------------------------------------------------------------
# take / drop


@core("take")
def take(n: Any, coll: Any = _NONE) -> Any:
    """Returns a lazy sequence of the first n items in coll, or all items if there are fewer
    than n. Returns a stateful transducer when no collection is provided."""
    n = _count_arg(n)
    if coll is _NONE:

        def make(rf: Any) -> Any:
            remaining = n

            def step(result: Any, input: Any) -> Any:
                nonlocal remaining
                m = remaining
                remaining = m - 1
                if m > 0:
                    result = rf(result, input)
                if m - 1 <= 0 and type(result) is not Reduced:
                    return Reduced(result)
                return result

            return step

        return _transducer(make)
    return LazySeq(lambda: _ch.take_seq(n, coll))


@core("take-while")
def take_while(pred: Any, coll: Any = _NONE) -> Any:
    """Returns a lazy sequence of successive items from coll while (pred item) returns
    logical true. pred must be free of side-effects. Returns a transducer when no collection
    is provided."""
    if coll is _NONE:

        def make(rf: Any) -> Any:
            def step(result: Any, input: Any) -> Any:
                r = pred(input)
                if r is None or r is False:
                    return Reduced(result)
                return rf(result, input)

            return step

        return _transducer(make)
    return LazySeq(lambda: _ch.take_while_seq(pred, coll))


@core("drop")
def drop(n: Any, coll: Any = _NONE) -> Any:
    """Returns a lazy sequence of all but the first n items in coll. Returns a stateful
    transducer when no collection is provided."""
    n = _count_arg(n)
    if coll is _NONE:

        def make(rf: Any) -> Any:
            remaining = n

            def step(result: Any, input: Any) -> Any:
                nonlocal remaining
                if remaining > 0:
                    remaining -= 1
                    return result
                return rf(result, input)

            return step

        return _transducer(make)
    return LazySeq(lambda: _ch.drop_seq(n, coll))


@core("drop-while")
def drop_while(pred: Any, coll: Any = _NONE) -> Any:
    """Returns a lazy sequence of the items in coll starting from the first item for which
    (pred item) returns logical false. Returns a stateful transducer when no collection is
    provided."""
    if coll is _NONE:

        def make(rf: Any) -> Any:
            dropping = True

            def step(result: Any, input: Any) -> Any:
                nonlocal dropping
                if dropping:
                    r = pred(input)
                    if r is not None and r is not False:
                        return result
                    dropping = False
                return rf(result, input)

            return step

        return _transducer(make)
    return LazySeq(lambda: _ch.drop_while_seq(pred, coll))


def _take_nth(n: int, coll: Any) -> Any:
    it = to_iter(coll)
    if n > 0:
        return itertools.islice(it, 0, None, n)
    first = next(it, _END)
    return iter(()) if first is _END else itertools.repeat(first)


@core("take-nth")
def take_nth(n: Any, coll: Any = _NONE) -> Any:
    """Returns a lazy seq of every nth item in coll. Returns a stateful transducer when no
    collection is provided."""
    n = _count_arg(n)
    if coll is _NONE:

        def make(rf: Any) -> Any:
            i = -1

            def step(result: Any, input: Any) -> Any:
                nonlocal i
                i += 1
                if i % n == 0:
                    return rf(result, input)
                return result

            return step

        return _transducer(make)
    return _lazy(_take_nth, n, coll)


@core("take-last")
def take_last(n: Any, coll: Any) -> Any:
    """Returns a seq of the last n items in coll. Depending on the type of coll may be no
    better than linear time. For vectors, see also subvec or peek."""
    n = _count_arg(n)
    if n <= 0:
        return None
    return _seq(list(collections.deque(to_iter(coll), maxlen=n)))


def _drop_last(n: int, coll: Any) -> Any:
    it = to_iter(coll)
    window: collections.deque = collections.deque()
    for x in it:
        window.append(x)
        if len(window) > n:
            yield window.popleft()


@core("drop-last")
def drop_last(a: Any, b: Any = _NONE) -> LazySeq:
    """Return a lazy sequence of all but the last n (default 1) items in coll"""
    if b is _NONE:
        return _lazy(_drop_last, 1, a)
    return _lazy(_drop_last, max(_count_arg(a), 0), b)


@core("split-at")
def split_at(n: Any, coll: Any) -> Any:
    """Returns a vector of [(take n coll) (drop n coll)]"""
    from ..vectors import vector

    return vector(take(n, coll), drop(n, coll))


@core("split-with")
def split_with(pred: Any, coll: Any) -> Any:
    """Returns a vector of [(take-while pred coll) (drop-while pred coll)]"""
    from ..vectors import vector

    return vector(take_while(pred, coll), drop_while(pred, coll))


# ---------------------------------------------------------------------------------------
# interpose, interleave, partition


def _interpose(sep: Any, coll: Any) -> Any:
    it = to_iter(coll)
    for x in it:
        yield x
        break
    for x in it:
        yield sep
        yield x


@core("interpose")
def interpose(sep: Any, coll: Any = _NONE) -> Any:
    """Returns a lazy seq of the elements of coll separated by sep. Returns a stateful
    transducer when no collection is provided."""
    if coll is _NONE:

        def make(rf: Any) -> Any:
            started = False

            def step(result: Any, input: Any) -> Any:
                nonlocal started
                if started:
                    sepr = rf(result, sep)
                    if type(sepr) is Reduced:
                        return sepr
                    return rf(sepr, input)
                started = True
                return rf(result, input)

            return step

        return _transducer(make)
    return _lazy(_interpose, sep, coll)


def _interleave(colls: tuple) -> Any:
    for t in zip(*_map(to_iter, colls), strict=False):
        yield from t


@core("interleave")
def interleave(*colls: Any) -> Any:
    """Returns a lazy seq of the first item in each coll, then the second etc."""
    if not colls:
        return EMPTY_LIST
    if len(colls) == 1:
        c = colls[0]
        return LazySeq(lambda: _seq(c))
    return _lazy(_interleave, colls)


def _partition(n: int, step: int, pad: Any, coll: Any, all_: bool) -> Any:
    it = to_iter(coll)
    window: list[Any] = []
    while True:
        while len(window) < n:
            x = next(it, _END)
            if x is _END:
                break
            window.append(x)
        if len(window) < n:
            if window:
                if all_:
                    # partition-all: the tail windows, stepping as usual
                    while window:
                        yield list_from(window[:n])
                        window = window[step:]
                elif pad is not _NONE:
                    yield list_from(window + list(itertools.islice(to_iter(pad), n - len(window))))
            return
        yield list_from(window)
        if step >= n:
            window = []
            for _ in range(step - n):
                if next(it, _END) is _END:
                    return
        else:
            window = window[step:]


@core("partition")
def partition(n: Any, *args: Any) -> LazySeq:
    """Returns a lazy sequence of lists of n items each, at offsets step apart. If step is not
    supplied, defaults to n, i.e. the partitions do not overlap. If a pad collection is
    supplied, use its elements as necessary to complete last partition upto n items. In case
    there are not enough padding elements, return a partition with less than n items."""
    if len(args) == 1:
        step, pad, coll = n, _NONE, args[0]
    elif len(args) == 2:
        step, pad, coll = args[0], _NONE, args[1]
    elif len(args) == 3:
        step, pad, coll = args
    else:
        from ..exceptions import ArityException

        raise ArityException(1 + len(args), "clojure.core/partition")
    n = _count_arg(n)
    step = _count_arg(step)
    if n <= 0 or step <= 0:
        return _partition_degenerate(n, step, coll)
    return _lazy(_partition, n, step, pad, coll, False)


def _partition_degenerate(n: int, step: int, coll: Any) -> LazySeq:
    """Clojure repeats the same (possibly empty) partition forever for non-positive sizes."""

    def gen() -> Any:
        if _seq(coll) is None:
            return
        first = list_from(itertools.islice(to_iter(coll), max(n, 0)))
        if n <= 0 or step <= 0:
            yield from itertools.repeat(first)

    return _lazy(gen)


def _complete_partition(rf: Any, result: Any, buf: list) -> Any:
    """The completion step of the partitioning transducers: flush the last, partial
    partition (unless the reduction was stopped), then complete `rf`."""
    if buf:
        v = vec(buf[:])
        buf.clear()
        result = rf(result, v)
        if type(result) is Reduced:
            result = result.val
    return rf(result)


@core("partition-all")
def partition_all(n: Any, *args: Any) -> Any:
    """Returns a lazy sequence of lists like partition, but may include partitions with fewer
    than n items at the end. Returns a stateful transducer (of vectors) when no collection is
    provided."""
    n = _count_arg(n)
    if not args:

        def make(rf: Any) -> Any:
            buf: list[Any] = []

            def step(result: Any, input: Any) -> Any:
                buf.append(input)
                if len(buf) == n:
                    v = vec(buf[:])
                    buf.clear()
                    return rf(result, v)
                return result

            def complete(result: Any) -> Any:
                return _complete_partition(rf, result, buf)

            return step, complete

        return _transducer(make)
    if len(args) == 1:
        step, coll = n, args[0]
    elif len(args) == 2:
        step, coll = _count_arg(args[0]), args[1]
    else:
        from ..exceptions import ArityException

        raise ArityException(1 + len(args), "clojure.core/partition-all")
    if n <= 0 or step <= 0:
        return _partition_degenerate(n, step, coll)
    return _lazy(_partition, n, step, _NONE, coll, True)


def _partition_by(f: Any, coll: Any) -> Any:
    group: list[Any] = []
    key: Any = _NONE
    for x in to_iter(coll):
        k = f(x)
        if key is _NONE or equiv(k, key):
            group.append(x)
        else:
            yield list_from(group)
            group = [x]
        key = k
    if group:
        yield list_from(group)


@core("partition-by")
def partition_by(f: Any, coll: Any = _NONE) -> Any:
    """Applies f to each value in coll, splitting it each time f returns a new value. Returns
    a lazy seq of partitions. Returns a stateful transducer (of vectors) when no collection is
    provided."""
    if coll is _NONE:

        def make(rf: Any) -> Any:
            buf: list[Any] = []
            pv: Any = _NONE

            def step(result: Any, input: Any) -> Any:
                nonlocal pv
                val = f(input)
                prior = pv
                pv = val
                if prior is _NONE or equiv(val, prior):
                    buf.append(input)
                    return result
                v = vec(buf[:])
                buf.clear()
                ret = rf(result, v)
                if type(ret) is not Reduced:
                    buf.append(input)
                return ret

            def complete(result: Any) -> Any:
                return _complete_partition(rf, result, buf)

            return step, complete

        return _transducer(make)
    return _lazy(_partition_by, f, coll)


# ---------------------------------------------------------------------------------------
# distinct, dedupe, flatten, tree-seq


def _distinct(coll: Any) -> Any:
    seen: set[Any] = set()
    add = seen.add
    for x in to_iter(coll):
        k = box_key(x)
        if k not in seen:
            add(k)
            yield x


@core("distinct")
def distinct(coll: Any = _NONE) -> Any:
    """Returns a lazy sequence of the elements of coll with duplicates removed. Returns a
    stateful transducer when no collection is provided."""
    if coll is _NONE:

        def make(rf: Any) -> Any:
            seen: set[Any] = set()

            def step(result: Any, input: Any) -> Any:
                k = box_key(input)
                if k in seen:
                    return result
                seen.add(k)
                return rf(result, input)

            return step

        return _transducer(make)
    return _lazy(_distinct, coll)


def _dedupe(coll: Any) -> Any:
    prior: Any = _NONE
    for x in to_iter(coll):
        if prior is _NONE or not equiv(x, prior):
            yield x
        prior = x


@core("dedupe")
def dedupe(coll: Any = _NONE) -> Any:
    """Returns a lazy sequence removing consecutive duplicates in coll. Returns a transducer
    when no collection is provided."""
    if coll is _NONE:

        def make(rf: Any) -> Any:
            prior: Any = _NONE

            def step(result: Any, input: Any) -> Any:
                nonlocal prior
                p = prior
                prior = input
                if p is not _NONE and equiv(p, input):
                    return result
                return rf(result, input)

            return step

        return _transducer(make)
    return _lazy(_dedupe, coll)


@core("distinct?")
def is_distinct(x: Any, *more: Any) -> bool:
    """Returns true if no two of the arguments are ="""
    if not more:
        return True
    if len(more) == 1:
        return not equiv(x, more[0])
    seen = {box_key(x)}
    for y in more:
        k = box_key(y)
        if k in seen:
            return False
        seen.add(k)
    return True


def _flatten(x: Any) -> Any:
    if not isinstance(x, Sequential):
        return
    stack = [to_iter(x)]
    while stack:
        y = next(stack[-1], _END)
        if y is _END:
            stack.pop()
        elif isinstance(y, Sequential):
            stack.append(to_iter(y))
        else:
            yield y


@core("flatten")
def flatten(x: Any) -> LazySeq:
    """Takes any nested combination of sequential things (lists, vectors, etc.) and returns
    their contents as a single, flat lazy sequence. (flatten nil) returns an empty
    sequence."""
    return _lazy(_flatten, x)


def _tree_seq(branch: Any, children: Any, root: Any) -> Any:
    yield root
    r = branch(root)
    if r is None or r is False:
        return
    stack = [to_iter(children(root))]
    while stack:
        node = next(stack[-1], _END)
        if node is _END:
            stack.pop()
            continue
        yield node
        r = branch(node)
        if r is not None and r is not False:
            stack.append(to_iter(children(node)))


@core("tree-seq")
def tree_seq(branch: Any, children: Any, root: Any) -> LazySeq:
    """Returns a lazy sequence of the nodes in a tree, via a depth-first walk. branch? must be
    a fn of one arg that returns true if passed a node that can have children (but may not).
    children must be a fn of one arg that returns a sequence of the children."""
    return _lazy(_tree_seq, branch, children, root)


# ---------------------------------------------------------------------------------------
# eager seq functions


@core("reverse")
def reverse(coll: Any) -> Any:
    """Returns a seq of the items in coll in reverse order. Not lazy."""
    items = list(to_iter(coll))
    items.reverse()
    return list_from(items)


def _fn_comparator(comp: Any) -> Any:
    """Clojure's fn-as-Comparator: a boolean result means "less than" (asked both ways)."""

    def cmp(a: Any, b: Any) -> int:
        r = comp(a, b)
        if r is True or r is False or r is None:
            if r is True:
                return -1
            r2 = comp(b, a)
            return 1 if r2 is not None and r2 is not False else 0
        return r

    return cmp


_NATIVE_NUM = frozenset((int, float))
_NATIVE_ONE = frozenset((str, Keyword, Symbol, Char))


def _sorted(items: list, comp: Any, key: Any) -> list:
    if comp is None or comp is _compare or comp is _core_compare():
        keys = items if key is None else [key(x) for x in items]
        types = set(_map(type, keys))
        if types and (types <= _NATIVE_NUM or (len(types) == 1 and types <= _NATIVE_ONE)):
            if not (float in types and any(k != k for k in keys)):
                if key is None:
                    return sorted(items)
                order = sorted(range(len(items)), key=keys.__getitem__)
                return [items[i] for i in order]
        cmpkey = functools.cmp_to_key(_compare)
    else:
        cmpkey = functools.cmp_to_key(_fn_comparator(comp))
    if key is None:
        return sorted(items, key=cmpkey)
    return sorted(items, key=lambda x: cmpkey(key(x)))


def _core_compare() -> Any:
    from ..namespaces import CORE_NS

    v = CORE_NS.find_interned_var("compare")
    return None if v is None else v.root


@core("sort")
def sort(a: Any, b: Any = _NONE) -> Any:
    """Returns a sorted sequence of the items in coll. If no comparator is supplied, uses
    compare. comparator must implement java.util.Comparator (here: any fn of two args
    returning a number, or a boolean 'less than' fn). Guaranteed to be stable: equal elements
    will not be reordered."""
    comp, coll = (None, a) if b is _NONE else (a, b)
    items = list(to_iter(coll))
    if not items:
        return EMPTY_LIST
    return _seq(_sorted(items, comp, None))


@core("sort-by")
def sort_by(keyfn: Any, a: Any, b: Any = _NONE) -> Any:
    """Returns a sorted sequence of the items in coll, where the sort order is determined by
    comparing (keyfn item). If no comparator is supplied, uses compare. Guaranteed to be
    stable: equal elements will not be reordered."""
    comp, coll = (None, a) if b is _NONE else (a, b)
    items = list(to_iter(coll))
    if not items:
        return EMPTY_LIST
    return _seq(_sorted(items, comp, keyfn))


@core("group-by")
def group_by(f: Any, coll: Any) -> Any:
    """Returns a map of the elements of coll keyed by the result of f on each element. The
    value at each key will be a vector of the corresponding elements, in the order they
    appeared in coll."""
    groups: dict[Any, tuple[Any, list]] = {}
    for x in to_iter(coll):
        k = f(x)
        bk = box_key(k)
        g = groups.get(bk)
        if g is None:
            groups[bk] = (k, [x])
        else:
            g[1].append(x)
    if not groups:
        return EMPTY_MAP
    return map_from_pairs((k, vec(xs)) for k, xs in groups.values())


_FREQ_CHUNK = 4096


@core("frequencies")
def frequencies(coll: Any) -> Any:
    """Returns a map from distinct items in coll to the number of times they appear."""
    # Counted a chunk at a time: a chunk whose items all have key types Python already
    # compares as Clojure does (ints, strings, keywords, ...) is counted by Counter's C loop;
    # any other chunk boxes each item, so 1, 1.0 and true stay three keys.
    counts: collections.Counter = collections.Counter()
    it = to_iter(coll)
    while chunk := list(itertools.islice(it, _FREQ_CHUNK)):
        if RAW_KEY_TYPES.issuperset(_map(type, chunk)):
            counts.update(chunk)
        else:
            for x in chunk:
                counts[box_key(x)] += 1
    if not counts:
        return EMPTY_MAP
    return map_from_pairs((unbox_key(k), n) for k, n in counts.items())


@core("some")
def some(pred: Any, coll: Any) -> Any:
    """Returns the first logical true value of (pred x) for any x in coll, else nil."""
    for x in to_iter(coll):
        r = pred(x)
        if r is not None and r is not False:
            return r
    return None


@core("every?")
def is_every(pred: Any, coll: Any) -> bool:
    """Returns true if (pred x) is logical true for every x in coll, else false."""
    for x in to_iter(coll):
        r = pred(x)
        if r is None or r is False:
            return False
    return True


@core("not-every?")
def is_not_every(pred: Any, coll: Any) -> bool:
    """Returns false if (pred x) is logical true for every x in coll, else true."""
    return not is_every(pred, coll)


@core("not-any?")
def is_not_any(pred: Any, coll: Any) -> bool:
    """Returns false if (pred x) is logical true for any x in coll, else true."""
    r = some(pred, coll)
    return r is None or r is False


@core("doall")
def doall(a: Any, b: Any = _NONE) -> Any:
    """When lazy sequences are produced via functions that have side effects, any effects
    other than those needed to produce the first element in the seq do not occur until the
    seq is consumed. doall can be used to force any effects. Walks through the successive
    nexts of the seq, retains the head and returns it, thus causing the entire seq to reside
    in memory at one time."""
    if b is _NONE:
        dorun(a)
        return a
    dorun(a, b)
    return b


@core("dorun")
def dorun(a: Any, b: Any = _NONE) -> None:
    """When lazy sequences are produced via functions that have side effects, any effects
    other than those needed to produce the first element in the seq do not occur until the
    seq is consumed. dorun can be used to force any effects. Walks through the successive
    nexts of the seq, does not retain the head and returns nil."""
    if b is _NONE:
        coll, n = a, None
    else:
        n, coll = _count_arg(a), b
    if coll is None:
        return None
    if not isinstance(coll, ISeq) and isinstance(coll, Counted):
        return None
    if n is None:
        collections.deque(to_iter(coll), maxlen=0)
        return None
    s = _seq(coll)
    while s is not None and n > 0:
        n -= 1
        s = s.next()
    return None


# ---------------------------------------------------------------------------------------
# into, max-key, shuffle, rand-nth


def _into_vector(to: Any, xform: Any, coll: Any) -> Any:
    """`(into [..] xform coll)`: collect into a Python list, then append in bulk (the role
    transients play in Clojure)."""
    buf: list[Any] = []
    append = buf.append

    def rf(result: Any = _NONE, input: Any = _NONE) -> Any:
        if input is not _NONE:
            append(input)
        return result

    xf = xform(rf)
    ret = xf(reduce(xf, buf, coll))
    if ret is not buf:  # the transducer's completion replaced the result (halt-when)
        return ret
    if not buf:
        return to
    if not to.count():
        out = vec(buf)
        meta = to.meta()
        return out if meta is None else out.with_meta(meta)
    for x in buf:
        to = to.conj(x)
    return to


def _conj_rf(coll: Any = _NONE, x: Any = _NONE) -> Any:
    if x is _NONE:
        return EMPTY_VECTOR if coll is _NONE else coll
    return _conj(coll, x)


@core("into")
def into(to: Any = _NONE, a: Any = _NONE, b: Any = _NONE) -> Any:
    """Returns a new coll consisting of to-coll with all of the items of from-coll conjoined.
    A transducer may be supplied. (into x) returns x. (into) returns []."""
    if to is _NONE:
        return EMPTY_VECTOR
    if a is _NONE:
        return to
    if b is not _NONE:
        if type(to) is PersistentVector:
            return _into_vector(to, a, b)
        return transduce(a, _conj_rf, to, b)
    frm = a
    if frm is None:
        return to
    if to is None:
        acc: Any = EMPTY_LIST
        for x in to_iter(frm):
            acc = acc.conj(x)
        return acc
    if type(to) is type(EMPTY_VECTOR) and not to.count() and to.meta() is None:
        return vec(frm)
    acc = to
    for x in to_iter(frm):
        acc = acc.conj(x)
    return acc


def _key_fn_pick(k: Any, x: Any, more: tuple, better: Any, better_eq: Any) -> Any:
    if not more:
        return x
    y = more[0]
    kx, ky = k(x), k(y)
    v, kv = (x, kx) if better(kx, ky) else (y, ky)
    for w in more[1:]:
        kw = k(w)
        if better_eq(kw, kv):
            v, kv = w, kw
    return v


@core("max-key")
def max_key(k: Any, x: Any, *more: Any) -> Any:
    """Returns the x for which (k x), a number, is greatest. If there are multiple such xs,
    the last one is returned."""
    return _key_fn_pick(k, x, more, _num_gt, _num_gte)


@core("min-key")
def min_key(k: Any, x: Any, *more: Any) -> Any:
    """Returns the x for which (k x), a number, is least. If there are multiple such xs, the
    last one is returned."""
    return _key_fn_pick(k, x, more, _num_lt, _num_lte)


@core("shuffle")
def shuffle(coll: Any) -> Any:
    """Return a random permutation of coll"""
    items = list(to_iter(coll))
    _random.shuffle(items)
    return vec(items)


@core("rand-nth")
def rand_nth(coll: Any) -> Any:
    """Return a random element of the (sequential) collection. Will have the same performance
    characteristics as nth for the given collection."""
    n = _count(coll)
    if n == 0:
        raise IndexOutOfBoundsException("rand-nth of an empty collection")
    return _nth(coll, int(_random.random() * n))
