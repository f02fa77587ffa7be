"""The in-memory cache: form entries by key and source indexes by file, least recently used
evicted past a bound."""

from __future__ import annotations

from typing import Generic, TypeVar

from .entries import FormEntry
from .spans import SourceIndex

K = TypeVar("K")
V = TypeVar("V")


class _Lru(Generic[K, V]):
    """A dict in use order (a plain dict keeps insertion order; a hit re-inserts)."""

    def __init__(self, bound: int) -> None:
        self.bound = bound
        self._items: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        items = self._items
        value = items.pop(key, None)
        if value is not None:
            items[key] = value
        return value

    def put(self, key: K, value: V) -> None:
        items = self._items
        items.pop(key, None)
        items[key] = value
        while len(items) > self.bound:
            del items[next(iter(items))]

    def pop(self, key: K) -> None:
        self._items.pop(key, None)

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()


class MemoryCache:
    """Forms of loaded files stay while their file's last load has them (a load drops the
    forms the file no longer has, so redefining a fn 10 000 times stays flat, design §3.7);
    forms of evaluated code (nREPL `eval`) are fewer."""

    def __init__(self, forms: int = 50_000, evals: int = 256, sources: int = 2_000) -> None:
        self.forms: _Lru[bytes, FormEntry] = _Lru(forms)
        self.evals: _Lru[bytes, FormEntry] = _Lru(evals)
        self.sources: _Lru[bytes, SourceIndex] = _Lru(sources)

    def get(self, key: bytes) -> FormEntry | None:
        return self.forms.get(key) or self.evals.get(key)

    def clear(self) -> None:
        self.forms.clear()
        self.evals.clear()
        self.sources.clear()
