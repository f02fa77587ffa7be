"""Session ops, describe and the envelope rules."""

from __future__ import annotations

from .client import Client


async def test_describe_shape(client: Client) -> None:
    (reply,) = await client.request(op="describe")
    assert reply["status"] == ["done"]
    ops = reply["ops"]
    for op in (
        "clone",
        "close",
        "describe",
        "eval",
        "load-file",
        "interrupt",
        "stdin",
        "ls-sessions",
    ):
        assert ops[op] == {}
    assert set(reply["versions"]) == {"nrepl", "pyjank", "python"}
    for v in reply["versions"].values():
        assert {"major", "minor", "incremental", "version-string"} <= set(v)
    assert reply["aux"] == {"current-ns": "user"}


async def test_describe_verbose_documents_ops(client: Client, session: str) -> None:
    (reply,) = await client.request(op="describe", verbose=1, session=session)
    assert reply["session"] == session
    assert reply["ops"]["eval"]["requires"] == {"code": "The code."}
    assert "doc" in reply["ops"]["interrupt"]


async def test_clone_close_ls_sessions(client: Client) -> None:
    (first,) = await client.request(op="clone", client_name="CIDER", client_version="2.0.1")
    assert first["status"] == ["done"]
    a = first["new-session"]
    (child,) = await client.request(op="clone", session=a)
    b = child["new-session"]
    assert child["session"] == a and b != a
    (listing,) = await client.request(op="ls-sessions")
    assert {a, b} <= set(listing["sessions"])
    (closed,) = await client.request(op="close", session=a)
    assert closed["status"] == ["session-closed", "done"] and closed["session"] == a
    (listing,) = await client.request(op="ls-sessions")
    assert a not in listing["sessions"] and b in listing["sessions"]
    (stale,) = await client.request(op="eval", code="1", session=a)
    assert stale["status"] == ["error", "unknown-session", "done"]


async def test_clone_copies_parent_bindings(client: Client, session: str) -> None:
    await client.request(op="eval", code="(in-ns 'clone.parent) 42", session=session)
    child = (await client.request(op="clone", session=session))[0]["new-session"]
    (value, _) = await client.request(op="eval", code="(clojure.core/+ 1 2)", session=child)
    assert value["ns"] == "clone.parent"


async def test_unknown_op_and_missing_op(client: Client) -> None:
    (reply,) = await client.request(op="no-such-op")
    assert reply == {
        "id": reply["id"],
        "op": "no-such-op",
        "status": ["error", "unknown-op", "done"],
    }
    (reply,) = await client.request()
    assert reply["status"] == ["error", "unknown-op", "done"]


async def test_requests_without_id_are_answered_without_id(client: Client, session: str) -> None:
    await client.stream.send_all(b"d2:op5:stdin5:stdin0:7:session36:" + session.encode() + b"e")
    reply = await client.recv()
    assert reply == {"session": session, "status": ["done"]}


async def test_close_without_session(client: Client) -> None:
    (reply,) = await client.request(op="close")
    assert reply["status"] == ["error", "no-session", "done"]
