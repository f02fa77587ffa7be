"""Incremental reload (design §4) against the budgets of design §6.

    python -m bench.reload [--runs N] [--sizes 100 1000] [--jit off|lazy|eager]

Generated namespaces of 100 and 1000 top-level forms — mostly small defns with let/if/loop
bodies, some defs of data, macros, and 20 forms using the first macro — are loaded from a
file as `require :reload` does. Reported as medians (ms): a cold load; reloads with nothing
changed, one defn changed (in place, and growing by a line so every form below it moves),
ten defns changed, and the macro the 20 forms use changed; a fresh process `require`-ing the
namespace with the disk cache warm; the same without the cache, as ratios; and the 100-form
reloads through a daemon's `load-file` op, timed at the client.

The default mode is the daemon's (`--jit lazy`): a load compiles nothing, a first call
compiles (or, from the disk cache, links) the fns of its load. A fresh process loads the
native tier before timing, as the daemon does once it is ready (`bootstrap.warm_native`).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BUDGETS_MS = {
    (100, "cold load"): 100.0,
    (100, "1 defn changed"): 5.0,
    (100, "nothing changed"): 3.0,
    (1000, "1 defn changed"): 30.0,
    (100, "fresh process require, disk warm"): 10.0,
}
MACRO_USERS = 20


def forms(n: int, seed: int = 1) -> list[str]:
    """The top-level forms of an n-form namespace (after its `ns` form)."""
    rng = random.Random(seed)
    out = [
        "(defmacro unless* [test & body]\n  `(if ~test nil (do ~@body)))",
        "(defmacro with-twice [[x v] & body]\n  `(let [~x (* 2 ~v)] ~@body))",
        '(def config {:limit 10 :names ["a" "b"] :nested {:k #{1 2 3}}})',
    ]
    for i in range(MACRO_USERS):
        out.append(f"(defn user{i} [x]\n  (unless* (neg? x)\n    (+ x {i})))")
    while len(out) < n - 1:
        i, kind = len(out), rng.random()
        if kind < 0.1:
            out.append(f"(def data{i} {{:id {i} :tags [:a :b] :score {rng.random():.3f}}})")
        elif kind < 0.3:
            out.append(
                f"(defn loop{i} [n]\n  (loop [i 0 acc 0]\n"
                f"    (if (< i n) (recur (inc i) (+ acc (* i {i % 7}))) acc)))"
            )
        elif kind < 0.4:
            out.append(f"(defn twice{i} [v]\n  (with-twice [x v] (+ x {i})))")
        else:
            out.append(
                f'(defn f{i}\n  "Doc {i}."\n  [a b]\n  (let [s (+ a b)]\n'
                f'    (if (> s {i}) (str a "-" b) (* s {i % 5 + 1}))))'
            )
    return out


def text(ns: str, body: list[str]) -> str:
    return f"(ns {ns})\n\n" + "\n\n".join(body) + "\n"


def defn_indexes(body: list[str]) -> list[int]:
    return [i for i, f in enumerate(body) if f.startswith("(defn f")]


def edited(body: list[str], count: int, stamp: int, grow: bool = False) -> list[str]:
    """`count` defns with a different constant (`stamp`); `grow` adds a line to them."""
    out = list(body)
    for i in defn_indexes(body)[:count]:
        out[i] = body[i].replace("(str a", f"(str {stamp} a")
        if grow:
            out[i] = out[i].replace("(let [s", "(let [_ nil\n        s")
    return out


def macro_edited(body: list[str], stamp: int) -> list[str]:
    return [body[0].replace("nil (do", f"{stamp} (do"), *body[1:]]


def median(fn: Callable[[], float], runs: int) -> float:
    return statistics.median(fn() for _ in range(runs))


class InProcess:
    """Loads in this interpreter, with or without the per-form cache."""

    def __init__(self, root: Path) -> None:
        from pyjank.compiler import loader
        from pyjank.compiler.bootstrap import boot

        boot()
        self.root = root
        loader.set_source_path([root])
        self.ids = iter(range(1_000_000))

    def path(self, ns: str) -> Path:
        return self.root / (ns.replace("-", "_").replace(".", "/") + ".jank")

    def load(self, ns: str, source: str, cached: bool = True) -> float:
        """Write and load the file (as `require :reload`); milliseconds."""
        from pyjank.compiler import loader
        from pyjank.compiler.evaluator import eval_form
        from pyjank.runtime import core_vars as cv
        from pyjank.runtime.namespaces import find_or_create_ns
        from pyjank.runtime.vars import bindings

        path = self.path(ns)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
        with bindings([(cv.NS, find_or_create_ns("user"))]):
            t0 = time.perf_counter()
            if cached:
                loader.load_file(path)
            else:
                file = str(path)
                for form in loader.read_forms(path.read_text(), file):
                    eval_form(form, file=file)
            return (time.perf_counter() - t0) * 1000

    def fresh_ns(self, size: int) -> str:
        return f"bench.reload.n{size}x{next(self.ids)}"


Result = tuple[float, int | None]
"""Median milliseconds, and how many forms the (last) cached load compiled."""


def in_process(size: int, runs: int, root: Path) -> dict[str, Result]:
    from pyjank.compiler import cache

    bench = InProcess(root)
    body = forms(size)

    def cold(cached: bool) -> Result:
        def run() -> float:
            ns = bench.fresh_ns(size)
            return bench.load(ns, text(ns, body), cached)

        return median(run, runs), cache.last().compiled if cached else None

    results = {"cold load": cold(True), "cold load, no cache": cold(False)}
    ns = bench.fresh_ns(size)
    bench.load(ns, text(ns, body))
    stamps = iter(range(1, 1_000_000))

    def reload(change: Callable[[int], list[str]]) -> Result:
        def run() -> float:
            bench.load(ns, text(ns, body))  # from the unedited text
            return bench.load(ns, text(ns, change(next(stamps))))

        return median(run, runs), cache.last().compiled

    results["nothing changed"] = reload(lambda s: body)
    results["1 defn changed"] = reload(lambda s: edited(body, 1, s))
    results["1 defn changed, lines below move"] = reload(lambda s: edited(body, 1, s, grow=True))
    results["10 defns changed"] = reload(lambda s: edited(body, 10, s))
    results[f"macro used by {MACRO_USERS} changed"] = reload(lambda s: macro_edited(body, s))
    results["reload, no cache"] = (
        median(lambda: bench.load(ns, text(ns, body), False), runs),
        None,
    )
    return results


_FRESH = """
import sys, time
from pyjank.compiler import cache, loader
from pyjank.compiler.options import set_jit_mode
set_jit_mode({jit!r})
if {disk!r}:
    cache.configure({cache_dir!r})
