"""Compiler options shared by the CLIs, the daemon and the tests.

`--jit eager|lazy|off` (design §1): when fn bodies move to native code. `eager` compiles every
`fn*` when it is defined, `lazy` when one of the fns of its form is first called, `off` keeps
everything on tier 0 (the safe mode). `PYJANK_JIT` sets the initial mode.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager

JIT_MODES = ("eager", "lazy", "off")
# Measured choice: lazy. A `defn` evaluates in ~0.3 ms (eager pays the JIT, ~4 ms, over the
# 1 ms eval budget of design §6) and a fn runs natively from its first call on
# (docs/architecture.md, "Native tier"). The tests run `eager` so native code is always
# exercised.
DEFAULT_JIT = "lazy"

_jit = os.environ.get("PYJANK_JIT", DEFAULT_JIT)
if _jit not in JIT_MODES:
    _jit = DEFAULT_JIT


def jit_mode() -> str:
    return _jit


def set_jit_mode(mode: str) -> None:
    global _jit
    if mode not in JIT_MODES:
        raise ValueError(f"--jit must be one of {', '.join(JIT_MODES)}, got {mode!r}")
    _jit = mode


@contextmanager
def jit_mode_as(mode: str) -> Iterator[None]:
    previous = _jit
    set_jit_mode(mode)
    try:
        yield
    finally:
        set_jit_mode(previous)


def add_jit_argument(parser: argparse.ArgumentParser) -> None:
    """`--jit eager|lazy|off` for a command line (both CLIs)."""
    parser.add_argument(
        "--jit",
        choices=JIT_MODES,
        default=None,
        help=f"when fns are compiled to native code (default: $PYJANK_JIT or {DEFAULT_JIT})",
    )
