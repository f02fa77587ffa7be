"""`complete` (cider-nrepl's, used by CIDER and Calva) and `completions` (nREPL's own):
candidates for the symbol or keyword being typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..handler import Request
from .tooling import tooling_op

if TYPE_CHECKING:
    from ..language import Language


@tooling_op(
    "complete",
    "completions",
    doc="Completion candidates for a prefix: vars, macros, special forms, namespaces and "
    "aliases, keywords, and Python module or class members after `module/`.",
    requires={"prefix": "The text typed so far (Calva sends it as `symbol`)."},
    optional={
        "ns": "The namespace completing in (default: the session's).",
        "symbol": "Same as prefix.",
        "extra-metadata": 'More keys for var candidates: "arglists", "doc".',
        "context": "The enclosing top-level form, __prefix__ standing for the prefix: its "
        "locals are candidates too.",
    },
    returns={"completions": "A list of {candidate type ns?}, sorted by candidate."},
)
def complete(req: Request, lang: Language) -> None:
    from .. import introspect

    prefix = req.get("prefix", req.get("symbol", ""))
    context = req.get("context")
    candidates = introspect.completions(
        introspect.request_ns(req),
        prefix if isinstance(prefix, str) else "",
        context if isinstance(context, str) else None,
        frozenset(introspect.strings(req.get("extra-metadata"))),
    )
    req.done({"completions": candidates})
