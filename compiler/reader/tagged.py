"""The built-in tagged literals `#inst` and `#uuid` (Clojure's default-data-readers)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from ...runtime.symbols import Symbol

# clojure.instant's RFC3339 grammar: every part after the year is optional.
_TIMESTAMP = re.compile(
    r"(\d{4})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d)(?::(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?)?)?)?"
    r"(?:Z|([-+])(\d\d):(\d\d))?",
    re.ASCII,
)
_UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")


def read_inst(value: Any) -> datetime:
    """`#inst "1985-04-12T23:20:50.52Z"` → an aware datetime in UTC (microsecond precision)."""
    if not isinstance(value, str):
        raise ValueError("Instance literal expects a string for its timestamp.")
    m = _TIMESTAMP.fullmatch(value)
    if m is None:
        raise ValueError(f"Unrecognized date/time syntax: {value}")
    year, month, day, hour, minute, second, fraction, sign, off_h, off_m = m.groups()
    second_n = int(second or 0)
    # A leap second (:59:60) is the first instant of the next minute, as on the JVM.
    leap = second_n == 60 and minute == "59"
    if (second_n > 59 and not leap) or int(off_h or 0) > 23 or int(off_m or 0) > 59:
        raise ValueError(f"Unrecognized date/time syntax: {value}")
    offset = timedelta(hours=int(off_h or 0), minutes=int(off_m or 0))
    try:
        stamp = datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour or 0),
            int(minute or 0),
            59 if leap else second_n,
            int((fraction or "0")[:6].ljust(6, "0")),
            timezone(-offset if sign == "-" else offset),
        )
        return (stamp + timedelta(seconds=leap)).astimezone(UTC)
    except (ValueError, OverflowError) as e:
        raise ValueError(f"Unrecognized date/time syntax: {value}") from e


def read_uuid(value: Any) -> uuid.UUID:
    """`#uuid "..."` → uuid.UUID; only the canonical 8-4-4-4-12 form, like the JVM."""
    if not isinstance(value, str):
        raise ValueError("UUID literal expects a string as its representation.")
    if _UUID.fullmatch(value) is None:
        raise ValueError(f"Invalid UUID string: {value}")
    return uuid.UUID(value)


BUILTIN_DATA_READERS: dict[Symbol, Callable[[Any], Any]] = {
    Symbol(None, "inst"): read_inst,
    Symbol(None, "uuid"): read_uuid,
}
