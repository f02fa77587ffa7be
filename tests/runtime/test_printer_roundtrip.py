"""Reading what `pr-str` printed gives back an equal value with an equal hash."""

import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from pyjank.compiler.reader import read_string
from pyjank.runtime.characters import char
from pyjank.runtime.lists import list_
from pyjank.runtime.maps import hash_map
from pyjank.runtime.printer import pr_str
from pyjank.runtime.sets import hash_set
from pyjank.runtime.symbols import keyword, symbol
from pyjank.runtime.vectors import vector

_FIRST = "abcdefghijklmnopqrstuvwxyzABCXYZλ"
_REST = _FIRST + "0123456789-_?!*+<>=."
names = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(_FIRST),
    st.text(alphabet=_REST, max_size=6),
).filter(lambda s: s not in ("nil", "true", "false") and not s.endswith("."))
namespaces = st.none() | names

ratios = st.fractions().filter(lambda f: f.denominator != 1)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.integers(min_value=-(2**200), max_value=2**200)
    | st.floats(allow_nan=False)
    | ratios
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.characters().map(char)
    | st.builds(keyword, namespaces, names)
    | st.builds(symbol, namespaces, names)
)

values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5).map(lambda xs: vector(*xs))
        | st.lists(inner, max_size=5).map(lambda xs: list_(*xs))
        | st.lists(inner, max_size=5).map(lambda xs: hash_set(*xs))
        | st.lists(st.tuples(inner, inner), max_size=5).map(
            lambda kvs: hash_map(*[x for kv in kvs for x in kv])
        )
    ),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(values)
def test_read_of_pr_str_is_equal(v):
    text = pr_str(v)
    back = read_string(text)
    assert back == v, text
    assert hash(back) == hash(v), text
    assert pr_str(back) == text


def test_special_doubles():
    assert read_string(pr_str(math.inf)) == math.inf
    assert read_string(pr_str(-math.inf)) == -math.inf
    assert math.isnan(read_string(pr_str(math.nan)))
    assert read_string(pr_str(vector(math.inf, -0.0))) == vector(math.inf, -0.0)
    assert math.copysign(1.0, read_string(pr_str(-0.0))) == -1.0


def test_big_and_ratio_suffixes():
    for v in (2**63, -(2**63) - 1, 7**3000, Fraction(-1, 3)):
        assert read_string(pr_str(v)) == v
