"""Sources that disagree about an entity's own fields: each source's claim is kept, the
newest source's answers (graph/records/entity_claims.py). Pure properties first, then over HTTP
against the real Neo4j (later sources are synthetic: the seed states only its article)."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from graph.domain import Batch
from graph.records.claims import Standing
from graph.records.encoding import entity_public, rechosen_entity
from graph.records.entity_claims import (
    claimed_by,
    corrected,
    decode,
    encode,
    kept_for,
    merged,
    stored_claims,
    with_claims,
)
from graph.store.stored_shapes import entity_claims as older_entity_claims
from graph.writes.check import Snapshot
from graph.writes.plan import Family, Outcome, plan
from tests.conftest import Db
from tests.payloads import entity, source

# --- pure -------------------------------------------------------------------------------

SOURCES = ("a", "b", "c", "d")
DATES = (None, "2024", "2025-06-01", "2026-03", "2026-11-30")
values = st.dictionaries(
    st.sampled_from(("status", "sector", "n")),
    st.sampled_from(("x", "y", "z")) | st.integers(0, 3),
    max_size=3,
)
claims_st = st.dictionaries(st.sampled_from(SOURCES), values, max_size=4)
dates_st = st.fixed_dictionaries({s: st.sampled_from(DATES) for s in SOURCES})


@given(claims_st)
def test_claims_round_trip_canonically(claims: dict[str, dict[str, Any]]) -> None:
    assert decode(encode(claims)) == claims
    assert encode(decode(encode(claims))) == encode(claims)


@given(claims_st, st.lists(st.sampled_from(SOURCES), unique=True), values)
def test_a_write_replaces_its_sources_claims_only(
    claims: dict[str, dict[str, Any]], sources: list[str], sent: dict[str, Any]
) -> None:
    after = claimed_by(claims, sources, sent)
    assert all(after[s] == sent for s in sources)
    assert all(after[s] == c for s, c in claims.items() if s not in sources)


@given(claims_st, values, st.sampled_from(("status", "sector")))
def test_a_correction_holds_in_every_claim(
    claims: dict[str, dict[str, Any]], change: dict[str, Any], removed: str
) -> None:
    fix = {**change, removed: None}
    after = corrected(claims, fix)
    assert set(after) == set(claims)
    for said, claim in after.items():
        assert removed not in claim
        assert all(claim[k] == v for k, v in change.items() if k != removed)
        kept = {k: v for k, v in claims[said].items() if k not in fix}
        assert {k: v for k, v in claim.items() if k not in fix} == kept


@given(claims_st, claims_st)
def test_a_merge_keeps_both_the_survivors_winning(
    kept: dict[str, dict[str, Any]], gone: dict[str, dict[str, Any]]
) -> None:
    both = merged(kept, gone)
    assert set(both) == set(kept) | set(gone)
    assert all(both[s] == c for s, c in kept.items())


@given(claims_st, dates_st)
def test_the_answer_is_the_newest_claim_and_unstated_fields_dispute_nothing(
    claims: dict[str, dict[str, Any]], dates: dict[str, str | None]
) -> None:
    # a kind this declaration lacks reads untyped, whatever the values
    props = {"id": "p", "kind": "undeclared", "name": "P", "source_ids": list(claims), "old": 1}
    stored = with_claims(props, {"old"}, claims, Standing(dates))
    assert "old" not in stored or not claims
    if not claims:
        return
    newest = max((s for s in claims), key=lambda s: dates[s] or "")
    newest_date = dates[newest] or ""
    for field, value in claims[newest].items():
        if all((dates[s] or "") < newest_date or claims[s] == claims[newest] for s in claims):
            assert stored[field] == value
    stating = [c for c in claims.values() if c]
    agree = all(all(stored.get(k) == v for k, v in c.items()) for c in stating)
    assert stored["disputed"] is (not agree)
    # the entity answers those values, with the claims beside them, none among attributes
    public = entity_public(stored)
    assert not {"attribute_claims", "disputed", "choice"} & set(public.attributes.as_dict())
    assert sorted(s for c in public.claims for s in c.sources) == sorted(claims)
    assert rechosen_entity(stored, Standing(dates)) is None


def test_an_entity_stored_before_claims_has_each_source_claim_its_values() -> None:
    """Schema version 8 gives it the claims (graph/store/stored_shapes.py)."""
    props = {"id": "p", "kind": "proposal", "name": "P", "source_ids": ["a", "b"],
             "proposal_type": "initiative", "status": "floated"}  # fmt: skip
    props["attribute_claims"] = older_entity_claims(props)
    claims = stored_claims(props)
    assert claims == {s: {"proposal_type": "initiative", "status": "floated"} for s in "ab"}
    public = entity_public(props)
    assert public.attributes.as_dict()["status"] == "floated" and not public.disputed
    assert [c.sources for c in public.claims] == [["a", "b"]]
    assert kept_for(claims, ["b", "z"]) == {"b": claims["b"]}


def test_a_plan_keeps_each_sources_claim_and_answers_the_newest() -> None:
    """The pure write step: a second source's word is a second claim, not an overwrite."""
    sources = {"a": {"id": "a", "published": "2026-01"}, "b": {"id": "b", "published": "2026-03"}}
    floated = entity("p", "proposal", sources=["a"], proposal_type="initiative", status="floated")
    rejected = {**floated, "sources": ["b"], "status": "rejected"}
    first = plan(Batch(entities=[floated]), Snapshot(sources=sources), now="t1")
    stored = first.entities[0]["props"]
    assert stored["status"] == "floated" and stored["disputed"] is False
    second = plan(
        Batch(entities=[rejected]), Snapshot(entities={"p": stored}, sources=sources), now="t2"
    )
    props = second.entities[0]["props"]
    assert second.outcome(Family.ENTITIES, "p") is Outcome.UPDATED
    assert props["status"] == "rejected" and props["disputed"] is True
    assert decode(props["attribute_claims"]) == {
        "a": {"proposal_type": "initiative", "status": "floated"},
        "b": {"proposal_type": "initiative", "status": "rejected"},
    }
    # the older source's date moved past the other's: its claim answers again
    later = {"a": "2026-06", "b": "2026-03"}
    assert (rechosen_entity(props, Standing(later)) or {})["status"] == "floated"
    # the same write again changes nothing
    again = plan(
        Batch(entities=[rejected]), Snapshot(entities={"p": props}, sources=sources), now="t3"
    )
    assert again.outcome(Family.ENTITIES, "p") is Outcome.UNCHANGED


