"""Hostile or heavy input: the offending connection alone suffers, the daemon stays up."""

from __future__ import annotations

import trio

from .client import Client, Daemon, joined, values


async def _raw_exchange(daemon: Daemon, data: bytes) -> bytes:
    """Send bytes on a fresh connection; everything received until the daemon closes it."""
    stream = await trio.open_tcp_stream("127.0.0.1", daemon.port)
    received = b""
    with trio.fail_after(5):
        await stream.send_all(data)
        while chunk := await stream.receive_some():
            received += chunk
    await stream.aclose()
    return received


async def _still_serving(daemon: Daemon, bystander: Client, session: str) -> None:
    assert daemon.alive(), daemon.stderr()
    fresh = await Client.connect(daemon.port)
    (described,) = await fresh.request(op="describe")
    assert described["status"] == ["done"]
    await fresh.aclose()
    replies = await bystander.request(op="eval", session=session, code="(+ 1 2)")
    assert values(replies) == ["3"], replies


async def test_garbage_bytes_close_only_that_connection(
    daemon: Daemon, client: Client, session: str
) -> None:
    received = await _raw_exchange(daemon, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    assert b"transport-error" in received
    await _still_serving(daemon, client, session)


async def test_one_gib_length_prefix_is_refused_at_once(
    daemon: Daemon, client: Client, session: str
) -> None:
    received = await _raw_exchange(daemon, b"d2:op4:eval4:code1073741824:(+ 1 2)")
    assert b"larger than" in received
    await _still_serving(daemon, client, session)


async def test_truncated_frame_then_hangup(daemon: Daemon, client: Client, session: str) -> None:
    stream = await trio.open_tcp_stream("127.0.0.1", daemon.port)
    await stream.send_all(b"d2:op4:eval4:code10:(+ 1")
    await stream.aclose()
    await _still_serving(daemon, client, session)


async def test_non_dict_and_undecodable_messages_are_answered(client: Client) -> None:
    await client.stream.send_all(b"li1ei2ee")
    reply = await client.recv()
    assert reply["status"] == ["error", "malformed-request", "done"]
    await client.stream.send_all(b"d2:op8:describe2:idi03ee")  # leading zero: not bencode
    reply = await client.recv()
    assert reply["status"] == ["error", "malformed-request", "done"]
    (described,) = await client.request(op="describe")  # the connection carries on
    assert described["status"] == ["done"]


async def test_python_exceptions_in_user_code_do_not_escape(client: Client, session: str) -> None:
    for code in (
        '(python/exec "raise SystemExit(3)")',
        '(python/exec "raise KeyboardInterrupt")',
        '(python/exec "import sys; sys.stdout.close()")',
    ):
        replies = await client.request(op="eval", session=session, code=code)
        assert any("ex" in r for r in replies), replies
    assert values(await client.request(op="eval", session=session, code=":alive")) == [":alive"]


async def test_deep_recursion(daemon: Daemon, client: Client, session: str) -> None:
    code = "(defn deep [n] (if (zero? n) 0 (inc (deep (dec n))))) (deep 100000)"
    replies = await client.request(op="eval", session=session, code=code, timeout=30)
    assert replies[-1]["status"] == ["done"]
    assert values(replies)[-1:] == ["100000"] or any("ex" in r for r in replies)
    await _still_serving(daemon, client, session)


async def test_ten_megabytes_of_output(client: Client, session: str) -> None:
    line = "x" * 99
    code = f'(dotimes [_ 100000] (println "{line}"))'
    replies = await client.request(op="eval", session=session, code=code, timeout=60)
    out = joined(replies, "out")
    assert len(out) == 100 * 100000 and out == (line + "\n") * 100000
    assert values(replies) == ["nil"]
    assert len(replies) < 5000  # batched, not one message per line


async def test_fifty_concurrent_clients(daemon: Daemon) -> None:
    async def one(i: int, results: dict[int, list[dict]]) -> None:
        c = await Client.connect(daemon.port)
        s = await c.clone()
        replies = []
        for j in range(5):
            replies += await c.request(
                op="eval", session=s, code=f'(println "c{i}") (* {i} {j})', timeout=30
            )
        results[i] = replies
        await c.aclose()

    results: dict[int, list[dict]] = {}
    async with trio.open_nursery() as nursery:
        for i in range(50):
            nursery.start_soon(one, i, results)
    for i, replies in results.items():
        assert values(replies) == [v for j in range(5) for v in ("nil", str(i * j))]
        assert joined(replies, "out") == f"c{i}\n" * 5
    assert len(results) == 50
