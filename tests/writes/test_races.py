"""Concurrent writers over real HTTP: nothing acknowledged is lost (README, "Faults").

Each test starts N writers on threads, each with its own connection, released together
by a barrier against the live API (a real uvicorn process), for a few bounded rounds, and
then checks what every writer was told against what the graph holds. They cover what
tests/writes/test_batch_and_merge.py's concurrent tests do not: a *new* entity and a *new* fact
written from many sources at once, a delete racing writes of facts to the entity it
deletes, and a merge racing writes to the entity it merges away.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import quote

import httpx

from tests.conftest import Db
from tests.payloads import entity, relationship, source

WRITERS = 8
#: a few rounds in make test; many more under make fuzz (KG_FUZZ_SECONDS set)
ROUNDS = 25 if os.environ.get("KG_FUZZ_SECONDS") else 4
Call = Callable[[httpx.Client], httpx.Response]


def race(live_api: str, calls: list[Call]) -> list[httpx.Response]:
    """Run every call at once, each on its own thread and connection; answers in order."""
    barrier = threading.Barrier(len(calls))

    def run(call: Call) -> httpx.Response:
        with httpx.Client(base_url=live_api, timeout=60) as http:
            http.get("/livez")  # connect before the start line
            barrier.wait()
            return call(http)

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def send(method: str, url: str, body: dict[str, Any]) -> Call:
    """One writer's request, to run in a race."""
    return lambda http: http.request(method, url, json=body)


def show(response: httpx.Response) -> str:
    request = response.request
    return (
        f"{request.method} {request.url.path} {request.content.decode()[:300]} "
        f"-> {response.status_code} {response.text[:300]}"
    )


def acked(response: httpx.Response) -> bool:
    return 200 <= response.status_code < 300


def expect_statuses(answers: list[httpx.Response], allowed: set[int]) -> None:
    """No 5xx, and only the statuses a writer can act on. Checked after what was
    acknowledged, so that a stray status does not hide a lost write."""
    wrong = [show(a) for a in answers if a.status_code not in allowed]
    assert not wrong, f"expected only {sorted(allowed)}:\n" + "\n".join(wrong)


def setup(live_api: str, db: Db, body: dict[str, Any]) -> None:
    db.wipe()
    with httpx.Client(base_url=live_api, timeout=60) as http:
        answer = http.post("/batch", json=body)
        assert answer.status_code == 200, show(answer)


def attested(source_id: str) -> list[dict[str, Any]]:
    return [{"source": source_id, "evidence": f"said in {source_id}", "confidence": 0.5}]


def fact_url(fact_id: str) -> str:
    return "/relationships/" + quote(fact_id, safe="")


SOURCES = [f"report-{i}" for i in range(WRITERS)]


def test_writers_of_one_new_entity_keep_every_source(live_api: str, db: Db) -> None:
    """N writers PUT the same new entity, each citing another source: it is created once
    (one 201, the rest 200) and holds every source, since PUT adds sources."""
    for _ in range(ROUNDS):
        setup(live_api, db, {"sources": [source(s) for s in SOURCES]})
        calls = [
            send("PUT", "/entities/new-firm", entity("new-firm", sources=[s])) for s in SOURCES
        ]
        answers = race(live_api, calls)
        assert all(acked(a) for a in answers), [show(a) for a in answers]
        created = [a for a in answers if a.json()["result"] == "created"]
        assert len(created) == 1, f"{len(created)} writers were told they created it"
        assert sorted(a.status_code for a in answers) == [200] * (WRITERS - 1) + [201]
        (row,) = db.query("MATCH (n:Entity {id: 'new-firm'}) RETURN n.source_ids AS sources")
        lost = set(SOURCES) - set(row["sources"])
        assert not lost, f"acknowledged sources lost: {sorted(lost)}"


def test_writers_of_one_new_fact_keep_every_attestation(live_api: str, db: Db) -> None:
    """N writers PUT the same new fact, each from another source: one fact, one 201, and
    every writer's attestation on it."""
    firms = [entity("tsmc", sources=[SOURCES[0]]), entity("fab-co", sources=[SOURCES[0]])]
    for _ in range(ROUNDS):
        setup(live_api, db, {"sources": [source(s) for s in SOURCES], "entities": firms})
        calls = [
            send(
                "PUT",
                "/relationships",
                relationship(
                    "SUPPLIES", "tsmc", "fab-co", product="chips", attestations=attested(s)
                ),
            )
            for s in SOURCES
        ]
        answers = race(live_api, calls)
        assert all(acked(a) for a in answers), [show(a) for a in answers]
        assert sorted(a.status_code for a in answers) == [200] * (WRITERS - 1) + [201]
        rows = db.query(
            "MATCH (:Entity {id: 'tsmc'})-[r:SUPPLIES]->(:Entity {id: 'fab-co'}) "
            "RETURN r.source_ids AS sources, r.evidence AS evidence"
        )
        assert len(rows) == 1, f"{len(rows)} copies of one fact"
        assert sorted(rows[0]["sources"]) == sorted(SOURCES)
        assert len(rows[0]["evidence"]) == WRITERS


def _delete_racing_facts(live_api: str, db: Db, cascade: bool, delay: float) -> None:
    others = [f"firm-{i}" for i in range(WRITERS - 1)]
    setup(
        live_api,
        db,
        {
            "sources": [source(s) for s in SOURCES],
            "entities": [entity(e, sources=[SOURCES[0]]) for e in ["target", *others]],
        },
    )

    def delete(http: httpx.Client) -> httpx.Response:
        time.sleep(delay)  # land somewhere among the writes
        return http.delete("/entities/target", params={"cascade": str(cascade).lower()})

    calls = [
        send(
            "PUT",
            "/relationships",
            relationship("DEPENDS_ON", o, "target", attestations=attested(SOURCES[1])),
        )
        for o in others
    ]
    *puts, deleted = race(live_api, [*calls, delete])
    _check_delete(live_api, db, cascade, puts, deleted)  # first: what was acknowledged
    expect_statuses([deleted], {200, 409})
    # a fact whose end is gone is refused (422), or its writer told to try again (409)
    expect_statuses(puts, {200, 201, 409, 422})


def _check_delete(
    live_api: str, db: Db, cascade: bool, puts: list[httpx.Response], deleted: httpx.Response
) -> None:
    acknowledged = [p.json()["fact"]["relationship"]["id"] for p in puts if acked(p)]
    with httpx.Client(base_url=live_api, timeout=60) as http:
        readable = [f for f in acknowledged if http.get(fact_url(f)).status_code == 200]
        target = http.get("/entities/target").status_code
    links = "MATCH (:Entity {id: 'target'})-[r]-() RETURN count(r) AS c"
    stored = db.query(links.replace("RETURN", "WHERE r.retracted_at IS NULL RETURN"))[0]["c"]
    kept = db.query(links)[0]["c"]
    if deleted.status_code == 409:
        # refused: the entity and every acknowledged fact to it are still there
        assert target == 200
        assert readable == acknowledged, f"lost: {sorted(set(acknowledged) - set(readable))}"
        assert stored == kept == len(acknowledged)
        return
    # done: the entity is retracted (hidden, kept), and only a cascade may have taken
    # facts with it, each one counted in its answer and kept retracted; a fact acknowledged
    # after the retraction cannot exist (its end is hidden), so every acknowledged fact
    # committed before it and went with it
    gone = sorted(set(acknowledged) - set(readable))
    assert target == 404
    assert stored == 0
    assert kept == len(acknowledged), "a fact was written to the retracted entity, or lost"
    if cascade:
        assert deleted.json()["relationships_deleted"] == len(acknowledged), (
            f"{show(deleted)}; acknowledged before it: {acknowledged}"
        )
    else:
        assert deleted.json()["relationships_deleted"] == 0
        assert not gone, (
            f"a delete without cascade answered {show(deleted)}, yet acknowledged facts to "
            f"it are gone: {gone}"
        )


def test_delete_racing_facts_to_it_loses_nothing_acknowledged(live_api: str, db: Db) -> None:
    """DELETE (no cascade, a retraction) racing PUTs of facts to the entity: either it is
    refused (409) and every acknowledged fact is readable, or it succeeds having retracted
    no fact, which means no fact PUT was acknowledged (none may be silently lost, nor
    written to the hidden entity)."""
    for i in range(ROUNDS * 2):
        _delete_racing_facts(live_api, db, cascade=False, delay=0.004 * i)


def test_cascading_delete_racing_facts_counts_what_it_took(live_api: str, db: Db) -> None:
    """DELETE ?cascade=true racing PUTs of facts to the entity: every acknowledged fact is
    readable or was taken by the delete, which says how many it took."""
    for i in range(ROUNDS * 2):
        _delete_racing_facts(live_api, db, cascade=True, delay=0.004 * i)


