"""The on-disk cache (design §4): compiled forms that outlive the process.

Files live under `<root>/<kind>/` (`sources`: one pack per source file and load context,
`source.py`; `objects`: native object code several entries share, named by its digest and
written with the first pack that refers to it, `describe.store`; `support`: the native
support library's). Each is a header — magic, format, the environment digest, the key, the
payload's length and its xxh3-64 — then the payload (`marshal`). A file whose header,
length or checksum is wrong (corrupt, truncated, written by another pyjank, Python or CPU —
or not a cache file) is ignored, and a later write replaces it: nothing in it is trusted.

Writes happen on a background thread, so compiling never waits for the disk: the foreground
hands over a function that builds the payload from the (immutable) compiled entry. Each
write goes to a temporary file in the same directory and is renamed over the target
(`os.replace`, atomic), so two daemons can share the cache and a reader never sees half a
file. Past `max_bytes` the least recently used files are deleted (reads refresh a file's
time, through the same thread); stray temporary files of crashed writers go too.
"""

from __future__ import annotations

import atexit
import marshal
import os
import queue
import struct
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import xxhash

from .describe import Stale, Undescribable, storing
from .keys import FORMAT

MAGIC = b"PJKC"
HEADER = struct.Struct("<4sH16s16sIQ")
"""magic, format, environment digest, key, payload length, payload xxh3-64."""
_STALE_TEMP = 3600.0
QUIET = 0.1  # seconds without new writes before the writer works


class BadEntry(Exception):
    """Why a cache file was not trusted."""


def encode(key: bytes, env: bytes, obj: Any) -> bytes:
    body = marshal.dumps(obj)
    return HEADER.pack(MAGIC, FORMAT, env, key, len(body), xxhash.xxh3_64_intdigest(body)) + body


def decode(data: bytes, key: bytes, env: bytes) -> Any:
    """The payload of a cache file; BadEntry says why the file is not trusted."""
    if not data.startswith(MAGIC):
        raise BadEntry("foreign")
    if len(data) < HEADER.size:
        raise BadEntry("truncated")
    _, fmt, file_env, file_key, length, checksum = HEADER.unpack_from(data)
    if fmt != FORMAT or file_env != env or file_key != key:
        raise BadEntry("foreign")
    body = memoryview(data)[HEADER.size :]
    if len(body) != length:
        raise BadEntry("truncated")
    if xxhash.xxh3_64_intdigest(body) != checksum:
        raise BadEntry("corrupt")
    try:
        return marshal.loads(body)
    except (EOFError, ValueError, TypeError) as e:
        raise BadEntry("corrupt") from e


class DiskCache:
    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.rejected: Counter[str] = Counter()
        self._size: int | None = None
        self._queue: queue.Queue[Callable[[], None]] = queue.Queue()
        self._hurry = threading.Event()
        self._failed = False
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def path(self, kind: str, key: bytes) -> Path:
        name = key.hex()
        return self.root / kind / name[:2] / name

    # -- reading -----------------------------------------------------------------------------
    def read(self, kind: str, key: bytes, env: bytes) -> Any | None:
        """The payload stored under `key`, or None (missing or not trusted)."""
        path = self.path(kind, key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            obj = decode(data, key, env)
        except BadEntry as e:
            self.rejected[str(e)] += 1
            return None
        self._submit(lambda: _touch(path))
        return obj

    # -- writing -----------------------------------------------------------------------------
    def write(self, kind: str, key: bytes, env: bytes, build: Callable[[], Any]) -> None:
        """Store what `build()` returns under `key`, in the background, after what its
        description asked to `store`; nothing when it raises Undescribable (or Stale)."""
        path = self.path(kind, key)

        def task() -> None:
            with storing() as blobs:
                try:
                    data = encode(key, env, build())
                except (Undescribable, Stale):
                    return
            for (kind_of, key_of), make in blobs.items():  # what the payload refers to, first
                self._store(self.path(kind_of, key_of), encode(key_of, env, make()))
            self._store(path, data)

        self._submit(task)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every submitted write is done (at once, not after a quiet moment);
        False on timeout."""
        done = threading.Event()
        self._hurry.set()
        self._submit(done.set)
        return done.wait(timeout)

    def _submit(self, task: Callable[[], None]) -> None:
        if self._thread is None:
            with self._lock:
                if self._thread is None:
                    self._thread = threading.Thread(
                        target=self._work, name="pyjank-disk-cache", daemon=True
                    )
                    self._thread.start()
                    atexit.register(self.flush, 10.0)
        self._queue.put(task)

    def _work(self) -> None:
        while True:
            tasks = [self._queue.get()]
            # Writing waits for a quiet moment: describing native code may compile it, which
            # would slow down the next load of a burst (an editor's reloads) by as much.
            while True:
                try:
                    tasks.append(self._queue.get(timeout=0 if self._hurry.is_set() else QUIET))
                except queue.Empty:
                    break
            self._hurry.clear()
            for task in tasks:
                try:
                    task()
                except Exception as e:  # the cache is only a cache: say so once, go on
                    if not self._failed:
                        self._failed = True
                        sys.stderr.write(f"pyjank: the disk cache could not be written: {e!r}\n")

    def _store(self, path: Path, data: bytes) -> None:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)
            return
        if self._size is None:
            self._size = sum(size for _, size, _ in self._files())
        else:
            self._size += len(data)
        if self._size > self.max_bytes:
            self.evict()

    # -- the size bound ----------------------------------------------------------------------
    def _files(self) -> list[tuple[float, int, Path]]:
        """(time, size, path) of every file under the root."""
        found = []
        for dirpath, _, names in os.walk(self.root):
            for name in names:
                p = Path(dirpath) / name
                try:
                    st = p.stat()
                except OSError:
                    continue
                found.append((st.st_mtime, st.st_size, p))
        return found

    def evict(self) -> None:
        """Delete least recently used files until the cache is under 90 % of its bound, and
        temporary files abandoned by writers that died."""
        files = sorted(self._files())
        total = sum(size for _, size, _ in files)
        now = time.time()
        for mtime, size, p in files:
            if p.name.endswith(".tmp") and now - mtime < _STALE_TEMP:
                continue  # another process may be writing it
            if p.name.endswith(".tmp") or total > self.max_bytes * 0.9:
                p.unlink(missing_ok=True)
                total -= size
        self._size = total


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass
