"""The tooling ops (completion, info, eldoc, namespaces, macroexpand, stacktraces,
format-code) against the real language, through a real daemon."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import trio

from .client import Client, values

TOOLING_OPS = (
    "complete",
    "completions",
    "info",
    "lookup",
    "eldoc",
    "ns-list",
    "ns-vars",
    "ns-path",
    "macroexpand",
    "analyze-last-stacktrace",
    "stacktrace",
    "test",
    "test-all",
    "retest",
    "test-var-query",
    "test-stacktrace",
    "format-code",
)


async def one(client: Client, **msg: Any) -> dict[str, Any]:
    """The answer of a one-message op: payload and `done` together (Calva reads only the
    first message)."""
    (reply,) = await client.request(**msg)
    assert reply["status"][-1] == "done"
    return reply


def candidates(reply: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["candidate"]: c for c in reply["completions"]}


async def test_describe_advertises_plain_and_cider_names(client: Client) -> None:
    ops = (await one(client, op="describe", verbose=1))["ops"]
    for op in TOOLING_OPS:
        assert ops[op]["doc"], op
        assert ops[f"cider/{op}"] == ops[op]


async def test_complete_vars_specials_namespaces(client: Client, session: str) -> None:
    await client.request(
        op="eval",
        session=session,
        code="(ns tool.compl (:require [clojure.test :as t])) (defn map-it [x] x) (def mapping 1)",
    )
    reply = await one(client, op="complete", session=session, ns="tool.compl", prefix="map")
    found = candidates(reply)
    assert list(found) == sorted(found)
    assert found["map"] == {"candidate": "map", "type": "function", "ns": "clojure.core"}
    assert found["map-it"]["ns"] == "tool.compl" and found["map-it"]["type"] == "function"
    assert found["mapping"]["type"] == "var"
    calva = await one(client, op="complete", session=session, ns="tool.compl", symbol="whe")
    assert candidates(calva)["when"]["type"] == "macro"
    specials = candidates(await one(client, op="complete", ns="user", prefix="le"))
    assert specials["letfn*"]["type"] == "special-form"
    namespaces = candidates(await one(client, op="complete", ns="tool.compl", prefix="clojure.t"))
    assert namespaces["clojure.test"]["type"] == "namespace"
    aliased = candidates(await one(client, op="complete", ns="tool.compl", prefix="t/is"))
    assert aliased["t/is"] == {"candidate": "t/is", "type": "macro", "ns": "clojure.test"}
    nrepl = await one(client, op="completions", ns="tool.compl", prefix="map-i")
    assert [c["candidate"] for c in nrepl["completions"]] == ["map-indexed", "map-it"]


async def test_complete_locals_from_the_context(client: Client) -> None:
    context = (
        "(defn handler [request {:keys [reply-to]}]\n"
        "  (let [[response & more] (fetch request) result-count 1]\n"
        "    (letfn [(retry [n] n)] (__prefix__ response))))"
    )
    reply = await one(client, op="complete", ns="user", prefix="re", context=context)
    found = candidates(reply)
    for local in ("request", "reply-to", "response", "result-count", "retry"):
        assert found[local] == {"candidate": local, "type": "local"}
    assert "rest" in found and "more" not in found  # a core fn, a local not matching "re"
    outside = await one(client, op="complete", ns="user", prefix="re", context=0)
    assert "request" not in candidates(outside)


async def test_complete_keywords_python_members_and_extra_metadata(
    client: Client, session: str
) -> None:
    await client.request(
        op="eval",
        session=session,
        code="(ns tool.kw (:import os.path)) [::local :tool.kw/other :zz-unique-kw]",
    )
    plain = candidates(await one(client, op="complete", ns="tool.kw", prefix=":zz-uni"))
    assert plain == {":zz-unique-kw": {"candidate": ":zz-unique-kw", "type": "keyword"}}
    local = candidates(await one(client, op="complete", ns="tool.kw", prefix="::"))
    assert {"::local", "::other"} <= set(local)
    members = candidates(await one(client, op="complete", ns="tool.kw", prefix="os.path/jo"))
    assert members["os.path/join"]["type"] == "function"
    builtins = candidates(await one(client, op="complete", ns="tool.kw", prefix="python/le"))
    assert builtins["python/len"]["type"] == "function"
    rich = await one(
        client, op="complete", ns="user", prefix="assoc-i", extra_metadata=["arglists", "doc"]
    )
    (assoc_in,) = rich["completions"]
    assert assoc_in["arglists"] and assoc_in["doc"]


async def test_info_of_a_var_defined_in_a_file(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "tool_info.clj"
    code = '(ns tool.info)\n\n(defn greet\n  "Says hello."\n  ([] (greet "you"))\n  ([who] who))\n'
    path.write_text(code)
    await client.request(op="load-file", file=code, file_path=str(path))
    reply = await one(client, op="info", ns="tool.info", sym="greet")
    assert {k: reply[k] for k in ("name", "ns", "doc", "arglists-str", "line", "column")} == {
        "name": "greet",
        "ns": "tool.info",
        "doc": "Says hello.",
        "arglists-str": "[]\n[who]",
        "line": 3,
        "column": 1,
    }
    assert reply["file"] == path.resolve().as_uri()
    assert "macro" not in reply and "special-form" not in reply
    calva = await one(client, op="info", ns="user", symbol="tool.info/greet")
    assert calva["name"] == "greet" and calva["file"].startswith("file:")


async def test_info_of_core_macros_special_forms_and_python(client: Client) -> None:
    when = await one(client, op="info", ns="user", sym="when")
    assert when["macro"] == "true" and when["ns"] == "clojure.core"
    assert when["arglists-str"] == "[test & body]"
    assert when["file"].startswith("file:") and when["file"].endswith("core.jank")
    assert isinstance(when["line"], int) and when["line"] > 1
    python_fn = await one(client, op="info", ns="user", sym="map")
    assert python_fn["arglists-str"] == "[f]\n[f coll]\n[f coll & colls]"
    assert python_fn["file"].endswith(".py") and python_fn["line"] > 0
    special = await one(client, op="info", ns="user", sym="if")
    assert special["special-form"] == "true" and "(if test then else)" in special["forms-str"]
    builtin = await one(client, op="info", ns="user", sym="python/len")
    assert builtin["name"] == "len" and builtin["arglists-str"] == "[obj]"
    namespace = await one(client, op="info", ns="user", sym="clojure.core")
    assert namespace["ns"] == "clojure.core" and namespace["file"].endswith("core.jank")
    missing = await one(client, op="info", ns="user", sym="no-such-thing")
    assert missing["status"] == ["no-info", "done"]


async def test_lookup_and_eldoc(client: Client) -> None:
    looked = await one(client, op="lookup", ns="user", sym="when")
    assert looked["info"]["arglists"] == "([test & body])"
    assert (await one(client, op="lookup", sym="nope-nope"))["info"] == {}
    eldoc = await one(client, op="eldoc", ns="user", sym="map")
    assert eldoc["eldoc"] == [["f"], ["f", "coll"], ["f", "coll", "&", "colls"]]
    assert eldoc["type"] == "function" and eldoc["name"] == "map" and eldoc["docstring"]
    assert (await one(client, op="eldoc", sym="let*"))["type"] == "special-form"
    assert (await one(client, op="eldoc", sym="when"))["type"] == "macro"
    missing = await one(client, op="eldoc", ns="user", sym="no-such-thing")
    assert missing["status"] == ["no-eldoc", "done"]


async def test_ns_list_vars_and_path(client: Client, session: str) -> None:
    await client.request(
        op="eval", session=session, code="(ns tool.nsops) (defn pub []) (defn- priv [])"
    )
    listed = (await one(client, op="ns-list"))["ns-list"]
    assert listed == sorted(listed) and {"clojure.core", "user", "tool.nsops"} <= set(listed)
    calva = (await one(client, op="ns-list", filter_regexps=["^clojure\\."]))["ns-list"]
    cider = (await one(client, op="ns-list", exclude_regexps=["^clojure\\."]))["ns-list"]
    assert calva == cider and "clojure.core" not in cider and "user" in cider
    assert (await one(client, op="ns-vars", ns="tool.nsops"))["ns-vars"] == ["pub"]
    everything = await one(client, op="ns-vars", ns="tool.nsops", var_query={"private?": 1})
    assert everything["ns-vars"] == ["priv", "pub"]
    missing = await one(client, op="ns-vars", ns="tool.nope")
    assert missing["status"] == ["error", "namespace-not-found", "done"]
    core = await one(client, op="ns-path", ns="clojure.core")
    assert core["path"].endswith("core.jank") and core["url"] == Path(core["path"]).as_uri()
    assert (await one(client, op="ns-path", ns="tool.nope"))["path"] == ""


async def test_macroexpand(client: Client, session: str) -> None:
    await client.request(
        op="eval",
        session=session,
        code="(ns tool.mx (:require [clojure.test :as t]))"
        "(defmacro twice [x] `(do ~x ~x))"
        "(defmacro check-all [f] `(t/is (every? ~f [1])))",
    )

    async def expand(code: str, **opts: Any) -> str:
        return (await one(client, op="macroexpand", ns="tool.mx", code=code, **opts))["expansion"]

    assert await expand("(twice (when a b))") == "(do (when a b) (when a b))"
    assert await expand("(twice 1)", expander="macroexpand-1") == "(do 1 1)"
    assert await expand("(twice (when a b))", expander="macroexpand-all") == (
        "(do (if a (do b)) (if a (do b)))"
    )
    one_step = {"expander": "macroexpand-1"}
    qualified = await expand("(check-all pos?)", **one_step)
    assert qualified == "(clojure.test/is (clojure.core/every? pos? [1]))"
    tidy = await expand("(check-all pos?)", display_namespaces="tidy", **one_step)
    assert tidy == "(t/is (every? pos? [1]))"
    bare = await expand("(check-all pos?)", display_namespaces="none", **one_step)
    assert bare == "(is (every? pos? [1]))"
    (broken,) = await client.request(op="macroexpand", ns="tool.mx", code="(twice")
    assert broken["status"] == ["error", "macroexpand-error", "done"] and broken["message"]


async def test_analyze_last_stacktrace(client: Client, session: str, tmp_path: Path) -> None:
    (none,) = await client.request(op="analyze-last-stacktrace", session=session)
    assert none["status"] == ["no-error", "done"]
    path = tmp_path / "tool_trace.clj"
    code = (
        "(ns tool.trace)\n"
        '(defn inner [x] (throw (ex-info "boom" {:x x})))\n'
        '(defn outer [x] (try (inner x) (catch Exception e (throw (ex-info "wrapped" {} e)))))\n'
    )
    path.write_text(code)
    await client.request(op="load-file", session=session, file=code, file_path=str(path))
    await client.request(op="eval", session=session, code="(tool.trace/outer 1)")
    for op in ("analyze-last-stacktrace", "stacktrace", "cider/analyze-last-stacktrace"):
        replies = await client.request(op=op, session=session)
        *causes, done = replies
        assert done["status"] == ["done"]
        assert [c["message"] for c in causes] == ["wrapped", "boom"]
        assert [c["class"] for c in causes] == ["clojure.lang.ExceptionInfo"] * 2
        assert causes[1]["data"] == "{:x 1}" and causes[1]["phase"] == "execution"
        frames = causes[1]["stacktrace"]
        assert [f["var"] for f in frames[:2]] == ["tool.trace/inner", "tool.trace/outer"]
        assert frames[0]["flags"][0] == "clj" and frames[0]["type"] == "clj"
        assert frames[0]["line"] == 2 and frames[0]["file"] == "tool_trace.clj"
        assert frames[0]["file-url"] == path.resolve().as_uri()
        tooling = [f for f in causes[0]["stacktrace"] if "tooling" in f["flags"]]
        assert tooling and all(f["type"] == "java" for f in tooling)
    await client.request(op="eval", session=session, code="(let [x] x)")
    syntax, *_ = await client.request(op="analyze-last-stacktrace", session=session)
    assert syntax["phase"] == "macroexpansion" and syntax["line"] == 1


async def test_format_code(client: Client) -> None:
    code = "(defn f [x]\n(let [a 1\nb 2]\n(+ a\nb)))"
    reply = await one(client, op="format-code", code=code)
    assert (
        reply["formatted-code"] == "(defn f [x]\n  (let [a 1\n        b 2]\n    (+ a\n       b)))"
    )
    (broken,) = await client.request(op="format-code", code="(a]")
    assert broken["status"] == ["error", "format-code-error", "done"]


async def test_tooling_answers_while_an_eval_runs_in_the_session(
    client: Client, session: str
) -> None:
    await client.request(op="eval", session=session, code="(/ 1 0)")
    eval_id = await client.send(op="eval", session=session, code="(loop [] (recur))")
    await trio.sleep(0.05)
    with trio.fail_after(5):
        for msg in (
            {"op": "complete", "prefix": "redu"},
            {"op": "info", "sym": "reduce"},
            {"op": "eldoc", "sym": "reduce"},
            {"op": "ns-list"},
            {"op": "macroexpand", "code": "(when a b)"},
            {"op": "analyze-last-stacktrace"},
        ):
            replies = await client.request(session=session, **msg)
            assert replies[-1]["status"][-1] == "done"
            assert "error" not in replies[-1]["status"], replies
    interrupt_id = await client.send(op="interrupt", session=session, interrupt_id=eval_id)
    assert (await client.replies(eval_id))[-1]["status"] == ["interrupted", "done"]
    await client.replies(interrupt_id)
    assert values(await client.request(op="eval", session=session, code="(+ 1 2)")) == ["3"]
