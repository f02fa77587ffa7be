"""`interrupt`: stop the session's running eval (see `session.py` for how and its limits)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..handler import OPS, Request

if TYPE_CHECKING:
    from ..session import Job


@OPS.op(
    "interrupt",
    doc="Interrupt the eval running in the session.",
    requires={"session": "The session."},
    optional={"interrupt-id": "The id of the eval to interrupt (default: the running one)."},
    returns={"status": "done; or session-idle, interrupt-id-mismatch with error."},
)
async def interrupt(req: Request) -> None:
    session = req.session
    if session is None:
        req.error("session-ephemeral")
        return
    outcome = session.interrupt(req.get("interrupt-id"))
    if outcome == "session-idle":
        req.done(status=["session-idle"])
    elif isinstance(outcome, str):
        req.error(outcome)
    else:
        req.nursery.start_soon(_answer_when_stopped, req, outcome)


async def _answer_when_stopped(req: Request, job: Job) -> None:
    """The interrupted eval is answered (`interrupted`, `done`) before the interrupt."""
    assert req.session is not None
    await req.session.stop(job)
    req.done()
