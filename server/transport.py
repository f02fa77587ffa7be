"""bencode over a byte stream: incremental framing on the way in, one writer on the way out.

Framing is ours, decoding is bencode.py's. `FrameSplitter` finds where each top-level value
ends without building it, resuming where the previous read stopped (a 60 MB `load-file`
arriving in 64 KiB reads is scanned once, and a string is skipped by its length, never byte
by byte). Only complete frames reach the decoder, so a UTF-8 character split across reads is
never seen split. A frame larger than the limit is refused as soon as its declared lengths say
so: a `1073741824:` prefix is answered at once instead of buffering a gigabyte.

Decoding is lenient, as CIDER and Calva need: keys in any order, integers for flags, `le` for
nil, invalid UTF-8 in a value replaced rather than refused. `Outbox` is the connection's only
writer: any thread may queue a reply, each reply is encoded whole and everything queued is
written in one `send_all`, so a value and its `done` leave in one TCP segment (design §6: no
Nagle/delayed-ACK stall).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any

import bencodepy
import trio

DEFAULT_MAX_FRAME = 64 * 1024 * 1024
BATCH_DELAY = 0.002  # seconds `call_later` waits, so output written meanwhile travels together
MAX_DEPTH = 64
_MAX_DIGITS = 20  # longer lengths or integers cannot be honest
_WHITESPACE = b" \t\r\n"
_DIGITS = frozenset(b"0123456789")
_INT_CHARS = frozenset(b"-0123456789")

_decoder = bencodepy.Bencode(encoding="utf-8", encoding_fallback="value")


class FrameError(Exception):
    """The byte stream is not bencode (or a frame is too large): the connection must close."""


class FrameSplitter:
    """Splits a byte stream into complete top-level bencode values."""

    def __init__(self, max_frame: int = DEFAULT_MAX_FRAME) -> None:
        self.max_frame = max_frame
        self._buf = bytearray()
        self._start = 0  # where the frame being scanned begins
        self._pos = 0  # next token to scan; may lie beyond the buffer (inside a string)
        self._depth = 0

    def feed(self, data: bytes) -> list[bytes]:
        """Add bytes; return the frames they complete. Raises FrameError."""
        self._buf += data
        frames: list[bytes] = []
        while (end := self._scan()) is not None:
            frames.append(bytes(self._buf[self._start : end]))
            self._start = self._pos = end
        if self._start:
            del self._buf[: self._start]
            self._pos -= self._start
            self._start = 0
        return frames

    @property
    def pending(self) -> bool:
        """Whether part of a frame is buffered (the stream ended inside one)."""
        return self._start < len(self._buf)

    def _scan(self) -> int | None:
        """Advance over whole tokens; the end of the current frame once it is complete."""
        buf, n = self._buf, len(self._buf)
        pos, depth = self._pos, self._depth
        if depth == 0 and pos == self._start:
            while pos < n and buf[pos] in _WHITESPACE:  # lenient: newlines between frames
                pos += 1
            self._start = pos
        while pos < n:
            c = buf[pos]
            if c == 0x64 or c == 0x6C:  # d l
                depth += 1
                if depth > MAX_DEPTH:
                    raise FrameError("bencode nested too deeply")
                pos += 1
            elif c == 0x65:  # e
                if depth == 0:
                    raise FrameError("unexpected 'e'")
                depth -= 1
                pos += 1
            elif c == 0x69:  # i
                end = buf.find(b"e", pos + 1, pos + 2 + _MAX_DIGITS)
                if end < 0:
                    if n - pos > _MAX_DIGITS + 1:
                        raise FrameError("malformed integer")
                    break
                if not buf[pos + 1 : end] or not set(buf[pos + 1 : end]) <= _INT_CHARS:
                    raise FrameError("malformed integer")
                pos = end + 1
            elif c in _DIGITS:
                colon = buf.find(b":", pos, pos + 1 + _MAX_DIGITS)
                if colon < 0:
                    if n - pos > _MAX_DIGITS or not set(buf[pos:n]) <= _DIGITS:
                        raise FrameError("malformed string length")
                    break
                if not set(buf[pos:colon]) <= _DIGITS:
                    raise FrameError("malformed string length")
                pos = colon + 1 + int(buf[pos:colon])
            else:
                raise FrameError(f"unexpected byte {c:#04x}")
            if pos - self._start > self.max_frame:
                raise FrameError(f"frame larger than {self.max_frame} bytes")
            if depth == 0:
                break
        self._pos, self._depth = pos, depth
        if depth == 0 and self._start < pos <= n:
            return pos
        return None


def decode(frame: bytes) -> Any:
    """One complete frame → Python values (str for valid UTF-8 strings, else replaced)."""
    return _fix_bytes(_decoder.decode(frame))


def _fix_bytes(x: Any) -> Any:
    if isinstance(x, bytes):
        return x.decode("utf-8", "replace")
    if isinstance(x, list):
        return [_fix_bytes(v) for v in x]
    if isinstance(x, dict):
        return {k: _fix_bytes(v) for k, v in x.items()}
    return x


def encode(msg: dict[str, Any]) -> bytes:
    """A reply → bytes. Values the encoder cannot take (nil, other objects) are coerced."""
    try:
        return bencodepy.encode(msg)
    except (KeyError, TypeError):
        return bencodepy.encode(_coerce(msg))


def _coerce(x: Any) -> Any:
    if x is None:
        return []  # nil is `le`, as the reference encoder writes it
    if isinstance(x, bool):
        return int(x)
    if isinstance(x, (int, str, bytes)):
        return x
    if isinstance(x, dict):
        return {str(k): _coerce(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, set, frozenset)):
        return [_coerce(v) for v in x]
    return str(x)


async def read_frames(
    stream: trio.abc.ReceiveStream, splitter: FrameSplitter
) -> AsyncIterator[bytes]:
    """The frames of a stream until it ends. Raises FrameError on a malformed stream."""
    while True:
        data = await stream.receive_some(65536)
        if not data:
            return
        for frame in splitter.feed(data):
            yield frame


class Outbox:
    """The single writer of one connection; `put` may be called from any thread.

    Worker threads producing output faster than the client reads are slowed by `throttle`
    once more than `high_water` bytes wait, so a runaway `println` loop cannot exhaust
    memory. The event loop thread never blocks here.
    """

    def __init__(self, stream: trio.abc.SendStream, high_water: int = 4 * 1024 * 1024) -> None:
        self._stream = stream
        self._high_water = high_water
        self._token = trio.lowlevel.current_trio_token()
        self._loop_thread = threading.get_ident()
        self._lock = threading.Lock()
        self._room = threading.Condition(self._lock)
        self._chunks: list[bytes] = []
        self._queued = 0  # bytes queued or being written
        self._wake_scheduled = False
        self._wakeup = trio.Event()
        self._later: list[Callable[[], None]] = []
        self._later_event = trio.Event()
        self.closed = False

    def queued_bytes(self) -> int:
        return self._queued

    def on_loop_thread(self) -> bool:
        return threading.get_ident() == self._loop_thread

    def put(self, msg: dict[str, Any]) -> None:
        """Queue one reply (dropped once the connection is closed)."""
        data = encode(msg)
        with self._lock:
            if self.closed:
                return
            self._chunks.append(data)
            self._queued += len(data)
            if self._wake_scheduled:
                return
            self._wake_scheduled = True
        self._call_soon(self._wake)

    def _call_soon(self, fn: Callable[[], None]) -> None:
        """Run `fn` on the event loop thread soon (no-op once the loop is gone)."""
        try:
            self._token.run_sync_soon(fn)
        except trio.RunFinishedError:
            pass

    def call_later(self, fn: Callable[[], None]) -> None:
        """Run `fn` on the event loop thread after `BATCH_DELAY` (from any thread)."""
        self._call_soon(lambda: self._add_later(fn))

    def _add_later(self, fn: Callable[[], None]) -> None:
        self._later.append(fn)
        self._later_event.set()

    def throttle(self) -> None:
        """Block a producer thread while too much output waits (polling, so that an
        interrupt's async exception can still land)."""
        with self._lock:
            while self._queued > self._high_water and not self.closed:
                self._room.wait(0.05)

    def _wake(self) -> None:
        self._wakeup.set()

    async def run(self) -> None:
        """Write queued replies (and run `call_later` callbacks) until the connection
        closes."""
        async with trio.open_nursery() as nursery:
            nursery.start_soon(self._run_later)
            await self._write_loop()
            nursery.cancel_scope.cancel()

    async def _run_later(self) -> None:
        while True:
            await self._later_event.wait()
            self._later_event = trio.Event()
            await trio.sleep(BATCH_DELAY)
            callbacks, self._later = self._later, []
            for fn in callbacks:
                fn()

    async def _write_loop(self) -> None:
        try:
            while True:
                with self._lock:
                    chunks, self._chunks = self._chunks, []
                    if not chunks:
                        self._wake_scheduled = False
                        self._wakeup = trio.Event()
                if not chunks:
                    await self._wakeup.wait()
                    continue
                data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
                await self._stream.send_all(data)
                with self._lock:
                    self._queued -= len(data)
                    self._room.notify_all()
        except (trio.BrokenResourceError, trio.ClosedResourceError):
            pass
        finally:
            self.close()

    def close(self) -> None:
        with self._lock:
            self.closed = True
            self._chunks.clear()
            self._room.notify_all()


def log(text: str) -> None:
    """The daemon's own diagnostics go to its real stderr, never to a client."""
    stream = sys.__stderr__
    if stream is not None:
        stream.write(text if text.endswith("\n") else text + "\n")
        stream.flush()
