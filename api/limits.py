"""Middleware that guards the door: the Host a request names, per-client rate limits, and
the body's size, counted as it streams in (Content-Length is not trusted)."""

from __future__ import annotations

import logging
import math
import re
import time
from typing import Any

from limits import RateLimitItemPerSecond
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.keys import bearer_token, key_digest, key_is_valid
from api.observability import RATE_LIMIT_STORE_ERRORS, send_problem

log = logging.getLogger("kg.api")


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


#: What an orchestrator calls, by address and often: never host-checked or rate-limited.
PROBES = ("/livez", "/readyz", "/metrics")

_HOST = re.compile(r"^(?:\[([0-9a-f:.]+)\]|([^:\[\]@/\s]+))(?::([0-9]{1,5}))?$")


def _host_name(host: str) -> str | None:
    """``Host`` without its port, or None when it is not a host and a port.

    Example:
        >>> _host_name("[::1]:8000"), _host_name("localhost"), _host_name("a:1@evil.example")
        ('::1', 'localhost', None)
    """
    match = _HOST.match(host.strip().lower())
    if match is None or (match.group(3) is not None and int(match.group(3)) > 65535):
        return None
    return match.group(1) or match.group(2)


def host_allowed(host: str, allowed: list[str]) -> bool:
    """Whether a ``Host`` header names a host this service is configured to answer as.

    ``*`` allows any host; ``*.example.org`` allows its subdomains.

    Example:
        >>> host_allowed("127.0.0.1:8000", ["127.0.0.1", "localhost"])
        True
        >>> host_allowed("evil.example", ["127.0.0.1", "localhost"])
        False
    """
    name = _host_name(host)
    if name is None:
        return False
    for pattern in allowed:
        pattern = pattern.lower()
        if pattern == "*" or name == pattern:
            return True
        if pattern.startswith("*.") and name.endswith(pattern[1:]):
            return True
    return False


class TrustedHost:
    """Answers 400 to a request whose ``Host`` is not one the service is configured for.

    A web page on another site can point its own name at 127.0.0.1 (DNS rebinding) and
    then send requests the browser believes same-origin; those carry that site's name in
    ``Host``, so refusing unknown hosts keeps such pages from writing. Probes are exempt:
    an orchestrator calls them by address.
    """

    EXEMPT = PROBES

    def __init__(self, app: ASGIApp, allowed: list[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.EXEMPT:
            await self.app(scope, receive, send)
            return
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        if host_allowed(host, self.allowed):
            await self.app(scope, receive, send)
            return
        await send_problem(
            send,
            scope,
            400,
            "unknown-host",
            "Unknown host",
            "the Host header names a host this service is not configured for "
            "(KG_ALLOWED_HOSTS lists the ones it answers)",
            [],
        )


class Buckets:
    """Rate limits by name, kept by the ``limits`` library in a store every replica of the
    API can share: ``memory://`` (this process alone, the default) or ``redis://host:port/db``.

    A name may spend ``burst`` requests in any window of ``burst / per_minute`` minutes (a
    moving window: the oldest request leaves it as time passes), so a client's long-run
    rate is ``per_minute`` and it may spend ``burst`` at once, whichever replica it reaches.

    Example:
        >>> import asyncio
        >>> buckets = Buckets(per_minute=60, burst=1, storage=shared_storage("memory://"))
        >>> asyncio.run(buckets.take("a")), asyncio.run(buckets.take("a")) > 0
        (0.0, True)
    """

    def __init__(self, per_minute: float, burst: int, storage: Storage) -> None:
        window = max(1, round(burst * 60 / per_minute))
        self.item = RateLimitItemPerSecond(burst, window)
        self.limiter = MovingWindowRateLimiter(storage)

    async def take(self, name: str) -> float:
        """0 when the name may go on, else the seconds until it may."""
        if await self.limiter.hit(self.item, "kg", name):
            return 0.0
        stats = await self.limiter.get_window_stats(self.item, "kg", name)
        return max(0.001, stats.reset_time - time.time())


def shared_storage(uri: str) -> Storage:
    """The ``limits`` store for a URI: ``memory://``, or ``redis://`` through redis-py.

    Example:
        >>> type(shared_storage("memory://")).__name__
        'MemoryStorage'
    """
    options: dict[str, Any] = {}
    if uri.startswith(("redis://", "rediss://")):
        # a store that answers slowly must not hold requests: past these, they pass (and
        # are counted), as when it is down
        options = {
            "implementation": "redispy",
            "socket_timeout": 0.5,
            "socket_connect_timeout": 0.5,
        }
    storage = storage_from_string("async+" + uri, **options)
    if not isinstance(storage, Storage):  # pragma: no cover - async+ always makes one
        raise TypeError(f"not an asynchronous store: {uri}")
    return storage


class RateLimit:
    """A rate limit per client: a verified API key's own, else the client address's; kept
    in ``storage`` (see :class:`Buckets`), so replicas sharing a store share the limits.

    A token that is not a configured key buys nothing: its request counts against the
    address, and against a much smaller budget of failed key checks per address, so
    neither rotating made-up tokens nor guessing keys gets past the limit. It runs before
    the body is read. Health and metrics are never limited. Should the shared store stop
    answering, requests pass (logged, and counted in ``kg_rate_limit_store_errors_total``):
    a limit protects the service, it must not be the thing that takes it down.
    """

    EXEMPT = PROBES
    FAILED_CHECKS_PER_MINUTE = 10

    def __init__(
        self,
        app: ASGIApp,
        per_minute: int,
        burst: int,
        key_digests: list[str],
        storage: str = "memory://",
    ) -> None:
        self.app = app
        self.key_digests = key_digests
        store = shared_storage(storage)  # one store, one connection pool, for both
        self.requests = Buckets(per_minute, burst, store)
        self.failed_checks = Buckets(
            self.FAILED_CHECKS_PER_MINUTE, self.FAILED_CHECKS_PER_MINUTE, store
        )

    async def _wait(self, scope: Scope) -> float:
        client = scope.get("client")
        address = "addr:" + (client[0] if client else "unknown")
        token = bearer_token(dict(scope["headers"]).get(b"authorization", b""))
        if token is None or not self.key_digests:
            return await self.requests.take(address)
        digest = key_digest(token)
        if key_is_valid(digest, self.key_digests):
            return await self.requests.take("key:" + digest)
        return max(await self.requests.take(address), await self.failed_checks.take(address))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.EXEMPT:
            await self.app(scope, receive, send)
            return
        try:
            wait = await self._wait(scope)
        except Exception as exc:  # the store is down: pass, and say so
            RATE_LIMIT_STORE_ERRORS.inc()
            log.warning("rate limit store unavailable, request passed: %s", type(exc).__name__)
            wait = 0.0
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