# --- over HTTP ------------------------------------------------------------------------------


def _proposal(src: str, **fields: Any) -> dict[str, Any]:
    fields.setdefault("proposal_type", "investment_plan")
    return entity("chips-plan", "proposal", name="Chips plan", sources=[src], **fields)


def _sources(client: TestClient) -> None:
    for body in (
        source(),
        source("outlet-a", published="2026-01-10"),
        source("outlet-b", published="2026-03-02"),
        source("outlet-c", published="2026-05-01"),
    ):
        assert client.put(f"/sources/{body['id']}", json=body).status_code == 201


def _read(client: TestClient) -> dict[str, Any]:
    response = client.get("/entities/chips-plan")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()["entity"]
    return found


def _claimed(found: dict[str, Any]) -> dict[str, Any]:
    """Each source's claimed status (None: it states none)."""
    return {s: c["values"].get("status") for c in found["claims"] for s in c["sources"]}


def _floated_then_rejected(client: TestClient) -> None:
    _sources(client)
    assert (
        client.put("/entities/chips-plan", json=_proposal("outlet-a", status="floated")).status_code
        == 201
    )
    assert (
        client.put(
            "/entities/chips-plan", json=_proposal("outlet-b", status="rejected")
        ).status_code
        == 200
    )


def test_a_status_floated_then_rejected_keeps_both_claims_and_is_listed(
    client: TestClient, db: Db
) -> None:
    _floated_then_rejected(client)
    found = _read(client)
    assert found["attributes"]["status"] == "rejected"
    assert found["disputed"] is True and "newest source" in found["choice"]
    assert _claimed(found) == {"outlet-a": "floated", "outlet-b": "rejected"}
    assert [c["current"] for c in found["claims"]] == [True, False]
    assert not {"attribute_claims", "disputed", "choice"} & set(found["attributes"])
    listed = client.get("/conflicts/entities").json()
    assert [e["id"] for e in listed["items"]] == ["chips-plan"]
    assert listed["items"][0]["attributes"]["status"] == "rejected"
    # a page at a time, by entity id
    other = {**_proposal("outlet-a", status="floated"), "id": "chips-plan-2"}
    assert client.put("/entities/chips-plan-2", json=other).status_code == 201
    other_b = {**_proposal("outlet-b", status="adopted"), "id": "chips-plan-2"}
    assert client.put("/entities/chips-plan-2", json=other_b).status_code == 200
    first = client.get("/conflicts/entities", params={"limit": 1}).json()
    assert [e["id"] for e in first["items"]] == ["chips-plan"]
    rest = client.get("/conflicts/entities", params={"cursor": first["next_cursor"]}).json()
    assert [e["id"] for e in rest["items"]] == ["chips-plan-2"] and rest["next_cursor"] is None
    # the same word again changes nothing; the stored claims are one canonical property
    again = client.put("/entities/chips-plan", json=_proposal("outlet-b", status="rejected"))
    assert again.json()["result"] == "unchanged", again.text
    (row,) = db.query("MATCH (n:Entity {id: 'chips-plan'}) RETURN n.attribute_claims AS c")
    assert json.loads(row["c"])["outlet-a"] == {
        "proposal_type": "investment_plan",
        "status": "floated",
    }


