"""The FastAPI application: one Neo4j driver per process, opened and closed by the lifespan."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI, Response
from fastapi.middleware.cors import CORSMiddleware
from neo4j.exceptions import DriverError, Neo4jError

from api import errors, web
from api.cors import ReconcileCors
from api.limits import BodySizeLimit, RateLimit, TrustedHost
from api.observability import (
    NEO4J_ERRORS,
    POOL_SIZE,
    READS_AGAIN,
    TRANSACTIONS_IN_FLIGHT,
    RequestContext,
    configure_logging,
    metrics_body,
)
from api.query_values import one_value_each
from api.routers import (
    analysis,
    batch,
    browser,
    entities,
    explore,
    export,
    health,
    history,
    reconcile,
    relationships,
    review,
    schema,
    source_texts,
    sources,
)
from api.security import read_access, write_access
from api.settings import ApiSettings, get_api_settings
from graph.store import GraphEvents, apply_schema, create_driver, keep_applying

log = logging.getLogger("kg.api")

DESCRIPTION = """
A knowledge graph of actors, firms, proposals and supply chains, each fact with its source.

* **Writes** are idempotent upserts: `PUT` answers whether it created, updated or left the
  item unchanged; `POST /batch` writes many items in one atomic transaction. Writes need an
  API key (`Authorization: Bearer KEY`) once keys are configured.
* **Every fact names its sources**: each relationship carries one attestation per source
  (evidence in our words and a confidence).
* **Errors** are `application/problem+json` (RFC 9457) with a `pointer` to the offending
  field: 400 unreadable body, 401 missing or bad API key, 404 missing, 409 conflict, 413 too large, 422 invalid, 429 too many requests,
  503 database unavailable (with Retry-After), 504 query timed out.
* **Read your own writes**: a write answers with `X-KG-Bookmark`; send it back on a read.
"""

EVENTS = GraphEvents(
    transaction_started=TRANSACTIONS_IN_FLIGHT.inc,
    transaction_ended=TRANSACTIONS_IN_FLIGHT.dec,
    failed=lambda kind: NEO4J_ERRORS.labels(kind).inc(),
    read_again=lambda how: READS_AGAIN.labels(how).inc(),
)


def _lifespan(settings: ApiSettings) -> Any:
    """One driver per process, opened at start-up; the schema applied, or retried in the
    background while Neo4j is down (``/readyz`` says so meanwhile)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = create_driver(settings)
        app.state.settings = settings
        app.state.driver = driver
        app.state.graph_events = EVENTS
        POOL_SIZE.set(100)  # the driver's default max_connection_pool_size
        if not settings.api_key_hashes:
            log.warning("no API keys configured: writes are open (local use only)")
        # the API starts even while Neo4j is down; /readyz says so until the schema is in
        applying = None
        if settings.apply_schema_on_start:
            try:
                await apply_schema(driver, settings.neo4j_database)
            except (DriverError, Neo4jError, OSError) as exc:
                log.warning("schema not applied at start-up (%s)", type(exc).__name__)
                applying = asyncio.create_task(
                    keep_applying(driver, settings.neo4j_database, log=log.warning)
                )
        try:
            yield
        finally:
            if applying is not None:
                applying.cancel()
            await driver.close()

    return lifespan


def _add_middleware(app: FastAPI, settings: ApiSettings) -> None:
    # Neo4j Browser fetches the guide cross-origin; front ends call the API from their own
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "PUT", "PATCH", "POST", "DELETE"],
        allow_headers=["*"],  # origins are the allow-list; Neo4j Browser sends its own headers
        expose_headers=["X-KG-Bookmark", "X-Request-ID", "Retry-After"],
    )
    app.add_middleware(ReconcileCors, origins=settings.reconcile_origins)
    # the last added runs first: request id, then Host, then the rate limit, and only then
    # is a body read
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    if settings.rate_limit_per_minute:
        app.add_middleware(
            RateLimit,
            per_minute=settings.rate_limit_per_minute,
            burst=settings.rate_limit_burst,
            key_digests=settings.key_digests,
            storage=settings.rate_limit_storage,
        )
    app.add_middleware(TrustedHost, allowed=settings.allowed_hosts)
    app.add_middleware(RequestContext)


def create_app(settings: ApiSettings | None = None) -> FastAPI:
    settings = settings or get_api_settings()
    configure_logging(settings.log_json)
    app = FastAPI(
        title="Knowledge graph service",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=_lifespan(settings),
        responses=errors.problems(400, 422, 429, 500, 503),
        dependencies=[Depends(one_value_each)],
    )
    errors.install(app)
    _add_middleware(app, settings)

    reads, writes = read_access(settings), write_access(settings)
    app.include_router(health.router)
    for module in (history, explore, analysis, export, browser, schema, reconcile):
        app.include_router(module.router, dependencies=reads)
    for module in (entities, relationships, sources, source_texts, review):
        app.include_router(module.read_router, dependencies=reads)
        app.include_router(module.write_router, dependencies=writes)
    app.include_router(batch.router, dependencies=writes)

    web.mount(app)

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        body, content_type = metrics_body()
        return Response(body, media_type=content_type)

    return app
