"""Futures, promises, agents, taps and the thread pools they run on, with Clojure's semantics.

Clojure runs futures and `send-off` actions on an unbounded pool of cached threads (so
futures may wait for one another without deadlock) and `send` actions on a fixed pool of
2 + ncpus threads; pyjank does the same with daemon threads, so a pending task never keeps
the process alive (no minute-long wait at exit, and no need for `shutdown-agents`). Every
task runs with the dynamic bindings of the thread that started it (binding conveyance).

Agents follow clojure.lang.Agent: each agent has a queue whose head action runs while the
others wait; sends made by a running action are held until it finishes
(`release-pending-sends` lets them go early) and sends made in a transaction until it
commits; an agent whose action failed in error mode :fail keeps its queue until
`restart-agent`.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from functools import partial
from itertools import count
from typing import Any

from . import stm
from .exceptions import class_name, register_class_name
from .interfaces import IBlockingDeref, IFn, IPending
from .jvm_names import register_type
from .namespaces import CORE_NS
from .refs import ARef, validate
from .symbols import keyword
from .vars import (
    IllegalStateException,
    binding_conveyor,
    bindings,
    get_thread_bindings_frame,
    with_conveyed_frame,
)

KW_CONTINUE = keyword(None, "continue")
KW_FAIL = keyword(None, "fail")


class ExecutionException(Exception):
    """java.util.concurrent.ExecutionException: deref of a future whose task threw; the
    task's exception is the cause."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(f"{class_name(type(cause))}: {cause}")
        self.__cause__ = cause


class CancellationException(IllegalStateException):
    """java.util.concurrent.CancellationException: deref of a cancelled future."""


class RejectedExecutionException(RuntimeError):
    """java.util.concurrent.RejectedExecutionException: a task for a shut-down pool."""


def _wait(wait: Callable[[float], bool], timeout: float | None = None) -> bool:
    """Block on `wait(seconds) -> done?` until done or `timeout`, in short slices: an
    exception raised in this thread from outside (an nREPL interrupt) lands between two
    slices, where one long wait in C would never see it. False on timeout."""
    if timeout is None:
        while not wait(0.1):
            pass
        return True
    deadline = time.monotonic() + timeout
    while (remaining := deadline - time.monotonic()) > 0:
        if wait(min(remaining, 0.1)):
            return True
    return wait(0)


# -- thread pools ------------------------------------------------------------------------


class ThreadPool:
    """An executor of daemon threads (`submit(task)`). Unbounded, it starts a thread whenever
    no idle one is waiting, like Java's cached thread pool; bounded, tasks beyond
    `max_workers` wait in line. Idle threads exit after `keepalive` seconds."""

    def __init__(self, name: str, max_workers: int | None = None, keepalive: float = 60.0):
        self.name = name
        self._max = max_workers
        self._keepalive = keepalive
        self._cond = threading.Condition(threading.Lock())
        self._tasks: deque[Callable[[], Any]] = deque()
        self._idle = 0
        self._workers = 0
        self._shutdown = False
        self._ids = count(1)

    def submit(self, task: Callable[[], Any]) -> None:
        """Run `task` on a pool thread; `task` must not raise."""
        with self._cond:
            if self._shutdown:
                raise RejectedExecutionException(f"{self.name} is shut down")
            self._tasks.append(task)
            if self._idle:
                self._cond.notify()
            if self._idle >= len(self._tasks) or (
                self._max is not None and self._workers >= self._max
            ):
                return
            self._workers += 1
        name = f"{self.name}-{next(self._ids)}"
        threading.Thread(target=self._work, name=name, daemon=True).start()

    def _next_task(self) -> Callable[[], Any] | None:
        """The next task, or None when this thread should end."""
        with self._cond:
            while not self._tasks:
                if self._shutdown:
                    self._workers -= 1
                    return None
                self._idle += 1
                woken = self._cond.wait(self._keepalive)
                self._idle -= 1
                if not woken and not self._tasks:
                    self._workers -= 1
                    return None
            return self._tasks.popleft()

    def _work(self) -> None:
        while (task := self._next_task()) is not None:
            task()

    def shutdown(self) -> None:
        """Accept no new tasks; those already submitted still run."""
        with self._cond:
            self._shutdown = True
            self._cond.notify_all()

    def is_shutdown(self) -> bool:
        return self._shutdown


class _Executors:
    """The executors `send` and `send-off` (and `future`) use; `set-agent-send-executor!`
    and `set-agent-send-off-executor!` replace them."""

    def __init__(self) -> None:
        self.send: Any = ThreadPool("clojure-agent-send-pool", 2 + (os.cpu_count() or 1))
        self.send_off: Any = ThreadPool("clojure-agent-send-off-pool")


EXECUTORS = _Executors()


def shutdown_agents() -> None:
    """`shutdown-agents`: both pools stop accepting actions (and futures)."""
    for pool in (EXECUTORS.send, EXECUTORS.send_off):
        pool.shutdown()


# -- futures and promises ----------------------------------------------------------------

