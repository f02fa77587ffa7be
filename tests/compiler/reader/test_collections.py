"""Collections, quoting shorthands, metadata and source positions."""

from __future__ import annotations

import pytest

from pyjank.compiler.reader import Reader, ReaderError, read_all, read_string
from pyjank.runtime.interfaces import IPersistentList, IPersistentMap, IPersistentSet
from pyjank.runtime.lists import EMPTY_LIST, list_
from pyjank.runtime.maps import EMPTY_MAP, PersistentArrayMap, hash_map
from pyjank.runtime.sets import EMPTY_SET, hash_set
from pyjank.runtime.symbols import Symbol, keyword, symbol
from pyjank.runtime.vectors import EMPTY_VECTOR, PersistentVector, vector

K = keyword
S = symbol


def meta_dict(form):
    return dict(form.meta().items())


def test_list():
    form = read_string("(a 1 :b)")
    assert isinstance(form, IPersistentList)
    assert form == list_(S("a"), 1, K("b"))


def test_vector():
    form = read_string("[a [1 2] []]")
    assert isinstance(form, PersistentVector)
    assert form == vector(S("a"), vector(1, 2), EMPTY_VECTOR)


def test_map_keeps_insertion_order_while_small():
    form = read_string("{:z 1, :a 2, :m 3}")
    assert isinstance(form, PersistentArrayMap)
    assert list(form.keys()) == [K("z"), K("a"), K("m")]


def test_large_map():
    text = "{" + " ".join(f":k{i} {i}" for i in range(100)) + "}"
    form = read_string(text)
    assert isinstance(form, IPersistentMap)
    assert form.count() == 100
    assert form.val_at(K("k42")) == 42


def test_set():
    form = read_string('#{1 :a "s"}')
    assert isinstance(form, IPersistentSet)
    assert form == hash_set(1, K("a"), "s")


def test_empty_collections():
    assert read_string("()") == EMPTY_LIST
    assert read_string("[]") == EMPTY_VECTOR
    assert read_string("{}") == EMPTY_MAP
    assert read_string("#{}") == EMPTY_SET


def test_nested():
    form = read_string("{:a [1 #{2} (3 {:b 4})]}")
    inner = list_(3, hash_map(K("b"), 4))
    assert form == hash_map(K("a"), vector(1, hash_set(2), inner))


def test_commas_are_whitespace():
    assert read_string("[1,2 ,, 3]") == vector(1, 2, 3)
    assert read_string("{:a 1, :b 2}") == hash_map(K("a"), 1, K("b"), 2)


def test_comments():
    assert read_all("; a comment\n1 ; another\n2 #! shebang-style\n3") == [1, 2, 3]
    assert read_string("[1 ; comment ]\n 2]") == vector(1, 2)
    assert read_string("#!/usr/bin/env pyjank\n:x") is K("x")


def test_keys_that_python_would_merge_stay_distinct():
    assert read_string("{1 :a, true :b}").count() == 2
    assert read_string("{1 :a, 1.0 :b}").count() == 2
    assert read_string("#{1 1.0 true}").count() == 3


@pytest.mark.parametrize(
    "text, message, column",
    [
        ("[{:a 1 :a 2}]", "Duplicate key: :a", 2),
        ('{"a" 1 "a" 2}', "Duplicate key: a", 1),
        ("{nil 1 nil 2}", "Duplicate key: nil", 1),
        ("{[1 2] 1 (1 2) 2}", "Duplicate key: (1 2)", 1),
        ('{"a" 1 "b" 2 ["a"] 3 ["a"] 4}', 'Duplicate key: ["a"]', 1),
        (" #{1 2 1}", "Duplicate key: 1", 2),
        ("#{a a}", "Duplicate key: a", 1),
        ("[ {:a 1 :b} ]", "Map literal must contain an even number of forms", 3),
    ],
)
def test_bad_collections(text, message, column):
    with pytest.raises(ReaderError) as e:
        read_string(text)
    assert (e.value.message, e.value.line, e.value.column) == (message, 1, column)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("'x", "(quote x)"),
        ("'(1 2)", "(quote (1 2))"),
        ("''x", "(quote (quote x))"),
        ("@a", "(clojure.core/deref a)"),
        ("#'x", "(var x)"),
        ("#'clojure.core/map", "(var clojure.core/map)"),
        ("~x", "(clojure.core/unquote x)"),
        ("~@x", "(clojure.core/unquote-splicing x)"),
        ("~ @x", "(clojure.core/unquote (clojure.core/deref x))"),
        ("' ; comment\n x", "(quote x)"),
        ("'#_y x", "(quote x)"),
    ],
)
def test_quoting_shorthands(text, expected):
    assert read_string(text) == read_string(expected)


