"""Native code in the per-form cache (design §4): forms that moved reuse their machine code
(tracebacks and positions report the new lines), and the disk cache keeps object code and
the constants' descriptions, so a new process loads a namespace without JIT — and ignores,
then rewrites, object files that are corrupt, truncated, missing or not what they claim."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import Files, unique, value

SOURCE = """\
(ns {ns})
(defn add1 [x] (+ x 1))
(defn adder [n] (fn [x] (+ x n)))
(defn evens [n]
  (letfn [(ev? [k] (if (= k 0) true (od? (dec k))))
          (od? [k] (if (= k 0) false (ev? (dec k))))]
    (filterv ev? (range n))))
(defn multi ([] :zero) ([a] [:one a]) ([a & more] [:many a more]))
(defn safe [x] (try (/ 10 x) (catch Exception e :div0) (finally nil)))
(let [base nil] (defn nothing [] base))
(def total (loop [i 0 acc 0] (if (< i 10) (recur (inc i) (+ acc i)) acc)))
(defn quoted [] '(a b c))
(defn boom [x]
  (inc x)
  (throw (ex-info "bang" {{:x x}})))
"""
ANSWERS = (
    "[(add1 1) ((adder 2) 3) (evens 7) (multi) (multi 1) (multi 1 2 3) (safe 0) (safe 5)"
    " (nothing) total (:line (meta (quoted)))]"
)
EXPECTED = "[2 5 [0 2 4 6] :zero [:one 1] [:many 1 (2 3)] :div0 2 nil 45 {line}]"
FORMS = 10
QUOTED_LINE = 12
BOOM_LINE = 15  # the `throw` of boom


def _boom_line(call: Any) -> int:
    """The line the traceback gives for the native frame of `boom`."""
    with pytest.raises(Exception, match="bang") as info:
        call()
    return next(f.lineno for f in traceback.extract_tb(info.tb) if f.name.endswith("/boom"))


# -- in this process ---------------------------------------------------------------------------
@pytest.fixture
def eager(booted: None) -> Iterator[None]:
    from pyjank.compiler.options import jit_mode_as

    with jit_mode_as("eager"):
        yield


def _answers(ns: str) -> str:
    from pyjank.compiler.loader import load_string
    from pyjank.runtime.printer import pr_str

    return pr_str(load_string(f"(in-ns '{ns}) (do {ANSWERS})"))


def test_a_moved_form_reuses_its_native_code(files: Files, eager: None) -> None:
    """Blank lines added above: nothing is compiled, yet errors and positions report the
    new lines; moving the form back reports the old ones again."""
    from pyjank.compiler.llvm import jit

    ns = unique("native")
    text = SOURCE.format(ns=ns)
    files.load(ns, text)
    assert _answers(ns) == EXPECTED.format(line=QUOTED_LINE)
    assert _boom_line(lambda: value(ns, "boom")(1)) == BOOM_LINE
    below = text.replace("(defn quoted", "\n\n(defn quoted")
    for moved, lines in ((f"\n\n\n{text}", 3), (text, 0), (below, 2)):
        before = jit.stats()
        stats = files.load(ns, moved)
        assert (stats.compiled, stats.reused) == (0, FORMS)
        assert jit.stats().since(before).modules == 0
        assert _boom_line(lambda: value(ns, "boom")(1)) == BOOM_LINE + lines
        assert _answers(ns) == EXPECTED.format(line=QUOTED_LINE + lines)


def test_a_unit_with_an_undescribable_constant_stays_in_memory(
    files: Files, eager: None, tmp_path: Path
) -> None:
    """A constant with no description (here a Python object a macro embeds) keeps its form
    out of the disk cache; the other forms are written."""
    from pyjank.compiler.cache import config
    from pyjank.compiler.cache.keys import environment

    config.configure(tmp_path / "cache")
    ns = unique("native")
    text = (
        f"(ns {ns})\n(defmacro obj [] (python/object))\n(defn holder [] (obj))\n"
        "(defn plain [x] (* 2 x))\n"
    )
    files.load(ns, text)
    config.disk().flush()
    (pack,) = (p for p in (tmp_path / "cache" / "sources").rglob("*") if p.is_file())
    from pyjank.compiler.cache.disk import decode

    _, payloads = decode(pack.read_bytes(), bytes.fromhex(pack.name), environment(True))
    assert len(payloads) == 3  # the ns form, the macro, plain: not holder
    assert type(value(ns, "holder")()).__name__ == "object"


# -- in new processes --------------------------------------------------------------------------
SCRIPT = """
import json, sys, traceback
from pyjank.compiler import cache, loader
from pyjank.compiler.options import set_jit_mode
cache_dir, source_dir, ns, answers, mode = sys.argv[1:6]
set_jit_mode(mode)
loader.set_source_path([source_dir])
cache.configure(cache_dir)
from pyjank.compiler.bootstrap import boot
boot()
from pyjank.compiler.llvm import jit
from pyjank.runtime import core_vars as cv
from pyjank.runtime.namespaces import find_or_create_ns
from pyjank.runtime.printer import pr_str
from pyjank.runtime.symbols import Symbol
from pyjank.runtime.vars import bindings
before = jit.stats()
with bindings([(cv.NS, find_or_create_ns("user"))]):
    loader.require(Symbol(None, ns))
    done = jit.stats().since(before)
    stats = cache.last()
    got = pr_str(loader.load_string(f"(in-ns '{ns}) (do {answers})"))
    try:
        loader.load_string(f"(in-ns '{ns}) (boom 1)")
    except Exception as e:
        line = [f.lineno for f in traceback.extract_tb(e.__traceback__) if f.name.endswith("/boom")]
called = jit.stats().since(before)
cache.config.disk().flush()
print(json.dumps({
    "modules": done.modules, "linked_by_load": done.linked, "linked": called.linked,
    "support": done.support,
    "compiled": stats.compiled,
    "reused": stats.reused, "answers": got, "line": line[0],
    "rejected": dict(cache.config.disk().rejected),
}))
"""


class Process:
    """A source tree and a disk cache that new processes load `ns` from."""

    def __init__(self, root: Path, mode: str = "eager") -> None:
        self.root, self.mode = root, mode
        self.answers = ANSWERS
        self.cache = root / "cache"
        self.ns = unique("fresh").replace(".", "-")
        self.path = root / "src" / (self.ns.replace("-", "_") + ".jank")
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def write(self, text: str) -> None:
        self.path.write_text(text)

    def run(self) -> dict[str, Any]:
        proc = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(SCRIPT), str(self.cache)]
            + [str(self.root / "src"), self.ns, self.answers, self.mode],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        return json.loads(proc.stdout.strip().splitlines()[-1])

    def objects(self, kind: str = "objects") -> list[Path]:
        return sorted(p for p in (self.cache / kind).rglob("*") if p.is_file())


@pytest.fixture
def process(tmp_path: Path) -> Process:
    p = Process(tmp_path)
    p.write(SOURCE.format(ns=p.ns))
    return p


@pytest.mark.parametrize("mode", ["eager", "lazy"])
def test_a_new_process_loads_native_code_without_jit(process: Process, mode: str) -> None:
    """In lazy mode too: what no call compiled during the load is compiled when the disk
    cache writes it (in its own thread); a new process links it at the first call."""
    process.mode = mode
    cold = process.run()
    assert cold["compiled"] == FORMS and cold["modules"] >= 1 and cold["linked"] == 0
    assert cold["support"] == 1
    assert cold["answers"] == EXPECTED.format(line=QUOTED_LINE) and cold["line"] == BOOM_LINE
    warm = process.run()
    assert (warm["compiled"], warm["reused"], warm["modules"], warm["support"]) == (0, FORMS, 0, 0)
    assert warm["linked"] == len(process.objects())  # each object file linked once
    if mode == "eager":
        assert warm["linked_by_load"] == warm["linked"]
    assert warm["answers"] == cold["answers"] and warm["line"] == BOOM_LINE
    assert warm["rejected"] == {}
    process.write("\n\n" + SOURCE.format(ns=process.ns))  # moved: still no JIT
    moved = process.run()
    assert (moved["compiled"], moved["modules"]) == (0, 0)
    assert moved["line"] == BOOM_LINE + 2
    assert moved["answers"] == EXPECTED.format(line=QUOTED_LINE + 2)


def test_lazy_mode_links_cached_code_at_the_first_call(process: Process) -> None:
    """A load that calls nothing links nothing (design §6: a fresh daemon's `require`)."""
    process.mode, process.answers = "lazy", "[(add1 1)]"
    process.write(f"(ns {process.ns})\n(defn add1 [x] (+ x 1))\n(defn boom [x] (throw x))\n")
    process.run()
    warm = process.run()
    assert (warm["compiled"], warm["modules"], warm["linked_by_load"]) == (0, 0, 0)
    assert warm["linked"] == 1


@pytest.mark.parametrize("damage", ["corrupt", "truncated", "missing", "swapped"])
def test_damaged_object_files_are_ignored_and_rewritten(process: Process, damage: str) -> None:
    """An object file that is not trusted makes its forms compile again (same answers), and
    the load writes it anew; nothing of it is linked."""
    from pyjank.compiler.cache.disk import HEADER

    cold = process.run()
    objects = process.objects()
    assert len(objects) == cold["modules"]
    target = objects[0]
    data = target.read_bytes()
    if damage == "corrupt":  # one flipped bit in the machine code
        middle = HEADER.size + (len(data) - HEADER.size) // 2
        target.write_bytes(data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :])
    elif damage == "truncated":
        target.write_bytes(data[: len(data) // 2])
    elif damage == "missing":
        target.unlink()
    else:  # a well-formed object file, but another key's
        other = Process(process.root / "other")
        other.write(SOURCE.format(ns=other.ns).replace("(+ x 1)", "(+ x 2)"))
        other.cache = process.cache
        other.run()
        foreign = next(p for p in process.objects() if p.name != target.name)
        target.write_bytes(foreign.read_bytes())
    again = process.run()
    assert again["compiled"] >= 1 and again["modules"] >= 1
    assert again["answers"] == cold["answers"] and again["line"] == BOOM_LINE
    # each form that refers to the file finds it untrusted
    expected = {"missing": set(), "swapped": {"foreign"}}.get(damage, {damage})
    assert set(again["rejected"]) == expected
    healed = process.run()  # the load wrote what it compiled: nothing is compiled now
    assert (healed["compiled"], healed["modules"], healed["rejected"]) == (0, 0, {})
    assert healed["answers"] == cold["answers"]


@pytest.mark.parametrize("damage", ["corrupt", "unlinkable"])
def test_a_damaged_support_library_is_compiled_again(process: Process, damage: str) -> None:
    """The support library's object code is cached too; a file that is damaged, or whose
    object does not link, is ignored, the library compiled and written again, and the cached
    units link against it as before."""
    from pyjank.compiler.cache.disk import decode, encode

    process.run()
    (support,) = process.objects("support")
    data = support.read_bytes()
    if damage == "corrupt":
        support.write_bytes(data[:-9] + bytes([data[-9] ^ 4]) + data[-8:])
    else:  # a trusted file (checksum and all) holding what is not an object file
        key, env = bytes.fromhex(support.name), data[6:22]
        _, exports, size = decode(data, key, env)
        support.write_bytes(encode(key, env, (b"\x7fELF" + bytes(60), exports, size)))
    again = process.run()
    assert (again["support"], again["compiled"], again["modules"]) == (1, 0, 0)
    assert set(again["rejected"]) == ({"corrupt"} if damage == "corrupt" else set())
    assert again["answers"] == EXPECTED.format(line=QUOTED_LINE)
    healed = process.run()
    assert (healed["support"], healed["rejected"]) == (0, {})


INTERRUPT = """
import sys, threading
from pyjank.compiler import cache, loader
from pyjank.compiler.options import set_jit_mode
set_jit_mode("eager")
cache.configure(sys.argv[1])
loader.set_source_path([sys.argv[2]])
from pyjank.compiler.bootstrap import boot
boot()
from pyjank.compiler.llvm import jit
from pyjank.compiler.llvm.interrupts import request_interrupt
from pyjank.runtime.symbols import Symbol
loader.require(Symbol(None, sys.argv[3]))
me = threading.get_ident()
threading.Timer(0.3, lambda: request_interrupt(me, KeyboardInterrupt)).start()
try:
    loader.load_string(f"({sys.argv[3]}/spin)")
except KeyboardInterrupt:
    print("interrupted", jit.stats().modules)
"""


def test_native_code_from_the_disk_cache_polls_for_interrupts(tmp_path: Path) -> None:
    """The interrupt flag's address is described by name: a runaway loop loaded from the
    disk cache in a new process is still interrupted."""
    p = Process(tmp_path)
    p.write(f"(ns {p.ns})\n(defn spin [] (loop [i 0] (recur (inc i))))\n")
    args = [sys.executable, "-c", INTERRUPT, str(p.cache), str(tmp_path / "src"), p.ns]
    for modules in ("1", "0"):
        out = subprocess.run(args, capture_output=True, text=True, timeout=120)
        assert out.stdout.split() == ["interrupted", modules], out.stderr[-2000:]
