"""The reader in a web browser: textual-serve, with the doors it leaves open shut.

textual-serve runs one process per browser session and accepts any Host header and
any WebSocket Origin, with no login. On its own, any web page the learner visits could
open ``ws://127.0.0.1:8000/ws`` (a cross-site WebSocket) or rebind its own name to
127.0.0.1 (DNS rebinding) and drive the reader. ``ReaderServer`` adds:

- ``Guard``: a request whose Host is not the served address, or whose Origin (when
  sent) is not the served origin, gets 403; with a token, a request without it gets
  403 too. The token comes once in the query (``/?token=T``), is then kept in a
  cookie, and the page's own WebSocket carries that cookie.
- a cap on concurrent sessions: past it, 503 and a sentence saying why.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import socket
from dataclasses import dataclass, field
from urllib.parse import urlencode

from aiohttp import web
from textual_serve.server import Server

__all__ = ["Guard", "ReaderServer", "is_loopback"]

log = logging.getLogger("alignlearn.web")

WILDCARD = {"0.0.0.0", "::", ""}


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host``: ``localhost`` or a loopback address."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _netloc(host: str, port: int) -> str:
    host = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return host.lower() if port == 80 else f"{host.lower()}:{port}"


def served_names(host: str) -> list[str]:
    """The names a browser may use for ``host``; the first is the one printed.

    A loopback address may also be called ``localhost``, ``127.0.0.1`` or ``[::1]``:
    those names cannot be rebound by anyone else. A wildcard bind (``0.0.0.0``) is
    reached by this machine's own name or addresses.
    """
    if is_loopback(host):
        return list(dict.fromkeys([host, "127.0.0.1", "localhost", "::1"]))
    if host in WILDCARD:
        names = [socket.gethostname(), socket.getfqdn()]
        try:
            names += [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)]
        except OSError:
            pass
        return list(dict.fromkeys(name for name in names if name))
    return [host]


@dataclass
class Guard:
    """Who may use the server: the rules, kept apart from aiohttp so they read plainly."""

    host: str
    port: int
    token: str | None = None
    hosts: frozenset[str] = field(init=False)
    origins: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        netlocs = [_netloc(name, self.port) for name in served_names(self.host)]
        self.hosts = frozenset(netlocs)
        self.origins = frozenset(f"http://{netloc}" for netloc in netlocs)

    @property
    def cookie(self) -> str:
        """Cookies are not kept apart by port: two servers on one machine need two names."""
        return f"alignlearn_token_{self.port}"

    @property
    def url(self) -> str:
        """The address to open, printed at start."""
        base = f"http://{_netloc(served_names(self.host)[0], self.port)}/"
        return f"{base}?{urlencode({'token': self.token})}" if self.token else base

    def refusal(self, host: str | None, origin: str | None) -> str | None:
        """Why a request with these headers is refused, or None."""
        if (host or "").lower() not in self.hosts:
            return f"the Host header {host!r} is not the address being served ({self.url.split('?')[0]})"
        if origin is not None and origin.lower() not in self.origins:
            return f"the Origin {origin!r} is not the page being served"
        return None

    def token_given(self, query_token: str | None, cookie_token: str | None) -> bool:
        if self.token is None:
            return True
        expected = self.token.encode()
        return any(given is not None and hmac.compare_digest(given.encode(), expected)
                   for given in (query_token, cookie_token))


def forbidden(reason: str) -> web.Response:
    return web.Response(status=403, text=f"alignlearn serve: forbidden: {reason}\n")


class ReaderServer(Server):
    """textual-serve's server, guarded (see the module's docstring) and capped."""

    def __init__(self, command: str, *, host: str, port: int, token: str | None = None,
                 max_sessions: int = 4, title: str = "alignlearn") -> None:
        self.guard = Guard(host, port, token)
        super().__init__(command, host=host, port=port, title=title,
                         public_url=self.guard.url.split("?")[0].rstrip("/"))
        self.max_sessions = max_sessions
        self.sessions = 0

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._check)
        return app

    @web.middleware
    async def _check(self, request: web.Request, handler) -> web.StreamResponse:
        reason = self.guard.refusal(request.headers.get("Host"), request.headers.get("Origin"))
        if reason is not None:
            log.warning("refused %s %s: %s", request.method, request.path, reason)
            return forbidden(reason)
        query_token = request.query.get("token")
        if not self.guard.token_given(query_token, request.cookies.get(self.guard.cookie)):
            return forbidden("this server needs its token: open the address it printed (…/?token=…)")
        if query_token is not None and self.guard.token:
            if request.path == "/":  # keep the token out of the address bar and the history
                rest = {key: value for key, value in request.query.items() if key != "token"}
                location = "/" + (f"?{urlencode(rest)}" if rest else "")
                response: web.StreamResponse = web.Response(status=303, headers={"Location": location})
            else:
                response = await handler(request)
            response.set_cookie(self.guard.cookie, self.guard.token, httponly=True, samesite="Strict", path="/")
            return response
        response = await handler(request)
        if not response.prepared:
            response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def _full(self) -> web.Response:
        return web.Response(
            status=503, text=f"alignlearn serve: {self.sessions} readers are open, the most this server "
                             f"allows (--max-sessions {self.max_sessions}); close one and reload this page.\n")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.sessions >= self.max_sessions:
            return self._full()
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """One reader process per WebSocket, at most ``max_sessions`` at once."""
        if self.sessions >= self.max_sessions:
            return self._full()
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(f"alignlearn: serving the reader on {self.guard.url}", markup=False, highlight=False)
        if not is_loopback(self.host):
            self.console.print("alignlearn: reachable from other machines; anyone with the token can read",
                               markup=False, highlight=False)
        self.console.print("Press Ctrl+C to stop.", markup=False, highlight=False)
