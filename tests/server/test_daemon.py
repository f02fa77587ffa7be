"""The daemon process itself: banner, port file, signals, Unix socket, start-up time."""

from __future__ import annotations

import signal
import socket
import stat
import sys
import time
from pathlib import Path

import pytest
import trio

from .client import Client, Daemon, bdecode, bencode


def test_banner_and_port_file(daemon: Daemon) -> None:
    banner = daemon.out_path.read_text()
    expected = f"nREPL server started on port {daemon.port} on host 127.0.0.1"
    assert banner.startswith(f"{expected} - nrepl://127.0.0.1:{daemon.port}")
    assert (daemon.cwd / ".nrepl-port").read_text() == str(daemon.port)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_shuts_down_and_removes_port_file(tmp_path: Path, sig: signal.Signals) -> None:
    d = Daemon(tmp_path)
    d.proc.send_signal(sig)
    assert d.proc.wait(10) == 0
    assert not (tmp_path / ".nrepl-port").exists()


def test_port_file_option(tmp_path: Path) -> None:
    d = Daemon(tmp_path, "--port-file", "repl-port")
    assert (tmp_path / "repl-port").read_text() == str(d.port)
    assert not (tmp_path / ".nrepl-port").exists()
    assert d.stop() == 0
    assert not (tmp_path / "repl-port").exists()


def test_non_loopback_host_warns(tmp_path: Path) -> None:
    d = Daemon(tmp_path, "--host", "0.0.0.0")
    try:
        assert "on host 0.0.0.0" in d.out_path.read_text()
        assert "WARNING" in d.stderr() and "arbitrary code" in d.stderr()
    finally:
        d.stop()


@pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets")
def test_unix_socket_is_private(tmp_path: Path) -> None:
    path = tmp_path / "nrepl.sock"
    d = Daemon(tmp_path, "--socket", str(path))
    try:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(str(path))
            s.sendall(bencode({"op": "describe", "id": "1"}))
            data = b""
            while not data.endswith(b"ee"):
                data += s.recv(65536)
        assert bdecode(data)[0]["status"] == ["done"]
    finally:
        d.stop()
    assert not path.exists()


async def test_start_to_first_describe(tmp_path: Path) -> None:
    d = Daemon(tmp_path)
    try:
        c = await Client.connect(d.port)
        (reply,) = await c.request(op="describe")
        elapsed = time.perf_counter() - d.started
        assert reply["status"] == ["done"]
        assert elapsed < 2  # the budget (0.3 s) is measured by bench/nrepl_latency.py
        await c.aclose()
    finally:
        d.stop()


async def test_first_eval_waits_for_boot(tmp_path: Path) -> None:
    d = Daemon(tmp_path)
    try:
        c = await Client.connect(d.port)
        with trio.fail_after(30):
            replies = await c.request(op="eval", code="(+ 1 2)", timeout=30)
        assert replies[0].get("value") == "3", replies
        await c.aclose()
    finally:
        d.stop()
