"""Clojure's exception types as Python exceptions, and `ex-message`/`ex-data`/`ex-cause`.

Each JVM exception portable Clojure code throws or catches maps to a subclass of the Python
exception a Python programmer would expect (`ClassCastException` is a `TypeError`, ...), so
`catch` clauses naming either family work. `class_name` gives the name messages and the
printer show for a class: the JVM name for pyjank's own types, the Python name otherwise.
"""

from __future__ import annotations

from typing import Any

from .characters import Char
from .interfaces import IPersistentMap
from .namespaces import Namespace
from .symbols import Keyword, Symbol
from .vars import IllegalStateException, Var

__all__ = [
    "ArithmeticException",
    "ArityException",
    "ClassCastException",
    "ExceptionInfo",
    "IllegalArgumentException",
    "IllegalStateException",
    "IndexOutOfBoundsException",
    "NullPointerException",
    "cast_error",
    "class_name",
    "ex_cause",
    "ex_data",
    "ex_info",
    "ex_message",
    "register_class_name",
]


class ExceptionInfo(Exception):
    """`(ex-info msg data cause)`: an exception carrying a map of data."""

    def __init__(self, message: str | None, data: Any, cause: BaseException | None = None):
        super().__init__(message, data)
        self.message = message
        self.data = data
        if cause is not None:
            self.__cause__ = cause

    @property
    def cause(self) -> BaseException | None:
        return self.__cause__

    def __str__(self) -> str:
        """Like Clojure's toString: the message followed by the data."""
        from .printer import pr_str

        return f"{self.message} {pr_str(self.data)}"

    def __reduce__(self) -> tuple:
        return (type(self), (self.message, self.data, self.__cause__))


class ArithmeticException(ArithmeticError):
    """Integer overflow, division by zero, non-terminating decimal expansions."""


class ClassCastException(TypeError):
    """A value of the wrong type where a specific one is needed (`(+ 1 "a")`)."""


class NullPointerException(TypeError):
    """nil where a value is needed (`(+ 1 nil)`)."""


class IllegalArgumentException(ValueError):
    """A bad argument value."""


class IndexOutOfBoundsException(IndexError):
    """`(nth [1 2] 5)` and friends."""


class ArityException(TypeError):
    """A fn called with a wrong number of args, with Clojure's message."""

    def __init__(self, actual: int, name: str) -> None:
        super().__init__(f"Wrong number of args ({actual}) passed to: {name}")
        self.actual = actual
        self.name = name

    def __reduce__(self) -> tuple:
        return (type(self), (self.actual, self.name))


def ex_info(message: str | None, data: Any, cause: BaseException | None = None) -> ExceptionInfo:
    """`ex-info`, which, like Clojure's, insists on a map."""
    if data is None:
        raise IllegalArgumentException("Additional data must be non-nil.")
    if not isinstance(data, IPersistentMap):
        raise cast_error(data, "clojure.lang.IPersistentMap")
    return ExceptionInfo(message, data, cause)


def _java_style(e: BaseException) -> bool:
    """`(Exception. "msg" cause)`: Java's (message, cause) constructor, which Python's
    exceptions take as two plain args."""
    args = e.args
    return len(args) == 2 and isinstance(args[0], str) and isinstance(args[1], BaseException)


def ex_message(e: Any) -> str | None:
    """`ex-message` for any Python exception: the message it was raised with, or nil."""
    if isinstance(e, ExceptionInfo):
        return e.message
    if not isinstance(e, BaseException) or not e.args:
        return None
    if (len(e.args) == 1 and isinstance(e.args[0], str)) or _java_style(e):
        return e.args[0]
    return str(e)


def ex_data(e: Any) -> Any:
    """`ex-data`: the map of an ExceptionInfo, nil for anything else."""
    return e.data if isinstance(e, ExceptionInfo) else None


def ex_cause(e: Any) -> BaseException | None:
    """`ex-cause`: the explicit cause (`raise ... from`, or Java's (message, cause)
    constructor form), as Java's getCause."""
    if not isinstance(e, BaseException):
        return None
    if e.__cause__ is None and _java_style(e):
        return e.args[1]
    return e.__cause__


_class_names: dict[type, str] = {}


def register_class_name(cls: type, name: str) -> None:
    """Show `cls` as `name` in messages and `#object[...]` (records, JVM-named types)."""
    _class_names[cls] = name


def class_name(cls: type) -> str:
    """The registered name of a class, else `module.Qualname` (bare for builtins)."""
    name = _class_names.get(cls)
    if name is not None:
        return name
    if cls.__module__ == "builtins":
        return cls.__qualname__
    return f"{cls.__module__}.{cls.__qualname__}"


def cast_error(x: Any, target: str) -> TypeError:
    """The error for using `x` as a `target`: NullPointerException for nil, as on the JVM."""
    if x is None:
        return NullPointerException(f"Cannot cast nil to {target}")
    return ClassCastException(f"class {class_name(type(x))} cannot be cast to class {target}")


for _cls, _name in (
    (ExceptionInfo, "clojure.lang.ExceptionInfo"),
    (ArityException, "clojure.lang.ArityException"),
    (ArithmeticException, "java.lang.ArithmeticException"),
    (ClassCastException, "java.lang.ClassCastException"),
    (NullPointerException, "java.lang.NullPointerException"),
    (IllegalArgumentException, "java.lang.IllegalArgumentException"),
    (IllegalStateException, "java.lang.IllegalStateException"),
    (IndexOutOfBoundsException, "java.lang.IndexOutOfBoundsException"),
    (Keyword, "clojure.lang.Keyword"),
    (Symbol, "clojure.lang.Symbol"),
    (Char, "java.lang.Character"),
    (Var, "clojure.lang.Var"),
    (Namespace, "clojure.lang.Namespace"),
):
    register_class_name(_cls, _name)
