"""The change feed under concurrent writers, over real HTTP, and the README's worked
example of the two time axes on the article graph."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import neo4j

from api.settings import ApiSettings as Settings
from tests.conftest import Db
from tests.payloads import entity, relationship, source

WRITERS = 4
WRITES_EACH = 12


def _writer(url: str, n: int, errors: list[str]) -> None:
    with httpx.Client(base_url=url, timeout=30) as http:
        for i in range(WRITES_EACH):
            # every writer touches the same entity too, so their transactions contend
            responses = [
                http.put(f"/entities/w{n}-{i}", json=entity(f"w{n}-{i}")),
                http.patch("/entities/hub", json={"description": f"writer {n} step {i}"}),
                http.put(
                    "/relationships",
                    json=relationship("SUPPLIES", f"w{n}-{i}", "hub", product=f"p{n}"),
                ),
            ]
            errors += [r.text for r in responses if r.status_code >= 300]


def test_a_poller_sees_every_change_once_in_commit_order_while_writers_race(
    live_api: str, driver: neo4j.Driver, settings: Settings
) -> None:
    Db(driver, settings.neo4j_database).wipe()
    with httpx.Client(base_url=live_api, timeout=30) as http:
        assert http.put("/sources/test-source", json=source()).status_code in (200, 201)
        assert http.put("/entities/hub", json=entity("hub")).status_code in (200, 201)
        start = http.get("/changes", params={"limit": 500}).json()
        while start["more"]:
            start = http.get("/changes", params={"after": start["cursor"], "limit": 500}).json()
        cursor = start["cursor"]
        errors: list[str] = []
        threads = [
            threading.Thread(target=_writer, args=(live_api, n, errors)) for n in range(WRITERS)
        ]
        for t in threads:
            t.start()
        seen: list[dict[str, Any]] = []
        while True:
            alive = any(t.is_alive() for t in threads)
            page = http.get("/changes", params={"after": cursor, "limit": 7}).json()
            seen += page["items"]
            cursor = page["cursor"]
            if not alive and not page["more"]:
                break
        for t in threads:
            t.join()
        assert errors == []
        everything = http.get("/changes", params={"after": start["cursor"], "limit": 500}).json()
    seqs = [r["seq"] for r in seen]
    # once each, in order, nothing skipped: exactly the feed as read afterwards
    assert seqs == sorted(set(seqs))
    assert seen == everything["items"]
    assert seqs == list(range(start["cursor"] + 1, start["cursor"] + 1 + len(seqs)))
    assert len(seen) == WRITERS * WRITES_EACH * 3
    # the hub's history holds every writer's change, each by the local writer
    hub = [r for r in seen if r["item_id"] == "hub"]
    assert len(hub) == WRITERS * WRITES_EACH and {r["by"] for r in hub} == {"local"}


def test_the_readme_worked_example_on_the_article_graph(seeded_api: str) -> None:
    fact = "/relationships/tsmc|INVESTS_IN|arizona"
    with httpx.Client(base_url=seeded_api, timeout=30) as http:
        before = http.get(fact).json()["relationship"]
        t0 = before["updated_at"]
        later = {"id": "later-outlet", "title": "A later report", "published": "2026-12-01"}
        assert http.put("/sources/later-outlet", json=later).status_code == 201
        body = {
            "type": "INVESTS_IN",
            "from_id": "tsmc",
            "to_id": "arizona",
            "amount": 200e9,
            "currency": "USD",
            "attestations": [
                {"source": "later-outlet", "evidence": "reports a larger figure", "confidence": 0.7}
            ],
        }
        assert http.put("/relationships", json=body, params={"reason": "second report"}).is_success
        now = http.get(fact).json()["relationship"]
        assert now["qualifiers"]["amount"] == 200e9 and now["disputed"]
        assert {c["values"]["amount"] for c in now["claims"]} == {165e9, 200e9}
        then = http.get(fact, params={"known_at": t0}).json()["relationship"]
        assert then["qualifiers"]["amount"] == 165e9 and not then["disputed"]
        around = http.get(
            "/entities/tsmc/neighbourhood", params={"known_at": t0, "as_of": "2025-06-01"}
        ).json()
        assert any(e["id"] == "tsmc|INVESTS_IN|arizona" for e in around["edges"])
        assert [f["id"] for f in http.get("/conflicts").json()["items"]] == [
            "tsmc|INVESTS_IN|arizona"
        ]
        history = http.get(fact + "/history").json()["items"]
        assert history[-1]["reason"] == "second report"
        assert history[-1]["changes"]["amount"] == [165e9, 200e9]


def test_the_feed_says_what_each_revision_changed_as_the_history_does(
    client: Any, db: Db
) -> None:
    """Issue 24: the feed's `changes` were always empty, even for an update."""
    assert client.put("/sources/s1", json=source("s1")).status_code == 201
    start = client.get("/changes").json()["cursor"]
    client.put("/sources/s1", json={**source("s1"), "published": "2025-06-01"})
    client.put("/sources/s1", json={**source("s1"), "published": "2027-01-01"})
    feed = client.get("/changes", params={"after": start}).json()["items"]
    history = client.get("/sources/s1/history").json()["items"]
    assert [r["changes"] for r in feed] == [r["changes"] for r in history[-2:]]
    assert feed[-1]["changes"]["published"] == ["2025-06-01", "2027-01-01"]
    # a page that starts mid-way still compares with the revision before it
    last = client.get("/changes", params={"after": feed[-1]["seq"] - 1}).json()["items"]
    assert last[0]["changes"]["published"] == ["2025-06-01", "2027-01-01"]
    assert set(last[0]["changes"]) == {"published", "updated_at"}
    created = client.get("/changes").json()["items"][0]
    assert created["op"] == "created" and created["changes"]["title"] == [None, "Document s1"]


def test_a_cursor_past_the_feeds_head_is_refused_naming_the_head(client: Any, db: Db) -> None:
    """Issue 24: a cursor past the head was echoed, so a client never saw what it missed."""
    assert client.put("/sources/s1", json=source("s1")).status_code == 201
    head = client.get("/changes", params={"limit": 500}).json()["cursor"]
    at_head = client.get("/changes", params={"after": head})
    assert at_head.status_code == 200 and at_head.json() == {
        "items": [],
        "cursor": head,
        "more": False,
    }
    past = client.get("/changes", params={"after": 1_000_000_000})
    assert past.status_code == 422
    problem = past.json()
    assert problem["pointer"] == "query:after" and f"last revision, {head}" in problem["detail"]
