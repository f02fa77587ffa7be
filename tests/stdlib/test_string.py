"""clojure.string: every fn, with Java's regex split/replace rules and whitespace."""

from __future__ import annotations

import pytest

REQ = "(require '[clojure.string :as s]) "

CASES = [
    ('(s/join [1 nil :a "b"])', '"1:ab"'),
    ('(s/join ", " [1 2 3])', '"1, 2, 3"'),
    ('(s/join \\- "abc")', '"a-b-c"'),
    ('(s/join "," nil)', '""'),
    ('(s/join "," {:a 1})', '"[:a 1]"'),
    ("(s/blank? nil)", "true"),
    ('(s/blank? " \\t\\n")', "true"),
    ('(s/blank? "\\u00a0")', "false"),
    ('(s/blank? " a ")', "false"),
    ('(s/capitalize "hELLO wORLD")', '"Hello world"'),
    ('(s/capitalize "a")', '"A"'),
    ('(s/capitalize "")', '""'),
    ('(s/upper-case "MiXeD")', '"MIXED"'),
    ('(s/lower-case "MiXeD")', '"mixed"'),
    ('(s/reverse "abc")', '"cba"'),
    ('(s/starts-with? "clojure" "clo")', "true"),
    ('(s/ends-with? "clojure" "ure")', "true"),
    ('(s/includes? "clojure" "oju")', "true"),
    ('(s/includes? "clojure" "x")', "false"),
    ('(s/index-of "abcabc" \\b)', "1"),
    ('(s/index-of "abcabc" "bc" 2)', "4"),
    ('(s/index-of "abcabc" "bc" -5)', "1"),
    ('(s/index-of "abc" "z")', "nil"),
    ('(s/last-index-of "abcabc" "bc")', "4"),
    ('(s/last-index-of "abcabc" \\b 3)', "1"),
    ('(s/last-index-of "abcabc" "b" -1)', "nil"),
    ('(s/trim " \\t a b \\n ")', '"a b"'),
    ('(count (s/trim "\\u00a0a\\u00a0"))', "3"),
    ('(s/triml "  a  ")', '"a  "'),
    ('(s/trimr "  a  ")', '"  a"'),
    ('(s/trim-newline "abc\\r\\n\\n")', '"abc"'),
    ('(s/trim-newline "abc \\n")', '"abc "'),
    ('(s/escape "a<b>&" {\\< "&lt;" \\> "&gt;" \\& "&amp;"})', '"a&lt;b&gt;&amp;"'),
    ('(s/escape "abc" {\\a 1})', '"1bc"'),
    ('(s/split "a,b,,c,," #",")', '["a" "b" "" "c"]'),
    ('(s/split "a,b,c" #"," 2)', '["a" "b,c"]'),
    ('(s/split "a,b,," #"," -1)', '["a" "b" "" ""]'),
    ('(s/split "abc" #"")', '["a" "b" "c"]'),
    ('(s/split "" #",")', '[""]'),
    ('(s/split "," #",")', "[]"),
    ('(s/split " a  b " #"\\s+")', '["" "a" "b"]'),
    ('(s/split "a1b22c" #"(\\d)+")', '["a" "b" "c"]'),
    ('(s/split-lines "a\\nb\\r\\nc\\n\\n")', '["a" "b" "c"]'),
    ('(s/replace "a.b.c" "." "/")', '"a/b/c"'),
    ('(s/replace "a.b.c" \\. \\/)', '"a/b/c"'),
    ('(s/replace "a$b" "$" "\\\\")', '"a\\\\b"'),
    ('(s/replace "Almost Pig Latin" #"\\b(\\w)(\\w+)\\b" "$2$1ay")', '"lmostAay igPay atinLay"'),
    ('(s/replace "2020-01-02" #"(?<y>\\d+)-(\\d+)-(\\d+)" "$3/$2/${y}")', '"02/01/2020"'),
    ('(s/replace "a1b2" #"\\d" "\\\\$")', '"a$b$"'),
    ('(s/replace "abc" #"b" (s/re-quote-replacement "$1\\\\"))', '"a$1\\\\c"'),
    ('(s/replace "hello" #"l+" s/upper-case)', '"heLLo"'),
    ('(s/replace "a1 b22" #"([a-z])(\\d+)" (fn [[_ l d]] (str d l)))', '"1a 22b"'),
    ('(s/replace "ab" #"(x)?b" (fn [[m x]] (str "<" x ">")))', '"a<>"'),
    ('(s/replace-first "aaa" "a" "b")', '"baa"'),
    ('(s/replace-first "a.a" \\. \\-)', '"a-a"'),
    ('(s/replace-first "abab" #"(a)(b)" "$2$1")', '"baab"'),
    ('(s/replace-first "abab" #"b" (constantly "X"))', '"aXab"'),
    ('(s/re-quote-replacement "$1\\\\x")', '"\\\\$1\\\\\\\\x"'),
]


@pytest.mark.parametrize("expr, expected", CASES)
def test_string_fns(run, expr, expected):
    assert run(REQ + f"(pr-str {expr})") == expected


@pytest.mark.parametrize(
    "expr, message",
    [
        ('(s/replace "a" #"a" "$2")', "No group 2"),
        ('(s/replace "a" #"a" "x\\\\")', "character to be escaped is missing"),
        ('(s/replace "a" #"a" "${nope}")', "No group with name {nope}"),
        ('(s/replace "a" 1 "b")', "Invalid match arg: 1"),
    ],
)
def test_replacement_errors(run, expr, message):
    assert run(REQ + f"(try {expr} (catch Exception e (ex-message e)))") == message


def test_docstrings_and_arglists(run):
    text = "(map (comp :arglists meta) [#'s/split #'s/join])"
    assert run(REQ + f"(pr-str {text})") == "(([s re] [s re limit]) ([coll] [separator coll]))"
