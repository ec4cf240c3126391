"""Every export is one moment (README, "One moment per answer"), under racing writers.

Writers retract and restore an entity with its facts, merge entities (and merge the
survivors on, so older redirects are re-pointed), and change a fact's claims, while
exports stream in every format. Each export names the change feed's head it was pinned
to (``X-Revision-Head``); the checker replays the feed up to that head and requires the
export to hold exactly that graph, and to be whole (no fact without its ends, no redirect
to nothing): so each would re-import as it was.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from typing import Any

import httpx
import pytest
from neo4j import AsyncManagedTransaction

import graph.interop.export_read as export_module
from graph.domain import Batch
from graph.errors import DatabaseUnavailable
from graph.interop.export_read import export_items
from graph.items.entities import merge_entities
from graph.items.retraction import retract_entity
from graph.reads.lookup import by_id
from graph.reads.pinned import Head
from graph.store import NOW
from graph.store.db import HOLD_SECONDS, READ_ATTEMPTS, Graph, GraphEvents, create_driver, run
from graph.store.settings import Settings
from graph.writes.batches import write_batch
from tests.conftest import Db
from tests.payloads import entity, relationship, source
from tests.writes.test_races import setup

#: seconds the writers race the exports: a few in make test, more under make fuzz
RACE_SECONDS = float(os.environ.get("KG_FUZZ_SECONDS") or 0) / 20 or 6
HUB_FACTS = 300
#: the parameters of a page's facts (facts_of_page) for a page of nothing
EMPTY_PAGE: dict[str, Any] = {
    "page": [],
    "returned": [],
    "types": [],
    "product": None,
    "as_of": None,
    "stated_only": False,
    "few": 100,
    "pair_cost": 2,
    "before": [],
}
#: what a fact's revision state holds beside its stored properties (its ends' ids are
#: stored on it too, so an export's properties hold them)
NOT_STORED = ("type",)


def the_graph() -> dict[str, Any]:
    """A hub with enough facts for the export to take several queries, and `cc`, whose
    facts are retracted and restored with it."""
    firms = [entity(f"f{i:03d}") for i in range(HUB_FACTS)]
    facts = [
        relationship("SUPPLIES", f"f{i:03d}", "hub", product="chips") for i in range(HUB_FACTS)
    ]
    return {
        "sources": [source(), source("other-source"), source("third-source")],
        "entities": [entity("hub"), entity("cc"), entity("cb"), *firms],
        "relationships": [
            *facts,
            relationship("SUPPLIES", "cc", "cb", product="chips"),
            relationship("SUPPLIES", "cb", "hub", product="chips"),
        ],
    }


def retract_and_restore(http: httpx.Client, stop: threading.Event) -> None:
    while not stop.is_set():
        assert http.delete("/entities/cc", params={"cascade": "true"}).status_code == 200
        assert http.post("/entities/cc/restore").status_code == 200


def merge_on(http: httpx.Client, stop: threading.Event) -> None:
    """x merged into y, then y into z: x's redirect is re-pointed at z."""
    round_ = 0
    while not stop.is_set():
        x, y, z = (f"{name}{round_}" for name in "xyz")
        body = {
            "entities": [entity(x), entity(y), entity(z)],
            "relationships": [
                relationship("SUPPLIES", x, "hub", product="chips"),
                relationship("DEPENDS_ON", y, "cb"),
            ],
        }
        assert http.post("/batch", json=body).status_code == 200
        for gone, into in ((x, y), (y, z)):
            answer = http.post(f"/entities/{gone}/merge", json={"into": into})
            assert answer.status_code == 200, answer.text
        round_ += 1


def change_claims(http: httpx.Client, stop: threading.Event) -> None:
    """One fact's dates claimed otherwise by one source after another."""
    round_ = 0
    while not stop.is_set():
        said = ["test-source", "other-source", "third-source"][round_ % 3]
        body = relationship(
            "SUPPLIES",
            "cb",
            "hub",
            product="chips",
            valid_from=str(2000 + round_ % 20),
            attestations=[{"source": said, "evidence": f"round {round_}", "confidence": 0.5}],
        )
        assert http.put("/relationships", json=body).status_code in (200, 201)
        round_ += 1


