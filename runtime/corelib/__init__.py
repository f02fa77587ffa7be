"""clojure.core functions implemented in Python, one module per area.

Each module registers its functions with `registry.core`; importing `load_all` interns them
all into the `clojure.core` namespace before `core.jank` (the rest of the library, written in
pyjank) is loaded on top.
"""

from __future__ import annotations

import importlib

MODULES = (
    "numeric",
    "predicates",
    "strings",
    "regexes",
    "colls",
    "seqfns",
    "fns",
    "refs_fns",
    "errors",
    "meta_fns",
    "printing",
    "vars_ns",
    "protocol_fns",
    "multi_fns",
    "concurrency_fns",
    "transient_fns",
    "reading",
    "host_fns",
    "arrays",
    "unchecked",
    "misc_fns",
)


def load_all() -> None:
    """Import every corelib module, which interns its functions into clojure.core."""
    for name in MODULES:
        importlib.import_module(f"{__name__}.{name}")
