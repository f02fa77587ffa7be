"""The JVM class names portable code uses (runtime/jvm_names.py, runtime/jvm_classes.py):
in catch, instance?, extend-type and statics, through every backend."""

from __future__ import annotations

import math

import pytest

from pyjank.runtime.jvm_classes import NumberFormatException
from pyjank.runtime.symbols import keyword

K = keyword


def test_catch_by_jvm_name(run):
    assert run("(try (/ 1 0) (catch ArithmeticException e :arith))") == K("arith")
    assert run('(try (throw (ex-info "x" {})) (catch clojure.lang.ExceptionInfo e :info))') == K(
        "info"
    )
    assert run("(try (nth [] 1) (catch IndexOutOfBoundsException e :ioobe))") == K("ioobe")
    assert run('(try (throw (IllegalArgumentException. "x")) (catch RuntimeException e 1))') == 1
    assert run('(try (throw (Exception. "x")) (catch Throwable e (ex-message e)))') == "x"
    assert run("(try (assert false) (catch AssertionError e :assert))") == K("assert")
    assert run('(try (Long/parseLong "x") (catch NumberFormatException e :nfe))') == K("nfe")
    assert run('(try (Integer/parseInt "x") (catch IllegalArgumentException e :iae))') == K("iae")
    assert run('(try (throw (UnsupportedOperationException. "no")) (catch Exception e 1))') == 1


def test_instance_checks(run):
    assert run('[(instance? String "a") (instance? String \\a) (instance? Character \\a)]') == [
        True,
        False,
        True,
    ]
    assert run("[(instance? Long 1) (instance? Long true) (instance? Long 1.0)]") == [
        True,
        False,
        False,
    ]
    assert run("[(instance? Number 1) (instance? Number 1/2) (instance? Number true)]") == [
        True,
        True,
        False,
    ]
    assert run("[(instance? Boolean true) (instance? Object nil) (instance? Object 1)]") == [
        True,
        False,
        True,
    ]
    assert run("[(instance? Double 1.5) (instance? clojure.lang.Keyword :k)]") == [True, True]
    assert run("(instance? clojure.lang.IPersistentMap {})") is True
    assert run("(instance? clojure.lang.LazySeq (map inc [1]))") is True
    assert run("(instance? java.util.Map (python/dict))") is True
    assert run("[(instance? clojure.lang.IFn inc) (instance? clojure.lang.IFn :k)]") == [
        True,
        True,
    ]
    assert run("[(instance? clojure.lang.IFn 1) (instance? clojure.lang.Fn :k)]") == [
        False,
        False,
    ]


def test_jvm_classes_equal_their_python_types(run):
    assert run('[(= Long (class 1)) (= String (class "")) (= Double (class 1.0))]') == [
        True,
        True,
        True,
    ]
    assert run("(= Long Integer)") is True  # both are Python ints
    assert run("(pr-str [Long String clojure.lang.IPersistentMap])") == (
        "[java.lang.Long java.lang.String clojure.lang.IPersistentMap]"
    )
    assert run("(pr-str (class []))") == "clojure.lang.PersistentVector"


def test_import_of_clojure_lang_and_java_names(run):
    run("(import '[clojure.lang IPersistentMap Keyword] 'java.util.UUID)")
    assert run("[(instance? IPersistentMap {}) (instance? Keyword :a)]") == [True, True]
    assert run("(instance? UUID (UUID/randomUUID))") is True
    assert run(
        "(ns jvm.names.test (:import (clojure.lang PersistentVector) [java.util Map]))"
        "[(instance? PersistentVector []) (instance? Map {})]"
    ) == [True, True]


