"""``alignlearn serve``, round two (issue 15): what a probe of the first round got through.

The Host the browser used (a wildcard bind reached by this machine's own address),
framing, the token's length and where it comes from, the limit on guessing it, the
terminal size a browser asks for, malformed messages, and the page itself (its title,
nothing fetched from another host). The server runs in-process, as in ``test_serve``.
"""

from __future__ import annotations

import argparse
import io
import ipaddress
import logging
import re

import aiohttp
import pytest
from rich.console import Console
from serve_stand_in import ECHO, script, served, stand_in, start, stop  # noqa: F401  (fixtures)

from alignlearn import cli
from alignlearn.commands import serve as serve_command
from alignlearn.web.server import ReaderServer
from alignlearn.web.guard import Guard, Limiter, local_addresses
from alignlearn.web.session import Session

TOKEN = "a-token-of-twenty-chars"


def a_real_address() -> str | None:
    """One of this machine's addresses that is not loopback (the test only names it in a Host)."""
    for address in sorted(local_addresses(), key=lambda a: (a.version, str(a))):
        if not address.is_loopback and not address.is_link_local:
            return str(address)
    return None


def netloc(address: str, port: int) -> str:
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


# --- the Host the browser used (item 4) ------------------------------------------------


async def test_a_wildcard_bind_answers_this_machines_own_address_and_names_it_in_the_page(stand_in):
    real = a_real_address()
    if real is None:
        pytest.skip("this machine has no address but loopback")
    server, client, port = await start(stand_in, host="0.0.0.0", token=TOKEN)
    try:
        cookie = {"Cookie": f"alignlearn_token_{port}={TOKEN}"}
        for address in (real, "127.0.0.1"):
            name = netloc(address, port)
            page = await client.get("/", headers={"Host": name, "Origin": f"http://{name}", **cookie})
            assert page.status == 200, (address, await page.text())
            html = await page.text()
            assert f'"ws://{name}/ws"' in html and f'"http://{name}/static/js/textual.js"' in html
            assert "ws://vm" not in html and html.count("ws://") == 1
    finally:
        await stop(server, client)


@pytest.mark.parametrize("host", ["evil.example:{port}", "198.51.100.7:{port}", "[2001:db8::7]:{port}",
                                  "localhost.evil.example:{port}", "{real}:1", "{real}"])
async def test_a_wildcard_bind_still_refuses_other_names_and_addresses(stand_in, host):
    server, client, port = await start(stand_in, host="0.0.0.0", token=TOKEN)
    try:
        header = host.format(port=port, real=netloc(a_real_address() or "127.0.0.1", 1).rsplit(":", 1)[0])
        response = await client.get("/", headers={"Host": header, "Cookie": f"alignlearn_token_{port}={TOKEN}"})
        assert response.status == 403 and "Host" in await response.text()
    finally:
        await stop(server, client)


async def test_the_page_names_the_server_as_the_browser_did(served):
    client, port = served
    for name in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"):
        html = await (await client.get("/", headers={"Host": name})).text()
        assert f'data-session-websocket-url="ws://{name}/ws"' in html, name


def test_a_wildcard_bind_prints_the_address_to_open_by_each_of_the_machines_addresses(stand_in):
    real = a_real_address()
    if real is None or ":" in real:
        pytest.skip("this machine has no IPv4 address but loopback")
    server = ReaderServer(stand_in, host="0.0.0.0", port=8123, token=TOKEN)
    server.console = Console(file=io.StringIO(), width=200)
    server.listening()
    printed = server.console.file.getvalue()
    assert f"http://{real}:8123/?token={TOKEN}" in printed and "[" not in printed  # no IPv6 for 0.0.0.0


