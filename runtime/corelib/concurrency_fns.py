"""Futures, promises, agents, refs and transactions, taps: the functions over
runtime/concurrency.py and runtime/stm.py. The macros (`future`, `dosync`, `pmap`'s
friends) are in clojure/core_concurrent.jank."""

from __future__ import annotations

import concurrent.futures
from typing import Any

from .. import stm
from ..concurrency import (
    EXECUTORS,
    TAPS,
    Agent,
    Future,
    Promise,
    await_agents,
    future_call,
    release_pending_sends,
    shutdown_agents,
)
from ..exceptions import cast_error
from ..lists import list_
from ..stm import Ref
from .registry import core, keyword_options

_FUTURES = (Future, concurrent.futures.Future)


def _checked(x: Any, cls: type | tuple[type, ...], jvm_name: str) -> Any:
    if isinstance(x, cls):
        return x
    raise cast_error(x, jvm_name)


# -- futures and promises ----------------------------------------------------------------


@core("future-call")
def future_call_(f: Any) -> Future:
    """Takes a function of no args and yields a future object that will invoke the function
    in another thread, and will cache the result and return it on all subsequent calls to
    deref/@. If the computation has not yet finished, calls to deref/@ will block, unless
    the variant of deref with timeout is used. See also - realized?."""
    return future_call(f)


@core("future?")
def is_future(x: Any) -> bool:
    """Returns true if x is a future"""
    return isinstance(x, _FUTURES)


@core("future-done?")
def future_done(f: Any) -> bool:
    """Returns true if future f is done"""
    return _checked(f, _FUTURES, "java.util.concurrent.Future").done()


@core("future-cancel")
def future_cancel(f: Any) -> bool:
    """Cancels the future, if possible."""
    return _checked(f, _FUTURES, "java.util.concurrent.Future").cancel()


@core("future-cancelled?")
def future_cancelled(f: Any) -> bool:
    """Returns true if future f is cancelled"""
    return _checked(f, _FUTURES, "java.util.concurrent.Future").cancelled()


@core("promise")
def promise() -> Promise:
    """Returns a promise object that can be read with deref/@, and set, once only, with
    deliver. Calls to deref/@ prior to delivery will block, unless the variant of deref with
    timeout is used. All subsequent derefs will return the same delivered value without
    blocking. See also - realized?."""
    return Promise()


@core("deliver")
def deliver(promise: Any, val: Any) -> Any:
    """Delivers the supplied value to the promise, releasing any pending derefs. A
    subsequent call to deliver on a promise will have no effect."""
    return promise(val)


# -- agents ------------------------------------------------------------------------------


def _agent(a: Any) -> Agent:
    return _checked(a, Agent, "clojure.lang.Agent")


@core("agent")
def agent(state: Any, *options: Any) -> Agent:
    """Creates and returns an agent with an initial value of state and zero or more options
    (in any order): :meta metadata-map, :validator validate-fn, :error-handler handler-fn,
    :error-mode mode-keyword. If an error-handler is supplied, the default error-mode is
    :continue, else :fail."""
    opts = keyword_options(options, "meta", "validator", "error-handler", "error-mode")
    return Agent(
        state,
        opts.get("meta"),
        opts.get("validator"),
        opts.get("error-handler"),
        opts.get("error-mode"),
    )


@core("send-via")
def send_via(executor: Any, a: Any, f: Any, *args: Any) -> Agent:
    """Dispatch an action to an agent. Returns the agent immediately. Subsequently, in a
    thread supplied by executor (anything with a submit(fn) method), the state of the agent
    will be set to the value of: (apply action-fn state-of-agent args)"""
    return _agent(a).dispatch(f, args, executor)


@core("send")
def send(a: Any, f: Any, *args: Any) -> Agent:
    """Dispatch an action to an agent. Returns the agent immediately. Subsequently, in a
    thread from a thread pool, the state of the agent will be set to the value of:
    (apply action-fn state-of-agent args)"""
    return _agent(a).dispatch(f, args, EXECUTORS.send)


@core("send-off")
def send_off(a: Any, f: Any, *args: Any) -> Agent:
    """Dispatch a potentially blocking action to an agent. Returns the agent immediately.
    Subsequently, in a separate thread, the state of the agent will be set to the value of:
    (apply action-fn state-of-agent args)"""
    return _agent(a).dispatch(f, args, EXECUTORS.send_off)


