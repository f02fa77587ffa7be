"""`macroexpand`: CIDER's macroexpansion buffer (C-c C-m and friends)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..handler import Request
from ..printing import PrintOptions
from .tooling import tooling_op

if TYPE_CHECKING:
    from ..language import Language


@tooling_op(
    "macroexpand",
    doc="Expand the macros of a form.",
    requires={"code": "The form."},
    optional={
        "ns": "The namespace to expand in (default: the session's).",
        "expander": "macroexpand-1, macroexpand (the default) or macroexpand-all.",
        "display-namespaces": "qualified (the default), tidy (as written in ns) or none.",
    },
    returns={"expansion": "The expanded form, printed."},
)
def macroexpand(req: Request, lang: Language) -> None:
    from .. import introspect, macroexpansion

    code = req.get("code")
    if not isinstance(code, str):
        req.error("no-code")
        return
    form = macroexpansion.expand(
        code,
        introspect.request_ns(req),
        str(req.get("expander", "macroexpand")),
        str(req.get("display-namespaces", "qualified")),
    )
    req.done({"expansion": lang.print_value(form, PrintOptions(pretty=True))})
