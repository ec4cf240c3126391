"""History and disagreement over HTTP, against the real Neo4j: claims kept side by side,
retraction and restore, the two time axes, revisions, the change feed and purging.
(Later sources here are synthetic: the seed states only what its article states.)"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from fastapi.testclient import TestClient

from api.settings import ApiSettings as Settings
from tests.conftest import Db
from tests.payloads import entity, relationship, source
from tests.shared import app_client, stored_items

FACT = "tsmc|INVESTS_IN|arizona"


def _graph(client: TestClient) -> None:
    for body in (
        source(),
        source("outlet-a", published="2026-01-10"),
        source("outlet-b", published="2026-03-02"),
        source("outlet-c", published="2026-02-01"),
    ):
        assert client.put(f"/sources/{body['id']}", json=body).status_code == 201
    for body in (entity("tsmc"), entity("arizona", "location", location_type="state")):
        assert client.put(f"/entities/{body['id']}", json=body).status_code == 201


def _investment(src: str, amount: float | None, **fields: Any) -> dict[str, Any]:
    money = {"amount": amount, "currency": "USD"} if amount is not None else {}
    attestation = {"source": src, "evidence": f"{src} reports it", "confidence": 0.8}
    attestation.update(fields.pop("attestation", {}))
    return relationship(
        "INVESTS_IN", "tsmc", "arizona", **money, **fields, attestations=[attestation]
    )


def _fact(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get(f"/relationships/{FACT}", params=params)
    assert response.status_code == 200, response.text
    fact: dict[str, Any] = response.json()["relationship"]
    return fact


def test_a_second_source_disagreeing_keeps_both_claims_and_answers_the_preferred(
    client: TestClient, db: Db
) -> None:
    _graph(client)
    assert client.put("/relationships", json=_investment("outlet-a", 100)).status_code == 201
    assert client.put("/relationships", json=_investment("outlet-b", 200)).status_code == 200
    fact = _fact(client)
    # the newest source's claim is answered, and only the sources that claim it attest it
    assert fact["qualifiers"]["amount"] == 200
    assert [a["source"] for a in fact["attestations"]] == ["outlet-b"]
    assert fact["disputed"] is True and "newest source" in fact["choice"]
    claims = {c["values"]["amount"]: c for c in fact["claims"]}
    assert claims[100]["sources"] == ["outlet-a"] and claims[100]["current"] is False
    assert claims[200]["sources"] == ["outlet-b"] and claims[200]["current"] is True
    # a source that gives no amount disputes nothing
    assert client.put("/relationships", json=_investment("outlet-c", None)).status_code == 200
    assert {a["source"] for a in _fact(client)["attestations"]} == {"outlet-b", "outlet-c"}
    listed = client.get("/conflicts").json()["items"]
    assert [f["id"] for f in listed] == [FACT]
    # an explicit rank outranks the newer source; nothing is lost either way
    preferred = _investment("outlet-a", 100, attestation={"rank": "preferred"})
    assert client.put("/relationships", json=preferred).status_code == 200
    fact = _fact(client)
    assert fact["qualifiers"]["amount"] == 100 and fact["choice"] == "its explicit rank"
    assert len(fact["claims"]) == 3


def test_retracted_fact_hidden_kept_shown_when_asked_and_restored(
    client: TestClient, db: Db
) -> None:
    _graph(client)
    client.put("/relationships", json=_investment("outlet-a", 100))
    before = client.get("/relationships/" + FACT).json()["relationship"]["created_at"]
    time.sleep(0.01)
    gone = client.delete(f"/relationships/{FACT}", params={"reason": "outlet A corrected itself"})
    assert gone.status_code == 204
    assert client.get(f"/relationships/{FACT}").status_code == 404
    around = client.get("/entities/tsmc/neighbourhood").json()
    assert around["edges"] == []
    shown = _fact(client, include_retracted="true")
    assert shown["retracted"]["reason"] == "outlet A corrected itself"
    assert shown["retracted"]["by"] == "local"
    # as the graph stood before the retraction, the fact was there, unmarked
    then = _fact(client, known_at=before)
    assert then["retracted"] is None and then["qualifiers"]["amount"] == 100
    assert client.delete(f"/relationships/{FACT}").status_code == 404  # retracted already
    # writing to it is refused until it is restored
    assert client.put("/relationships", json=_investment("outlet-b", 200)).status_code == 409
    assert client.post(f"/relationships/{FACT}/restore").status_code == 200
    assert _fact(client)["qualifiers"]["amount"] == 100
    ops = [r["op"] for r in client.get(f"/relationships/{FACT}/history").json()["items"]]
    assert ops == ["created", "retracted", "restored"]


def test_a_fact_retracted_with_one_end_comes_back_once_both_ends_are_restored(
    client: TestClient, db: Db
) -> None:
    """tsmc retracted with its fact; arizona retracted too; tsmc restored (its fact waits:
    arizona is retracted); arizona restored: the fact is back, whichever end came last."""
    for last, first in (("arizona", "tsmc"), ("tsmc", "arizona")):
        db.wipe()
        _graph(client)
        assert client.put("/relationships", json=_investment("outlet-a", 100)).status_code == 201
        cascade = {"cascade": "true"}
        assert client.delete(f"/entities/{first}", params=cascade).status_code == 200
        assert client.delete(f"/entities/{last}", params=cascade).status_code == 200
        assert client.post(f"/entities/{first}/restore").status_code == 200
        assert client.get(f"/relationships/{FACT}").status_code == 404  # one end retracted
        assert client.post(f"/entities/{last}/restore").status_code == 200
        assert _fact(client)["qualifiers"]["amount"] == 100, last
        ops = [r["op"] for r in client.get(f"/relationships/{FACT}/history").json()["items"]]
        assert ops == ["created", "retracted", "restored"]


def test_stats_conflicts_and_sources_answer_at_a_past_moment(client: TestClient, db: Db) -> None:
    _graph(client)
    assert client.put("/relationships", json=_investment("outlet-a", 100)).status_code == 201
    agreed = _fact(client)["updated_at"]
    time.sleep(0.01)
    assert client.put("/relationships", json=_investment("outlet-b", 200)).status_code == 200
    disputed = _fact(client)["updated_at"]
    time.sleep(0.01)
    retitled = source("outlet-a", published="2026-01-10", title="Outlet A, corrected")
    assert client.put("/sources/outlet-a", json=retitled).status_code == 200
    assert client.delete(f"/relationships/{FACT}").status_code == 204

    def conflicts(**params: Any) -> list[str]:
        return [f["id"] for f in client.get("/conflicts", params=params).json()["items"]]

    assert conflicts() == [] and conflicts(known_at=agreed) == []
    assert conflicts(known_at=disputed) == [FACT]
    (then,) = client.get("/conflicts", params={"known_at": disputed}).json()["items"]
    assert then["qualifiers"]["amount"] == 200 and then["disputed"] is True

    assert client.get("/stats").json()["relationships"] == 0
    counted = client.get("/stats", params={"known_at": disputed}).json()
    assert counted["relationships_by_type"] == {"INVESTS_IN": 1}
    assert counted["entities_by_kind"] == {"firm": 1, "location": 1}

    def usage(source_id: str, **params: Any) -> tuple[str, int, int]:
        body = client.get(f"/sources/{source_id}", params=params).json()
        return body["source"]["title"], body["entities"], body["relationships"]

    assert usage("outlet-a") == ("Outlet A, corrected", 0, 1)
    assert usage("outlet-a", known_at=agreed) == ("Document outlet-a", 0, 1)
    assert usage("outlet-b", known_at=agreed) == ("Document outlet-b", 0, 0)
    assert usage("outlet-b", known_at=disputed) == ("Document outlet-b", 0, 1)
    titles = client.get("/sources", params={"known_at": agreed}).json()["items"]
    assert {s["id"]: s["title"] for s in titles}["outlet-a"] == "Document outlet-a"
    early = client.get("/sources", params={"known_at": "2000-01-01"}).json()["items"]
    assert early == []
    assert client.get("/sources/outlet-a", params={"known_at": "2000-01-01"}).status_code == 404
    assert client.get("/stats", params={"known_at": "yesterday"}).status_code == 422


def test_entity_conflicts_answer_at_a_past_moment(client: TestClient, db: Db) -> None:
    _graph(client)
    first = entity("tsmc", sources=["outlet-a"], sector="foundry")
    assert client.put("/entities/tsmc", json=first).status_code == 200
    agreed = client.get("/entities/tsmc").json()["entity"]["updated_at"]
    time.sleep(0.01)
    other = entity("tsmc", sources=["outlet-b"], sector="packaging")
    assert client.put("/entities/tsmc", json=other).status_code == 200
    disputed = client.get("/entities/tsmc").json()["entity"]["updated_at"]
    time.sleep(0.01)
    assert client.delete("/entities/tsmc").status_code == 200

    def conflicts(**params: Any) -> list[str]:
        answer = client.get("/conflicts/entities", params=params).json()
        return [e["id"] for e in answer["items"]]

    assert conflicts() == [] and conflicts(known_at=agreed) == []
    assert conflicts(known_at=disputed) == ["tsmc"]


def test_known_at_and_as_of_combine(client: TestClient, db: Db) -> None:
    _graph(client)
    client.put("/relationships", json=_investment("outlet-a", 100, valid_from="2025-01"))
    first = _fact(client)["created_at"]
    time.sleep(0.01)
    # later, a newer source moves the start and the amount
    client.put("/relationships", json=_investment("outlet-b", 200, valid_from="2026-01"))
    now = _fact(client)
    assert (now["qualifiers"]["amount"], now["valid_from"]) == (200, "2026-01")
    # what we believed at the first write, about mid-2025: the first claim held then
    then = client.get(
        "/entities/tsmc/neighbourhood", params={"known_at": first, "as_of": "2025-06-01"}
    ).json()["edges"]
    assert [(e["qualifiers"]["amount"], e["valid_from"]) for e in then] == [(100, "2025-01")]
    # what we believe now about mid-2025: the fact (as now known) did not hold yet
    now_mid_2025 = client.get("/entities/tsmc/neighbourhood", params={"as_of": "2025-06-01"})
    assert now_mid_2025.json()["edges"] == []
    # before anything was written, nothing was known
    empty = client.get("/entities/tsmc/neighbourhood", params={"known_at": "2000-01-01"})
    assert empty.status_code == 404
    # so are paths and common connections, whether their ends are ids or current names
    # (they answered 200 and nothing: outside tester, issue 14)
    before = {"known_at": "2000-01-01"}
    for asked in (
        client.get("/paths", params={"from": "tsmc", "to": "arizona", **before}),
        client.get("/paths", params={"from": "TSMC", "to": "Arizona", **before}),
        client.get("/entities/tsmc/common/arizona", params=before),
    ):
        assert asked.status_code == 404, asked.text
        assert asked.json()["pointer"] in ("query:from", "path:entity_id"), asked.text
    bad = client.get("/entities/tsmc/neighbourhood", params={"known_at": "yesterday"})
    assert bad.status_code == 422 and bad.json()["pointer"] == "query:known_at"


def test_history_says_what_changed_when_by_whom_and_why(client: TestClient, db: Db) -> None:
    _graph(client)
    client.patch("/entities/tsmc", json={"description": "a foundry"}, params={"reason": "typo"})
    items = client.get("/entities/tsmc/history").json()["items"]
    assert [r["op"] for r in items] == ["created", "updated"]
    assert items[1]["changes"]["description"] == [None, "a foundry"]
    assert (items[1]["by"], items[1]["reason"]) == ("local", "typo")
    assert items[0]["seq"] < items[1]["seq"] and items[0]["at"] <= items[1]["at"]
    assert client.get("/entities/nobody/history").status_code == 404
    page = client.get("/entities/tsmc/history", params={"limit": 1}).json()
    rest = client.get("/entities/tsmc/history", params={"after": page["next_cursor"]}).json()
    assert [r["seq"] for r in page["items"] + rest["items"]] == [r["seq"] for r in items]
    assert rest["items"][0]["changes"] == items[1]["changes"]


def replay(client: TestClient, limit: int = 7) -> dict[tuple[str, str], dict[str, Any]]:
    """The graph rebuilt from the change feed alone, read a page at a time."""
    model: dict[tuple[str, str], dict[str, Any]] = {}
    cursor = 0
    while True:
        page = client.get("/changes", params={"after": cursor, "limit": limit}).json()
        for revision in page["items"]:
            key = (revision["item"], revision["item_id"])
            if revision["state"] is None:
                model.pop(key, None)
            else:
                model[key] = revision["state"]
        cursor = page["cursor"]
        if not page["more"]:
            return model


def test_the_feed_replays_to_the_same_graph(client: TestClient, db: Db) -> None:
    _graph(client)
    client.put("/relationships", json=_investment("outlet-a", 100))
    client.put("/relationships", json=_investment("outlet-b", 200))
    client.put("/entities/tsmc-usa", json=entity("tsmc-usa", name="TSMC Arizona"))
    client.put("/relationships", json=relationship("LOCATED_IN", "tsmc-usa", "arizona"))
    client.post("/entities/tsmc-usa/merge", json={"into": "tsmc"})
    client.delete("/relationships/tsmc|LOCATED_IN|arizona", params={"reason": "wrong"})
    client.patch("/entities/arizona", json={"aliases": ["AZ"]})
    for words in ("A source's words.", "Its words, replaced."):
        sent = client.put(
            "/sources/outlet-a/text", content=words.encode(), headers={"Content-Type": "text/plain"}
        )
        assert sent.status_code in (200, 201), sent.text
    assert ("text", "outlet-a") in replay(client) and replay(client) == stored_items(db)
    seqs = [r["seq"] for r in client.get("/changes", params={"limit": 500}).json()["items"]]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))


def test_purging_needs_a_key_and_a_reason_and_leaves_a_tombstone(
    settings: Settings, db: Db
) -> None:
    key = "k" * 32
    named = f"editor:{hashlib.sha256(key.encode()).hexdigest()}"
    with app_client(settings) as open_client:
        _graph(open_client)
        open_client.put("/relationships", json=_investment("outlet-a", 100))
        refused = open_client.delete(f"/relationships/{FACT}", params={"purge": "true"})
        assert refused.status_code == 403
    with app_client(settings, api_key_hashes=[named]) as c:
        auth = {"Authorization": f"Bearer {key}"}
        no_reason = c.delete(f"/relationships/{FACT}", params={"purge": "true"}, headers=auth)
        assert no_reason.status_code == 422 and no_reason.json()["pointer"] == "query:reason"
        done = c.delete(
            f"/relationships/{FACT}",
            params={"purge": "true", "reason": "court order 12"},
            headers=auth,
        )
        assert done.status_code == 204
        assert db.query("MATCH ()-[r {id: $id}]->() RETURN r", id=FACT) == []
        history = c.get(f"/relationships/{FACT}/history").json()["items"]
        assert [r["op"] for r in history] == ["created", "purged"]
        assert all(r["state"] is None for r in history)  # no copy of what was purged
        assert (history[-1]["by"], history[-1]["reason"]) == ("editor", "court order 12")


def test_seed_files_carry_ranks_and_loads_record_who_and_why(
    client: TestClient, db: Db, tmp_path: Any
) -> None:
    import os
    import subprocess
    import sys

    import yaml

    from tests.conftest import ROOT

    def load(name: str, src: str, amount: float, rank: str) -> None:
        data = {
            "sources": [source(), source(src, published="2026-01-10")],
            "entities": [entity("tsmc"), entity("arizona", "location", location_type="state")],
            "relationships": [
                _investment(src, amount, attestation={"rank": rank, "basis": "stated"})
            ],
        }
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data))
        done = subprocess.run(
            [sys.executable, "-m", "seed", str(path)],
            cwd=ROOT,
            env=dict(os.environ),
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr

    load("first.yaml", "outlet-a", 100, "preferred")
    load("second.yaml", "outlet-b", 200, "normal")
    fact = _fact(client)
    assert fact["qualifiers"]["amount"] == 100 and fact["choice"] == "its explicit rank"
    history = client.get(f"/relationships/{FACT}/history").json()["items"]
    assert [(r["by"], r["reason"]) for r in history] == [
        ("kg-seed", "seeded from first.yaml"),
        ("kg-seed", "seeded from second.yaml"),
    ]


def test_what_the_outside_tester_found_stays_fixed(client: TestClient, db: Db) -> None:
    _graph(client)
    client.put("/relationships", json=_investment("outlet-a", 100))
    # a fact retracted at a moment stays hidden at that moment once restored later
    client.delete(f"/relationships/{FACT}")
    during = client.get(f"/relationships/{FACT}/history").json()["items"][-1]["at"]
    time.sleep(0.01)
    assert client.post(f"/relationships/{FACT}/restore").status_code == 200
    assert client.get(f"/relationships/{FACT}", params={"known_at": during}).status_code == 404
    around = client.get("/entities/tsmc/neighbourhood", params={"known_at": during}).json()
    assert around["edges"] == []
    # cursors past Neo4j's integers, and reasons holding control characters: 422
    assert client.get("/changes", params={"after": 2**63}).status_code == 422
    for reason in ("a\x00b", "\ufeffbom", "a\x7fb", "\x9fc"):
        patched = client.patch(
            "/entities/tsmc", json={"description": "d"}, params={"reason": reason}
        )
        assert patched.status_code == 422 and patched.json()["pointer"] == "query:reason"
    # stated_only never answers what only an inference claims
    inferred = {"basis": "inferred", "reason": "an editor's reading", "rank": "preferred"}
    client.put("/relationships", json=_investment("outlet-b", 200, attestation=inferred))
    assert _fact(client)["qualifiers"]["amount"] == 200
    stated = client.get("/entities/tsmc/neighbourhood", params={"stated_only": "true"}).json()
    (edge,) = stated["edges"]
    assert edge["qualifiers"]["amount"] == 100
    assert [a["source"] for a in edge["attestations"]] == ["outlet-a"]
    # the stored confidence is the answered values' sources' best, as the API answers it
    stored = db.query("MATCH ()-[r {id: $id}]->() RETURN r.confidence AS c", id=FACT)
    assert stored == [{"c": _fact(client)["confidence"]}]
    # restoring a fact whose end is retracted, or merging into a retracted entity: 409
    client.put("/entities/tsmc-2", json=entity("tsmc-2"))
    client.delete(f"/relationships/{FACT}")
    client.delete("/entities/arizona")
    assert client.post(f"/relationships/{FACT}/restore").status_code == 409
    client.delete("/entities/tsmc")
    assert client.post("/entities/tsmc-2/merge", json={"into": "tsmc"}).status_code == 409


def test_an_export_at_a_moment_holds_the_sources_and_merges_of_then(
    client: TestClient, db: Db
) -> None:
    """Outside tester, issue 15: a known_at export held sources recorded and merges made
    later, and any export could hold a redirect into an entity it leaves out."""
    _graph(client)
    client.put("/relationships", json=_investment("outlet-a", 100))
    then = _fact(client)["created_at"]
    time.sleep(0.01)
    assert client.put("/sources/late", json=source("late")).status_code == 201
    for body, into in (
        (entity("tsmc-twin"), "tsmc"),
        (entity("arizona-twin", "location", location_type="state"), "arizona"),
    ):
        assert client.put(f"/entities/{body['id']}", json=body).status_code == 201
        merged = client.post(f"/entities/{body['id']}/merge", json={"into": into})
        assert merged.status_code == 200, merged.text
    assert client.delete("/entities/arizona", params={"cascade": "true"}).status_code == 200

    at_then = client.get("/export", params={"known_at": then}).json()
    assert "late" not in {s["id"] for s in at_then["sources"]}
    assert at_then["redirects"] == []  # both merges came later
    now = client.get("/export").json()
    assert "late" in {s["id"] for s in now["sources"]}
    # arizona is retracted: the redirect into it would point at nothing
    assert [r["id"] for r in now["redirects"]] == ["tsmc-twin"]
    shown = client.get("/export", params={"include_retracted": "true"}).json()
    assert [r["id"] for r in shown["redirects"]] == ["arizona-twin", "tsmc-twin"]


def test_a_merge_in_the_feed_names_what_each_merged_item_became(client: TestClient, db: Db) -> None:
    """The merge revision named no survivor, so a feed reader could not redirect the
    merged id or follow its facts (outside tester, issue 14)."""
    _graph(client)
    assert client.put("/entities/tsmc-twin", json=entity("tsmc-twin")).status_code == 201
    moved = relationship("INVESTS_IN", "tsmc-twin", "arizona")
    assert client.put("/relationships", json=moved).status_code in (200, 201)
    cursor = client.get("/changes", params={"after": 0, "limit": 500}).json()["cursor"]
    assert client.post("/entities/tsmc-twin/merge", json={"into": "tsmc"}).status_code == 200

    feed = client.get("/changes", params={"after": cursor, "limit": 500}).json()["items"]
    merges = {(r["item"], r["item_id"], r["merged_into"]) for r in feed if r["op"] == "merged"}
    assert merges == {
        ("entity", "tsmc-twin", "tsmc"),
        ("relationship", "tsmc-twin|INVESTS_IN|arizona", FACT),
    }
    assert client.get(f"/relationships/{FACT}").status_code == 200
    everything = client.get("/changes", params={"after": 0, "limit": 500}).json()["items"]
    assert all(r["merged_into"] is None for r in everything if r["op"] != "merged")


def test_an_entity_retracted_then_and_restored_since_is_404_everywhere_then(
    client: TestClient, db: Db
) -> None:
    """Only the entity read checked what was retracted at ``known_at``; the other reads
    answered an entity retracted then and restored since (outside tester, issue 15)."""
    _graph(client)
    client.put("/relationships", json=_investment("outlet-a", 100))
    assert client.delete("/entities/tsmc", params={"cascade": "true"}).status_code == 200
    (row,) = db.query("MATCH (n:Entity {id: 'tsmc'}) RETURN toString(n.retracted_at) AS at")
    then = row["at"]
    time.sleep(0.01)
    assert client.post("/entities/tsmc/restore").status_code == 200
    at_then = {"known_at": then}
    for path, params in (
        ("/entities/tsmc", {}),
        ("/entities/tsmc/neighbourhood", {}),
        ("/entities/tsmc/timeline", {}),
        ("/entities/tsmc/supply-chain", {}),
        ("/entities/tsmc/exposure", {}),
        ("/entities/tsmc/common/arizona", {}),
        ("/entities/arizona/common/tsmc", {}),
        ("/paths", {"from": "tsmc", "to": "arizona"}),
        ("/paths", {"from": "Tsmc", "to": "arizona"}),  # a current name
        ("/export", {"root": "tsmc"}),
    ):
        answer = client.get(path, params={**params, **at_then})
        assert answer.status_code == 404, f"{path} {params}: {answer.status_code} {answer.text}"
    # now, and just before the retraction, it is there
    assert client.get("/entities/tsmc/neighbourhood").status_code == 200
    (row,) = db.query("MATCH (n:Entity {id: 'tsmc'}) RETURN toString(n.created_at) AS at")
    created = row["at"]
    assert client.get("/entities/tsmc/timeline", params={"known_at": created}).status_code == 200


def test_a_path_as_known_then_lists_the_sources_its_facts_cited_then(
    client: TestClient, db: Db
) -> None:
    """A path's sources are read with the path; a source a fact cited at ``known_at`` and
    no longer cites (as stored by another writer since) is read as well."""
    body = {
        "sources": [source("then-doc"), source("now-doc")],
        "entities": [entity("pa", sources=["then-doc"]), entity("pb", sources=["then-doc"])],
        "relationships": [
            relationship(
                "SUPPLIES",
                "pa",
                "pb",
                product="chips",
                attestations=[{"source": "then-doc", "evidence": "said", "confidence": 0.9}],
            )
        ],
    }
    assert client.post("/batch", json=body).status_code == 200
    (moment,) = db.query("MATCH (v:Revision) RETURN max(v.at) AS at")
    time.sleep(0.01)
    # another writer (no revision recorded) has the fact cite another source since
    db.query("MATCH ()-[r:SUPPLIES]->() SET r.source_ids = ['now-doc']")
    asked = {"from": "pa", "to": "pb"}
    then = client.get("/paths", params={**asked, "known_at": moment["at"]})
    now = client.get("/paths", params=asked)
    assert then.status_code == now.status_code == 200, (then.text, now.text)
    assert [s["id"] for s in then.json()["paths"][0]["sources"]] == ["then-doc"]
    assert [s["id"] for s in now.json()["paths"][0]["sources"]] == ["now-doc"]
