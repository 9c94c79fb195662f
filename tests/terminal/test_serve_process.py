"""``alignlearn serve`` as a process: how it stops, and what reaches its terminal.

Each test starts a server on a free port of 127.0.0.1, opens sessions through its
WebSocket, then stops or kills it: the sessions' processes must go with it, and a
clean stop must take under 2 s however stubborn they are. Its output (the operator's
terminal) must carry no escape sequence from the network and never the token.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time

import aiohttp
import pytest
from serve_stand_in import STUBBORN, free_port, script

SERVER = ("import sys; from alignlearn.web.server import ReaderServer; "
          "ReaderServer(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2])).serve()")


def parent_of(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (Linux /proc)."""
    found, frontier = set(), {pid}
    while frontier:
        children = {int(name) for name in os.listdir("/proc") if name.isdigit() and parent_of(int(name)) in frontier}
        frontier = children - found
        found |= children
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for whoever adopted it."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"serve exited with {process.returncode}"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listened on port {port}")


class Served:
    """A server process, and every process seen below it, all killed at the end."""

    def __init__(self, argv: list[str], port: int, log_path, env=None) -> None:
        self.port, self.log_path, self.seen = port, log_path, set()
        with open(log_path, "w") as log:
            self.process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env)
        wait_for_port(port, self.process)

    async def open_sessions(self, count: int, session: aiohttp.ClientSession, first_bytes: int = 1):
        origin = f"http://127.0.0.1:{self.port}"
        sockets = []
        for _ in range(count):
            ws = await session.ws_connect(f"{origin}/ws?width=80&height=24", origin=origin)
            received = 0
            while received < first_bytes:  # the session's reader is up and drawing
                message = await ws.receive(timeout=60)
                assert message.type == aiohttp.WSMsgType.BINARY, message
                received += len(message.data)
            sockets.append(ws)
        self.seen |= descendants(self.process.pid)
        return sockets

    def stop(self, signum: int, bound: float) -> float:
        """Signal the server; seconds until it exited (at most ``bound``, else the test fails)."""
        self.seen |= descendants(self.process.pid)
        started = time.monotonic()
        os.kill(self.process.pid, signum)
        try:
            self.process.wait(bound)
        except subprocess.TimeoutExpired:
            pytest.fail(f"serve still running {bound} s after signal {signum}")
        return time.monotonic() - started

    def left_after(self, seconds: float) -> set[int]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and any(alive(pid) for pid in self.seen):
            time.sleep(0.05)
        return {pid for pid in self.seen if alive(pid)}

    def cleanup(self) -> None:
        if self.process.poll() is None:
            self.seen |= descendants(self.process.pid)
            self.process.kill()
            self.process.wait()
        for pid in self.seen:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def stubborn_server(tmp_path):
    port = free_port()
    served = Served([sys.executable, "-c", SERVER, script(tmp_path, STUBBORN, "stubborn"), str(port)],
                    port, tmp_path / "serve.log")
    yield served
    served.cleanup()


async def test_a_clean_stop_takes_its_stubborn_sessions_with_it_within_2_s(stubborn_server):
    async with aiohttp.ClientSession() as session:
        await stubborn_server.open_sessions(2, session)
        assert len(stubborn_server.seen) >= 2
        took = stubborn_server.stop(signal.SIGTERM, bound=10)
    assert took < 2.0, f"took {took:.2f} s to stop"
    assert not stubborn_server.left_after(1.0)


async def test_sessions_die_with_a_killed_server(stubborn_server):
    async with aiohttp.ClientSession() as session:
        await stubborn_server.open_sessions(2, session)
        stubborn_server.stop(signal.SIGKILL, bound=5)
    assert not stubborn_server.left_after(3.0)


@pytest.fixture
def serve_cli(tmp_path):
    """``alignlearn serve`` itself, the reader for real; yields a function to start it with more arguments."""
    started = []

    def run(*argv: str, env_extra=None) -> Served:
        port = free_port()
        env = dict(os.environ, **(env_extra or {}))
        served = Served([sys.executable, "-m", "alignlearn", "serve", "--port", str(port), *argv],
                        port, tmp_path / f"serve{len(started)}.log", env=env)
        started.append(served)
        return served

    yield run
    for served in started:
        served.cleanup()


async def test_the_real_reader_stops_with_the_server_within_2_s(serve_cli):
    served = serve_cli()
    async with aiohttp.ClientSession() as session:
        await served.open_sessions(2, session, first_bytes=2000)  # its first screen
        took = served.stop(signal.SIGINT, bound=30)
    assert took < 2.0, f"took {took:.2f} s to stop"
    assert not served.left_after(1.0)


async def test_nothing_from_the_network_reaches_the_terminal_unprintable(serve_cli):
    served = serve_cli()
    hostile = "/%1b]52;c;aGVsbG8=%1b%5c%1b]0;pwned%07%9b31m%0aINFO%20forged"
    for request in (f"POST {hostile} HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\nOrigin: http://evil.example\r\n",
                    f"GET {hostile} HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\nUser-Agent: a\x1b]0;t\x07b\r\n",
                    f"GET /ws HTTP/1.1\r\nHost: \x1b[2J:{served.port}\r\n"):
        reader, writer = await asyncio.open_connection("127.0.0.1", served.port)
        writer.write((request + "Content-Length: 0\r\nConnection: close\r\n\r\n").encode("latin-1"))
        await writer.drain()
        await asyncio.wait_for(reader.read(), 10)  # the whole answer, until it closes
        writer.close()
    served.stop(signal.SIGTERM, bound=10)
    output = served.output()
    assert "refused POST" in output  # the refusal is logged, made printable
    assert not any(char in output for char in "\x1b\x07\x9b"), repr(output)
    assert "\u2424INFOforged" in "".join(output.split())  # no line of its own
    assert "Invalid header value char" in " ".join(output.split())  # a line for a bad request,
    assert "Traceback" not in output  # not a traceback


async def test_the_token_stays_out_of_the_log_and_of_ps(serve_cli, tmp_path):
    token = "not-in-the-log-0123456789"
    (tmp_path / "token").write_text(token + "\n")
    served = serve_cli("--token-file", str(tmp_path / "token"))
    with open(f"/proc/{served.process.pid}/cmdline", "rb") as cmdline:
        assert token.encode() not in cmdline.read()
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.get(f"http://127.0.0.1:{served.port}/?token={token}&fontsize=18") as response:
            assert response.status == 200
        async with session.get(f"http://127.0.0.1:{served.port}/?token=a-wrong-guess-000000") as response:
            assert response.status == 200  # the cookie it was given lets it in
    served.stop(signal.SIGTERM, bound=10)
    output = served.output()
    assert output.count(token) == 1, output  # the address printed at start, once
    assert "GET /?token=[token]&fontsize=18" in " ".join(output.split())


async def test_a_token_given_in_argv_stays_out_of_the_log(serve_cli):
    token = "in-argv-but-not-logged-0123"
    served = serve_cli("--token", token)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.get(f"http://127.0.0.1:{served.port}/?token={token}") as response:
            assert response.status == 200
    served.stop(signal.SIGTERM, bound=10)
    assert served.output().count(token) == 1, served.output()
