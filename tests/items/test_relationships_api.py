"""Facts over HTTP: the allow-list, qualifiers, provenance merging, and reading why a fact is believed."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Db
from tests.payloads import entity, relationship, source


@pytest.fixture
def small_graph(client: TestClient, db: Db) -> Db:
    client.put("/sources/test-source", json=source())
    client.put("/sources/second-source", json=source("second-source"))
    for body in (
        entity("tsmc"),
        entity("intel"),
        entity("arizona", "location", location_type="state"),
        entity("cheng", "person"),
        entity("plan", "proposal"),
    ):
        assert client.put(f"/entities/{body['id']}", json=body).status_code == 201
    return db


def test_put_relationship_round_trip(client: TestClient, small_graph: Db) -> None:
    body = relationship(
        "INVESTS_IN",
        "tsmc",
        "arizona",
        amount=165e9,
        currency="USD",
        purpose="Fabs",
        valid_from="2025-03",
    )
    response = client.put("/relationships", json=body)
    assert response.status_code == 201, response.text
    fact = response.json()["fact"]
    assert fact["relationship"]["id"] == "tsmc|INVESTS_IN|arizona"
    assert fact["relationship"]["qualifiers"] == {
        "amount": 165e9,
        "currency": "USD",
        "purpose": "Fabs",
    }
    assert fact["relationship"]["valid_from"] == "2025-03"
    assert [s["id"] for s in fact["sources"]] == ["test-source"]

    read = client.get("/relationships/tsmc|INVESTS_IN|arizona")
    assert read.status_code == 200
    assert read.json()["relationship"] == fact["relationship"]
    assert client.put("/relationships", json=body).json()["result"] == "unchanged"
    assert small_graph.query("MATCH ()-[r:INVESTS_IN]->() RETURN r.amount AS a") == [{"a": 165e9}]


def test_second_source_is_added_not_duplicated(client: TestClient, small_graph: Db) -> None:
    client.put("/relationships", json=relationship("SUPPLIES", "tsmc", "intel", product="Wafers"))
    second = relationship(
        "SUPPLIES",
        "tsmc",
        "intel",
        product="Wafers",
        attestations=[{"source": "second-source", "evidence": "also says so", "confidence": 0.6}],
    )
    response = client.put("/relationships", json=second)
    assert response.json()["result"] == "updated"
    atts = response.json()["fact"]["relationship"]["attestations"]
    assert [a["source"] for a in atts] == ["test-source", "second-source"]
    assert response.json()["fact"]["relationship"]["confidence"] == 0.9
    assert small_graph.query("MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS c") == [{"c": 1}]


def test_key_qualifier_separates_facts(client: TestClient, small_graph: Db) -> None:
    client.put("/relationships", json=relationship("SUPPLIES", "tsmc", "intel", product="Wafers"))
    client.put("/relationships", json=relationship("SUPPLIES", "tsmc", "intel", product="Masks"))
    ids = small_graph.query("MATCH ()-[r:SUPPLIES]->() RETURN r.id AS id ORDER BY id")
    assert ids == [{"id": "tsmc|SUPPLIES|intel|Masks"}, {"id": "tsmc|SUPPLIES|intel|Wafers"}]


@pytest.mark.parametrize(
    ("body", "pointer", "fragment"),
    [
        (relationship("FUNDS", "tsmc", "arizona"), "/type", "Input should be"),
        (
            relationship("INVESTS_IN", "tsmc", "arizona", amount=5.0),
            "/currency",
            "amount needs a currency",
        ),
        (
            relationship("INVESTS_IN", "tsmc", "arizona", currency="USD"),
            "/amount",
            "currency without an amount",
        ),
        (
            relationship("INVESTS_IN", "tsmc", "arizona", product="x"),
            "/product",
            "takes no 'product'",
        ),
        (relationship("SUPPLIES", "tsmc", "intel"), "/product", "needs a 'product'"),
        (
            relationship("INVESTS_IN", "tsmc", "arizona", valid_from="2025-13"),
            "/valid_from",
            "not a calendar date",
        ),
        (
            relationship("INVESTS_IN", "tsmc", "arizona", attestations=[]),
            "/attestations",
            "at least 1",
        ),
        (
            relationship("HOLDS_ROLE", "tsmc", "intel", role="CEO"),
            "/from_id",
            "cannot start at a firm",
        ),
        (
            relationship("SUPPLIES", "tsmc", "arizona", product="x"),
            "/to_id",
            "cannot end at a location",
        ),
        (
            relationship("INVESTS_IN", "tsmc", "nowhere"),
            "/to_id",
            "no entity with id 'nowhere'",
        ),
        (
            relationship(
                "INVESTS_IN",
                "tsmc",
                "arizona",
                attestations=[{"source": "unknown-doc", "evidence": "x", "confidence": 0.5}],
            ),
            "/attestations/0/source",
            "no source with id 'unknown-doc'",
        ),
        (
            relationship(
                "INVESTS_IN",
                "tsmc",
                "arizona",
                attestations=[{"source": "test-source", "evidence": "x", "confidence": 1.5}],
            ),
            "/attestations/0/confidence",
            "less than or equal to 1",
        ),
    ],
)
def test_bad_relationships_are_refused_with_the_field_named(
    client: TestClient, small_graph: Db, body: dict, pointer: str, fragment: str
) -> None:
    before = small_graph.counts()
    response = client.put("/relationships", json=body)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["pointer"] == pointer
    assert fragment in problem["detail"]
    assert small_graph.counts() == before


def test_get_and_delete_relationship(client: TestClient, small_graph: Db) -> None:
    client.put("/relationships", json=relationship("PROPOSES", "cheng", "plan", stance="For it"))
    rel_id = "cheng|PROPOSES|plan"
    assert client.get(f"/relationships/{rel_id}").json()["relationship"]["qualifiers"] == {
        "stance": "For it"
    }
    assert client.delete(f"/relationships/{rel_id}").status_code == 204
    assert client.get(f"/relationships/{rel_id}").status_code == 404
    assert client.delete(f"/relationships/{rel_id}").status_code == 404
    assert client.get("/relationships/not-an-id").status_code == 422