else:
    cache.configure(use_disk=False)
from pyjank.compiler.bootstrap import boot, warm_native
from pyjank.runtime.symbols import Symbol
boot()
warm_native()
loader.set_source_path([{root!r}])
t0 = time.perf_counter()
loader.require(Symbol(None, {ns!r}))
ms = (time.perf_counter() - t0) * 1000
s = cache.last()
print(ms, s.compiled, s.reused)
"""


def fresh_process(size: int, runs: int, root: Path, jit: str) -> dict[str, Result]:
    """`require` in a new interpreter: disk cache warm, then none (boot not timed)."""
    ns = f"bench.fresh.n{size}"
    path = root / "bench" / "fresh" / f"n{size}.jank"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text(ns, forms(size)))
    cache_dir = str(root / "cache")
    compiled: list[int] = []

    def run(disk: bool) -> float:
        script = _FRESH.format(jit=jit, disk=disk, cache_dir=cache_dir, root=str(root), ns=ns)
        out = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        ).stdout.split()
        compiled.append(int(out[1]))
        return float(out[0])

    run(True)  # warms the cache
    warm = median(lambda: run(True), runs), compiled[-1]
    return {
        "fresh process require, disk warm": warm,
        "fresh process require, no cache": (median(lambda: run(False), runs), None),
    }


def daemon(runs: int, root: Path, jit: str) -> dict[str, Result]:
    """The 100-form reloads through `load-file`, timed at the client."""
    from bench.nrepl_latency import BANNER, SyncClient

    body = forms(100)
    ns = "bench.daemon.n100"
    path = root / "daemon.jank"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pyjank.server.main",
            "--port",
            "0",
            "--port-file",
            os.devnull,
            "--jit",
            jit,
            "--cache-dir",
            str(root / "daemon-cache"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert proc.stdout is not None
        match = BANNER.search(proc.stdout.readline())
        assert match, "no banner"
        client = SyncClient(int(match.group(1)))
        session = client.request(op="clone")[0]["new-session"]
        client.request(op="eval", session=session, code="(+ 1 2)")  # waits for the boot

        def load(source: str) -> float:
            t0 = time.perf_counter()
            client.request(op="load-file", session=session, file=source, **{"file-path": str(path)})
            return (time.perf_counter() - t0) * 1000

        results: dict[str, Result] = {"daemon load-file, cold": (load(text(ns, body)), None)}
        stamps = iter(range(1, 1_000_000))

        def reload(change: Callable[[int], list[str]]) -> Result:
            def run() -> float:
                load(text(ns, body))
                return load(text(ns, change(next(stamps))))

            return median(run, runs), None

        results["daemon load-file, nothing changed"] = reload(lambda s: body)
        results["daemon load-file, 1 defn changed"] = reload(lambda s: edited(body, 1, s))
        client.close()
        return results
    finally:
        proc.terminate()
        proc.wait()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    from pyjank.compiler.options import DEFAULT_JIT, JIT_MODES, set_jit_mode

    p.add_argument("--jit", choices=JIT_MODES, default=DEFAULT_JIT)
    opts = p.parse_args(argv)

    set_jit_mode(opts.jit)
    rows: list[tuple[int, str, Result]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for size in opts.sizes:
            measured = {
                **in_process(size, opts.runs, root),
                **fresh_process(size, opts.runs, root, opts.jit),
            }
            rows += [(size, name, r) for name, r in measured.items()]
        rows += [(100, name, r) for name, r in daemon(opts.runs, root, opts.jit).items()]
    by = {(size, name): ms for size, name, (ms, _) in rows}
    print(f"--jit {opts.jit}; medians of {opts.runs}")
    header = f"{'forms':>5}  {'measure':<38} {'ms':>9} {'budget':>8}       {'compiled':>8}"
    print(header + "  vs no cache")
    for size, name, (ms, compiled) in rows:
        budget = BUDGETS_MS.get((size, name))
        verdict = "" if budget is None else ("ok" if ms <= budget else "OVER")
        budget_text = f"{budget:8.1f}" if budget is not None else f"{'':>8}"
        count = f"{compiled:8d}" if compiled is not None else f"{'':>8}"
        base = _uncached(by, size, name)
        ratio = f"{base / ms:6.1f}x faster" if base is not None and ms > 0 else ""
        print(f"{size:>5}  {name:<38} {ms:9.2f} {budget_text} {verdict:>4}  {count}  {ratio}")
    return 0


def _uncached(by: dict[tuple[int, str], float], size: int, name: str) -> float | None:
    """The measure the same load takes without the cache."""
    if "no cache" in name:
        return None
    if name == "cold load":
        return by.get((size, "cold load, no cache"))
    if name.startswith("fresh process"):
        return by.get((size, "fresh process require, no cache"))
    if name.startswith("daemon"):
        return None
    return by.get((size, "reload, no cache"))


if __name__ == "__main__":
    sys.exit(main())
