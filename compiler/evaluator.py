"""The pipeline driver: one top-level form in, its value out (design §1).

Top-level `do` forms are evaluated one sub-form at a time, as Clojure does, so a `(do
(import ...) (use-it))` or an `in-ns` takes effect for the forms after it. Forms whose tree is
only constants, var reads and calls are run directly; everything else goes through tier 0's
bytecode generator.
"""

from __future__ import annotations

from typing import Any

from ..runtime.core_vars import current_ns
from ..runtime.interfaces import ISeq
from ..runtime.namespaces import Namespace
from ..runtime.symbols import Symbol
from . import nodes as n
from .analyzer import Analyzer
from .intrinsics import IMPLEMENTATIONS
from .tier0.generator import Module

_DO = Symbol(None, "do")


def eval_form(
    form: Any, ns: Namespace | None = None, file: str | None = None, origin: Any = None
) -> Any:
    """Evaluate one top-level form in `ns` (default: `*ns*`). `origin` is the form it was
    expanded from, whose position stands in for the expansion's (a `defn`'s var gets the
    line of the `defn`)."""
    analyzer = Analyzer(ns if ns is not None else current_ns(), file)
    origin = form if origin is None else origin
    if isinstance(form, ISeq):
        expanded = analyzer.macroexpand(form)
        if isinstance(expanded, ISeq) and expanded.first() == _DO:
            result = None
            for sub in expanded.rest():
                result = eval_form(sub, None if ns is None else ns, file, origin)
            return result
        form = expanded
    node = analyzer.analyze_top(form, origin)
    try:
        return run_node(node, file or "NO_SOURCE_FILE", analyzer)
    except Exception as e:
        if not hasattr(e, "pyjank_location"):
            # Where to report an error raised outside any pyjank frame (a core fn called
            # directly from the top level): the top-level form, as Clojure's `eval123`.
            e.pyjank_location = (analyzer.top_name, file or "NO_SOURCE_FILE", analyzer.top_line)
        raise


def run_node(node: n.Node, filename: str, analyzer: Analyzer) -> Any:
    """Run an analyzed top-level node: directly when trivial, else through tier 0."""
    if _is_simple(node):
        return _run_simple(node)
    module = Module(filename)
    thunk = module.compile_thunk(node, analyzer.top_name)
    return thunk()


_LEAVES = (n.Const, n.VarRef, n.TheVar)


def _is_simple(node: n.Node) -> bool:
    if isinstance(node, _LEAVES):
        return True
    if isinstance(node, n.Invoke):
        return all(isinstance(x, _LEAVES) for x in (node.fn, *node.args))
    if isinstance(node, n.Intrinsic):
        return all(isinstance(x, _LEAVES) for x in node.args)
    return False


def _run_simple(node: n.Node) -> Any:
    """Direct evaluation of a tree of constants, var reads and one call: no codegen, so an
    editor's `(+ 1 2)` or `(in-ns 'x)` answers in microseconds."""
    if isinstance(node, n.Const):
        return node.value
    if isinstance(node, n.VarRef):
        return node.var.deref()
    if isinstance(node, n.TheVar):
        return node.var
    args = [_run_simple(a) for a in node.args]
    if isinstance(node, n.Intrinsic):
        return IMPLEMENTATIONS[node.op](*args)
    assert isinstance(node, n.Invoke)
    return _run_simple(node.fn)(*args)
