"""A stand-in for the reader under ``alignlearn serve``, and a server to run it.

The server is the real one (``ReaderServer``, aiohttp underneath) on a free port of
127.0.0.1; its sessions run a stand-in that speaks textual-serve's packet protocol, so
a test costs milliseconds, not a Textual start-up per session.
"""

from __future__ import annotations

import asyncio
import shlex
import socket
import sys
import textwrap

import pytest
from aiohttp.test_utils import TestClient, TestServer

from alignlearn.web.server import ReaderServer

STAND_IN = textwrap.dedent("""
    import sys
    out, inp = sys.stdout.buffer, sys.stdin.buffer
    out.write(b"__GANGLION__\\n")
    payload = b"stand-in reader"
    out.write(b"D" + len(payload).to_bytes(4, "big") + payload)
    out.flush()
    while True:  # until textual-serve says quit, or closes the pipe
        head = inp.read(5)
        if len(head) < 5:
            break
        body = inp.read(int.from_bytes(head[1:], "big"))
        if head[:1] == b"M" and b'"quit"' in body:
            break
""")


# Says what it was started with and each meta packet it is sent, as data packets.
ECHO = textwrap.dedent("""
    import os, sys
    out, inp = sys.stdout.buffer, sys.stdin.buffer
    def send(payload):
        out.write(b"D" + len(payload).to_bytes(4, "big") + payload)
        out.flush()
    out.write(b"__GANGLION__\\n")
    send(f"{os.environ['COLUMNS']}x{os.environ['ROWS']}".encode())
    while True:
        head = inp.read(5)
        if len(head) < 5:
            break
        body = inp.read(int.from_bytes(head[1:], "big"))
        if head[:1] == b"M":
            send(body)
            if b'"quit"' in body:
                break
""")

# A reader that will not stop: deaf to quit, to its pipe closing and to SIGTERM, SIGINT, SIGHUP.
STUBBORN = textwrap.dedent("""
    import signal, sys, time
    for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGPIPE"):
        signal.signal(getattr(signal, name), signal.SIG_IGN)
    out = sys.stdout.buffer
    out.write(b"__GANGLION__\\n")
    payload = b"stubborn reader"
    out.write(b"D" + len(payload).to_bytes(4, "big") + payload)
    out.flush()
    while True:
        time.sleep(1)
""")


def script(tmp_path, text: str, name: str) -> str:
    """The shell command that runs ``text`` with this Python."""
    path = tmp_path / f"{name}.py"
    path.write_text(text, encoding="utf-8")
    return shlex.join([sys.executable, str(path)])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def stand_in(tmp_path) -> str:
    return script(tmp_path, STAND_IN, "reader")


async def start(command: str, *, token: str | None = None, max_sessions: int = 4, host: str = "127.0.0.1",
                title: str = "alignlearn"):
    """A server bound (as far as its rules know) to ``host``; it listens on 127.0.0.1 whatever that is."""
    port = free_port()
    server = ReaderServer(command, host=host, port=port, token=token, max_sessions=max_sessions, title=title)
    client = TestClient(TestServer(await server._make_app(), host="127.0.0.1", port=port))
    await client.start_server()
    return server, client, port


async def stop(server, client) -> None:
    """Close the server once its sessions' processes have quit (none outlives its loop)."""
    for _ in range(200):
        if server.sessions == 0:
            break
        await asyncio.sleep(0.05)
    await client.close()


@pytest.fixture
async def served(stand_in):
    server, client, port = await start(stand_in)
    yield client, port
    await stop(server, client)
