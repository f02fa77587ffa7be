"""`pyjank compile PATH...`: fill the disk cache for a source tree.

Compiling a namespace means loading it — its macros must run to expand the forms after them,
as with Clojure's AOT compilation — so every `.jank`, `.cljc` and `.clj` file under the
paths is loaded once (with its requires), directories joining the source path. A file that
fails is reported and the others still load. On a terminal a progress bar shows the
files; the summary counts namespaces, forms, and how many were compiled or reused.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

from ...runtime import core_vars as cv
from ...runtime.namespaces import find_or_create_ns
from ...runtime.vars import bindings
from .. import loader
from ..diagnostics import format_error
from . import config, stats
from .keys import file_key

_BAR = 30


def source_files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(f for ext in loader.EXTENSIONS for f in p.rglob(f"*{ext}"))
        else:
            found.append(p)
    return list(dict.fromkeys(found))


def compile_paths(paths: list[str], out: TextIO = sys.stderr) -> int:
    """Load every source file under `paths`; 0, or 1 when some file failed."""
    dirs = [p for p in paths if Path(p).is_dir()]
    if dirs:
        loader.set_source_path([*dirs, *(d for d in loader.source_path.dirs if str(d) not in dirs)])
    files = source_files(paths)
    loads: dict[str, stats.LoadStats] = {}

    def seen(s: stats.LoadStats) -> None:
        if s.load and s.file is not None:
            loads.setdefault(file_key(s.file), s)

    started = time.perf_counter()
    failed = 0
    tty = out.isatty()
    stats.listeners.append(seen)
    try:
        for i, path in enumerate(files, 1):
            if tty:
                done = _BAR * i // len(files)
                out.write(f"\r[{'#' * done}{' ' * (_BAR - done)}] {i}/{len(files)} {path}\x1b[K")
                out.flush()
            if file_key(str(path)) in loads:
                continue  # loaded already, required by an earlier file
            try:
                with bindings([(cv.NS, find_or_create_ns("user"))]):
                    loader.load_file(path)
            except Exception as e:
                failed += 1
                out.write(("\n" if tty else "") + format_error(e) + "\n")
    finally:
        stats.listeners.remove(seen)
    disk = config.disk()
    if disk is not None:
        disk.flush()
    ms = (time.perf_counter() - started) * 1000
    total = list(loads.values())
    out.write(
        ("\n" if tty else "")
        + f"{len(total)} namespaces, {sum(s.forms for s in total)} forms: "
        + f"{sum(s.compiled for s in total)} compiled, {sum(s.reused for s in total)} reused "
        + f"in {ms:.0f} ms"
        + ("" if disk is not None else " (disk cache off: nothing kept)")
        + "\n"
    )
    return 1 if failed else 0
