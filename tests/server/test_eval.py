"""eval and load-file against the real language, through a real daemon."""

from __future__ import annotations

from pathlib import Path

from .client import Client, joined, values


def _kinds(replies: list[dict]) -> list[str]:
    """The shape of a reply stream: out/err/value/ex/done per message."""
    kinds = []
    for r in replies:
        for key in ("out", "err", "value", "ex"):
            if key in r:
                kinds.append(key)
        if "done" in r.get("status", []):
            kinds.append("done")
    return kinds


async def test_several_forms_out_before_value_one_done(client: Client, session: str) -> None:
    replies = await client.request(
        op="eval", session=session, code='(println "hi") (+ 1 2) (def x 5) x'
    )
    assert _kinds(replies) == ["out", "value", "value", "value", "value", "done"]
    assert joined(replies, "out") == "hi\n"
    assert values(replies) == ["nil", "3", "#'user/x", "5"]
    assert all(r["ns"] == "user" for r in replies if "value" in r)
    assert replies[-1] == {"id": replies[-1]["id"], "session": session, "status": ["done"]}
    assert all(r["session"] == session for r in replies)


async def test_python_print_and_threads_stream_as_out(client: Client, session: str) -> None:
    code = (
        '(python/print "direct")'
        '(def threading (python/__import__ "threading"))'
        '(let [t (.Thread threading nil (fn [] (python/print "from thread")))]'
        "  (.start t) (.join t) :joined)"
    )
    replies = await client.request(op="eval", session=session, code=code)
    assert joined(replies, "out") == "direct\nfrom thread\n"
    assert values(replies)[-1] == ":joined"
    assert _kinds(replies).index("out") < _kinds(replies).index("value")


async def test_execution_error_then_eval_continues(client: Client, session: str) -> None:
    replies = await client.request(op="eval", session=session, code="(/ 1 0) (+ 20 22)")
    assert _kinds(replies) == ["err", "ex", "value", "done"]
    err = joined(replies, "err")
    assert err.startswith("Execution error (ArithmeticException)")
    assert "Divide by zero" in err
    ex = next(r for r in replies if "ex" in r)
    assert ex["ex"] == ex["root-ex"] == "class java.lang.ArithmeticException"
    assert ex["status"] == ["eval-error"]
    assert values(replies) == ["42"]
    assert values(await client.request(op="eval", session=session, code="(nil? *e)")) == ["false"]


async def test_syntax_error_carries_editor_position(client: Client, session: str) -> None:
    replies = await client.request(
        op="eval",
        session=session,
        code="1\n  (undefined-thing 2)",
        file="/src/app.clj",
        line=40,
        column=5,
    )
    err = joined(replies, "err")
    assert err.startswith("Syntax error compiling at (/src/app.clj:41:")
    assert "undefined-thing" in err
    assert values(replies) == ["1"]


async def test_read_error_stops_remaining_forms(client: Client, session: str) -> None:
    replies = await client.request(
        op="eval", session=session, code="(+ 1 1) (oops", file="/src/app.clj", line=3, column=1
    )
    assert _kinds(replies) == ["value", "err", "ex", "done"]
    assert joined(replies, "err").startswith("Syntax error reading source at (/src/app.clj:3:")


async def test_defined_vars_carry_editor_position(client: Client, session: str) -> None:
    await client.request(
        op="eval",
        session=session,
        code="\n  (def placed 1)",
        file="/src/app.clj",
        line=40,
        column=5,
    )
    replies = await client.request(
        op="eval", session=session, code="((juxt :file :line :column) (meta #'placed))"
    )
    assert values(replies) == ['["/src/app.clj" 41 3]']


async def test_repl_vars_per_session(client: Client) -> None:
    a, b = await client.clone(), await client.clone()
    await client.request(op="eval", session=a, code="1 2 3")
    await client.request(op="eval", session=b, code=":b")
    assert values(await client.request(op="eval", session=a, code="[*1 *2 *3]")) == ["[3 2 1]"]
    assert values(await client.request(op="eval", session=b, code="*1")) == [":b"]
    await client.request(op="eval", session=a, code="(in-ns 'isolated.a)")
    replies = await client.request(op="eval", session=b, code="(str *ns*)")
    assert values(replies) == ['"user"'] and replies[0]["ns"] == "user"
    replies = await client.request(
        op="eval", session=a, code="(clojure.core/str clojure.core/*ns*)"
    )
    assert values(replies) == ['"isolated.a"'] and replies[0]["ns"] == "isolated.a"


async def test_ns_param_applies_to_the_request_only(client: Client, session: str) -> None:
    await client.request(
        op="eval",
        session=session,
        code="(in-ns 'param.ns) (clojure.core/refer-clojure) (in-ns 'user)",
    )
    replies = await client.request(op="eval", session=session, ns="param.ns", code="(str *ns*)")
    assert values(replies) == ['"param.ns"'] and replies[0]["ns"] == "param.ns"
    replies = await client.request(op="eval", session=session, code="(str *ns*)")
    assert values(replies) == ['"user"']


async def test_namespace_not_found(client: Client, session: str) -> None:
    (reply,) = await client.request(op="eval", session=session, ns="no.such.ns", code="1")
    assert reply["status"] == ["error", "namespace-not-found", "done"]
    assert reply["ns"] == "no.such.ns"


async def test_no_code(client: Client, session: str) -> None:
    (reply,) = await client.request(op="eval", session=session)
    assert reply["status"] == ["error", "no-code", "done"]


async def test_sessionless_eval(client: Client) -> None:
    """Calva's first message: no session; the replies carry none either."""
    replies = await client.request(op="eval", code="(+ 40 2)")
    assert values(replies) == ["42"]
    assert replies[0]["ns"] == "user"
    assert all("session" not in r for r in replies)
    assert replies[-1]["status"] == ["done"]


