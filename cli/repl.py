"""The terminal REPL: line editing and history through prompt_toolkit on a terminal, plain
lines otherwise; input is read until it forms complete forms; `*1 *2 *3 *e` as in Clojure."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..compiler.diagnostics import format_error
from ..compiler.evaluator import eval_form
from ..compiler.loader import read_forms
from ..compiler.reader import ReaderEOFError
from ..runtime import core_vars as cv
from ..runtime.printer import pr_str
from ..runtime.vars import bindings

HISTORY_FILE = Path.home() / ".pyjank_history"


def _line_source() -> Callable[[str], str]:
    """A function that reads one line after showing a prompt; raises EOFError at the end."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import FileHistory

        session: Any = PromptSession(history=FileHistory(str(HISTORY_FILE)))
        return lambda prompt: session.prompt(prompt)

    def plain(prompt: str) -> str:
        sys.stdout.write(prompt)
        sys.stdout.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line

    return plain


def read_complete_forms(read_line: Callable[[str], str], ns_name: str) -> list[Any] | None:
    """Read lines until they hold complete forms; None at end of input."""
    buffer = ""
    prompt = f"{ns_name}=> "
    while True:
        try:
            line = read_line(prompt)
        except EOFError:
            return None
        buffer += line if line.endswith("\n") else line + "\n"
        try:
            return list(read_forms(buffer, "REPL"))
        except ReaderEOFError:
            prompt = " " * max(len(ns_name) - 2, 0) + "#_=> "


def run_repl(verbose: bool = False) -> int:
    read_line = _line_source()
    with bindings([(cv.REPL_1, None), (cv.REPL_2, None), (cv.REPL_3, None), (cv.REPL_E, None)]):
        while True:
            try:
                forms = read_complete_forms(read_line, str(cv.current_ns().name))
            except KeyboardInterrupt:
                print()
                continue
            except Exception as e:
                cv.REPL_E.set(e)
                print(format_error(e, verbose), file=sys.stderr)
                continue
            if forms is None:
                print()
                return 0
            for form in forms:
                try:
                    value = eval_form(form, file="REPL")
                except KeyboardInterrupt:
                    print("Interrupted", file=sys.stderr)
                    break
                except Exception as e:
                    cv.REPL_E.set(e)
                    print(format_error(e, verbose), file=sys.stderr)
                    break
                cv.REPL_3.set(cv.REPL_2.deref())
                cv.REPL_2.set(cv.REPL_1.deref())
                cv.REPL_1.set(value)
                print(pr_str(value))
                sys.stdout.flush()
