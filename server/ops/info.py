"""`info` and `eldoc` (cider-nrepl's) and `lookup` (nREPL's): what editors show about a
symbol — documentation, signatures, and where it is defined (jump to definition)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..handler import Request
from .tooling import tooling_op

if TYPE_CHECKING:
    from ..introspect import Target
    from ..language import Language

_SYMBOL_DOC = {
    "sym": "The symbol (CIDER).",
    "symbol": "The symbol (Calva).",
    "ns": "The namespace it is read in (default: the session's).",
}


def _target(req: Request) -> Target | None:
    """What the request's `sym` (or `symbol`) names."""
    from .. import introspect

    text = req.get("sym", req.get("symbol"))
    if not isinstance(text, str):
        return None
    return introspect.resolve(introspect.request_ns(req), text)


@tooling_op(
    "info",
    doc="Documentation and location of a var, special form, namespace or Python object.",
    optional=_SYMBOL_DOC,
    returns={
        "name": "Its name.",
        "ns": "Its namespace (or Python module).",
        "doc": "Its docstring.",
        "arglists-str": "Its signatures, one per line.",
        "file": "The file it is defined in, as a file: URI.",
        "line": "The line of its definition (1-based).",
        "column": "The column of its definition (1-based).",
        "macro": '"true" for a macro.',
        "special-form": '"true" for a special form.',
        "status": "no-info when the symbol names nothing.",
    },
)
def info(req: Request, lang: Language) -> None:
    from .. import introspect

    target = _target(req)
    if target is None:
        req.done(status=["no-info"])
    else:
        req.done(introspect.info(target))


@tooling_op(
    "lookup",
    doc="nREPL's lookup: the info of a symbol, as one map.",
    optional=_SYMBOL_DOC,
    returns={
        "info": "name ns doc arglists arglists-str file line column macro special-form "
        "({} when the symbol names nothing)."
    },
)
def lookup(req: Request, lang: Language) -> None:
    from .. import introspect

    target = _target(req)
    found: dict[str, Any] = introspect.info(target) if target is not None else {}
    req.done({"info": found})


@tooling_op(
    "eldoc",
    doc="The signatures of a function, macro or special form, for the echo area.",
    optional=_SYMBOL_DOC,
    returns={
        "eldoc": "Its arglists, each a list of parameter strings.",
        "name": "Its name.",
        "ns": "Its namespace.",
        "type": "function, macro, special-form or variable.",
        "docstring": "Its docstring.",
        "status": "no-eldoc when there is none.",
    },
)
def eldoc(req: Request, lang: Language) -> None:
    from .. import introspect

    target = _target(req)
    found = introspect.eldoc(target) if target is not None else None
    if found is None:
        req.done(status=["no-eldoc"])
    else:
        req.done(found)
