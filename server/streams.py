"""The text streams of an eval: `*out*`/`*err*` sent as `out`/`err` replies, `*in*` fed by
`stdin` ops, and Python's own `sys.stdout`/`sys.stderr`/`sys.stdin` routed to them.

Output is buffered and sent soon rather than per write: a write asks the event loop to flush
the buffer a moment later (`Outbox.call_later`), so `(println "hi")` is one message and a
tight `println` loop produces a few large ones instead of one per line. The eval thread drains
the buffers itself before each value, before asking for input, and whenever they grow large,
so `out` always precedes the value it belongs to.

Python's `print` goes through `sys.stdout`, which `install_stdio_routing` replaces with a
proxy deciding per call, in this order:
1. the calling thread's `*out*`/`*err*`/`*in*` binding, when it holds one of these streams:
   true in the eval thread and in threads that convey bindings (`future`, `bound-fn`);
2. the streams of the thread that created the calling thread: `threading.Thread.__init__` is
   wrapped to record them, so a raw `threading.Thread` started by an eval (and its children)
   prints into that eval;
3. the daemon's real stream.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .handler import Request

MAX_CHUNK = 65536  # characters per out/err message
FLUSH_AT = 8192  # the writing thread flushes itself beyond this many buffered characters


class OutputStream:
    """`*out*` or `*err*` of one request: a writer object whose text becomes replies."""

    __slots__ = ("request", "key", "_lock", "_buf", "_size", "_scheduled")

    def __init__(self, request: Request, key: str) -> None:
        self.request = request
        self.key = key
        self._lock = threading.Lock()
        self._buf: list[str] = []
        self._size = 0
        self._scheduled = False

    def write(self, s: str) -> int:
        if not isinstance(s, str):
            s = str(s)
        if not s:
            return 0
        with self._lock:
            self._buf.append(s)
            self._size += len(s)
            big = self._size >= FLUSH_AT
            schedule = not big and not self._scheduled
            if schedule:
                self._scheduled = True
        if big:
            self.drain()
        elif schedule:
            self.request.outbox.call_later(self._send_buffered)
        if not self.request.outbox.on_loop_thread():
            self.request.outbox.throttle()
        return len(s)

    def flush(self) -> None:
        """Nothing to do: buffered text is already due to leave within `BATCH_DELAY`
        (`println` flushes every line; sending each line alone would make big outputs
        crawl)."""

    def drain(self) -> None:
        """Send what is buffered now (before a value, a need-input or done)."""
        self._send_buffered()
        if not self.request.outbox.on_loop_thread():
            self.request.outbox.throttle()

    def _send_buffered(self) -> None:
        # Queued under the lock so that concurrent flushes keep the text in order; the queue
        # never blocks, only `throttle` (outside the lock) does.
        with self._lock:
            self._scheduled = False
            if not self._buf:
                return
            text = "".join(self._buf)
            self._buf.clear()
            self._size = 0
            for i in range(0, len(text), MAX_CHUNK):
                self.request.send({self.key: text[i : i + MAX_CHUNK]}, wait=False)

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:
        return "utf-8"

    def __repr__(self) -> str:
        return f"#object[nrepl-{self.key}]"


class Interrupted(BaseException):
    """Stops an eval: raised asynchronously in its thread, or by a blocked read of `*in*`.

    A BaseException, so that `(catch Exception e ...)` in user code does not swallow it."""


class SessionInput:
    """A session's standard input: text from `stdin` ops waiting to be read.

    `""` from the client means end of input: reads return what is left, then one read
    returns "" (EOF) and later reads wait for new text again, as a terminal does after
    Ctrl-D."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._buf = ""
        self._eof = False

    def feed(self, text: str) -> None:
        with self._cond:
            if text:
                self._buf += text
            else:
                self._eof = True
            self._cond.notify_all()

    def wake(self) -> None:
        """Let blocked readers re-check for an interrupt."""
        with self._cond:
            self._cond.notify_all()

    def take(
        self,
        available: Callable[[str], int],
        ask: Callable[[], None],
        cancelled: Callable[[], bool],
    ) -> str:
        """Wait until `available(buffer)` chars (> 0) can be taken or input ends; `ask` is
        called once when the buffer is found empty (the client is asked for input)."""
        asked = False
        with self._cond:
            while True:
                if cancelled():
                    raise Interrupted
                count = available(self._buf)
                if count > 0:
                    text, self._buf = self._buf[:count], self._buf[count:]
                    return text
                if self._eof:  # the rest; the read that finds nothing consumes the EOF
                    text, self._buf = self._buf, ""
                    self._eof = bool(text)
                    return text
                if not asked:
                    asked = True
                    self._cond.release()
                    try:
                        ask()
                    finally:
                        self._cond.acquire()
                    continue
                self._cond.wait(0.05)  # polls, so an async interrupt can land


