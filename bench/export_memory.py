"""``python -m bench.export_memory --size 1000000``: the whole-graph export alone, at a size
the full harness takes long to reach.

Loads the synthetic graph with the driver-UNWIND baseline into the database at
``NEO4J_URI`` (emptied first!), starts the API, then reads ``GET /export`` to its end in
every format beside the baseline of the export's own queries, sampling the API's resident
memory every 20 ms. Writes ``export-memory.json`` and ``export-memory.md`` to ``--out``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.__main__ import ROOT, peak_rss_mb, start_api
from bench.generate import generate
from bench.measure import export_driver, export_http, ingest_driver_unwind, settings_for, wipe
from bench.report import export_rows
from graph.store import Graph, apply_schema, create_driver

FORMATS = ("json", "jsonl", "graphml", "cypher", "ftm")


async def measure(size: int, uri: str, password: str, api: tuple[str, int]) -> dict[str, Any]:
    settings = settings_for(uri, password)
    driver = create_driver(settings)
    try:
        await apply_schema(driver, settings.neo4j_database)
        await wipe(driver, settings.neo4j_database)
        loaded = await ingest_driver_unwind(driver, settings.neo4j_database, generate(size), 5000)
        print(f"[{size:,} facts] loaded in {loaded.seconds:.0f} s; export…", file=sys.stderr)
        await export_driver(Graph(driver, settings), 0)  # untimed: compiles and warms the cache
        rows_only = await export_driver(Graph(driver, settings), 0)
        exports = [rows_only] + [
            await export_http(api[0], fmt, rows_only.items, api[1]) for fmt in FORMATS
        ]
    finally:
        await driver.close()
    return {"size": size, "exports": [asdict(e) | {"rate": e.rate} for e in exports]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.export_memory", description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks")
    args = parser.parse_args(argv)
    uri, password = os.environ.get("NEO4J_URI"), os.environ.get("NEO4J_PASSWORD", "")
    if not uri:
        parser.error("NEO4J_URI (and NEO4J_PASSWORD) name the database to empty and load")
    env = {
        **os.environ,
        "KG_ENVIRONMENT": "test",
        "KG_RATE_LIMIT_PER_MINUTE": "0",
        "KG_API_KEY_HASHES": "",
    }
    api_proc, api = start_api(env)
    try:
        run = asyncio.run(measure(args.size, uri, password, (api, api_proc.pid)))
        run["api_peak_rss_mb"] = peak_rss_mb(api_proc.pid)
    finally:
        api_proc.terminate()
        api_proc.wait(10)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "export-memory.json").write_text(json.dumps(run, indent=1))
    table = [
        "| facts | format | items | seconds | items/s | vs baseline | MB | API RSS peak (MB) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *export_rows(run),
        "",
        f"API peak resident memory over the process's life: {run['api_peak_rss_mb']:.0f} MB.",
    ]
    (args.out / "export-memory.md").write_text("\n".join(table) + "\n")
    print("\n".join(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
