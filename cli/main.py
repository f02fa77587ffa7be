"""`pyjank`: run files, evaluate expressions, or start the terminal REPL.

pyjank                    terminal REPL
pyjank -e EXPR            evaluate, printing each non-nil value like a REPL
pyjank run FILE [ARGS]    load a file with *command-line-args* bound to ARGS
pyjank -m NS [ARGS]       require NS and call its -main with ARGS
pyjank new NAME           create a project ready for CIDER and Calva (see new_project.py)
pyjank coverage [FILE]    compare clojure.core & co with Clojure 1.11's public vars
pyjank compile PATH...    load a source tree to fill the disk cache (compiler/cache/warm.py)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..compiler.bootstrap import boot
from ..compiler.cache import add_cache_arguments, apply_cache_arguments
from ..compiler.cache.warm import compile_paths
from ..compiler.diagnostics import format_error
from ..compiler.evaluator import eval_form
from ..compiler.loader import load_file, read_forms, require, set_source_path
from ..compiler.options import add_jit_argument, set_jit_mode
from ..runtime import core_vars as cv
from ..runtime.namespaces import find_or_create_ns
from ..runtime.printer import pr_str
from ..runtime.seqs import seq
from ..runtime.symbols import Symbol
from ..runtime.vars import bindings


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pyjank", description="pyjank: Clojure on Python")
    p.add_argument(
        "-e",
        "--eval",
        dest="exprs",
        action="append",
        metavar="EXPR",
        help="evaluate EXPR and print its non-nil values",
    )
    p.add_argument("-m", "--main", dest="main_ns", metavar="NS", help="call NS/-main with ARGS")
    p.add_argument(
        "--path",
        action="append",
        metavar="DIR",
        help="source directory (repeatable; default: $PYJANK_PATH or src and .)",
    )
    p.add_argument("--verbose", action="store_true", help="show Python tracebacks on errors")
    add_jit_argument(p)
    add_cache_arguments(p)
    p.add_argument(
        "args",
        nargs=argparse.REMAINDER,
        help="'run FILE [ARGS...]', 'new NAME', 'compile PATH...', or ARGS for -m",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    opts = build_parser().parse_args(argv)
    if opts.args[:1] == ["new"] and opts.main_ns is None:
        from .new_project import main as new_project

        return new_project(opts.args[1:])
    if opts.args[:1] == ["coverage"] and opts.main_ns is None:
        from .coverage import main as coverage

        return coverage(opts.args[1:])
    if opts.jit:
        set_jit_mode(opts.jit)
    if opts.path:
        set_source_path(opts.path)
    apply_cache_arguments(opts)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    try:
        boot()
    except Exception as e:
        print(format_error(e, verbose=True), file=sys.stderr)
        return 2
    user = find_or_create_ns("user")
    with bindings([(cv.NS, user), (cv.COMMAND_LINE_ARGS, None)]):
        try:
            if opts.exprs:
                for text in opts.exprs:
                    for form in read_forms(text):
                        value = eval_form(form)
                        if value is not None:
                            print(pr_str(value))
                return 0
            if opts.main_ns:
                return _run_main(opts.main_ns, opts.args)
            if opts.args[:1] == ["compile"]:
                return compile_paths(opts.args[1:] or ["."])
            if opts.args:
                if opts.args[0] != "run" or len(opts.args) < 2:
                    print("usage: pyjank run FILE [ARGS...]", file=sys.stderr)
                    return 2
                cv.COMMAND_LINE_ARGS.set(seq(tuple(opts.args[2:])))
                load_file(opts.args[1])
                return 0
        except Exception as e:
            print(format_error(e, verbose=opts.verbose), file=sys.stderr)
            return 1
        finally:
            sys.stdout.flush()
        from .repl import run_repl

        return run_repl(verbose=opts.verbose)


def _run_main(ns_name: str, args: list[str]) -> int:
    require(Symbol(None, ns_name))
    main_var = find_or_create_ns(ns_name).find_interned_var("-main")
    if main_var is None:
        print(f"No -main function in namespace {ns_name}", file=sys.stderr)
        return 2
    cv.COMMAND_LINE_ARGS.set(seq(tuple(args)))
    main_var(*args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
