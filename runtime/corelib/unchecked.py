"""The JVM's wrapping int arithmetic and narrowing casts (`unchecked-add-int`,
`unchecked-byte`, ...), and Clojure's hash-mixing functions over pyjank's hashes."""

from __future__ import annotations

import math
from typing import Any

from .. import numbers
from ..characters import Char
from ..equality import hash_ordered, hash_unordered, hasheq
from ..exceptions import ArithmeticException
from .registry import core
from .strings import char


def _wrap(n: int, bits: int) -> int:
    """The two's complement `bits`-bit integer that `n` wraps to."""
    n &= (1 << bits) - 1
    return n - (1 << bits) if n >> (bits - 1) else n


def _narrow(x: Any, bits: int) -> int:
    """Java's narrowing of any number to a `bits`-bit integer: a double saturates to int
    (or long, for 64 bits) first, NaN is 0; anything else truncates, then wraps."""
    if type(x) is Char:
        return _wrap(ord(x.c), bits)
    if isinstance(x, float):
        if math.isnan(x):
            return 0
        top = 63 if bits == 64 else 31
        lo, hi = -(1 << top), (1 << top) - 1
        return _wrap(hi if x >= hi else lo if x <= lo else math.trunc(x), bits)
    numbers.num(x)  # ClassCastException for what is not a number
    return _wrap(math.trunc(x), bits)


def _int(x: Any) -> int:
    return _narrow(x, 32)


@core("unchecked-add-int")
def unchecked_add_int(x: Any, y: Any) -> int:
    """Returns the sum of x and y, both int. Note - uses a primitive operator subject to
    overflow."""
    return _wrap(_int(x) + _int(y), 32)


@core("unchecked-subtract-int")
def unchecked_subtract_int(x: Any, y: Any) -> int:
    """Returns the difference of x and y, both int. Note - uses a primitive operator subject
    to overflow."""
    return _wrap(_int(x) - _int(y), 32)


@core("unchecked-multiply-int")
def unchecked_multiply_int(x: Any, y: Any) -> int:
    """Returns the product of x and y, both int. Note - uses a primitive operator subject to
    overflow."""
    return _wrap(_int(x) * _int(y), 32)


def _divisor(y: Any) -> int:
    d = _int(y)
    if d == 0:
        raise ArithmeticException("Divide by zero")
    return d


@core("unchecked-divide-int")
def unchecked_divide_int(x: Any, y: Any) -> int:
    """Returns the division of x by y, both int. Note - uses a primitive operator subject to
    truncation."""
    d = _divisor(y)
    n = _int(x)
    q = abs(n) // abs(d)
    return _wrap(q if (n < 0) == (d < 0) else -q, 32)


@core("unchecked-remainder-int")
def unchecked_remainder_int(x: Any, y: Any) -> int:
    """Returns the remainder of division of x by y, both int. Note - uses a primitive
    operator subject to truncation."""
    d = _divisor(y)
    n = _int(x)
    r = abs(n) % abs(d)
    return r if n >= 0 else -r


@core("unchecked-inc-int")
def unchecked_inc_int(x: Any) -> int:
    """Returns a number one greater than x, an int. Note - uses a primitive operator subject
    to overflow."""
    return _wrap(_int(x) + 1, 32)


@core("unchecked-dec-int")
def unchecked_dec_int(x: Any) -> int:
    """Returns a number one less than x, an int. Note - uses a primitive operator subject to
    overflow."""
    return _wrap(_int(x) - 1, 32)


@core("unchecked-negate-int")
def unchecked_negate_int(x: Any) -> int:
    """Returns the negation of x, an int. Note - uses a primitive operator subject to
    overflow."""
    return _wrap(-_int(x), 32)


@core("unchecked-byte")
def unchecked_byte(x: Any) -> int:
    """Coerce to byte. Subject to rounding or truncation."""
    return _narrow(x, 8)


@core("unchecked-short")
def unchecked_short(x: Any) -> int:
    """Coerce to short. Subject to rounding or truncation."""
    return _narrow(x, 16)


@core("unchecked-int")
def unchecked_int(x: Any) -> int:
    """Coerce to int. Subject to rounding or truncation."""
    return _narrow(x, 32)


@core("unchecked-long")
def unchecked_long(x: Any) -> int:
    """Coerce to long. Subject to rounding or truncation."""
    return _narrow(x, 64)


@core("unchecked-char")
def unchecked_char(x: Any) -> Char:
    """Coerce to char. Subject to rounding or truncation."""
    return x if type(x) is Char else char(_narrow(x, 32) & 0xFFFF)


@core("unchecked-double")
def unchecked_double(x: Any) -> float:
    """Coerce to double. Subject to rounding."""
    return numbers.double_(x)


@core("unchecked-float")
def unchecked_float(x: Any) -> float:
    """Coerce to float. Subject to rounding (out of float range gives ±Infinity; pyjank keeps
    floats as doubles)."""
    d = numbers.double_(x)
    return math.copysign(math.inf, d) if abs(d) > 3.4028234663852886e38 else d


# -- hashing -----------------------------------------------------------------------------


@core("hash-combine")
def hash_combine(x: Any, y: Any) -> int:
    """Combines the hash x with the hash of y, as Java's Util.hashCombine (boost's)."""
    seed = _wrap(x, 32)
    return _wrap(seed ^ (hasheq(y) + 0x9E3779B9 + (seed << 6) + (seed >> 2)), 32)


@core("hash-ordered-coll")
def hash_ordered_coll(coll: Any) -> int:
    """Returns the hash code, consistent with =, for an external ordered collection
    implementing Iterable."""
    return hash_ordered(coll)


@core("hash-unordered-coll")
def hash_unordered_coll(coll: Any) -> int:
    """Returns the hash code, consistent with =, for an external unordered collection
    implementing Iterable. For maps, the iterator should return map entries whose hash is
    computed as (hash-ordered-coll [k v])."""
    return hash_unordered(coll)


@core("mix-collection-hash")
def mix_collection_hash(hash_basis: Any, count: Any) -> int:
    """Mix final collection hash for ordered or unordered collections. hash-basis is the
    combined collection hash, count is the number of elements included in the basis. (On
    pyjank this finishes an ordered basis, 31 * h + (hash x) from h = 1, as
    hash-ordered-coll does.)"""
    return hash((hash_basis & 0xFFFFFFFFFFFFFFFF, count))
