"""Sessions: per-client evaluation state, one eval at a time in the session's worker thread.

A session owns its saved dynamic bindings (`*ns*`, `*1 *2 *3 *e`, print settings, anything
`set!`), its standard input and a queue of jobs (evals, load-files). Jobs run one after
another in the session's worker thread, so a long eval never blocks the event loop, other
sessions, or tooling requests to the same session.

Interrupting (design §5): the running job is flagged (`interrupt_requested`, which blocked
reads of `*in*` and future native loops poll) and `Interrupted` is raised asynchronously in
the worker with `PyThreadState_SetAsyncExc`. CPython checks for that exception between
bytecodes, so Python code, including a runaway `(loop [] (recur))` compiled to bytecode,
stops at once. A thread blocked inside one C call does not: `time.sleep`, a socket read, a
lock acquired without timeout or a long native computation only see the exception when the
call returns; signals do not help either, because outside the main thread CPython retries
an interrupted system call (PEP 475) without running handlers. So if the job has not stopped
after `ABANDON_AFTER` seconds, the request is answered `interrupted` anyway and the session
moves to a fresh worker thread; the old thread raises `Interrupted` and exits as soon as its
call returns, its late replies dropped and its bindings not saved. Until then it holds
whatever it held (locks, files), and code that catches `Throwable`/BaseException can swallow
the interrupt, as on the JVM.
"""

from __future__ import annotations

import ctypes
import threading
import traceback
import uuid
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import trio

from .streams import Interrupted, SessionInput
from .transport import log

if TYPE_CHECKING:
    from .handler import Request

ABANDON_AFTER = 0.3  # seconds an interrupted job may take to stop before its thread is left
WORKER_STACK_SIZE = 256 * 1024 * 1024  # deep recursion must raise, never crash the daemon

_QUEUED, _RUNNING, _FINISHED = range(3)
_stack_size_lock = threading.Lock()


