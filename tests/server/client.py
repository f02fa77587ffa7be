"""A small nREPL client for the tests, independent of the server's own transport code, and
the fixture machinery that starts a real daemon process."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import trio

BANNER = re.compile(rb"nREPL server started on (?:port (\d+) on host \S+|socket \S+) - nrepl")


def bencode(x: Any) -> bytes:
    if isinstance(x, bool):
        return b"i1e" if x else b"i0e"
    if isinstance(x, int):
        return b"i%de" % x
    if isinstance(x, str):
        x = x.encode()
    if isinstance(x, bytes):
        return b"%d:%s" % (len(x), x)
    if isinstance(x, (list, tuple)):
        return b"l" + b"".join(map(bencode, x)) + b"e"
    if isinstance(x, dict):
        return b"d" + b"".join(bencode(k) + bencode(v) for k, v in x.items()) + b"e"
    raise TypeError(x)


class Incomplete(Exception):
    pass


def bdecode(data: bytes, i: int = 0) -> tuple[Any, int]:
    """One value from `data` at `i` → (value, next index); Incomplete if cut short."""
    if i >= len(data):
        raise Incomplete
    c = data[i : i + 1]
    if c == b"i":
        end = data.find(b"e", i)
        if end < 0:
            raise Incomplete
        return int(data[i + 1 : end]), end + 1
    if c in (b"l", b"d"):
        items = []
        i += 1
        while True:
            if i >= len(data):
                raise Incomplete
            if data[i : i + 1] == b"e":
                break
            v, i = bdecode(data, i)
            items.append(v)
        if c == b"l":
            return items, i + 1
        return dict(zip(items[::2], items[1::2], strict=True)), i + 1
    colon = data.find(b":", i)
    if colon < 0:
        raise Incomplete
    n = int(data[i:colon])
    if colon + 1 + n > len(data):
        raise Incomplete
    return data[colon + 1 : colon + 1 + n].decode(), colon + 1 + n


class Client:
    """One connection; requests get string ids "1", "2", ... as CIDER and Calva send."""

    def __init__(self, stream: trio.SocketStream) -> None:
        self.stream = stream
        self.buf = b""
        self.ids = itertools.count(1)
        self.pending: list[dict[str, Any]] = []

    @classmethod
    async def connect(cls, port: int) -> Client:
        return cls(await trio.open_tcp_stream("127.0.0.1", port))

    async def aclose(self) -> None:
        await self.stream.aclose()

    async def send(self, **msg: Any) -> str:
        """Send a request (keys with `_` become `-`); its id."""
        msg = {k.replace("_", "-"): v for k, v in msg.items()}
        msg.setdefault("id", str(next(self.ids)))
        await self.stream.send_all(bencode(msg))
        return msg["id"]

    async def recv(self, timeout: float = 10) -> dict[str, Any]:
        """The next message from the server."""
        if self.pending:
            return self.pending.pop(0)
        with trio.fail_after(timeout):
            while True:
                try:
                    msg, end = bdecode(self.buf)
                    self.buf = self.buf[end:]
                    return msg
                except Incomplete:
                    data = await self.stream.receive_some(65536)
                    if not data:
                        raise EOFError("server closed the connection") from None
                    self.buf += data

    async def replies(self, id_: str, timeout: float = 10) -> list[dict[str, Any]]:
        """All replies to request `id_` up to its `done`; others are kept for later."""
        out: list[dict[str, Any]] = []
        others: list[dict[str, Any]] = []
        while True:
            msg = await self.recv(timeout)
            if msg.get("id") != id_:
                others.append(msg)
                continue
            out.append(msg)
            if "done" in msg.get("status", []):
                self.pending = others + self.pending
                return out

    async def request(self, timeout: float = 10, **msg: Any) -> list[dict[str, Any]]:
        return await self.replies(await self.send(**msg), timeout)

    async def clone(self) -> str:
        (reply,) = await self.request(op="clone")
        return reply["new-session"]


def values(replies: list[dict[str, Any]]) -> list[str]:
    return [r["value"] for r in replies if "value" in r]


def joined(replies: list[dict[str, Any]], key: str) -> str:
    return "".join(r[key] for r in replies if key in r)


class Daemon:
    """A `pyjank-nrepl --port 0` subprocess in its own directory."""

    def __init__(self, cwd: Path, *args: str) -> None:
        self.cwd = cwd
        self.started = time.perf_counter()
        self.out_path, self.err_path = cwd / "daemon.out", cwd / "daemon.err"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        with self.out_path.open("wb") as out, self.err_path.open("wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "pyjank.server.main", "--port", "0", *args],
                cwd=cwd,
                stdout=out,
                stderr=err,
                env=env,
            )
        deadline = time.monotonic() + 30
        while (match := BANNER.search(self.out_path.read_bytes())) is None:
            if not self.alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"no banner; stderr: {self.stderr()}")
            time.sleep(0.002)
        self.banner_seen = time.perf_counter()
        self.port = int(match.group(1)) if match.group(1) else 0

    def stderr(self) -> str:
        return self.err_path.read_text(errors="replace")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> int:
        if self.alive():
            self.proc.terminate()
        try:
            return self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()
