"""Regexes over Python's `re`: `re-pattern`, `re-matcher`, `re-find`, `re-groups`,
`re-matches`, `re-seq`.

`re-pattern` compiles a string exactly as the reader compiles `#"..."` (the Java-to-Python
translation of compiler/reader/regex.py), so `(re-pattern "\\\\p{Alpha}+")` and
`#"\\p{Alpha}+"` are the same pattern. A Matcher is java.util.regex.Matcher's stateful
`find`: each `re-find` on it moves on to the next match, `re-groups` reads the last one.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ...compiler.reader.errors import LiteralError
from ...compiler.reader.regex import compile_regex
from ..exceptions import IllegalArgumentException, register_class_name
from ..seqs import IterSeq, LazySeq
from ..vars import IllegalStateException
from ..vectors import vec
from .registry import core

_NONE: Any = object()


@functools.lru_cache(maxsize=512)
def _compile(source: str) -> re.Pattern:
    try:
        return compile_regex(source)
    except LiteralError as e:  # Java's PatternSyntaxException is an IllegalArgumentException
        raise IllegalArgumentException(e.message) from None


@core("re-pattern")
def re_pattern(s: Any) -> re.Pattern:
    """Returns an instance of java.util.regex.Pattern (here a Python re.Pattern), for use,
    e.g. in re-matcher. A string is compiled as the reader compiles #"..." literals."""
    if isinstance(s, re.Pattern):
        return s
    return _compile(s)


def _groups(m: re.Match) -> Any:
    if m.re.groups == 0:
        return m.group(0)
    return vec([m.group(0), *m.groups()])


class Matcher:
    """`(re-matcher re s)`: java.util.regex.Matcher's `find` / `matches` / `group` over s."""

    __slots__ = ("pattern", "string", "_pos", "_match")

    def __init__(self, pattern: re.Pattern, string: str) -> None:
        self.pattern = pattern
        self.string = string
        self._pos = 0
        self._match: re.Match | None = None

    def find(self) -> bool:
        """The next match, after the previous one (one character on after an empty one)."""
        if self._pos > len(self.string):
            return False
        m = self.pattern.search(self.string, self._pos)
        if m is None:
            self._pos = len(self.string) + 1
            return False
        self._match = m
        self._pos = m.end() + (m.end() == m.start())
        return True

    def matches(self) -> bool:
        """Whether the whole string matches."""
        self._match = self.pattern.fullmatch(self.string)
        return self._match is not None

    def last_match(self) -> re.Match:
        if self._match is None:
            raise IllegalStateException("No match found")
        return self._match

    def group(self, i: int = 0) -> str | None:
        return self.last_match().group(i)

    def groupCount(self) -> int:  # the Java method portable code calls
        return self.pattern.groups


register_class_name(Matcher, "java.util.regex.Matcher")


@core("re-matcher")
def re_matcher(re_: Any, s: Any) -> Matcher:
    """Returns an instance of java.util.regex.Matcher, for use, e.g. in re-find."""
    return Matcher(re_pattern(re_), s)


@core("re-groups")
def re_groups(m: Any) -> Any:
    """Returns the groups from the most recent match/find. If there are no nested groups,
    returns a string of the entire match. If there are nested groups, returns a vector of
    the groups, the first element being the entire match."""
    return _groups(m.last_match())


@core("re-find", arglists=(("m",), ("re", "s")))
def re_find(m: Any, s: Any = _NONE) -> Any:
    """Returns the next regex match, if any, of string to pattern, using
    java.util.regex.Matcher.find(). Uses re-groups to return the groups."""
    if s is _NONE:
        return _groups(m.last_match()) if m.find() else None
    found = re_pattern(m).search(s)
    return None if found is None else _groups(found)


@core("re-matches")
def re_matches(re_: Any, s: Any) -> Any:
    """Returns the match, if any, of string to pattern, using
    java.util.regex.Matcher.matches(). Uses re-groups to return the groups."""
    m = re_pattern(re_).fullmatch(s)
    return None if m is None else _groups(m)


@core("re-seq")
def re_seq(re_: Any, s: Any) -> Any:
    """Returns a lazy sequence of successive matches of pattern in string, using
    java.util.regex.Matcher.find(), each such match processed with re-groups."""
    p = re_pattern(re_)
    return LazySeq(lambda: IterSeq.from_iter(map(_groups, p.finditer(s))))
