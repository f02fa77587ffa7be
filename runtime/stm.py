"""Refs and the software transactional memory behind `dosync`.

Clojure's guarantees with a simpler engine. Every ref keeps a short history of committed
values stamped with commit points (MVCC, as in Clojure), so a transaction reads every ref as
of its start, its read point. Writes (`ref-set`, `alter`) and `ensure`s are validated at
commit, under one global commit lock: if another transaction committed one of those refs
after the read point, the transaction runs again. `commute`s never conflict; their functions
run again on the newest values at commit. That is snapshot isolation, which is what Clojure
provides (`ensure` prevents write skew); Clojure's per-ref locks and barging are left out,
so a conflict surfaces at commit (or at the next write) instead of blocking, at the price
of some repeated work.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from itertools import chain
from typing import Any

from .jvm_names import register_type
from .refs import ARef, validate
from .vars import IllegalStateException

RETRY_LIMIT = 10_000

_commit_lock = threading.Lock()
_last_point = 0  # the commit point of the newest commit; only written under _commit_lock


class _Local(threading.local):
    tx: Transaction | None = None


_local = _Local()


class _Retry(BaseException):
    """Restarts the running transaction. Not an Exception, so `(catch Exception e ...)` in a
    transaction body lets it through (Clojure's RetryEx is an Error for the same reason)."""


class Ref(ARef):
    """`(ref x)`: a reference changed only inside transactions (clojure.lang.Ref)."""

    __slots__ = ("_tvals", "_faults", "min_history", "max_history")

    def __init__(
        self,
        state: Any,
        meta: Any = None,
        validator: Callable | None = None,
        min_history: int = 0,
        max_history: int = 10,
    ) -> None:
        validate(validator, state)
        super().__init__(meta, validator)
        # Committed (value, point) pairs, newest first; replaced whole on every commit, so a
        # reader without the lock always sees a consistent history.
        self._tvals: tuple[tuple[Any, int], ...] = ((state, 0),)
        self._faults = 0
        self.min_history = min_history
        self.max_history = max_history

    def deref(self) -> Any:
        tx = _local.tx
        return self._tvals[0][0] if tx is None else tx.get(self)

    def _point(self) -> int:
        return self._tvals[0][1]

    def history_count(self) -> int:
        return len(self._tvals) - 1

    def _commit(self, val: Any, point: int) -> None:
        """Record a committed value; the history grows only after a reader missed it."""
        tvals = self._tvals
        count = len(tvals) - 1
        if (self._faults > 0 and count < self.max_history) or count < self.min_history:
            self._tvals = ((val, point), *tvals)
            self._faults = 0
        else:
            self._tvals = ((val, point), *tvals[:-1])


class Transaction:
    """The state of one attempt at a `dosync` body."""

    __slots__ = ("read_point", "vals", "sets", "commutes", "ensures", "after_commit")

    def __init__(self) -> None:
        self.read_point = _last_point
        self.vals: dict[Ref, Any] = {}  # in-transaction values of the refs set or commuted
        self.sets: set[Ref] = set()
        self.commutes: dict[Ref, list[tuple[Callable, tuple]]] = {}
        self.ensures: set[Ref] = set()
        self.after_commit: list[Callable[[], Any]] = []  # agent sends, held until commit

    def get(self, ref: Ref) -> Any:
        if ref in self.vals:
            return self.vals[ref]
        for val, point in ref._tvals:
            if point <= self.read_point:
                return val
        ref._faults += 1  # a hint for _commit only, so a lost update does no harm
        raise _Retry

    def _check_unchanged(self, ref: Ref) -> None:
        if ref._point() > self.read_point:
            raise _Retry

    def set(self, ref: Ref, val: Any) -> Any:
        if ref in self.commutes and ref not in self.sets:
            raise IllegalStateException("Can't set after commute")
        if ref not in self.sets:
            self._check_unchanged(ref)  # would fail at commit anyway: retry now
            self.sets.add(ref)
        self.vals[ref] = val
        return val

    def ensure(self, ref: Ref) -> Any:
        self._check_unchanged(ref)
        self.ensures.add(ref)
        return self.get(ref)

    def commute(self, ref: Ref, f: Callable, args: tuple) -> Any:
        if ref not in self.vals:
            self.vals[ref] = ref._tvals[0][0]
        self.commutes.setdefault(ref, []).append((f, args))
        ret = self.vals[ref] = f(self.vals[ref], *args)
        return ret

    def commit(self) -> list[tuple[Ref, Any, Any]]:
        """Publish the transaction's values, or raise _Retry; returns the watch notifications
        to make once the lock is released."""
        global _last_point
        if not self.vals:
            return []  # read only (ensures included): its snapshot was consistent throughout
        with _commit_lock:
            for ref in chain(self.sets, self.ensures):
                self._check_unchanged(ref)
            for ref, fns in self.commutes.items():
                if ref not in self.sets:
                    val = ref._tvals[0][0]
                    for f, args in fns:
                        val = f(val, *args)
                    self.vals[ref] = val
            for ref, val in self.vals.items():
                validate(ref._validator, val)
            _last_point += 1
            notes = []
            for ref, val in self.vals.items():
                old = ref._tvals[0][0]
                ref._commit(val, _last_point)
                if ref._watches:
                    notes.append((ref, old, val))
        return notes


def running() -> Transaction | None:
    """The transaction running in this thread, if any."""
    return _local.tx


def is_running() -> bool:
    return _local.tx is not None


def run_in_transaction(fn: Callable[[], Any]) -> Any:
    """`(sync nil body)`: run `fn` in a transaction, retrying it until it commits; inside a
    transaction, `fn` simply joins it."""
    if _local.tx is not None:
        return fn()
    for attempt in range(RETRY_LIMIT):
        tx = _local.tx = Transaction()
        try:
            ret = fn()
            notes = tx.commit()
        except _Retry:
            if attempt > 8:
                time.sleep(0.0001 * min(attempt, 100))  # back off under heavy contention
            continue
        finally:
            _local.tx = None
        for ref, old, new in notes:
            ref._notify(old, new)
        for dispatch in tx.after_commit:
            dispatch()
        return ret
    raise RuntimeError("Transaction failed after reaching retry limit")


def transaction() -> Transaction:
    """The running transaction, or IllegalStateException as `ref-set` and friends throw."""
    tx = _local.tx
    if tx is None:
        raise IllegalStateException("No transaction running")
    return tx


class LockingTransaction:
    """The JVM class portable code (and `sync`/`io!`) calls: `runInTransaction`,
    `isRunning`."""

    runInTransaction = staticmethod(run_in_transaction)
    isRunning = staticmethod(is_running)


register_type("clojure.lang.Ref", Ref)
register_type("clojure.lang.LockingTransaction", LockingTransaction)
