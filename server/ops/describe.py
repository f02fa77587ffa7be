"""`describe`: the ops, versions and current namespace. `versions` names pyjank and Python
but never `clojure`: that key makes CIDER treat the server as JVM Clojure and run checks
and send ops (cider/init-debugger, ...) a non-JVM server does not have (brief §6.1)."""

from __future__ import annotations

import sys
from functools import cache
from importlib import metadata
from typing import Any

from ..handler import OPS, Request, truthy

NREPL_PROTOCOL_VERSION = (1, 0, 0)


def _version(parts: tuple[int, ...], text: str) -> dict[str, Any]:
    major, minor, incremental = (*parts, 0, 0, 0)[:3]
    return {"major": major, "minor": minor, "incremental": incremental, "version-string": text}


@cache
def _pyjank_version() -> dict[str, Any]:
    try:
        text = metadata.version("pyjank")
    except metadata.PackageNotFoundError:
        text = "0.0.0"
    numbers = tuple(int(p) if p.isdigit() else 0 for p in text.split(".")[:3])
    return _version(numbers, text)


@OPS.op(
    "describe",
    doc="Describe the server: its ops, component versions and aux data.",
    optional={"verbose?": "Include each op's documentation."},
    returns={
        "ops": "Op name → {} (or its documentation with verbose?).",
        "versions": "Component → {major minor incremental version-string}.",
        "aux": "current-ns.",
    },
)
async def describe(req: Request) -> None:
    py = sys.version_info
    versions = {
        "nrepl": _version(NREPL_PROTOCOL_VERSION, ".".join(map(str, NREPL_PROTOCOL_VERSION))),
        "pyjank": _pyjank_version(),
        "python": _version((py.major, py.minor, py.micro), f"{py.major}.{py.minor}.{py.micro}"),
    }
    session = req.session
    current = "user"
    if session is not None and session.bindings is not None and req.server.language.ready:
        current = req.server.language.get().ns_name(session.bindings)
    verbose = truthy(req.get("verbose?")) or truthy(req.get("verbose"))
    req.done(
        {
            "ops": req.server.handlers.describe(verbose),
            "versions": versions,
            "aux": {"current-ns": current},
        }
    )
