"""`stdin`: text for the session's `*in*` (`""` is end of input)."""

from __future__ import annotations

from ..handler import OPS, Request


@OPS.op(
    "stdin",
    doc='Add text to the session\'s standard input; "" signals its end.',
    requires={"stdin": "The text.", "session": "The session."},
)
async def stdin(req: Request) -> None:
    if req.session is None:
        req.error("no-session")
        return
    text = req.msg.get("stdin")
    req.session.input.feed(text if isinstance(text, str) else "")
    req.done()