def _merge_racing_writes(live_api: str, db: Db, delay: float, alias: str) -> None:
    others = [f"firm-{i}" for i in range(WRITERS - 3)]
    setup(
        live_api,
        db,
        {
            "sources": [source(s) for s in SOURCES],
            "entities": [entity(e, sources=[SOURCES[0]]) for e in ["dup", "keep", *others]],
        },
    )

    def merge(http: httpx.Client) -> httpx.Response:
        time.sleep(delay)  # land somewhere among the writes
        return http.post("/entities/dup/merge", json={"into": "keep"})

    facts = [
        send(
            "PUT", "/relationships", relationship("DEPENDS_ON", "dup", o, attestations=attested(s))
        )
        for o, s in zip(others, SOURCES, strict=False)
    ]
    put_source = SOURCES[-1]
    # the PUT names the PATCH's alias too: whichever lands last, the alias stays
    put_body = entity("dup", sources=[put_source], aliases=[alias])
    *written, put, patch, merged = race(
        live_api,
        [
            *facts,
            send("PUT", "/entities/dup", put_body),
            send("PATCH", "/entities/dup", {"aliases": [alias]}),
            merge,
        ],
    )
    expect_statuses([merged], {200, 409})
    _check_merge(live_api, written, others, put, patch, merged, put_source, alias)
    # a write naming the merged id resolves to the survivor; 409 asks its writer to retry
    expect_statuses([*written, put, patch], {200, 201, 409})


def _check_merge(
    live_api: str,
    written: list[httpx.Response],
    others: list[str],
    put: httpx.Response,
    patch: httpx.Response,
    merged: httpx.Response,
    put_source: str,
    alias: str,
) -> None:
    survivor = "keep" if merged.status_code == 200 else "dup"
    with httpx.Client(base_url=live_api, timeout=60) as http:
        resolved = http.get("/entities/dup")
        assert resolved.status_code == 200, show(resolved)
        stored = resolved.json()["entity"]
        assert stored["id"] == survivor
        for answer, other, s in zip(written, others, SOURCES, strict=False):
            if not acked(answer):
                continue
            fact = http.get(fact_url(f"{survivor}|DEPENDS_ON|{other}"))
            assert fact.status_code == 200, f"acknowledged {show(answer)}; now {show(fact)}"
            sources = [a["source"] for a in fact.json()["relationship"]["attestations"]]
            assert s in sources, f"acknowledged {show(answer)}; now {show(fact)}"
    if acked(put):
        assert put_source in stored["sources"], (
            f"acknowledged {show(put)}; merge {show(merged)}; survivor {stored}"
        )
    if acked(put) or acked(patch):
        assert alias in stored["aliases"], (
            f"acknowledged {show(put)} / {show(patch)}; merge {show(merged)}; survivor {stored}"
        )


def test_merge_racing_writes_to_the_merged_entity_loses_nothing(live_api: str, db: Db) -> None:
    """A merge racing facts, a PUT and a PATCH naming the entity it merges away: every
    acknowledged write is visible afterwards on the survivor (or, if the merge was refused,
    on the entity itself), and the old id resolves to the survivor."""
    for i in range(ROUNDS * 2):
        _merge_racing_writes(live_api, db, delay=0.004 * i, alias=f"Dup alias {i}")


def test_a_write_that_read_outdated_data_is_planned_again() -> None:
    # Neo4j refuses to commit a write whose reads a transaction committing meanwhile made
    # outdated (a seed's chunk planned while the one before it commits); once the driver's
    # own retries have run out of time, Graph.write plans it again, as after a lost race
    import asyncio
    from types import SimpleNamespace

    from neo4j.exceptions import Neo4jError

    from graph.store.db import OUTDATED, Graph

    outdated = Neo4jError._hydrate_neo4j(code=OUTDATED, message="read outdated data")
    attempts: list[int] = []

    class Session:
        async def __aenter__(self) -> Session:
            return self

        async def __aexit__(self, *_exc: object) -> None:
            return None

        async def execute_write(self, work: Any) -> Any:
            attempts.append(1)
            if len(attempts) == 1:
                raise outdated
            return await work(None)

        async def last_bookmarks(self) -> Any:
            return SimpleNamespace(raw_values=[])

    driver = SimpleNamespace(session=lambda **_kw: Session())
    settings = SimpleNamespace(
        neo4j_database="neo4j", query_timeout_seconds=5, signing_key=b"a test's key"
    )

    async def work(_tx: Any) -> str:
        return "written"

    graph = Graph(driver, settings)  # type: ignore[arg-type]
    assert asyncio.run(graph.write(work)) == "written"
    assert len(attempts) == 2