async def test_repl_init_code_of_cider_and_calva(client: Client, session: str) -> None:
    code = (
        "(when-let [requires (resolve 'clojure.main/repl-requires)]\n"
        "  (clojure.core/apply clojure.core/require @requires))"
    )
    replies = await client.request(
        op="eval",
        session=session,
        code=code,
        line=4,
        column=1,
        file="*cider-repl demo*",
        inhibit_cider_middleware="true",
        **{"nrepl.middleware.print/stream?": [], "nrepl.middleware.print/quota": 1048576},
    )
    assert values(replies) == ["nil"]


async def test_load_file(client: Client, session: str, tmp_path: Path) -> None:
    path = tmp_path / "loadme.clj"
    source = (
        "(in-ns 'harness.loadme)\n(clojure.core/refer-clojure)\n"
        '(defn add3 [x] (+ x 3))\n(println "loadme loaded")\n:loadme-done\n'
    )
    replies = await client.request(
        op="load-file", session=session, file=source, file_path=str(path), file_name="loadme.clj"
    )
    assert _kinds(replies) == ["out", "value", "done"]
    assert joined(replies, "out") == "loadme loaded\n"
    stats = replies[1].pop("pyjank/reload-stats")  # what the load did (compiler/cache/)
    assert (stats["ns"], stats["forms"], stats["load"]) == ("harness.loadme", 5, 1)
    assert replies[1] == {"id": replies[1]["id"], "session": session, "value": ":loadme-done"}
    replies = await client.request(op="eval", session=session, code="(harness.loadme/add3 4)")
    assert values(replies) == ["7"] and replies[0]["ns"] == "user"
    replies = await client.request(
        op="eval", session=session, code="(:file (meta #'harness.loadme/add3))"
    )
    assert values(replies) == [f'"{path}"']


async def test_load_file_stops_at_first_error(client: Client, session: str) -> None:
    source = "(def before-error 1)\n(/ 1 0)\n(def after-error 2)\n"
    replies = await client.request(
        op="load-file", session=session, file=source, file_path="/src/broken.clj"
    )
    assert _kinds(replies) == ["err", "ex", "done"]
    replies = await client.request(
        op="eval", session=session, code="[(some? (resolve 'before-error)) (resolve 'after-error)]"
    )
    assert values(replies) == ["[true nil]"]


async def test_stdin_need_input(client: Client, session: str) -> None:
    eval_id = await client.send(op="eval", session=session, code='(print "name? ") (read-line)')
    out, value, need = await client.recv(), await client.recv(), await client.recv()
    assert out["out"] == "name? " and value["value"] == "nil"
    assert need == {"id": eval_id, "session": session, "status": ["need-input"]}
    await client.stream.send_all(
        b"d2:op5:stdin7:session36:" + session.encode() + b"5:stdin6:hello\ne"
    )
    replies = await client.replies(eval_id)
    assert {"session": session, "status": ["done"]} in client.pending
    assert values(replies) == ['"hello"']


async def test_stdin_eof_makes_read_line_nil(client: Client, session: str) -> None:
    eval_id = await client.send(op="eval", session=session, code="(read-line)")
    assert (await client.recv())["status"] == ["need-input"]
    await client.request(op="stdin", session=session, stdin="")
    assert values(await client.replies(eval_id)) == ["nil"]


PRINT = "nrepl.middleware.print/"


async def test_print_options(client: Client, session: str) -> None:
    replies = await client.request(
        op="eval",
        session=session,
        code="(range 10)",
        **{
            PRINT + "print": "cider.nrepl.pprint/pr",
            PRINT + "options": {"length": 3, "right-margin": 70},
        },
    )
    assert values(replies) == ["(0 1 2 ...)"]
    replies = await client.request(
        op="eval", session=session, code="[[[[1]]]]", **{PRINT + "options": {"max-depth": 2}}
    )
    assert values(replies) == ["[[#]]"]
    replies = await client.request(op="eval", session=session, code="(range 10)")
    assert values(replies) == ["(0 1 2 3 4 5 6 7 8 9)"]  # options were for that request only


async def test_print_stream_and_buffer_size(client: Client, session: str) -> None:
    replies = await client.request(
        op="eval",
        session=session,
        code="(vec (range 6))",
        **{PRINT + "stream?": "1", PRINT + "buffer-size": 4},
    )
    assert [r.get("value") for r in replies[:-1]] == ["[0 1", " 2 3", " 4 5", "]", None]
    assert replies[-2].pop("pyjank/reload-stats")["forms"] == 1
    assert replies[-2] == {"id": replies[-2]["id"], "session": session, "ns": "user"}


async def test_print_quota_truncates(client: Client, session: str) -> None:
    replies = await client.request(
        op="eval", session=session, code='(apply str (repeat 50 "ab"))', **{PRINT + "quota": 10}
    )
    (value,) = [r for r in replies if "value" in r]
    assert value["value"] == '"ababababa'
    assert value["status"] == [PRINT + "truncated"]
    assert value[PRINT + "truncated-keys"] == ["value"]
    assert replies[-1]["status"] == ["done"]


async def test_set_bang_persists_in_its_session_only(client: Client) -> None:
    a, b = await client.clone(), await client.clone()
    await client.request(op="eval", session=a, code="(set! *print-length* 2)")
    assert values(await client.request(op="eval", session=a, code="(range 5)")) == ["(0 1 ...)"]
    assert values(await client.request(op="eval", session=b, code="(range 5)")) == ["(0 1 2 3 4)"]
