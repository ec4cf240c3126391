"""Hostile input in every path parameter, query parameter and body field: each value is
stored literally or refused with a 4xx, and nothing else in the graph changes."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.settings import ApiSettings as Settings
from tests.conftest import Db, seed_article
from tests.payloads import SOURCE, relationship, source

PAYLOADS = [
    "' OR 1=1 //",
    '"}) MATCH (n) DETACH DELETE n //',
    "`Entity`) DETACH DELETE n WITH 1 AS x MATCH (m",
    "MATCH (n) DETACH DELETE n",
    "$id {id: $id} :param x => 1",
    "\\u0027; CALL db.clearQueryCaches()",
    "line\nbreak\r\n\ttab",
    "nul\x00byte",
    "\ud800 lone surrogate",
    "emoji 🚢 and ünïcödé and 台灣",
    '*~?:^()[]{}"\\/ lucene specials',
    "a" * 5000,
]
NUMBERS = [-1, -(10**20), 10**20, 1e308, -0.5]


def dump(db: Db) -> list[Any]:
    return db.query(
        "MATCH (n) WHERE n:Entity OR n:Source RETURN n.id AS id, properties(n) AS p ORDER BY id"
    ) + db.query("MATCH ()-[r]->() RETURN properties(r) AS p ORDER BY r.id")


@pytest.fixture
def article(db: Db, settings: Settings) -> Db:
    seed_article(settings)
    return db


def raw_json(client: TestClient, method: str, url: str, body: Any) -> Any:
    # json.dumps keeps lone surrogates as \ud800 escapes, as a hostile client would send them
    return client.request(
        method, url, content=json.dumps(body), headers={"content-type": "application/json"}
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_path_and_query_parameters(client: TestClient, article: Db, payload: str) -> None:
    before = dump(article)
    # percent-encoded as a client would (a lone surrogate becomes bytes that are not UTF-8)
    segment = quote(payload.encode("utf-8", "surrogatepass"), safe="")
    for url, params in [
        (f"/entities/{segment}", {}),
        (f"/entities/{segment}/neighbourhood", {}),
        (f"/relationships/{segment}", {}),
        (f"/entities/{segment}/stances", {}),
        ("/search", {"q": payload}),
        ("/entities", {"name": payload}),
        ("/entities", {"cursor": payload}),
        ("/paths", {"from": payload, "to": "tsmc"}),
        ("/entities/tsmc/supply-chain", {"product": payload}),
        ("/entities/tsmc/neighbourhood", {"types": payload, "as_of": payload}),
        ("/search", {"q": "tsmc", "cursor": payload}),
        ("/export", {"root": payload}),
    ]:
        query = "&".join(
            f"{k}={quote(v.encode('utf-8', 'surrogatepass'), safe='')}" for k, v in params.items()
        )
        response = client.get(f"{url}?{query}" if query else url)
        assert response.status_code < 500, (url, params, response.text)
    for url in (f"/entities/{segment}", f"/relationships/{segment}"):
        assert client.delete(url).status_code < 500
    assert dump(article) == before


@pytest.mark.parametrize("payload", PAYLOADS)
def test_body_fields_are_stored_literally_or_refused(
    client: TestClient, article: Db, payload: str
) -> None:
    before = dump(article)
    written: list[str] = []
    for field in ("name", "description", "aliases", "sector"):
        body = {"id": "probe-firm", "kind": "firm", "name": "Probe", "sources": [SOURCE]}
        body[field] = [payload] if field == "aliases" else payload
        client.put("/sources/test-source", json=source())
        response = raw_json(client, "PUT", "/entities/probe-firm", body)
        assert response.status_code < 500, (field, response.text)
        if response.status_code < 300:
            stored = article.query(f"MATCH (n:Entity {{id: 'probe-firm'}}) RETURN n.{field} AS v")[
                0
            ]["v"]
            assert stored == body[field], field
            written.append(field)
        else:
            assert response.headers["content-type"] == "application/problem+json"
    for field in ("role", "evidence"):
        rel = relationship("HOLDS_ROLE", "cheng-li-chiun", "taiwan-government", role="Minister")
        if field == "role":
            rel["role"] = payload
        else:
            rel["attestations"][0]["evidence"] = payload
        response = raw_json(client, "PUT", "/relationships", rel)
        assert response.status_code < 500, (field, response.text)
        if response.status_code < 300:
            stored = article.query(
                "MATCH (:Entity {id: 'cheng-li-chiun'})-[r:HOLDS_ROLE]->() "
                "WHERE $source IN r.source_ids RETURN r.role AS role, r.evidence AS ev",
                source=SOURCE,
            )
            assert (
                stored and (stored[0]["role"] if field == "role" else stored[0]["ev"][0]) == payload
            )
    # everything the article seeded is as it was
    after = [
        row
        for row in dump(article)
        if row.get("id") not in ("probe-firm", SOURCE)
        and SOURCE not in (row["p"].get("source_ids") or [])
    ]
    assert after == [row for row in before if row.get("id") != SOURCE]


@pytest.mark.parametrize("number", NUMBERS)
def test_huge_and_negative_numbers_are_refused(
    client: TestClient, article: Db, number: float
) -> None:
    before = dump(article)
    rel = relationship(
        "INVESTS_IN",
        "tsmc",
        "arizona",
        amount=number,
        currency="USD",
        attestations=[
            {"source": "taiwan-us-tech-talks-article", "evidence": "x", "confidence": number}
        ],
    )
    assert raw_json(client, "PUT", "/relationships", rel).status_code == 422
    for params in ({"depth": number}, {"limit": number}):
        assert client.get("/entities/tsmc/neighbourhood", params=params).status_code == 422
    assert dump(article) == before


def test_deep_json_is_refused(client: TestClient, article: Db) -> None:
    before = dump(article)
    deep = "[" * 100_000 + "]" * 100_000
    response = client.post("/batch", content=deep, headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500
    nested: Any = {"id": "deep"}
    for _ in range(200):
        nested = {"x": nested}
    response = raw_json(
        client,
        "PUT",
        "/entities/deep",
        {"id": "deep", "kind": "firm", "name": nested, "sources": [SOURCE]},
    )
    assert response.status_code == 422
    assert dump(article) == before