def read_around(http: httpx.Client, stop: threading.Event) -> None:
    """The neighbourhood of cb, read in several queries, holds cc exactly when it holds
    cc's fact to cb: they are retracted and restored together."""
    while not stop.is_set():
        answer = http.get("/entities/cb/neighbourhood", params={"depth": 1})
        assert answer.status_code == 200, answer.text
        view = answer.json()
        nodes = {n["id"] for n in view["nodes"]}
        facts = {e["id"] for e in view["edges"]}
        assert all({e["from_id"], e["to_id"]} <= nodes for e in view["edges"]), view
        assert ("cc" in nodes) == ("cc|SUPPLIES|cb|chips" in facts), (nodes, facts)


def read_export(text: str, fmt: str) -> dict[str, list[dict[str, Any]]]:
    if fmt == "json":
        body: dict[str, list[dict[str, Any]]] = json.loads(text)
        return body
    sections: dict[str, list[dict[str, Any]]] = {
        "nodes": [],
        "edges": [],
        "sources": [],
        "redirects": [],
    }
    for line in text.splitlines():
        item = json.loads(line)
        sections[f"{item.pop('item')}s"].append(item)
    return sections


def feed(http: httpx.Client) -> list[dict[str, Any]]:
    revisions, after = [], 0
    while True:
        page = http.get("/changes", params={"after": after, "limit": 500}).json()
        revisions += page["items"]
        if not page["items"]:
            return revisions
        after = page["cursor"]


def replayed(revisions: list[dict[str, Any]], head: int) -> dict[str, dict[str, Any]]:
    """Each item's state after the revisions up to ``head``: the graph as it stood then."""
    states: dict[str, dict[str, Any]] = {"entity": {}, "relationship": {}, "source": {}}
    for revision in revisions:
        if revision["seq"] <= head:
            states[revision["item"]][revision["item_id"]] = revision["state"]
    return {
        item: {i: s for i, s in held.items() if s is not None and not s.get("retracted_at")}
        for item, held in states.items()
    }


def check(export: dict[str, list[dict[str, Any]]], then: dict[str, dict[str, Any]]) -> None:
    nodes = {n["id"]: n["properties"] for n in export["nodes"]}
    assert len(nodes) == len(export["nodes"]), "an entity twice"
    assert nodes == then["entity"], (
        f"entities not as at the head: extra {sorted(set(nodes) - set(then['entity']))[:5]}, "
        f"missing {sorted(set(then['entity']) - set(nodes))[:5]}"
    )
    edges = {e["id"]: e for e in export["edges"]}
    for fact_id, edge in edges.items():
        assert edge["source"] in nodes and edge["target"] in nodes, f"{fact_id} without an end"
    expected = {
        i: {k: v for k, v in s.items() if k not in NOT_STORED} for i, s in then["relationship"].items()
    }
    assert {i: e["properties"] for i, e in edges.items()} == expected, (
        f"facts not as at the head: extra {sorted(set(edges) - set(expected))[:5]}, "
        f"missing {sorted(set(expected) - set(edges))[:5]}"
    )
    assert {s["id"]: s["properties"] for s in export["sources"]} == then["source"]
    for redirect in export["redirects"]:
        assert redirect["id"] not in nodes, f"{redirect['id']} both an entity and merged"
        assert redirect["properties"]["target"] in nodes, f"{redirect['id']} points at nothing"


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_exports_under_racing_writers_are_each_one_moment(live_api: str, db: Db, fmt: str) -> None:
    setup(live_api, db, the_graph())
    stop = threading.Event()
    failures: list[BaseException] = []

    def writer(work: Any) -> None:
        try:
            with httpx.Client(base_url=live_api, timeout=60) as http:
                work(http, stop)
        except BaseException as exc:  # reported below, with the test's own failure
            failures.append(exc)
            stop.set()

    threads = [
        threading.Thread(target=writer, args=(w,))
        for w in (retract_and_restore, merge_on, change_claims, read_around)
    ]
    exports: list[tuple[int, str]] = []
    with httpx.Client(base_url=live_api, timeout=120) as http:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + RACE_SECONDS
        while time.monotonic() < deadline and not stop.is_set():
            answer = http.get("/export", params={"format": fmt})
            assert answer.status_code == 200, answer.text
            exports.append((int(answer.headers["X-Revision-Head"]), answer.text))
        stop.set()
        for thread in threads:
            thread.join()
        assert not failures, failures
        revisions = feed(http)
    heads = sorted({head for head, _ in exports})
    assert len(heads) > 3, f"the writers wrote too little to race the exports: heads {heads}"
    for head, text in exports:
        check(read_export(text, fmt), replayed(revisions, head))


def test_an_export_names_its_head_and_a_past_one_does_not(client: Any, db: Db) -> None:
    db.wipe()
    assert client.post("/batch", json=the_graph()).status_code == 200
    head = int(client.get("/export").headers["X-Revision-Head"])
    assert client.get("/changes", params={"after": head}).json()["items"] == []
    (last,) = client.get("/changes", params={"after": head - 1}).json()["items"]
    assert last["seq"] == head
    for fmt in ("jsonl", "graphml", "cypher", "ftm"):
        named = client.get("/export", params={"format": fmt}).headers["X-Revision-Head"]
        assert int(named) == head, fmt
    around = client.get("/export", params={"root": "cb", "depth": 1})
    assert int(around.headers["X-Revision-Head"]) == head
    assert "X-Revision-Head" not in client.get("/export", params={"known_at": "2999-01-01"}).headers


def _read_overtaken(
    settings: Settings,
    writes: int,
    wait: float = 1,
    resolve_first: bool = False,
    page_last: bool = False,
) -> tuple[list[tuple[int, int]], int | None, int, list[str]]:
    """A read of two queries (entity counts) with a real write started between them in
    each of its first ``writes`` runs, given ``wait`` seconds to commit: the counts each
    run saw, the answer (None: refused), the count once every write is done, and the
    events the read reported. ``resolve_first``: the read begins as a walk does, with an
    id's lookup, which reads the revision head itself (graph.store.rows.READS_HEAD_FIRST).
    ``page_last``: it ends as a walk does, with a page's facts, whose query reads the
    revision head last itself (graph.store.rows.HEAD_AFTER)."""

    async def go() -> tuple[list[tuple[int, int]], int | None, int, list[str]]:
        driver = create_driver(settings)
        reported: list[str] = []
        graph = Graph(driver, settings, events=GraphEvents(read_again=reported.append))
        seen: list[tuple[int, int]] = []
        writers: list[asyncio.Task[Any]] = []

        async def count(tx: AsyncManagedTransaction) -> int:
            return sum(row["count"] for row in await run(tx, "count_entities_by_kind"))

        async def work(tx: AsyncManagedTransaction) -> int:
            if resolve_first:
                assert await by_id(tx, "no-such-entity", None) == []
            first = await count(tx)
            if len(seen) < writes:
                body = {"sources": [source()], "entities": [entity(f"late-{len(seen)}")]}
                writers.append(asyncio.create_task(write_batch(graph, Batch.model_validate(body))))
                await asyncio.wait(writers[-1:], timeout=wait)
            second = await count(tx)
            seen.append((first, second))
            if page_last:
                (page,) = await run(tx, "facts_of_page", **EMPTY_PAGE, **NOW.params())
                assert page["edges"] == [] and page["revision_head_after"] > 0
            return second

        try:
            try:
                answer: int | None = await graph.read(work)
            except DatabaseUnavailable:
                answer = None
            await asyncio.gather(*writers)
            async with driver.session() as session:
                after = await session.execute_read(count)
            return seen, answer, after, reported
        finally:
            await driver.close()

    return asyncio.run(go())


def test_a_read_overtaken_by_a_write_is_read_again_as_one_moment(
    settings: Settings, db: Db
) -> None:
    db.wipe()
    seen, answer, after, reported = _read_overtaken(settings, writes=1)
    # the first run saw the write land between its queries; the second saw one moment
    assert seen == [(0, 1), (1, 1)] and answer == 1 == after
    assert reported == ["retried"]


def test_a_read_that_begins_by_reading_the_head_itself_is_read_again_when_overtaken(
    settings: Settings, db: Db
) -> None:
    """A walk's first query (an id's lookup) reads the revision head before anything else,
    saving the read a round trip; a write between its later queries is still seen."""
    db.wipe()
    seen, answer, after, reported = _read_overtaken(settings, writes=1, resolve_first=True)
    assert seen == [(0, 1), (1, 1)] and answer == 1 == after
    assert reported == ["retried"]