def test_a_source_stating_no_status_disputes_nothing(client: TestClient, db: Db) -> None:
    _sources(client)
    assert (
        client.put("/entities/chips-plan", json=_proposal("outlet-a", status="adopted")).status_code
        == 201
    )
    # the newest source names the plan without a status
    assert client.put("/entities/chips-plan", json=_proposal("outlet-c")).status_code == 200
    found = _read(client)
    assert found["attributes"]["status"] == "adopted"
    assert found["disputed"] is False
    assert _claimed(found) == {"outlet-a": "adopted", "outlet-c": None}
    assert client.get("/conflicts/entities").json()["items"] == []


def test_a_patch_corrects_every_sources_claim(client: TestClient, db: Db) -> None:
    _floated_then_rejected(client)
    patched = client.patch("/entities/chips-plan", json={"attributes": {"status": "withdrawn"}})
    assert patched.status_code == 200, patched.text
    found = _read(client)
    assert _claimed(found) == {"outlet-a": "withdrawn", "outlet-b": "withdrawn"}
    assert found["attributes"]["status"] == "withdrawn" and found["disputed"] is False
    # a field removed is removed from every claim; the others stay claimed
    cleared = client.patch("/entities/chips-plan", json={"attributes": {"status": None}})
    assert cleared.status_code == 200, cleared.text
    found = _read(client)
    assert "status" not in found["attributes"]
    assert all(c["values"] == {"proposal_type": "investment_plan"} for c in found["claims"])
    # sources replaced: the removed source's claim goes with it
    client.patch("/entities/chips-plan", json={"attributes": {"status": "floated"}})
    client.put("/entities/chips-plan", json=_proposal("outlet-b", status="rejected"))
    replaced = client.patch("/entities/chips-plan", json={"sources": ["outlet-a"]})
    assert replaced.status_code == 200, replaced.text
    found = _read(client)
    assert _claimed(found) == {"outlet-a": "floated"}
    assert found["attributes"]["status"] == "floated" and found["disputed"] is False


def test_a_merge_keeps_both_entities_claims(client: TestClient, db: Db) -> None:
    _sources(client)
    plan = _proposal("outlet-a", status="floated")
    assert client.put("/entities/chips-plan", json=plan).status_code == 201
    other = {**_proposal("outlet-b", status="rejected"), "id": "chips-plan-2", "name": "Plan 2"}
    both = {**_proposal("outlet-a", status="proposed"), "id": "chips-plan-2", "name": "Plan 2"}
    assert client.put("/entities/chips-plan-2", json=other).status_code == 201
    assert client.put("/entities/chips-plan-2", json=both).status_code == 200
    merged_answer = client.post("/entities/chips-plan-2/merge", json={"into": "chips-plan"})
    assert merged_answer.status_code == 200, merged_answer.text
    found = _read(client)
    # outlet-a is cited by both: the survivor's own claim wins
    assert _claimed(found) == {"outlet-a": "floated", "outlet-b": "rejected"}
    assert found["attributes"]["status"] == "rejected" and found["disputed"] is True


def test_re_dating_a_source_flips_the_answer_and_is_recorded(client: TestClient, db: Db) -> None:
    _floated_then_rejected(client)
    redated = source("outlet-a", published="2026-06-30")
    assert client.put("/sources/outlet-a", json=redated).status_code == 200
    found = _read(client)
    assert found["attributes"]["status"] == "floated" and found["disputed"] is True
    assert "2026-06-30" in found["choice"]
    history = client.get("/entities/chips-plan/history").json()["items"]
    assert history[-1]["changes"]["status"] == ["rejected", "floated"]
