"""`ns-list`, `ns-vars` and `ns-path`: the loaded namespaces, their vars and their files.
Calva asks `ns-list` before hovers and completions (without it, it re-evaluates the
buffer's ns form every time); CIDER uses it to prompt for a namespace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..handler import Request
from .tooling import tooling_op

if TYPE_CHECKING:
    from ..language import Language


@tooling_op(
    "ns-list",
    doc="The names of the loaded namespaces, sorted.",
    optional={
        "exclude-regexps": "Leave out namespaces these regexps find.",
        "filter-regexps": "Same as exclude-regexps (its older name).",
    },
    returns={"ns-list": "The namespace names."},
)
def ns_list(req: Request, lang: Language) -> None:
    from .. import introspect

    exclude = [
        *introspect.strings(req.get("exclude-regexps")),
        *introspect.strings(req.get("filter-regexps")),
    ]
    req.done({"ns-list": introspect.ns_names(exclude)})


@tooling_op(
    "ns-vars",
    doc="The names of a namespace's public vars, sorted.",
    requires={"ns": "The namespace."},
    optional={"var-query": "{private? true} to include private vars."},
    returns={"ns-vars": "The var names.", "status": "namespace-not-found with error."},
)
def ns_vars(req: Request, lang: Language) -> None:
    from .. import introspect

    ns = lang.find_ns(str(req.get("ns", "")))
    if ns is None:
        req.error("namespace-not-found", fields={"ns": str(req.get("ns", ""))})
        return
    query = req.get("var-query")
    private = isinstance(query, dict) and bool(query.get("private?"))
    req.done({"ns-vars": introspect.ns_var_names(ns, private)})


@tooling_op(
    "ns-path",
    doc="The file a namespace is loaded from.",
    requires={"ns": "The namespace."},
    returns={
        "path": 'Its absolute path ("" when unknown).',
        "url": "Its file: URI (absent when unknown).",
    },
)
def ns_path(req: Request, lang: Language) -> None:
    from .. import introspect

    ns = lang.find_ns(str(req.get("ns", "")))
    path = introspect.ns_path(ns) if ns is not None else None
    if path is None:
        req.done({"path": ""})
    else:
        req.done({"path": str(path), "url": path.as_uri()})
