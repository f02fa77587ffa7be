"""`ex-info`, `ex-data`, `ex-message`, `ex-cause`."""

from __future__ import annotations

from typing import Any

from .. import exceptions as ex
from .registry import core


@core("ex-info")
def ex_info(msg: Any, data: Any, cause: Any = None) -> ex.ExceptionInfo:
    """Create an instance of ExceptionInfo, a RuntimeException subclass that carries a map of
    additional data."""
    return ex.ex_info(msg, data, cause)


@core("ex-data")
def ex_data(e: Any) -> Any:
    """Returns exception data (a map) if e is an IExceptionInfo. Otherwise returns nil."""
    return ex.ex_data(e)


@core("ex-message")
def ex_message(e: Any) -> str | None:
    """Returns the message attached to e if e is a Throwable. Otherwise returns nil."""
    return ex.ex_message(e)


@core("ex-cause")
def ex_cause(e: Any) -> Any:
    """Returns the cause of e if e is a Throwable (its `__cause__`). Otherwise returns nil."""
    return ex.ex_cause(e)
