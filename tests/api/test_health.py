"""The app's liveness and readiness against the real Neo4j."""

from __future__ import annotations

from fastapi.testclient import TestClient

from graph.store.schema import expected_version
from neo4j_local.artifacts import read_lock


def test_livez_answers(client: TestClient) -> None:
    response = client.get("/livez")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_version_edition_and_schema(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ready"
    assert body["neo4j"]["edition"] == "community"
    assert body["neo4j"]["version"].startswith("5.26.")
    assert body["schema_version"] == expected_version()[0]  # the highest schema file's number


def test_readyz_matches_the_pinned_local_server(client: TestClient) -> None:
    # the local launcher and the compose image pin the same patch release
    assert client.get("/readyz").json()["neo4j"]["version"] == read_lock().neo4j_version


def test_openapi_documents_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/livez", "/readyz", "/entities/{entity_id}", "/relationships", "/batch"} <= set(
        spec["paths"]
    )
    assert client.get("/docs").status_code == 200