@core("release-pending-sends")
def release_pending_sends_() -> int:
    """Normally, actions sent directly or indirectly during another action are held until
    the action completes (changes the agent's state). This function can be used to dispatch
    any pending sent actions immediately. This has no impact on actions sent during a
    transaction, which are still held until commit. If no action is occurring, does
    nothing. Returns the number of actions dispatched."""
    return release_pending_sends()


@core("await")
def await_(*agents: Any) -> None:
    """Blocks the current thread (indefinitely!) until all actions dispatched thus far, from
    this thread or agent, to the agent(s) have occurred. Will block on failed agents. Will
    never return if a failed agent is restarted with :clear-actions true or shutdown-agents
    was called."""
    await_agents(map(_agent, agents))


@core("await-for")
def await_for(timeout_ms: Any, *agents: Any) -> bool:
    """Blocks the current thread until all actions dispatched thus far (from this thread or
    agent) to the agents have occurred, or the timeout (in milliseconds) has elapsed.
    Returns logical false if returning due to timeout, logical true otherwise."""
    return await_agents(map(_agent, agents), timeout_ms)


@core("await1")
def await1(a: Any) -> Agent:
    """Awaits the agent only when it has actions queued; returns the agent."""
    if _agent(a).queue_count() > 0:
        await_agents([a])
    return a


@core("agent-error")
def agent_error(a: Any) -> BaseException | None:
    """Returns the exception thrown during an asynchronous action of the agent if the agent
    is failed. Returns nil if the agent is not failed."""
    return _agent(a).error()


@core("agent-errors")
def agent_errors(a: Any) -> Any:
    """DEPRECATED: Use 'agent-error' instead. Returns a sequence of the exceptions thrown
    during asynchronous actions of the agent."""
    error = _agent(a).error()
    return None if error is None else list_(error)


@core("restart-agent")
def restart_agent(a: Any, new_state: Any, *options: Any) -> Any:
    """When an agent is failed, changes the agent state to new-state and then un-fails the
    agent so that sends are allowed again. If a :clear-actions true option is given, any
    actions queued on the agent that were being held while it was failed will be discarded,
    otherwise those held actions will proceed. The new-state must pass the validator if
    any, or restart will throw an exception and the agent will remain failed with its old
    state and error. Watchers, if any, will NOT be notified of the new state. Throws an
    exception if the agent is not failed."""
    clear = keyword_options(options, "clear-actions").get("clear-actions")
    return _agent(a).restart(new_state, clear is not None and clear is not False)


@core("clear-agent-errors")
def clear_agent_errors(a: Any) -> Any:
    """DEPRECATED: Use 'restart-agent' instead. Clears any exceptions thrown during
    asynchronous actions of the agent, allowing subsequent actions to occur."""
    return restart_agent(a, _agent(a).deref())


@core("set-error-handler!")
def set_error_handler(a: Any, handler_fn: Any) -> None:
    """Sets the error-handler of agent a to handler-fn. If an action being run by the agent
    throws an exception or doesn't pass the validator fn, handler-fn will be called with
    two arguments: the agent and the exception."""
    _agent(a).error_handler = handler_fn


@core("error-handler")
def error_handler(a: Any) -> Any:
    """Returns the error-handler of agent a, or nil if there is none."""
    return _agent(a).error_handler


@core("set-error-mode!")
def set_error_mode(a: Any, mode_keyword: Any) -> None:
    """Sets the error-mode of agent a to mode-keyword, which must be either :fail or
    :continue. If an action being run by the agent throws an exception or doesn't pass the
    validator fn, an error-handler may be called (see set-error-handler!), after which, if
    the mode is :continue, the agent will continue as if neither the action that caused the
    error nor the error itself ever happened. If the mode is :fail, the agent will become
    failed and will stop accepting new 'send' and 'send-off' actions, and any previously
    queued actions will be held until a 'restart-agent'."""
    _agent(a).error_mode = mode_keyword


@core("error-mode")
def error_mode(a: Any) -> Any:
    """Returns the error-mode of agent a. See set-error-mode!"""
    return _agent(a).error_mode


