"""``python -m bench.bulk_load``: ``kg-seed --bulk`` against its two baselines, side by side.

    python -m bench.bulk_load --sizes 100000,1000000 --out docs/benchmarks/bulk-load

For each size, on the harness's own local Neo4j (``.neo4j-bench``, as ``python -m bench``
starts it): the bench's generated graph loaded by ``kg-seed --bulk`` into the empty
database, in a child process whose peak memory is measured, with the time of each step
(reading and planning, ``neo4j-admin database import`` itself, and the restart with the
schema and the second pass); then the database emptied and the same graph written by the
driver's UNWIND (the baseline of every ingest row in BENCHMARKS.md). The import step alone
is the second baseline: the pace of the tool on the bench's own files.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.generate import generate
from bench.measure import ingest_driver_unwind, settings_for, size_of, wipe
from graph.store import apply_schema, create_driver
from neo4j_local.server import LocalServer
from seed.bulk import bulk_seed

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "kg-bench-secret"


def _server(bolt: int, http: int) -> LocalServer:
    return LocalServer(ROOT / ".neo4j-bench", bolt, http, PASSWORD, heap="2g", page_cache="2g")


def child(path: Path, bolt: int, http: int) -> None:
    """Run in the child: the bulk load, then one JSON line (its report and peak memory)."""
    server = _server(bolt, http)
    report = bulk_seed(settings_for(server.bolt_uri, PASSWORD), [path], server=server)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    found = asdict(report) | {"peak_mb": peak_mb}
    found.pop("result")
    print(json.dumps(found))


async def _empty(uri: str) -> None:
    settings = settings_for(uri, PASSWORD)
    driver = create_driver(settings)
    try:
        await apply_schema(driver, settings.neo4j_database)
        await wipe(driver, settings.neo4j_database)
    finally:
        await driver.close()


async def _baseline(uri: str, graph: dict[str, list[Any]]) -> float:
    settings = settings_for(uri, PASSWORD)
    driver = create_driver(settings)
    try:
        done = await ingest_driver_unwind(driver, settings.neo4j_database, graph, 5_000)
        return done.seconds
    finally:
        await driver.close()


def run_size(size: int, server: LocalServer) -> dict[str, Any]:
    graph = generate(size)
    items = size_of(graph)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.json"
        path.write_text(json.dumps(graph))
        asyncio.run(_empty(server.bolt_uri))
        print(f"[{size:,} facts] kg-seed --bulk…", file=sys.stderr, flush=True)
        started = time.perf_counter()
        command = [sys.executable, "-m", "bench.bulk_load", "--child", str(path)]
        command += [str(server.bolt_port), str(server.http_port)]
        done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
        bulk_seconds = time.perf_counter() - started
    steps = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"[{size:,} facts] driver UNWIND…", file=sys.stderr, flush=True)
    asyncio.run(_empty(server.bolt_uri))
    baseline = asyncio.run(_baseline(server.bolt_uri, graph))
    return {
        "size": size,
        "items": items,
        "bulk_seconds": bulk_seconds,
        "baseline_seconds": baseline,
        **steps,
    }


def report(runs: list[dict[str, Any]], command: str) -> str:
    lines = [
        "# Bulk load against its baselines",
        "",
        f"`{command}`, on a {os.cpu_count()}-core machine. Rates are items a second (sources, "
        "entities and facts, all with provenance and history); `vs baseline` is the bulk "
        "load's rate over the driver's UNWIND writing the same rows into a live database; "
        "`vs the tool` over `neo4j-admin database import` alone on the files the load wrote. "
        "Python µs per item is the reading, checking and planning before the import, per item.",
        "",
        "| facts | items | bulk s | plan s | import s | restart, schema, second pass s "
        "| baseline s | vs baseline | vs the tool | Python µs/item | peak MB |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in runs:
        lines.append(
            f"| {r['size']:,} | {r['items']:,} | {r['bulk_seconds']:.1f} "
            f"| {r['plan_seconds']:.1f} | {r['import_seconds']:.1f} | {r['finish_seconds']:.1f} "
            f"| {r['baseline_seconds']:.1f} | {r['baseline_seconds'] / r['bulk_seconds']:.2f} "
            f"| {r['import_seconds'] / r['bulk_seconds']:.2f} "
            f"| {r['plan_seconds'] / r['items'] * 1e6:.0f} | {r['peak_mb']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bulk_load", description=__doc__)
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks" / "bulk-load")
    parser.add_argument(
        "--child", nargs=3, metavar=("FILE", "BOLT", "HTTP"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        child(Path(args.child[0]), int(args.child[1]), int(args.child[2]))
        return 0
    bolt = int(os.environ.get("KG_BENCH_BOLT_PORT", "18687"))
    http = int(os.environ.get("KG_BENCH_HTTP_PORT", "18474"))
    server = _server(bolt, http)
    server.start()
    try:
        runs = [run_size(int(s), server) for s in args.sizes.split(",")]
    finally:
        server.stop()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(runs, indent=1))
    command = "python -m bench.bulk_load " + " ".join(argv or sys.argv[1:])
    (args.out / "README.md").write_text(report(runs, command))
    print(report(runs, command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
