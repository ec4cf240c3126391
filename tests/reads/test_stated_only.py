"""Stated or inferred: the attestation rule over HTTP, and `stated_only=true` on every query
that takes it, over a small graph with a stated and an inferred way through it."""

from __future__ import annotations

import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.store.settings import Settings
from graph.store.stored_shapes import WHOLE_FROM
from tests.conftest import Db
from tests.payloads import SOURCE, entity, relationship, source
from tests.shared import apply_schema_from

OTHER = "other-source"


def stated(confidence: float = 0.9, src: str = SOURCE) -> dict[str, Any]:
    return {
        "source": src,
        "basis": "stated",
        "evidence": "the source says so",
        "confidence": confidence,
    }


def inferred(confidence: float = 0.5, src: str = SOURCE) -> dict[str, Any]:
    return {
        "source": src,
        "basis": "inferred",
        "reason": "the editor reads it between the lines",
        "evidence": "the source hints at it",
        "confidence": confidence,
    }


def fact(rel_type: str, a: str, b: str, *attestations: dict[str, Any], **q: Any) -> dict[str, Any]:
    return relationship(rel_type, a, b, attestations=list(attestations), **q)


@pytest.fixture
def mixed(client: TestClient, db: Db) -> Db:
    """firm-a invests in place-x (stated) and operates fab-y (inferred); fab-y is in place-x
    (stated), so firm-a reaches fab-y in one inferred hop or two stated ones."""
    body = {
        "sources": [source(), source(OTHER)],
        "entities": [entity(i) for i in ("firm-a", "firm-b", "firm-c", "firm-d")]
        + [
            entity("place-x", "location"),
            entity("fab-y", "facility"),
            entity("plan-p", "proposal"),
            entity("gov-g", "government"),
            entity("talks-e", "event"),
        ],
        "relationships": [
            fact("INVESTS_IN", "firm-a", "place-x", stated()),
            fact("OPERATES", "firm-a", "fab-y", inferred()),
            fact("LOCATED_IN", "fab-y", "place-x", stated()),
            # one fact, two sources: stated by one (0.6), inferred from the other (0.8)
            fact(
                "PRODUCES_IN",
                "firm-a",
                "place-x",
                stated(0.6),
                inferred(0.8, OTHER),
                product="chips",
            ),
            fact("LOCATED_IN", "firm-d", "place-x", inferred()),
            fact("SUPPLIES", "firm-b", "firm-a", stated(), product="wafers"),
            fact("SUPPLIES", "firm-c", "firm-a", inferred(), product="gas"),
            fact("PROPOSES", "gov-g", "plan-p", stated(), valid_from="2024"),
            fact("SUPPORTS", "firm-a", "plan-p", inferred()),
            fact("PARTICIPATES_IN", "gov-g", "talks-e", inferred()),
        ],
    }
    response = client.post("/batch", json=body)
    assert response.status_code == 200, response.text
    return db


def get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def both(client: TestClient, url: str, **params: Any) -> tuple[Any, Any]:
    """The answer in full, and with stated_only=true."""
    return get(client, url, **params), get(client, url, stated_only="true", **params)


# --- the rule ---------------------------------------------------------------------------


def test_an_inference_needs_its_reason_and_a_statement_takes_none(
    client: TestClient, mixed: Db
) -> None:
    no_reason = {k: v for k, v in inferred().items() if k != "reason"}
    response = client.put("/relationships", json=fact("OPERATES", "firm-b", "fab-y", no_reason))
    assert response.status_code == 422
    assert response.json()["pointer"] == "/attestations/0/reason"
    assert "needs a reason" in response.json()["detail"]
    with_reason = {**stated(), "reason": "because"}
    response = client.put("/relationships", json=fact("OPERATES", "firm-b", "fab-y", with_reason))
    assert response.status_code == 422
    assert response.json()["pointer"] == "/attestations/0/reason"
    assert "takes no reason" in response.json()["detail"]
    bad_basis = {**stated(), "basis": "guessed"}
    response = client.put("/relationships", json=fact("OPERATES", "firm-b", "fab-y", bad_basis))
    assert response.status_code == 422
    assert response.json()["pointer"] == "/attestations/0/basis"