def put_text(words: str) -> Call:
    headers = {"Content-Type": "text/plain; charset=utf-8"}
    return lambda http: http.put(
        "/sources/test-source/text", content=words.encode(), headers=headers
    )


def test_writers_of_one_sources_text_read_it_under_its_lock(live_api: str, db: Db) -> None:
    """Each writer reads the stored text's hash after taking the text's lock: of writers
    sending the same new words one updates and the others find them unchanged, and of
    writers sending different words each records one change, the last the one kept."""
    with httpx.Client(base_url=live_api, timeout=60) as http:
        assert http.put("/sources/test-source", json=source()).status_code in (200, 201)
        assert http.put("/sources/test-source/text", content=b"before",
                        headers={"Content-Type": "text/plain"}).status_code in (200, 201)  # fmt: skip
    for round_ in range(ROUNDS):
        same = race(live_api, [put_text(f"same words {round_}")] * WRITERS)
        expect_statuses(same, {200})
        assert sorted(a.json()["result"] for a in same) == ["unchanged"] * (WRITERS - 1) + [
            "updated"
        ], [show(a) for a in same]
        different = race(live_api, [put_text(f"words {round_}.{i}") for i in range(WRITERS)])
        expect_statuses(different, {200})
        assert {a.json()["result"] for a in different} == {"updated"}
    with httpx.Client(base_url=live_api, timeout=60) as http:
        history = http.get("/sources/test-source/text/history", params={"limit": 500}).json()
        kept = http.get("/sources/test-source/text").text
    ops = [r["op"] for r in history["items"]]
    assert ops == ["created"] + ["updated"] * (ROUNDS * (1 + WRITERS))
    assert kept == history["items"][-1]["state"]["text"]
    # stamped in commit order, so each revision reads back at its own moment (unless a
    # later one shares its millisecond)
    stamps = [r["at"] for r in history["items"]]
    assert stamps == sorted(stamps), stamps


def test_writers_of_one_entity_are_stamped_in_commit_order(live_api: str, db: Db) -> None:
    """A writer that waited for another's lock is stamped after it, so each revision of an
    entity reads back at its own moment (``known_at`` = its ``at``) as it recorded it."""
    setup(live_api, db, {"sources": [source()], "entities": [entity("e-race")]})
    for round_ in range(ROUNDS):
        answers = race(
            live_api,
            [
                send("PATCH", "/entities/e-race", {"description": f"round {round_} writer {i}"})
                for i in range(WRITERS)
            ],
        )
        expect_statuses(answers, {200})
    with httpx.Client(base_url=live_api, timeout=60) as http:
        history = http.get("/entities/e-race/history", params={"limit": 500}).json()["items"]
        stamps = [r["at"] for r in history]
        assert stamps == sorted(stamps), stamps
        for revision, after in zip(history, [*history[1:], None], strict=True):
            if after is not None and after["at"] == revision["at"]:
                continue  # two writes in one millisecond: the later is what was known
            then = http.get("/entities/e-race", params={"known_at": revision["at"]}).json()
            assert then["entity"].get("description") == revision["state"].get("description")


def test_a_fact_retracted_and_restored_while_written_is_stamped_in_commit_order(
    live_api: str, db: Db
) -> None:
    """Retracting and restoring a fact lock it before they are stamped, as writes do, so
    its revisions' times follow their commit order however the writers interleave."""
    fact = relationship("INVESTS_IN", "f-a", "f-b")
    body = {"sources": [source()], "entities": [entity("f-a"), entity("f-b")]}
    setup(live_api, db, {**body, "relationships": [fact]})
    url = fact_url("f-a|INVESTS_IN|f-b")
    for round_ in range(ROUNDS):
        writes = [
            send(
                "PUT",
                "/relationships",
                {**fact, "amount": 1000 * (round_ + 1) + i, "currency": "USD"},
            )
            for i in range(WRITERS - 2)
        ]
        answers = race(
            live_api,
            [*writes, lambda http: http.delete(url), lambda http: http.post(f"{url}/restore")],
        )
        expect_statuses(answers, {200, 201, 204, 404, 409})
    with httpx.Client(base_url=live_api, timeout=60) as http:
        history = http.get(f"{url}/history", params={"limit": 500}).json()["items"]
    stamps = [r["at"] for r in history]
    assert len(history) > ROUNDS and stamps == sorted(stamps), stamps