def test_a_read_that_ends_by_reading_the_head_itself_is_read_again_when_overtaken(
    settings: Settings, db: Db
) -> None:
    """A walk's last query (a page's facts) reads the revision head after everything else,
    saving the read the round trip that checks it; a write between its queries is still
    seen, and the read runs again."""
    db.wipe()
    seen, answer, after, reported = _read_overtaken(
        settings, writes=1, resolve_first=True, page_last=True
    )
    assert seen == [(0, 1), (1, 1)] and answer == 1 == after
    assert reported == ["retried"]


def test_a_read_overtaken_every_time_holds_writes_back_and_answers(
    settings: Settings, db: Db
) -> None:
    """Writes keep landing while a read runs: after READ_ATTEMPTS tries it runs holding
    the revision log, so the write started in that run waits for it, then lands."""
    db.wipe()
    seen, answer, after, reported = _read_overtaken(settings, writes=READ_ATTEMPTS + 1)
    tried = [(n, n + 1) for n in range(READ_ATTEMPTS)]
    assert seen == [*tried, (READ_ATTEMPTS, READ_ATTEMPTS)]
    assert answer == READ_ATTEMPTS and after == READ_ATTEMPTS + 1
    assert reported == ["retried"] * READ_ATTEMPTS + ["held"]


def test_an_export_read_in_many_pages_holds_its_head_while_writes_land_between_them(
    settings: Settings, db: Db, monkeypatch: pytest.MonkeyPatch, client: Any
) -> None:
    """Pages of 7 entities: after the export's first item, writes retract cc with its
    facts, merge firms, add entities and change a claim; the export goes on from the page
    it was on and still holds exactly the graph at its head, as the feed replays it."""
    db.wipe()
    assert client.post("/batch", json=the_graph()).status_code == 200
    monkeypatch.setattr(export_module, "EXPORT_PAGE", 7)

    async def go() -> tuple[int, dict[str, list[dict[str, Any]]]]:
        driver = create_driver(settings)
        graph = Graph(driver, settings)
        head = Head()
        sections: dict[str, list[dict[str, Any]]] = {
            "nodes": [],
            "edges": [],
            "sources": [],
            "redirects": [],
        }
        try:
            async for what, row in export_items(graph, head=head):
                sections[f"{what}s"].append(row)
                if len(sections["nodes"]) == 1 and what == "node":
                    await retract_entity(graph, "cc", cascade=True)
                    await merge_entities(graph, "f001", "f200")
                    await merge_entities(graph, "f200", "f299")  # f001 re-pointed
                    await write_batch(
                        graph,
                        Batch.model_validate({"entities": [entity("aa-new"), entity("zz-new")]}),
                    )
                    change = relationship("SUPPLIES", "cb", "hub", product="chips")
                    change["valid_from"] = "1999"
                    await write_batch(graph, Batch.model_validate({"relationships": [change]}))
            assert head.value is not None
            return head.value, sections
        finally:
            await driver.close()

    at, rows = asyncio.run(go())
    export = {
        "nodes": [{"id": r["id"], "properties": r["props"]} for r in rows["nodes"]],
        "edges": [
            {"id": r["id"], "source": r["from_id"], "target": r["to_id"], "properties": r["props"]}
            for r in rows["edges"]
        ],
        "sources": [{"id": r["id"], "properties": r["props"]} for r in rows["sources"]],
        "redirects": [{"id": r["id"], "properties": r["props"]} for r in rows["redirects"]],
    }
    revisions = feed(client)
    assert revisions[-1]["seq"] > at  # the writes landed after the head
    check(export, replayed(revisions, at))
    assert "cc" in {n["id"] for n in export["nodes"]} and export["redirects"] == []


def test_a_read_longer_than_writes_may_be_held_for_is_refused_and_frees_them(
    settings: Settings, db: Db
) -> None:
    """Held back for a read that takes longer than HOLD_SECONDS, the write waits no
    longer than that: the read is refused (503) and the write lands."""
    db.wipe()
    seen, answer, after, reported = _read_overtaken(
        # Neo4j stops a transaction past its timeout at its next check (every 2 s by
        # default): the read waits long enough for that to have happened
        settings, writes=READ_ATTEMPTS + 1, wait=HOLD_SECONDS + 5
    )
    assert answer is None and reported == ["retried"] * READ_ATTEMPTS + ["held"]
    assert len(seen) == READ_ATTEMPTS and after == READ_ATTEMPTS + 1
