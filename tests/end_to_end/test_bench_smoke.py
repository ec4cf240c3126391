"""The benchmark harness keeps working: a small run against the test server writes a full
report. No timing is asserted; speed is the harness's business, not the tests'."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from api.settings import ApiSettings as Settings
from bench.measure import HISTORY_READS, KNOWN_AT
from tests.conftest import ROOT, Db


def test_bench_smoke_writes_a_report(settings: Settings, db: Db, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
    }
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--out", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "results.json").read_text())
    (run,) = report["runs"]
    assert {r["path"] for r in run["ingest"]} == {
        "API POST /batch",
        "write path, no HTTP",
        "write path, no HTTP, no history",
        "seeding command",
        "driver UNWIND (baseline)",
        "naive client, one item per request",
    }
    assert all(r["items"] > 0 and r["seconds"] > 0 for r in run["ingest"])
    queries = {(q["query"], q["via"]) for q in run["queries"]}
    reads = {"entity", "neighbourhood depth 1", "neighbourhood depth 2", "search"}
    reads |= {"neighbourhood depth 2, page of 50", "shortest path", "supply chain depth 3"}
    # and three of them again as the graph was known at a moment after the load
    reads |= {f"{r}{KNOWN_AT}" for r in HISTORY_READS}
    assert queries == {(r, via) for r in reads for via in ("HTTP", "driver", "bare")}
    assert all(q["n"] == 40 for q in run["queries"])
    # each bare baseline reads real rows: one that finds nothing would measure nothing
    bare = {q["query"]: q["answered"] for q in run["queries"] if q["via"] == "bare"}
    assert all(bare[r] >= 30 for r in reads - {"search", "shortest path"}), bare
    assert bare["search"] > 0 and bare["shortest path"] > 0, bare
    text = (tmp_path / "BENCHMARKS.md").read_text()
    assert "vs bare" in text and "of its bare Cypher's req/s" in text
    assert "neighbourhood depth 1 with known_at: p99" in text
    assert "| 2,000 | API POST /batch |" in text and "p99 ratio" in text
    # the API wrote the whole synthetic graph: the data the queries ran on is really there
    nodes, rels = db.counts()
    assert rels == 2_000 and nodes > 0
    # every export format was read to its end, beside the baseline reading the same rows
    exports = {(e["format"], e["via"]): e for e in run["exports"]}
    assert set(exports) == {
        ("rows only", "driver"),
        *((fmt, "HTTP") for fmt in ("json", "jsonl", "graphml", "cypher", "ftm")),
    }
    baseline = exports[("rows only", "driver")]
    assert baseline["items"] == nodes + rels
    for fmt in ("json", "jsonl", "graphml", "cypher", "ftm"):
        export = exports[(fmt, "HTTP")]
        assert export["megabytes"] > 0 and export["peak_rss_mb"] > 0
    assert "## Whole-graph export" in text and "| 2,000 | json (HTTP) |" in text
