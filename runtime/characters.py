"""Characters: their own type so `(= \\a "a")` is false, as in Clojure."""

from __future__ import annotations

from .interfaces import IHashEq

_CHAR_SEED = 0x51ED270B

CHAR_NAMES = {
    "\n": "newline",
    " ": "space",
    "\t": "tab",
    "\b": "backspace",
    "\f": "formfeed",
    "\r": "return",
}


class Char(IHashEq):
    """One Unicode code point. Interned for the Latin-1 range to make `\\a` cheap."""

    __slots__ = ("c", "_hash")

    def __init__(self, c: str) -> None:
        self.c = c
        self._hash = hash((_CHAR_SEED, c))

    def __eq__(self, other: object) -> bool:
        return self is other or (type(other) is Char and other.c == self.c)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return self._hash

    def __lt__(self, other: Char) -> bool:
        return self.c < other.c

    def __str__(self) -> str:
        return self.c

    def __repr__(self) -> str:
        name = CHAR_NAMES.get(self.c)
        if name is not None:
            return "\\" + name
        return "\\" + (self.c if self.c.isprintable() else f"u{ord(self.c):04X}")

    def __reduce__(self) -> tuple:
        return (char, (self.c,))


_LATIN1 = [Char(chr(i)) for i in range(256)]


def char(c: str | int) -> Char:
    """`(char x)`: from a one-character string or a code point."""
    if isinstance(c, int):
        c = chr(c)
    if len(c) != 1:
        raise ValueError(f"Not a single character: {c!r}")
    o = ord(c)
    return _LATIN1[o] if o < 256 else Char(c)