def test_basis_and_reason_are_stored_and_answered(client: TestClient, mixed: Db) -> None:
    body = get(client, "/relationships/firm-a|PRODUCES_IN|place-x|chips")["relationship"]
    assert [(a["source"], a["basis"], a["reason"]) for a in body["attestations"]] == [
        (SOURCE, "stated", None),
        (OTHER, "inferred", "the editor reads it between the lines"),
    ]
    assert body["confidence"] == 0.8
    stored = mixed.query(
        "MATCH ()-[r:PRODUCES_IN]->() RETURN r.bases AS bases, r.reasons AS reasons"
    )
    assert stored == [
        {"bases": ["stated", "inferred"], "reasons": ["", "the editor reads it between the lines"]}
    ]
    # a source's new word replaces its old one, basis and reason with it; the other stays
    client.put(
        "/relationships",
        json=fact("PRODUCES_IN", "firm-a", "place-x", stated(0.7, OTHER), product="chips"),
    )
    body = get(client, "/relationships/firm-a|PRODUCES_IN|place-x|chips")["relationship"]
    assert [(a["basis"], a["reason"]) for a in body["attestations"]] == [
        ("stated", None),
        ("stated", None),
    ]


def test_a_fact_stored_before_bases_reads_as_stated_once_the_schema_is_applied(
    client: TestClient, mixed: Db, settings: Settings
) -> None:
    mixed.query("MATCH ()-[r:INVESTS_IN]->() REMOVE r.bases, r.reasons")
    apply_schema_from(WHOLE_FROM - 1, mixed, settings)
    body = get(client, "/relationships/firm-a|INVESTS_IN|place-x")["relationship"]
    assert [(a["basis"], a["reason"]) for a in body["attestations"]] == [("stated", None)]
    kept = get(client, "/entities/firm-a/neighbourhood", stated_only="true", types=["INVESTS_IN"])
    assert [e["id"] for e in kept["edges"]] == ["firm-a|INVESTS_IN|place-x"]


# --- stated_only, query by query ----------------------------------------------------------


def test_neighbourhood(client: TestClient, mixed: Db) -> None:
    full, only = both(client, "/entities/firm-a/neighbourhood")
    assert "fab-y" in [n["id"] for n in full["nodes"]]
    assert "firm-a|OPERATES|fab-y" in [e["id"] for e in full["edges"]]
    # in the walk's order: place-x has more relationships than firm-b
    assert [n["id"] for n in only["nodes"]] == ["firm-a", "place-x", "firm-b"]
    assert {e["id"] for e in only["edges"]} == {
        "firm-a|INVESTS_IN|place-x",
        "firm-a|PRODUCES_IN|place-x|chips",
        "firm-b|SUPPLIES|firm-a|wafers",
    }
    # a kept fact lists only its stated attestations, its confidence the highest of those
    produces = next(e for e in only["edges"] if e["type"] == "PRODUCES_IN")
    assert [(a["source"], a["basis"]) for a in produces["attestations"]] == [(SOURCE, "stated")]
    assert produces["confidence"] == 0.6
    full_produces = next(e for e in full["edges"] if e["type"] == "PRODUCES_IN")
    assert (len(full_produces["attestations"]), full_produces["confidence"]) == (2, 0.8)


@pytest.mark.parametrize("mode", ["shortest", "all_shortest", "k_shortest"])
def test_paths_are_found_over_stated_facts(client: TestClient, mixed: Db, mode: str) -> None:
    full, only = both(client, "/paths", mode=mode, k=1, **{"from": "firm-a", "to": "fab-y"})
    assert [e["id"] for e in full["paths"][0]["edges"]] == ["firm-a|OPERATES|fab-y"]
    # not the inferred hop filtered away, but the shortest path over stated facts
    stated_path = only["paths"][0]
    assert stated_path["length"] == 2
    assert [n["id"] for n in stated_path["nodes"]] == ["firm-a", "place-x", "fab-y"]
    assert all(a["basis"] == "stated" for e in stated_path["edges"] for a in e["attestations"])
    none = get(client, "/paths", stated_only="true", **{"from": "firm-d", "to": "place-x"})
    assert none["paths"] == []


def test_common_connections(client: TestClient, mixed: Db) -> None:
    full, only = both(client, "/entities/gov-g/common/firm-a")
    assert [i["node"]["id"] for i in full["items"]] == ["plan-p"]
    assert only["items"] == []


def test_stances(client: TestClient, mixed: Db) -> None:
    full, only = both(client, "/entities/plan-p/stances")
    assert [(s["actor"]["id"], s["stance"]) for s in full["stances"]] == [
        ("gov-g", "PROPOSES"),
        ("firm-a", "SUPPORTS"),
    ]
    assert [(s["actor"]["id"], s["stance"]) for s in only["stances"]] == [("gov-g", "PROPOSES")]


def test_supply_chain(client: TestClient, mixed: Db) -> None:
    full, only = both(client, "/entities/firm-a/supply-chain", direction="upstream")
    assert [n["id"] for n in full["tiers"][0]["entities"]] == ["firm-b", "firm-c"]
    assert [n["id"] for n in only["tiers"][0]["entities"]] == ["firm-b"]


