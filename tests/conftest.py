"""Shared fixtures: a booted runtime and `run`, which evaluates pyjank source in a fresh
namespace through each backend under test: tier 0 (`--jit off`) and the native tier
(`--jit eager`, so every fn and loop of the test code is compiled to machine code)."""

from __future__ import annotations

import itertools
import os
from typing import Any

import pytest

BACKENDS = ["tier0", "jit"]
_JIT_MODES = {"tier0": "off", "jit": "eager"}
_ns_ids = itertools.count(1)


@pytest.fixture(scope="session", autouse=True)
def _cache_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The CLIs and daemons the tests start keep their disk cache out of the user's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@pytest.fixture(scope="session")
def booted() -> None:
    from pyjank.compiler.bootstrap import boot

    boot()


class Runner:
    """Evaluates source text in its own namespace, as a file would be loaded."""

    def __init__(self, backend: str) -> None:
        from pyjank.compiler import loader
        from pyjank.runtime import core_vars as cv
        from pyjank.runtime.namespaces import find_or_create_ns

        self.backend = backend
        self.ns = find_or_create_ns(f"test.ns{next(_ns_ids)}")
        self._loader = loader
        self._cv = cv

    def __call__(self, text: str, file: str | None = None) -> Any:
        from pyjank.compiler.options import jit_mode_as
        from pyjank.runtime.vars import bindings

        with jit_mode_as(_JIT_MODES[self.backend]), bindings([(self._cv.NS, self.ns)]):
            if not self.ns.mappings:
                self._loader.refer_clojure()
            return self._loader.load_string(text, file)


@pytest.fixture(params=BACKENDS)
def run(request: pytest.FixtureRequest, booted: None) -> Runner:
    return Runner(request.param)
