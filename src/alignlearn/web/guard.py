"""Who may use ``alignlearn serve``: the Host and Origin rules, the token, the guess limit.

Kept apart from aiohttp so that the rules read plainly and are tested without a server.

- Host: a request is answered only when its Host header names the port served and a
  name or address of the bound interface: for a loopback bind, any loopback address
  or ``localhost``; for a wildcard bind (``0.0.0.0``, ``::``), this machine's names
  and any address of one of its interfaces; otherwise the bound name or address. An
  IP literal cannot be rebound, so the address the connection arrived on is always
  accepted; any other name is refused (DNS rebinding).
- Origin (when sent): exactly the page's own origin, ``http://`` and the Host used.
- Token: compared in constant time; wrong ones are counted per address (an IPv6
  address by its /64), and past ``Limiter.tries`` in ``Limiter.window`` seconds the
  address is refused, right token or not, until the window has passed.
"""

from __future__ import annotations

import hmac
import ipaddress
import socket
import struct
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

__all__ = ["Guard", "Limiter", "MIN_TOKEN", "is_loopback", "local_addresses", "split_host"]

WILDCARD = {"0.0.0.0", "::", "[::]", ""}
MIN_TOKEN = 16

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host``: ``localhost`` or a loopback address."""
    if host.lower() == "localhost":
        return True
    address = _address(host)
    return address is not None and address.is_loopback


def _address(text: str) -> Address | None:
    try:
        address = ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped  # a dual-stack socket reports IPv4 clients so
    return address


def _netloc(host: str, port: int) -> str:
    host = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return host.lower() if port == 80 else f"{host.lower()}:{port}"


def split_host(header: str) -> tuple[str, int] | None:
    """A Host header's name (lower case, IPv6 without brackets) and port (80 if none)."""
    header = header.strip().lower()
    if header.startswith("["):
        name, bracket, rest = header[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port = rest[1:] if rest else "80"
    else:
        name, colon, port = header.rpartition(":") if ":" in header else (header, "", "80")
        if ":" in name:
            return None
    if not name or not port.isdigit() or len(port) > 5:
        return None
    return name, int(port)


def local_addresses() -> set[Address]:
    """The addresses of this machine's interfaces, as far as Linux tells them cheaply."""
    found: set[Address] = set()
    try:
        with open("/proc/net/if_inet6", encoding="ascii") as table:
            for line in table:
                found.add(ipaddress.IPv6Address(int(line.split()[0], 16)))
    except (OSError, ValueError, IndexError):
        pass
    if sys.platform.startswith("linux"):
        import fcntl

        siocgifaddr = 0x8915
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            for _, name in socket.if_nameindex():
                try:
                    answer = fcntl.ioctl(probe.fileno(), siocgifaddr, struct.pack("256s", name.encode()[:15]))
                except OSError:  # an interface without an IPv4 address
                    continue
                found.add(ipaddress.IPv4Address(answer[20:24]))
    return found


def served_names(host: str) -> list[str]:
    """The names (not addresses) a browser may use for ``host``; the first is the one printed."""
    if is_loopback(host):
        return list(dict.fromkeys([host.lower().strip("[]"), "127.0.0.1", "localhost", "::1"]))
    if host in WILDCARD:
        return [name.lower() for name in dict.fromkeys([socket.gethostname(), socket.getfqdn()]) if name]
    return [host.lower().strip("[]")]


@dataclass
class Limiter:
    """Wrong tokens counted per address over a sliding window."""

    tries: int = 10
    window: float = 60.0
    clock: object = time.monotonic
    most_addresses: int = 4096
    failures: dict[str, deque[float]] = field(default_factory=dict)

    @staticmethod
    def key(address: str | None) -> str:
        parsed = _address(address or "")
        if isinstance(parsed, ipaddress.IPv6Address):
            return str(ipaddress.IPv6Network((parsed, 64), strict=False))
        return str(parsed or address)

    def _recent(self, key: str) -> deque[float]:
        times = self.failures.get(key, deque())
        while times and times[0] <= self.clock() - self.window:
            times.popleft()
        return times

    def wait(self, address: str | None) -> float:
        """Seconds before ``address`` may try again; 0 when it may now."""
        times = self._recent(self.key(address))
        return times[0] + self.window - self.clock() if len(times) >= self.tries else 0.0

    def failed(self, address: str | None) -> None:
        key = self.key(address)
        times = self._recent(key)
        times.append(self.clock())
        self.failures.pop(key, None)
        self.failures[key] = times  # the most recent last, so the oldest go first
        while len(self.failures) > self.most_addresses:
            del self.failures[next(iter(self.failures))]


@dataclass
class Guard:
    """The rules; ``host`` and ``port`` are what the server is bound to."""

    host: str
    port: int
    token: str | None = None
    limiter: Limiter = field(default_factory=Limiter)
    names: frozenset[str] = field(init=False)
    _addresses: set[Address] = field(init=False, default_factory=set)
    _addresses_read: float = field(init=False, default=float("-inf"))

    def __post_init__(self) -> None:
        self.names = frozenset(served_names(self.host))

    @property
    def cookie(self) -> str:
        """Cookies are not kept apart by port: two servers on one machine need two names."""
        return f"alignlearn_token_{self.port}"

    @property
    def url(self) -> str:
        """The address to open, printed at start."""
        base = f"http://{_netloc(served_names(self.host)[0], self.port)}/"
        return f"{base}?{urlencode({'token': self.token})}" if self.token else base

    def other_urls(self) -> list[str]:
        """For a wildcard bind, the address to open by each of this machine's own addresses."""
        if self.host not in WILDCARD:
            return []
        families = {4} if self.host == "0.0.0.0" else {4, 6}  # "::" takes IPv4 too, on Linux
        addresses = sorted((address for address in local_addresses() if address.version in families
                            and not address.is_loopback and not address.is_link_local), key=str)
        return [self.url.replace(_netloc(served_names(self.host)[0], self.port), _netloc(str(address), self.port), 1)
                for address in addresses[:8]]

    def _is_local(self, address: Address) -> bool:
        """Whether ``address`` is one of this machine's; read again at most every 10 s on a miss."""
        if address not in self._addresses and time.monotonic() - self._addresses_read > 10:
            self._addresses, self._addresses_read = local_addresses(), time.monotonic()
        return address in self._addresses

    def _serves(self, name: str, arrived_on: str | None) -> bool:
        if name in self.names:
            return True
        address = _address(name)
        if address is None:
            return False  # a name of someone else's: the DNS rebinding case
        if arrived_on is not None and address == _address(arrived_on):
            return True
        if self.host in WILDCARD:
            return address.is_loopback or self._is_local(address)
        return is_loopback(self.host) and address.is_loopback

    def netloc(self, host: str | None, arrived_on: str | None = None) -> str | None:
        """The Host header as the page should name this server, or None to refuse it.

        ``arrived_on`` is the local address the connection came in on.
        """
        parts = split_host(host or "")
        if parts is None or parts[1] != self.port or not self._serves(parts[0], arrived_on):
            return None
        return _netloc(parts[0], self.port)

    def refusal(self, host: str | None, origin: str | None, arrived_on: str | None = None) -> str | None:
        """Why a request with these headers is refused, or None."""
        netloc = self.netloc(host, arrived_on)
        if netloc is None:
            return f"the Host header {host!r} is not an address being served (port {self.port})"
        if origin is not None and not self._same_origin(origin, netloc):
            return f"the Origin {origin!r} is not the page being served"
        return None

    @staticmethod
    def _same_origin(origin: str, netloc: str) -> bool:
        try:
            parts = urlsplit(origin.lower())
            port = parts.port or 80
        except ValueError:
            return False
        if parts.scheme != "http" or parts.hostname is None or parts.path or parts.query:
            return False
        return _netloc(parts.hostname, port) == netloc

    def token_given(self, query_token: str | None, cookie_token: str | None) -> bool:
        if self.token is None:
            return True
        expected = self.token.encode()
        return any(given is not None and hmac.compare_digest(given.encode("utf-8", "replace"), expected)
                   for given in (query_token, cookie_token))