_PENDING, _RUNNING, _DONE, _FAILED, _CANCELLED = range(5)


class Future(IBlockingDeref, IPending):
    """What `future-call` returns: deref blocks for the task's value; a task that threw
    makes deref throw ExecutionException, a cancelled one CancellationException.
    Cancelling a running task cannot stop its thread (Python has no interrupts), but its
    result is dropped and the future counts as cancelled and done, as after Java's
    `cancel(true)`."""

    __slots__ = ("_state", "_value", "_done", "_lock")

    def __init__(self) -> None:
        self._state = _PENDING
        self._value: Any = None
        self._done = threading.Event()
        self._lock = threading.Lock()

    def run(self, fn: Callable[[], Any]) -> None:
        with self._lock:
            if self._state != _PENDING:
                return
            self._state = _RUNNING
        try:
            value, state = fn(), _DONE
        except BaseException as e:  # a Throwable of any kind fails the future
            value, state = e, _FAILED
        with self._lock:
            if self._state == _RUNNING:
                self._state, self._value = state, value
        self._done.set()

    def _result(self) -> Any:
        state = self._state
        if state == _DONE:
            return self._value
        if state == _CANCELLED:
            raise CancellationException()
        raise ExecutionException(self._value)

    def deref(self) -> Any:
        _wait(self._done.wait)
        return self._result()

    def deref_timeout(self, timeout_ms: Any, timeout_val: Any) -> Any:
        if not _wait(self._done.wait, max(timeout_ms, 0) / 1000):
            return timeout_val
        return self._result()

    def cancel(self) -> bool:
        with self._lock:
            if self._state not in (_PENDING, _RUNNING):
                return False
            self._state = _CANCELLED
        self._done.set()
        return True

    # Named as on concurrent.futures.Future, so code takes either kind of future.
    def cancelled(self) -> bool:
        return self._state == _CANCELLED

    def done(self) -> bool:
        return self._done.is_set()

    is_realized = done


def future_call(fn: Callable[[], Any]) -> Future:
    """`future-call`: run `fn` on the send-off pool with the current bindings."""
    future = Future()
    EXECUTORS.send_off.submit(partial(future.run, binding_conveyor(fn)))
    return future


class Promise(IBlockingDeref, IPending, IFn):
    """`(promise)`: deref blocks until a value is delivered; calling it delivers, once."""

    __slots__ = ("_value", "_done", "_lock")

    def __init__(self) -> None:
        self._value: Any = None
        self._done = threading.Event()
        self._lock = threading.Lock()

    def __call__(self, x: Any) -> Promise | None:
        """`deliver`: this promise, or nil when a value was delivered before."""
        with self._lock:
            if self._done.is_set():
                return None
            self._value = x
            self._done.set()
        return self

    def deref(self) -> Any:
        _wait(self._done.wait)
        return self._value

    def deref_timeout(self, timeout_ms: Any, timeout_val: Any) -> Any:
        if not _wait(self._done.wait, max(timeout_ms, 0) / 1000):
            return timeout_val
        return self._value

    def is_realized(self) -> bool:
        return self._done.is_set()


# -- agents ------------------------------------------------------------------------------


AGENT = CORE_NS.intern("*agent*").set_dynamic()  # bound to the agent in its actions
AGENT.bind_root(None)


class _Local(threading.local):
    # The sends of the running agent action, held until it ends; None outside actions.
    nested: list[_Action] | None = None


_local = _Local()


class _Action:
    __slots__ = ("agent", "fn", "args", "executor", "frame")

    def __init__(self, agent: Agent, fn: Callable, args: tuple, executor: Any) -> None:
        self.agent = agent
        self.fn = fn
        self.args = args
        self.executor = executor
        self.frame = get_thread_bindings_frame()

    def execute(self) -> None:
        try:
            self.executor.submit(self.run)
        except Exception as e:  # a shut-down pool: Clojure tells the error handler only
            self.agent._handle_error(e)

    def run(self) -> None:
        self.agent._run(self)


def _dispatch(action: _Action) -> None:
    """Hold the send in a transaction or an action, else queue it at once."""
    tx = stm.running()
    if tx is not None:
        tx.after_commit.append(lambda: _dispatch(action))
    elif _local.nested is not None:
        _local.nested.append(action)
    else:
        action.agent._enqueue(action)


def release_pending_sends() -> int:
    """`release-pending-sends`: queue the sends the running action made so far."""
    held = _local.nested
    if not held:
        return 0
    _local.nested = []
    for action in held:
        action.agent._enqueue(action)
    return len(held)


