"""Request ids, structured logs and Prometheus metrics.

Every response carries ``X-Request-ID`` (the caller's, if it sent a sane one) and every
log line written while serving it names it. Metrics: request latency by route and status,
Neo4j errors by kind, transactions in flight.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

request_id: ContextVar[str] = ContextVar("request_id", default="-")
_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

REQUESTS = Histogram(
    "kg_http_request_duration_seconds",
    "HTTP request latency",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
NEO4J_ERRORS = Counter("kg_neo4j_errors_total", "Neo4j failures seen by the service", ["kind"])
READS_AGAIN = Counter(
    "kg_reads_again_total",
    "reads of several queries run again because a write committed while they ran: "
    "retried, or at last holding writes back (held)",
    ["how"],
)
RATE_LIMIT_STORE_ERRORS = Counter(
    "kg_rate_limit_store_errors_total",
    "requests passed without a rate-limit check because the shared store did not answer",
)
TRANSACTIONS_IN_FLIGHT = Gauge(
    "kg_neo4j_transactions_in_flight", "Neo4j transactions open now (connections in use)"
)
POOL_SIZE = Gauge("kg_neo4j_pool_max_size", "The Neo4j driver's largest connection pool")


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the request id of whatever request is being served."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id.get(),
        }
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(as_json: bool) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonFormatter()
        if as_json
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
    )
    if not as_json:
        handler.addFilter(_add_request_id)
    kg = logging.getLogger("kg")
    kg.handlers, kg.propagate = [handler], False
    kg.setLevel(logging.INFO)
    # uvicorn's own loggers keep the levels its flags set; only those it gave a handler get
    # ours (``--no-access-log`` leaves the access logger without one, and it stays silent)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        if logger.handlers:
            logger.handlers, logger.propagate = [handler], False


def _add_request_id(record: logging.LogRecord) -> bool:
    record.request_id = request_id.get()
    return True


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


class RequestContext:
    """Pure ASGI middleware: request id in, header out, latency measured by route.

    A failure nothing else handled is logged here, under the request's id, and answered
    with a 500 that carries the id (outside this middleware, both would be lost)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        rid = incoming if _SANE_ID.match(incoming) else uuid.uuid4().hex
        token = request_id.set(rid)
        status = 500
        started = time.perf_counter()

        started_response = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, started_response
            if message["type"] == "http.response.start":
                status, started_response = message["status"], True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            logging.getLogger("kg.api").exception(
                "unhandled error on %s %s", scope["method"], scope["path"]
            )
            if started_response:  # too late for an answer of its own: the connection drops
                raise
            await send_problem(
                send_with_id,
                scope,
                500,
                "internal",
                "Internal server error",
                "the server failed; the error was logged under this request's X-Request-ID",
                [],
            )
        finally:
            route = scope.get("route")
            REQUESTS.labels(
                scope["method"], getattr(route, "path", "unmatched"), str(status)
            ).observe(time.perf_counter() - started)
            request_id.reset(token)


def metrics_body() -> tuple[bytes, str]:
    return generate_latest(), CONTENT_TYPE_LATEST
