"""Requests, the op registry and middleware: how one decoded message becomes its replies.

Every op is a small async handler registered in `OPS` with its `describe` documentation;
`server.ops` registers the core ops and tooling ops join the same way (a module under
`server/ops/` plus one import). Cross-cutting behaviour is middleware, as in nREPL: a function
from handler to handler, composed around the registry's dispatch by `compose`.

The envelope rules live in `Request`: replies echo `id` and `session` when the request had
them, `status` is always a list, and `done` is sent exactly once (later replies other than
out/err are dropped, so a racing interrupt and a finishing eval cannot both end a request).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .transport import Outbox, log

if TYPE_CHECKING:
    import trio

    from .server import Server
    from .session import Session

Handler = Callable[["Request"], Awaitable[None]]
Middleware = Callable[[Handler], Handler]

_FALSE = ("", "0", "false", "nil", "no")


def truthy(value: Any) -> bool:
    """A flag as clients send it: `i1e`, `"true"`, `"t"`, `"1"` are true; absent, `le`, `i0e`,
    `""`, `"false"` are false."""
    if isinstance(value, str):
        return value.strip().lower() not in _FALSE
    return bool(value)


class Request:
    """One decoded message and the means to answer it, from any thread."""

    __slots__ = (
        "msg",
        "op",
        "server",
        "outbox",
        "nursery",
        "session",
        "_envelope",
        "_lock",
        "_finished",
    )

    def __init__(
        self, msg: dict[str, Any], server: Server, outbox: Outbox, nursery: trio.Nursery
    ) -> None:
        self.msg = msg
        op = msg.get("op")
        self.op = op if isinstance(op, str) else ""
        self.server = server
        self.outbox = outbox
        self.nursery = nursery
        self.session: Session | None = None
        self._envelope = {k: msg[k] for k in ("id", "session") if _present(msg.get(k))}
        self._lock = threading.Lock()
        self._finished = False

    @property
    def id(self) -> Any:
        return self._envelope.get("id")

    def get(self, key: str, default: Any = None) -> Any:
        """A request key, with nil (`le`) and absent treated alike."""
        value = self.msg.get(key)
        return value if _present(value) else default

    def send(
        self, fields: Mapping[str, Any], status: Sequence[str] = (), *, wait: bool = True
    ) -> None:
        """Send one reply. After `done`, only out/err still go (output of threads an eval
        started may outlive it, as with the reference server). A worker thread then waits
        while the client lags far behind, unless `wait` is false."""
        if self._finished and "out" not in fields and "err" not in fields:
            return
        self._put(fields, status, wait)

    def done(self, fields: Mapping[str, Any] | None = None, status: Iterable[str] = ()) -> bool:
        """Send the final reply, with `done` last in `status`; False if one was sent already."""
        with self._lock:
            if self._finished:
                return False
            self._finished = True
        self._put(fields or {}, [*status, "done"], False)
        return True

    def error(self, *status: str, fields: Mapping[str, Any] | None = None) -> bool:
        """Finish with `["error", *status, "done"]`."""
        return self.done(fields, ("error", *status))

    def _put(self, fields: Mapping[str, Any], status: Sequence[str], wait: bool) -> None:
        reply = {**fields, **self._envelope}
        if status:
            reply["status"] = list(status)
        self.outbox.put(reply)
        if wait and not self.outbox.on_loop_thread():
            self.outbox.throttle()


def _present(value: Any) -> bool:
    return value is not None and value != [] and value != ""


@dataclass(frozen=True)
class OpSpec:
    """An op's handler and what `describe` with `verbose?` says about it."""

    handler: Handler
    doc: str
    requires: Mapping[str, str] = field(default_factory=dict)
    optional: Mapping[str, str] = field(default_factory=dict)
    returns: Mapping[str, str] = field(default_factory=dict)

    def description(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "requires": dict(self.requires),
            "optional": dict(self.optional),
            "returns": dict(self.returns),
        }


class Registry:
    """Op name → OpSpec; unknown ops answer `unknown-op`."""

    def __init__(self) -> None:
        self.ops: dict[str, OpSpec] = {}

    def op(
        self,
        *names: str,
        doc: str,
        requires: Mapping[str, str] | None = None,
        optional: Mapping[str, str] | None = None,
        returns: Mapping[str, str] | None = None,
    ) -> Callable[[Handler], Handler]:
        """Register a handler under each of `names` (e.g. `"info"` and `"cider/info"`)."""

        def register(handler: Handler) -> Handler:
            spec = OpSpec(handler, doc, requires or {}, optional or {}, returns or {})
            for name in names:
                if name in self.ops:
                    raise ValueError(f"op {name!r} registered twice")
                self.ops[name] = spec
            return handler

        return register

    async def dispatch(self, req: Request) -> None:
        spec = self.ops.get(req.op)
        if spec is None:
            req.error("unknown-op", fields={"op": req.op} if req.op else None)
            return
        await spec.handler(req)

    def describe(self, verbose: bool) -> dict[str, Any]:
        return {name: spec.description() if verbose else {} for name, spec in self.ops.items()}


OPS = Registry()


def compose(handler: Handler, middleware: Sequence[Middleware]) -> Handler:
    """Wrap `handler` in `middleware`, the first one outermost."""
    for wrap in reversed(middleware):
        handler = wrap(handler)
    return handler


def catch_errors(handler: Handler) -> Handler:
    """A failing handler answers `[error <op>-error done]` with a message; the daemon, the
    connection and other requests carry on."""

    async def safe(req: Request) -> None:
        try:
            await handler(req)
        except Exception as e:
            log(f"error handling {req.op!r}:\n{traceback.format_exc()}")
            message = f"{type(e).__name__}: {e}"
            req.error(f"{req.op or 'request'}-error", fields={"message": message})

    return safe


def resolve_session(handler: Handler) -> Handler:
    """Attach the session a request names; an unknown one is `[error unknown-session done]`.
    (For `clone`, the named session is the parent.)"""

    async def with_session(req: Request) -> None:
        sid = req.get("session")
        if sid is not None:
            req.session = req.server.sessions.get(str(sid))
            if req.session is None:
                req.error("unknown-session")
                return
        await handler(req)

    return with_session


MIDDLEWARE: tuple[Middleware, ...] = (catch_errors, resolve_session)
