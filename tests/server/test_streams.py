"""The eval's input stream without a daemon: line reads, sized reads, pushback, EOF,
need-input asked once per wait, interrupts."""

from __future__ import annotations

import threading

import pytest

from pyjank.server.streams import InputStream, Interrupted, SessionInput


def _stream(source: SessionInput, asks: list[int], cancel: threading.Event) -> InputStream:
    return InputStream(source, lambda: asks.append(1), cancel.is_set)


def test_reads_lines_chars_and_pushback() -> None:
    source, asks, cancel = SessionInput(), [], threading.Event()
    source.feed("first line\nsecond")
    source.feed(" line\n")
    s = _stream(source, asks, cancel)
    assert s.readline() == "first line\n"
    assert s.read(3) == "sec"
    s.unread("SEC")
    assert s.readline(4) == "SECo"
    assert s.readline() == "nd line\n"
    assert asks == []


def test_waits_and_asks_once_per_empty_buffer() -> None:
    source, asks, cancel = SessionInput(), [], threading.Event()
    s = _stream(source, asks, cancel)
    timer = threading.Timer(0.1, source.feed, ["typed\n"])
    timer.start()
    assert s.readline() == "typed\n"
    assert asks == [1]


def test_eof_ends_one_read() -> None:
    source, asks, cancel = SessionInput(), [], threading.Event()
    source.feed("partial")
    source.feed("")
    s = _stream(source, asks, cancel)
    assert s.readline() == "partial"
    source.feed("")
    assert s.readline() == ""
    source.feed("more\n")
    source.feed("")
    assert s.read() == "more\n"


def test_interrupt_stops_a_blocked_read() -> None:
    source, asks, cancel = SessionInput(), [], threading.Event()
    s = _stream(source, asks, cancel)
    threading.Timer(0.1, lambda: (cancel.set(), source.wake())).start()
    with pytest.raises(Interrupted):
        s.readline()
