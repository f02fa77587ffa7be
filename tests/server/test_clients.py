"""The CIDER 2.0.1 and Calva 2.0.480 sessions captured in /work/shared/traffic, replayed
message for message with the keys those clients send, from the connect sequence (two clones,
describe, the `repl-requires` init eval; Calva's sessionless `*ns*` eval) through the
tooling ops they use once ours are advertised, checking the shape of every answer."""

from __future__ import annotations

import re
from typing import Any

import trio

from .client import Client, joined, values

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
CANDIDATE_TYPES = {
    "local",
    "function",
    "macro",
    "var",
    "namespace",
    "class",
    "keyword",
    "special-form",
}
FRAME_FLAGS = {"clj", "java", "tooling", "dup", "project", "repl"}


def _status(replies: list[dict]) -> list[list[str]]:
    return [r["status"] for r in replies if "status" in r]


def check_envelope(replies: list[dict[str, Any]], id_: str | None, session: str | None) -> None:
    """Every reply echoes id and session; `status` is a list; exactly one `done`, last."""
    for r in replies:
        assert r.get("id") == id_ and r.get("session") == session, r
        assert isinstance(r.get("status", []), list)
    assert [r for r in replies if "done" in r.get("status", [])] == replies[-1:]


async def ask(client: Client, **msg: Any) -> list[dict[str, Any]]:
    """A request whose replies have their envelope checked."""
    id_ = await client.send(**msg)
    replies = await client.replies(id_)
    check_envelope(replies, id_, msg.get("session"))
    return replies


def check_completions(reply: dict[str, Any]) -> list[str]:
    assert reply["status"] == ["done"]
    names = []
    for c in reply["completions"]:
        assert set(c) <= {"candidate", "type", "ns"} and c["type"] in CANDIDATE_TYPES, c
        assert isinstance(c["candidate"], str) and isinstance(c.get("ns", ""), str)
        names.append(c["candidate"])
    assert names == sorted(names)
    return names


def check_info(reply: dict[str, Any]) -> None:
    assert reply["status"] == ["done"]
    assert isinstance(reply["name"], str) and isinstance(reply["ns"], str)
    assert isinstance(reply["doc"], str) and isinstance(reply["arglists-str"], str)
    assert re.fullmatch(r"\[[^\n]*\](\n\[[^\n]*\])*", reply["arglists-str"])
    assert reply["file"].startswith("file:/") and isinstance(reply["line"], int)


