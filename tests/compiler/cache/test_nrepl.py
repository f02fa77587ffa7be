"""What a load did, through the daemon: the `pyjank/reload-stats` key of the nREPL response
and the line on the daemon's log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ...server.client import Client, Daemon


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[Daemon]:
    d = Daemon(tmp_path, "--cache-dir", str(tmp_path / "cache"), "--jit", "off")
    yield d
    d.stop()


async def test_load_file_reports_what_it_did(daemon: Daemon, tmp_path: Path) -> None:
    path = tmp_path / "statme.clj"
    code = "(ns statme)\n" + "".join(f"(defn f{i} [x] (+ x {i}))\n" for i in range(5))
    client = await Client.connect(daemon.port)
    try:
        session = await client.clone()
        for expected in ((6, 0, False), (0, 6, True)):
            replies = await client.request(
                op="load-file", session=session, file=code, file_path=str(path)
            )
            (stats,) = [r["pyjank/reload-stats"] for r in replies if "pyjank/reload-stats" in r]
            assert (stats["compiled"], stats["reused"], bool(stats["reload"])) == expected
            assert stats["ns"] == "statme" and stats["forms"] == 6
        replies = await client.request(op="eval", session=session, code="(statme/f3 1) 2")
        assert [r["value"] for r in replies if "value" in r] == ["4", "2"]
        assert "pyjank/reload-stats" in [r for r in replies if "value" in r][-1]
    finally:
        await client.aclose()
    log = daemon.stderr()
    assert ";; loaded statme in " in log
    assert "ms: 6 forms, 0 compiled, 6 reused" in log