@core("shutdown-agents")
def shutdown_agents_() -> None:
    """Initiates a shutdown of the thread pools that back the agent system. Running actions
    will complete, but no new actions will be accepted. (pyjank's pool threads are daemons:
    a program need not call this to exit.)"""
    shutdown_agents()


@core("set-agent-send-executor!")
def set_agent_send_executor(executor: Any) -> None:
    """Sets the executor (anything with a submit(fn) method) used by send."""
    EXECUTORS.send = executor


@core("set-agent-send-off-executor!")
def set_agent_send_off_executor(executor: Any) -> None:
    """Sets the executor (anything with a submit(fn) method) used by send-off and future."""
    EXECUTORS.send_off = executor


# -- refs --------------------------------------------------------------------------------


def _ref(r: Any) -> Ref:
    return _checked(r, Ref, "clojure.lang.Ref")


@core("ref")
def ref(x: Any, *options: Any) -> Ref:
    """Creates and returns a Ref with an initial value of x and zero or more options (in
    any order): :meta metadata-map, :validator validate-fn, :min-history (default 0)
    :max-history (default 10). Refs grow their history of values on demand (when a
    transaction misses one) up to max-history."""
    opts = keyword_options(options, "meta", "validator", "min-history", "max-history")
    return Ref(
        x,
        opts.get("meta"),
        opts.get("validator"),
        opts.get("min-history", 0),
        opts.get("max-history", 10),
    )


@core("ref-set")
def ref_set(r: Any, val: Any) -> Any:
    """Must be called in a transaction. Sets the value of ref. Returns val."""
    return stm.transaction().set(_ref(r), val)


@core("alter")
def alter(r: Any, fun: Any, *args: Any) -> Any:
    """Must be called in a transaction. Sets the in-transaction-value of ref to:
    (apply fun in-transaction-value-of-ref args) and returns the in-transaction-value of
    ref."""
    tx = stm.transaction()
    return tx.set(_ref(r), fun(tx.get(r), *args))


@core("commute")
def commute(r: Any, fun: Any, *args: Any) -> Any:
    """Must be called in a transaction. Sets the in-transaction-value of ref to:
    (apply fun in-transaction-value-of-ref args) and returns the in-transaction-value of
    ref. At the commit point of the transaction, sets the value of ref to be:
    (apply fun most-recently-committed-value-of-ref args). Thus fun should be commutative,
    or, failing that, you must accept last-one-in-wins behavior."""
    return stm.transaction().commute(_ref(r), fun, args)


@core("ensure")
def ensure(r: Any) -> Any:
    """Must be called in a transaction. Protects the ref from modification by other
    transactions. Returns the in-transaction-value of ref. Allows for more concurrency than
    (ref-set ref @ref)"""
    return stm.transaction().ensure(_ref(r))


@core("ref-history-count")
def ref_history_count(r: Any) -> int:
    """Returns the history count of a ref"""
    return _ref(r).history_count()


@core("ref-min-history")
def ref_min_history(r: Any, n: Any = None) -> Any:
    """Gets the min-history of a ref, or sets it and returns the ref"""
    if n is None:
        return _ref(r).min_history
    _ref(r).min_history = n
    return r


@core("ref-max-history")
def ref_max_history(r: Any, n: Any = None) -> Any:
    """Gets the max-history of a ref, or sets it and returns the ref"""
    if n is None:
        return _ref(r).max_history
    _ref(r).max_history = n
    return r


# -- taps --------------------------------------------------------------------------------


@core("add-tap")
def add_tap(f: Any) -> None:
    """Adds f, a fn of one argument, to the tap set. This function will be called with
    anything sent via tap>. This function may (briefly) block (e.g. for streams), and will
    never impede calls to tap>, but blocking indefinitely may cause tap values to be
    dropped. Remember f in order to remove-tap"""
    TAPS.add(f)


@core("remove-tap")
def remove_tap(f: Any) -> None:
    """Remove f from the tap set."""
    TAPS.remove(f)


@core("tap>")
def tap(x: Any) -> bool:
    """Sends x to any taps. Will not block. Returns true if there was room in the queue,
    false if not (dropped)."""
    return TAPS.send(x)
