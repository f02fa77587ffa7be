"""Marker base classes naming Clojure's abstractions.

Every runtime type inherits the markers it implements, so dispatch (printer, equality,
`instance?`, `extend-type`) is one isinstance check, and the JVM names portable code uses
(`clojure.lang.IPersistentMap`, ...) can resolve to these classes.
"""

from __future__ import annotations


class IMeta:
    """Has metadata: `meta()` returns a map or None."""

    __slots__ = ()


class IObj(IMeta):
    """Can return a copy of itself with other metadata: `with_meta(m)`."""

    __slots__ = ()


class IFn:
    """Invokable as a function (Python `__call__`)."""

    __slots__ = ()


class IDeref:
    """`@x` / `(deref x)`: `deref()`."""

    __slots__ = ()


class IBlockingDeref(IDeref):
    __slots__ = ()


class IPending:
    """`realized?`: `is_realized()`."""

    __slots__ = ()


class IReference(IMeta):
    """Mutable reference with mutable metadata (atoms, vars, namespaces)."""

    __slots__ = ()


class Seqable:
    """`seq()` returns an ISeq or None."""

    __slots__ = ()


class Counted:
    """`count()` in constant time."""

    __slots__ = ()


class Sequential:
    """Ordered collections that compare equal to each other element by element."""

    __slots__ = ()


class Reversible:
    __slots__ = ()


class Indexed(Counted):
    """`nth(i[, not_found])`."""

    __slots__ = ()


class ILookup:
    """`val_at(key[, not_found])`."""

    __slots__ = ()


class IPersistentCollection(Seqable):
    """`count()`, `conj(x)`, `empty()`, `equiv(o)`."""

    __slots__ = ()


class ISeq(IPersistentCollection):
    """`first()`, `rest()` (never None), `next()` (None when exhausted)."""

    __slots__ = ()


class IChunkedSeq(ISeq):
    __slots__ = ()


class IPersistentStack(IPersistentCollection):
    """`peek()`, `pop()`."""

    __slots__ = ()


class IPersistentList(Sequential, IPersistentStack):
    __slots__ = ()


class Associative(IPersistentCollection, ILookup):
    """`assoc(k, v)`, `contains_key(k)`, `entry_at(k)`."""

    __slots__ = ()


class IPersistentVector(Associative, Sequential, IPersistentStack, Reversible, Indexed):
    __slots__ = ()


class IMapEntry:
    """`key()`, `val()`."""

    __slots__ = ()


class IPersistentMap(Associative, Counted):
    """`dissoc(k)` besides Associative."""

    __slots__ = ()


class IPersistentSet(IPersistentCollection, Counted):
    """`disj(x)`, `contains(x)`, `get(x)`."""

    __slots__ = ()


class Sorted:
    """Sorted collections: `comparator()`."""

    __slots__ = ()


class IEditableCollection:
    """`as_transient()`."""

    __slots__ = ()


class ITransientCollection:
    __slots__ = ()


class IRecord:
    __slots__ = ()


class IType:
    __slots__ = ()


class Named:
    """Symbols and keywords: `.ns` and `.name`."""

    __slots__ = ()


class IHashEq:
    """Implements Clojure hashing through `__hash__` consistent with `equiv`."""

    __slots__ = ()
