"""Java string and regex semantics for clojure.string: `Pattern.split`, `Matcher.replaceAll`
replacement templates (`$1`, `${name}`, `\\$`) and `Character.isWhitespace`."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..exceptions import IllegalArgumentException, IndexOutOfBoundsException
from ..vectors import vec

# Java's Character.isWhitespace: Unicode space separators except the non-breaking ones,
# plus the ASCII controls \t \n \v \f \r and the separators \x1c-\x1f.
JAVA_WHITESPACE = (
    " \t\n\x0b\f\r\x1c\x1d\x1e\x1f\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2008\u2009\u200a\u2028\u2029\u205f\u3000"
)
_BLANK = re.compile(f"[{JAVA_WHITESPACE}]*").fullmatch
_GROUP_NAME = re.compile("[a-zA-Z][a-zA-Z0-9]*")


def is_blank(s: Any) -> bool:
    """True when `s` is nil, empty or only Java whitespace."""
    return s is None or _BLANK(s) is not None


def java_split(s: str, pattern: re.Pattern, limit: int = 0) -> Any:
    """`Pattern.split(s, limit)` as a vector: at most `limit` parts when it is positive,
    trailing empty parts dropped when it is 0, no leading empty part for a zero-width match
    at the start."""
    parts: list[str] = []
    index = 0
    for m in pattern.finditer(s):
        if limit > 0 and len(parts) >= limit - 1:
            break
        start, end = m.span()
        if index == 0 and start == 0 and end == 0:
            continue
        parts.append(s[index:start])
        index = end
    if index == 0:
        return vec([s])
    parts.append(s[index:])
    if limit == 0:
        while parts and not parts[-1]:
            parts.pop()
    return vec(parts)


def groups(m: re.Match) -> Any:
    """`re-groups` of a match: the matched text, or a vector of it and every group."""
    if m.re.groups == 0:
        return m.group(0)
    return vec([m.group(0), *m.groups()])


def java_replacement(template: str, pattern: re.Pattern) -> Callable[[re.Match], str]:
    """A `re.sub` replacement fn for a Java replacement string: `$n` and `${name}` insert a
    group (a missing group inserts nothing), a backslash makes the next character literal."""
    parts: list[str | int] = []
    literal: list[str] = []
    i, n = 0, len(template)
    while i < n:
        c = template[i]
        i += 1
        if c == "\\":
            if i == n:
                raise IllegalArgumentException("character to be escaped is missing")
            literal.append(template[i])
            i += 1
        elif c == "$":
            ref, i = _group_ref(template, i, pattern)
            parts.append("".join(literal))
            parts.append(ref)
            literal = []
        else:
            literal.append(c)
    parts.append("".join(literal))
    if len(parts) == 1:
        text = parts[0]
        return lambda m: text

    def replace(m: re.Match) -> str:
        return "".join(p if isinstance(p, str) else (m.group(p) or "") for p in parts)

    return replace


def _group_ref(template: str, i: int, pattern: re.Pattern) -> tuple[int, int]:
    """The group number a `$` at `i - 1` refers to, and where the reference ends."""
    n = len(template)
    if i == n:
        raise IllegalArgumentException("Illegal group reference: group index is missing")
    if template[i] == "{":
        close = template.find("}", i)
        if close < 0:
            raise IllegalArgumentException("named capturing group is missing trailing '}'")
        name = template[i + 1 : close]
        if not name:
            raise IllegalArgumentException("named capturing group has 0 length name")
        if _GROUP_NAME.fullmatch(name) is None or name not in pattern.groupindex:
            raise IllegalArgumentException(f"No group with name {{{name}}}")
        return pattern.groupindex[name], close + 1
    if not template[i].isdigit() or not template[i].isascii():
        raise IllegalArgumentException("Illegal group reference")
    ref = int(template[i])
    i += 1
    # Further digits belong to the reference while they name an existing group.
    while i < n and template[i].isascii() and template[i].isdigit():
        longer = ref * 10 + int(template[i])
        if longer > pattern.groups:
            break
        ref, i = longer, i + 1
    if ref > pattern.groups:
        raise IndexOutOfBoundsException(f"No group {ref}")
    return ref, i


def replace_regex(s: str, pattern: re.Pattern, replacement: Any, count: int = 0) -> str:
    """`s` with the matches of `pattern` (the first `count`, or all when 0) replaced by a
    Java replacement string, or by what a fn of the match's `re-groups` returns."""
    if isinstance(replacement, str):
        repl = java_replacement(replacement, pattern)
    else:
        from ..printer import str_

        def repl(m: re.Match) -> str:
            return str_(replacement(groups(m)))

    return pattern.sub(repl, s, count)
