"""Java arrays on Python: primitive arrays are `array.array`s (typed, mutable, fixed size,
bytes-like: `byte-array` is signed bytes, usable wherever Python takes a buffer), object,
boolean and char arrays are lists. `aget`/`aset` check bounds as Java does (Python would
read a negative index from the end). Float arrays hold doubles, as pyjank's `float` does.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Any

from .. import numbers
from ..characters import Char
from ..exceptions import IllegalArgumentException, IndexOutOfBoundsException
from ..seqs import to_iter
from ..vectors import vec
from .registry import core
from .strings import char

_NONE: Any = object()


def _boolean(x: Any) -> bool:
    return x is not None and x is not False


# element type: (array typecode, or None for a list; the zero value; the coercion of aset-*)
_KINDS: dict[str, tuple[str | None, Any, Callable[[Any], Any]]] = {
    "boolean": (None, False, _boolean),
    "byte": ("b", 0, numbers.byte_),
    "short": ("h", 0, numbers.short_),
    "char": (None, Char("\0"), char),
    "int": ("i", 0, numbers.int_),
    "long": ("q", 0, numbers.long_),
    "float": ("d", 0.0, numbers.float_),
    "double": ("d", 0.0, numbers.double_),
    "object": (None, None, lambda x: x),
}


def _new(kind: str, items: list[Any]) -> Any:
    typecode = _KINDS[kind][0]
    if typecode is None:
        return items
    try:
        return array(typecode, items)
    except (OverflowError, TypeError) as e:
        raise IllegalArgumentException(f"Value out of range for {kind}: {e}") from None


def _make(kind: str, size_or_seq: Any, init: Any = _NONE) -> Any:
    """`(int-array size-or-seq)` / `(int-array size init-val-or-seq)`."""
    _, zero, coerce = _KINDS[kind]
    if init is _NONE:
        if isinstance(size_or_seq, int) and not isinstance(size_or_seq, bool):
            return _new(kind, [zero] * size_or_seq)
        return _new(kind, [coerce(x) for x in to_iter(size_or_seq)])
    items = [zero] * size_or_seq
    if isinstance(init, (int, float, Char, bool)) or init is None:
        items = [coerce(init)] * size_or_seq
    else:
        for i, x in zip(range(size_or_seq), to_iter(init), strict=False):
            items[i] = coerce(x)
    return _new(kind, items)


def _array_fn(kind: str) -> Callable[..., Any]:
    def make(size_or_seq: Any, init_val_or_seq: Any = _NONE) -> Any:
        return _make(kind, size_or_seq, init_val_or_seq)

    make.__doc__ = (
        f"Creates an array of {kind}s: of the given size (elements {_KINDS[kind][1]!r}, or "
        f"init-val), or of the items of a seq (filling the given size, the rest "
        f"{_KINDS[kind][1]!r})."
    )
    return make


for _kind in ("boolean", "byte", "short", "char", "int", "long", "float", "double", "object"):
    core(f"{_kind}-array")(_array_fn(_kind))


def _cast_fn(kind: str) -> Callable[[Any], Any]:
    def cast(xs: Any) -> Any:
        return xs

    cast.__doc__ = f"Casts to {kind}[] (the array itself: Python needs no cast)."
    return cast


for _kind in ("boolean", "byte", "short", "char", "int", "long", "float", "double"):
    core(f"{_kind}s")(_cast_fn(_kind))


def _check(arr: Any, i: Any) -> int:
    if type(i) is not int:
        i = numbers.int_(i)
    if not 0 <= i < len(arr):
        raise IndexOutOfBoundsException(f"Index {i} out of bounds for length {len(arr)}")
    return i


@core("aget", arglists=(("array", "idx"), ("array", "idx", "&", "idxs")))
def aget(arr: Any, *idxs: Any) -> Any:
    """Returns the value at the index/indices. Works on Python lists, arrays and other
    indexed sequences."""
    for i in idxs:
        arr = arr[_check(arr, i)]
    return arr


@core("aset", arglists=(("array", "idx", "val"), ("array", "idx", "idx2", "&", "idxv")))
def aset(arr: Any, *idxs_val: Any) -> Any:
    """Sets the value at the index/indices. Works on Python lists and arrays. Returns val."""
    *idxs, val = idxs_val
    for i in idxs[:-1]:
        arr = arr[_check(arr, i)]
    try:
        arr[_check(arr, idxs[-1])] = val
    except (OverflowError, TypeError) as e:
        raise IllegalArgumentException(f"Argument type mismatch: {e}") from None
    return val


def _aset_fn(kind: str) -> Callable[..., Any]:
    coerce = _KINDS[kind][2]

    def aset_kind(arr: Any, *idxs_val: Any) -> Any:
        return aset(arr, *idxs_val[:-1], coerce(idxs_val[-1]))

    aset_kind.__doc__ = f"Sets the value at the index/indices of an array of {kind}s. Returns val."
    return aset_kind


for _kind in ("boolean", "byte", "short", "char", "int", "long", "float", "double"):
    core(
        f"aset-{_kind}", arglists=(("array", "idx", "val"), ("array", "idx", "idx2", "&", "idxv"))
    )(_aset_fn(_kind))


@core("alength")
def alength(arr: Any) -> int:
    """Returns the length of the array."""
    return len(arr)


@core("aclone")
def aclone(arr: Any) -> Any:
    """Returns a clone of the array."""
    return arr[:]


@core("bytes?")
def is_bytes(x: Any) -> bool:
    """Return true if x is a byte array (signed bytes, or Python's bytes/bytearray)."""
    return isinstance(x, (bytes, bytearray)) or (isinstance(x, array) and x.typecode == "b")


_HOST_KINDS = {int: "long", float: "double", bool: "boolean"}


@core("make-array", arglists=(("type", "len"), ("type", "dim", "&", "more-dims")))
def make_array(cls: Any, *dims: Any) -> Any:
    """Creates and returns an array of instances of the specified class of the specified
    dimension(s). Numeric classes give zero-filled typed arrays, others nil-filled lists."""
    kind = _HOST_KINDS.get(cls, "object")  # Long, Double, Boolean equal their host types

    def build(level: int) -> Any:
        if level == len(dims) - 1:
            return _make(kind, dims[level])
        return [build(level + 1) for _ in range(dims[level])]

    return build(0)


@core("into-array", arglists=(("aseq",), ("type", "aseq")))
def into_array(type_or_seq: Any, aseq: Any = _NONE) -> list:
    """Returns an array (a Python list) with components set to the values in aseq."""
    return list(to_iter(type_or_seq if aseq is _NONE else aseq))


@core("to-array")
def to_array(coll: Any) -> list:
    """Returns an array of Objects (a Python list) containing the contents of coll."""
    return list(to_iter(coll))


@core("to-array-2d")
def to_array_2d(coll: Any) -> list:
    """Returns a (potentially-ragged) 2-dimensional array of Objects containing the contents
    of coll, which can be any Collection of any Collection."""
    return [list(to_iter(row)) for row in to_iter(coll)]


@core("vector-of", arglists=(("t",), ("t", "&", "elements")))
def vector_of(t: Any, *elements: Any) -> Any:
    """Creates a new vector of a single primitive type t, where t is one of :int :long
    :float :double :byte :short :char or :boolean, with the elements coerced to it. (A
    plain persistent vector: later conj'ed values are not coerced.)"""
    kind = getattr(t, "name", None)
    if kind not in _KINDS or kind == "object":
        raise IllegalArgumentException(f"Unrecognized type {t}")
    coerce = _KINDS[kind][2]
    return vec([coerce(x) for x in elements])
