"""nREPL's print middleware keys (`nrepl.middleware.print/*`) and how values are sent.

Clients name a printer var: CIDER `cider.nrepl.pprint/pr`, `.../pprint`,
`.../clojure-pprint`...; Calva `cider.nrepl.pprint/pprint`. The pretty ones map to pyjank's
pretty printer, everything else to `pr`; an unknown name never fails the eval (brief §6.6).
Options accept the aliases clients use (`right-margin`/`width`, `length`/`print-length`/
`max-length`, `level`/`print-level`/`max-depth`). `quota` truncates a value and adds the
`truncated` status; `stream?` sends the value in `buffer-size` chunks followed by a message
with `ns`, as the reference server does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .handler import Request, truthy

PREFIX = "nrepl.middleware.print/"
TRUNCATED = PREFIX + "truncated"
DEFAULT_BUFFER_SIZE = 1024

PRINT_KEYS_DOC = {
    PREFIX + "print": "The printer var: cider.nrepl.pprint/pprint and kin pretty-print, "
    "anything else prints with pr.",
    PREFIX + "options": "{right-margin length level} (and their aliases).",
    PREFIX + "stream?": "Send the value in chunks, then ns.",
    PREFIX + "buffer-size": "Chunk size for stream?.",
    PREFIX + "quota": "Truncate values beyond this many bytes (status truncated).",
}
_PRETTY = frozenset(
    f"{ns}/{name}"
    for ns in ("cider.nrepl.pprint", "clojure.pprint", "nrepl.util.print")
    for name in (
        "pprint",
        "clojure-pprint",
        "orchard-pprint",
        "fipp-pprint",
        "puget-pprint",
        "zprint-pprint",
    )
)
_ALIASES = {
    "right_margin": ("right-margin", "width"),
    "length": ("length", "print-length", "max-length"),
    "level": ("level", "print-level", "max-depth"),
}


@dataclass(frozen=True)
class PrintOptions:
    pretty: bool = False
    right_margin: int | None = None
    length: int | None = None
    level: int | None = None
    stream: bool = False
    buffer_size: int = DEFAULT_BUFFER_SIZE
    quota: int | None = None

    @classmethod
    def of(cls, req: Request) -> PrintOptions:
        if not any(k.startswith(PREFIX) for k in req.msg):
            return _DEFAULT  # most evals: no print options (one per eval on the event loop)
        printer = req.get(PREFIX + "print")
        options = req.get(PREFIX + "options")
        options = options if isinstance(options, Mapping) else {}
        found = {field: _first_int(options, names) for field, names in _ALIASES.items()}
        return cls(
            pretty=printer in _PRETTY,
            stream=truthy(req.get(PREFIX + "stream?")),
            buffer_size=_int(req.get(PREFIX + "buffer-size")) or DEFAULT_BUFFER_SIZE,
            quota=_int(req.get(PREFIX + "quota")),
            **found,
        )


_DEFAULT = PrintOptions()


def _int(value: Any) -> int | None:
    if value is None:
        return None
    try:
        n = int(value)
    except (TypeError, ValueError):
        return None
    return n if n > 0 else None


def _first_int(options: Mapping[str, Any], names: tuple[str, ...]) -> int | None:
    for name in names:
        if (n := _int(options.get(name))) is not None:
            return n
    return None


def value_replies(printed: str, ns: str | None, opts: PrintOptions) -> list[dict[str, Any]]:
    """The messages that carry one printed value (and `ns` when given)."""
    truncated = False
    if opts.quota is not None and len(printed.encode()) > opts.quota:
        printed = printed.encode()[: opts.quota].decode("utf-8", "ignore")
        truncated = True
    tail: dict[str, Any] = {"ns": ns} if ns is not None else {}
    if truncated:
        tail.update({PREFIX + "truncated-keys": ["value"], "status": [TRUNCATED]})
    if not opts.stream:
        return [{"value": printed, **tail}]
    size = opts.buffer_size
    chunks = [{"value": printed[i : i + size]} for i in range(0, len(printed), size)]
    return chunks + [tail] if tail else chunks
