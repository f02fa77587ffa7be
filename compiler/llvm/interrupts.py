"""Interrupting native code (design §3.5, §5).

Python code is stopped by an asynchronous exception, but a native loop never returns to the
interpreter's eval loop to see one. So native code polls a process-wide flag on every loop
back-edge and fn entry (one volatile load); when it is set, it calls `poll`, which raises the
requested exception in the thread it was meant for.

    request_interrupt(thread_id, exc)  # thread_id None: the next thread that polls
    cancel_interrupt(thread_id)

The nREPL server calls `request_interrupt(job.thread_id, Interrupted)` next to its
`PyThreadState_SetAsyncExc`, so both Python and native code stop.
"""

from __future__ import annotations

import ctypes
import threading

_flag = ctypes.c_int32(0)
FLAG_ADDRESS = ctypes.addressof(_flag)
_lock = threading.Lock()
_pending: dict[int | None, type[BaseException]] = {}


def request_interrupt(
    thread_id: int | None = None, exc: type[BaseException] = KeyboardInterrupt
) -> None:
    """Make native code running in `thread_id` (any thread when None) raise `exc`."""
    with _lock:
        _pending[thread_id] = exc
        _flag.value = 1


def cancel_interrupt(thread_id: int | None = None) -> None:
    with _lock:
        _pending.pop(thread_id, None)
        _flag.value = 1 if _pending else 0


def poll() -> None:
    """Called by native code when the flag is set: raise if the interrupt is for us."""
    with _lock:
        exc = _pending.pop(threading.get_ident(), None)
        if exc is None:
            exc = _pending.pop(None, None)
        _flag.value = 1 if _pending else 0
    if exc is not None:
        raise exc
