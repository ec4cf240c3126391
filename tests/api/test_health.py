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


def test_every_answer_that_creates_is_described_like_its_200(client: TestClient) -> None:
    """An upsert answers 201 when the item is new, with the body of its 200: the OpenAPI
    document describes both, so a client reads a 201 as it reads a 200."""
    spec = client.get("/openapi.json").json()
    creating = [
        (path, verb, op)
        for path, ops in spec["paths"].items()
        for verb, op in ops.items()
        if "201" in op["responses"]
    ]
    assert len(creating) >= 4, creating
    for path, verb, op in creating:
        body = op["responses"]["201"].get("content", {}).get("application/json", {})
        assert (
            body.get("schema") == op["responses"]["200"]["content"]["application/json"]["schema"]
        ), f"{verb.upper()} {path}: 201 has no schema like its 200's"
