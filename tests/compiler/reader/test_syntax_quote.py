"""Syntax-quote expands at read time to the same code Clojure's reader produces."""

from __future__ import annotations

import re

import pytest

from pyjank.compiler.reader import (
    POSITION_KEYS,
    SPECIAL_FORMS,
    DefaultResolver,
    ReaderError,
    read_string,
)
from pyjank.runtime.symbols import Symbol, keyword, symbol

S = symbol


def sq(text, **options):
    return read_string(text, **options)


def same(text, expected, **options):
    assert sq(text, **options) == read_string(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("`a", "(quote user/a)"),
        ("`a/b", "(quote a/b)"),
        ("`:k", ":k"),
        ("`::k", ":user/k"),
        ("`1", "1"),
        ("`1.5", "1.5"),
        ('`"s"', '"s"'),
        ("`\\a", "\\a"),
        ("`nil", "nil"),
        ("`true", "true"),
        ("`()", "(clojure.core/list)"),
        (
            "`(a b)",
            "(clojure.core/seq (clojure.core/concat"
            " (clojure.core/list (quote user/a)) (clojure.core/list (quote user/b))))",
        ),
        (
            "`(a ~b ~@c)",
            "(clojure.core/seq (clojure.core/concat"
            " (clojure.core/list (quote user/a)) (clojure.core/list b) c))",
        ),
        (
            "`[a ~b]",
            "(clojure.core/apply clojure.core/vector (clojure.core/seq (clojure.core/concat"
            " (clojure.core/list (quote user/a)) (clojure.core/list b))))",
        ),
        (
            "`[]",
            "(clojure.core/apply clojure.core/vector (clojure.core/seq (clojure.core/concat)))",
        ),
        (
            "`{:a ~b}",
            "(clojure.core/apply clojure.core/hash-map (clojure.core/seq (clojure.core/concat"
            " (clojure.core/list :a) (clojure.core/list b))))",
        ),
        (
            "`#{x}",
            "(clojure.core/apply clojure.core/hash-set (clojure.core/seq (clojure.core/concat"
            " (clojure.core/list (quote user/x)))))",
        ),
        ("`~x", "x"),
        ("`~(f x)", "(f x)"),
        (
            "`(1 (2))",
            "(clojure.core/seq (clojure.core/concat (clojure.core/list 1)"
            " (clojure.core/list (clojure.core/seq (clojure.core/concat"
            " (clojure.core/list 2))))))",
        ),
    ],
)
def test_expansions(text, expected):
    same(text, expected)


def test_nested_syntax_quote():
    inner = read_string("`a")
    assert inner == read_string("(quote user/a)")
    same(
        "``a",
        "(clojure.core/seq (clojure.core/concat (clojure.core/list (quote quote))"
        " (clojure.core/list (quote user/a))))",
    )


@pytest.mark.parametrize("name", ["if", "def", "let*", "fn*", "do", "quote", "var", "recur"])
def test_special_forms_are_not_qualified(name):
    same(f"`{name}", f"(quote {name})")


def test_special_forms_set():
    for name in "throw try catch finally loop* letfn* case* new set! . & import*".split():
        assert Symbol(None, name) in SPECIAL_FORMS
    assert Symbol("clojure.core", "import*") in SPECIAL_FORMS
    same("`clojure.core/import*", "(quote clojure.core/import*)")


def test_method_and_constructor_symbols():
    same("`.method", "(quote .method)")
    same("`Foo.", "(quote Foo.)")


class ClassResolver(DefaultResolver):
    """Resolves `String` like a class and `map` to clojure.core, as the analyzer will."""

    def resolve_symbol(self, sym):
        if sym.ns is None and sym.name == "String":
            return Symbol(None, "java.lang.String")
        if sym.ns is None and sym.name == "map":
            return Symbol("clojure.core", "map")
        return super().resolve_symbol(sym)


def test_resolver_is_consulted():
    resolver = ClassResolver("app.core", {"str": "clojure.string"})
    same("`map", "(quote clojure.core/map)", resolver=resolver)
    same("`String.", "(quote java.lang.String.)", resolver=resolver)
    same("`str/join", "(quote clojure.string/join)", resolver=resolver)
    same("`other/x", "(quote other/x)", resolver=resolver)
    same("`x", "(quote app.core/x)", resolver=resolver)


def test_auto_gensyms_are_consistent_within_one_syntax_quote():
    form = sq("`(let [x# 1 y# 2] (+ x# y#))")
    text = repr(form)
    names = re.findall(r"\(quote ([xy]__\d+__auto__)\)", text)
    x_names = {n for n in names if n.startswith("x")}
    y_names = {n for n in names if n.startswith("y")}
    assert len(x_names) == 1 and len(y_names) == 1
    assert len(names) == 4


def test_auto_gensyms_differ_between_syntax_quotes():
    a = repr(sq("`x#"))
    b = repr(sq("`x#"))
    assert a != b
    assert re.fullmatch(r"\(quote x__\d+__auto__\)", a)


def test_fn_literal_params_are_gensymed():
    text = repr(sq("`#(inc %)"))
    assert "(quote fn*)" in text
    assert re.search(r"\(quote p1__\d+__\d+__auto__\)", text)


def test_user_metadata_is_kept_positions_are_not():
    same(
        "`^:foo x",
        "(clojure.core/with-meta (quote user/x) (clojure.core/apply clojure.core/hash-map"
        " (clojure.core/seq (clojure.core/concat (clojure.core/list :foo)"
        " (clojure.core/list true)))))",
    )
    # Only positions: no with-meta wrapper.
    same("`x", "(quote user/x)", file="f.clj")


def test_expansion_carries_no_positions():
    form = sq("`(a)", file="f.clj")
    assert form.meta() is None
    quoted = list(list(list(form)[1])[1])[1]
    assert quoted.meta() is None
    assert list(quoted)[1].meta() is None


def test_position_keys():
    assert {k.name for k in POSITION_KEYS} == {"line", "column", "end-line", "end-column", "file"}


def test_splice_outside_a_list():
    with pytest.raises(ReaderError) as e:
        read_string("(a\n  `~@x)", file="m.clj")
    assert str(e.value) == "m.clj:2:4: splice not in list"


def test_regex_is_quoted():
    form = sq('`#"a+"')
    assert list(form)[0] == S("quote")
    assert list(form)[1].pattern == "a+"


def test_keywords_stay_as_written():
    assert sq("`:a/b") is keyword("a", "b")