class Agent(ARef):
    """`(agent x)`: state changed by actions run one at a time on pool threads."""

    __slots__ = ("_state", "_queue", "_error", "error_mode", "error_handler")

    def __init__(
        self,
        state: Any,
        meta: Any = None,
        validator: Callable | None = None,
        error_handler: Callable | None = None,
        error_mode: Any = None,
    ) -> None:
        validate(validator, state)
        super().__init__(meta, validator)
        self._state = state
        self._queue: deque[_Action] = deque()  # its head is running (or about to)
        self._error: BaseException | None = None
        self.error_handler = error_handler
        if error_mode is None:
            error_mode = KW_CONTINUE if error_handler is not None else KW_FAIL
        self.error_mode = error_mode

    def deref(self) -> Any:
        return self._state

    def error(self) -> BaseException | None:
        return self._error

    def queue_count(self) -> int:
        return len(self._queue)

    def dispatch(self, fn: Callable, args: tuple, executor: Any) -> Agent:
        if self._error is not None:
            raise RuntimeError("Agent is failed, needs restart") from self._error
        _dispatch(_Action(self, fn, args, executor))
        return self

    def _enqueue(self, action: _Action) -> None:
        with self._lock:
            self._queue.append(action)
            start = len(self._queue) == 1 and self._error is None
        if start:
            action.execute()

    def _run(self, action: _Action) -> None:
        error = None
        _local.nested = []
        try:
            with with_conveyed_frame(action.frame), bindings([(AGENT, self)]):
                old = self._state
                new = action.fn(old, *action.args)
                validate(self._validator, new)
                self._state = new
                self._notify(old, new)
        except BaseException as e:  # a Throwable of any kind fails the action
            error = e
        if error is None:
            release_pending_sends()
        _local.nested = None
        if error is not None:
            self._handle_error(error)
            if self.error_mode is KW_CONTINUE:
                error = None
        with self._lock:
            self._queue.popleft()
            if error is not None:
                self._error = error
                return
            head = self._queue[0] if self._queue else None
        if head is not None:
            head.execute()

    def _handle_error(self, error: BaseException) -> None:
        handler = self.error_handler
        if handler is not None:
            with contextlib.suppress(Exception):  # the handler's own errors are ignored
                handler(self, error)

    def restart(self, new_state: Any, clear_actions: bool) -> Any:
        if self._error is None:
            raise RuntimeError("Agent does not need a restart")
        validate(self._validator, new_state)
        with self._lock:
            self._state = new_state
            if clear_actions:
                self._queue.clear()
            self._error = None
            head = self._queue[0] if self._queue else None
        if head is not None:
            head.execute()
        return new_state


class _Latch:
    """java.util.concurrent.CountDownLatch, as `await` uses it."""

    def __init__(self, n: int) -> None:
        self._n = n
        self._cond = threading.Condition()

    def count_down(self, state: Any) -> Any:
        with self._cond:
            self._n -= 1
            if self._n <= 0:
                self._cond.notify_all()
        return state

    def wait(self, timeout: float | None = None) -> bool:
        with self._cond:
            return _wait(lambda t: self._cond.wait_for(lambda: self._n <= 0, t), timeout)


def await_agents(agents: Iterable[Agent], timeout_ms: Any = None) -> bool:
    """`await` / `await-for`: wait until the actions sent so far to `agents` have run."""
    if stm.is_running():
        raise IllegalStateException("await in transaction")
    if AGENT.deref() is not None:
        raise RuntimeError("Can't await in agent action")
    agents = list(agents)
    latch = _Latch(len(agents))
    for agent in agents:
        agent.dispatch(latch.count_down, (), EXECUTORS.send)
    return latch.wait(None if timeout_ms is None else max(timeout_ms, 0) / 1000)


# -- taps --------------------------------------------------------------------------------


class _Taps:
    """`add-tap`/`tap>`: values go through a bounded queue to one daemon thread that calls
    every tap, ignoring their errors, as Clojure's tap-loop does."""

    def __init__(self) -> None:
        self.taps: frozenset[Callable] = frozenset()
        self._queue: queue.Queue[Any] = queue.Queue(1024)
        self._lock = threading.Lock()
        self._started = False

    def _start(self) -> None:
        with self._lock:
            if not self._started:
                loop = threading.Thread(target=self._loop, name="clojure.core/tap-loop")
                loop.daemon = True
                loop.start()
                self._started = True

    def _loop(self) -> None:
        while True:
            x = self._queue.get()
            for tap in self.taps:
                with contextlib.suppress(Exception):
                    tap(x)

    def add(self, f: Callable) -> None:
        self._start()
        with self._lock:
            self.taps = self.taps | {f}

    def remove(self, f: Callable) -> None:
        with self._lock:
            self.taps = self.taps - {f}

    def send(self, x: Any) -> bool:
        self._start()
        try:
            self._queue.put_nowait(x)
        except queue.Full:
            return False
        return True


TAPS = _Taps()

for _cls, _name in (
    (Future, "java.util.concurrent.Future"),
    (Agent, "clojure.lang.Agent"),
    (ExecutionException, "java.util.concurrent.ExecutionException"),
    (CancellationException, "java.util.concurrent.CancellationException"),
    (RejectedExecutionException, "java.util.concurrent.RejectedExecutionException"),
):
    register_type(_name, _cls)
register_class_name(Future, "clojure.core$future_call$reify")
register_class_name(Promise, "clojure.core$promise$reify")