def test_the_address_a_connection_arrived_on_is_served_and_no_other():
    guard = Guard("0.0.0.0", 8000)
    guard._addresses, guard._addresses_read = {ipaddress.ip_address("192.0.2.2")}, float("inf")
    assert guard.netloc("198.51.100.7:8000", arrived_on="198.51.100.7") == "198.51.100.7:8000"
    assert guard.netloc("198.51.100.7:8000", arrived_on="::ffff:198.51.100.7") == "198.51.100.7:8000"
    assert guard.netloc("198.51.100.8:8000", arrived_on="198.51.100.7") is None
    assert guard.netloc("192.0.2.2:8000", arrived_on="198.51.100.7") == "192.0.2.2:8000"  # another interface
    assert guard.netloc("evil.example:8000", arrived_on="198.51.100.7") is None
    only = Guard("192.0.2.2", 8000)
    assert only.netloc("192.0.2.2:8000") and not only.netloc("127.0.0.1:8000") and not only.netloc("192.0.2.2:80")
    assert Guard("127.0.0.1", 8000).netloc("127.0.0.2:8000") == "127.0.0.2:8000"
    assert Guard("127.0.0.1", 8000).netloc("[::1]:8000", arrived_on="127.0.0.1") == "[::1]:8000"


@pytest.mark.parametrize("origin, ok", [("http://127.0.0.1:8000", True), ("http://localhost:8000", False),
                                        ("https://127.0.0.1:8000", False), ("http://127.0.0.1:8000/x", False),
                                        ("http://127.0.0.1:8001", False), ("null", False), ("http://[::1", False)])
def test_the_origin_is_the_page_the_host_names(origin, ok):
    assert (Guard("127.0.0.1", 8000).refusal("127.0.0.1:8000", origin) is None) is ok


# --- framing (item 7) -------------------------------------------------------------------


FRAMING = {"X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors 'none'"}


async def test_every_response_refuses_framing(stand_in):
    server, client, port = await start(stand_in, token=TOKEN, max_sessions=1)
    try:
        cookie = {"Cookie": f"alignlearn_token_{port}={TOKEN}"}
        responses = [await client.get("/", headers=cookie), await client.get("/static/js/textual.js", headers=cookie),
                     await client.get("/nowhere", headers=cookie), await client.get("/"),
                     await client.get("/", headers={"Host": "evil.example"}),
                     await client.get(f"/?token={TOKEN}", allow_redirects=False)]
        ws = await client.ws_connect("/ws", headers=cookie, origin=f"http://127.0.0.1:{port}")
        responses.append(ws._response)
        responses.append(await client.get("/", headers=cookie))  # 503: the one session is open
        with pytest.raises(aiohttp.WSServerHandshakeError) as foreign:  # the Origin still counts
            await client.ws_connect("/ws", headers=cookie, origin="http://evil.example")
        assert foreign.value.status == 403 and foreign.value.headers["X-Frame-Options"] == "DENY"
        assert [r.status for r in responses] == [200, 200, 404, 403, 403, 303, 101, 503]
        for response in responses:
            for header, value in FRAMING.items():
                assert response.headers.get(header) == value, (response.status, header)
        await ws.close()
    finally:
        await stop(server, client)


# --- the token (item 8) -------------------------------------------------------------------


@pytest.fixture
def no_serving(monkeypatch):
    """``serve`` runs up to the server's start, which is recorded instead of made."""
    started = []
    monkeypatch.setattr(ReaderServer, "serve", lambda self, debug=False: started.append(self))
    monkeypatch.delenv("ALIGNLEARN_SERVE_TOKEN", raising=False)
    return started


@pytest.mark.parametrize("argv", [["--token", "a"], ["--token", "fifteen-chars-x"], ["--token", "sixteen chars ok"],
                                  ["--host", "0.0.0.0", "--token", "short"]])
def test_a_short_or_odd_token_is_bad_usage(no_serving, capsys, argv):
    assert cli.main(["serve", *argv]) == 2
    error = capsys.readouterr().err
    assert "at least 16 characters" in error and "Traceback" not in error and not no_serving


