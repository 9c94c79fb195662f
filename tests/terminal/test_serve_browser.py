"""``alignlearn serve`` in a real browser: headless Chromium, driven over the DevTools protocol.

It proves what a learner sees: the page loads, its own script opens the WebSocket, the
reader's screen (with the lesson title) comes down it, and the page shows it (the page
marks its body ``-first-byte`` when the terminal has drawn). And that a page from
another origin cannot open the reader's WebSocket. Skipped where Chromium is missing;
``.ci/run`` installs Debian's ``chromium``.
"""

from __future__ import annotations

import asyncio
import base64
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from alignlearn import paths
from alignlearn.course import open_course

SEED = "alignment-technical-problem"
ANSI = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78cDEHM])")


def chromium() -> str | None:
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(chromium() is None, reason="no chromium at /usr/bin/chromium or on PATH")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited with {process.returncode}: {process.stdout.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listened on port {port}")


@pytest.fixture
def serve(tmp_path):
    """``alignlearn serve`` on a free port, as a learner starts it; yields (port, its output file)."""
    port = free_port()
    env = dict(os.environ)
    for variable in ("ALIGNLEARN_DATA_DIR", "ALIGNLEARN_CONFIG_DIR", "ALIGNLEARN_CACHE_DIR"):
        env[variable] = str(tmp_path / variable.lower())
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "alignlearn", "serve", "--lesson", SEED,
                                    "--port", str(port), "--max-sessions", "2"],
                                   stdout=out, stderr=subprocess.STDOUT, env=env, text=True)
    try:
        with open(log) as reader:
            process.stdout = reader
            wait_for_port(port, process)
            yield port, log
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def browser(tmp_path):
    """Headless Chromium with a fresh profile; yields its DevTools address (host:port)."""
    port = free_port()
    process = subprocess.Popen(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         f"--user-data-dir={tmp_path / 'profile'}", f"--remote-debugging-port={port}",
         "--window-size=1000,700", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, process)
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Page:
    """A tab, spoken to over the DevTools protocol: commands, and the events they cause."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws, self.next_id, self.events = ws, 0, []

    async def call(self, method: str, **params):
        self.next_id += 1
        await self.ws.send_json({"id": self.next_id, "method": method, "params": params})
        while True:
            message = await self.ws.receive_json(timeout=30)
            if message.get("id") == self.next_id:
                assert "error" not in message, message
                return message.get("result", {})
            self.events.append(message)

    async def pump(self, seconds: float) -> None:
        """Collect events for a while."""
        try:
            while True:
                self.events.append(await self.ws.receive_json(timeout=seconds))
        except asyncio.TimeoutError:
            pass

    async def evaluate(self, expression: str):
        result = await self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        return result["result"].get("value")

    def frames_received(self) -> bytes:
        """Every WebSocket frame the browser received, decoded."""
        data = b""
        for event in self.events:
            if event.get("method") == "Network.webSocketFrameReceived":
                response = event["params"]["response"]
                payload = response["payloadData"]
                data += base64.b64decode(payload) if response["opcode"] == 2 else payload.encode()
        return data


async def open_page(session: aiohttp.ClientSession, devtools: str) -> Page:
    async with session.put(f"http://{devtools}/json/new?about:blank") as response:
        target = await response.json(content_type=None)
    page = Page(await session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0))
    await page.call("Network.enable")
    await page.call("Page.enable")
    return page


def screen_text(data: bytes) -> str:
    return ANSI.sub(b"", data).decode("utf-8", "replace")


async def test_the_lesson_reaches_the_page_and_a_foreign_origin_does_not(serve, browser):
    port, log = serve
    title = open_course(paths.bundled_course()).info(SEED).title
    async with aiohttp.ClientSession() as session:
        page = await open_page(session, browser)
        await page.call("Page.navigate", url=f"http://127.0.0.1:{port}/")
        text = ""
        for _ in range(60):  # the reader starts in its own process: give it time on a busy machine
            await page.pump(0.5)
            text = screen_text(page.frames_received())
            if title in text:
                break
        assert title in text, text[-2000:]
        assert await page.evaluate("document.body.classList.contains('-first-byte')")  # the terminal drew it
        course_title = open_course(paths.bundled_course()).title
        assert await page.evaluate("document.title") == f"alignlearn: {course_title}"
        fetched = [event["params"]["request"]["url"] for event in page.events
                   if event.get("method") == "Network.requestWillBeSent"]
        assert fetched and all(url.startswith(f"http://127.0.0.1:{port}/") for url in fetched), fetched

        # A page of another origin (another port is another origin) tries the WebSocket.
        foreign_port = free_port()
        async def elsewhere(request: web.Request) -> web.Response:
            return web.Response(text="<html><body>elsewhere</body></html>", content_type="text/html")

        foreign = web.Application()
        foreign.router.add_get("/", elsewhere)
        runner = web.AppRunner(foreign)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", foreign_port).start()
        try:
            other = await open_page(session, browser)
            await other.call("Page.navigate", url=f"http://127.0.0.1:{foreign_port}/")
            await other.pump(1)
            outcome = await other.evaluate(f"""new Promise(resolve => {{
                const ws = new WebSocket("ws://127.0.0.1:{port}/ws?width=80&height=24");
                ws.binaryType = "arraybuffer";
                ws.onopen = () => resolve("opened");
                ws.onmessage = () => resolve("data");
                ws.onclose = event => resolve("closed " + event.code);
                setTimeout(() => resolve("timeout"), 10000);
            }})""")
            assert outcome.startswith("closed"), outcome
            await other.pump(0.5)
            handshakes = [e["params"]["response"]["status"] for e in other.events
                          if e.get("method") == "Network.webSocketHandshakeResponseReceived"]
            assert 101 not in handshakes
            assert other.frames_received() == b""
        finally:
            await runner.cleanup()
    served = log.read_text()
    assert f"Origin 'http://127.0.0.1:{foreign_port}' is not the page being served" in " ".join(served.split())
