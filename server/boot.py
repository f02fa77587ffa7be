"""Booting the language in the background: the daemon listens (and answers `describe`,
`clone`...) while clojure.core loads, and evals wait for it. Design §6 budgets daemon start to
first `describe` at 0.3 s, far less than importing the compiler and loading clojure.core."""

from __future__ import annotations

import gc
import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from .transport import log

if TYPE_CHECKING:
    from .language import Language


class LanguageUnavailable(Exception):
    """The language failed to boot; the message says why."""


class LanguageLoader:
    """Holds the language once booted."""

    def __init__(self) -> None:
        self._language: Language | None = None
        self._ready = threading.Event()
        self._failure = ""

    def start(self, make: Callable[[], Language]) -> None:
        """Run `make` in a background thread."""
        threading.Thread(target=self._boot, args=(make,), name="pyjank-boot", daemon=True).start()

    @staticmethod
    def _warm_native() -> None:
        """Evals wait for the native tier too: loading it alongside the first load-file would
        slow that load down by as much (~60 ms). If it cannot load, the daemon still serves
        (`--jit off` code works) and what needs native code raises the error again."""
        from ..compiler.bootstrap import warm_native

        try:
            warm_native()
        except Exception as e:
            log(f"pyjank: the native tier could not be loaded: {e!r}")

    def _boot(self, make: Callable[[], Language]) -> None:
        try:
            self._language = make()
            self._warm_native()
            # What booting created lives as long as the daemon: keep the collector from
            # rescanning it in every full collection (a multi-millisecond pause otherwise).
            gc.collect()
            gc.freeze()
        except BaseException:
            self._failure = "pyjank failed to start:\n" + traceback.format_exc()
            log(self._failure)
        finally:
            self._ready.set()

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def get(self) -> Language:
        """The booted language, waiting for it if need be (never call on the event loop
        before `ready`)."""
        self._ready.wait()
        if self._language is None:
            raise LanguageUnavailable(self._failure)
        return self._language
