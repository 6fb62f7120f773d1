"""What keeps the web view safe on a shared machine: a request size cap, a rate limit per
client, the corrections token and CSRF checks, and headers that forbid outside scripts."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "dateline_session"
MAX_BODY = 16 * 1024  # a correction form is a few hundred bytes

# Everything is served from this server: no CDN, no inline script from the page's data
HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data:; "
    "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


@dataclass(slots=True)
class Keys:
    """The secrets of one server run: the token printed at start, and what is derived from it."""

    token: str = field(default_factory=lambda: secrets.token_urlsafe(18))

    def _mac(self, purpose: str) -> str:
        return hmac.new(self.token.encode(), purpose.encode(), hashlib.sha256).hexdigest()

    @property
    def session(self) -> str:
        """The cookie value a browser gets by presenting the token."""
        return self._mac("session")

    @property
    def csrf(self) -> str:
        """The hidden form value every correction must carry."""
        return self._mac("csrf")

    def token_ok(self, given: str) -> bool:
        """The token, compared in constant time."""
        return hmac.compare_digest(given.encode(), self.token.encode())

    def signed_in(self, request: Request) -> bool:
        """The browser presented the token in this run."""
        cookie = request.cookies.get(SESSION_COOKIE, "")
        return hmac.compare_digest(cookie.encode(), self.session.encode())

    def csrf_ok(self, request: Request, given: str) -> bool:
        """The form carries this run's CSRF value and comes from this site."""
        origin = request.headers.get("origin")
        if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
            return False
        return hmac.compare_digest(given.encode(), self.csrf.encode())


class Limits:
    """ASGI middleware: refuse bodies over ``max_body`` bytes and clients over ``rate``
    requests a second (a bucket of ``burst``), and add the safety headers."""

    def __init__(self, app: ASGIApp, *, rate: float = 50.0, burst: int = 200,
                 max_body: int = MAX_BODY) -> None:  # fmt: skip
        self.app, self.rate, self.burst, self.max_body = app, rate, burst, max_body
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def _allow(self, client: str) -> bool:
        if self.rate <= 0:
            return True
        now = time.monotonic()
        with self._lock:
            tokens, seen = self._buckets.get(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - seen) * self.rate)
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                return False
            self._buckets[client] = (tokens - 1, now)
            return True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("?", 0))[0]
        if not self._allow(client):
            await PlainTextResponse("too many requests; slow down", 429)(scope, receive, send)
            return
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _too_large(self.max_body)(scope, receive, send)
            return
        received = 0

        async def capped() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                raise _BodyTooLarge
            return message

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, capped, with_headers)
        except _BodyTooLarge:
            await _too_large(self.max_body)(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


def _too_large(limit: int) -> Response:
    return PlainTextResponse(f"request body over {limit} bytes", 413)
