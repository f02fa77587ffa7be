"""The pipeline driver: one top-level form in, its value out (design §1).

Top-level `do` forms are evaluated one sub-form at a time, as Clojure does, so a `(do
(import ...) (use-it))` or an `in-ns` takes effect for the forms after it: `leaves` yields the
analyzed sub-forms lazily, each analyzed only after the one before it ran. Forms whose tree is
only constants, var reads and calls are run directly; everything else goes through tier 0's
bytecode generator. The per-form cache (`compiler/cache/`) drives the same leaves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, NamedTuple

from ..runtime.core_vars import current_ns
from ..runtime.interfaces import ISeq
from ..runtime.namespaces import Namespace
from ..runtime.symbols import Symbol
from . import nodes as n
from .analyzer import Analyzer
from .intrinsics import IMPLEMENTATIONS
from .tier0.generator import Module

_DO = Symbol(None, "do")


class Compiled(NamedTuple):
    """A top-level node made runnable: `module` is None when it runs without codegen."""

    thunk: Callable[[], Any]
    module: Module | None


class Leaf:
    """One analyzed top-level form (a `do`'s sub-forms are separate leaves)."""

    __slots__ = ("analyzer", "node", "file")

    def __init__(self, analyzer: Analyzer, node: n.Node, file: str | None) -> None:
        self.analyzer, self.node, self.file = analyzer, node, file

    def compile(self) -> Compiled:
        return compile_node(self.node, self.file or "NO_SOURCE_FILE", self.analyzer.top_name)

    def run(self) -> Any:
        analyzer = self.analyzer
        return run_located(self.compile().thunk, analyzer.top_name, self.file, analyzer.top_line)


def leaves(
    form: Any, ns: Namespace | None = None, file: str | None = None, origin: Any = None
) -> Iterator[Leaf]:
    """The leaves of a top-level form, each analyzed when the caller asks for it. `origin` is
    the form it was expanded from, whose position stands in for the expansion's (a `defn`'s
    var gets the line of the `defn`). What expanding a `do` depended on is recorded with its
    first leaf."""
    analyzer = Analyzer(ns if ns is not None else current_ns(), file)
    origin = form if origin is None else origin
    if isinstance(form, ISeq):
        expanded = analyzer.macroexpand(form)
        if isinstance(expanded, ISeq) and expanded.first() == _DO and expanded.next() is not None:
            outer = analyzer.record
            for sub in expanded.rest():
                for leaf in leaves(sub, ns, file, origin):
                    if outer is not None:
                        leaf.analyzer.record.merge(outer)
                        outer = None
                    yield leaf
            return
        form = expanded
    yield Leaf(analyzer, analyzer.analyze_top(form, origin), file)


def eval_form(
    form: Any, ns: Namespace | None = None, file: str | None = None, origin: Any = None
) -> Any:
    """Evaluate one top-level form in `ns` (default: `*ns*`)."""
    result = None
    for leaf in leaves(form, ns, file, origin):
        result = leaf.run()
    return result


def run_located(thunk: Callable[[], Any], name: str, file: str | None, line: int | None) -> Any:
    """Run a top-level form's thunk. An error raised outside any pyjank frame (a core fn
    called directly from the top level) is reported at the top-level form, as Clojure's
    `eval123`."""
    try:
        return thunk()
    except Exception as e:
        if not hasattr(e, "pyjank_location"):
            e.pyjank_location = (name, file or "NO_SOURCE_FILE", line)
        raise


def compile_node(node: n.Node, filename: str, display: str) -> Compiled:
    """An analyzed top-level node made runnable: directly when trivial, else through tier 0."""
    if _is_simple(node):
        return Compiled(partial(_run_simple, node), None)
    module = Module(filename)
    return Compiled(module.compile_thunk(node, display), module)


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
