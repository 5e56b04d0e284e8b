"""Safe by default: the teacher token, the attempt limit, and the same-origin guard.

Why these three: a class server runs on a teacher's laptop in a room full of browsers.
The token (random, printed once in the terminal, typed into a field, kept only as a salted
hash) separates the teacher from the students without accounts; the attempt limit keeps it
from being guessed; the guard refuses requests whose Host is not this server (a web page
elsewhere cannot rebind a name onto it) and requests, the websocket first, whose Origin is
another site (a page elsewhere cannot drive a student's explorer).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import socket
import time
from collections import deque
from typing import Any, Awaitable, Callable, Iterable
from urllib.parse import urlsplit

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: read aloud, typed by hand


def normal(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


class TeacherToken:
    """A secret of 16 characters (80 bits) that only its salted hash remembers."""

    def __init__(self, text: str):
        self._salt = secrets.token_bytes(16)
        self._digest = self._hash(text)

    @classmethod
    def new(cls) -> tuple["TeacherToken", str]:
        """A fresh token and its text, to be printed once and then forgotten."""
        chars = "".join(secrets.choice(ALPHABET) for _ in range(16))
        text = "-".join(chars[i:i + 4] for i in range(0, 16, 4))
        return cls(text), text

    def _hash(self, text: str) -> bytes:
        return hashlib.sha256(self._salt + normal(text).encode()).digest()

    def matches(self, text: str) -> bool:
        return hmac.compare_digest(self._hash(text or ""), self._digest)

    def __repr__(self) -> str:
        return "TeacherToken(<hidden>)"


class Attempts:
    """At most `limit` wrong tokens in `window` seconds; then wait (each browser tab has
    one, and the server one for all, so neither one tab nor many can guess at speed)."""

    def __init__(self, limit: int, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self.failures: deque[float] = deque()

    def _trim(self) -> None:
        now = self.clock()
        while self.failures and now - self.failures[0] > self.window:
            self.failures.popleft()

    def blocked(self) -> bool:
        self._trim()
        return len(self.failures) >= self.limit

    def fail(self) -> None:
        self.failures.append(self.clock())


class PerClient:
    """An `Attempts` for each client (a machine, by its address), so that one machine's
    wrong guesses make only that machine wait, whatever tabs it opens, and never the rest
    of the class. A limit over every client would let a few students' typos (or one
    student's game) lock out the whole room and the teacher; a code or token of 80 bits
    and more is not guessed by many slow machines either."""

    MAX_CLIENTS = 10_000  # past this, the clients with nothing in the window are forgotten

    def __init__(self, limit: int, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self.clients: dict[str, Attempts] = {}

    def blocked(self, client: str) -> bool:
        found = self.clients.get(client)
        return found is not None and found.blocked()

    def fail(self, client: str) -> None:
        if client not in self.clients and len(self.clients) >= self.MAX_CLIENTS:
            self.clients = {k: a for k, a in self.clients.items() if a.blocked()
                            or (a.failures and self.clock() - a.failures[-1] <= self.window)}
        self.clients.setdefault(client, Attempts(self.limit, self.window, self.clock)).fail()


def hostname(host_header: str) -> str:
    """'127.0.0.1:8080' -> '127.0.0.1'; '[::1]:8080' -> '::1'; lower case."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def lan_address() -> str | None:
    """The address other machines on the network reach this one by (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.254.254.254", 1))
            return s.getsockname()[0]
        except OSError:
            return None


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> set[str]:
    """The names a browser may use to reach this server: loopback always; on every
    interface (0.0.0.0), this machine's addresses and names too; plus `extra`."""
    hosts = {"localhost", "127.0.0.1", "::1", hostname(bind)}
    if bind in ("0.0.0.0", "::", ""):
        name = socket.gethostname()
        hosts |= {name.lower(), f"{name.lower()}.local", socket.getfqdn().lower()}
        if (lan := lan_address()) is not None:
            hosts.add(lan)
        try:
            import ifaddr  # comes with NiceGUI
            hosts |= {str(ip.ip[0] if isinstance(ip.ip, tuple) else ip.ip).lower()
                      for adapter in ifaddr.get_adapters() for ip in adapter.ips}
        except ImportError:
            pass
    return hosts | {hostname(h) for h in extra}


Scope = dict[str, Any]
ASGI = Callable[[Scope, Callable, Callable], Awaitable[None]]


class SameOriginGuard:
    """ASGI middleware: Host must name this server; an Origin, when a browser sends one
    (always on a websocket, on every cross-site request), must be this server; an upload
    must announce its size and stay under `max_body` bytes."""

    def __init__(self, app: ASGI, hosts: set[str], max_body: int = 200_000):
        self.app, self.hosts, self.max_body = app, hosts, max_body

    async def __call__(self, scope: Scope, receive: Callable, send: Callable) -> None:
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if hostname(host) not in self.hosts:
            return await refuse(scope, send, 400, "This server does not answer to that host "
                                "name. Use the address negsim serve printed.")
        origin = headers.get("origin")
        if origin is not None and urlsplit(origin).netloc.lower() != host.lower():
            return await refuse(scope, send, 403, "Requests from another site are refused.")
        if scope["type"] == "http" and scope.get("method") == "POST":
            size = headers.get("content-length", "")
            if not size.isdigit() or int(size) > self.max_body:
                return await refuse(scope, send, 413, "Too large: a scenario file may have at "
                                    f"most {self.max_body:,} bytes.")
        return await self.app(scope, receive, send)


async def refuse(scope: Scope, send: Callable, status: int, text: str) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
