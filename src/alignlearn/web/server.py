"""The reader in a web browser: textual-serve, with the doors it leaves open shut.

textual-serve runs one process per browser session and accepts any Host header and
any WebSocket Origin, with no login. On its own, any web page the learner visits could
open ``ws://127.0.0.1:8000/ws`` (a cross-site WebSocket) or rebind its own name to
127.0.0.1 (DNS rebinding) and drive the reader. ``ReaderServer`` adds:

- the rules of ``guard.Guard``: Host, Origin, the token and a limit on guessing it.
  The token comes once in the query (``/?token=T``), is then kept in a cookie, and the
  page's own WebSocket carries that cookie;
- the page's addresses built from the Host the browser used (already checked);
- no framing by other pages, on every response;
- a cap on concurrent sessions: past it, 503 and a sentence saying why;
- sessions that die with the server (``session.Session``), and a stop that waits
  at most ``GRACE`` seconds for them, however many are open;
- a log in which nothing from the network reaches the terminal unprintable, and no
  token appears.
"""

from __future__ import annotations

import asyncio
import logging
import re
import traceback
from pathlib import Path
from urllib.parse import quote, urlencode

import aiohttp_jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from aiohttp.http_exceptions import HttpProcessingError
from rich.logging import RichHandler
from textual_serve.server import Server

from alignlearn.untrusted import printable
from alignlearn.web.guard import Guard, is_loopback
from alignlearn.web.session import Session, read_message, size_from_query

__all__ = ["Guard", "ReaderServer", "is_loopback"]

log = logging.getLogger("alignlearn.web.server")

TEMPLATES = Path(__file__).parent / "templates"
FRAMING = {"X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors 'none'",
           "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
NETLOC = web.RequestKey("netloc", str)  # the Host, as the page names this server
QUERY_TOKEN = re.compile(r"(?i)(token=)[^&\s\"]*")


class Sanitise(logging.Filter):
    """Every log line made printable, with the token taken out, before any handler sees it.

    A log line carries the request's path, headers and the readers' own output: a
    path such as ``/%1b]52;c;...`` would otherwise write to the operator's clipboard.
    """

    def __init__(self, token: str | None) -> None:
        super().__init__()
        self.secrets = [secret for secret in {token, token and quote(token, safe="")} if secret]

    def _clean(self, text: str, *, one_line: bool) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[token]")
        return printable(QUERY_TOKEN.sub(r"\1[token]", text), one_line=one_line)

    def filter(self, record: logging.LogRecord) -> bool:
        # One line unless the record says otherwise: a newline in a path would forge a line.
        text = self._clean(record.getMessage(), one_line=not getattr(record, "lines", False))
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, HttpProcessingError):  # a malformed request: bad input, not a bug of ours
            text += ": " + self._clean(str(error), one_line=True)[:300]
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        elif error is not None:
            text += "\n" + self._clean("".join(traceback.format_exception(*record.exc_info)).rstrip(), one_line=False)
        record.msg, record.args = text, ()
        record.exc_info = record.exc_text = record.stack_info = None
        return True


def forbidden(reason: str) -> web.Response:
    return web.Response(status=403, text=f"alignlearn serve: forbidden: {printable(reason, one_line=True)}\n")


