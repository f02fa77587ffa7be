"""The daemon's event loop side: listeners, connections and dispatch (design §5).

Each connection has one task reading and dispatching requests in order, and one `Outbox`
task writing replies. Handlers run on the event loop and must not block: evals go to their
session's worker thread, and an op that has to wait starts its own task in the connection's
nursery. A broken connection (bad framing, an oversized frame) is closed alone; sessions
are the daemon's and outlive connections.
"""

from __future__ import annotations

import socket
import traceback
from collections.abc import Sequence
from typing import Any

import trio

from . import ops  # noqa: F401  (registers the ops)
from .boot import LanguageLoader
from .handler import MIDDLEWARE, OPS, Handler, Middleware, Registry, Request, compose
from .session import Sessions
from .transport import (
    DEFAULT_MAX_FRAME,
    FrameError,
    FrameSplitter,
    Outbox,
    decode,
    log,
    read_frames,
)


class Server:
    """Everything a request may need: the language, the sessions, the op table."""

    def __init__(
        self,
        max_frame: int = DEFAULT_MAX_FRAME,
        handlers: Registry = OPS,
        middleware: Sequence[Middleware] = MIDDLEWARE,
    ) -> None:
        self.language = LanguageLoader()
        self.sessions = Sessions()
        self.max_frame = max_frame
        self.handlers = handlers
        self._handle: Handler = compose(handlers.dispatch, middleware)

    async def serve(self, listeners: Sequence[trio.abc.Listener[Any]]) -> None:
        """Serve connections until cancelled."""
        await trio.serve_listeners(self.connection, list(listeners))

    async def connection(self, stream: trio.abc.Stream) -> None:
        """Read, dispatch and answer the requests of one client. Nothing that goes wrong
        here may escape: `serve_listeners` would stop the whole daemon."""
        try:
            await self._serve_connection(stream)
        except Exception:
            log(f"connection failed:\n{traceback.format_exc()}")
            await trio.aclose_forcefully(stream)

    async def _serve_connection(self, stream: trio.abc.Stream) -> None:
        _no_delay(stream)
        async with trio.open_nursery() as nursery:
            outbox = Outbox(stream)
            nursery.start_soon(outbox.run)
            try:
                async for frame in read_frames(stream, FrameSplitter(self.max_frame)):
                    await self._dispatch(frame, outbox, nursery)
            except FrameError as e:
                outbox.put({"status": ["error", "transport-error"], "message": str(e)})
            except (trio.BrokenResourceError, trio.ClosedResourceError):
                pass
            await _drain_and_close(outbox, stream)
            nursery.cancel_scope.cancel()

    async def _dispatch(self, frame: bytes, outbox: Outbox, nursery: trio.Nursery) -> None:
        try:
            msg = decode(frame)
        except Exception as e:
            outbox.put(
                {
                    "status": ["error", "malformed-request", "done"],
                    "message": f"undecodable bencode: {e}",
                }
            )
            return
        if not isinstance(msg, dict):
            outbox.put(
                {
                    "status": ["error", "malformed-request", "done"],
                    "message": "a request must be a bencode dictionary",
                }
            )
            return
        try:
            await self._handle(Request(msg, self, outbox, nursery))
        except Exception:  # the middleware answers errors; this would be a bug in it
            log(f"unhandled error dispatching {msg.get('op')!r}:\n{traceback.format_exc()}")


def _no_delay(stream: trio.abc.Stream) -> None:
    """Replies are written whole, so Nagle's algorithm only adds delay (trio sets this for
    TCP already; being explicit keeps the invariant if that default changes)."""
    sock = getattr(stream, "socket", None)
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


async def _drain_and_close(outbox: Outbox, stream: trio.abc.Stream) -> None:
    """Give queued replies (such as a transport error) a moment to leave, then close."""
    with trio.move_on_after(1):
        while not outbox.closed and outbox.queued_bytes():
            await trio.sleep(0.005)
    outbox.close()
    await stream.aclose()
