"""Property tests: any text reads to forms or a ReaderError, never another exception or a
hang; printed data reads back equal; each top-level form's offsets delimit its text."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyjank.compiler.reader import Reader, ReaderError, read_all, read_string
from pyjank.runtime.characters import char
from pyjank.runtime.lists import list_from
from pyjank.runtime.maps import map_from_pairs
from pyjank.runtime.printer import pr_str
from pyjank.runtime.sets import set_from
from pyjank.runtime.symbols import Symbol, keyword
from pyjank.runtime.vectors import vec

FRAGMENTS = [
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "#{",
    "#(",
    "#?(",
    "#?@(",
    "#_",
    "#'",
    "#^",
    "#=",
    "#<",
    "#!",
    "##",
    "##Inf",
    "#:a{",
    "#::{",
    "#inst",
    "#uuid",
    "#foo",
    '#"',
    "^",
    "^:a",
    "^{",
    "'",
    "`",
    "~",
    "~@",
    "@",
    "%",
    "%1",
    "%&",
    "\\",
    "\\a",
    "\\u",
    "\\o",
    "\\newline",
    '"',
    '\\"',
    "\\n",
    "\\u00",
    ";",
    "\n",
    " ",
    ",",
    ":",
    "::",
    ":a",
    "::a/b",
    ":a/b",
    "/",
    "a/",
    "x",
    "x#",
    "a.b",
    "Foo.",
    ".m",
    "nil",
    "true",
    "false",
    "0",
    "1",
    "-1",
    "+",
    "1/2",
    "0x1F",
    "017",
    "2r",
    "1.5",
    "1e",
    "M",
    "N",
    ":pyjank",
    ":default",
    ":clj",
    "#js",
    '"2020-01-01"',
    '"s"',
    "λ",
    "\t",
    "\r\n",
]

fragment_text = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
char_text = st.text(
    alphabet=st.sampled_from(list("()[]{}#^'`~@%\\\";:/., 0123456789abxNMrRe+-_?&=<>\n\tuoλ")),
    max_size=60,
)


def reads_or_raises_reader_error(text: str, **options) -> None:
    try:
        read_all(text, **options)
    except ReaderError:
        pass


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragment_text, st.booleans())
def test_fragments_never_crash(text, conditionals):
    reads_or_raises_reader_error(text, allow_conditionals=conditionals)


@settings(max_examples=600, deadline=None)
@given(char_text, st.booleans())
def test_characters_never_crash(text, conditionals):
    reads_or_raises_reader_error(text, allow_conditionals=conditionals)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_unicode_never_crashes(text):
    reads_or_raises_reader_error(text, allow_conditionals=True)


names = st.from_regex(r"[a-z][a-z0-9\-?!*]{0,6}", fullmatch=True).filter(
    lambda s: s not in ("nil", "true", "false")
)
atoms = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=10),
    st.builds(char, st.characters(exclude_categories=("Cs",))),
    st.builds(keyword, st.one_of(st.none(), names), names),
    st.builds(Symbol, st.one_of(st.none(), names), names),
)
data = st.recursive(
    atoms,
    lambda children: st.one_of(
        st.lists(children, max_size=5).map(vec),
        st.lists(children, max_size=5).map(list_from),
        st.lists(children, max_size=5).map(set_from),
        st.lists(st.tuples(children, children), max_size=5).map(map_from_pairs),
    ),
    max_leaves=20,
)


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


@settings(max_examples=300, deadline=None)
@given(data)
def test_printed_data_reads_back(value):
    assert same(read_string(pr_str(value)), value)


@settings(max_examples=200, deadline=None)
@given(st.lists(data, min_size=1, max_size=5), st.sampled_from([" ", "\n", " ; c\n", ",\n\t"]))
def test_offsets_delimit_each_form(values, separator):
    text = separator + separator.join(pr_str(v) for v in values) + separator
    reader = Reader(text)
    for value in values:
        form = reader.read()
        assert same(form, value)
        assert same(read_string(text[reader.form_start : reader.form_end]), value)
