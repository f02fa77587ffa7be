"""The reader as clojure.core exposes it: `read`, `read+string`, `read-string`, `line-seq`,
`load-reader`, tagged literals and reader conditionals as values, `default-data-readers`.

`read` and `read-string` honour `*data-readers*` and `*default-data-reader-fn*` and take
Clojure's opts map (`:eof`, `:read-cond :allow`, `:features`); `::kw` and syntax-quote
resolve against `*ns*`, as in Clojure. Streams go through runtime/streams.py.
"""

from __future__ import annotations

from typing import Any

from ...compiler.reader import DEFAULT_FEATURES, Reader, ReaderEOFError
from ...compiler.reader.tagged import BUILTIN_DATA_READERS
from .. import core_vars as cv
from ..equality import hash_ordered
from ..exceptions import IllegalArgumentException, register_class_name
from ..interfaces import ILookup
from ..maps import hash_map
from ..printer import pr_on, register_print_method
from ..seqs import IterSeq, to_iter
from ..streams import EOF, read_form, reader_for
from ..symbols import keyword
from ..vectors import vector
from .registry import core, intern_fn

_THROW: Any = object()
_NONE: Any = object()
_K_EOF = keyword(None, "eof")
_K_EOFTHROW = keyword(None, "eofthrow")
_K_READ_COND = keyword(None, "read-cond")
_K_ALLOW = keyword(None, "allow")
_K_FEATURES = keyword(None, "features")
_K_TAG = keyword(None, "tag")
_K_FORM = keyword(None, "form")
_K_SPLICING = keyword(None, "splicing?")


intern_fn(
    "*reader-resolver*",
    None,
    doc="A resolver of the reader's auto-resolved names (unused: pyjank reads them against *ns*).",
).set_dynamic()
intern_fn("*suppress-read*", None, doc="Unused; kept for code that binds it.").set_dynamic()


def _reader_options(opts: Any) -> dict[str, Any]:
    """Keyword arguments for compiler.reader.Reader from an opts map and the reader vars."""
    from ...compiler.ns_resolver import NamespaceResolver

    options: dict[str, Any] = {
        "resolver": NamespaceResolver(),
        "data_readers": cv.DATA_READERS.deref(),
        "default_data_reader_fn": cv.DEFAULT_DATA_READER_FN.deref(),
    }
    if opts is not None:
        mode = opts.val_at(_K_READ_COND)
        if mode is _K_ALLOW:
            options["allow_conditionals"] = True
        elif mode is not None:
            raise IllegalArgumentException(f"Unsupported :read-cond mode: {mode} (only :allow)")
        features = opts.val_at(_K_FEATURES)
        if features is not None:
            options["features"] = DEFAULT_FEATURES | frozenset(to_iter(features))
    return options


def _eof_option(opts: Any) -> Any:
    eof = opts.val_at(_K_EOF, _THROW) if opts is not None else _THROW
    return _THROW if eof is _K_EOFTHROW else eof


def _read(args: tuple) -> tuple[Any, str]:
    """`read`'s arities: () (stream) (stream eof-error? eof-value [recursive?])
    (opts stream). Returns the form and its text."""
    opts = None
    if not args:
        stream, eof = cv.IN.deref(), _THROW
    elif len(args) == 1:
        stream, eof = args[0], _THROW
    elif len(args) == 2:
        opts, stream = args
        eof = _eof_option(opts)
    else:
        stream, eof_error, eof = args[:3]
        if eof_error is not None and eof_error is not False:
            eof = _THROW
    options = _reader_options(opts)
    form, text = read_form(
        reader_for(stream),
        lambda text, line, column: Reader(text, line=line, column=column, **options),
    )
    if form is EOF:
        if eof is _THROW:
            raise ReaderEOFError("EOF while reading")
        return eof, ""
    return form, text.strip()


@core("read")
def read(*args: Any) -> Any:
    """Reads the next object from stream (default *in*: any Python text stream), which is
    left after it. opts is a persistent map with valid keys: :read-cond - :allow to process
    reader conditionals; :features - persistent set of feature keywords for reader
    conditionals; :eof - on eof, return value unless :eofthrow, then throw. If not
    specified, will throw. Note that read can execute code (controlled by *read-eval*), and
    as such should be used only with trusted sources. For data structure interop use
    clojure.edn/read"""
    return _read(args)[0]


