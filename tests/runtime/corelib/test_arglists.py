"""`:arglists` of the clojure.core fns written in Python, derived from their signatures."""

from __future__ import annotations

from pyjank.runtime.corelib import load_all
from pyjank.runtime.corelib.registry import signature_arglists
from pyjank.runtime.namespaces import CORE_NS
from pyjank.runtime.printer import pr_str
from pyjank.runtime.symbols import keyword

load_all()


def arglists(name: str) -> str | None:
    meta = CORE_NS.find_interned_var(name).meta()
    found = meta.val_at(keyword(None, "arglists"))
    return None if found is None else pr_str(found)


def test_derived_from_signatures():
    assert arglists("get") == "([coll k] [coll k not-found])"
    assert arglists("map") == "([f] [f coll] [f coll & colls])"
    assert arglists("inc") == "([x])"
    assert arglists("persistent!") == "([coll])"


def test_given_where_the_signature_says_less():
    assert arglists("read-string") == "([s] [opts s])"
    assert arglists("re-find") == "([m] [re s])"


def test_values_have_none():
    assert arglists("*clojure-version*") is None
    assert arglists("default-data-readers") is None


def test_signature_arglists():
    def f(a, b=1, *more, key=None):
        pass

    assert signature_arglists(f) == [["a"], ["a", "b"], ["a", "b", "&", "more"]]
    assert signature_arglists(object()) is None
