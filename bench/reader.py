"""Reader throughput: a generated 1000-form namespace (defns, defs with literal data,
macros with syntax-quote, fn literals), read with positions and a file name.

Prints the median and best of several runs, with and without the cyclic GC (allocation-heavy
reading triggers many collections). Run with `python -m bench.reader`.
"""

from __future__ import annotations

import gc
import statistics
import time

from pyjank.compiler.reader import read_all

RUNS = 11


def namespace_source(forms: int = 1000) -> str:
    parts = ["(ns bench.sample (:require [clojure.string :as str]))"]
    for i in range(1, forms):
        kind = i % 4
        if kind == 0:
            parts.append(
                f"(defn fn-{i}\n"
                f'  "Docstring for fn {i}."\n'
                "  [x y & {:keys [a b] :or {a 1 b 2}}]\n"
                f"  (let [z (+ x y {i})\n"
                "        w (* z 2.5)]\n"
                "    (when (pos? z)\n"
                '      (println "value" z :w w)\n'
                "      (->> (range z) (map inc) (filter even?) (reduce + 0)))))"
            )
        elif kind == 1:
            parts.append(
                f"(def ^:private v-{i} "
                f'{{:id {i} :name "item-{i}" :tags #{{:a :b}} :vals [1 2 3 4.5 1/2]}})'
            )
        elif kind == 2:
            parts.append(f"(defmacro m-{i} [& body]\n  `(let [x# 1] (do ~@body (inc x#))))")
        else:
            parts.append(f"(defn g-{i} [coll] (map #(* % {i}) (filter #(> % 0) coll)))")
    return "\n\n".join(parts) + "\n"


def timings_ms(text: str) -> list[float]:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        read_all(text, file="bench/sample.clj")
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> None:
    text = namespace_source()
    print(f"1000 forms, {len(text) // 1024} KiB, {text.count(chr(10))} lines")
    for label, disable in (("gc on ", False), ("gc off", True)):
        if disable:
            gc.disable()
        try:
            times = timings_ms(text)
        finally:
            gc.enable()
        print(f"{label}: median {statistics.median(times):.1f} ms, best {min(times):.1f} ms")


if __name__ == "__main__":
    main()
