"""``alignlearn serve``: Host and Origin checks, the token, the session cap, the command line.

The server is the real one (``ReaderServer``, aiohttp underneath) on a free port of
127.0.0.1; its sessions run a stand-in for the reader that speaks textual-serve's
packet protocol, so a test costs milliseconds, not a Textual start-up per session.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest
from serve_stand_in import free_port, served, stand_in, start, stop  # noqa: F401  (fixtures)

from alignlearn import cli
from alignlearn.commands.serve import reader_command
from alignlearn.web.server import Guard, is_loopback

# --- Host and Origin ------------------------------------------------------------


async def test_the_page_is_served_to_its_own_address(served):
    client, port = served
    response = await client.get("/", headers={"Host": f"127.0.0.1:{port}"})
    assert response.status == 200
    assert f'ws://127.0.0.1:{port}/ws' in await response.text()


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1:1", "evil.example", "", "127.0.0.1.evil.example:{port}"])
async def test_a_foreign_host_header_is_refused(served, host):
    client, port = served
    for path in ("/", "/ws", "/static/js/textual.js"):
        response = await client.get(path, headers={"Host": host.format(port=port)})
        assert response.status == 403, path
        assert "Host" in await response.text()


async def test_localhost_names_the_same_loopback_server(served):
    client, port = served
    assert (await client.get("/", headers={"Host": f"localhost:{port}"})).status == 200


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:1", "https://127.0.0.1:{port}"])
async def test_a_foreign_origin_is_refused(served, origin):
    client, port = served
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", origin=origin.format(port=port))
    assert refused.value.status == 403
    assert (await client.get("/", headers={"Origin": origin.format(port=port)})).status == 403


async def test_the_pages_own_websocket_reaches_the_reader(served):
    client, port = served
    ws = await client.ws_connect("/ws?width=80&height=24", origin=f"http://127.0.0.1:{port}")
    message = await ws.receive(timeout=10)
    assert message.type == aiohttp.WSMsgType.BINARY and message.data == b"stand-in reader"
    await ws.close()


# --- the token -------------------------------------------------------------------


async def test_with_a_token_every_request_needs_it(stand_in):
    server, client, port = await start(stand_in, token="s3cret")
    try:
        for path in ("/", "/ws", "/static/js/textual.js"):
            assert (await client.get(path)).status == 403, path
        assert (await client.get("/?token=wrong")).status == 403
        assert (await client.get("/", headers={"Cookie": f"alignlearn_token_{port}=wrong"})).status == 403

        first = await client.get("/?token=s3cret&fontsize=20", allow_redirects=False)
        assert first.status == 303 and first.headers["Location"] == "/?fontsize=20"  # token out of the address bar
        cookie = first.cookies[f"alignlearn_token_{port}"]
        assert cookie.value == "s3cret" and cookie["httponly"] and cookie["samesite"] == "Strict"
        client.session.cookie_jar.clear()

        jar = {"Cookie": f"alignlearn_token_{port}=s3cret"}
        assert (await client.get("/", headers=jar)).status == 200
        assert (await client.get("/static/js/textual.js", headers=jar)).status == 200
        ws = await client.ws_connect("/ws", headers=jar, origin=f"http://127.0.0.1:{port}")
        assert (await ws.receive(timeout=10)).data == b"stand-in reader"
        await ws.close()
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect("/ws", origin=f"http://127.0.0.1:{port}")
        assert refused.value.status == 403
    finally:
        await stop(server, client)


def test_the_token_is_compared_whole():
    guard = Guard("127.0.0.1", 8000, "abc")
    assert guard.token_given("abc", None) and guard.token_given(None, "abc")
    assert not guard.token_given("ab", None) and not guard.token_given("abcd", "") and not guard.token_given(None, None)
    assert Guard("127.0.0.1", 8000).token_given(None, None)


# --- the session cap -----------------------------------------------------------------


async def test_sessions_past_the_cap_are_refused_with_503(stand_in):
    server, client, port = await start(stand_in, max_sessions=2)
    origin = f"http://127.0.0.1:{port}"
    try:
        first = await client.ws_connect("/ws", origin=origin)
        second = await client.ws_connect("/ws", origin=origin)
        for ws in (first, second):
            assert (await ws.receive(timeout=10)).data == b"stand-in reader"
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect("/ws", origin=origin)
        assert refused.value.status == 503
        page = await client.get("/")
        assert page.status == 503 and "--max-sessions 2" in await page.text()

        await first.close()
        for _ in range(100):  # the session ends once its process has quit
            if server.sessions < 2:
                break
            await asyncio.sleep(0.05)
        third = await client.ws_connect("/ws", origin=origin)
        assert (await third.receive(timeout=10)).data == b"stand-in reader"
        await third.close()
        await second.close()
    finally:
        await stop(server, client)


# --- the command line -------------------------------------------------------------------


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("127.3.4.5", True), ("::1", True),
                                            ("[::1]", True), ("localhost", True), ("0.0.0.0", False),
                                            ("10.0.0.1", False), ("localhost.evil.example", False)])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("argv", [["serve", "--max-sessions", "0"], ["serve", "--port", "0"], ["serve", "--port", "70000"]])
def test_bad_serve_usage(argv, capsys):
    assert cli.main(argv) == 2
    assert "alignlearn: error:" in capsys.readouterr().err


def test_a_missing_course_is_bad_input(tmp_path, capsys):
    assert cli.main(["serve", "--course", str(tmp_path / "nowhere")]) == 1
    assert "no course" in capsys.readouterr().err


def test_each_session_runs_this_python_on_the_same_course(tmp_path):
    words = shlex.split(reader_command("lesson one.md", str(tmp_path), "intro"))
    assert words == [sys.executable, "-m", "alignlearn", "--course", str(tmp_path), "--lesson", "intro",
                     str(Path("lesson one.md").resolve())]


# --- starting up: the address is printed once the server listens, and only then -----------


def serve_process(*argv: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "alignlearn", "serve", *argv], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, NO_COLOR="1"), **kwargs)


def failed_start(*argv: str) -> tuple[int, str, str]:
    process = serve_process(*argv)
    try:
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    return process.returncode, out, err


def test_a_port_in_use_is_one_error_line_and_nothing_said_of_serving():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, out, err = failed_start("--port", str(port))
    assert code == 1
    assert "serving" not in out + err and "Traceback" not in err
    assert err.splitlines() == [f"alignlearn: error: cannot serve on 127.0.0.1:{port}: the port is already in use "
                                "(by another server?); choose another with --port"]


def test_a_host_that_does_not_exist_is_one_error_line_and_nothing_said_of_serving():
    code, out, err = failed_start("--host", "no.such.host.invalid", "--port", str(free_port()))
    assert code == 1
    assert "serving" not in out + err and "token" not in out + err and "Traceback" not in err
    assert len(err.splitlines()) == 1
    assert err.startswith("alignlearn: error: cannot serve on no.such.host.invalid:") and "cannot look up" in err


def test_the_address_is_printed_once_the_server_listens():
    port = free_port()
    process = serve_process("--port", str(port))
    try:
        first = process.stdout.readline()
        assert first.strip() == f"alignlearn: serving the reader on http://127.0.0.1:{port}/"
        socket.create_connection(("127.0.0.1", port), timeout=5).close()  # listening already, not soon
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=30)
        finally:
            process.kill()
    assert process.returncode == 0
