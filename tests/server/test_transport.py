"""bencode framing, decoding leniency and the connection writer, without a daemon."""

from __future__ import annotations

import threading

import pytest
import trio
import trio.testing

from pyjank.server.handler import truthy
from pyjank.server.transport import FrameError, FrameSplitter, Outbox, decode, encode

from .client import bdecode, bencode

MESSAGES = [
    {"op": "eval", "code": '(println "héllo — 世界 🎉")', "id": "1"},
    {"op": "describe", "verbose": 1, "id": "2"},
    {"op": "eval", "nrepl.middleware.print/stream?": [], "nested": {"a": [1, "b", {}]}},
]


def _stream() -> bytes:
    return b"".join(bencode(m) for m in MESSAGES)


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 100000])
def test_frames_survive_any_split(chunk: int) -> None:
    data, splitter, frames = _stream(), FrameSplitter(), []
    for i in range(0, len(data), chunk):
        frames += splitter.feed(data[i : i + chunk])
    assert [decode(f) for f in frames] == MESSAGES
    assert not splitter.pending


def test_whitespace_between_frames_is_skipped() -> None:
    frames = FrameSplitter().feed(b"\n" + bencode({"op": "a"}) + b"\r\n " + bencode({"op": "b"}))
    assert [decode(f)["op"] for f in frames] == ["a", "b"]


def test_truncated_frame_is_pending() -> None:
    splitter = FrameSplitter()
    assert splitter.feed(b"d2:op4:desc") == []
    assert splitter.pending


@pytest.mark.parametrize(
    "data", [b"hello", b"d2:op4:evalxe", b"e", b"i12x4e", b"12345678901234567890123:", b"d" * 100]
)
def test_malformed_streams_raise(data: bytes) -> None:
    with pytest.raises(FrameError):
        FrameSplitter().feed(data)


def test_oversized_frame_is_refused_from_its_length_prefix() -> None:
    splitter = FrameSplitter(max_frame=1000)
    with pytest.raises(FrameError, match="larger than"):
        splitter.feed(b"d4:code1073741824:")
    splitter = FrameSplitter(max_frame=1000)
    splitter.feed(b"d4:code500:" + b"x" * 500 + b"3:key")
    with pytest.raises(FrameError):
        splitter.feed(b"600:")


def test_decoding_is_lenient() -> None:
    # unsorted keys, integers and empty lists as flags, invalid UTF-8 in a value
    msg = decode(b"d2:op4:eval4:code1:15:flagsli1ei0ee2:zzle2:aa2:\xff\xfee")
    assert msg == {"op": "eval", "code": "1", "flags": [1, 0], "zz": [], "aa": "\ufffd\ufffd"}


def test_encoding_coerces_what_bencode_lacks() -> None:
    data = encode({"z": None, "a": True, "m": {"k": ("x", 2)}, "o": 1.5})
    value, _ = bdecode(data)
    assert value == {"a": 1, "m": {"k": ["x", 2]}, "o": "1.5", "z": []}
    assert data.index(b"1:a") < data.index(b"1:m") < data.index(b"1:z")  # sorted keys


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        ("1", True),
        ("true", True),
        ("t", True),
        (1, True),
        ("0", False),
        ("", False),
        ([], False),
        (0, False),
        (None, False),
        ("false", False),
    ],
)
def test_truthy_flags(flag: object, expected: bool) -> None:
    assert truthy(flag) is expected


async def test_outbox_orders_replies_from_threads_and_batches_them() -> None:
    send, receive = trio.testing.memory_stream_one_way_pair()
    async with trio.open_nursery() as nursery:
        outbox = Outbox(send)
        nursery.start_soon(outbox.run)

        def produce() -> None:
            for i in range(100):
                outbox.put({"n": i})

        await trio.to_thread.run_sync(produce)
        data = b""
        while data.count(b"1:n") < 100:
            data += await receive.receive_some()
        got, i = [], 0
        while i < len(data):
            msg, i = bdecode(data, i)
            got.append(msg["n"])
        assert got == list(range(100))
        nursery.cancel_scope.cancel()


async def test_outbox_throttles_producers_of_a_stalled_client() -> None:
    send, receive = trio.testing.lockstep_stream_pair()
    async with trio.open_nursery() as nursery:
        outbox = Outbox(send, high_water=10_000)
        nursery.start_soon(outbox.run)
        produced = threading.Event()

        def produce() -> None:
            for _ in range(100):
                outbox.put({"out": "x" * 1000})
                outbox.throttle()
            produced.set()

        nursery.start_soon(trio.to_thread.run_sync, produce)
        await trio.sleep(0.1)
        assert not produced.is_set()  # blocked: nobody reads
        received = 0
        while received < 100 * 1000:
            received += len(await receive.receive_some())
        await trio.sleep(0.05)
        assert produced.is_set()
        nursery.cancel_scope.cancel()
