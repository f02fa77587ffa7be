"""String escapes and character literals, as Clojure's reader defines them.

Strings accept `\\" \\\\ \\n \\t \\r \\b \\f \\uXXXX` and octal `\\ooo` (at most \\377);
anything else after a backslash is an error, as in Clojure. Characters accept one
character, the names `newline space tab backspace formfeed return null`, `\\uXXXX` and
`\\oNNN`.
"""

from __future__ import annotations

import re

from ...runtime.characters import Char, char
from .errors import LiteralError

_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|([0-7]{1,3})|(.))", re.S)
_SIMPLE_ESCAPES = {
    "t": "\t",
    "r": "\r",
    "n": "\n",
    "\\": "\\",
    '"': '"',
    "b": "\b",
    "f": "\f",
}
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")
_OCTAL = re.compile(r"[0-7]+")
_OCTAL_RANGE = "Octal escape sequence must be in range [0, 377]."

CHAR_NAMES = {
    "newline": "\n",
    "space": " ",
    "tab": "\t",
    "backspace": "\b",
    "formfeed": "\f",
    "return": "\r",
    "null": "\0",
}


def unescape_string(raw: str) -> str:
    """The value of a string literal's body `raw` (the text between the quotes)."""
    if "\\" not in raw:
        return raw

    def replace(m: re.Match[str]) -> str:
        hex4, octal, other = m.groups()
        if hex4 is not None:
            return chr(int(hex4, 16))
        if octal is not None:
            code = int(octal, 8)
            if code > 0o377:
                raise LiteralError(_OCTAL_RANGE, m.start())
            return chr(code)
        simple = _SIMPLE_ESCAPES.get(other)
        if simple is not None:
            return simple
        if other == "u":
            bad = raw[m.end() : m.end() + 4]
            raise LiteralError(f"Invalid unicode escape: \\u{bad}", m.start())
        if other in "89":
            raise LiteralError(f"Invalid digit: {other}", m.start())
        raise LiteralError(f"Unsupported escape character: \\{other}", m.start())

    value = _ESCAPE.sub(replace, raw)
    if "\\u" in raw:
        # Java strings are UTF-16, so "\uD83D\uDE00" is one emoji there; make it one here.
        value = _SURROGATE_PAIR.sub(_join_surrogates, value)
    return value


def _join_surrogates(m: re.Match[str]) -> str:
    hi, lo = m.group()
    return chr(0x10000 + ((ord(hi) - 0xD800) << 10) + (ord(lo) - 0xDC00))


def parse_char(token: str) -> Char:
    """The character named by `token`, the text after the backslash of `\\a`."""
    if len(token) == 1:
        return char(token)
    named = CHAR_NAMES.get(token)
    if named is not None:
        return char(named)
    if token[0] == "u":
        if _HEX4.fullmatch(token, 1) is None:
            raise LiteralError(f"Invalid unicode character: \\{token}")
        code = int(token[1:], 16)
        if 0xD800 <= code <= 0xDFFF:
            raise LiteralError(f"Invalid character constant: \\{token}")
        return char(code)
    if token[0] == "o":
        if len(token) > 4:
            raise LiteralError(f"Invalid octal escape sequence length: {len(token) - 1}")
        if _OCTAL.fullmatch(token, 1) is None:
            raise LiteralError(f"Invalid octal escape sequence: \\{token}")
        code = int(token[1:], 8)
        if code > 0o377:
            raise LiteralError(_OCTAL_RANGE)
        return char(code)
    raise LiteralError(f"Unsupported character: \\{token}")
