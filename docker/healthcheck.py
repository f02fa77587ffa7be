#!/usr/bin/env python3
"""The image's HEALTHCHECK: healthy when pyjank-nrepl answers an nREPL `describe`.

    pyjank-healthcheck [--host H] [--port N] [--timeout SECONDS]

The port defaults to $PYJANK_NREPL_PORT, else 7888. Exit 0 when the reply lists the ops
and ends with `done`; else exit 1 with the reason on stderr. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import time
from typing import Any

REQUEST = b"d2:id6:health2:op8:describee"


class Incomplete(Exception):
    """The bytes end inside a value."""


def decode(data: bytes, i: int = 0) -> tuple[Any, int]:
    """The bencoded value at `data[i:]` and the index after it."""
    if i >= len(data):
        raise Incomplete
    kind = data[i : i + 1]
    if kind == b"i":
        end = data.find(b"e", i)
        if end < 0:
            raise Incomplete
        return int(data[i + 1 : end]), end + 1
    if kind in (b"l", b"d"):
        items: list[Any] = []
        i += 1
        while data[i : i + 1] != b"e":
            if i >= len(data):
                raise Incomplete
            item, i = decode(data, i)
            items.append(item)
        if kind == b"l":
            return items, i + 1
        return dict(zip(items[::2], items[1::2], strict=True)), i + 1
    colon = data.find(b":", i)
    if colon < 0:
        raise Incomplete
    end = colon + 1 + int(data[i:colon])
    if end > len(data):
        raise Incomplete
    return data[colon + 1 : end].decode(), end


def describe(host: str, port: int, timeout: float) -> dict[str, Any]:
    """The merged replies to one `describe`, up to the one whose status has `done`."""
    deadline = time.monotonic() + timeout
    merged: dict[str, Any] = {}
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(REQUEST)
        buffer = b""
        while True:
            try:
                message, end = decode(buffer)
            except Incomplete:
                sock.settimeout(max(deadline - time.monotonic(), 0.001))
                chunk = sock.recv(65536)
                if not chunk:
                    raise ConnectionError("the server closed the connection") from None
                buffer += chunk
                continue
            buffer = buffer[end:]
            if not isinstance(message, dict):
                raise ValueError(f"not an nREPL message: {message!r}")
            merged.update(message)
            if "done" in message.get("status", []):
                return merged


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="pyjank-healthcheck", description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=int(os.environ.get("PYJANK_NREPL_PORT", 7888)))
    p.add_argument("--timeout", type=float, default=4.0)
    opts = p.parse_args(argv)
    try:
        reply = describe(opts.host, opts.port, opts.timeout)
    except (OSError, ValueError) as e:
        print(f"unhealthy: nREPL describe on {opts.host}:{opts.port}: {e}", file=sys.stderr)
        return 1
    if not reply.get("ops"):
        print(f"unhealthy: describe listed no ops: {reply!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
