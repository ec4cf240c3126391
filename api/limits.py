"""Request body size, counted as the body streams in (Content-Length is not trusted), and
per-client rate limiting."""

from __future__ import annotations

import json
import math
import time
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send


async def send_problem(
    send: Send,
    scope: Scope,
    status: int,
    slug: str,
    title: str,
    detail: str,
    headers: list[tuple[bytes, bytes]],
) -> None:
    """An RFC 9457 answer from middleware, which runs outside FastAPI's error handlers."""
    body = json.dumps(
        {
            "type": f"https://kg-service.dev/problems/{slug}",
            "title": title,
            "status": status,
            "detail": detail,
            "instance": scope["path"],
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodySizeLimit:
    """Answers 413 once a body passes ``max_bytes``, however the client framed it.

    The body is read (up to the limit) before the app sees it, so an oversized request is
    refused before any of it is parsed or written.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body, replayed = b"".join(chunks), False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        await send_problem(
            send,
            scope,
            413,
            "too-large",
            "Request body too large",
            f"the body is larger than {self.max_bytes} bytes",
            [(b"connection", b"close")],
        )


class RateLimit:
    """A token bucket per client (its API key if it sent one, else its address), per process.

    ``per_minute`` tokens refill a bucket of ``burst``; an empty bucket answers 429 with
    Retry-After. Health and metrics are never limited.
    """

    EXEMPT = ("/livez", "/readyz", "/metrics")
    MAX_CLIENTS = 100_000

    def __init__(self, app: ASGIApp, per_minute: int, burst: int) -> None:
        self.app = app
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def _client(self, scope: Scope) -> str:
        auth = dict(scope["headers"]).get(b"authorization", b"")
        if auth.startswith(b"Bearer "):
            return "key:" + str(hash(auth))  # never store the key itself
        client = scope.get("client")
        return "addr:" + (client[0] if client else "unknown")

    def _take(self, client: str) -> float:
        """0 when a token was taken, else the seconds until one is free."""
        now = time.monotonic()
        tokens, last = self.buckets.pop(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.rate
        self.buckets[client] = (tokens, now)
        if len(self.buckets) > self.MAX_CLIENTS:
            self.buckets.popitem(last=False)
        return wait

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.rate <= 0 or scope["path"] in self.EXEMPT:
            await self.app(scope, receive, send)
            return
        wait = self._take(self._client(scope))
        if not wait:
            await self.app(scope, receive, send)
            return
        retry = str(max(1, math.ceil(wait)))
        await send_problem(
            send,
            scope,
            429,
            "too-many-requests",
            "Too many requests",
            f"rate limit reached; retry in {retry} s",
            [(b"retry-after", retry.encode())],
        )
