"""``kg-seed --bulk``: the CSV rows without Neo4j, its refusals, an import that fails, and
one load both ways (the normal seeding on one local server, the bulk import on another)
giving the same graph and the same history, apart from their timestamps."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from bench.generate import generate
from bench.measure import BULK_PATH
from bench.report import _verdicts
from graph.errors import InvalidInput
from graph.history.revisions import changes_after
from graph.interop.export_read import export_items
from graph.interop.seed_texts import without_spans
from graph.interop.seeding import load_files
from graph.records.encoding import TIMESTAMPS
from graph.store.db import Author, Graph, create_driver
from graph.store.settings import Settings
from graph.writes.bulk import holds_data
from graph.writes.bulk_rows import ARRAY_DELIMITER, cell, import_tables, plan_empty, write_csv
from neo4j_local.server import LocalServer
from seed.__main__ import main as seed_main
from seed.bulk import BulkFailed, BulkRefused, bulk_seed, local_server, refusal
from tests.conftest import ROOT, SEED_FILE

PASSWORD = "bulk-test-secret"
BULK, NORMAL = (25687, 25474), (26687, 26474)

EXTRA = """\
sources:
  - id: bulk-test-a
    title: 'A "quoted", semicolon; title — ünïcode 台灣'
    published: "2025-01-02"
  - id: bulk-test-b
    title: Second
entities:
  - id: bulk-firm
    kind: firm
    name: Bulk, Firm "Q"
    aliases: ["a; b", 'c "d"', "e,f"]
    description: "line one\\nline two; with \\"quotes\\" and a tab\\tinside"
    sources: [bulk-test-a, bulk-test-b]
  - id: bulk-place
    kind: location
    location_type: country
    name: Bulkland
    sources: [bulk-test-a]
relationships:
  - type: LOCATED_IN
    from_id: bulk-firm
    to_id: bulk-place
    valid_from: "2024-03"
    attestations:
      - {source: bulk-test-a, evidence: 'It says "here"; really.', confidence: 0.9,
         rank: preferred}
      - {source: bulk-test-b, basis: inferred, reason: "the editor's reading",
         evidence: "x", confidence: 0.4}
"""


@pytest.fixture(scope="module")
def seed_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The article, an edge case or two, and a generated graph past one chunk (5,000 items)."""
    folder = tmp_path_factory.mktemp("seeds")
    (folder / "extra.yaml").write_text(EXTRA)
    (folder / "generated.json").write_text(json.dumps(generate(4500)))
    return [SEED_FILE, folder / "extra.yaml", folder / "generated.json"]


# --- without Neo4j --------------------------------------------------------------------------


def test_cells_carry_what_the_import_reads_back_and_refuse_the_rest() -> None:
    assert cell("  kept  ") == ("string", "  kept  ")  # quoted scalars keep their spaces
    assert cell(True) == ("boolean", "true") and cell(3) == ("long", "3")
    assert cell([0.1, 0.30000000000000004]) == (
        "double[]",
        f"0.1{ARRAY_DELIMITER}0.30000000000000004",
    )
    assert cell([""]) == ("string[]", " ") and cell(["a", ""]) == (
        "string[]",
        f"a{ARRAY_DELIMITER}",
    )
    for lost in ([], [" padded"], [f"a{ARRAY_DELIMITER}b"], [1, "a"], float("nan"), 2**63, {}):
        assert cell(lost) is None, lost


def test_the_tables_are_the_write_plan_with_its_history(seed_files: list[Path]) -> None:
    # as bulk mode plans them: an empty graph holds no text for the article's spans
    batch, _ = without_spans(load_files(seed_files[:2])[0], texts_stored=())
    planned = plan_empty(batch, now="2026-01-01T00:00:00.000Z")
    tables = import_tables(planned, Author(by="kg-seed", reason="seeded from test"))
    items = len(batch.sources) + len(batch.entities) + len(batch.relationships)
    assert tables.counts["Revision"] == items and tables.counts["RevisionLog"] == 1
    revisions = [t for t in tables.tables.values() if t.name == "Revision"]
    seqs = sorted(int(row[0]) for t in revisions for row in t.rows)
    assert seqs == list(range(1, items + 1))
    # only the items holding an empty list (entities without aliases) take the second pass
    assert {r["id"] for r in tables.fixups.entities} == {
        e.id for e in batch.entities if not e.aliases
    }
    assert not tables.fixups.sources and not tables.fixups.relationships
    assert tables.multiline  # the edge case's description spans two lines


