"""Exception types and ex-message / ex-data / ex-cause (runtime/exceptions.py)."""

import pickle

import pytest

from pyjank.runtime.exceptions import (
    ArithmeticException,
    ArityException,
    ClassCastException,
    ExceptionInfo,
    IllegalArgumentException,
    IllegalStateException,
    IndexOutOfBoundsException,
    NullPointerException,
    cast_error,
    class_name,
    ex_cause,
    ex_data,
    ex_info,
    ex_message,
    register_class_name,
)
from pyjank.runtime.maps import hash_map
from pyjank.runtime.symbols import keyword


def test_python_families():
    """`catch` clauses naming the Python family catch the Clojure exception too."""
    assert issubclass(ArithmeticException, ArithmeticError)
    assert issubclass(ClassCastException, TypeError)
    assert issubclass(NullPointerException, TypeError)
    assert issubclass(IllegalArgumentException, ValueError)
    assert issubclass(IndexOutOfBoundsException, IndexError)
    assert issubclass(ArityException, TypeError)
    assert issubclass(IllegalStateException, RuntimeError)


def test_ex_info():
    data = hash_map(keyword("a"), 1)
    cause = ValueError("inner")
    e = ex_info("boom", data, cause)
    assert isinstance(e, ExceptionInfo)
    assert ex_message(e) == "boom" and ex_data(e) is data
    assert ex_cause(e) is cause and e.cause is cause and e.__cause__ is cause
    assert str(e) == "boom {:a 1}"
    assert ex_cause(ex_info("x", data)) is None
    with pytest.raises(IllegalArgumentException, match="Additional data must be non-nil."):
        ex_info("x", None)
    with pytest.raises(ClassCastException, match="IPersistentMap"):
        ex_info("x", 1)


def test_ex_helpers_on_python_exceptions():
    assert ex_message(ValueError("bad")) == "bad"
    assert ex_message(KeyError("k")) == "k"
    assert ex_message(OSError(2, "No such file")) == "[Errno 2] No such file"
    assert ex_message(ValueError()) is None
    assert ex_message("not an exception") is None
    assert ex_data(ValueError("x")) is None and ex_data(None) is None
    try:
        try:
            raise KeyError("inner")
        except KeyError as inner:
            raise ValueError("outer") from inner
    except ValueError as e:
        assert isinstance(ex_cause(e), KeyError)
    try:
        try:
            raise KeyError("inner")
        except KeyError:
            raise ValueError("implicit context is not a cause") from None
    except ValueError as e:
        assert ex_cause(e) is None
    assert ex_cause(42) is None


def test_arity_exception_message():
    e = ArityException(3, "user/f")
    assert str(e) == "Wrong number of args (3) passed to: user/f"
    assert e.actual == 3 and e.name == "user/f"
    assert str(pickle.loads(pickle.dumps(e))) == str(e)


def test_exception_info_pickles():
    e = pickle.loads(pickle.dumps(ExceptionInfo("m", hash_map(keyword("a"), 1))))
    assert e.message == "m" and e.data == hash_map(keyword("a"), 1)


def test_class_names_and_cast_errors():
    assert class_name(str) == "str"
    assert class_name(ExceptionInfo) == "clojure.lang.ExceptionInfo"
    assert class_name(type(keyword("a"))) == "clojure.lang.Keyword"

    class Local:
        pass

    assert class_name(Local).endswith("test_class_names_and_cast_errors.<locals>.Local")
    register_class_name(Local, "user.Local")
    assert class_name(Local) == "user.Local"
    e = cast_error("s", "Number")
    assert isinstance(e, ClassCastException)
    assert str(e) == "class str cannot be cast to class Number"
    assert isinstance(cast_error(None, "Number"), NullPointerException)


def test_java_style_message_and_cause_constructor():
    inner = ExceptionInfo("inner", None)
    outer = Exception("outer", inner)
    assert ex_message(outer) == "outer"
    assert ex_cause(outer) is inner
    assert ex_cause(Exception("plain")) is None
