"""A re-indenter for the `format-code` op, following the Clojure style guide as cljfmt's
defaults do: body forms (`defn`, `let`, `when`, `with-...`, ...) indent their body by two;
other lists align their arguments with the first argument on the opening line, or indent
by one when there is none; vectors, maps and sets align with their first element's column.
Only leading and trailing whitespace changes: tokens, comments and strings (multi-line ones
included) are kept as written. Pure Python, independent of the language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BODY_FORMS = frozenset(
    """fn fn* let let* letfn letfn* loop loop* binding when when-not when-let when-some
    when-first if-let if-some do doseq dotimes doall for try catch finally case cond condp
    cond-> cond->> locking future comment testing deftest ns reify proxy extend-type
    extend-protocol deftype defrecord defprotocol defmulti defmethod are bound-fn delay
    dosync with-open with-out-str with-redefs""".split()
)
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = frozenset(_OPENERS.values())
_TOKEN_ENDS = frozenset(' \t\r\n,;()[]{}"')
_PREFIX = re.compile(r"[#'`~@?_^=]+")  # reader prefixes of a form: '( #( #{ #"  #?( ~@(


class FormatError(ValueError):
    """The code's delimiters do not balance."""


@dataclass
class _Open:
    """An open delimiter: where it is and what has been seen inside it so far."""

    char: str
    column: int
    line: int
    head: str | None = None
    elements: int = 0
    arg_column: int | None = None

    def indent(self) -> int:
        if self.char != "(":
            return self.column + 1
        if self.head is not None and _is_body_form(self.head):
            return self.column + 2
        if self.arg_column is not None and self.head is not None:
            return self.arg_column
        return self.column + 1


def _is_body_form(head: str) -> bool:
    name = head.rpartition("/")[2]
    return name in _BODY_FORMS or name.startswith(("def", "with-"))


def reindent(code: str) -> str:
    """`code` re-indented; FormatError when its delimiters do not balance."""
    stack: list[_Open] = []
    in_string = False
    out: list[str] = []
    for number, raw in enumerate(code.split("\n")):
        if in_string:
            line = raw
        else:
            stripped = raw.lstrip(" \t")
            indent = stack[-1].indent() if stack and stripped else 0
            line = " " * indent + stripped
        in_string = _scan(line, number, stack, in_string)
        out.append(line if in_string else line.rstrip())
    if in_string or stack:
        raise FormatError("Unexpected end of code: a string or a delimiter is not closed")
    return "\n".join(out)


def _scan(line: str, number: int, stack: list[_Open], in_string: bool) -> bool:
    """Track the delimiters of one line; whether the line ends inside a string."""
    i = 0
    while i < len(line):
        c = line[i]
        if in_string:
            if c == "\\":
                i += 2
                continue
            in_string = c != '"'
            i += 1
            continue
        if c in " \t\r,":
            i += 1
        elif c == ";":
            break
        elif c == '"':
            _element(stack, number, i, None)
            in_string = True
            i += 1
        elif c in _OPENERS:
            _element(stack, number, i, None)
            stack.append(_Open(c, i, number))
            i += 1
        elif c in _CLOSERS:
            if not stack or _OPENERS[stack[-1].char] != c:
                raise FormatError(f"Unmatched delimiter {c} on line {number + 1}")
            stack.pop()
            i += 1
        else:
            start = i
            i += 2 if c == "\\" else 1  # a character literal: `\(` is no delimiter
            while i < len(line) and line[i] not in _TOKEN_ENDS:
                i += 1
            token = line[start:i]
            if not (_PREFIX.fullmatch(token) and line[i : i + 1] in ('"', *_OPENERS)):
                _element(stack, number, start, token)  # else the form it prefixes counts
    return in_string


def _element(stack: list[_Open], line: int, column: int, token: str | None) -> None:
    """Note an element starting at `column` in the innermost open delimiter."""
    if not stack:
        return
    top = stack[-1]
    top.elements += 1
    if top.elements == 1:
        top.head = token if token is not None and not token.startswith(("#", "^")) else None
    elif top.elements == 2 and line == top.line:
        top.arg_column = column
