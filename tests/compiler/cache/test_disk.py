"""The disk cache: reuse across processes, and corrupt, truncated or foreign files detected
and ignored (then rewritten), atomic writes under concurrent writers, the size bound."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import Files, unique, value

BODY = "".join(f"(defn f{i} [x] (+ x {i}))\n" for i in range(8))


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[object]:
    from pyjank.compiler.cache import config

    config.configure(tmp_path / "cache")
    yield config.disk()


def _forget_memory() -> None:
    """What a new process starts with: nothing in memory (the vars stay: that is fine, a
    described dependency is checked by name)."""
    from pyjank.compiler.cache import config

    config.disk().flush()
    config.memory.clear()


def _pack(disk: object) -> Path:
    (pack,) = (p for p in (disk.root / "sources").rglob("*") if p.is_file())
    return pack


def _loaded_then_forgotten(files: Files, disk: object) -> str:
    ns = unique()
    first = files.load(ns, f"(ns {ns})\n{BODY}")
    assert first.compiled == 9
    _forget_memory()
    return ns


def test_a_new_process_reuses_everything(files: Files, disk: object) -> None:
    ns = _loaded_then_forgotten(files, disk)
    again = files.require(ns, "reload")
    assert (again.read, again.compiled, again.reused) == (0, 0, 9)
    assert value(ns, "f3")(1) == 4


@pytest.mark.parametrize("damage", ["corrupt", "truncated", "foreign", "garbage"])
def test_damaged_files_are_ignored_and_rewritten(files: Files, disk: object, damage: str) -> None:
    from pyjank.compiler.cache import disk as disk_module
    from pyjank.compiler.cache.keys import environment

    ns = _loaded_then_forgotten(files, disk)
    pack = _pack(disk)
    data = pack.read_bytes()
    header = disk_module.HEADER.size
    if damage == "corrupt":  # one flipped bit
        data = data[:-5] + bytes([data[-5] ^ 1]) + data[-4:]
    elif damage == "truncated":
        data = data[: header + (len(data) - header) // 2]
    elif damage == "foreign":  # written by another Python, pyjank or CPU
        data = data[:6] + bytes(16) + data[22:]
    else:
        data = b"not a cache file at all"
    pack.write_bytes(data)
    again = files.require(ns, "reload")
    assert (again.read, again.compiled, again.reused) == (9, 9, 0)
    assert dict(disk.rejected) == {{"garbage": "foreign"}.get(damage, damage): 1}
    assert value(ns, "f3")(1) == 4
    disk.flush()
    decoded = disk_module.decode(pack.read_bytes(), bytes.fromhex(pack.name), environment(True))
    assert len(decoded[1]) == 9  # rewritten: the index and every form


def test_size_bound_evicts_least_recently_used(tmp_path: Path) -> None:
    from pyjank.compiler.cache.disk import DiskCache

    cache = DiskCache(tmp_path, max_bytes=20_000)
    for i in range(60):
        cache.write("forms", i.to_bytes(16, "big"), bytes(16), lambda: b"x" * 1000)
    cache.flush()
    total = sum(p.stat().st_size for p in tmp_path.rglob("*") if p.is_file())
    assert total <= 20_000
    assert (tmp_path / "forms" / "00").exists()  # the newest files stay
    assert cache.read("forms", (59).to_bytes(16, "big"), bytes(16)) == b"x" * 1000


def _pyjank(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pyjank.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env={**os.environ, "PYJANK_JIT": "off"},
    )


def _tree(root: Path, n: int) -> None:
    for i in range(n):
        p = root / "src" / "warm" / f"n{i}.jank"
        p.parent.mkdir(parents=True, exist_ok=True)
        needs = f" (:require [warm.n{i - 1} :as prev])" if i else ""
        uses = "(defn g [x] (prev/f x))\n" if i else ""
        text = f"(ns warm.n{i}{needs})\n(defmacro m [x] `(inc ~x))\n(defn f [x] (m x))\n{uses}"
        p.write_text(text)


def test_compile_warms_the_cache_for_a_new_process(tmp_path: Path) -> None:
    _tree(tmp_path, 3)
    cache = str(tmp_path / "cache")
    r = _pyjank("--cache-dir", cache, "compile", "src", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    summary = r.stderr.strip().splitlines()[-1]
    assert summary.startswith("3 namespaces, 11 forms: 11 compiled, 0 reused in ")
    assert "\r" not in r.stderr  # no progress bar off a terminal
    r = _pyjank(
        "--cache-dir",
        cache,
        "--path",
        "src",
        "-e",
        "(require 'pyjank.reload) (require 'warm.n2) ((juxt :compiled :reused :read) "
        "(pyjank.reload/last-stats))",
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[0 4 0]"
    r = _pyjank("--no-disk-cache", "compile", "src", cwd=tmp_path)
    assert "11 compiled, 0 reused" in r.stderr and "disk cache off" in r.stderr


def test_two_writers_sharing_a_cache(tmp_path: Path) -> None:
    """Two processes compiling the same tree into one cache at once: every file either
    decodes or is absent, never half-written."""
    from pyjank.compiler.cache.disk import BadEntry, decode

    _tree(tmp_path, 6)
    cache = str(tmp_path / "cache")
    cmd = [sys.executable, "-m", "pyjank.cli.main", "--cache-dir", cache, "compile", "src"]
    env = {**os.environ, "PYJANK_JIT": "off"}
    procs = [subprocess.Popen(cmd, cwd=tmp_path, env=env, stderr=subprocess.PIPE) for _ in "ab"]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    files = [p for p in Path(cache).rglob("*") if p.is_file()]
    assert files and not [p for p in files if p.name.endswith(".tmp")]
    for p in files:
        data = p.read_bytes()
        try:
            decode(data, bytes.fromhex(p.name), data[6:22])
        except BadEntry as e:
            pytest.fail(f"{p}: {e}")
