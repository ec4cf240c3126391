"""Reviewing a new text over HTTP, against the real Neo4j: analyse a source's stored text,
list its candidate facts, accept one (its fact written through the write path, pointing
at its sentence) or reject one (remembered across analyses)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Db
from tests.payloads import SOURCE, entity, source

PLAIN = {"Content-Type": "text/plain; charset=utf-8"}
TEXT = (
    "TSMC is putting $165 billion into new fabs in Arizona. Taiwan holds talks with "
    "Washington. Acme Robotics watches."
)


def analysed(client: TestClient) -> dict[str, Any]:
    answer = client.post(f"/sources/{SOURCE}/analysis")
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def candidates(client: TestClient, **params: str) -> list[dict[str, Any]]:
    answer = client.get(f"/sources/{SOURCE}/candidates", params=params)
    assert answer.status_code == 200, answer.text
    found: list[dict[str, Any]] = answer.json()
    return found


def the(found: list[dict[str, Any]], rel_type: str, from_id: str, to_id: str) -> dict[str, Any]:
    (one,) = [
        c for c in found if (c["type"], c["from_id"], c["to_id"]) == (rel_type, from_id, to_id)
    ]
    return one


@pytest.fixture
def texted(client: TestClient, db: Db) -> Db:
    assert client.put(f"/sources/{SOURCE}", json=source()).status_code == 201
    for body in (
        entity("tsmc", name="TSMC"),
        entity("arizona", "location", name="Arizona", location_type="state"),
        entity("taiwan-gov", "government", name="Government of Taiwan", aliases=["Taiwan"]),
        entity("us-gov", "government", name="United States government", aliases=["Washington"]),
    ):
        assert client.put(f"/entities/{body['id']}", json=body).status_code == 201, body
    assert (
        client.put(f"/sources/{SOURCE}/text", content=TEXT.encode(), headers=PLAIN).status_code
        == 201
    )
    return db


def test_an_analysis_finds_mentions_names_and_candidates(client: TestClient, texted: Db) -> None:
    summary = analysed(client)
    assert summary["mentions"] == 4 and summary["unknown_names"] == 1
    assert summary["candidates"]["new"] == summary["candidates"]["found"] >= 2
    read = client.get(f"/sources/{SOURCE}/analysis").json()
    assert [m["text"] for m in read["mentions"]] == ["TSMC", "Arizona", "Taiwan", "Washington"]
    assert [n["text"] for n in read["unknown_names"]] == ["Acme Robotics"]
    found = candidates(client)
    invests = the(found, "INVESTS_IN", "tsmc", "arizona")
    assert invests["sentence"]["exact"] == "TSMC is putting $165 billion into new fabs in Arizona."
    assert invests["status"] == "open" and "billion" in invests["cues"]
    assert (invests["from_name"], invests["to_name"]) == ("TSMC", "Arizona")
    the(found, "NEGOTIATES_WITH", "taiwan-gov", "us-gov")
    # again: the same candidates, none new
    again = analysed(client)["candidates"]
    assert (again["new"], again["dropped"], again["open"]) == (0, 0, len(found))
    assert candidates(client) == found


def test_accepting_writes_the_fact_pointing_at_its_sentence(client: TestClient, texted: Db) -> None:
    analysed(client)
    invests = the(candidates(client), "INVESTS_IN", "tsmc", "arizona")
    url = f"/sources/{SOURCE}/candidates/{invests['id']}"
    body = {"qualifiers": {"amount": 165e9, "currency": "USD"}, "confidence": 0.9}
    accepted = client.post(f"{url}/accept", params={"reason": "checked"}, json=body)
    assert accepted.status_code == 200, accepted.text
    fact = accepted.json()["relationship"]["relationship"]
    assert fact["id"] == accepted.json()["candidate"]["fact_id"] == "tsmc|INVESTS_IN|arizona"
    assert fact["qualifiers"] == {"amount": 165e9, "currency": "USD"}
    (word,) = fact["attestations"]
    assert word["selector"]["exact"] == invests["sentence"]["exact"]
    assert accepted.json()["candidate"]["status"] == "accepted"
    (revision,) = client.get(f"/relationships/{fact['id']}/history").json()["items"]
    assert (revision["by"], revision["reason"]) == ("local", "checked")
    again = client.post(f"{url}/accept", json={})
    assert again.status_code == 409 and "accepted already" in again.text
    assert client.post(f"{url}/reject", json={"reason": "no"}).status_code == 409
    assert candidates(client, status="accepted")[0]["id"] == invests["id"]


def test_a_rejection_is_remembered_across_analyses(client: TestClient, texted: Db) -> None:
    analysed(client)
    talks = the(candidates(client), "NEGOTIATES_WITH", "taiwan-gov", "us-gov")
    url = f"/sources/{SOURCE}/candidates/{talks['id']}/reject"
    assert client.post(url, json={"reason": "  "}).status_code == 422
    rejected = client.post(url, json={"reason": "they only meet"})
    assert rejected.status_code == 200, rejected.text
    assert (rejected.json()["status"], rejected.json()["reason"]) == ("rejected", "they only meet")
    counts = analysed(client)["candidates"]
    assert counts["rejected"] == 1 and counts["new"] == 0
    assert talks["id"] not in {c["id"] for c in candidates(client, status="open")}


def test_an_edited_acceptance_that_would_be_invalid_writes_nothing(
    client: TestClient, texted: Db
) -> None:
    analysed(client)
    invests = the(candidates(client), "INVESTS_IN", "tsmc", "arizona")
    url = f"/sources/{SOURCE}/candidates/{invests['id']}/accept"
    wrong_ends = client.post(url, json={"type": "HOLDS_ROLE"})
    assert wrong_ends.status_code == 422, wrong_ends.text
    bad_amount = client.post(url, json={"qualifiers": {"amount": 5}})
    assert bad_amount.status_code == 422 and "currency" in bad_amount.text
    assert client.post(url, json={"basis": "inferred"}).status_code == 422  # no reason
    assert client.post(url, json={"qualifiers": {"from_id": "x"}}).status_code == 422
    assert client.post(url, json={"colour": "red"}).status_code == 422
    assert client.get("/relationships/tsmc|INVESTS_IN|arizona").status_code == 404
    assert the(candidates(client), "INVESTS_IN", "tsmc", "arizona")["status"] == "open"


def test_review_refuses_what_cannot_be_decided(client: TestClient, texted: Db) -> None:
    analysed(client)
    invests = the(candidates(client), "INVESTS_IN", "tsmc", "arizona")
    url = f"/sources/{SOURCE}/candidates/{invests['id']}/accept"
    assert (
        client.post(f"/sources/{SOURCE}/candidates/{'0' * 24}/accept", json={}).status_code == 404
    )
    assert client.post("/sources/no-such/analysis").status_code == 404
    # the text replaced: the candidate's sentence may be gone; analyse again
    moved = "Preface. " + TEXT
    assert (
        client.put(f"/sources/{SOURCE}/text", content=moved.encode(), headers=PLAIN).status_code
        == 200
    )
    stale = client.post(url, json={})
    assert stale.status_code == 409 and "analyse it again" in stale.text
    assert the(candidates(client), "INVESTS_IN", "tsmc", "arizona")["sentence"]["exact"] is None
    analysed(client)
    assert the(candidates(client), "INVESTS_IN", "tsmc", "arizona")["sentence"]["start"] == 9
    # a retracted source is neither analysed nor accepted from
    assert client.delete(f"/sources/{SOURCE}", params={"reason": "withdrawn"}).status_code == 200
    assert client.post(f"/sources/{SOURCE}/analysis").status_code == 409
    refused = client.post(url, json={})
    assert refused.status_code == 409 and "retracted" in refused.text
    # a source without a text
    assert client.put("/sources/bare", json=source("bare")).status_code == 201
    assert client.post("/sources/bare/analysis").status_code == 409


def test_a_large_graph_is_read_for_the_names_the_text_holds(
    client: TestClient, texted: Db, monkeypatch: pytest.MonkeyPatch
) -> None:
    """README: past ALL_KNOWN entities the analysis reads only those whose names or
    aliases are runs of the text's words (the keyword index on their folded keys)."""
    from graph.ingest import review

    whole = analysed(client)
    monkeypatch.setattr(review, "ALL_KNOWN", 1)
    monkeypatch.setattr(review, "KEYS_PER_QUERY", 3)  # several queries, as a long text makes
    named = analysed(client)
    assert named["known_entities"] == 4  # each is named in the text
    assert {k: named[k] for k in ("mentions", "ambiguous", "unknown_names")} == {
        k: whole[k] for k in ("mentions", "ambiguous", "unknown_names")
    }
    assert named["candidates"]["new"] == 0 and named["candidates"]["dropped"] == 0
    assert client.put("/entities/intel", json=entity("intel", name="Intel")).status_code == 201
    assert analysed(client)["known_entities"] == 4  # not named in the text: not read