class ReaderServer(Server):
    """textual-serve's server, guarded (see the module's docstring) and capped."""

    def __init__(self, command: str, *, host: str, port: int, token: str | None = None,
                 max_sessions: int = 4, title: str = "alignlearn") -> None:
        self.guard = Guard(host, port, token)
        super().__init__(command, host=host, port=port, title=title,
                         public_url=self.guard.url.split("?")[0].rstrip("/"))
        self.templates_path = TEMPLATES
        self.max_sessions = max_sessions
        self.sessions = 0
        self.open: dict[Session, web.WebSocketResponse] = {}

    # --- running -----------------------------------------------------------------

    def initialize_logging(self) -> None:
        """textual-serve's log, without the local variables of tracebacks, sanitised."""
        handler = RichHandler(show_path=False, show_time=False, markup=False, console=self.console)
        handler.addFilter(Sanitise(self.guard.token))
        logging.basicConfig(level="INFO", format="%(message)s", handlers=[handler], force=True)

    def serve(self, debug: bool = False) -> None:
        """Serve until SIGINT or SIGTERM; the sessions are stopped first (``on_shutdown``).

        A host that cannot be found or a port in use raises ``OSError`` before anything
        is printed: the addresses are printed (``listening``) once every socket listens.
        """
        self.debug = debug
        self.initialize_logging()
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=True,
                    shutdown_timeout=1.0, print=lambda *args: self.listening())

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._check)
        app.on_response_prepare.append(self._headers)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: aiohttp calls this before it binds, when the server may yet fail to start."""

    def listening(self) -> None:
        """Where to open the reader, printed once the server listens (aiohttp's ``print`` hook).

        Each line is printed whole (``soft_wrap``): Rich would otherwise break an address
        longer than the console, token and all, and a copied address would not open.
        """
        def say(text: str) -> None:
            self.console.print(text, markup=False, highlight=False, soft_wrap=True)

        # The addresses hold --host, the operator's own text: made printable.
        say(f"alignlearn: serving the reader on {printable(self.guard.url, one_line=True)}")
        for url in self.guard.other_urls():
            say(f"alignlearn: or on {printable(url, one_line=True)}")
        if not is_loopback(self.host):
            say("alignlearn: reachable from other machines; anyone with the token can read")
        say("Press Ctrl+C to stop.")

    async def on_shutdown(self, app: web.Application) -> None:
        """Stop every session (each has ``GRACE`` seconds to quit) and close its WebSocket."""
        sessions = list(self.open.items())
        await asyncio.gather(*(session.stopping() for session, _ in sessions), return_exceptions=True)
        await asyncio.gather(*(websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")
                               for _, websocket in sessions), return_exceptions=True)

    # --- every request ---------------------------------------------------------------

    @staticmethod
    async def _headers(request: web.Request, response: web.StreamResponse) -> None:
        response.headers.update(FRAMING)

    @web.middleware
    async def _check(self, request: web.Request, handler) -> web.StreamResponse:
        arrived_on = request.transport.get_extra_info("sockname") if request.transport else None
        arrived_on = arrived_on[0] if isinstance(arrived_on, tuple) else None
        reason = self.guard.refusal(request.headers.get("Host"), request.headers.get("Origin"), arrived_on)
        if reason is not None:
            log.warning("refused %s %s: %s", request.method[:16], request.path[:200], reason)
            return forbidden(reason)
        request[NETLOC] = self.guard.netloc(request.headers.get("Host"), arrived_on)
        if self.guard.token is None:
            return await handler(request)

        wait = self.guard.limiter.wait(request.remote)
        if wait > 0:
            return web.Response(status=429, headers={"Retry-After": str(int(wait) + 1)},
                                text=f"alignlearn serve: too many wrong tokens from your address; "
                                     f"try again in {int(wait) + 1} s\n")
        query_token, cookie_token = request.query.get("token"), request.cookies.get(self.guard.cookie)
        if not self.guard.token_given(query_token, cookie_token):
            response = forbidden("this server needs its token: open the address it printed (…/?token=…)")
            if query_token or cookie_token:
                self.guard.limiter.failed(request.remote)
            if cookie_token is not None:  # a cookie from an earlier run: do not send it again
                response.del_cookie(self.guard.cookie, path="/")
            return response
        if query_token is None:
            return await handler(request)
        if request.path == "/":  # keep the token out of the address bar and the history
            rest = {key: value for key, value in request.query.items() if key != "token"}
            response = web.Response(status=303, headers={"Location": "/" + (f"?{urlencode(rest)}" if rest else "")})
        else:
            response = await handler(request)
        if not response.prepared:
            response.set_cookie(self.guard.cookie, self.guard.token, httponly=True, samesite="Strict", path="/")
        return response

    # --- the page and its sessions -------------------------------------------------------

    def _full(self) -> web.Response:
        return web.Response(
            status=503, text=f"alignlearn serve: {self.sessions} readers are open, the most this server "
                             f"allows (--max-sessions {self.max_sessions}); close one and reload this page.\n")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, naming this server as the browser did (a Host the guard accepted)."""
        if self.sessions >= self.max_sessions:
            return self._full()
        base = f"http://{request[NETLOC]}"
        font_size = request.query.get("fontsize", "16")
        context = {
            "font_size": min(int(font_size), 64) if font_size.isdecimal() and len(font_size) < 4 else 16,
            "app_websocket_url": f"ws://{request[NETLOC]}{request.app.router['websocket'].url_for()}",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """One reader process per WebSocket, at most ``max_sessions`` at once."""
        if self.sessions >= self.max_sessions:
            return self._full()
        width, height = size_from_query(request.query.get("width"), request.query.get("height"))
        websocket = web.WebSocketResponse(heartbeat=15)
        session = Session(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                          close=websocket.close, download_manager=self.download_manager, debug=self.debug)
        self.sessions += 1
        self.open[session] = websocket
        try:
            await websocket.prepare(request)
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except (asyncio.CancelledError, ConnectionError):
            pass
        except OSError as error:
            log.error("a reader could not be started: %s", error)
        finally:
            stopping = session.stopping()
            stopping.add_done_callback(lambda _: self._ended(session))
            await asyncio.shield(stopping)
        if not websocket.closed:
            await websocket.close()
        return websocket

    def _ended(self, session: Session) -> None:
        del self.open[session]
        self.sessions -= 1

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: Session) -> None:
        """The browser's messages to the reader; a malformed one closes the session."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            command = read_message(message.data)
            if command is None:
                log.info("a session sent a message that could not be read: closed")
                await websocket.close(code=WSCloseCode.UNSUPPORTED_DATA, message=b"malformed message")
                return
            if command.kind == "stdin":
                await app_service.send_bytes(command.data.encode("utf-8", "replace"))
            elif command.kind == "resize":
                await app_service.set_terminal_size(*command.data)
            elif command.kind == "ping":
                await websocket.send_json(["pong", command.data])
            elif command.kind == "blur":
                await app_service.blur()
            elif command.kind == "focus":
                await app_service.focus()
