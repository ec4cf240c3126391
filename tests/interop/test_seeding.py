"""The seeding command: counts, idempotency, errors that name file, item and field; the article graph."""

from __future__ import annotations

import asyncio
import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from api.settings import ApiSettings as Settings
from tests.conftest import ROOT, SEED_FILE, Db

ARTICLE = "taiwan-us-tech-talks-article"


def kg_seed(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "seed", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_seed_twice_second_run_changes_nothing(db: Db, settings: Settings) -> None:
    first = kg_seed(str(SEED_FILE))
    assert first.returncode == 0, first.stderr
    data = yaml.safe_load(SEED_FILE.read_text())
    n_ent, n_rel = len(data["entities"]), len(data["relationships"])
    assert first.stdout.strip() == (
        f"sources: 1 created, 0 updated, 0 unchanged; entities: {n_ent} created, 0 updated, "
        f"0 unchanged; relationships: {n_rel} created, 0 updated, 0 unchanged"
    )
    second = kg_seed(str(SEED_FILE))
    assert second.stdout.strip() == (
        f"sources: 0 created, 0 updated, 1 unchanged; entities: 0 created, 0 updated, "
        f"{n_ent} unchanged; relationships: 0 created, 0 updated, {n_rel} unchanged"
    )
    assert db.counts() == (1 + n_ent, n_rel)


def test_dry_run_writes_nothing(db: Db, settings: Settings) -> None:
    result = kg_seed("--dry-run", str(SEED_FILE))
    assert result.returncode == 0
    assert result.stdout.startswith("would write (dry run): sources: 1 created")
    assert db.counts() == (0, 0)


def _write(tmp_path: Path, name: str, data: dict) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def test_bad_field_names_file_item_and_field_and_writes_nothing(
    db: Db, settings: Settings, tmp_path: Path
) -> None:
    data = yaml.safe_load(SEED_FILE.read_text())
    data["relationships"][3]["amount"] = 12
    bad = _write(tmp_path, "bad.yaml", data)
    result = kg_seed(str(SEED_FILE), str(bad))
    assert result.returncode == 1
    rel = data["relationships"][3]
    expected = (
        f"{bad}: /relationships/3 (id '{rel['from_id']}|{rel['type']}|{rel['to_id']}') /amount"
    )
    assert expected in result.stderr, result.stderr
    assert db.counts() == (0, 0)


def test_a_load_with_many_problems_lists_the_first_fifty_and_counts_the_rest(
    db: Db, settings: Settings, tmp_path: Path
) -> None:
    source = {"id": "s", "title": "A"}
    firms = [{"id": f"f-{i}", "kind": "firm", "name": "", "sources": ["s"]} for i in range(60)]
    bad = _write(tmp_path, "bad.yaml", {"sources": [source], "entities": firms})
    result = kg_seed(str(bad))
    assert result.returncode == 1, result.stderr
    assert "nothing was written (60 problem(s))" in result.stderr
    listed = [line for line in result.stderr.splitlines() if line.startswith(f"  {bad}")]
    assert len(listed) == 50 and "/entities/0 (id 'f-0') /name" in listed[0]
    assert "  … and 10 more (the first 50 are listed)" in result.stderr
    assert db.counts() == (0, 0)


def test_graph_rule_errors_point_into_the_right_file(
    db: Db, settings: Settings, tmp_path: Path
) -> None:
    extra = _write(
        tmp_path,
        "extra.yaml",
        {
            "relationships": [
                {
                    "type": "INVESTS_IN",
                    "from_id": "tsmc",
                    "to_id": "atlantis",
                    "attestations": [{"source": ARTICLE, "evidence": "made up", "confidence": 0.1}],
                }
            ]
        },
    )
    result = kg_seed(str(SEED_FILE), str(extra))
    assert result.returncode == 1
    assert (
        f"{extra}: /relationships/0 (id 'tsmc|INVESTS_IN|atlantis') /to_id: no entity with id 'atlantis'"
        in result.stderr
    )
    assert db.counts() == (0, 0)


def test_unreadable_file_is_named(db: Db, settings: Settings, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("entities: [unclosed")
    result = kg_seed(str(broken))
    assert result.returncode == 1
    assert str(broken) in result.stderr


@pytest.fixture(scope="module")
def article(seeded: Db) -> Db:
    return seeded


def fact(db: Db, a: str, rel_type: str, b: str) -> dict:
    rows = db.query(
        "MATCH (:Entity {id: $a})-[r]->(:Entity {id: $b}) WHERE type(r) = $t RETURN properties(r) AS p",
        a=a,
        b=b,
        t=rel_type,
    )
    assert len(rows) == 1, f"expected one {a} {rel_type} {b}, found {len(rows)}"
    return rows[0]["p"]


def test_every_fact_and_entity_names_the_article(article: Db) -> None:
    assert article.query(
        "MATCH ()-[r]->() WHERE NOT $s IN r.source_ids OR size(r.evidence) <> size(r.source_ids) "
        "RETURN count(r) AS c",
        s=ARTICLE,
    ) == [{"c": 0}]
    assert article.query(
        "MATCH (n:Entity) WHERE NOT $s IN n.source_ids RETURN count(n) AS c", s=ARTICLE
    ) == [{"c": 0}]
    assert article.query(
        "MATCH (s:Source) RETURN s.id AS id, s.published AS p, s.retrieved AS r"
    ) == [{"id": ARTICLE, "p": None, "r": "2026-11-24"}]


def test_who_leads_the_talks(article: Db) -> None:
    assert (
        fact(article, "cheng-li-chiun", "PARTICIPATES_IN", "taiwan-us-tech-talks")["role"]
        == "leads Taiwan's side"
    )
    roles = article.query(
        "MATCH (:Entity {id: 'cheng-li-chiun'})-[r:HOLDS_ROLE]->(:Entity {id: 'taiwan-government'}) "
        "RETURN r.role AS role, r.confidence AS c, r.bases AS bases ORDER BY role"
    )
    # the title of tariff negotiator is inferred, not stated: it carries less confidence
    assert roles == [
        {"role": "Vice Premier", "c": 0.9, "bases": ["stated"]},
        {"role": "top tariff negotiator", "c": 0.6, "bases": ["inferred"]},
    ]
    fact(article, "taiwan-government", "NEGOTIATES_WITH", "us-government")


def test_the_proposals_and_stances(article: Db) -> None:
    fact(article, "us-government", "PROPOSES", "us-equal-chip-production-split")
    fact(article, "taiwan-government", "REJECTS", "us-equal-chip-production-split")
    assert article.query(
        "MATCH (p {id: 'us-equal-chip-production-split'}) RETURN p.status AS s"
    ) == [{"s": "rejected"}]
    assert (
        "deeply rooted in Taiwan"
        in fact(article, "cheng-li-chiun", "PROPOSES", "taiwan-model")["stance"]
    )
    # the guarantees are "coupled with" the model at the partnership's foundation, not in it
    fact(article, "taiwan-us-strategic-tech-partnership", "INVOLVES", "export-credit-guarantees")
    fact(article, "us-government", "SUPPORTS", "us-domestic-production-push")


def test_the_investment(article: Db) -> None:
    invest = fact(article, "tsmc", "INVESTS_IN", "arizona")
    assert (invest["amount"], invest["currency"]) == (165e9, "USD")
    assert "AI" in invest["purpose"]
    # the article says TSMC invests to establish the factories, not that it runs them
    assert fact(article, "tsmc", "OPERATES", "tsmc-arizona-fabs")["bases"] == ["inferred"]
    fact(article, "tsmc-arizona-fabs", "LOCATED_IN", "arizona")


def test_what_complicates_the_talks(article: Db) -> None:
    rows = article.query(
        "MATCH (x)-[:COMPLICATES]->(:Entity {id: 'taiwan-us-tech-talks'}) RETURN x.id AS id ORDER BY id"
    )
    assert [r["id"] for r in rows] == [
        "us-domestic-production-push",
        "us-equal-chip-production-split",
        "us-government-shutdown",
        "us-key-departments",
    ]


def test_no_invented_dates(article: Db) -> None:
    assert article.query(
        "MATCH ()-[r]->() WHERE r.valid_from IS NOT NULL OR r.valid_to IS NOT NULL RETURN count(r) AS c"
    ) == [{"c": 0}]
    assert article.query(
        "MATCH (e:Event) WHERE e.start_date IS NOT NULL OR e.end_date IS NOT NULL RETURN count(e) AS c"
    ) == [{"c": 0}]


def test_large_files_show_progress(db: Db, settings: Settings, tmp_path: Path) -> None:
    article = yaml.safe_load(SEED_FILE.read_text())
    many = [
        {"id": f"firm-{i:05d}", "kind": "firm", "name": f"Firm {i}", "sources": [ARTICLE]}
        for i in range(6_000)
    ]
    big = _write(tmp_path, "big.yaml", {"sources": article["sources"], "entities": many})
    result = kg_seed(str(big))
    assert result.returncode == 0, result.stderr
    # not on a terminal: one summary line, with the rate
    (summary,) = [
        line for line in result.stderr.splitlines() if line.startswith("kg-seed: sources")
    ]
    assert re.fullmatch(
        r"kg-seed: sources 1/1 entities 6000/6000 relationships 0/0 · 6,001 items written "
        r"in \d+\.\d s \([\d,]+/s\)",
        summary,
    ), summary
    assert db.counts() == (6_001, 0)
    # on a terminal: the same line redrawn after each chunk, with the time left, then kept
    db.wipe()
    shown = _on_a_terminal([sys.executable, "-m", "seed", str(big)])
    drawn = [d for d in shown.split("\r\x1b[2K") if d.startswith("kg-seed: sources")]
    assert len(drawn) >= 2, shown
    assert re.search(r"6,001 items written, [\d,]+/s, (about .+ left|starting)", drawn[0])
    assert drawn[-1].startswith(summary.split(" in ")[0]) and drawn[-1].endswith("/s)\r\n")
    assert db.counts() == (6_001, 0)


def _on_a_terminal(command: list[str]) -> str:
    """What ``command`` writes to standard error when that is a terminal (a pseudo one)."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            command, stderr=follower, stdout=subprocess.DEVNULL, cwd=ROOT, timeout=300
        )
        assert done.returncode == 0
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode()
    finally:
        os.close(leader)


def _seed(settings: Settings, paths: list[Path], graph_class: type | None = None, **kw: Any) -> Any:
    from graph.interop.seeding import seed
    from graph.store.db import Graph, create_driver

    async def load() -> Any:
        drv = create_driver(settings)
        try:
            return await seed((graph_class or Graph)(drv, settings), paths, **kw)
        finally:
            await drv.close()

    return asyncio.run(load())


def _supply_chain_file(tmp_path: Path, firms: int) -> Path:
    """Firms in a chain, each supplying the next: relationships refer to earlier chunks."""
    article = yaml.safe_load(SEED_FILE.read_text())
    attest = [{"source": ARTICLE, "evidence": "synthetic", "confidence": 0.5}]
    return _write(
        tmp_path,
        "chain.yaml",
        {
            "sources": article["sources"],
            "entities": [
                {"id": f"firm-{i:03d}", "kind": "firm", "name": f"Firm {i}", "sources": [ARTICLE]}
                for i in range(firms)
            ],
            "relationships": [
                {
                    "type": "SUPPLIES",
                    "from_id": f"firm-{i:03d}",
                    "to_id": f"firm-{i + 1:03d}",
                    "product": "wafers",
                    "attestations": attest,
                }
                for i in range(firms - 1)
            ],
        },
    )


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large load in miniature: transactions of 10 items past 30 items."""
    import graph.interop.seeding

    monkeypatch.setattr(graph.interop.seeding, "CHUNK", 10)
    monkeypatch.setattr(graph.interop.seeding, "ONE_TRANSACTION_MAX", 30)


def test_large_load_is_written_in_chunks_and_completes(
    db: Db, settings: Settings, tmp_path: Path, small_chunks: None
) -> None:
    path = _supply_chain_file(tmp_path, 40)
    said: list[str] = []
    result = _seed(settings, [path], progress=said.append)
    assert (result.entities.created, result.relationships.created) == (40, 39)
    assert "checked; writing in transactions of 10 items" in said
    assert db.counts() == (41, 39)
    assert db.query(
        "MATCH p = (:Firm {id: 'firm-000'})-[:SUPPLIES*]->(:Firm {id: 'firm-039'}) "
        "RETURN length(p) AS hops"
    ) == [{"hops": 39}]
    again = _seed(settings, [path])
    assert (again.entities.unchanged, again.relationships.unchanged) == (40, 39)


def test_large_load_with_a_bad_last_item_writes_nothing(
    db: Db, settings: Settings, tmp_path: Path, small_chunks: None
) -> None:
    path = _supply_chain_file(tmp_path, 40)
    data = yaml.safe_load(path.read_text())
    data["relationships"][-1]["to_id"] = "no-such-firm"
    path.write_text(yaml.safe_dump(data))
    from graph.errors import SeedError

    with pytest.raises(SeedError) as caught:
        _seed(settings, [path])
    assert "nothing was written" in caught.value.detail
    assert (
        caught.value.pointer
        == f"{path}: /relationships/38 (id 'firm-038|SUPPLIES|no-such-firm') /to_id"
    )
    assert db.counts() == (0, 0)


def test_interrupted_large_load_says_how_far_it_got_and_a_rerun_completes_it(
    db: Db, settings: Settings, tmp_path: Path, small_chunks: None
) -> None:
    from graph.errors import DatabaseUnavailable, SeedIncomplete
    from graph.store.db import Graph

    class FailsOnFourthWrite(Graph):
        writes = 0

        async def write(self, work: Any, *, tx_timeout: float | None = None) -> Any:
            FailsOnFourthWrite.writes += 1
            if FailsOnFourthWrite.writes == 4:
                raise DatabaseUnavailable("Neo4j is unavailable: connection reset")
            return await super().write(work, tx_timeout=tx_timeout)

    path = _supply_chain_file(tmp_path, 40)
    with pytest.raises(SeedIncomplete) as caught:
        _seed(settings, [path], graph_class=FailsOnFourthWrite)
    # writes: the check is a read; the source, entities 0-9 and 10-19 land; 20-29 fails
    assert caught.value.detail == (
        "the load stopped after writing 21 of 80 items: Neo4j is unavailable: connection reset "
        "(run the same command again to complete it; what is written stays as it is)"
    )
    assert db.counts() == (21, 0)
    result = _seed(settings, [path])
    assert (result.entities.unchanged, result.entities.created) == (20, 20)
    assert db.counts() == (41, 39)


def test_a_chunk_plans_while_the_one_before_commits_and_writes_nothing_if_that_one_fails(
    db: Db, settings: Settings, tmp_path: Path, small_chunks: None
) -> None:
    from graph.errors import DatabaseUnavailable, SeedIncomplete
    from graph.store.db import Graph

    events: list[str] = []

    class ThirdCommitFails(Graph):
        writes = 0

        async def write(self, work: Any, *, tx_timeout: float | None = None) -> Any:
            ThirdCommitFails.writes += 1
            n = ThirdCommitFails.writes

            async def then_fail(tx: Any) -> Any:
                result = await work(tx)
                if n == 3:  # entities 10-19: written, then its commit fails
                    raise DatabaseUnavailable("Neo4j is unavailable: connection reset")
                return result

            events.append(f"start {n}")
            try:
                return await super().write(then_fail, tx_timeout=tx_timeout)
            finally:
                events.append(f"end {n}")

    path = _supply_chain_file(tmp_path, 40)
    with pytest.raises(SeedIncomplete) as caught:
        _seed(settings, [path], graph_class=ThirdCommitFails)
    assert caught.value.written == 11  # the source and entities 0-9
    # entities 20-29 were read and planned while 10-19 were being written
    assert events.index("start 4") < events.index("end 3")
    assert db.counts() == (11, 0)  # and were rolled back when 10-19 failed
    result = _seed(settings, [path])
    assert (result.entities.unchanged, result.entities.created) == (10, 30)
    assert db.counts() == (41, 39)


def test_an_item_given_in_two_files_is_refused(db: Db, settings: Settings, tmp_path: Path) -> None:
    result = kg_seed(str(SEED_FILE), str(SEED_FILE))
    assert result.returncode != 0
    assert "appears twice (also " in result.stderr
    assert db.counts() == (0, 0)


def test_if_empty_keeps_what_was_written_since(
    db: Db, settings: Settings, client: TestClient
) -> None:
    """make run seeds with --if-empty: a rerun after a merge, an edit and a delete of seeded
    items neither fails nor reverts them (the outside tester's make-run finding)."""
    assert kg_seed("--if-empty").returncode == 0
    client.put(
        "/entities/tsmc-dup",
        json={
            "kind": "firm",
            "name": "TSMC duplicate",
            "sources": ["taiwan-us-tech-talks-article"],
        },
    )
    assert client.post("/entities/tsmc/merge", json={"into": "tsmc-dup"}).status_code == 200
    assert client.patch("/entities/arizona", json={"name": "Arizona (edited)"}).status_code == 200
    before = db.counts()
    again = kg_seed("--if-empty")
    assert again.returncode == 0, again.stderr
    assert "not seeding" in again.stderr
    assert db.counts() == before
    assert client.get("/entities/arizona").json()["entity"]["name"] == "Arizona (edited)"
    assert client.get("/entities/tsmc").json()["entity"]["id"] == "tsmc-dup"
