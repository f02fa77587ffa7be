"""Shared helpers: look clojure.core functions up through their vars, as compiled code does."""

from __future__ import annotations

from typing import Any

from pyjank.runtime.corelib import load_all
from pyjank.runtime.namespaces import CORE_NS
from pyjank.runtime.printer import pr_str
from pyjank.runtime.symbols import keyword, symbol

load_all()


def core(name: str) -> Any:
    """The root value of `clojure.core/name`."""
    var = CORE_NS.find_interned_var(name)
    assert var is not None, f"clojure.core/{name} is not defined"
    return var.root


def pr(x: Any) -> str:
    """`pr-str`, to compare results with Clojure's printed output."""
    return pr_str(x)


def kw(name: str) -> Any:
    return keyword(name)


def sym(name: str) -> Any:
    return symbol(name)


def v(*xs: Any) -> Any:
    return core("vector")(*xs)


def lst(*xs: Any) -> Any:
    return core("list")(*xs)


def m(*kvs: Any) -> Any:
    return core("array-map")(*kvs)
