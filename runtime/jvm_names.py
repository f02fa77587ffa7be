"""The JVM class names portable Clojure code uses, and what they name in pyjank.

Clojure auto-imports java.lang into every namespace; pyjank resolves those names (bare and
`java.lang.`-qualified), the commonly named `clojure.lang` interfaces and classes, and a few
java.util/java.io ones, in every namespace. Each names a Python class usable in `catch`,
`instance?`, `extend-type` and `defmethod`: a runtime interface or type, a Python exception
class, or a `jvm_classes.JvmClass` standing for a Python type. `deftype` and `defrecord`
classes register here under their JVM name (`my_ns.Point`), so `(import '[my.ns Point])`
and fully qualified references find them.
"""

from __future__ import annotations

import collections.abc
import datetime
import decimal
import fractions
import re
from typing import Any

from . import exceptions as rx
from . import interfaces, jvm_classes, lists, maps, refs, seqs, sets, sorted, vectors
from .corelib import _chunked
from .exceptions import class_name, register_class_name
from .multimethods import MultiFn
from .namespaces import Namespace
from .symbols import Keyword, Symbol
from .vars import IllegalStateException, Var


def _jvm(name: str, hosts: tuple[type, ...], base: type | None = None) -> type:
    return jvm_classes.JvmClass(name.rpartition(".")[2], (), {}, jvm=name, hosts=hosts, base=base)


_JAVA_LANG: dict[str, Any] = {
    "Object": object,
    "Class": type,
    "String": jvm_classes.String,
    "CharSequence": jvm_classes.CharSequence,
    "Long": jvm_classes.Long,
    "Integer": jvm_classes.Integer,
    "Short": jvm_classes.Short,
    "Byte": jvm_classes.Byte,
    "Double": jvm_classes.Double,
    "Float": jvm_classes.Float,
    "Number": jvm_classes.Number,
    "Boolean": bool,
    "Character": jvm_classes.Character,
    "Math": jvm_classes.Math,
    "StrictMath": jvm_classes.Math,
    "System": jvm_classes.System,
    "Thread": jvm_classes.Thread,
    "StringBuilder": jvm_classes.StringBuilder,
    "Comparable": _jvm("java.lang.Comparable", ()),
    "Iterable": _jvm("java.lang.Iterable", (collections.abc.Iterable,)),
    "Runnable": jvm_classes.Fn,
    "Throwable": BaseException,
    "Exception": Exception,
    "Error": Exception,
    "RuntimeException": Exception,
    "AssertionError": AssertionError,
    "StackOverflowError": RecursionError,
    "OutOfMemoryError": MemoryError,
    "IllegalArgumentException": rx.IllegalArgumentException,
    "IllegalStateException": IllegalStateException,
    "ArithmeticException": rx.ArithmeticException,
    "ClassCastException": rx.ClassCastException,
    "NullPointerException": rx.NullPointerException,
    "IndexOutOfBoundsException": rx.IndexOutOfBoundsException,
    "ArrayIndexOutOfBoundsException": rx.IndexOutOfBoundsException,
    "StringIndexOutOfBoundsException": rx.IndexOutOfBoundsException,
    "NumberFormatException": jvm_classes.NumberFormatException,
    "UnsupportedOperationException": TypeError,
    "InterruptedException": jvm_classes.InterruptedException,
}

