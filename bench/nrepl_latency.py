"""nREPL daemon latency against design §6: eval round trips and start-up time.

    python -m bench.nrepl_latency [--rounds N] [--starts N]

An "ordinary client" is a blocking socket that writes each request and reads until `done`,
as editor clients do; the "quick-ACK client" also sets TCP_QUICKACK after every read, which
removes the delayed-ACK half of a Nagle stall. A server that writes a reply in several small
segments stalls the ordinary client ~40 ms per request; ours writes each batch in one send.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import bencodepy

from pyjank.server.transport import FrameSplitter, decode

BANNER = re.compile(rb"nREPL server started on port (\d+)")
BUDGETS_MS = {
    "eval (+ 1 2) p50, ordinary client": 0.5,
    "eval (+ 1 2) p50, quick-ACK client": 0.3,
    "eval of a new defn p50": 1.0,
    "daemon start to first describe": 300.0,
}


class SyncClient:
    """A blocking nREPL client."""

    def __init__(self, port: int, quickack: bool = False) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.quickack = quickack and hasattr(socket, "TCP_QUICKACK")
        self.splitter = FrameSplitter()
        self.pending: list[dict[str, Any]] = []
        self.ids = 0

    def request(self, **msg: Any) -> list[dict[str, Any]]:
        self.ids += 1
        msg["id"] = str(self.ids)
        self.sock.sendall(bencodepy.encode(msg))
        replies = []
        while True:
            while not self.pending:
                data = self.sock.recv(65536)
                if self.quickack:
                    self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
                if not data:
                    raise EOFError
                self.pending += [decode(f) for f in self.splitter.feed(data)]
            reply = self.pending.pop(0)
            replies.append(reply)
            if "done" in reply.get("status", []):
                return replies

    def close(self) -> None:
        self.sock.close()


@contextmanager
def daemon() -> Iterator[tuple[int, float]]:
    """A fresh daemon: its port and the monotonic time it was launched."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pyjank.server.main", "--port", "0", "--port-file", os.devnull],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert proc.stdout is not None
        match = BANNER.search(proc.stdout.readline())
        assert match, "no banner"
        yield int(match.group(1)), started
    finally:
        proc.terminate()
        proc.wait()


def start_to_describe() -> float:
    with daemon() as (port, started):
        client = SyncClient(port)
        client.request(op="describe")
        elapsed = time.perf_counter() - started
        client.close()
    return elapsed * 1000


def round_trips(client: SyncClient, session: str, code_of: Any, rounds: int) -> list[float]:
    times = []
    for i in range(rounds):
        code = code_of(i)
        t0 = time.perf_counter()
        client.request(op="eval", code=code, session=session)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--rounds", type=int, default=2000)
    p.add_argument("--starts", type=int, default=5)
    opts = p.parse_args(argv)
    results: dict[str, tuple[float, float | None]] = {}
    with daemon() as (port, _):
        for quickack, label in ((False, "ordinary client"), (True, "quick-ACK client")):
            client = SyncClient(port, quickack)
            session = client.request(op="clone")[0]["new-session"]
            client.request(op="eval", code="(+ 1 2)", session=session)  # waits for boot
            round_trips(client, session, lambda i: "(+ 1 2)", 200)  # warm up
            times = round_trips(client, session, lambda i: "(+ 1 2)", opts.rounds)
            results[f"eval (+ 1 2) p50, {label}"] = (
                statistics.median(times),
                percentile(times, 0.99),
            )
            if not quickack:
                defn = round_trips(
                    client, session, lambda i: f"(defn f{i} [x] (+ x 1))", opts.rounds // 4
                )
                results["eval of a new defn p50"] = (
                    statistics.median(defn),
                    percentile(defn, 0.99),
                )
            client.close()
    starts = [start_to_describe() for _ in range(opts.starts)]
    results["daemon start to first describe"] = (statistics.median(starts), None)
    print(f"{'measure':<40} {'p50 ms':>9} {'p99 ms':>9} {'budget':>9}")
    for name, (p50, p99) in results.items():
        p99_text = f"{p99:9.3f}" if p99 is not None else f"{'':>9}"
        verdict = "ok" if p50 <= BUDGETS_MS[name] else "OVER"
        print(f"{name:<40} {p50:9.3f} {p99_text} {BUDGETS_MS[name]:9.1f} {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
