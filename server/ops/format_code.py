"""`format-code`: CIDER's `cider-format-buffer`/`-region`/`-defun` (Calva formats on its own)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..formatting import reindent
from ..handler import Request
from .tooling import tooling_op

if TYPE_CHECKING:
    from ..language import Language


@tooling_op(
    "format-code",
    doc="Re-indent code as the Clojure style guide does (tokens, comments and strings are "
    "kept as written).",
    requires={"code": "The code."},
    optional={"options": "cljfmt options (ignored)."},
    returns={"formatted-code": "The re-indented code."},
)
def format_code(req: Request, lang: Language) -> None:
    code = req.get("code")
    if not isinstance(code, str):
        req.error("no-code")
        return
    req.done({"formatted-code": reindent(code)})
