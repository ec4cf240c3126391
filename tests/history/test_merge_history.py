"""Merges keep the past (README, "Merging"): before a merge, every read answers what was
known then, under the ids of then; after it, the merged id and the ids of its facts lead
to the survivor."""

from __future__ import annotations

import hashlib
import time
from typing import Any

from fastapi.testclient import TestClient

from api.settings import ApiSettings as Settings
from tests.conftest import Db
from tests.payloads import entity, relationship, source
from tests.shared import app_client

OLD_FACT = "h2|LOCATED_IN|hloc"
NEW_FACT = "h4|LOCATED_IN|hloc"


def _merged(client: TestClient, db: Db) -> tuple[str, str]:
    """h2 located in hloc, h4 beside it; h2 merged into h4. The moments before and after."""
    db.wipe()
    body = {
        "sources": [source()],
        "entities": [entity("h2"), entity("h4"), entity("hloc", "location", location_type="city")],
        "relationships": [relationship("LOCATED_IN", "h2", "hloc")],
    }
    assert client.post("/batch", json=body).status_code == 200
    time.sleep(0.01)
    before = client.get(f"/relationships/{OLD_FACT}").json()["relationship"]["created_at"]
    time.sleep(0.01)
    assert client.post("/entities/h2/merge", json={"into": "h4"}).status_code == 200
    after = client.get(f"/relationships/{NEW_FACT}").json()["relationship"]["created_at"]
    return before, after


def _ids(view: dict[str, Any]) -> tuple[set[str], set[str]]:
    return {n["id"] for n in view["nodes"]}, {e["id"] for e in view["edges"]}


def test_reads_before_a_merge_answer_what_was_known_then(client: TestClient, db: Db) -> None:
    before, after = _merged(client, db)
    then = {"known_at": before}
    around = client.get("/entities/hloc/neighbourhood", params=then).json()
    assert _ids(around) == ({"hloc", "h2"}, {OLD_FACT})
    fact = client.get(f"/relationships/{OLD_FACT}", params=then)
    assert fact.status_code == 200 and fact.json()["relationship"]["id"] == OLD_FACT
    assert client.get(f"/relationships/{NEW_FACT}", params=then).status_code == 404
    h2 = client.get("/entities/h2", params=then).json()
    assert h2["entity"]["id"] == "h2" and h2["entity"].get("aliases", []) == []
    assert h2["relationships"] == [{"type": "LOCATED_IN", "direction": "out", "count": 1}]
    exported = client.get("/export", params=then).json()
    assert {n["id"] for n in exported["nodes"]} == {"h2", "h4", "hloc"}
    assert [e["id"] for e in exported["edges"]] == [OLD_FACT] and exported["redirects"] == []
    # and after it, the survivor, under the moved fact's id
    now = {"known_at": after}
    assert _ids(client.get("/entities/hloc/neighbourhood", params=now).json()) == (
        {"hloc", "h4"},
        {NEW_FACT},
    )
    assert client.get("/entities/h2", params=now).json()["entity"]["id"] == "h4"


def test_the_present_holds_no_trace_of_the_merged_entity_but_its_redirects(
    client: TestClient, db: Db
) -> None:
    _merged(client, db)
    for shown in ({}, {"include_retracted": "true"}):
        listed = [e["id"] for e in client.get("/entities", params=shown).json()["items"]]
        assert listed == ["h4", "hloc"], shown
        around = client.get("/entities/hloc/neighbourhood", params=shown).json()
        assert _ids(around) == ({"hloc", "h4"}, {NEW_FACT}), shown
        exported = client.get("/export", params=shown).json()
        assert [e["id"] for e in exported["edges"]] == [NEW_FACT], shown
        assert [r["id"] for r in exported["redirects"]] == ["h2"], shown
    assert client.get("/stats").json()["relationships"] == 1
    assert client.post("/entities/h2/restore").status_code == 409
    assert client.post(f"/relationships/{OLD_FACT}/restore").status_code == 404


def test_a_fact_id_built_on_a_merged_id_leads_to_the_moved_fact(client: TestClient, db: Db) -> None:
    _merged(client, db)
    answer = client.get(f"/relationships/{OLD_FACT}")
    assert answer.status_code == 200 and answer.json()["relationship"]["id"] == NEW_FACT
    history = client.get(f"/relationships/{OLD_FACT}/history").json()["items"]
    assert [(r["op"], r.get("merged_into")) for r in history] == [
        ("created", None),
        ("merged", NEW_FACT),
    ]


