"""Running the classic programs in tests/programs/ under JVM Clojure and under pyjank.

Each `NAME.cljc` is ordinary portable Clojure; `expected/NAME.out` caches what JVM Clojure
(Debian's `clojure` package, Clojure 1.11) prints for it, written by `generate_expected.py`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "expected"
TIMEOUT = 300


def programs() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.cljc"))


def source(name: str) -> Path:
    return HERE / f"{name}.cljc"


def expected(name: str) -> Path:
    return EXPECTED / f"{name}.out"


def clojure_command() -> list[str] | None:
    """How to run a script under JVM Clojure, or None when it is not installed."""
    exe = shutil.which("clojure")
    return [exe] if exe else None


def _run(cmd: list[str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("CLASSPATH", "PYJANK_JIT")}
    return subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=HERE,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def run_jvm(name: str) -> subprocess.CompletedProcess:
    cmd = clojure_command()
    if cmd is None:
        raise RuntimeError("JVM Clojure is not installed (Debian package `clojure`)")
    return _run([*cmd, str(source(name))])


def run_pyjank(name: str, jit: str) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-m", "pyjank.cli.main", "--jit", jit, "run", str(source(name))])
