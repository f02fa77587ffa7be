"""`clone`, `close` and `ls-sessions`."""

from __future__ import annotations

from ..handler import OPS, Request


@OPS.op(
    "clone",
    doc="Create a new session, copying the bindings of `session` if given.",
    optional={
        "session": "The parent session.",
        "client-name": "The client's name.",
        "client-version": "The client's version.",
    },
    returns={"new-session": "The id of the new session."},
)
async def clone(req: Request) -> None:
    session = req.server.sessions.create(parent=req.session)
    req.done({"new-session": session.id})


@OPS.op(
    "close",
    doc="Close a session, interrupting what it runs.",
    requires={"session": "The session to close."},
)
async def close(req: Request) -> None:
    if req.session is None:
        req.error("no-session")
        return
    job = req.server.sessions.close(req.session.id)
    req.done(status=["session-closed"])
    if job is not None:
        req.nursery.start_soon(req.session.stop, job)


@OPS.op(
    "ls-sessions",
    doc="List the ids of the live sessions.",
    returns={"sessions": "A list of session ids."},
)
async def ls_sessions(req: Request) -> None:
    req.done({"sessions": req.server.sessions.ids()})
