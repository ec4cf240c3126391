"""Entities over HTTP: upsert, read, patch, delete, with the database checked directly."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import Db
from tests.payloads import entity, relationship, source


def put(client: TestClient, body: dict) -> dict:
    response = client.put(f"/entities/{body['id']}", json=body)
    assert response.status_code in (200, 201), response.text
    return response.json()


def test_put_creates_then_reports_unchanged_then_updated(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    first = client.put("/entities/tsmc", json=entity("tsmc", name="TSMC", sector="Semiconductors"))
    assert first.status_code == 201
    assert first.json()["result"] == "created"
    created_at = first.json()["entity"]["created_at"]

    again = client.put("/entities/tsmc", json=entity("tsmc", name="TSMC", sector="Semiconductors"))
    assert again.status_code == 200
    assert again.json()["result"] == "unchanged"
    assert again.json()["entity"]["updated_at"] == created_at

    changed = put(client, entity("tsmc", name="TSMC", sector="Foundry"))
    assert changed["result"] == "updated"
    assert changed["entity"]["created_at"] == created_at
    assert changed["entity"]["attributes"] == {"sector": "Foundry"}

    stored = db.query(
        "MATCH (n:Entity {id: 'tsmc'}) RETURN labels(n) AS labels, n.sector AS sector"
    )
    assert stored == [{"labels": ["Entity", "Firm"], "sector": "Foundry"}]


def test_actor_kinds_carry_the_actor_label(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    put(client, entity("cheng-li-chiun", "person", name="Cheng Li-chiun"))
    labels = db.query("MATCH (n {id: 'cheng-li-chiun'}) RETURN labels(n) AS l")[0]["l"]
    assert sorted(labels) == ["Actor", "Entity", "Person"]


def test_get_returns_entity_and_relationship_summary(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    put(client, entity("tsmc"))
    put(client, entity("arizona", "location", location_type="state"))
    client.put(
        "/relationships",
        json=relationship("INVESTS_IN", "tsmc", "arizona", amount=1.0, currency="USD"),
    )
    body = client.get("/entities/arizona").json()
    assert body["entity"]["kind"] == "location"
    assert body["relationships"] == [{"type": "INVESTS_IN", "direction": "in", "count": 1}]


def test_missing_entity_is_404_problem(client: TestClient, db: Db) -> None:
    response = client.get("/entities/nobody")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "no entity with id 'nobody'"


def test_path_and_body_id_must_agree(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    response = client.put("/entities/tsmc", json=entity("other"))
    assert response.status_code == 422
    assert response.json()["pointer"] == "/id"
    assert db.counts() == (1, 0)


def test_entity_needs_known_source(client: TestClient, db: Db) -> None:
    response = client.put("/entities/tsmc", json=entity("tsmc", sources=["no-such-source"]))
    assert response.status_code == 422
    assert response.json()["pointer"] == "/sources/0"
    assert "no source with id 'no-such-source'" in response.json()["detail"]
    assert db.counts() == (0, 0)


def test_field_errors_name_the_field(client: TestClient, db: Db) -> None:
    response = client.put("/entities/tsmc", json=entity("tsmc", kind="spaceship"))
    assert response.status_code == 422
    assert response.json()["pointer"] == "/kind"  # an unknown kind is the kind's fault
    bad_slug = client.put("/entities/Bad_Id", json=entity("Bad_Id"))
    assert bad_slug.status_code == 422
    assert bad_slug.json()["pointer"].startswith("path:")


def test_kind_cannot_change(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    put(client, entity("tsmc"))
    response = client.put("/entities/tsmc", json=entity("tsmc", "person"))
    assert response.status_code == 409
    assert response.json()["pointer"] == "/kind"


def test_patch_changes_only_given_fields(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    put(client, entity("plan", "proposal", status="proposed", description="A plan"))
    response = client.patch("/entities/plan", json={"attributes": {"status": "rejected"}})
    assert response.status_code == 200, response.text
    assert response.json()["result"] == "updated"
    row = db.query("MATCH (n {id: 'plan'}) RETURN n.status AS s, n.description AS d")[0]
    assert row == {"s": "rejected", "d": "A plan"}


def test_patch_with_invalid_value_names_field_and_writes_nothing(
    client: TestClient, db: Db
) -> None:
    client.put("/sources/test-source", json=source())
    put(client, entity("plan", "proposal", status="proposed"))
    response = client.patch("/entities/plan", json={"attributes": {"status": "maybe"}})
    assert response.status_code == 422
    assert response.json()["pointer"] == "/attributes/status"
    assert db.query("MATCH (n {id: 'plan'}) RETURN n.status AS s")[0]["s"] == "proposed"


def test_delete_refuses_to_orphan_relationships_unless_cascade(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    put(client, entity("tsmc"))
    put(client, entity("arizona", "location"))
    client.put("/relationships", json=relationship("INVESTS_IN", "tsmc", "arizona"))
    refused = client.delete("/entities/tsmc")
    assert refused.status_code == 409
    assert db.counts() == (3, 1)
    done = client.delete("/entities/tsmc", params={"cascade": "true"})
    assert done.status_code == 200
    assert done.json() == {"deleted": "tsmc", "how": "retracted", "relationships_deleted": 1}
    # retracted, not erased: hidden from current answers, kept in the database
    assert db.counts() == (3, 1)
    assert client.get("/entities/tsmc").status_code == 404
    assert client.get("/entities/tsmc", params={"include_retracted": "true"}).status_code == 200
    # arizona's one fact went with tsmc: nothing current is orphaned by retracting it too
    assert client.delete("/entities/arizona").status_code == 200
