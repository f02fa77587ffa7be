"""Classic programs run unchanged: pyjank prints byte for byte what JVM Clojure prints.

Every tests/programs/NAME.cljc runs as a subprocess under pyjank in both tiers (`--jit off`
and `--jit eager`). Its stdout must equal expected/NAME.out, JVM Clojure's output cached by
`python -m tests.programs.generate_expected`; when `clojure` is installed, the program also
runs under the JVM, whose output must equal both pyjank's and the cached file (a stale cache
fails). All runs of a session start at once in a pool, so the JVM's start-up overlaps
pyjank's.
"""

from __future__ import annotations

import difflib
import os
import subprocess
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from .harness import clojure_command, expected, programs, run_jvm, run_pyjank

TIERS = ["off", "eager"]


class Runs:
    """The subprocess runs the session's selected tests need, started together."""

    def __init__(self, wanted: set[tuple[str, str]], jvm: bool) -> None:
        self._pool = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2))
        names = sorted({name for name, _ in wanted})
        # JVM runs first: they are the slowest.
        self.jvm: dict[str, Future] = (
            {name: self._pool.submit(run_jvm, name) for name in names} if jvm else {}
        )
        self.pyjank = {key: self._pool.submit(run_pyjank, *key) for key in sorted(wanted)}

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session")
def runs(request: pytest.FixtureRequest):
    wanted = {
        (item.callspec.params["program"], item.callspec.params["tier"])
        for item in request.session.items
        if getattr(item, "originalname", None) == "test_program_output"
    }
    r = Runs(wanted, jvm=clojure_command() is not None)
    yield r
    r.close()


def _diff(want: str, got: str, want_name: str, got_name: str) -> str:
    lines = difflib.unified_diff(
        want.splitlines(keepends=True), got.splitlines(keepends=True), want_name, got_name
    )
    return "".join(lines)


def _ok(r: subprocess.CompletedProcess, who: str) -> None:
    if r.returncode != 0:
        pytest.fail(f"{who} exited {r.returncode}:\n{r.stderr}\nstdout:\n{r.stdout}", False)


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("program", programs())
def test_program_output(program: str, tier: str, runs: Runs) -> None:
    path = expected(program)
    assert path.exists(), f"no {path}: run python -m tests.programs.generate_expected {program}"
    cached = path.read_text()
    got = runs.pyjank[program, tier].result()
    _ok(got, f"pyjank --jit {tier}")
    if program in runs.jvm:
        jvm = runs.jvm[program].result()
        _ok(jvm, "JVM Clojure")
        assert got.stdout == jvm.stdout, _diff(jvm.stdout, got.stdout, "clojure", "pyjank")
        assert jvm.stdout == cached, (
            f"{path.name} is stale: run python -m tests.programs.generate_expected {program}\n"
            + _diff(cached, jvm.stdout, path.name, "clojure")
        )
    assert got.stdout == cached, _diff(cached, got.stdout, path.name, "pyjank")


def test_programs_exist() -> None:
    assert len(programs()) >= 6