def _raise_in_thread(thread_id: int, exc: type[BaseException] | None) -> None:
    """Schedule `exc` in another thread (None cancels a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None
    )


class Job:
    """An eval or load-file: `body` runs in the worker with the request to answer.

    `body` sends the replies; the worker sends `done` (with `interrupted` when stopped)."""

    __slots__ = (
        "request",
        "body",
        "state",
        "thread_id",
        "interrupt_requested",
        "injected",
        "abandoned",
        "answered",
    )

    def __init__(self, request: Request, body: Callable[[Job], None]) -> None:
        self.request = request
        self.body = body
        self.state = _QUEUED
        self.thread_id = 0
        self.interrupt_requested = False
        self.injected = False
        self.abandoned = False
        self.answered = False  # its `done` is queued: replies to others may follow

    @property
    def id(self) -> Any:
        return self.request.id


class Session:
    """One client session (see the module docstring)."""

    def __init__(self, sid: str, bindings: dict[Any, Any] | None, ephemeral: bool = False) -> None:
        self.id = sid
        self.bindings = bindings  # None until the first eval (the language may still boot)
        self.ephemeral = ephemeral
        self.input = SessionInput()
        self.current: Job | None = None
        self.closed = False
        self._cond = threading.Condition()
        self._jobs: deque[Job] = deque()
        self._worker: _Worker | None = None

    # -- evaluation ------------------------------------------------------------------------
    def submit(self, job: Job) -> None:
        """Queue a job; it runs after those already queued."""
        with self._cond:
            if self.closed:
                job.request.error("session-closed")
                return
            self._jobs.append(job)
            if self._worker is None:
                self._worker = _Worker(self)
            else:
                self._cond.notify()

    def save_bindings(self, job: Job, bindings: dict[Any, Any]) -> None:
        """Keep the bindings a job ended with, unless the job was abandoned."""
        with self._cond:
            if not job.abandoned:
                self.bindings = bindings

    # -- interrupt -------------------------------------------------------------------------
    def interrupt(self, interrupt_id: Any) -> Job | str:
        """Start interrupting the running job; else "session-idle" or
        "interrupt-id-mismatch"."""
        with self._cond:
            job = self.current
            if job is None:
                return "session-idle"
            if interrupt_id is not None and str(interrupt_id) != str(job.id):
                return "interrupt-id-mismatch"
            job.interrupt_requested = True
            if job.state == _RUNNING and not job.injected:
                job.injected = True
                _raise_in_thread(job.thread_id, Interrupted)
        self.input.wake()
        return job

    async def stop(self, job: Job) -> None:
        """Wait for an interrupted job to stop; past `ABANDON_AFTER`, answer it and leave
        its thread behind."""
        with trio.move_on_after(ABANDON_AFTER):
            while not job.answered:
                await trio.sleep(0.002)
        with self._cond:
            if job.state != _FINISHED:
                job.abandoned = True
                if self.current is job:
                    self.current = None
                self._worker = _Worker(self) if self._jobs and not self.closed else None
        if job.abandoned:
            job.request.done(status=["interrupted"])
            job.answered = True
        while not job.answered:  # it finished this instant: its `done` goes first
            await trio.sleep(0.002)

    # -- lifetime --------------------------------------------------------------------------
    def close(self) -> Job | None:
        """Stop taking jobs: queued ones are answered `interrupted`, the running one is
        interrupted and returned (for `stop`)."""
        with self._cond:
            self.closed = True
            pending = list(self._jobs)
            self._jobs.clear()
            self._cond.notify_all()
        for job in pending:
            job.request.done(status=["interrupted"])
        running = self.interrupt(None)
        return running if isinstance(running, Job) else None

    # -- worker side -----------------------------------------------------------------------
    def _next_job(self, worker: _Worker) -> Job | None:
        with self._cond:
            while True:
                if self._worker is not worker or self.closed:
                    return None
                if self._jobs:
                    job = self._jobs.popleft()
                    self.current = job
                    return job
                self._cond.wait()

    def _enter(self, job: Job) -> None:
        with self._cond:
            job.thread_id = threading.get_ident()
            job.state = _RUNNING
            if job.interrupt_requested:
                raise Interrupted

    def _settle(self, job: Job, interrupted: bool) -> None:
        """Finish a job's bookkeeping (idempotent: it may be re-run if the async interrupt
        lands inside it)."""
        with self._cond:
            if job.state != _FINISHED:
                job.state = _FINISHED
                if job.injected and not interrupted:
                    _raise_in_thread(job.thread_id, None)  # landed too late: cancel it
            if self.current is job:
                self.current = None
        job.request.done(status=["interrupted"] if interrupted else ())
        job.answered = True


class _Worker:
    """A session's eval thread; replaced (and left to die) when a job cannot be stopped."""

    def __init__(self, session: Session) -> None:
        self.session = session
        thread = threading.Thread(
            target=self._loop, name=f"nrepl-session-{session.id[:8]}", daemon=True
        )
        with _stack_size_lock:
            previous = threading.stack_size(WORKER_STACK_SIZE)
            try:
                thread.start()
            finally:
                threading.stack_size(previous)

    def _loop(self) -> None:
        session = self.session
        while (job := session._next_job(self)) is not None:
            try:
                session._settle(job, self._run(job))
            except Interrupted:  # landed after the job's own code, inside the bookkeeping
                session._settle(job, True)
            if session.ephemeral:
                session.close()

    def _run(self, job: Job) -> bool:
        """Run the job's body; True if it was interrupted."""
        try:
            self.session._enter(job)
            job.body(job)
        except Interrupted:
            return True
        except Exception:
            # User errors are answered by the body; this is a bug in the server itself.
            log(f"error in {job.request.op!r} job:\n{traceback.format_exc()}")
            job.request.error(f"{job.request.op}-error")
        return False


class Sessions:
    """The daemon's live sessions by id (sessions outlive connections, as in nREPL)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_id: dict[str, Session] = {}

    def create(self, parent: Session | None = None, ephemeral: bool = False) -> Session:
        bindings = None if parent is None or parent.bindings is None else dict(parent.bindings)
        session = Session(str(uuid.uuid4()), bindings, ephemeral)
        if not ephemeral:
            with self._lock:
                self._by_id[session.id] = session
        return session

    def get(self, sid: str) -> Session | None:
        return self._by_id.get(sid)

    def close(self, sid: str) -> Job | None:
        """Forget a session and close it; the job it was running, now interrupted."""
        with self._lock:
            session = self._by_id.pop(sid, None)
        return session.close() if session is not None else None

    def ids(self) -> list[str]:
        return list(self._by_id)
