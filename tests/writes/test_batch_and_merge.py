"""Batches (atomic, idempotent, dry run) and merging duplicates."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import Db
from tests.payloads import entity, relationship, source


def batch() -> dict:
    return {
        "sources": [source()],
        "entities": [
            entity("tsmc"),
            entity("arizona", "location", location_type="state"),
            entity("taiwan-government", "government"),
        ],
        "relationships": [
            relationship("INVESTS_IN", "tsmc", "arizona", amount=1.0, currency="USD")
        ],
    }


def test_batch_writes_all_and_second_run_changes_nothing(client: TestClient, db: Db) -> None:
    first = client.post("/batch", json=batch())
    assert first.status_code == 200, first.text
    assert first.json()["entities"] == {"created": 3, "updated": 0, "unchanged": 0}
    assert first.json()["relationships"]["created"] == 1
    assert db.counts() == (4, 1)
    second = client.post("/batch", json=batch()).json()
    assert second["sources"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert second["entities"] == {"created": 0, "updated": 0, "unchanged": 3}
    assert second["relationships"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert second["changes"] == []


def test_one_bad_item_writes_nothing(client: TestClient, db: Db) -> None:
    body = batch()
    body["relationships"].append(relationship("HOLDS_ROLE", "tsmc", "taiwan-government", role="x"))
    response = client.post("/batch", json=body)
    assert response.status_code == 422
    assert response.json()["pointer"] == "/relationships/1/from_id"
    assert db.counts() == (0, 0)


def test_batch_reports_every_problem(client: TestClient, db: Db) -> None:
    body = batch()
    body["entities"].append(entity("tsmc"))
    body["relationships"].append(relationship("INVESTS_IN", "tsmc", "mars"))
    problems = client.post("/batch", json=body).json()["errors"]
    assert {p["pointer"] for p in problems} == {"/entities/3/id", "/relationships/1/to_id"}
    assert db.counts() == (0, 0)


def test_dry_run_returns_the_diff_and_writes_nothing(client: TestClient, db: Db) -> None:
    dry = client.post("/batch", params={"dry_run": "true"}, json=batch())
    assert dry.status_code == 200
    assert dry.json()["dry_run"] is True
    assert dry.json()["entities"]["created"] == 3
    assert db.counts() == (0, 0)
    client.post("/batch", json=batch())
    changed = batch()
    changed["entities"][0]["description"] = "now described"
    diff = client.post("/batch", params={"dry_run": "true"}, json=changed).json()
    assert diff["changes"] == [{"kind": "entity", "id": "tsmc", "result": "updated"}]
    assert db.query("MATCH (n {id: 'tsmc'}) RETURN n.description AS d") == [{"d": None}]


def test_merge_moves_relationships_aliases_and_old_id_resolves(client: TestClient, db: Db) -> None:
    body = batch()
    body["entities"].append(
        entity("taiwan-semiconductor", name="Taiwan Semiconductor", aliases=["TSMC Ltd"])
    )
    body["entities"].append(entity("us-fabs", "facility"))
    body["relationships"] += [
        relationship("OPERATES", "taiwan-semiconductor", "us-fabs"),
        relationship(
            "INVESTS_IN",
            "taiwan-semiconductor",
            "arizona",
            amount=1.0,
            currency="USD",
            attestations=[{"source": "test-source", "evidence": "other words", "confidence": 0.5}],
        ),
    ]
    assert client.post("/batch", json=body).status_code == 200
    # the same source words the investment differently on each: a merge would lose one
    refused = client.post("/entities/taiwan-semiconductor/merge", json={"into": "tsmc"})
    assert refused.status_code == 409, refused.text
    assert "tsmc|INVESTS_IN|arizona" in refused.json()["detail"]
    assert db.counts() == (6, 3)
    # a retracted copy on the survivor is kept, not overwritten: the merge is refused
    assert client.delete("/relationships/tsmc|INVESTS_IN|arizona").status_code == 204
    refused = client.post("/entities/taiwan-semiconductor/merge", json={"into": "tsmc"})
    assert refused.status_code == 409, refused.text
    assert "retracted" in refused.json()["detail"]
    # restored, and worded alike by the source on both: the merge goes through
    assert client.post("/relationships/tsmc|INVESTS_IN|arizona/restore").status_code == 200
    agreeing = relationship(
        "INVESTS_IN",
        "tsmc",
        "arizona",
        amount=1.0,
        currency="USD",
        attestations=[{"source": "test-source", "evidence": "other words", "confidence": 0.5}],
    )
    assert client.put("/relationships", json=agreeing).status_code == 200
    merged = client.post("/entities/taiwan-semiconductor/merge", json={"into": "tsmc"})
    assert merged.status_code == 200, merged.text
    assert merged.json()["aliases"] == ["Taiwan Semiconductor", "TSMC Ltd"]

    resolved = client.get("/entities/taiwan-semiconductor").json()
    assert resolved["entity"]["id"] == "tsmc"
    assert {(r["type"], r["direction"]) for r in resolved["relationships"]} == {
        ("OPERATES", "out"),
        ("INVESTS_IN", "out"),
    }
    rels = db.query(
        "MATCH (a)-[r]->(b) WHERE r.retracted_at IS NULL "
        "RETURN a.id AS a, type(r) AS t, b.id AS b, r.evidence AS e ORDER BY t"
    )
    assert rels == [
        {"a": "tsmc", "t": "INVESTS_IN", "b": "arizona", "e": ["other words"]},
        {"a": "tsmc", "t": "OPERATES", "b": "us-fabs", "e": ["stated in the test"]},
    ]
    # the merged entity and its facts are kept as they stood, out of the present
    kept = db.query(
        "MATCH (n:Entity {id: 'taiwan-semiconductor'})-[r]->(b) "
        "RETURN n.merged_into AS n, r.merged_into AS r, r.retracted_at IS NOT NULL AS out "
        "ORDER BY r"
    )
    assert kept == [
        {"n": "tsmc", "r": "tsmc|INVESTS_IN|arizona", "out": True},
        {"n": "tsmc", "r": "tsmc|OPERATES|us-fabs", "out": True},
    ]

    # writes through the old id land on the survivor; a PUT of the old id is refused
    client.put("/relationships", json=relationship("LOCATED_IN", "taiwan-semiconductor", "arizona"))
    assert db.query("MATCH (:Entity {id: 'tsmc'})-[r:LOCATED_IN]->() RETURN count(r) AS c") == [
        {"c": 1}
    ]
    assert (
        client.put(
            "/entities/taiwan-semiconductor", json=entity("taiwan-semiconductor")
        ).status_code
        == 409
    )


def test_merge_refuses_different_kinds_and_self(client: TestClient, db: Db) -> None:
    client.post("/batch", json=batch())
    assert client.post("/entities/tsmc/merge", json={"into": "arizona"}).status_code == 409
    assert client.post("/entities/tsmc/merge", json={"into": "tsmc"}).status_code == 422
    assert client.post("/entities/tsmc/merge", json={"into": "nobody"}).status_code == 404
    assert db.counts() == (4, 1)


def test_chained_merges_keep_resolving(client: TestClient, db: Db) -> None:
    body = batch()
    body["entities"] += [entity("a-firm"), entity("b-firm")]
    client.post("/batch", json=body)
    client.post("/entities/a-firm/merge", json={"into": "b-firm"})
    client.post("/entities/b-firm/merge", json={"into": "tsmc"})
    assert client.get("/entities/a-firm").json()["entity"]["id"] == "tsmc"
    # merging a merged id again names the survivor, as PATCH and DELETE do (it was a 404)
    again = client.post("/entities/a-firm/merge", json={"into": "arizona"})
    assert again.status_code == 409 and "merged into 'tsmc'" in again.json()["detail"]
    assert again.json()["pointer"] == "path:entity_id"


def test_concurrent_writers_of_one_new_fact_create_it_once(live_api: str, db: Db) -> None:
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    with httpx.Client(base_url=live_api, timeout=30) as http:
        assert http.post("/batch", json=batch()).status_code == 200

    def write(i: int) -> int:
        body = relationship(
            "LOCATED_IN",
            "tsmc",
            "arizona",
            attestations=[{"source": "test-source", "evidence": f"writer {i}", "confidence": 0.5}],
        )
        with httpx.Client(base_url=live_api, timeout=30) as http:
            return http.put("/relationships", json=body).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(write, range(16)))
    assert set(statuses) <= {200, 201}
    assert db.query("MATCH (:Entity {id: 'tsmc'})-[r:LOCATED_IN]->() RETURN count(r) AS c") == [
        {"c": 1}
    ]


def _concurrently(live_api: str, requests: list[tuple[str, str, dict]]) -> list[int]:
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    def send(request: tuple[str, str, dict]) -> int:
        method, url, body = request
        with httpx.Client(base_url=live_api, timeout=30) as http:
            return http.request(method, url, json=body).status_code

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(send, requests))


def _stored_with_sources(live_api: str, prefix: str, count: int) -> list[str]:
    """The test batch stored, with ``count`` more sources for concurrent writers to cite."""
    import httpx

    sources = [f"{prefix}-{i:02d}" for i in range(count)]
    body = batch()
    body["sources"] += [source(s) for s in sources]
    with httpx.Client(base_url=live_api, timeout=30) as http:
        assert http.post("/batch", json=body).status_code == 200
    return sources


def test_concurrent_sources_for_one_fact_are_all_kept(live_api: str, db: Db) -> None:
    sources = _stored_with_sources(live_api, "report", 12)
    attested = [
        relationship(
            "INVESTS_IN",
            "tsmc",
            "arizona",
            amount=1.0,
            currency="USD",
            attestations=[{"source": s, "evidence": f"said in {s}", "confidence": 0.6}],
        )
        for s in sources
    ]
    statuses = _concurrently(live_api, [("PUT", "/relationships", r) for r in attested])
    assert set(statuses) == {200}
    (row,) = db.query(
        "MATCH (:Entity {id: 'tsmc'})-[r:INVESTS_IN]->(:Entity {id: 'arizona'}) "
        "RETURN r.source_ids AS sources"
    )
    assert sorted(row["sources"]) == sorted(["test-source", *sources])


def test_concurrent_sources_for_one_entity_are_all_kept(live_api: str, db: Db) -> None:
    sources = _stored_with_sources(live_api, "filing", 12)
    writes = [("POST", "/batch", {"entities": [entity("tsmc", sources=[s])]}) for s in sources]
    assert set(_concurrently(live_api, writes)) == {200}
    (row,) = db.query("MATCH (n:Entity {id: 'tsmc'}) RETURN n.source_ids AS sources")
    assert sorted(row["sources"]) == sorted(["test-source", *sources])
