"""`pyjank new NAME`: the project it writes, its -main, and its test run from the command
line and through the nREPL `test` op of `pyjank-nrepl --port 0` started in the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..server.client import Client, Daemon, joined
from .test_cli import pyjank

SETTINGS = Path(__file__).resolve().parents[2] / "editors" / "vscode" / "settings.json"
FILES = {
    "pyjank.edn",
    "src/demo/core.jank",
    "test/demo/core_test.jank",
    ".vscode/settings.json",
    ".vscode/extensions.json",
    ".dir-locals.el",
    ".gitignore",
    "README.md",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    parent = tmp_path_factory.mktemp("new")
    r = pyjank("new", "demo", cwd=parent)
    assert r.returncode == 0, r.stderr
    assert "Created" in r.stdout
    return parent / "demo"


def test_creates_project(demo: Path) -> None:
    made = {str(p.relative_to(demo)) for p in demo.rglob("*") if p.is_file()}
    assert made == FILES
    settings = json.loads((demo / ".vscode" / "settings.json").read_text())
    assert settings == json.loads(SETTINGS.read_text())


def test_hyphenated_name(tmp_path: Path) -> None:
    assert pyjank("new", "my-app", cwd=tmp_path).returncode == 0
    core = tmp_path / "my-app" / "src" / "my_app" / "core.jank"
    assert core.read_text().startswith("(ns my-app.core")
    r = pyjank("-m", "my-app.core", cwd=tmp_path / "my-app")
    assert (r.returncode, r.stdout) == (0, "Hello, world!\n"), r.stderr


@pytest.mark.parametrize("name", ["Demo", "1app", "a.b", "x-", "a--b"])
def test_rejects_bad_names(tmp_path: Path, name: str) -> None:
    r = pyjank("new", name, cwd=tmp_path)
    assert r.returncode == 2 and "invalid project name" in r.stderr
    assert not any(tmp_path.iterdir())


def test_refuses_non_empty_directory(demo: Path) -> None:
    r = pyjank("new", "demo", cwd=demo.parent)
    assert r.returncode == 1
    assert r.stderr == f"pyjank new: {demo} already exists and is not empty\n"


def test_main_runs(demo: Path) -> None:
    r = pyjank("-m", "demo.core", "Ada", cwd=demo)
    assert (r.returncode, r.stdout) == (0, "Hello, Ada!\n"), r.stderr


def test_template_test_passes_from_cli(demo: Path) -> None:
    r = pyjank(
        *("--path", "src", "--path", "test"),
        *("-e", "(require 'demo.core-test)"),
        *("-e", "(select-keys (clojure.test/run-tests 'demo.core-test) [:test :pass :fail])"),
        cwd=demo,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.endswith("{:test 1, :pass 1, :fail 0}\n")


async def test_template_test_passes_through_test_op(demo: Path) -> None:
    daemon = Daemon(demo)  # pyjank-nrepl --port 0, in the project
    try:
        client = await Client.connect(daemon.port)
        session = await client.clone()
        (described,) = await client.request(op="describe", session=session)
        if "test" not in described["ops"]:
            pytest.skip("the nREPL test op is not there yet")
        # As an editor does: load the test buffer (C-c C-k), then run its tests (C-c C-t n).
        test_file = demo / "test" / "demo" / "core_test.jank"
        replies = await client.request(
            op="load-file",
            session=session,
            file=test_file.read_text(),
            file_path=str(test_file),
            file_name=test_file.name,
        )
        assert not joined(replies, "err"), replies
        replies = await client.request(op="test", session=session, ns="demo.core-test")
        (report,) = [r for r in replies if "summary" in r]
        assert report["summary"] == {
            "ns": 1,
            "var": 1,
            "test": 1,
            "pass": 1,
            "fail": 0,
            "error": 0,
        }
        (result,) = report["results"]["demo.core-test"]["greet-test"]
        assert result["type"] == "pass"
        await client.aclose()
    finally:
        assert daemon.stop() == 0, daemon.stderr()
