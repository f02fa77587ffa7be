"""Interrupting native code, and letting other threads run while it runs (design §3.5, §5).

Native code holds the GIL, so on its own it would never let another thread run: not the
daemon's event loop, nor a thread asking it to stop. So it counts fn entries (a process-wide
counter) and loop back-edges (a counter per running loop) and, every `POLL_EVERY` of them,
calls `poll`: a Python function, so it releases the GIL for a moment and runs the eval loop,
where an asynchronous exception (`PyThreadState_SetAsyncExc`, how the nREPL server stops a
job) is raised as it is in Python code. Interrupts can also be requested here directly:

    request_interrupt(thread_id, exc)  # thread_id None: the next thread that polls
    cancel_interrupt(thread_id)
"""

from __future__ import annotations

import ctypes
import threading
import time

POLL_EVERY = 1 << 16
_ticks = ctypes.c_int32(POLL_EVERY)
TICKS_ADDRESS = ctypes.addressof(_ticks)
_lock = threading.Lock()
_pending: dict[int | None, type[BaseException]] = {}


def request_interrupt(
    thread_id: int | None = None, exc: type[BaseException] = KeyboardInterrupt
) -> None:
    """Make native code running in `thread_id` (any thread when None) raise `exc`."""
    with _lock:
        _pending[thread_id] = exc


def cancel_interrupt(thread_id: int | None = None) -> None:
    with _lock:
        _pending.pop(thread_id, None)


def poll() -> None:
    """Called by native code now and then: let other threads run, then raise if an
    interrupt is pending for this thread."""
    time.sleep(0)
    if _pending:
        with _lock:
            exc = _pending.pop(threading.get_ident(), None) or _pending.pop(None, None)
        if exc is not None:
            raise exc
