"""What each load did (design §4): forms, how many were read, compiled and reused, the
native modules compiled meanwhile, time.

Every finished load goes to the `listeners` (the daemon logs file loads on stderr) and
becomes the last stats of its thread and of the process: `last()` gives the thread's, else
the process's, also as the Clojure map `pyjank.reload/last-stats` returns.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...runtime.maps import map_from_pairs
from ...runtime.symbols import keyword


@dataclass
class LoadStats:
    ns: str
    file: str | None
    load: bool
    """A file load (load-file, require, load), not an evaluation of typed code."""
    reload: bool
    """The same file was loaded before in this process."""
    forms: int = 0
    read: int = 0
    compiled: int = 0
    reused: int = 0
    native_modules: int = 0
    """LLVM modules the native tier compiled while the load ran (its misses: one)."""
    ms: float = 0.0

    def line(self) -> str:
        verb = "reloaded" if self.reload else "loaded"
        native = self.native_modules
        modules = f", {native} native module{'s' if native > 1 else ''}" if native else ""
        return (
            f";; {verb} {self.ns} in {self.ms:.1f} ms: {self.forms} forms, "
            f"{self.compiled} compiled, {self.reused} reused{modules}"
        )

    def as_dict(self) -> dict[str, Any]:
        """For the nREPL response (bencode: no booleans, no None)."""
        return {
            **vars(self),
            "ms": round(self.ms, 3),
            "file": self.file or "",
            "load": int(self.load),
            "reload": int(self.reload),
        }

    def as_map(self) -> Any:
        return map_from_pairs((keyword(None, k), v) for k, v in vars(self).items())


listeners: list[Callable[[LoadStats], None]] = []
_last: LoadStats | None = None
_thread = threading.local()


def finished(stats: LoadStats) -> None:
    global _last
    _last = _thread.last = stats
    for listener in listeners:
        listener(stats)


def count_native_module() -> None:
    """The native tier compiled a module in this thread (the loads running count it)."""
    _thread.native_modules = native_modules() + 1


def native_modules() -> int:
    """How many native modules this thread has compiled."""
    return getattr(_thread, "native_modules", 0)


def last() -> LoadStats | None:
    return getattr(_thread, "last", None) or _last


def last_stats_map() -> Any:
    """`pyjank.reload/last-stats`: the last load's stats as a map, nil before any."""
    stats = last()
    return None if stats is None else stats.as_map()
