"""interrupt: runaway loops, blocking Python calls, idle sessions, stale ids."""

from __future__ import annotations

import time

import trio

from .client import Client, values


async def _interrupt_running(client: Client, session: str, code: str) -> float:
    """Start `code`, interrupt it once running; seconds until the eval was answered."""
    eval_id = await client.send(op="eval", session=session, code=code)
    await trio.sleep(0.2)
    started = time.perf_counter()
    interrupt_id = await client.send(op="interrupt", session=session, interrupt_id=eval_id)
    (stopped,) = await client.replies(eval_id)
    elapsed = time.perf_counter() - started
    assert stopped["status"] == ["interrupted", "done"]
    (answer,) = await client.replies(interrupt_id)
    assert answer["status"] == ["done"]
    return elapsed


async def test_interrupt_runaway_loop(client: Client, session: str) -> None:
    assert await _interrupt_running(client, session, "(loop [] (recur))") < 1
    assert values(await client.request(op="eval", session=session, code="(+ 1 1)")) == ["2"]


async def test_interrupt_blocking_python_call(client: Client, session: str) -> None:
    """time.sleep cannot be stopped inside the C call: the eval is answered anyway and the
    session continues on a fresh worker thread."""
    code = '(python/exec "import time; time.sleep(30)")'
    assert await _interrupt_running(client, session, code) < 1
    assert values(await client.request(op="eval", session=session, code="(+ 1 1)")) == ["2"]


async def test_interrupt_waiting_for_input(client: Client, session: str) -> None:
    eval_id = await client.send(op="eval", session=session, code="(read-line)")
    assert (await client.recv())["status"] == ["need-input"]
    await client.send(op="interrupt", session=session)
    (stopped,) = await client.replies(eval_id)
    assert stopped["status"] == ["interrupted", "done"]


async def test_interrupt_idle_and_mismatch(client: Client, session: str) -> None:
    (idle,) = await client.request(op="interrupt", session=session, interrupt_id="4")
    assert idle["status"] == ["session-idle", "done"]
    eval_id = await client.send(op="eval", session=session, code="(loop [] (recur))")
    await trio.sleep(0.1)
    (stale,) = await client.request(op="interrupt", session=session, interrupt_id="stale")
    assert stale["status"] == ["error", "interrupt-id-mismatch", "done"]
    await client.send(op="interrupt", session=session, interrupt_id=eval_id)
    assert (await client.replies(eval_id))[0]["status"] == ["interrupted", "done"]


async def test_tooling_requests_answered_while_eval_runs(client: Client, session: str) -> None:
    eval_id = await client.send(op="eval", session=session, code="(loop [] (recur))")
    await trio.sleep(0.1)
    with trio.fail_after(1):
        (described,) = await client.request(op="describe", session=session)
    assert described["status"] == ["done"]
    other = await client.clone()
    assert values(await client.request(op="eval", session=other, code=":free")) == [":free"]
    await client.send(op="interrupt", session=session, interrupt_id=eval_id)
    await client.replies(eval_id)


async def test_close_interrupts_running_eval(client: Client, session: str) -> None:
    eval_id = await client.send(op="eval", session=session, code="(loop [] (recur))")
    await trio.sleep(0.1)
    (closed,) = await client.request(op="close", session=session)
    assert closed["status"] == ["session-closed", "done"]
    assert (await client.replies(eval_id))[0]["status"] == ["interrupted", "done"]
