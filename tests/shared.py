"""What several test folders share besides conftest's fixtures: a client of the app with
other settings, the graph as stored, an older graph's schema applied again, and the
browser the page tests drive."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi.testclient import TestClient
from neo4j import AsyncDriver

from api.main import create_app
from api.settings import ApiSettings as Settings
from graph.store import Settings as GraphSettings
from graph.store import apply_schema, create_driver
from tests.conftest import ROOT, Db

T = TypeVar("T")


def with_driver(settings: GraphSettings, work: Callable[[AsyncDriver], Awaitable[T]]) -> T:
    """``work`` run with a driver of its own, closed after (for the graph layer's async
    steps a test calls outside the app)."""

    async def run() -> T:
        driver = create_driver(settings)
        try:
            return await work(driver)
        finally:
            await driver.close()

    return asyncio.run(run())


def apply_schema_from(version: int, db: Db, settings: GraphSettings) -> tuple[int, str]:
    """Apply the schema to the graph as if it were at ``version``: what a later version
    stores is stored (the migrations run), as for a graph an older service wrote."""
    db.query("MATCH (v:SchemaVersion {id: 'kg'}) SET v.version = $v", v=version)
    return with_driver(settings, lambda driver: apply_schema(driver, settings.neo4j_database))


def app_client(settings: Settings, **changes: object) -> TestClient:
    return TestClient(create_app(settings.model_copy(update=changes)), base_url="http://localhost")


DUMP_NODES = "MATCH (n) WHERE (n:Entity OR n:Source) AND n.merged_into IS NULL RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id"
DUMP_RELS = "MATCH (a)-[r]->(b) WHERE r.merged_into IS NULL RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props ORDER BY a.id, r.id"


def dump(db: Db) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The graph as stored, without what is kept of merged entities (their past, which
    no export carries: the history stays with the database)."""
    nodes = db.query(DUMP_NODES)
    for n in nodes:
        n["labels"] = sorted(n["labels"])
    return nodes, db.query(DUMP_RELS)


def stored_items(db: Db) -> dict[tuple[str, str], dict[str, Any]]:
    """Every entity, fact, source and source text as stored, keyed as the feed keys them."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for row in db.query("MATCH (n:Entity) RETURN n.id AS id, properties(n) AS p"):
        found["entity", row["id"]] = row["p"]
    for row in db.query("MATCH (n:Source) RETURN n.id AS id, properties(n) AS p"):
        found["source", row["id"]] = row["p"]
    for row in db.query("MATCH (t:SourceText) RETURN t.source_id AS id, properties(t) AS p"):
        found["text", row["id"]] = row["p"]
    for row in db.query(
        "MATCH (a)-[r]->(b) RETURN r.id AS id, properties(r) AS p, type(r) AS t, a.id AS f, b.id AS o"
    ):
        found["relationship", row["id"]] = {
            **row["p"],
            "type": row["t"],
            "from_id": row["f"],
            "to_id": row["o"],
        }
    return found


#: where the browser tests leave their screenshots, and the Chromium they drive
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
