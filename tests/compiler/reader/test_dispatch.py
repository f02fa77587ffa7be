"""The `#` dispatch macros: fn literals, regexes, discard, reader conditionals, namespaced
maps and tagged literals."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest

from pyjank.compiler.reader import (
    DefaultResolver,
    ReaderEOFError,
    ReaderError,
    read_all,
    read_string,
)
from pyjank.runtime.lists import list_
from pyjank.runtime.maps import hash_map
from pyjank.runtime.symbols import Symbol, keyword, symbol
from pyjank.runtime.vectors import vector

K = keyword
S = symbol


def read_cond(text, **options):
    return read_string(text, allow_conditionals=True, **options)


def error_of(text, **options):
    with pytest.raises(ReaderError) as e:
        read_all(text, **options)
    return e.value


class TestFnLiteral:
    def test_shape(self):
        form = read_string("#(+ % %2)")
        fn, params, body = form
        assert fn == S("fn*")
        p1, p2 = params
        assert re.fullmatch(r"p1__\d+#", p1.name)
        assert re.fullmatch(r"p2__\d+#", p2.name)
        assert body == list_(S("+"), p1, p2)

    def test_percent_is_percent_one(self):
        _, params, body = read_string("#(* % %1)")
        assert len(params) == 1
        assert list(body)[1] == list(body)[2] == params.nth(0)

    def test_rest_args(self):
        _, params, body = read_string("#(apply f %&)")
        assert params.nth(0) == S("&")
        assert re.fullmatch(r"rest__\d+#", params.nth(1).name)
        assert list(body)[2] == params.nth(1)

    def test_missing_positions_are_filled(self):
        _, params, _ = read_string("#(f %3 %&)")
        assert len(params) == 5
        assert [p.name.split("__")[0] for p in params] == ["p1", "p2", "p3", "&", "rest"]

    def test_no_args(self):
        assert read_string("#()") == read_string("(fn* [] ())")

    def test_nested_is_an_error(self):
        e = error_of("(map #(#(%)) xs)")
        assert (e.message, e.column) == ("Nested #()s are not allowed", 8)

    @pytest.mark.parametrize("arg", ["%a", "%1.5", "%-1", "%0", "%21"])
    def test_bad_args(self, arg):
        e = error_of(f"#(f {arg})")
        assert e.column == 5
        assert e.message.startswith("arg literal")

    def test_percent_outside_is_a_symbol(self):
        assert read_string("(f % %1 %&)") == list_(S("f"), S("%"), S("%1"), S("%&"))

    def test_names_differ_between_literals(self):
        a, b = read_all("#(f %) #(f %)")
        assert list(a)[1].nth(0) != list(b)[1].nth(0)


class TestRegex:
    def test_basic(self):
        pattern = read_string(r'#"\d+"')
        assert isinstance(pattern, re.Pattern)
        assert pattern.fullmatch("123")

    def test_escaped_quote_and_backslashes_pass_through(self):
        assert read_string(r'#"a\"b"').fullmatch('a"b')
        assert read_string(r'#"\\"').fullmatch("\\")
        assert read_string(r'#"\s\."').pattern == r"\s\."

    @pytest.mark.parametrize(
        "source, text",
        [
            (r"(?<year>\d+)-\k<year>", "12-12"),
            (r"\Qa.b\E+", "a.bbb"),
            (r"\p{Alpha}+\P{Alpha}", "abc1"),
            (r"[\p{Digit}_]+", "1_2"),
            (r"a\z", "a"),
            (r"\h\e", " \x1b"),
            (r"\x{41}\0101\cA", "AA\x01"),
            (r"(?d)a.", "ab"),
            (r"(?iU:a)", "A"),
            (r"[\]\[]+", "][]"),
        ],
    )
    def test_java_syntax(self, source, text):
        assert read_string(f'#"{source}"').fullmatch(text)

    def test_java_big_z_allows_a_final_newline(self):
        assert read_string(r'#"a\Z"').search("a\n")

    def test_invalid(self):
        e = error_of('[ #"(" ]')
        assert e.message.startswith("Invalid regex: ")
        assert e.column == 3

    def test_eof(self):
        e = error_of('#"abc')
        assert isinstance(e, ReaderEOFError)
        assert e.message == "EOF while reading regex, starting at line 1, column 1"


class TestDiscard:
    def test_discard(self):
        assert read_string("[1 #_ 2 3]") == vector(1, 3)
        assert read_string("[1 #_(a b [c]) 3]") == vector(1, 3)

    def test_stacked(self):
        assert read_all("#_ #_ a b c") == [S("c")]
        assert read_string("[#_#_1 2 3]") == vector(3)

    def test_top_level_only_discards(self):
        assert read_all("#_x") == []

    def test_needs_a_form(self):
        assert isinstance(error_of("#_"), ReaderEOFError)
        e = error_of("(a #_)")
        assert (e.message, e.column) == ("Unmatched delimiter: )", 6)


class TestReaderConditionals:
    def test_not_allowed_by_default(self):
        e = error_of("[#?(:pyjank 1)]")
        assert (e.message, e.column) == ("Conditional read not allowed", 2)

    def test_selects_first_matching(self):
        assert read_cond("#?(:clj 1 :pyjank 2 :default 3)") == 2
        assert read_cond("#?(:clj 1 :default 3)") == 3
        assert read_cond("#?(:default 0 :pyjank 2)") == 0

    def test_no_match_reads_as_nothing(self):
        assert read_cond("[1 #?(:clj 2) 3]") == vector(1, 3)
        assert read_all("#?(:clj 2)", allow_conditionals=True) == []
        assert read_all("#?(:clj 2) :x", allow_conditionals=True) == [K("x")]

    def test_custom_features(self):
        features = frozenset({K("clj")})
        assert read_cond("#?(:pyjank 1 :clj 2)", features=features) == 2

    def test_whitespace_before_the_list(self):
        assert read_cond("#? (:pyjank 1)") == 1

    def test_splicing(self):
        assert read_cond("[0 #?@(:pyjank [1 2] :clj [3]) 4]") == vector(0, 1, 2, 4)
        assert read_cond("(0 #?@(:pyjank (1 2)))") == list_(0, 1, 2)
        assert read_cond("[#?@(:pyjank [])]") == vector()
        assert read_cond("{#?@(:pyjank [:a 1]) :b 2}") == hash_map(K("a"), 1, K("b"), 2)

    def test_splicing_feeds_reader_macros(self):
        assert read_cond("['#?@(:pyjank [a b])]") == read_string("['a b]")

    def test_splicing_at_top_level(self):
        e = error_of("#?@(:pyjank [1])", allow_conditionals=True)
        assert e.message == "Reader conditional splicing not allowed at the top level"

    def test_splicing_needs_a_sequential(self):
        e = error_of("[#?@(:pyjank 1)]", allow_conditionals=True)
        assert e.message == "Spliced form in read-cond-splicing must be a list or vector"

    def test_unselected_branches_are_not_interpreted(self):
        assert read_cond("#?(:cljs #js {:a 1} :pyjank 1)") == 1
        assert read_cond("#?(:cljs ::unknown/x :pyjank 2)") == 2
        assert read_cond('#?(:cljs #"(?<x" :pyjank 3)') == 3
        assert read_cond("#?(:cljs `a :pyjank 4)") == 4
        assert read_cond("#?(:cljs #?(:cljs 1) :pyjank 5)") == 5
        assert read_cond("#?(:cljs #?@(:cljs [1]) :pyjank 6)") == 6
        assert read_cond("#?(:cljs ^#js {} x :pyjank 7)") == 7

    def test_later_matches_are_skipped(self):
        assert read_cond("#?(:pyjank 1 :default #bad-tag 2)") == 1

    @pytest.mark.parametrize(
        "text, message",
        [
            ("#?(:pyjank)", "read-cond requires an even number of forms"),
            ("#?(1 2)", "Feature should be a keyword: 1"),
            ("#?(:else 2)", "Feature name :else is reserved"),
            ("#?[:pyjank 1]", "read-cond body must be a list"),
        ],
    )
    def test_errors(self, text, message):
        e = error_of(text, allow_conditionals=True)
        assert e.message == message

    def test_eof(self):
        assert isinstance(error_of("#?(:pyjank", allow_conditionals=True), ReaderEOFError)
        assert isinstance(error_of("#?", allow_conditionals=True), ReaderEOFError)


class TestNamespacedMaps:
    def test_explicit(self):
        form = read_string('#:a{:b 1 :c/d 2 :_/e 3 f 4 "s" 5}')
        expected = hash_map(K("a", "b"), 1, K("c", "d"), 2, K("e"), 3, Symbol("a", "f"), 4, "s", 5)
        assert form == expected

    def test_auto(self):
        resolver = DefaultResolver("my.ns", {"s": "clojure.string"})
        assert read_string("#::{:b 1}", resolver=resolver) == hash_map(K("my.ns", "b"), 1)
        assert read_string("#:: {:b 1}", resolver=resolver) == hash_map(K("my.ns", "b"), 1)
        expected = hash_map(K("clojure.string", "b"), 1)
        assert read_string("#::s{:b 1}", resolver=resolver) == expected

    def test_whitespace_before_map(self):
        assert read_string("#:a {:b 1}") == hash_map(K("a", "b"), 1)

    def test_positions(self):
        form = read_string(" #:a{:b 1}")
        assert form.meta().val_at(K("column")) == 2
        assert form.meta().val_at(K("end-column")) == 11

    @pytest.mark.parametrize(
        "text, message",
        [
            ("#:{:a 1}", "Namespaced map must specify a namespace"),
            ("#: a{:a 1}", "Namespaced map must specify a namespace"),
            ("#:a/b{:a 1}", "Namespaced map must specify a valid namespace: a/b"),
            ("#:a[1]", "Namespaced map must specify a map"),
            ("#:a{:b}", "Namespaced map literal must contain an even number of forms"),
            ("#:a{:b 1 :a/b 2}", "Duplicate key: :a/b"),
            ("#::nope{:a 1}", "Unknown auto-resolved namespace alias: nope"),
        ],
    )
    def test_errors(self, text, message):
        assert error_of(text).message == message


class TestTaggedLiterals:
    @pytest.mark.parametrize(
        "text, expected",
        [
            ("2020-01-02T03:04:05.123Z", datetime(2020, 1, 2, 3, 4, 5, 123000, UTC)),
            ("2020-01-02T03:04:05.123456789Z", datetime(2020, 1, 2, 3, 4, 5, 123456, UTC)),
            ("2020", datetime(2020, 1, 1, tzinfo=UTC)),
            ("2020-03", datetime(2020, 3, 1, tzinfo=UTC)),
            ("2020-03-04T05", datetime(2020, 3, 4, 5, tzinfo=UTC)),
            ("2020-03-04T05:06+01:30", datetime(2020, 3, 4, 3, 36, tzinfo=UTC)),
            ("2020-03-04T05:06:07-02:00", datetime(2020, 3, 4, 7, 6, 7, tzinfo=UTC)),
            ("2016-12-31T23:59:60Z", datetime(2017, 1, 1, tzinfo=UTC)),
        ],
    )
    def test_inst(self, text, expected):
        value = read_string(f'#inst "{text}"')
        assert value == expected
        assert value.utcoffset() == timedelta(0)

    @pytest.mark.parametrize(
        "text",
        ["2020-13-01", "2020-02-30", "20", "2020-01-01T25:00Z", "2020-01-01T10:00:60Z", "x"],
    )
    def test_bad_inst(self, text):
        e = error_of(f'[ #inst "{text}"]')
        assert (e.message, e.column) == (f"Unrecognized date/time syntax: {text}", 3)

    def test_inst_needs_a_string(self):
        e = error_of("#inst 1")
        assert e.message == "Instance literal expects a string for its timestamp."

    def test_uuid(self):
        text = "8a4d5a7e-3b0c-4f7e-9d1a-2b3c4d5e6f70"
        assert read_string(f'#uuid "{text}"') == uuid.UUID(text)
        assert error_of('#uuid "nope"').message == "Invalid UUID string: nope"

    def test_data_readers(self):
        readers = {S("my/point"): lambda v: ("point", v.nth(0), v.nth(1))}
        assert read_string("#my/point [1 2]", data_readers=readers) == ("point", 1, 2)

    def test_data_readers_override_builtins(self):
        readers = {S("inst"): lambda v: ("inst", v)}
        assert read_string('#inst "x"', data_readers=readers) == ("inst", "x")

    def test_default_data_reader_fn(self):
        value = read_string("#foo/bar {:a 1}", default_data_reader_fn=lambda t, v: (t, v))
        assert value == (S("foo/bar"), hash_map(K("a"), 1))

    def test_unknown_tag(self):
        e = error_of("(x #foo/bar 1)", file="t.clj")
        assert str(e) == "t.clj:1:4: No reader function for tag foo/bar"

    def test_reader_failure_becomes_a_reader_error(self):
        def boom(v):
            raise KeyError("boom")

        e = error_of("\n  #t 1", data_readers={S("t"): boom})
        assert (e.line, e.column) == (2, 3)
        assert isinstance(e.__cause__, KeyError)

    def test_tag_must_be_a_symbol(self):
        assert error_of("#1 x").message == "Reader tag must be a symbol: 1"
        assert error_of("#nil x").message == "Reader tag must be a symbol: nil"


@pytest.mark.parametrize(
    "text, message",
    [
        ("#=(+ 1 2)", "EvalReader not allowed when *read-eval* is false."),
        ("#<object>", "Unreadable form"),
        ("#)", "No dispatch macro for: )"),
        ("# x", "No dispatch macro for:  "),
        ("##Foo", "Unknown symbolic value: ##Foo"),
        ("##", "Invalid token: ##"),
    ],
)
def test_dispatch_errors(text, message):
    assert error_of(text).message == message


def test_lone_hash_at_eof():
    assert isinstance(error_of("#"), ReaderEOFError)


def test_symbolic_values_in_collections():
    assert read_string("[##-Inf]").nth(0) == float("-inf")


def test_timezone_sanity():
    value = read_string('#inst "2020-01-01T00:00:00+05:00"')
    assert value == datetime(2020, 1, 1, tzinfo=timezone(timedelta(hours=5)))