class TestMetadata:
    def test_keyword_shorthand(self):
        form = read_string("^:dynamic *x*")
        assert form.meta().val_at(K("dynamic")) is True

    def test_tag_shorthand(self):
        assert read_string("^String x").meta().val_at(K("tag")) == S("String")
        assert read_string('^"[B" x').meta().val_at(K("tag")) == "[B"

    def test_map(self):
        form = read_string("^{:a 1 :b [2]} [1]")
        assert form.meta().val_at(K("a")) == 1
        assert form.meta().val_at(K("b")) == vector(2)

    def test_vector_is_param_tags(self):
        form = read_string("^[long String] f")
        assert form.meta().val_at(K("param-tags")) == vector(S("long"), S("String"))

    def test_stacked_merge_outer_wins(self):
        form = read_string("^:a ^{:b 1 :c 1} ^{:c 2 :d 2} x")
        meta = form.meta()
        assert meta.val_at(K("a")) is True
        assert meta.val_at(K("b")) == 1
        assert meta.val_at(K("c")) == 1
        assert meta.val_at(K("d")) == 2

    def test_positions_are_kept(self):
        meta = meta_dict(read_string("^:private (defn f [])"))
        assert meta[K("private")] is True
        assert meta[K("line")] == 1
        assert meta[K("column")] == 11

    @pytest.mark.parametrize("target", ["{}", "#{}", "()", "[]", "sym", "(a b)"])
    def test_applies_to_every_iobj(self, target):
        assert read_string(f"^:m {target}").meta().val_at(K("m")) is True

    def test_old_syntax(self):
        assert read_string("#^:foo x").meta().val_at(K("foo")) is True

    @pytest.mark.parametrize("target", ["1", ":k", '"s"', "nil", "\\a"])
    def test_only_on_imeta(self, target):
        with pytest.raises(ReaderError) as e:
            read_string(f"[ ^:m {target}]")
        assert e.value.message == "Metadata can only be applied to IMetas"
        assert e.value.column == 3

    def test_bad_metadata(self):
        with pytest.raises(ReaderError) as e:
            read_string("^1 x")
        assert e.value.message == "Metadata must be Symbol, Keyword, String, Map or Vector"


class TestPositions:
    def test_symbol_and_list_spans(self):
        form = read_string("(foo\n  bar)")
        assert meta_dict(form) == {
            K("line"): 1,
            K("column"): 1,
            K("end-line"): 2,
            K("end-column"): 7,
        }
        bar = list(form)[1]
        assert meta_dict(bar) == {
            K("line"): 2,
            K("column"): 3,
            K("end-line"): 2,
            K("end-column"): 6,
        }

    def test_file(self):
        form = read_string("[x]", file="src/a.clj")
        assert form.meta().val_at(K("file")) == "src/a.clj"
        assert form.nth(0).meta().val_at(K("file")) == "src/a.clj"

    @pytest.mark.parametrize("text", ["{:a 1}", "#{1}", "[1]", "(1)", "x", "'x", "#(f)"])
    def test_every_iobj_form_gets_positions(self, text):
        form = read_string(f"\n  {text}")
        assert form.meta().val_at(K("line")) == 2
        assert form.meta().val_at(K("column")) == 3
        assert form.meta().val_at(K("end-column")) == 3 + len(text)

    def test_crlf_and_cr_line_endings(self):
        forms = read_all("a\r\nb\rc\n  d")
        lines = [(f.meta().val_at(K("line")), f.meta().val_at(K("column"))) for f in forms]
        assert lines == [(1, 1), (2, 1), (3, 1), (4, 3)]

    def test_tabs_count_as_one_column(self):
        assert read_string("\t\tx").meta().val_at(K("column")) == 3

    def test_start_line_and_column(self):
        forms = list(Reader("a\n b", line=10, column=5))
        assert forms[0].meta().val_at(K("line")) == 10
        assert forms[0].meta().val_at(K("column")) == 5
        assert forms[1].meta().val_at(K("line")) == 11
        assert forms[1].meta().val_at(K("column")) == 2

    def test_symbol_meta_does_not_affect_equality(self):
        a, b = read_all("x\n   x")
        assert a == b == Symbol(None, "x")
        assert hash(a) == hash(Symbol(None, "x"))
