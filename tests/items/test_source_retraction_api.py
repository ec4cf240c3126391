"""Retracting a source over HTTP, against the real Neo4j: its claims stop counting and are
listed as retracted, what rested on it alone is hidden as a retraction hides it, ``known_at``
before answers as then, writes citing it anew are refused, and restoring undoes it all."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Db
from tests.payloads import entity, relationship, source

FACT = "tsmc|INVESTS_IN|arizona"
ALONE = "tsmc|SUPPLIES|nvidia|chips"


def word(source_id: str, **more: Any) -> dict[str, Any]:
    return {"source": source_id, "evidence": f"{source_id} says so", "confidence": 0.8, **more}


def fact(client: TestClient, rel_id: str = FACT, **params: Any) -> Any:
    return client.get(f"/relationships/{rel_id}", params=params)


def retract(client: TestClient, source_id: str, reason: str | None = "withdrawn") -> Any:
    params = {"reason": reason} if reason is not None else {}
    return client.delete(f"/sources/{source_id}", params=params)


@pytest.fixture
def two_sources(client: TestClient, db: Db) -> Db:
    """An investment two outlets state with different amounts (the newer one answers), a
    supply fact and an entity only the newer one states, and an entity both cite."""
    for body in (source("old-news", published="2026-01"), source("new-news", published="2026-03")):
        assert client.put(f"/sources/{body['id']}", json=body).status_code == 201
    for body in (
        entity("tsmc", sources=["old-news", "new-news"]),
        entity("arizona", "location", location_type="state", sources=["old-news"]),
        entity("nvidia", sources=["new-news"]),
        entity("lonely", sources=["new-news"]),
    ):
        assert client.put(f"/entities/{body['id']}", json=body).status_code == 201, body
    for body in (
        relationship(
            "INVESTS_IN", "tsmc", "arizona", amount=100.0, currency="USD",
            attestations=[word("old-news")],
        ),
        relationship(
            "INVESTS_IN", "tsmc", "arizona", amount=165.0, currency="USD",
            attestations=[word("new-news", confidence=0.9)],
        ),
        relationship(
            "SUPPLIES", "tsmc", "nvidia", product="chips", attestations=[word("new-news")]
        ),
    ):  # fmt: skip
        assert client.put("/relationships", json=body).status_code in (200, 201)
    assert fact(client).json()["relationship"]["qualifiers"]["amount"] == 165.0
    return db


def test_a_retracted_source_stops_counting_and_its_claims_are_listed_as_retracted(
    client: TestClient, two_sources: Db
) -> None:
    before = fact(client).json()["relationship"]["updated_at"]
    retracted = retract(client, "new-news", "the outlet withdrew the article")
    assert retracted.status_code == 200, retracted.text
    assert retracted.json()["retracted"]["reason"] == "the outlet withdrew the article"
    now = fact(client).json()
    answer = now["relationship"]
    assert answer["qualifiers"]["amount"] == 100.0
    assert [a["source"] for a in answer["attestations"]] == ["old-news"]
    assert answer["confidence"] == 0.8
    claims = {c["values"]["amount"]: c for c in answer["claims"]}
    assert claims[165.0]["retracted"] is True and claims[165.0]["current"] is False
    assert claims[100.0]["retracted"] is False and claims[100.0]["current"] is True
    assert answer["disputed"] is False  # a retracted claim disputes nothing
    shown = {s["id"]: s for s in now["sources"]}
    assert shown["new-news"]["retracted"]["by"] == "local"
    assert shown["old-news"]["retracted"] is None
    assert client.get("/sources/new-news").json()["source"]["retracted"] is not None
    # before the retraction, as it was
    then = fact(client, known_at=before).json()["relationship"]
    assert then["qualifiers"]["amount"] == 165.0
    assert not any(c.get("retracted") for c in then["claims"])


def test_what_rested_on_it_alone_is_hidden_and_comes_back_on_restore(
    client: TestClient, two_sources: Db
) -> None:
    assert retract(client, "new-news").status_code == 200
    assert fact(client, ALONE).status_code == 404
    hidden = fact(client, ALONE, include_retracted="true").json()["relationship"]
    assert hidden["retracted"]["with_source"] == "new-news"
    assert hidden["claims"][0]["retracted"] is True
    # nvidia rested on it alone (its only fact too); tsmc has another source
    assert client.get("/entities/nvidia").status_code == 404
    assert client.get("/entities/lonely").status_code == 404
    assert client.get("/entities/tsmc").status_code == 200
    around = client.get("/entities/tsmc/neighbourhood").json()
    assert {e["id"] for e in around["edges"]} == {FACT}
    restored = client.post("/sources/new-news/restore")
    assert restored.status_code == 200, restored.text
    assert restored.json()["retracted"] is None
    assert fact(client, ALONE).json()["relationship"]["retracted"] is None
    assert client.get("/entities/nvidia").status_code == 200
    assert client.get("/entities/lonely").status_code == 200
    back = fact(client).json()["relationship"]
    assert back["qualifiers"]["amount"] == 165.0
    assert not any(c["retracted"] for c in back["claims"])


def test_an_entity_whose_facts_rest_on_other_sources_stays(
    client: TestClient, two_sources: Db
) -> None:
    """arizona cites only old-news; its fact with tsmc is also stated by new-news."""
    assert retract(client, "old-news").status_code == 200
    assert client.get("/entities/arizona").status_code == 200
    assert fact(client).json()["relationship"]["qualifiers"]["amount"] == 165.0
    # its only fact retracted, it goes too; restored, both come back
    assert client.delete(f"/relationships/{FACT}").status_code in (200, 204)
    assert client.post("/sources/old-news/restore").status_code == 200
    assert retract(client, "old-news").status_code == 200
    assert client.get("/entities/arizona").status_code == 404
    assert client.post("/sources/old-news/restore").status_code == 200
    assert client.get("/entities/arizona").status_code == 200
    # the fact retracted by hand stays retracted: restoring a source is not restoring it
    assert fact(client).status_code == 404


def test_writes_citing_a_retracted_source_anew_are_refused_and_old_citations_kept(
    client: TestClient, two_sources: Db
) -> None:
    assert retract(client, "new-news").status_code == 200
    fresh = relationship("LOCATED_IN", "tsmc", "arizona", attestations=[word("new-news")])
    refused = client.put("/relationships", json=fresh)
    assert refused.status_code == 409, refused.text
    assert refused.json()["pointer"] == "/attestations/0/source"
    assert "source 'new-news' is retracted" in refused.json()["detail"]
    assert fact(client, "tsmc|LOCATED_IN|arizona").status_code == 404
    more = entity("arizona", "location", location_type="state", sources=["new-news"])
    assert client.put("/entities/arizona", json=more).status_code == 409
    # an entity citing it already is written as before (its claim stays listed, not weighed)
    again = entity("tsmc", sources=["old-news", "new-news"], description="a foundry")
    written = client.put("/entities/tsmc", json=again)
    assert written.status_code == 200, written.text
    # rewriting the source's record keeps it retracted
    body = source("new-news", published="2026-03", title="Renamed")
    assert client.put("/sources/new-news", json=body).status_code == 200
    assert client.get("/sources/new-news").json()["source"]["retracted"] is not None


def test_retraction_refusals_name_the_problem(client: TestClient, two_sources: Db) -> None:
    missing = retract(client, "new-news", reason=None)
    assert missing.status_code == 422
    assert missing.json()["pointer"] == "query:reason"
    assert client.get("/sources/new-news").json()["source"]["retracted"] is None
    assert retract(client, "no-such-source").status_code == 404
    assert client.post("/sources/new-news/restore").status_code == 409
    assert retract(client, "new-news").status_code == 200
    assert retract(client, "new-news").status_code == 409


def test_history_and_the_change_feed_record_both(client: TestClient, two_sources: Db) -> None:
    cursor = client.get("/changes").json()["cursor"]
    assert retract(client, "new-news").status_code == 200
    assert client.post("/sources/new-news/restore").status_code == 200
    history = client.get("/sources/new-news/history").json()["items"]
    assert [r["op"] for r in history] == ["created", "retracted", "restored"]
    assert history[1]["reason"] == "withdrawn"
    fact_ops = [r["op"] for r in client.get(f"/relationships/{ALONE}/history").json()["items"]]
    assert fact_ops == ["created", "retracted", "restored"]
    feed = client.get("/changes", params={"after": cursor}).json()["items"]
    changed = {(c["item"], c["item_id"], c["op"]) for c in feed}
    assert ("source", "new-news", "retracted") in changed
    assert ("relationship", ALONE, "restored") in changed
    assert ("entity", "nvidia", "retracted") in changed
