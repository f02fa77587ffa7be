"""clojure.core's view of the host, on Python: data conversion and keyword-argument calls
(runtime/interop.py), iterators and files as seqs, `bean`, `resultset-seq` over DB-API
cursors, exceptions as data (`Throwable->map`), `PrintWriter-on`."""

from __future__ import annotations

import os
import traceback
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import interop
from ..exceptions import IllegalArgumentException, class_name, ex_cause, ex_data, ex_message
from ..maps import array_map
from ..symbols import Symbol, keyword
from ..vectors import vec, vector
from ._chunked import chunked_from_iter
from .registry import core, keyword_options

# -- Python data and calls ---------------------------------------------------------------


@core("py->clj")
def py_to_clj(x: Any, *opts: Any) -> Any:
    """Recursively transforms Python dicts into maps, lists and tuples into vectors, sets
    into sets; other values are left as they are. With option :keywordize-keys true, string
    keys become keywords."""
    keywordize = keyword_options(opts, "keywordize-keys").get("keywordize-keys")
    return interop.to_clj(x, keywordize is not None and keywordize is not False)


@core("clj->py")
def clj_to_py(x: Any, *opts: Any) -> Any:
    """Recursively transforms maps into Python dicts, sets into sets, other collections and
    seqs into lists, keywords (keys and values) into strings with option :keyword-fn
    (default: :a to "a", :ns/a to "ns/a"), symbols and characters into strings. Keys stay
    hashable: vectors and seqs as keys become tuples, sets frozensets."""
    keyword_fn = keyword_options(opts, "keyword-fn").get("keyword-fn")
    return interop.to_py(x) if keyword_fn is None else interop.to_py(x, keyword_fn)


@core("apply-kw", arglists=(("f", "kwargs"), ("f", "&", "args+kwargs")))
def apply_kw(f: Any, *args: Any) -> Any:
    """Calls the Python callable f with the positional args and, as keyword arguments, the
    map that comes last: (apply-kw python/sorted xs {:key count :reverse true}) is Python's
    sorted(xs, key=count, reverse=True). Keys are keywords, symbols or strings; a - in a
    name stands for _."""
    return interop.apply_kw(f, *args)


@core("bean")
def bean(x: Any) -> Any:
    """Takes a Python object and returns a read-only snapshot map of its public attributes
    (names not starting with _, values that are not methods), keyed by keywords."""
    attrs = []
    for name in dir(x):
        if not name.startswith("_"):
            try:
                value = getattr(x, name)
            except Exception:  # a property that throws is left out, as a getter error would be
                continue
            if not callable(value):
                attrs += [keyword(None, name), value]
    return array_map(*attrs)


# -- seqs over host iteration ------------------------------------------------------------


@core("iterator-seq")
def iterator_seq(it: Any) -> Any:
    """Returns a seq on a Python iterator. Note that most collections providing iterators
    implement Iterable and thus support seq directly. Seqs cache values, thus iterator-seq
    should not be used on any iterator that repeatedly returns the same mutable object."""
    return chunked_from_iter(iter(it))


@core("enumeration-seq")
def enumeration_seq(e: Any) -> Any:
    """Returns a seq on a Python iterator (Java's Enumeration)."""
    return chunked_from_iter(iter(e))


def _walk(path: Path) -> Iterator[Path]:
    stack = [path]
    while stack:
        p = stack.pop()
        yield p
        if p.is_dir():
            stack.extend(sorted(p.iterdir(), reverse=True))


@core("file-seq")
def file_seq(dir: Any) -> Any:
    """A tree seq on files: dir (a path string or pathlib.Path), then everything under it,
    depth first, as pathlib.Paths (the host's java.io.File); entries in name order."""
    return chunked_from_iter(_walk(Path(os.fspath(dir))))


