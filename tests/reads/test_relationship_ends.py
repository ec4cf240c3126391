"""Every fact stores its ends' ids (``from_id``, ``to_id``): a walk through a hub reads a
level by them, through each type's index on them. Written, written again, moved by a
merge, retracted and restored, a fact's stored ends stay its ends; a graph written
before they were stored gets them when the schema is applied."""

from __future__ import annotations

from fastapi.testclient import TestClient

from graph.reads import walks
from graph.store.schema import ENDS_STORED_FROM
from graph.store.settings import Settings
from tests.conftest import Db
from tests.payloads import entity, relationship, source
from tests.shared import apply_schema_from

ASTRAY = """
MATCH (a)-[r]->(b) WHERE r.id IS NOT NULL
WITH r, a, b, r.from_id = a.id AND r.to_id = b.id AS true_ends
RETURN count(r) AS facts, [x IN collect(CASE WHEN true_ends THEN null ELSE r.id END)
                           WHERE x IS NOT NULL] AS astray
"""


def load(client: TestClient, db: Db) -> None:
    db.wipe()
    firms = [entity(f) for f in ("a", "b", "c", "d")]
    facts = [
        relationship("SUPPLIES", "a", "b", product="chips"),
        relationship("SUPPLIES", "b", "c", product="chips"),
        relationship("DEPENDS_ON", "c", "d"),
    ]
    body = {"sources": [source()], "entities": firms, "relationships": facts}
    assert client.post("/batch", json=body).status_code == 200


def neighbours(client: TestClient, entity_id: str) -> set[str]:
    answer = client.get(f"/entities/{entity_id}/neighbourhood", params={"limit": 10})
    assert answer.status_code == 200, answer.text
    return {n["id"] for n in answer.json()["nodes"]} - {entity_id}


def test_a_fact_s_stored_ends_stay_its_ends_through_every_write(client: TestClient, db: Db) -> None:
    load(client, db)
    again = relationship("SUPPLIES", "a", "b", product="chips", valid_from="2025")
    assert client.put("/relationships", json=again).status_code == 200
    assert client.post("/entities/b/merge", json={"into": "d"}).status_code == 200
    assert client.delete("/relationships/c|DEPENDS_ON|d").status_code == 204
    assert client.post("/relationships/c|DEPENDS_ON|d/restore").status_code == 200
    (found,) = db.query(ASTRAY)
    assert found["facts"] >= 3 and found["astray"] == []
    # read by id (as through a hub), the merged graph reads as it does by degree
    by_degree = neighbours(client, "d")
    walks_budget, walks.LAZY_FROM = walks.LAZY_FROM, 0
    try:
        assert neighbours(client, "d") == by_degree == {"a", "c"}
    finally:
        walks.LAZY_FROM = walks_budget


def test_a_graph_from_before_the_ends_were_stored_gets_them_with_the_schema(
    client: TestClient, db: Db, settings: Settings
) -> None:
    load(client, db)
    db.query("MATCH ()-[r]->() WHERE r.id IS NOT NULL REMOVE r.from_id, r.to_id")
    assert db.query(ASTRAY)[0]["astray"]
    version, _ = apply_schema_from(ENDS_STORED_FROM - 1, db, settings)
    assert version >= ENDS_STORED_FROM
    (found,) = db.query(ASTRAY)
    assert found["facts"] == 3 and found["astray"] == []
