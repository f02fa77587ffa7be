"""The core-op parts of the CIDER 2.0.1 and Calva 2.0.480 sessions captured in
/work/shared/traffic, replayed message for message (tooling ops are checked elsewhere)."""

from __future__ import annotations

import trio

from .client import Client, values

INIT_CODE = (
    "(when-let [requires (resolve 'clojure.main/repl-requires)]\n"
    "  (clojure.core/apply clojure.core/require @requires))"
)
PRINT = "nrepl.middleware.print/"
CIDER_REPL_KEYS = {
    PRINT + "buffer-size": 4096,
    PRINT + "options": {"right-margin": 70},
    PRINT + "print": "cider.nrepl.pprint/clojure-pprint",
    PRINT + "quota": 1048576,
    PRINT + "stream?": "1",
}
CALVA_KEYS = {
    PRINT + "options": {"right-margin": 120, "length": 50},
    PRINT + "print": "cider.nrepl.pprint/pprint",
    "pprint": 1,
}


def _status(replies: list[dict]) -> list[list[str]]:
    return [r["status"] for r in replies if "status" in r]


async def test_cider_session(client: Client) -> None:
    # connect: two clones, describe, the REPL init eval
    (main,) = await client.request(op="clone", client_name="CIDER", client_version="2.0.1")
    (tooling,) = await client.request(op="clone", client_name="CIDER", client_version="2.0.1")
    main_s, tooling_s = main["new-session"], tooling["new-session"]
    assert main["status"] == tooling["status"] == ["done"]
    (described,) = await client.request(op="describe", session=main_s)
    assert "clojure" not in described["versions"]
    assert all(v == {} for v in described["ops"].values())
    assert described["aux"]["current-ns"] == "user"
    replies = await client.request(
        op="eval",
        session=main_s,
        code=INIT_CODE,
        column=1,
        line=4,
        content_type="true",
        file="*cider-repl cider/fixture:127.0.0.1:39863(clj)*",
        inhibit_cider_middleware="true",
        **CIDER_REPL_KEYS,
    )
    assert "".join(values(replies)) == "nil"
    assert any(r.get("ns") == "user" for r in replies)
    assert _status(replies)[-1] == ["done"]
    # C-x C-e: stream? is an empty list (elisp nil)
    replies = await client.request(
        op="eval",
        session=main_s,
        code="(* 6 7)",
        ns="user",
        file="/tmp/fixture/core.clj",
        line=3,
        column=1,
        content_type="true",
        **{
            PRINT + "print": "cider.nrepl.pprint/pr",
            PRINT + "quota": 1048576,
            PRINT + "stream?": [],
        },
    )
    assert values(replies) == ["42"] and replies[-1]["status"] == ["done"]
    # REPL input with streaming
    replies = await client.request(
        op="eval", session=main_s, code='(println "hi-repl")', ns="user", **CIDER_REPL_KEYS
    )
    assert replies[0]["out"] == "hi-repl\n"
    assert "".join(values(replies)) == "nil"
    # ns switch in the tooling session; the main session keeps its own
    (switched, _) = await client.request(
        op="eval", session=tooling_s, code="(in-ns 'harness.loadme)"
    )
    assert switched["ns"] == "harness.loadme"
    replies = await client.request(op="eval", session=main_s, code="(str *ns*)")
    assert values(replies) == ['"user"']
    await client.request(op="eval", session=tooling_s, code="(in-ns 'user)")
    # interrupt, then the session works on
    eval_id = await client.send(
        op="eval",
        session=main_s,
        ns="user",
        code="(loop [i 0] (if (< i 100000000000) (recur (inc i)) i))",
    )
    await trio.sleep(0.1)
    interrupt_id = await client.send(op="interrupt", session=main_s, interrupt_id=eval_id)
    assert _status(await client.replies(eval_id)) == [["interrupted", "done"]]
    assert _status(await client.replies(interrupt_id)) == [["done"]]
    assert values(await client.request(op="eval", session=main_s, code="(+ 1 1)")) == ["2"]
    # quit
    for s in (main_s, tooling_s):
        (closed,) = await client.request(op="close", session=s)
        assert closed["status"] == ["session-closed", "done"] and closed["session"] == s


async def test_calva_session(client: Client) -> None:
    # connect: sessionless *ns* eval, clone, describe verbose
    replies = await client.request(op="eval", code="*ns*")
    assert any(r.get("ns") == "user" for r in replies)
    assert replies[-1]["status"] == ["done"]
    (cloned,) = await client.request(op="clone")
    main = cloned["new-session"]
    (described,) = await client.request(op="describe", session=main, verbose=1)
    assert "eval" in described["ops"] and "interrupt" in described["ops"]
    assert all(isinstance(v, dict) and v for v in described["ops"].values())
    replies = await client.request(
        op="eval",
        session=main,
        code=INIT_CODE,
        ns="user",
        file="/tmp/calva/output.calva-repl",
        line=1,
        column=1,
        **CALVA_KEYS,
    )
    assert "".join(values(replies)) == "nil"
    # stdin: need-input, then a stdin message without id
    eval_id = await client.send(
        op="eval", session=main, ns="user", code="(read-line)", **CALVA_KEYS
    )
    assert (await client.recv())["status"] == ["need-input"]
    await client.stream.send_all(
        b"d2:op5:stdin7:session36:" + main.encode() + b"5:stdin17:hello from calva\ne"
    )
    assert values(await client.replies(eval_id)) == ['"hello from calva"']
    assert client.pending == [{"session": main, "status": ["done"]}]  # the stdin answer
    client.pending.clear()
    # interrupt the running eval and every stale id, as interruptAll does
    eval_id = await client.send(op="eval", session=main, ns="user", code="(loop [] (recur))")
    await trio.sleep(0.1)
    running = await client.send(op="interrupt", session=main, interrupt_id=eval_id)
    stale = [
        await client.send(op="interrupt", session=main, interrupt_id=str(i)) for i in range(1, 5)
    ]
    assert _status(await client.replies(eval_id)) == [["interrupted", "done"]]
    assert _status(await client.replies(running)) == [["done"]]
    for i in stale:
        (answer,) = await client.replies(i)
        assert answer["status"] in (
            ["session-idle", "done"],
            ["error", "interrupt-id-mismatch", "done"],
        )
    # close without id
    await client.stream.send_all(b"d2:op5:close7:session36:" + main.encode() + b"e")
    reply = await client.recv()
    assert reply == {"session": main, "status": ["session-closed", "done"]}
