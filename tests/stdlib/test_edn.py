"""clojure.edn: the EDN subset only, :readers/:default/:eof, reading from streams."""

from __future__ import annotations

import pytest

from pyjank.compiler.reader import ReaderError

REQ = "(require '[clojure.edn :as edn]) "

CASES = [
    (
        r'"{:a [1 2.5 3/4 5N 6M \\c \"s\\n\" nil true false sym ns/sym :k/w #{1} (l)]}"',
        r'{:a [1 2.5 3/4 5 6M \c "s\n" nil true false sym ns/sym :k/w #{1} (l)]}',
    ),
    ('""', "nil"),
    ("nil", "nil"),
    ('"  ; only a comment"', "nil"),
    ('"1 2"', "1"),
    ('"#_ 1 2"', "2"),
    ('"[##Inf ##-Inf]"', "[##Inf ##-Inf]"),
    ('"#:a{:b 1 :_/c 2 d 3}"', "{:a/b 1, :c 2, a/d 3}"),
    ('"a\'b"', "a'b"),
    ('"[a#b %c]"', "[a#b %c]"),
    ('"0x1F"', "31"),
    ('"#inst \\"2020-01-01\\""', '#inst "2020-01-01T00:00:00.000-00:00"'),
    (
        '"#uuid \\"550e8400-e29b-41d4-a716-446655440000\\""',
        '#uuid "550e8400-e29b-41d4-a716-446655440000"',
    ),
    ('"^:m [1]"', "[1]"),
]


@pytest.mark.parametrize("arg, expected", CASES)
def test_read_string(run, arg, expected):
    assert run(REQ + f"(pr-str (edn/read-string {arg}))") == expected


def test_metadata_but_no_positions(run):
    assert run(REQ + '(pr-str (meta (edn/read-string "^{:x 1} ^:y [a]")))') == "{:y true, :x 1}"
    assert run(REQ + '(meta (edn/read-string "(a b)"))') is None


def test_options(run):
    assert run(REQ + '(edn/read-string {:eof :done} "  ")').name == "done"
    text = '(pr-str (edn/read-string {:readers {\'foo (fn [x] [:foo x])}} "#foo 1"))'
    assert run(REQ + text) == "[:foo 1]"
    text = '(pr-str (edn/read-string {:default (fn [t v] [t v])} "#bar/baz {:x 1}"))'
    assert run(REQ + text) == "[bar/baz {:x 1}]"
    text = '(pr-str (edn/read-string {:readers {\'inst str}} "#inst \\"2020\\""))'
    assert run(REQ + text) == '"2020"'


@pytest.mark.parametrize(
    "source, message",
    [
        ("'a", "EDN does not support quote (')"),
        ("`a", "EDN does not support syntax-quote (`)"),
        ("~a", "EDN does not support unquote (~)"),
        ("@a", "EDN does not support deref (@)"),
        ("#(inc %)", "No dispatch macro for: ("),
        ('#"re"', 'No dispatch macro for: "'),
        ("#'a", "No dispatch macro for: '"),
        ("#=(+ 1 2)", "No dispatch macro for: ="),
        ("#?(:clj 1)", "No dispatch macro for: ?"),
        ("::kw", "Invalid token: ::kw"),
        ("#::{:a 1}", "Namespaced map must specify a valid namespace"),
        ("#bar 1", "No reader function for tag bar"),
        ("{:a}", "Map literal must contain an even number of forms"),
        ("#{1 1}", "Duplicate key: 1"),
        ("{:a 1 :a 2}", "Duplicate key: :a"),
        ("[1 2", "EOF while reading, starting at line 1, column 1"),
        ("(]", "Unmatched delimiter: ]"),
        ('#inst "20x"', "Unrecognized date/time syntax: 20x"),
    ],
)
def test_non_edn_is_rejected(run, source, message):
    escaped = source.replace("\\", "\\\\").replace('"', '\\"')
    with pytest.raises(ReaderError) as info:
        run(REQ + f'(edn/read-string "{escaped}")')
    assert info.value.message == message


def test_eof_without_eof_option_throws(run):
    with pytest.raises(ReaderError, match="EOF while reading"):
        run(REQ + '(edn/read-string {} "")')


def test_read_from_streams(run):
    text = (
        REQ
        + """(import io)
    (def s (io/StringIO "1 {:a \\"b c\\"} [x\\ny] 0x1F"))
    (pr-str [(edn/read s) (edn/read s) (edn/read s) (edn/read s) (edn/read {:eof :eof} s)])"""
    )
    assert run(text) == '[1 {:a "b c"} [x y] 31 :eof]'
    text = REQ + '(pr-str (with-in-str "(1 2) rest" [(edn/read) (read-line)]))'
    assert run(text) == '[(1 2) " rest"]'


def test_long_streams_and_deep_nesting(run):
    text = (
        REQ
        + """(import io)
    (def s (io/StringIO (apply str (repeat 3000 "[1 \\"two three\\" 3] "))))
    (count (take-while #(not= % :end) (repeatedly #(edn/read {:eof :end} s))))"""
    )
    assert run(text) == 3000
    depth = 5000
    text = REQ + f'(count (str (edn/read-string "{"[" * depth}{"]" * depth}")))'
    assert run(text) == 2 * depth
