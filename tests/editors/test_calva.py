"""editors/vscode/settings.json: Calva's jack-in, done as Calva 2.0.480 does it. The
connect sequence's command line runs through a shell in the project root with
JACK-IN-NREPL-PORT substituted (and exported as JACK_IN_*); Calva's banner regex gives the
port; then Calva's connect sequence (../shared/nrepl-protocol.md §4) runs against it."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import trio

from pyjank.cli.new_project import calva_settings, create

from ..server.client import Client

SETTINGS = Path(__file__).resolve().parents[2] / "editors" / "vscode" / "settings.json"
BIN = Path(sys.executable).parent
# calva:src/nrepl/jack-in-terminal.ts, the line that finds host and port in the output.
CALVA_BANNER = re.compile(
    r"(?:Started nREPL server|nREPL server started)[^\r\n]+?"
    r"(?:(?:on port (\d+)(?: on host (\S+))?)|([^\s/]+):(\d+))"
)
ON_CONNECT = (
    "(when-let [requires (resolve 'clojure.main/repl-requires)]\n"
    "  (clojure.core/apply clojure.core/require @requires))"
)
PRINT = "nrepl.middleware.print/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_settings_match_template() -> None:
    settings = json.loads(SETTINGS.read_text())
    assert settings == calva_settings()
    assert settings["files.associations"] == {"*.jank": "clojure"}
    (sequence,) = settings["calva.replConnectSequences"]
    assert sequence["projectType"] == "custom"
    assert "JACK-IN-NREPL-PORT" in sequence["customJackInCommandLine"]


async def test_jack_in_and_connect_sequence(tmp_path: Path) -> None:
    root = create("demo", tmp_path)
    settings = json.loads((root / ".vscode" / "settings.json").read_text())
    (sequence,) = settings["calva.replConnectSequences"]
    port, port_file = free_port(), root.joinpath(*sequence["nReplPortFile"])
    substitutions = {"NREPL-PORT": str(port), "PROJECT-ROOT-PATH": str(root)}
    command = sequence["customJackInCommandLine"]
    for key, value in substitutions.items():
        command = command.replace(f"JACK-IN-{key}", value)
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        **{"JACK_IN_" + k.replace("-", "_"): v for k, v in substitutions.items()},
    }
    proc = subprocess.Popen(
        command,
        shell=True,
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        with trio.fail_after(30):
            match = await banner(proc)
        host, found = match.group(2) or match.group(3), int(match.group(1) or match.group(4))
        assert (host, found) == ("127.0.0.1", port)
        assert port_file.read_text() == str(port)  # what Calva's "Connect" reads
        await calva_connect(host, port)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # Calva's tree-kill: the shell and the daemon
        proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()
    with trio.fail_after(10):  # the daemon shuts down cleanly, removing its port file
        while port_file.exists():
            await trio.sleep(0.02)


async def banner(proc: subprocess.Popen) -> re.Match:
    """The first line of the daemon's output that Calva's regex matches."""
    while line := await trio.to_thread.run_sync(proc.stdout.readline, abandon_on_cancel=True):
        if match := CALVA_BANNER.search(line.decode()):
            return match
    raise AssertionError(f"no banner; stderr: {proc.stderr.read().decode()}")


async def calva_connect(host: str, port: int) -> None:
    """NReplClient.create, then connector.ts: every step waits for its done."""
    client = Client(await trio.open_tcp_stream(host, port))
    try:
        replies = await client.request(op="eval", code="*ns*")  # no session
        assert [r["ns"] for r in replies if "ns" in r] == ["user"]
        (cloned,) = await client.request(op="clone")  # one message: new-session + done
        main = cloned["new-session"]
        assert cloned["status"] == ["done"]
        replies = await client.request(op="describe", session=main, verbose=1)
        ops = replies[0]["ops"]
        assert all(ops.values())  # truthy in JS
        assert "info" in ops  # else Calva warns "troubles ahead" for a custom sequence
        replies = await client.request(
            op="eval",
            session=main,
            code=ON_CONNECT,
            file="/tmp/output.calva-repl",
            line=1,
            column=1,
            pprint=1,
            **{PRINT + "print": "cider.nrepl.pprint/pprint"},
            **{PRINT + "options": {"right-margin": 120, "length": 50}},
        )
        assert all(r["session"] == main for r in replies)
        assert not any("ex" in r for r in replies), replies
        assert [r["value"] for r in replies if "value" in r] == ["nil"]
        for op in ("classpath", "out-subscribe"):  # awaited when advertised
            if op in ops:
                replies = await client.request(op=op, session=main)
                assert replies[-1]["status"] == ["done"]
        replies = await client.request(op="eval", session=main, code="(+ 1 2)", ns="user")
        assert [r["value"] for r in replies if "value" in r] == ["3"]
    finally:
        await client.aclose()