def test_exposure(client: TestClient, mixed: Db) -> None:
    full, only = both(client, "/entities/place-x/exposure")
    assert [e["entity"]["id"] for e in full["exposed"]] == ["fab-y", "firm-a", "firm-d"]
    assert [e["entity"]["id"] for e in only["exposed"]] == ["fab-y", "firm-a"]


def test_timeline(client: TestClient, mixed: Db) -> None:
    full, only = both(client, "/entities/gov-g/timeline")
    assert [(i["what"], i["date"]) for i in full["items"]] == [("fact", "2024"), ("event", None)]
    assert [(i["what"], i["date"]) for i in only["items"]] == [("fact", "2024")]


def test_export(client: TestClient, mixed: Db, monkeypatch: pytest.MonkeyPatch) -> None:
    full, only = both(client, "/export")
    full_ids = {e["id"] for e in full["edges"]}
    only_ids = {e["id"] for e in only["edges"]}
    left_out = {
        "firm-a|OPERATES|fab-y",
        "firm-d|LOCATED_IN|place-x",
        "firm-c|SUPPLIES|firm-a|gas",
        "firm-a|SUPPORTS|plan-p",
        "gov-g|PARTICIPATES_IN|talks-e",
    }
    assert left_out <= full_ids and full_ids - only_ids == left_out
    produces = next(e for e in only["edges"] if e["type"] == "PRODUCES_IN")["properties"]
    assert (produces["source_ids"], produces["bases"], produces["confidence"]) == (
        [SOURCE],
        ["stated"],
        0.6,
    )
    around = get(client, "/export", root="firm-a", depth=1, stated_only="true")
    assert sorted(n["id"] for n in around["nodes"]) == ["firm-a", "firm-b", "place-x"]
    assert [s["id"] for s in around["sources"]] == [SOURCE]  # the inferred one is not cited
    cypher = client.get("/export", params={"format": "cypher", "stated_only": "true"}).text
    assert "firm-a|PRODUCES_IN|place-x|chips" in cypher and "OPERATES" not in cypher
    graphml = client.get("/export", params={"format": "graphml", "stated_only": "true"}).text
    assert "firm-a|SUPPORTS|plan-p" not in graphml and "firm-a|INVESTS_IN|place-x" in graphml


# --- stated_only as known at a moment ----------------------------------------------------


def test_stated_only_at_a_moment_keeps_what_its_sources_stated_then(
    client: TestClient, db: Db
) -> None:
    """A fact inferred then and stated since is left out as known then, and one stated then
    and inferred since is kept (outside tester): by every read that takes stated_only."""
    sources = [source(), source(OTHER)]
    firms = [entity(f, sources=[SOURCE, OTHER]) for f in ("firm-a", "firm-b", "firm-c")]
    first = {
        "sources": sources,
        "entities": firms,
        "relationships": [
            fact("SUPPLIES", "firm-b", "firm-a", inferred(), product="gas"),
            fact("SUPPLIES", "firm-c", "firm-a", stated(), product="wafers"),
        ],
    }
    assert client.post("/batch", json=first).status_code == 200
    (then,) = db.query("MATCH (v:Revision) RETURN max(v.at) AS at")
    time.sleep(0.01)
    later = [
        fact("SUPPLIES", "firm-b", "firm-a", stated(src=OTHER), product="gas"),
        fact("SUPPLIES", "firm-c", "firm-a", inferred(), product="wafers"),
    ]
    for body in later:
        assert client.put("/relationships", json=body).status_code == 200
    gas, wafers = "firm-b|SUPPLIES|firm-a|gas", "firm-c|SUPPLIES|firm-a|wafers"
    for moment, kept, left_out in (({"known_at": then["at"]}, wafers, gas), ({}, gas, wafers)):
        asked = {"stated_only": "true", **moment}
        walked = get(client, "/entities/firm-a/neighbourhood", **asked)
        assert [e["id"] for e in walked["edges"]] == [kept], moment
        chain = get(client, "/entities/firm-a/supply-chain", direction="upstream", **asked)
        assert [e["id"] for tier in chain["tiers"] for e in tier["links"]] == [kept], moment
        exported = get(client, "/export", **asked)
        assert [e["id"] for e in exported["edges"]] == [kept], moment
        around = get(client, "/export", root="firm-a", depth=1, **asked)
        assert [e["id"] for e in around["edges"]] == [kept], moment
        for end, found in ((kept.split("|")[0], True), (left_out.split("|")[0], False)):
            paths = get(client, "/paths", **{"from": end, "to": "firm-a"}, **asked)["paths"]
            assert bool(paths) is found, (moment, end, paths)
            if found:  # the fact's attestations as stated then (or now), no other
                (edge,) = paths[0]["edges"]
                assert {a["basis"] for a in edge["attestations"]} == {"stated"}