def test_long_and_integer_statics(run):
    assert run("[Long/MAX_VALUE Long/MIN_VALUE Integer/MAX_VALUE Integer/MIN_VALUE]") == [
        2**63 - 1,
        -(2**63),
        2**31 - 1,
        -(2**31),
    ]
    assert run('[(Long/parseLong "-42") (Integer/parseInt "+7") (Integer/parseInt "ff" 16)]') == [
        -42,
        7,
        255,
    ]
    assert run('[(Long/valueOf "5") (Long/valueOf 5) (Long. "9")]') == [5, 5, 9]
    assert run("[(Integer/toBinaryString 5) (Long/toHexString -1) (Integer/toHexString 255)]") == [
        "101",
        "f" * 16,
        "ff",
    ]
    assert run("[(Long/toString 255 16) (Integer/bitCount 7) (Long/compare 1 2)]") == [
        "ff",
        3,
        -1,
    ]
    for bad in ('" 1"', '"1_0"', '""', '"9223372036854775808"', "nil"):
        with pytest.raises(NumberFormatException):
            run(f"(Long/parseLong {bad})")
    with pytest.raises(NumberFormatException, match='For input string: "99999999999"'):
        run('(Integer/parseInt "99999999999")')


def test_double_statics(run):
    assert run(
        '[(Double/parseDouble "1.5") (Double/parseDouble " 2e3 ") (Double/valueOf "3")]'
    ) == [
        1.5,
        2000.0,
        3.0,
    ]
    assert math.isnan(run("Double/NaN"))
    assert run("[(Double/isNaN Double/NaN) (Double/isInfinite Double/POSITIVE_INFINITY)]") == [
        True,
        True,
    ]
    assert run('(Double/parseDouble "-Infinity")') == -math.inf
    with pytest.raises(NumberFormatException):
        run('(Double/parseDouble "inf")')


def test_math_statics(run):
    assert run("[(Math/abs -3) (Math/abs -2.5) (Math/max 1 2) (Math/min 1.5 2)]") == [
        3,
        2.5,
        2,
        1.5,
    ]
    assert run("[(Math/sqrt 16) (Math/pow 2 10) (Math/floor 1.5) (Math/ceil 1.2)]") == [
        4.0,
        1024.0,
        1.0,
        2.0,
    ]
    assert run("[(Math/round 2.5) (Math/round -2.5) (Math/round 2.4)]") == [3, -2, 2]
    assert math.isnan(run("(Math/sqrt -1)"))
    assert run("(Math/log 0)") == -math.inf
    assert run("[Math/PI (Math/signum -2.0) (Math/floorMod -7 3) (Math/floorDiv -7 2)]") == [
        math.pi,
        -1.0,
        2,
        -4,
    ]
    with pytest.raises(ArithmeticError, match="long overflow"):
        run("(Math/addExact Long/MAX_VALUE 1)")


def test_character_and_string_statics(run):
    assert run(
        "[(Character/isDigit \\5) (Character/isLetter \\a) (Character/isWhitespace \\space)]"
    ) == [
        True,
        True,
        True,
    ]
    assert run(
        "[(Character/toUpperCase \\a) (Character/digit \\f 16) (Character/isUpperCase \\a)]"
    ) == run("[\\A 15 false]")
    assert run('[(String/valueOf 12) (String/valueOf nil) (String/join "," ["a" 1 :k])]') == [
        "12",
        "null",
        "a,1,:k",
    ]
    assert run('(String/format "%d-%s" 1 "x")') == "1-x"


def test_string_builder_and_system(run):
    assert run('(str (doto (StringBuilder.) (.append "a") (.append 1) (.append nil)))') == "a1null"
    assert run('(.toString (.reverse (StringBuilder. "abc")))') == "cba"
    assert isinstance(run("(System/currentTimeMillis)"), int)
    assert run("(< (System/nanoTime) (System/nanoTime))") is True
    assert run('(System/getProperty "line.separator")') == "\n"
    assert run("(Thread/sleep 1)") is None


def test_extend_type_by_jvm_name(run):
    run(
        """
        (defprotocol Describe (describe [x]))
        (extend-protocol Describe
          String (describe [_] :string)
          Character (describe [_] :char)
          Boolean (describe [_] :boolean)
          clojure.lang.Keyword (describe [_] :keyword)
          clojure.lang.IFn (describe [_] :fn))
        """
    )
    assert run('(mapv describe ["s" \\c true :k inc])') == [
        K("string"),
        K("char"),
        K("boolean"),
        K("keyword"),
        K("fn"),
    ]