def test_a_text_replaced_while_a_fact_quoting_it_is_retracted_is_not_refused(
    live_api: str, db: Db
) -> None:
    """A replacement reads the facts quoting its text, then plans their re-anchoring: a
    fact retracted in between is read again (the write is planned again), not answered
    as a conflict; and every span in the present quotes the text kept."""
    fact_id = "tsmc|INVESTS_IN|arizona"
    with httpx.Client(base_url=live_api, timeout=60) as http:
        assert http.put("/sources/test-source", json=source()).status_code in (200, 201)
        for body in (entity("tsmc"), entity("arizona", "location", location_type="state")):
            assert http.put(f"/entities/{body['id']}", json=body).status_code in (200, 201)
    for round_ in range(ROUNDS):
        words = f"Round {round_}: TSMC invests in Arizona."
        with httpx.Client(base_url=live_api, timeout=60) as http:
            assert put_text(words)(http).status_code in (200, 201)
            if round_:
                assert http.post(f"/relationships/{fact_id}/restore").status_code == 200
            quoted = {"source": "test-source", "evidence": "so it says", "confidence": 0.9,
                      "selector": {"exact": "TSMC invests in Arizona."}}  # fmt: skip
            body = relationship("INVESTS_IN", "tsmc", "arizona", attestations=[quoted])
            assert http.put("/relationships", json=body).status_code in (200, 201)
        answers = race(
            live_api,
            [
                put_text(f"Moved {round_}. " + words),
                lambda http: http.delete(f"/relationships/{fact_id}", params={"reason": "race"}),
            ],
        )
        assert [a.status_code for a in answers] == [200, 204], [show(a) for a in answers]


def _retract_after(delay: float) -> Call:
    def call(http: httpx.Client) -> httpx.Response:
        time.sleep(delay)
        return http.delete("/sources/withdrawn", params={"reason": "race"})

    return call


def test_facts_written_while_their_source_is_retracted_are_weighed_or_refused(
    live_api: str, db: Db
) -> None:
    """A source's retraction races writers of new facts citing it alone: each writer is
    either acknowledged and its fact retracted with the source (the retraction saw it),
    or refused with 409 and nothing written. A fact stored current on a retracted
    source's word, its claim weighed, is the failure (the writes hold their sources last)."""
    firms = [entity(f"firm-{i}", sources=["steady"]) for i in range(WRITERS - 1)]
    for round_ in range(ROUNDS):
        sources = [source("steady"), source("withdrawn")]
        setup(
            live_api,
            db,
            {"sources": sources, "entities": [entity("hub", sources=["steady"]), *firms]},
        )
        facts = [
            relationship(
                "SUPPLIES", "hub", f"firm-{i}", product="chips", attestations=attested("withdrawn")
            )
            for i in range(WRITERS - 1)
        ]
        calls = [send("PUT", "/relationships", body) for body in facts]
        # the retraction starts a little later each round, across the writers' span
        calls.append(_retract_after(round_ * 0.01))
        answers = race(live_api, calls)
        assert answers[-1].status_code == 200, show(answers[-1])
        stored = {
            row["to"]: row
            for row in db.query(
                "MATCH (:Entity {id: 'hub'})-[r:SUPPLIES]->(b) RETURN b.id AS to, "
                "r.retracted_with_source AS with_source, r.withdrawn_sources AS withdrawn"
            )
        }
        for i, answer in enumerate(answers[:-1]):
            firm = f"firm-{i}"
            if acked(answer):
                assert firm in stored, f"acknowledged, lost: {show(answer)}"
                assert stored[firm]["with_source"] == "withdrawn", (show(answer), stored[firm])
                assert stored[firm]["withdrawn"] == ["withdrawn"], stored[firm]
            else:
                assert answer.status_code == 409, show(answer)
                assert "is retracted" in answer.text, show(answer)
                assert firm not in stored, f"refused, written: {show(answer)}"