def check_causes(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    *causes, done = replies
    assert done["status"] == ["done"] and causes
    for cause in causes:
        assert isinstance(cause["class"], str) and isinstance(cause["message"], str)
        for frame in cause["stacktrace"]:
            assert isinstance(frame["name"], str) and isinstance(frame["file"], str)
            assert isinstance(frame["line"], int) and isinstance(frame["class"], str)
            assert frame["flags"] and set(frame["flags"]) <= FRAME_FLAGS
    return causes


async def test_cider_session(client: Client) -> None:
    # connect: two clones, describe, the REPL init eval
    (main,) = await ask(client, op="clone", client_name="CIDER", client_version="2.0.1")
    (tooling,) = await ask(client, op="clone", client_name="CIDER", client_version="2.0.1")
    main_s, tooling_s = main["new-session"], tooling["new-session"]
    assert main["status"] == tooling["status"] == ["done"] and main_s != tooling_s
    (described,) = await ask(client, op="describe", session=main_s)
    assert set(described["versions"]) == {"nrepl", "pyjank", "python"}
    assert all(v == {} for v in described["ops"].values())
    for op in ("complete", "info", "eldoc", "analyze-last-stacktrace", "test-var-query"):
        assert op in described["ops"] and f"cider/{op}" in described["ops"]
    assert "init-debugger" not in described["ops"]
    assert described["aux"]["current-ns"] == "user"
    replies = await ask(
        client,
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
    assert _status(replies) == [["done"]]
    # C-x C-e: stream? is an empty list (elisp nil)
    replies = await ask(
        client,
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
    replies = await ask(
        client, op="eval", session=main_s, code='(println "hi-repl")', ns="user", **CIDER_REPL_KEYS
    )
    assert replies[0]["out"] == "hi-repl\n"
    assert "".join(values(replies)) == "nil"
    # completion, docs and eldoc, under the cider/ names CIDER >= 1.22 prefers
    (completed,) = await ask(
        client,
        op="cider/complete",
        session=main_s,
        ns="user",
        prefix="ma",
        context="nil",
        sort_order="by-name",
        **{"enhanced-cljs-completion?": "t"},
    )
    assert {"macroexpand", "map", "mapv"} <= set(check_completions(completed))
    (info,) = await ask(
        client,
        op="cider/info",
        session=main_s,
        ns="user",
        sym="map",
        context="nil",
        download_sources_jar="1",
    )
    check_info(info)
    assert info["name"] == "map" and info["ns"] == "clojure.core"
    (eldoc,) = await ask(
        client, op="cider/eldoc", session=main_s, ns="user", sym="map", context="nil"
    )
    assert eldoc["eldoc"] == [["f"], ["f", "coll"], ["f", "coll", "&", "colls"]]
    assert eldoc["type"] == "function" and eldoc["name"] == "map" and eldoc["ns"]
    assert isinstance(eldoc["docstring"], str) and eldoc["status"] == ["done"]
    # an error: the stacktrace op CIDER uses when advertised...
    replies = await ask(client, op="eval", session=main_s, code="(/ 1 0)", ns="user")
    assert joined(replies, "err").startswith("Execution error (ArithmeticException)")
    causes = check_causes(await ask(client, op="cider/analyze-last-stacktrace", session=main_s))
    assert causes[0]["class"] == "java.lang.ArithmeticException"
    assert causes[0]["message"] == "Divide by zero"
    # ... and the clojure.stacktrace fallback of CIDERs without it
    replies = await ask(client, op="eval", session=tooling_s, code="(require 'clojure.stacktrace)")
    assert values(replies) == ["nil"]
    replies = await ask(
        client, op="eval", session=main_s, code="(clojure.stacktrace/print-cause-trace *e)"
    )
    assert joined(replies, "out").startswith("java.lang.ArithmeticException: Divide by zero\n")
    assert values(replies) == ["nil"]
    # ns switch in the tooling session; the main session keeps its own
    (switched, _) = await ask(client, op="eval", session=tooling_s, code="(in-ns 'harness.loadme)")
    assert switched["ns"] == "harness.loadme"
    replies = await ask(client, op="eval", session=main_s, code="(str *ns*)")
    assert values(replies) == ['"user"']
    await ask(client, op="eval", session=tooling_s, code="(in-ns 'user)")
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
    assert values(await ask(client, op="eval", session=main_s, code="(+ 1 1)")) == ["2"]
    # quit
    for s in (main_s, tooling_s):
        (closed,) = await ask(client, op="close", session=s)
        assert closed["status"] == ["session-closed", "done"]


async def test_calva_session(client: Client) -> None:
    # connect: sessionless *ns* eval, clone, describe verbose, the on-connect eval
    replies = await ask(client, op="eval", code="*ns*")
    assert any(r.get("ns") == "user" for r in replies)
    assert replies[-1]["status"] == ["done"]
    (cloned,) = await ask(client, op="clone")
    main = cloned["new-session"]
    assert cloned["status"] == ["done"]
    (described,) = await ask(client, op="describe", session=main, verbose=1)
    assert all(isinstance(v, dict) and v["doc"] for v in described["ops"].values())
    for op in ("eval", "interrupt", "info", "complete", "ns-list", "stacktrace", "retest"):
        assert op in described["ops"]
    for op in ("classpath", "init-debugger", "out-subscribe", "clojuredocs-refresh-cache"):
        assert op not in described["ops"]  # advertised means awaited: Calva would hang
    replies = await ask(
        client,
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
    # hover: ns-list first, then info with `symbol`
    (listed,) = await ask(client, op="ns-list", session=main, filter_regexps=[])
    assert "user" in listed["ns-list"] and listed["status"] == ["done"]
    (info,) = await ask(client, op="info", session=main, ns="user", symbol="map")
    check_info(info)
    assert info["name"] == "map"
    # completion with `symbol`, inside a form and outside any (context 0)
    for context in ("(__prefix__)", 0):
        (completed,) = await ask(
            client,
            op="complete",
            session=main,
            ns="user",
            symbol="ma",
            context=context,
            **{"enhanced-cljs-completion?": "t"},
        )
        assert "map" in check_completions(completed)
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
    # an error, then the deprecated stacktrace op Calva uses
    await ask(client, op="eval", session=main, ns="user", code="(/ 1 0)", **CALVA_KEYS)
    causes = check_causes(await ask(client, op="stacktrace", session=main))
    assert causes[0]["message"] == "Divide by zero"
    # tests: test-var-query, the report in the first reply that has results
    await ask(
        client,
        op="eval",
        session=main,
        code="(ns calva.t (:require [clojure.test :refer [deftest is]])) (deftest t (is (= 1 2)))",
    )
    replies = await ask(
        client,
        op="test-var-query",
        session=main,
        var_query={"ns-query": {"exactly": ["calva.t"]}, "test?": 1},
    )
    report = next(r for r in replies if "results" in r)
    assert report["summary"]["fail"] == 1 and report["results"]["calva.t"]["t"][0]["type"] == "fail"
    (rerun, _) = await ask(client, op="retest", session=main)
    assert rerun["summary"]["fail"] == 1
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