def test_csv_files_are_quoted_and_typed_one_per_layout(tmp_path: Path) -> None:
    batch, _ = without_spans(load_files([SEED_FILE])[0], texts_stored=())
    tables = import_tables(plan_empty(batch, now="2026-01-01T00:00:00.000Z"), Author("kg-seed"))
    files = write_csv(tables, tmp_path)
    assert len(files.nodes) + len(files.relationships) == len(tables.tables)
    log = next(path for labels, path in files.nodes if labels == "RevisionLog")
    assert (
        log.read_text()
        == f'"id:ID(RevisionLog)","last:long"\n"revisions","{len(batch.sources) + len(batch.entities) + len(batch.relationships)}"\n'
    )
    header = next(path for t, path in files.relationships if t == "INVESTS_IN").read_text()
    assert header.startswith('":START_ID(Entity)",":END_ID(Entity)","id:string"')


def test_bulk_mode_refuses_another_server_or_a_folder_without_one(tmp_path: Path) -> None:
    elsewhere = Settings(neo4j_uri="neo4j+s://abcd.databases.neo4j.io", neo4j_password=PASSWORD)
    server = LocalServer(tmp_path, *BULK, password=PASSWORD)
    assert "not the local Neo4j" in (refusal(elsewhere, server) or "")
    other_port = Settings(neo4j_uri="bolt://127.0.0.1:26687", neo4j_password=PASSWORD)
    assert "not the local Neo4j" in (refusal(other_port, server) or "")
    here = Settings(neo4j_uri=f"bolt://localhost:{BULK[0]}", neo4j_password=PASSWORD)
    assert "holds no local Neo4j" in (refusal(here, server) or "")
    server.tool_env()  # writes the server's configuration, as a start does
    assert "is not running: start it" in (refusal(here, server) or "")


def test_the_command_exits_4_when_refused_and_3_when_the_import_failed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    for error, status in ((BulkRefused("not empty"), 4), (BulkFailed("exit 1"), 3)):

        def refuse(*_args: Any, error: Exception = error, **_kwargs: Any) -> None:
            raise error

        monkeypatch.setattr("seed.__main__.bulk_seed", refuse)
        assert seed_main(["--bulk", str(SEED_FILE)]) == status
        assert str(error) in capsys.readouterr().err


def test_the_bench_report_judges_the_bulk_row_against_three_times_the_baseline() -> None:
    ingest = [
        {"path": path, "rate": rate, "seconds": 1.0}
        for path, rate in (
            ("API POST /batch", 1.0),
            ("seeding command", 1.0),
            ("driver UNWIND (baseline)", 10.0),
            ("naive client, one item per request", 1.0),
            (BULK_PATH, 31.0),
        )
    ]
    queries = [
        {"query": q, "via": via, "p99": 1.0}
        for q in ("neighbourhood depth 1", "neighbourhood depth 2", "shortest path")
        for via in ("HTTP", "driver")
    ]
    report = {"runs": [{"size": 10, "ingest": ingest, "queries": queries}], "api_peak_rss_mb": 1}
    assert "- met: bulk import at 3.10x the driver baseline (at 10 facts)" in _verdicts(report)


# --- two local servers ----------------------------------------------------------------------


def server_env(home: Path, bolt: int, http: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KG_"))}
    return env | {
        "NEO4J_LOCAL_DIR": str(home),
        "NEO4J_LOCAL_BOLT_PORT": str(bolt),
        "NEO4J_LOCAL_HTTP_PORT": str(http),
        "NEO4J_URI": f"bolt://127.0.0.1:{bolt}",
        "NEO4J_PASSWORD": PASSWORD,
    }


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, str]]]:
    found = {}
    started = []
    try:
        for name, (bolt, http) in (("bulk", BULK), ("normal", NORMAL)):
            home = tmp_path_factory.mktemp(f"neo4j-{name}")
            server = LocalServer(home, bolt, http, PASSWORD, heap="512m", page_cache="128m")
            server.start()
            started.append(server)
            found[name] = server_env(home, bolt, http)
        yield found
    finally:
        for server in started:
            server.stop()


def kg_seed(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "seed", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )


def settings_of(env: dict[str, str]) -> Settings:
    return Settings(neo4j_uri=env["NEO4J_URI"], neo4j_password=SecretStr(PASSWORD))