def test_a_token_from_the_environment_or_a_file_stays_out_of_argv(no_serving, monkeypatch, tmp_path):
    monkeypatch.setenv("ALIGNLEARN_SERVE_TOKEN", "from-the-environment-0123")
    assert cli.main(["serve", "--host", "0.0.0.0"]) == 0
    assert no_serving[-1].guard.token == "from-the-environment-0123"
    (tmp_path / "token").write_text("from-a-file-0123456789\nignored\n")
    assert cli.main(["serve", "--token-file", str(tmp_path / "token")]) == 0
    assert no_serving[-1].guard.token == "from-a-file-0123456789"
    monkeypatch.setenv("ALIGNLEARN_SERVE_TOKEN", "short")
    assert cli.main(["serve"]) == 2


def test_a_missing_token_file_is_bad_input(no_serving, tmp_path, capsys):
    assert cli.main(["serve", "--token-file", str(tmp_path / "none\x1b[2J")]) == 1
    error = capsys.readouterr().err
    assert "token file" in error and "\x1b" not in error


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.7", "::", "example.org"])
def test_a_non_loopback_host_without_a_token_gets_one_made_up(no_serving, host):
    assert cli.main(["serve", "--host", host]) == 0
    token = no_serving[-1].guard.token
    assert token and len(token) >= 32 and re.fullmatch(r"[A-Za-z0-9_-]+", token)
    assert f"?token={token}" in no_serving[-1].guard.url


def test_a_loopback_host_without_a_token_needs_none(no_serving):
    assert cli.main(["serve"]) == 0 and no_serving[-1].guard.token is None
    assert serve_command.token_for(argparse.Namespace(host="::1", token=None, token_file=None), {}) is None


async def test_wrong_tokens_are_limited_per_address(stand_in):
    server, client, port = await start(stand_in, token=TOKEN)
    now = [1000.0]
    server.guard.limiter.clock = lambda: now[0]
    try:
        tries = server.guard.limiter.tries
        for _ in range(tries + 2):
            assert (await client.get("/")).status == 403  # no token at all: not a guess
        for attempt in range(tries):
            assert (await client.get(f"/?token=guess-{attempt:016d}")).status == 403
        refused = await client.get(f"/?token={TOKEN}")  # the right one too, once over the limit
        assert refused.status == 429 and int(refused.headers["Retry-After"]) <= 61
        assert "too many wrong tokens" in await refused.text()

        other = aiohttp.TCPConnector(local_addr=("127.0.0.2", 0))  # another address, still loopback
        async with aiohttp.ClientSession(connector=other) as session:
            async with session.get(f"http://127.0.0.1:{port}/?token={TOKEN}", allow_redirects=False) as response:
                assert response.status == 303

        now[0] += server.guard.limiter.window
        assert (await client.get(f"/?token={TOKEN}")).status == 200
    finally:
        await stop(server, client)


def test_the_limiter_forgets_old_guesses_and_keeps_few_addresses():
    now = [0.0]
    limiter = Limiter(tries=3, window=60, clock=lambda: now[0], most_addresses=2)
    for _ in range(3):
        limiter.failed("198.51.100.1")
        now[0] += 10
    assert 29 < limiter.wait("198.51.100.1") <= 30
    assert limiter.wait("2001:db8::1") == 0
    for _ in range(3):
        limiter.failed("2001:db8::1")
    assert limiter.wait("2001:db8::ffff") > 0  # one /64, one counter
    limiter.failed("198.51.100.2")
    assert len(limiter.failures) == 2
    now[0] += 61
    assert limiter.wait("2001:db8::1") == 0


# --- the terminal size and the browser's messages (item 9) -----------------------------------


async def test_the_terminal_size_is_clamped(tmp_path):
    server, client, port = await start(script(tmp_path, ECHO, "echo"))
    try:
        ws = await client.ws_connect("/ws?width=20000&height=20000", origin=f"http://127.0.0.1:{port}")
        assert (await ws.receive(timeout=10)).data == b"500x200"
        await ws.send_json(["resize", {"width": 99999, "height": -3}])
        assert b'"width": 500, "height": 5' in (await ws.receive(timeout=10)).data
        await ws.send_json(["resize", {"width": 100, "height": 40}])
        assert b'"width": 100, "height": 40' in (await ws.receive(timeout=10)).data
        await ws.close()
        ws = await client.ws_connect("/ws?width=1e9&height=-1", origin=f"http://127.0.0.1:{port}")
        assert (await ws.receive(timeout=10)).data == b"80x24"
        await ws.close()
    finally:
        await stop(server, client)