@core("resultset-seq")
def resultset_seq(rs: Any) -> Any:
    """Creates and returns a lazy sequence of structmaps corresponding to the rows of a
    DB-API cursor (the host's java.sql.ResultSet), keyed by the lower-cased column names
    as keywords."""
    keys = [keyword(None, str(d[0]).lower()) for d in rs.description]
    if len(set(keys)) != len(keys):
        raise IllegalArgumentException("ResultSet must have unique column labels")

    def rows() -> Iterator[Any]:
        while (row := rs.fetchone()) is not None:
            yield array_map(*(x for kv in zip(keys, row, strict=True) for x in kv))

    return chunked_from_iter(rows())


@core("uri?")
def is_uri(x: Any) -> bool:
    """Return true if x is a parsed URI (urllib.parse's results, the host's java.net.URI)."""
    return isinstance(x, (urllib.parse.ParseResult, urllib.parse.SplitResult))


# -- output and exceptions ---------------------------------------------------------------


class _FnWriter:
    """A writer that hands what it buffered to flush-fn on flush, then close-fn on close."""

    def __init__(self, flush_fn: Any, close_fn: Any) -> None:
        self._parts: list[str] = []
        self._flush_fn = flush_fn
        self._close_fn = close_fn
        self.closed = False

    def write(self, s: str) -> int:
        if self.closed:
            raise ValueError("I/O operation on closed writer")
        self._parts.append(s)
        return len(s)

    def flush(self) -> None:
        text = "".join(self._parts)
        self._parts.clear()
        if text:
            self._flush_fn(text)

    def close(self) -> None:
        if not self.closed:
            self.flush()
            self.closed = True
            if self._close_fn is not None:
                self._close_fn()


@core("PrintWriter-on")
def print_writer_on(flush_fn: Any, close_fn: Any) -> _FnWriter:
    """implements a Writer that will flush to flush-fn, a fn of one string argument; calls
    close-fn (a fn of no args, or nil) on close."""
    return _FnWriter(flush_fn, close_fn)


@core("StackTraceElement->vec")
def stack_trace_element_to_vec(o: Any) -> Any:
    """Constructs a data representation of a stack frame (a traceback.FrameSummary, the
    host's StackTraceElement): [name method file line], the name being the function's."""
    return vector(
        Symbol(None, o.name), Symbol(None, "invoke"), os.path.basename(o.filename), o.lineno
    )


def _trace(t: BaseException) -> Any:
    """The frames of t's traceback, innermost first (Java's order)."""
    frames = reversed(traceback.extract_tb(t.__traceback__))
    return vec([stack_trace_element_to_vec(f) for f in frames])


@core("Throwable->map")
def throwable_to_map(o: Any) -> Any:
    """Constructs a data representation for a Throwable with keys:
    :cause - root cause message
    :phase - error phase
    :via - cause chain, with cause keys:
             :type - exception class symbol
             :message - exception message
             :data - ex-data
             :at - top stack element
    :trace - root cause stack elements"""
    via = []
    t = o
    while t is not None:
        via.append(t)
        t = ex_cause(t)
    root = via[-1]

    def base(t: BaseException) -> Any:
        entry: list[Any] = [keyword(None, "type"), Symbol(None, class_name(type(t)))]
        if (message := ex_message(t)) is not None:
            entry += [keyword(None, "message"), message]
        if (data := ex_data(t)) is not None:
            entry += [keyword(None, "data"), data]
        trace = _trace(t)
        if trace.count():
            entry += [keyword(None, "at"), trace.nth(0)]
        return array_map(*entry)

    result: list[Any] = [keyword(None, "via"), vec([base(t) for t in via])]
    result += [keyword(None, "trace"), _trace(root)]
    if (message := ex_message(root)) is not None:
        result += [keyword(None, "cause"), message]
    if (data := ex_data(root)) is not None:
        result += [keyword(None, "data"), data]
    phase = ex_data(o)
    phase = phase.val_at(keyword("clojure.error", "phase")) if phase is not None else None
    if phase is not None:
        result += [keyword(None, "phase"), phase]
    return array_map(*result)
