"""The routing driver (``neo4j://``, as for a cluster or Aura) against the real server: reads
go to read transactions, writes to write transactions, and a write's bookmark lets the next
read see it. A single Community server answers routing requests as its own cluster, so these
code paths run in every ``make test``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings as Settings
from tests.conftest import Db
from tests.payloads import entity, relationship, source


@pytest.fixture
def routed(settings: Settings, db: Db) -> Iterator[TestClient]:
    uri = settings.neo4j_uri.replace("bolt://", "neo4j://", 1)
    if not uri.startswith("neo4j://"):
        pytest.skip(f"{settings.neo4j_uri} is not a bolt:// address to route through")
    app = create_app(settings.model_copy(update={"neo4j_uri": uri}))
    with TestClient(app, base_url="http://localhost") as client:
        yield client


def test_writes_and_reads_route_and_bookmarks_carry_over(routed: TestClient, db: Db) -> None:
    written = routed.put("/sources/test-source", json=source())
    assert written.status_code == 201
    bookmark = written.headers["x-kg-bookmark"]
    for path, body in (
        ("/entities/a", entity("a")),
        ("/entities/b", entity("b")),
    ):
        answer = routed.put(path, json=body, headers={"X-KG-Bookmark": bookmark})
        assert answer.status_code == 201
        bookmark = answer.headers["x-kg-bookmark"]
    fact = routed.put(
        "/relationships",
        json=relationship("PART_OF", "a", "b"),
        headers={"X-KG-Bookmark": bookmark},
    )
    assert fact.status_code == 201
    read = routed.get("/stats", headers={"X-KG-Bookmark": fact.headers["x-kg-bookmark"]})
    assert read.json()["relationships"] == 1 and read.json()["entities"] == 2
    assert routed.get("/entities/a/neighbourhood").json()["edges"][0]["to_id"] == "b"
    assert routed.get("/readyz").status_code == 200


def test_batch_delete_and_streamed_export_route(routed: TestClient, db: Db) -> None:
    batch = {"sources": [source()], "entities": [entity("a"), entity("b")]}
    assert routed.post("/batch", json=batch).status_code == 200
    assert routed.delete("/entities/b").status_code == 200
    exported = routed.get("/export").json()
    assert [n["id"] for n in exported["nodes"]] == ["a"]
    assert routed.get("/export", headers={"X-KG-Bookmark": "WyJ4Il0="}).status_code == 422
