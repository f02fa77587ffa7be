"""Fixtures for the per-form cache: an empty cache per test (memory only unless a test
configures a disk cache), tier 0 unless a test asks for the native tier (its own tests are in
test_native_cache.py), and `Files`, which writes namespaces into a source directory and
loads them as `require :reload` does."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_ids = itertools.count(1)


@pytest.fixture(autouse=True)
def fresh_cache(booted: None) -> Iterator[None]:
    from pyjank.compiler.cache import config
    from pyjank.compiler.options import jit_mode_as

    config.memory.clear()
    config.configure(use_disk=False)  # what the library does unless a CLI turns it on
    with jit_mode_as("off"):
        yield
    disk = config.disk()
    if disk is not None:
        disk.flush()
        config.configure(use_disk=False)
    config.memory.clear()


def unique(prefix: str = "c") -> str:
    """A namespace name no other test uses."""
    return f"cache.{prefix}{next(_ids)}"


class Files:
    """Namespaces as files under a source directory on the source path."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, ns: str) -> Path:
        return self.root / (ns.replace("-", "_").replace(".", "/") + ".jank")

    def write(self, ns: str, text: str) -> Path:
        p = self.path(ns)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
        return p

    def require(self, ns: str, *flags: str) -> Any:
        """`(require 'ns flags...)` with *ns* bound to user; the load's stats."""
        from pyjank.compiler import cache
        from pyjank.compiler.loader import require
        from pyjank.runtime import core_vars as cv
        from pyjank.runtime.namespaces import find_or_create_ns
        from pyjank.runtime.symbols import Symbol, keyword
        from pyjank.runtime.vars import bindings

        with bindings([(cv.NS, find_or_create_ns("user"))]):
            require(Symbol(None, ns), *(keyword(None, f) for f in flags))
        return cache.last()

    def load(self, ns: str, text: str) -> Any:
        """Write `ns` and `(require 'ns :reload)` it; the load's stats."""
        self.write(ns, text)
        return self.require(ns, "reload")


@pytest.fixture
def files(tmp_path: Path) -> Iterator[Files]:
    from pyjank.compiler import loader

    previous = loader.source_path
    loader.set_source_path([tmp_path, *previous.dirs])
    yield Files(tmp_path)
    loader.source_path = previous


def value(ns: str, name: str) -> Any:
    """The value of var ns/name."""
    from pyjank.runtime.namespaces import find_ns

    found = find_ns(ns)
    assert found is not None, ns
    return found.mappings[name].deref()


def evaluate(text: str, ns: str = "user") -> Any:
    """Evaluate `text` in `ns` as the nREPL eval op does (no load)."""
    from contextlib import closing

    from pyjank.compiler.cache import source_steps
    from pyjank.runtime import core_vars as cv
    from pyjank.runtime.namespaces import find_or_create_ns
    from pyjank.runtime.vars import bindings

    result = None
    with bindings([(cv.NS, find_or_create_ns(ns))]):
        with closing(source_steps(text, None, load=False)) as steps:
            for step in steps:
                result = step()
    return result
