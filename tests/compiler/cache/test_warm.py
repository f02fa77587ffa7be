"""`pyjank compile`'s progress bar and summary (the subprocess tests are in test_disk.py)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def source_path() -> Iterator[None]:
    from pyjank.compiler import loader

    previous = loader.source_path
    yield
    loader.source_path = previous


def test_progress_bar_on_a_terminal_and_a_failing_file(tmp_path: Path, source_path: None) -> None:
    from pyjank.compiler.cache.warm import compile_paths

    for name in ("a", "b"):
        (tmp_path / f"w{name}.jank").write_text(f"(ns w{name}{tmp_path.name[-6:]})\n(def x 1)\n")
    (tmp_path / "zz_broken.jank").write_text("(ns broken)\n(undefined-thing)\n")
    out = Terminal()
    assert compile_paths([str(tmp_path)], out) == 1
    text = out.getvalue()
    assert text.count("\r[") == 3 and "] 3/3 " in text
    assert "Unable to resolve symbol: undefined-thing" in text
    summary = text.splitlines()[-1]  # the broken file's second form did not compile
    assert summary.startswith("3 namespaces, 6 forms: 5 compiled, 0 reused in ")
    assert summary.endswith(" ms (disk cache off: nothing kept)")
