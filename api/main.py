"""The FastAPI application: one Neo4j driver per process, opened and closed by the lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import errors
from api.routers import (
    analysis,
    batch,
    browser,
    entities,
    explore,
    export,
    health,
    relationships,
    sources,
)
from graph.db import Graph, create_driver
from graph.schema import apply_schema
from graph.settings import Settings, get_settings

log = logging.getLogger("kg.api")

DESCRIPTION = """
A knowledge graph of actors, firms, proposals and supply chains, each fact with its source.

* **Writes** are idempotent upserts: `PUT` answers whether it created, updated or left the
  item unchanged; `POST /batch` writes many items in one atomic transaction.
* **Every fact names its sources**: each relationship carries one attestation per source
  (evidence in our words and a confidence).
* Errors are `application/problem+json` with a `pointer` to the offending field.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = create_driver(settings)
        app.state.settings = settings
        app.state.graph = Graph(driver, settings)
        if settings.apply_schema_on_start:
            try:
                await apply_schema(driver, settings.neo4j_database)
            except Exception as exc:  # the API still starts; /readyz says what is wrong
                log.warning("schema not applied at start-up: %s", exc)
        try:
            yield
        finally:
            await driver.close()

    app = FastAPI(
        title="Knowledge graph service",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    errors.install(app)
    # Neo4j Browser fetches the guide cross-origin; front ends call the API from their own
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "PUT", "PATCH", "POST", "DELETE"],
        allow_headers=["Authorization", "Content-Type"],
    )
    for module in (
        health,
        explore,
        entities,
        relationships,
        sources,
        batch,
        analysis,
        export,
        browser,
    ):
        app.include_router(module.router)
    return app