@core("read+string")
def read_plus_string(*args: Any) -> Any:
    """Like read, and taking the same args. Returns a vector containing the object read and
    the (whitespace-trimmed) string read."""
    return vector(*_read(args))


@core("read-string", arglists=(("s",), ("opts", "s")))
def read_string(opts: Any, s: Any = _NONE) -> Any:
    """Reads one object from the string s. Optionally include reader options, as specified
    in read. Note that read-string can execute code (controlled by *read-eval*), and as such
    should be used only with trusted sources. For data structure interop use
    clojure.edn/read-string"""
    if s is _NONE:
        opts, s = None, opts
    form = Reader(s, **_reader_options(opts)).read(EOF)
    if form is not EOF:
        return form
    eof = _eof_option(opts)
    if eof is _THROW:
        raise ReaderEOFError("EOF while reading")
    return eof


@core("line-seq")
def line_seq(rdr: Any) -> Any:
    """Returns the lines of text from rdr (a Python text stream) as a lazy sequence of
    strings, without their line terminators."""
    readline = reader_for(rdr).readline

    def lines() -> Any:
        while line := readline():
            yield line.removesuffix("\n").removesuffix("\r")

    return IterSeq.from_iter(lines())


@core("load-reader")
def load_reader(rdr: Any) -> Any:
    """Sequentially read and evaluate the set of forms contained in the stream/file"""
    from ...compiler.loader import load_string

    return load_string(reader_for(rdr).read())


intern_fn(
    "default-data-readers",
    hash_map(*(x for kv in BUILTIN_DATA_READERS.items() for x in kv)),
    doc="Default map of data reader functions provided by Clojure. May be overridden by "
    "binding *data-readers*.",
)


# -- tagged literals and reader conditionals as values -------------------------------------


class TaggedLiteral(ILookup):
    """`(tagged-literal tag form)`: an unknown `#tag form` kept as data (:tag, :form)."""

    __slots__ = ("tag", "form")

    def __init__(self, tag: Any, form: Any) -> None:
        self.tag = tag
        self.form = form

    def val_at(self, k: Any, not_found: Any = None) -> Any:
        if k is _K_TAG:
            return self.tag
        if k is _K_FORM:
            return self.form
        return not_found

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, TaggedLiteral) and self.tag == other.tag and self.form == other.form
        )

    def __hash__(self) -> int:
        return hash_ordered((self.tag, self.form))


class ReaderConditional(ILookup):
    """`(reader-conditional form splicing?)`: a `#?(...)` kept as data (:form,
    :splicing?)."""

    __slots__ = ("form", "splicing")

    def __init__(self, form: Any, splicing: bool) -> None:
        self.form = form
        self.splicing = splicing

    def val_at(self, k: Any, not_found: Any = None) -> Any:
        if k is _K_FORM:
            return self.form
        if k is _K_SPLICING:
            return self.splicing
        return not_found

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ReaderConditional)
            and self.splicing == other.splicing
            and self.form == other.form
        )

    def __hash__(self) -> int:
        return hash_ordered((self.form, self.splicing))


def _print_tagged(x: TaggedLiteral, w: Any) -> None:
    w.write(f"#{x.tag} ")
    pr_on(x.form, w)


def _print_conditional(x: ReaderConditional, w: Any) -> None:
    w.write("#?@" if x.splicing else "#?")
    pr_on(x.form, w)


register_print_method(TaggedLiteral, _print_tagged)
register_print_method(ReaderConditional, _print_conditional)
register_class_name(TaggedLiteral, "clojure.lang.TaggedLiteral")
register_class_name(ReaderConditional, "clojure.lang.ReaderConditional")


@core("tagged-literal")
def tagged_literal(tag: Any, form: Any) -> TaggedLiteral:
    """Construct a data representation of a tagged literal from a tag symbol and a form."""
    return TaggedLiteral(tag, form)


@core("tagged-literal?")
def is_tagged_literal(value: Any) -> bool:
    """Return true if the value is the data representation of a tagged literal"""
    return isinstance(value, TaggedLiteral)


@core("reader-conditional")
def reader_conditional(form: Any, splicing: Any) -> ReaderConditional:
    """Construct a data representation of a reader conditional. If true, splicing? indicates
    read-cond-splicing."""
    return ReaderConditional(form, splicing is not None and splicing is not False)


@core("reader-conditional?")
def is_reader_conditional(value: Any) -> bool:
    """Return true if the value is the data representation of a reader conditional"""
    return isinstance(value, ReaderConditional)