async def _read(env: dict[str, str]) -> dict[str, Any]:
    settings = settings_of(env)
    driver = create_driver(settings)
    try:
        graph = Graph(driver, settings)
        items = [(what, dict(row)) async for what, row in export_items(graph)]
        feed, after = [], 0
        while page := await changes_after(graph, after, limit=1000):
            feed += page
            after = page[-1].seq
        return {"items": items, "feed": feed, "holds_data": await holds_data(graph)}
    finally:
        await driver.close()


def read(env: dict[str, str]) -> dict[str, Any]:
    return asyncio.run(_read(env))


def untimed(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in TIMESTAMPS}


def comparable(found: dict[str, Any]) -> dict[str, Any]:
    """The export and the feed with every timestamp left out."""
    items = [
        (what, {**row, "labels": sorted(row.get("labels", [])), "props": untimed(row["props"])})
        for what, row in found["items"]
    ]
    feed = [
        (r.seq, r.by, r.reason, r.item, r.item_id, r.op, untimed(r.state or {}))
        for r in found["feed"]
    ]
    return {"items": sorted(items, key=repr), "feed": feed}


@pytest.mark.lifecycle
def test_a_failed_import_leaves_the_database_empty_and_the_server_running(
    servers: dict[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    env = servers["bulk"]
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings = settings_of(env)
    monkeypatch.setattr(
        "seed.bulk.import_command", lambda *a, **k: [sys.executable, "-c", "raise SystemExit(7)"]
    )
    with pytest.raises(BulkFailed, match=r"import failed \(exit 7\); the database was left"):
        bulk_seed(settings, [SEED_FILE])
    assert local_server(settings).pid() is not None and not read(env)["holds_data"]

    monkeypatch.undo()
    for key, value in env.items():
        monkeypatch.setenv(key, value)

    async def broken(*_args: Any) -> int:
        raise RuntimeError("the second pass failed")

    monkeypatch.setattr("seed.bulk.apply_fixups", broken)
    with pytest.raises(BulkFailed, match="the second pass failed; the empty database was put back"):
        bulk_seed(settings, [SEED_FILE])
    assert local_server(settings).pid() is not None and not read(env)["holds_data"]


@pytest.mark.lifecycle
def test_bulk_and_normal_seeding_write_the_same_graph_and_history(
    servers: dict[str, dict[str, str]], seed_files: list[Path]
) -> None:
    normal = kg_seed(servers["normal"], *seed_files)
    assert normal.returncode == 0, normal.stderr
    bulk = kg_seed(servers["bulk"], "--bulk", *seed_files)
    assert bulk.returncode == 0, bulk.stderr
    assert bulk.stdout == normal.stdout  # the same counts of created items
    assert "imported" in bulk.stderr and "neo4j-admin database import full" in bulk.stderr

    by_bulk, by_normal = read(servers["bulk"]), read(servers["normal"])
    assert len(by_bulk["items"]) > 5_000
    assert comparable(by_bulk) == comparable(by_normal)
    first = by_bulk["feed"][0]
    names = ", ".join(p.name for p in seed_files)
    assert (first.seq, first.by, first.reason) == (1, "kg-seed", f"seeded from {names}")
    # one import time stamps everything the bulk load wrote, and its revisions
    stamps = {r.at for r in by_bulk["feed"]}
    stamps |= {row["props"][k] for _, row in by_bulk["items"] for k in TIMESTAMPS}
    assert len(stamps) == 1

    # the feed, replayed from the start, rebuilds the bulk-loaded graph exactly
    replayed = {(r.item.value, r.item_id): r.state for r in by_bulk["feed"]}
    item = {"node": "entity", "edge": "relationship", "source": "source"}
    for what, row in by_bulk["items"]:
        state = dict(row["props"])
        if what == "edge":
            state |= {"type": row["type"], "from_id": row["from_id"], "to_id": row["to_id"]}
        assert replayed.pop((item[what], row["id"])) == state
    assert replayed == {}

    again = kg_seed(servers["bulk"], "--bulk", SEED_FILE)
    assert again.returncode == 4 and "is not empty" in again.stderr, again.stderr
    assert comparable(read(servers["bulk"])) == comparable(by_bulk)


def test_a_span_is_refused_by_bulk_mode_s_plan_by_name_not_crashed_on() -> None:
    # an empty graph holds no text: the plan refuses the span as a write would
    batch, _ = load_files([SEED_FILE])
    with pytest.raises(InvalidInput) as refused:
        plan_empty(batch, now="2026-01-01T00:00:00.000Z")
    assert refused.value.errors[0]["pointer"] == "/relationships/0/attestations/0/selector"
    assert "has no text stored" in refused.value.errors[0]["detail"]