class InputStream:
    """`*in*` of one request: reads from the session's input, asking the client with a
    `need-input` reply whenever it runs dry."""

    __slots__ = ("_source", "_ask", "_cancelled", "_pushback")

    def __init__(
        self, source: SessionInput, ask: Callable[[], None], cancelled: Callable[[], bool]
    ) -> None:
        self._source = source
        self._ask = ask
        self._cancelled = cancelled
        self._pushback = ""

    def readline(self, size: int = -1) -> str:
        """One line with its newline ("" at end of input), or at most `size` characters."""
        limit = size if size is not None and size >= 0 else None
        if limit == 0:
            return ""
        head = ""
        if self._pushback:
            n = self._pushback.find("\n") + 1 or len(self._pushback)
            n = n if limit is None else min(n, limit)
            head, self._pushback = self._pushback[:n], self._pushback[n:]
            if head.endswith("\n") or len(head) == limit:
                return head
            limit = None if limit is None else limit - len(head)
        return head + self._take(_line_end(limit))

    def read(self, size: int = -1) -> str:
        """`size` characters (fewer at end of input); with no size, everything until EOF."""
        if size is None or size < 0:
            parts = [self._pushback]
            self._pushback = ""
            while chunk := self._take(len):
                parts.append(chunk)
            return "".join(parts)
        out = self._pushback[:size]
        self._pushback = self._pushback[size:]
        while len(out) < size:
            chunk = self._take(_up_to(size - len(out)))
            if not chunk:
                break
            out += chunk
        return out

    def unread(self, text: str) -> None:
        """Push characters back (a pushback reader, as Clojure's `*in*` is)."""
        self._pushback = text + self._pushback

    def _take(self, available: Callable[[str], int]) -> str:
        return self._source.take(available, self._ask, self._cancelled)

    def __iter__(self) -> Iterator[str]:
        while line := self.readline():
            yield line

    def isatty(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "#object[nrepl-in]"


def _up_to(n: int) -> Callable[[str], int]:
    return lambda buf: min(len(buf), n)


def _line_end(limit: int | None) -> Callable[[str], int]:
    """How much of a buffer makes a line (0: not yet), at most `limit` characters."""

    def available(buf: str) -> int:
        n = buf.find("\n") + 1
        if limit is not None and limit <= len(buf):
            return min(n, limit) if n else limit
        return n

    return available


_routed = (OutputStream, InputStream)


class _RoutedStdio:
    """Stands in for `sys.stdout`/`sys.stderr`/`sys.stdin`; see the module docstring."""

    def __init__(self, name: str, var: Any, original: Any) -> None:
        self._name = name
        self._var = var
        self._original = original

    def _target(self) -> Any:
        value = self._var.deref() if self._var.is_thread_bound() else None
        if isinstance(value, _routed):
            return value
        streams = getattr(threading.current_thread(), "_pyjank_stdio", None)
        if streams is not None:
            return streams[self._name]
        return self._original

    def write(self, s: str) -> int:
        return self._target().write(s)

    def flush(self) -> None:
        self._target().flush()

    def readline(self, size: int = -1) -> str:
        return self._target().readline(size)

    def read(self, size: int = -1) -> str:
        return self._target().read(size)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target(), name)


_installed = False


def install_stdio_routing(out_var: Any, err_var: Any, in_var: Any) -> None:
    """Route Python's standard streams per thread (idempotent; the daemon calls it once)."""
    global _installed
    if _installed:
        return
    _installed = True
    proxies = {
        name: _RoutedStdio(name, var, getattr(sys, name))
        for name, var in (("stdout", out_var), ("stderr", err_var), ("stdin", in_var))
    }
    for name, proxy in proxies.items():
        setattr(sys, name, proxy)

    original_init = threading.Thread.__init__

    def init(self: threading.Thread, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        streams = {name: proxy._target() for name, proxy in proxies.items()}
        if any(isinstance(s, _routed) for s in streams.values()):
            self._pyjank_stdio = streams  # type: ignore[attr-defined]

    threading.Thread.__init__ = init  # type: ignore[method-assign]
