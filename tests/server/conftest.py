"""A real daemon process shared by the server tests, and a connected client per test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from .client import Client, Daemon


@pytest.fixture(scope="session")
def daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    d = Daemon(tmp_path_factory.mktemp("nrepl"))
    yield d
    d.stop()


@pytest.fixture
async def client(daemon: Daemon) -> AsyncIterator[Client]:
    c = await Client.connect(daemon.port)
    yield c
    await c.aclose()
    assert daemon.alive(), daemon.stderr()


@pytest.fixture
async def session(client: Client) -> str:
    return await client.clone()
