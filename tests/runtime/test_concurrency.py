"""The thread pools under futures and agents, from Python."""

from __future__ import annotations

import ctypes
import threading
import time

import pytest

from pyjank.runtime.concurrency import (
    ExecutionException,
    Future,
    Promise,
    RejectedExecutionException,
    ThreadPool,
)


def test_unbounded_pool_grows_and_idle_threads_exit():
    pool = ThreadPool("test-cached", keepalive=0.2)
    release = threading.Event()
    started = threading.Semaphore(0)

    def task() -> None:
        started.release()
        release.wait()

    for _ in range(20):
        pool.submit(task)
    for _ in range(20):
        assert started.acquire(timeout=5)  # all 20 run at once: no fixed size
    release.set()
    deadline = time.monotonic() + 5
    while pool._workers and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pool._workers == 0


def test_bounded_pool_queues():
    pool = ThreadPool("test-fixed", max_workers=2)
    running = []
    lock = threading.Lock()
    peak = [0]
    done = threading.Semaphore(0)

    def task() -> None:
        with lock:
            running.append(1)
            peak[0] = max(peak[0], len(running))
        time.sleep(0.02)
        with lock:
            running.pop()
        done.release()

    for _ in range(10):
        pool.submit(task)
    for _ in range(10):
        assert done.acquire(timeout=5)
    assert peak[0] <= 2


def test_shutdown_rejects_and_threads_are_daemons():
    pool = ThreadPool("test-shutdown")
    seen = []
    pool.submit(lambda: seen.append(threading.current_thread().daemon))
    pool.shutdown()
    with pytest.raises(RejectedExecutionException):
        pool.submit(lambda: None)
    deadline = time.monotonic() + 5
    while not seen and time.monotonic() < deadline:
        time.sleep(0.01)
    assert seen == [True]


def test_future_states():
    f = Future()
    f.run(lambda: 1 / 0)
    with pytest.raises(ExecutionException) as info:
        f.deref()
    assert isinstance(info.value.__cause__, ZeroDivisionError)
    assert f.done() and not f.cancelled() and not f.cancel()


class Stop(Exception):
    pass


def test_blocked_derefs_can_be_interrupted():
    """An exception raised into a thread blocked on a promise (as the nREPL's interrupt
    does) stops it at once: the wait is sliced, not one long wait in C."""
    p = Promise()
    outcome = []

    def blocked() -> None:
        try:
            p.deref()
        except Stop:
            outcome.append("stopped")

    t = threading.Thread(target=blocked)
    t.start()
    time.sleep(0.05)
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(t.ident), ctypes.py_object(Stop))
    t.join(2)
    assert outcome == ["stopped"]
