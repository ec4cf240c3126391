"""Cross-origin reads of the reconciliation service: OpenRefine's page asks the service for
its manifest, suggestions and property proposals from its own origin (127.0.0.1:3333 by
default), and the protocol requires CORS on every endpoint. Only ``/reconcile`` answers
those origins (``KG_RECONCILE_ORIGINS``); the rest of the API keeps ``KG_CORS_ORIGINS``."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PREFIX = "/reconcile"


class ReconcileCors:
    """``Access-Control-Allow-Origin`` on ``/reconcile`` answers to the allowed origins, and
    their preflight requests answered (GET and POST, any header): runs before the API-wide
    CORS middleware, which would refuse an origin it does not list."""

    def __init__(self, app: ASGIApp, origins: list[str]) -> None:
        self.app = app
        self.origins = frozenset(origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        origin = dict(scope.get("headers", [])).get(b"origin", b"").decode("latin-1")
        if not (path == PREFIX or path.startswith(PREFIX + "/")) or origin not in self.origins:
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            await self._preflight(send, origin)
            return

        async def allowed(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Access-Control-Allow-Origin"] = origin
                headers.add_vary_header("Origin")
            await send(message)

        await self.app(scope, receive, allowed)

    async def _preflight(self, send: Send, origin: str) -> None:
        headers = [
            (b"access-control-allow-origin", origin.encode("latin-1")),
            (b"access-control-allow-methods", b"GET, POST"),
            (b"access-control-allow-headers", b"*"),
            (b"access-control-max-age", b"600"),
            (b"vary", b"Origin"),
            (b"content-length", b"0"),
        ]
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
