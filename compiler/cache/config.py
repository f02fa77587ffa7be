"""Where the cache lives, set by the command lines (`--cache-dir`, `--no-disk-cache`).

The memory cache is always on. The disk cache is on when an entry point (`pyjank`,
`pyjank-nrepl`) configures it — by default under `$XDG_CACHE_HOME/pyjank` (else
`~/.cache/pyjank`), bounded by `$PYJANK_CACHE_MAX_MB` (default 1024) — so embedding pyjank
or running its tests writes nothing unless asked.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from .disk import DiskCache
from .memory import MemoryCache

DEFAULT_MAX_MB = 1024

memory = MemoryCache()
_disk: DiskCache | None = None


def disk() -> DiskCache | None:
    return _disk


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pyjank"


def configure(cache_dir: str | Path | None = None, use_disk: bool = True) -> None:
    """Use the disk cache in `cache_dir` (default `default_dir()`), or none."""
    global _disk
    if not use_disk:
        _disk = None
        return
    max_mb = int(os.environ.get("PYJANK_CACHE_MAX_MB") or DEFAULT_MAX_MB)
    _disk = DiskCache(Path(cache_dir) if cache_dir else default_dir(), max_mb * 1024 * 1024)


def add_cache_arguments(parser: argparse.ArgumentParser) -> None:
    """`--cache-dir DIR` and `--no-disk-cache` for a command line (both CLIs)."""
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="the compiled-code cache (default $XDG_CACHE_HOME/pyjank or ~/.cache/pyjank)",
    )
    parser.add_argument(
        "--no-disk-cache",
        action="store_true",
        help="keep compiled code in memory only",
    )


def apply_cache_arguments(opts: argparse.Namespace) -> None:
    configure(opts.cache_dir, use_disk=not opts.no_disk_cache)
