"""The rest of clojure.core 1.11 that fits no other module: version info, compiler vars,
`print-simple`, `comparator`, a few seq and transducer fns (`replace`, `random-sample`,
`bounded-count`, `halt-when`, `iteration`, `xml-seq`), struct maps, `test`."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from .. import core_vars as cv
from ..exceptions import IllegalArgumentException
from ..interfaces import Counted, IPersistentMap, IPersistentVector, Seqable
from ..maps import array_map, hash_map
from ..namespaces import CORE_NS
from ..printer import pr_on, str_
from ..refs import Reduced
from ..seqs import LazySeq, to_iter
from ..symbols import keyword
from ._chunked import chunked_from_iter
from .registry import core, intern_fn
from .seqfns import eduction, filter_, map_, tree_seq

_NONE: Any = object()
_HALT = keyword("clojure.core", "halt")


def _truthy(x: Any) -> bool:
    return x is not None and x is not False


# -- version and compiler vars -----------------------------------------------------------

CLOJURE_VERSION = array_map(
    keyword(None, "major"),
    1,
    keyword(None, "minor"),
    11,
    keyword(None, "incremental"),
    1,
    keyword(None, "qualifier"),
    None,
)

for _name, _value, _doc in (
    ("*clojure-version*", CLOJURE_VERSION, "The version of Clojure whose semantics pyjank has."),
    ("*compile-files*", False, "Set to true when compiling files, false otherwise."),
    ("*compile-path*", "classes", "Where AOT compilation would write (pyjank has none)."),
    ("*compiler-options*", None, "A map of keys to options (none apply to pyjank)."),
    ("*allow-unresolved-vars*", False, "Unused; kept for code that binds it."),
    ("*source-path*", "NO_SOURCE_FILE", "The name of the source file being compiled."),
    ("*verbose-defrecords*", False, "Unused; kept for code that binds it."),
):
    intern_fn(_name, _value, doc=_doc).set_dynamic()

# unquote and unquote-splicing exist, unbound, as in Clojure: a ~ outside syntax-quote reads
# as (clojure.core/unquote x), and calling it throws "Attempting to call unbound fn".
CORE_NS.intern("unquote")
CORE_NS.intern("unquote-splicing")


@core("clojure-version")
def clojure_version() -> str:
    """Returns clojure version as a printable string."""
    return "1.11.1"


# -- functions ---------------------------------------------------------------------------


@core("print-simple")
def print_simple(o: Any, w: Any) -> None:
    """Prints o to the writer w as str does, after its metadata when *print-meta* is on."""
    meta = getattr(o, "meta", None)
    meta = meta() if callable(meta) else None
    if meta is not None and _truthy(cv.PRINT_META.deref()):
        w.write("^")
        pr_on(meta, w)
        w.write(" ")
    w.write(str_(o))


@core("comparator")
def comparator(pred: Any) -> Any:
    """Returns an implementation of java.util.Comparator based upon pred."""

    def compare(x: Any, y: Any) -> int:
        if _truthy(pred(x, y)):
            return -1
        if _truthy(pred(y, x)):
            return 1
        return 0

    return compare


@core("test")
def test(v: Any) -> Any:
    """test [v] finds fn at key :test in var metadata and calls it, presuming failure will
    throw exception"""
    meta = v.meta()
    f = meta.val_at(keyword(None, "test")) if meta is not None else None
    if f is None:
        return keyword(None, "no-test")
    f()
    return keyword(None, "ok")


# -- seqs and transducers ----------------------------------------------------------------


@core("bounded-count")
def bounded_count(n: Any, coll: Any) -> int:
    """If coll is counted? returns its count, else will count at most the first n elements
    of coll using its seq"""
    if isinstance(coll, Counted):
        return coll.count()
    i = 0
    for _ in to_iter(coll):
        if i >= n:
            break
        i += 1
    return i


@core("replace")
def replace(smap: Any, coll: Any = _NONE) -> Any:
    """Given a map of replacement pairs and a vector/collection, returns a
    vector/seq with any elements = a key in smap replaced with the corresponding val in
    smap. Returns a transducer when no collection is provided."""

    def swap(x: Any) -> Any:
        return smap.val_at(x) if smap.contains_key(x) else x

    if coll is _NONE:
        return map_(swap)
    if isinstance(coll, IPersistentVector):
        v = coll
        for i, x in enumerate(coll):
            if smap.contains_key(x):
                v = v.assoc(i, smap.val_at(x))
        return v
    return map_(swap, coll)


@core("random-sample")
def random_sample(prob: Any, coll: Any = _NONE) -> Any:
    """Returns items from coll with random probability of prob (0.0 - 1.0). Returns a
    transducer when no collection is provided."""

    def keep(_: Any) -> bool:
        return random.random() < prob

    return filter_(keep) if coll is _NONE else filter_(keep, coll)


@core("replicate")
def replicate(n: Any, x: Any) -> Any:
    """DEPRECATED: Use 'repeat' instead. Returns a lazy seq of n xs."""
    return LazySeq(lambda: chunked_from_iter(iter([x] * n)))


@core("xml-seq")
def xml_seq(root: Any) -> Any:
    """A tree seq on the xml elements as per xml/parse"""
    content = keyword(None, "content")
    return tree_seq(
        lambda node: not isinstance(node, str),
        lambda node: node.val_at(content) if isinstance(node, IPersistentMap) else None,
        root,
    )


@core("halt-when")
def halt_when(pred: Any, retf: Any = None) -> Any:
    """Returns a transducer that ends transduction when pred returns true for an input.
    When retf is supplied it must be a fn of 2 arguments - it will be passed the
    (completed) result so far and the input that triggered the predicate, and its return
    value (if it does not throw an exception) will be the return value of the transducer.
    If retf is not supplied, the input that triggered the predicate will be returned. If the
    predicate never returns true the transduction is unaffected."""

    def xform(rf: Any) -> Any:
        def step(result: Any = _NONE, input: Any = _NONE) -> Any:
            if result is _NONE:
                return rf()
            if input is _NONE:
                if isinstance(result, IPersistentMap) and result.contains_key(_HALT):
                    return result.val_at(_HALT)
                return rf(result)
            if _truthy(pred(input)):
                return Reduced(hash_map(_HALT, retf(rf(result), input) if retf else input))
            return rf(result, input)

        return step

    return xform


class Iteration(Seqable):
    """What `iteration` returns: seqable and reducible, running the steps afresh each time."""

    __slots__ = ("_step", "_somef", "_vf", "_kf", "_initk")

    def __init__(self, step: Any, somef: Any, vf: Any, kf: Any, initk: Any) -> None:
        self._step, self._somef, self._vf, self._kf, self._initk = step, somef, vf, kf, initk

    def __iter__(self) -> Iterator[Any]:
        ret = self._step(self._initk)
        while _truthy(self._somef(ret)):
            yield self._vf(ret)
            k = self._kf(ret)
            if k is None:
                return
            ret = self._step(k)

    def seq(self) -> Any:
        return LazySeq(lambda: chunked_from_iter(iter(self))).seq()


@core("iteration", arglists=(("step", "&", "{:keys [somef vf kf initk]}"),))
def iteration(step: Any, *opts: Any) -> Iteration:
    """Creates a seqable/reducible via repeated calls to step, a function of some
    (continuation token) 'k'. The first call to step will be passed initk, returning 'ret'.
    Iff (somef ret) is true, (vf ret) will be included in the iteration, else iteration will
    terminate and vf/kf will not be called. If (kf ret) is non-nil it will be passed to the
    next step call, else iteration will terminate. This can be used e.g. to consume APIs
    that return paginated or batched data.
    step - (possibly impure) fn of 'k' -> 'ret'
    :somef - fn of 'ret' -> logical true/false, default 'some?'
    :vf - fn of 'ret' -> 'v', a value produced by the iteration, default 'identity'
    :kf - fn of 'ret' -> 'next-k' or nil (signaling 'do not continue'), default 'identity'
    :initk - the first value passed to step, default 'nil'
    It is presumed that step with non-initk is unreproducible/non-idempotent. If step with
    initk is unreproducible it is on the consumer to not consume twice."""
    options = dict(zip(opts[::2], opts[1::2], strict=False))

    def identity(x: Any) -> Any:
        return x

    return Iteration(
        step,
        options.get(keyword(None, "somef"), lambda x: x is not None),
        options.get(keyword(None, "vf"), identity),
        options.get(keyword(None, "kf"), identity),
        options.get(keyword(None, "initk")),
    )


@core("->Eduction")
def to_eduction(xform: Any, coll: Any) -> Any:
    """Positional factory function for class clojure.core.Eduction."""
    return eduction(xform, coll)


# -- struct maps (deprecated in Clojure; records replaced them) -------------------------


class StructBasis(tuple):
    """What `create-struct` returns: the keys every struct map of it starts with."""

    __slots__ = ()


@core("create-struct")
def create_struct(*keys: Any) -> StructBasis:
    """Returns a structure basis object."""
    return StructBasis(keys)


@core("struct-map")
def struct_map(s: Any, *inits: Any) -> Any:
    """Returns a new structmap instance with the keys of the structure-basis. keyvals may
    contain all, some or none of the basis keys - where values are not supplied they will
    default to nil. keyvals can also contain keys not in the basis."""
    return array_map(*(x for k in s for x in (k, None)), *inits)


@core("struct")
def struct(s: Any, *vals: Any) -> Any:
    """Returns a new structmap instance with the keys of the structure-basis. vals must be
    supplied for basis keys in order - where values are not supplied they will default to
    nil."""
    if len(vals) > len(s):
        raise IllegalArgumentException("Too many arguments to struct constructor")
    padded = list(vals) + [None] * (len(s) - len(vals))
    return array_map(*(x for kv in zip(s, padded, strict=False) for x in kv))


@core("accessor")
def accessor(s: Any, key: Any) -> Any:
    """Returns a fn that, given an instance of a structmap with the basis, returns the value
    at the key. The key must be in the basis. The returned function should be (slightly)
    more efficient than using get, but such use of accessors should be limited to known
    performance-critical areas."""
    if key not in s:
        raise IllegalArgumentException("Not a key of struct")
    return lambda m: m.val_at(key)
