"""How tooling ops (completion, info, namespaces, macroexpand, stacktraces...) run.

Editors send them while an eval is running in the same session (CIDER's are synchronous, with
a 10 s timeout), so they never queue behind the session's jobs: each runs in a thread of its
own, started in the connection's nursery so that the connection goes on reading requests
(an `interrupt` must still get through). The thread waits for the language if it is still
booting; tools import the language-side modules they use (`introspect`...) in their body
for the same reason, since importing them loads the compiler. Every tooling op is
registered under its plain name and its `cider/` name: CIDER >= 1.22 sends the latter,
Calva and older CIDER the former.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import trio

from ..handler import OPS, Request, catch_errors

if TYPE_CHECKING:
    from ..language import Language

Tool = Callable[[Request, "Language"], None]
"""A tooling op's body: runs in a worker thread and answers the request (ending with
`done`; the runner sends a bare `done` if it did not)."""


def with_cider_names(*names: str) -> tuple[str, ...]:
    """`names` and their `cider/` aliases."""
    return (*names, *(f"cider/{name}" for name in names))


def tooling_op(
    *names: str,
    doc: str,
    requires: Mapping[str, str] | None = None,
    optional: Mapping[str, str] | None = None,
    returns: Mapping[str, str] | None = None,
) -> Callable[[Tool], Tool]:
    """Register `tool` under `names` and their `cider/` aliases, to run in its own thread."""

    def register(tool: Tool) -> Tool:
        async def in_thread(req: Request) -> None:
            await trio.to_thread.run_sync(_call, tool, req)

        guarded = catch_errors(in_thread)

        async def handler(req: Request) -> None:
            req.nursery.start_soon(guarded, req)

        OPS.op(
            *with_cider_names(*names),
            doc=doc,
            requires=requires,
            optional=optional,
            returns=returns,
        )(handler)
        return tool

    return register


def _call(tool: Tool, req: Request) -> None:
    tool(req, req.server.language.get())
    req.done()