def test_a_redirect_re_pointed_by_a_later_merge_resolves_as_it_did_then(
    client: TestClient, db: Db
) -> None:
    """x into y, then y into z: between the two, x was y."""
    db.wipe()
    body = {"sources": [source()], "entities": [entity("x"), entity("y"), entity("z")]}
    assert client.post("/batch", json=body).status_code == 200
    assert client.post("/entities/x/merge", json={"into": "y"}).status_code == 200
    between = client.get("/entities/y").json()["entity"]["updated_at"]
    time.sleep(0.01)
    assert client.post("/entities/y/merge", json={"into": "z"}).status_code == 200
    assert client.get("/entities/x", params={"known_at": between}).json()["entity"]["id"] == "y"
    assert client.get("/entities/x").json()["entity"]["id"] == "z"
    exported = client.get("/export", params={"known_at": between}).json()
    assert {r["id"]: r["properties"]["target"] for r in exported["redirects"]} == {"x": "y"}


def test_purging_the_survivor_erases_what_was_merged_into_it(
    client: TestClient, settings: Settings, db: Db
) -> None:
    before, _ = _merged(client, db)
    key = "k" * 32
    named = f"editor:{hashlib.sha256(key.encode()).hexdigest()}"
    with app_client(settings, api_key_hashes=[named]) as editor:
        purge = {"purge": "true", "cascade": "true", "reason": "erasure"}
        auth = {"Authorization": f"Bearer {key}"}
        assert editor.delete("/entities/h4", params=purge, headers=auth).status_code == 200
    assert db.query("MATCH (n:Entity) WHERE n.id IN ['h2', 'h4'] RETURN n") == []
    assert db.query("MATCH ()-[r]-() WHERE r.id = $id RETURN r", id=OLD_FACT) == []
    history = client.get(f"/relationships/{OLD_FACT}/history").json()["items"]
    assert [r["op"] for r in history][-1] == "purged"
    assert all(r["state"] is None for r in history)  # no copy of what was purged
    then = client.get("/entities/hloc/neighbourhood", params={"known_at": before}).json()
    assert _ids(then) == ({"hloc"}, set())


def test_a_fact_between_two_ids_merged_into_one_is_refused(client: TestClient, db: Db) -> None:
    """Found by the model-based test: h2 merged into h4, a fact from h2 to h4 would be a
    loop on h4; it was stored as one."""
    _merged(client, db)
    loop = relationship("DEPENDS_ON", "h2", "h4")
    answer = client.put("/relationships", json=loop)
    assert answer.status_code == 422 and answer.json()["pointer"] == "/to_id", answer.text
    assert "one entity" in answer.json()["detail"]
    batch = client.post("/batch", json={"relationships": [loop]})
    assert batch.status_code == 422 and batch.json()["pointer"] == "/relationships/0/to_id"
    assert client.get("/relationships/h4|DEPENDS_ON|h4").status_code == 404


def test_an_entity_merged_away_links_nothing_in_the_present(client: TestClient, db: Db) -> None:
    """m1 is located in hloc and supplies f2; merged into m3, its two facts move to m3.
    What links hloc and f2 is m3, shown retracted items or not: the merged-away m1 and its
    facts are history, not retracted items of the present."""
    db.wipe()
    body = {
        "sources": [source()],
        "entities": [
            *(entity(i) for i in ("m1", "m3", "f2")),
            entity("hloc", "location", location_type="city"),
        ],
        "relationships": [
            relationship("LOCATED_IN", "m1", "hloc"),
            relationship("SUPPLIES", "m1", "f2", product="chips"),
        ],
    }
    assert client.post("/batch", json=body).status_code == 200
    assert client.post("/entities/m1/merge", json={"into": "m3"}).status_code == 200
    for shown in ({}, {"include_retracted": "true"}):
        answer = client.get("/entities/hloc/common/f2", params=shown)
        assert answer.status_code == 200, answer.text
        assert [c["node"]["id"] for c in answer.json()["items"]] == ["m3"], shown
