"""Bring up a pyjank runtime: Python core functions, the compiler-backed core functions,
then `clojure/core.jank` (the part of clojure.core written in pyjank), then `user`."""

from __future__ import annotations

import gc
import sys
import threading
from typing import Any

from ..runtime import core_vars as cv
from ..runtime.corelib import load_all
from ..runtime.corelib.registry import intern_fn
from ..runtime.namespaces import CORE_NS, find_or_create_ns
from ..runtime.vars import bindings
from . import loader
from .analyzer import Analyzer
from .cache import seal_builtins
from .evaluator import eval_form
from .host import import_python
from .options import jit_mode, jit_mode_as

_lock = threading.Lock()
_booted = False


def _eval(form: Any) -> Any:
    """`eval`: evaluate a form in `*ns*`."""
    return eval_form(form)


def _macroexpand_1(form: Any) -> Any:
    """`macroexpand-1`: expand once if `form` is a macro call."""
    return Analyzer(cv.current_ns()).macroexpand_1(form)


def _macroexpand(form: Any) -> Any:
    """`macroexpand`: expand until `form` is no longer a macro call."""
    return Analyzer(cv.current_ns()).macroexpand(form)


def _import(*specs: Any) -> Any:
    """`import*`: map Python modules and classes into `*ns*`."""
    result = None
    for spec in specs:
        result = import_python(cv.current_ns(), spec)
    return result


_COMPILER_FNS = {
    "eval": _eval,
    "macroexpand-1": _macroexpand_1,
    "macroexpand": _macroexpand,
    "import*": _import,
    "load-string": loader.load_string,
    "load-file": loader.load_file,
    "load": loader.load,
    "require": loader.require,
    "use": loader.use,
    "refer": loader.refer,
    "refer-clojure": loader.refer_clojure,
    "alias": loader.alias,
    "in-ns": loader.in_ns,
}


def boot() -> None:
    """Idempotent: the first call loads clojure.core; later calls return at once."""
    global _booted
    if _booted:
        return
    with _lock:
        if _booted:
            return
        # Clojure reads and prints integers of any size; Python caps int<->str at 4300 digits.
        sys.set_int_max_str_digits(0)
        load_all()
        for name, fn in _COMPILER_FNS.items():
            intern_fn(name, fn)
        seal_builtins()
        core_file = loader.BUNDLED / "clojure" / "core.jank"
        # clojure.core stays on tier 0 until the disk cache (design §4) makes loading its
        # native code cheap: JIT-compiling it at every start would take seconds
        with bindings([(cv.NS, CORE_NS)]), jit_mode_as("off"):
            loader.load_file(core_file)
        loader.loaded_libs.add("clojure.core")
        user = find_or_create_ns("user")
        with bindings([(cv.NS, user)]):
            loader.refer_clojure()
        # The core library lives as long as the process: keep the collector from rescanning it.
        gc.freeze()
        _booted = True


def warm_native() -> None:
    """Load the native tier ahead of need: importing llvmlite and linking the support
    library (~60 ms, its object code read from the disk cache) would otherwise fall on the
    first eval or `require` that makes a native fn. The daemon calls it once it is ready."""
    if jit_mode() != "off":
        from .llvm import native  # noqa: F401  (what cached native entries are rebuilt by)
        from .llvm.jit import support_library

        support_library()
