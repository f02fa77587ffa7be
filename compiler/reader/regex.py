"""Regex literals: Java regex syntax translated to Python's `re` where the mapping is direct.

Portable Clojure code writes Java regexes. Most of the syntax is shared; the translated
parts are `(?<name>...)`, `\\k<name>`, `\\Q...\\E`, `\\z`, `\\Z`, `\\h \\H \\v \\V \\R`, `\\e`,
`\\cX`, `\\x{...}`, `\\0ooo`, the POSIX classes `\\p{Alpha}`..., and the Java-only inline flags
`d` and `U` (dropped). Anything else is handed to `re` as written.
"""

from __future__ import annotations

import re

from .errors import LiteralError

_TOKEN = re.compile(
    r"""
      \\Q(?P<quoted>.*?)(?:\\E|\Z)
    | \\k<(?P<backref>\w+)>
    | \\(?P<prop>[pP])\{(?P<propname>\w+)\}
    | \\x\{(?P<codepoint>[0-9a-fA-F]+)\}
    | \\0(?P<octal>[0-3][0-7]{2}|[0-7]{1,2})
    | \\c(?P<ctrl>.)
    | \\(?P<escape>.)
    | \(\?<(?P<group>[A-Za-z][A-Za-z0-9]*)>
    | \(\?(?P<flags>[idmsuxU]*(?:-[idmsuxU]*)?)(?P<flags_end>[:)])
    | (?P<bracket>\[\^?\]?|\])
    """,
    re.S | re.X,
)

_POSIX = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": "\\x00-\\x7f",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": "!-/:-@\\[-`{-~",
    "Graph": "!-~",
    "Print": " -~",
    "Blank": " \\t",
    "Cntrl": "\\x00-\\x1f\\x7f",
    "XDigit": "0-9a-fA-F",
    "Space": " \\t\\n\\x0b\\f\\r",
}
_HORIZONTAL = " \\t\\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000"
_VERTICAL = "\\n\\x0b\\f\\r\\x85\\u2028\\u2029"
# Escapes whose Java meaning is a set of characters: (set contents, negated?).
_CLASS_ESCAPES = {"h": (_HORIZONTAL, False), "H": (_HORIZONTAL, True)}
_CLASS_ESCAPES |= {"v": (_VERTICAL, False), "V": (_VERTICAL, True)}
_PLAIN_ESCAPES = {"z": "\\Z", "Z": "(?=\\n?\\Z)", "e": "\\x1b", "R": f"(?:\\r\\n|[{_VERTICAL}])"}


def compile_regex(source: str) -> re.Pattern[str]:
    """Compile the body of `#"..."`; raises LiteralError for an invalid pattern."""
    try:
        return re.compile(translate(source))
    except (re.error, OverflowError, RecursionError) as e:
        raise LiteralError(f"Invalid regex: {e}") from e


def translate(source: str) -> str:
    """Rewrite the Java-only constructs of `source` into Python `re` syntax."""
    in_class = False

    def replace(m: re.Match[str]) -> str:
        nonlocal in_class
        text = m.group()
        g = m.groupdict()
        if g["bracket"] is not None:
            # Inside a class "[" is literal and a "]" in the token closes the class.
            in_class = not text.endswith("]") if in_class else text != "]"
            return text
        if g["quoted"] is not None:
            return re.escape(g["quoted"])
        if g["backref"] is not None:
            return f"(?P={g['backref']})"
        if g["codepoint"] is not None:
            return _char_escape(int(g["codepoint"], 16), text)
        if g["octal"] is not None:
            return _char_escape(int(g["octal"], 8), text)
        if g["ctrl"] is not None:
            return _char_escape(ord(g["ctrl"]) ^ 0x40, text)
        if g["group"] is not None:
            return text if in_class else f"(?P<{g['group']}>"
        if g["flags"] is not None:
            return text if in_class else _flags(g["flags"], g["flags_end"])
        if g["prop"] is not None:
            chars = _POSIX.get(g["propname"])
            if chars is None:
                return text
            return _char_set(chars, g["prop"] == "P", in_class, text)
        escape = g["escape"]
        if escape in _CLASS_ESCAPES:
            chars, negated = _CLASS_ESCAPES[escape]
            return _char_set(chars, negated, in_class, text)
        plain = _PLAIN_ESCAPES.get(escape)
        return text if plain is None or in_class else plain

    return _TOKEN.sub(replace, source)


def _char_escape(code: int, original: str) -> str:
    return f"\\U{code:08x}" if code <= 0x10FFFF else original


def _char_set(chars: str, negated: bool, in_class: bool, original: str) -> str:
    """A set of characters outside a class; inside one only a positive set can be inlined."""
    if in_class:
        return original if negated else chars
    return f"[^{chars}]" if negated else f"[{chars}]"


def _flags(flags: str, end: str) -> str:
    kept = flags.replace("d", "").replace("U", "")
    if kept.strip("-") == "":
        return "(?:" if end == ":" else ""
    return f"(?{kept}{end}"
