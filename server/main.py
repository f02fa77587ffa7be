"""`pyjank-nrepl`: the nREPL daemon.

    pyjank-nrepl [--host H] [--port N] [--socket PATH] [--port-file F] [--path DIR ...]
                 [--jit MODE] [--cache-dir DIR] [--no-disk-cache]

It listens first (default 127.0.0.1, `--port 0` picks a free port), prints and flushes
`nREPL server started on port N on host H - nrepl://H:N` (what CIDER's and Calva's jack-in
wait for), writes the port to `.nrepl-port` (or `--port-file`), then boots the language in
the background. SIGINT/SIGTERM shut it down and remove the port file. nREPL runs arbitrary
code, so a non-loopback host must be asked for and is warned about; `--socket` serves on a
Unix domain socket only its owner can use (mode 0600).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import trio

from ..compiler.cache.config import add_cache_arguments, apply_cache_arguments
from ..compiler.options import add_jit_argument, set_jit_mode
from .server import Server
from .transport import DEFAULT_MAX_FRAME, log

if TYPE_CHECKING:
    from .language import Language


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pyjank-nrepl", description="pyjank nREPL daemon")
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to bind (default 127.0.0.1; others are reachable remotely)",
    )
    p.add_argument("--port", type=int, default=0, help="TCP port (default 0: a free one)")
    p.add_argument("--socket", metavar="PATH", help="serve on this Unix socket instead of TCP")
    p.add_argument(
        "--port-file",
        metavar="F",
        default=".nrepl-port",
        help="where to write the port (default .nrepl-port in the current dir)",
    )
    p.add_argument(
        "--path",
        action="extend",
        nargs="+",
        metavar="DIR",
        help="source directories for require (default $PYJANK_PATH or src and .)",
    )
    p.add_argument(
        "--max-frame",
        type=int,
        default=DEFAULT_MAX_FRAME,
        metavar="BYTES",
        help="largest accepted message (default 64 MiB)",
    )
    add_jit_argument(p)
    add_cache_arguments(p)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    opts = build_parser().parse_args(argv)
    if opts.jit:
        set_jit_mode(opts.jit)
    apply_cache_arguments(opts)
    try:
        return trio.run(_serve, opts)
    except OSError as e:
        log(f"pyjank-nrepl: {e}")
        return 1


def _make_language(path: list[str] | None) -> Language:
    from .language import Language

    return Language(path)


async def _serve(opts: argparse.Namespace) -> int:
    # Signals are caught before anything is announced: a client (or a test) may send one
    # the moment the banner appears.
    with trio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
        server = Server(max_frame=opts.max_frame)
        if opts.socket:
            listeners = [await _unix_listener(opts.socket)]
            banner = f"nREPL server started on socket {opts.socket} - nrepl+unix:{opts.socket}"
            port_file = None
        else:
            listeners, banner, port_file = await _tcp_listener(opts)
        server.language.start(lambda: _make_language(opts.path))
        print(banner, flush=True)
        try:
            async with trio.open_nursery() as nursery:
                nursery.start_soon(server.serve, listeners)
                async for _ in signals:
                    nursery.cancel_scope.cancel()
                    break
        finally:
            if port_file is not None:
                _remove_port_file(*port_file)
            if opts.socket:
                Path(opts.socket).unlink(missing_ok=True)
    return 0


async def _tcp_listener(
    opts: argparse.Namespace,
) -> tuple[list[trio.SocketListener], str, tuple[Path, str]]:
    """The listener, the banner and the port file (written) with the port it holds."""
    if not _is_loopback(opts.host):
        log(
            f"WARNING: serving nREPL on {opts.host}: anyone who can reach this address "
            "can run arbitrary code as this user."
        )
    listeners = await trio.open_tcp_listeners(opts.port, host=opts.host)
    port = listeners[0].socket.getsockname()[1]
    if opts.port == 0 and len(listeners) > 1:  # `localhost`: one port for ::1 and 127.0.0.1
        for listener in listeners:
            await listener.aclose()
        listeners = await trio.open_tcp_listeners(port, host=opts.host)
    port_file = Path(opts.port_file)
    port_file.write_text(str(port))
    host = opts.host
    banner = f"nREPL server started on port {port} on host {host} - nrepl://{host}:{port}"
    return listeners, banner, (port_file, str(port))


async def _unix_listener(path: str) -> trio.SocketListener:
    Path(path).unlink(missing_ok=True)
    sock = trio.socket.socket(trio.socket.AF_UNIX, trio.socket.SOCK_STREAM)
    previous = os.umask(0o177)  # created 0600: no window in which others may connect
    try:
        await sock.bind(path)
    finally:
        os.umask(previous)
    os.chmod(path, 0o600)
    sock.listen()
    return trio.SocketListener(sock)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _remove_port_file(path: Path, port: str) -> None:
    """Remove the port file unless another server has since written its own port there."""
    try:
        if path.read_text().strip() == port:
            path.unlink()
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