_CLOJURE_LANG: dict[str, Any] = {
    **{
        name: cls
        for name, cls in vars(interfaces).items()
        if isinstance(cls, type) and cls.__module__ == interfaces.__name__
    },
    "IFn": jvm_classes.JvmIFn,
    "Fn": jvm_classes.Fn,
    "AFn": jvm_classes.Fn,
    "AFunction": jvm_classes.Fn,
    "RestFn": jvm_classes.Fn,
    "Keyword": Keyword,
    "Symbol": Symbol,
    "Var": Var,
    "Namespace": Namespace,
    "MultiFn": MultiFn,
    "ExceptionInfo": rx.ExceptionInfo,
    "ArityException": rx.ArityException,
    "BigInt": int,
    "Ratio": fractions.Fraction,
    "APersistentMap": maps.APersistentMap,
    "PersistentArrayMap": maps.PersistentArrayMap,
    "PersistentHashMap": maps.PersistentHashMap,
    "APersistentVector": vectors.APersistentVector,
    "PersistentVector": vectors.PersistentVector,
    "MapEntry": vectors.MapEntry,
    "APersistentSet": sets.APersistentSet,
    "PersistentHashSet": sets.PersistentHashSet,
    "PersistentTreeMap": sorted.PersistentTreeMap,
    "PersistentTreeSet": sorted.PersistentTreeSet,
    "ASeq": lists.ASeq,
    "PersistentList": lists.PersistentList,
    "PersistentList$EmptyList": lists.EmptyList,
    "Cons": lists.Cons,
    "LazySeq": seqs.LazySeq,
    "ArraySeq": seqs.ArraySeq,
    "StringSeq": seqs.StringSeq,
    "Iterate": seqs.Iterate,
    "Range": seqs.Range,
    "LongRange": seqs.Range,
    "ChunkedCons": _chunked.ChunkedCons,
    "Atom": refs.Atom,
    "Volatile": refs.Volatile,
    "Delay": refs.Delay,
    "Reduced": refs.Reduced,
}

_OTHERS: dict[str, Any] = {
    "java.math.BigInteger": int,
    "java.math.BigDecimal": decimal.Decimal,
    "java.util.UUID": jvm_classes.UUID,
    "java.util.Date": datetime.datetime,
    "java.util.regex.Pattern": jvm_classes.Pattern,
    "java.util.regex.Matcher": re.Match,
    "java.util.Map": _jvm("java.util.Map", (interfaces.IPersistentMap, dict)),
    "java.util.Map$Entry": interfaces.IMapEntry,
    "java.util.List": _jvm("java.util.List", (interfaces.Sequential, list, tuple)),
    "java.util.Set": _jvm("java.util.Set", (interfaces.IPersistentSet, set, frozenset)),
    "java.util.Collection": _jvm(
        "java.util.Collection",
        (interfaces.IPersistentCollection, list, tuple, set, frozenset, dict),
    ),
    "java.util.RandomAccess": _jvm("java.util.RandomAccess", (interfaces.Indexed, list, tuple)),
    "java.util.concurrent.Callable": jvm_classes.Fn,
    "java.util.concurrent.TimeoutException": TimeoutError,
    "java.util.NoSuchElementException": LookupError,
    "java.io.IOException": OSError,
    "java.io.FileNotFoundException": FileNotFoundError,
    "java.io.EOFException": EOFError,
    "java.io.Serializable": _jvm("java.io.Serializable", ()),
}

CLASSES: dict[str, Any] = {
    **_JAVA_LANG,
    **{f"java.lang.{k}": v for k, v in _JAVA_LANG.items()},
    **{f"clojure.lang.{k}": v for k, v in _CLOJURE_LANG.items()},
    "ExceptionInfo": rx.ExceptionInfo,
    **_OTHERS,
}

_defined: dict[str, type] = {}


def lookup(name: str) -> Any:
    """The class a JVM name (bare java.lang or fully qualified) denotes, or None."""
    found = CLASSES.get(name)
    if found is None:
        found = _defined.get(name.replace("-", "_"))
    return found


def register_type(jvm_name: str, cls: type) -> None:
    """Make a deftype/defrecord class findable under its JVM name (`my_ns.Point`)."""
    _defined[jvm_name] = cls
    register_class_name(cls, jvm_name)


def _name_runtime_classes() -> None:
    """Runtime classes print and appear in messages under their clojure.lang names."""
    for name, cls in _CLOJURE_LANG.items():
        if (
            isinstance(cls, type)
            and not isinstance(cls, jvm_classes.JvmClass)
            and cls.__module__.startswith(__package__ or "")
            and class_name(cls) == f"{cls.__module__}.{cls.__qualname__}"
        ):
            register_class_name(cls, f"clojure.lang.{name}")


_name_runtime_classes()

__all__ = ["CLASSES", "lookup", "register_type"]
