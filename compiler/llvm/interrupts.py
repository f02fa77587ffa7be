"""Interrupting native code, and letting other threads run while it runs (design §3.5, §5).

Native code holds the GIL, so on its own it would never let another thread run: not the
daemon's event loop, nor a thread asking it to stop. So fn entries and loop back-edges read a
flag, `poll_due` (a load, no store: checking it costs next to nothing in a hot loop or a
recursive fn). A native thread, the *ticker* (`support.start_ticker`), sets it every
`TICK_MICROSECONDS`; the code that sees it set clears it and calls `poll`: a Python
function, so it releases the GIL for a moment and runs the eval loop, where an asynchronous
exception (`PyThreadState_SetAsyncExc`, how the nREPL server stops a job) is raised as it is
in Python code. Interrupts can also be requested here directly:

    request_interrupt(thread_id, exc)  # thread_id None: the next thread that polls
    cancel_interrupt(thread_id)
"""

from __future__ import annotations

import ctypes
import threading
import time

TICK_MICROSECONDS = 5000  # CPython's own switch interval
_poll_due = ctypes.c_int32(0)
POLL_DUE_ADDRESS = ctypes.addressof(_poll_due)
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
