"""Supply chains tier by tier, and as_of on traversals, over a small graph written for them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Db
from tests.payloads import entity, relationship, source


@pytest.fixture
def chain(client: TestClient, db: Db) -> Db:
    """sand-co → wafer-co → fab-co → phone-co, and fab-co depends on power-co."""
    body = {
        "sources": [source()],
        "entities": [entity(i) for i in ("sand-co", "wafer-co", "fab-co", "phone-co", "power-co")]
        + [entity("fab-site", "facility"), entity("ruritania", "location")],
        "relationships": [
            relationship("SUPPLIES", "sand-co", "wafer-co", product="silicon"),
            relationship("SUPPLIES", "wafer-co", "fab-co", product="wafers"),
            relationship("SUPPLIES", "fab-co", "phone-co", product="chips", valid_from="2024"),
            relationship(
                "SUPPLIES",
                "fab-co",
                "phone-co",
                product="legacy chips",
                valid_from="2019",
                valid_to="2023-06",
            ),
            relationship("DEPENDS_ON", "fab-co", "power-co", product="electricity"),
            relationship("OPERATES", "fab-co", "fab-site"),
            relationship("LOCATED_IN", "fab-site", "ruritania"),
        ],
    }
    assert client.post("/batch", json=body).status_code == 200
    return db


def tiers(body: dict) -> list[tuple[int, list[str]]]:
    return [(t["tier"], [n["id"] for n in t["entities"]]) for t in body["tiers"]]


def test_upstream_tier_by_tier(client: TestClient, chain: Db) -> None:
    body = client.get("/entities/phone-co/supply-chain", params={"direction": "upstream"}).json()
    assert tiers(body) == [(1, ["fab-co"]), (2, ["power-co", "wafer-co"]), (3, ["sand-co"])]
    assert [link["sentence"] for link in body["tiers"][1]["links"]] == [
        "Fab Co depends on Power Co for electricity",
        "Wafer Co supplies wafers to Fab Co",
    ]


def test_downstream_and_depth(client: TestClient, chain: Db) -> None:
    body = client.get(
        "/entities/sand-co/supply-chain", params={"direction": "downstream", "depth": 2}
    ).json()
    assert tiers(body) == [(1, ["wafer-co"]), (2, ["fab-co"])]
    power = client.get("/entities/power-co/supply-chain", params={"direction": "downstream"}).json()
    assert tiers(power) == [(1, ["fab-co"]), (2, ["phone-co"])]


def test_product_filter(client: TestClient, chain: Db) -> None:
    body = client.get(
        "/entities/fab-co/supply-chain",
        params={"direction": "downstream", "product": "Legacy Chips"},
    ).json()
    assert [link["id"] for link in body["tiers"][0]["links"]] == [
        "fab-co|SUPPLIES|phone-co|legacy chips"
    ]


def test_as_of_shows_only_facts_valid_then(client: TestClient, chain: Db) -> None:
    def links(day: str | None) -> list[str]:
        params = {"direction": "downstream", "depth": 1} | ({"as_of": day} if day else {})
        body = client.get("/entities/fab-co/supply-chain", params=params).json()
        return [link["qualifiers"]["product"] for t in body["tiers"] for link in t["links"]]

    assert links(None) == ["chips", "legacy chips"]
    assert links("2020-01-01") == ["legacy chips"]
    assert links("2023-06-30") == ["legacy chips"]  # valid through June 2023
    assert links("2023-07-01") == []
    assert links("2024-01-01") == ["chips"]


def test_as_of_on_neighbourhood_and_paths(client: TestClient, chain: Db) -> None:
    view = client.get("/entities/phone-co/neighbourhood", params={"as_of": "2022-01-01"}).json()
    assert [e["id"] for e in view["edges"]] == ["fab-co|SUPPLIES|phone-co|legacy chips"]
    params = {"from": "phone-co", "to": "sand-co"}
    assert client.get("/paths", params=params | {"as_of": "2018-01-01"}).json()["paths"] == []
    found = client.get("/paths", params=params | {"as_of": "2025-01-01"}).json()["paths"]
    assert found[0]["sentences"] == [
        "Fab Co supplies chips to Phone Co",
        "Wafer Co supplies wafers to Fab Co",
        "Sand Co supplies silicon to Wafer Co",
    ]


def test_exposure_of_a_place_reaches_the_operator(client: TestClient, chain: Db) -> None:
    body = client.get("/entities/ruritania/exposure").json()
    assert [(e["entity"]["id"], e["distance"]) for e in body["exposed"]] == [
        ("fab-site", 1),
        ("fab-co", 2),
        ("phone-co", 3),
    ]
    via = body["exposed"][2]["via"]
    # Ruritania <- the site in it <- its operator -> who the operator supplies: each a fact
    assert [fact["id"] for fact in via] == [
        "fab-site|LOCATED_IN|ruritania",
        "fab-co|OPERATES|fab-site",
        "fab-co|SUPPLIES|phone-co|chips",
    ]
    assert via[-1]["sentence"] == "Fab Co supplies chips to Phone Co"
    assert via[-1]["from_id"] == "fab-co" and via[-1]["attestations"]


def test_timeline_orders_dated_facts_first(client: TestClient, chain: Db) -> None:
    client.put("/entities/expo", json=entity("expo", "event", start_date="2021-05"))
    client.put("/relationships", json=relationship("PARTICIPATES_IN", "fab-co", "expo"))
    items = client.get("/entities/fab-co/timeline").json()["items"]
    assert [(i["date"], i["what"]) for i in items] == [
        ("2019", "fact"),
        ("2021-05", "event"),
        ("2024", "fact"),
    ]