@pytest.mark.parametrize("message", ["not json", "{}", "[]", "[1]", '["resize"]', '["resize", {"width": "x", "height": 2}]',
                                     '["resize", {"width": 1e999, "height": 24}]', '["resize", [80, 24]]', '["stdin", 5]',
                                     '["ping"]', pytest.param("[" * 100_000 + "]" * 100_000, id="deep")])
async def test_a_malformed_message_closes_the_session_quietly(served, caplog, message):
    client, port = served
    caplog.set_level(logging.DEBUG)
    ws = await client.ws_connect("/ws", origin=f"http://127.0.0.1:{port}")
    assert (await ws.receive(timeout=10)).data == b"stand-in reader"
    await ws.send_str(message)
    closing = await ws.receive(timeout=10)
    assert closing.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED), closing
    await ws.close()
    assert not [record for record in caplog.records if record.exc_info or record.levelno >= logging.ERROR]


async def test_good_messages_still_reach_the_reader(tmp_path):
    server, client, port = await start(script(tmp_path, ECHO, "echo"))
    try:
        ws = await client.ws_connect("/ws", origin=f"http://127.0.0.1:{port}")
        assert (await ws.receive(timeout=10)).data == b"80x24"
        await ws.send_json(["ping", "1234"])
        assert (await ws.receive_json(timeout=10)) == ["pong", "1234"]
        await ws.send_json(["focus"])
        assert b'"focus"' in (await ws.receive(timeout=10)).data
        await ws.send_json(["something new", 1])  # a kind it does not know: passed over, as textual-serve does
        await ws.send_json(["blur"])
        assert b'"blur"' in (await ws.receive(timeout=10)).data
        await ws.close()
    finally:
        await stop(server, client)


def test_the_token_is_not_handed_to_the_readers(monkeypatch):
    monkeypatch.setenv("ALIGNLEARN_SERVE_TOKEN", "from-the-environment-0123")
    session = Session("true", write_bytes=None, write_str=None, close=None, download_manager=None)
    environment = session._build_environment(80, 24)
    assert "ALIGNLEARN_SERVE_TOKEN" not in environment and environment["COLUMNS"] == "80"


# --- the page (issue 21, item 14) ----------------------------------------------------------------


async def test_the_page_has_the_course_title_and_fetches_nothing_from_another_host(stand_in):
    server, client, port = await start(stand_in, title="alignlearn: <Alignment> & you")
    try:
        html = await (await client.get("/")).text()
        assert "<title>alignlearn: &lt;Alignment&gt; &amp; you</title>" in html
        for url in re.findall(r"""(?:src|href)="([^"]*)"|url\("([^"]*)"\)""", html):
            url = "".join(url)
            assert url.startswith((f"http://127.0.0.1:{port}/", "#")), url
        assert "googleapis" not in html and "Roboto Mono" in html
        assert (await client.get("/static/fonts/RobotoMono-VariableFont_wght.ttf")).status == 200
    finally:
        await stop(server, client)


def test_an_address_longer_than_the_console_is_printed_on_one_line(stand_in):
    host = "a-rather-long-workstation-name.corp.example.com"
    server = ReaderServer(stand_in, host=host, port=8123, token=TOKEN + "-and-then-some-more")
    server.console = Console(file=io.StringIO(), width=80)
    server.listening()
    url = f"http://{host}:8123/?token={TOKEN}-and-then-some-more"
    assert len(url) > 80
    assert f"alignlearn: serving the reader on {url}" in server.console.file.getvalue().splitlines()
