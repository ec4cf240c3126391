"""``python -m bench``: ingest and query benchmarks with their baselines, side by side.

    make bench                                  # 10k and 100k facts (add 1M with --sizes)
    python -m bench --sizes 10000,100000,1000000
    python -m bench --smoke --out /tmp/bench    # small and quick: what make test runs
    python -m bench --reads-only --sizes 1000000 --out /tmp/reads  # the reads, loaded once

Neo4j: ``NEO4J_URI``/``NEO4J_PASSWORD`` if set (its database is emptied!), else a local
server of its own in ``.neo4j-bench`` on ports 18687/18474 (``KG_BENCH_BOLT_PORT``,
``KG_BENCH_HTTP_PORT``); only there is the bulk import (``kg-seed --bulk``) measured too,
since it stops and restarts the server. The report goes to
``BENCHMARKS.md`` with its data and plots in ``docs/benchmarks/`` (or all in ``--out``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx

from bench.bare import queries_bare
from bench.generate import generate
from bench.measure import (
    export_driver,
    export_http,
    ingest_api,
    ingest_bulk,
    ingest_driver_unwind,
    ingest_naive,
    ingest_seed_command,
    ingest_write_path,
    ingest_write_path_without_history,
    queries_driver,
    queries_http,
    query_plan,
    settings_for,
    status_mb,
    wipe,
)
from bench.report import write_report
from graph.store import Graph, apply_schema, create_driver
from graph.writes import utc_now
from neo4j_local.server import LocalServer

ROOT = Path(__file__).resolve().parent.parent
#: The harness's own server's ports, unless KG_BENCH_BOLT_PORT / KG_BENCH_HTTP_PORT say
PORTS = (("BOLT", "18687"), ("HTTP", "18474"))


def start_api(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "api.main:create_app",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    # ready once the schema is applied: on the graph a previous run left, that may mean
    # building new indexes over it and storing what a newer schema stores (minutes at 1M)
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return proc, url
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError("the API did not start")


def peak_rss_mb(pid: int) -> float:
    return status_mb(pid, "VmHWM")


async def run_size(
    size: int,
    uri: str,
    password: str,
    api: tuple[str, int],
    smoke: bool,
    server: LocalServer | None,
    reads_only: bool = False,
) -> dict[str, Any]:
    api_url, api_pid = api
    settings = settings_for(uri, password)
    driver = create_driver(settings)
    graph_handle = Graph(driver, settings)
    data = generate(size)
    batch = 5_000
    requests = 40 if smoke else 400
    print(f"[{size:,} facts] ingest…", file=sys.stderr, flush=True)
    try:
        await apply_schema(driver, settings.neo4j_database)
        results = []
        # the API last: queries run on its data; the bulk import (it restarts the server)
        # only on the harness's own local server
        names = ["bulk"] if server is not None else []
        names += ["naive", "seed", "driver", "no history", "write path"]
        for name in ["api"] if reads_only else [*names, "api"]:
            await wipe(driver, settings.neo4j_database)
            if name == "bulk" and server is not None:
                results.extend(await ingest_bulk(settings, server, data))
                # the server was restarted: a new driver, not a pool of broken connections
                await driver.close()
                driver = create_driver(settings)
                graph_handle = Graph(driver, settings)
                # and it is cold: an untimed load warms its JIT and page cache, or the
                # path timed next (the seeding command) pays for it alone (58 s against
                # 27-32 s warm at 100k, in one run)
                await wipe(driver, settings.neo4j_database)
                await ingest_driver_unwind(driver, settings.neo4j_database, data, batch)
            elif name == "naive":
                results.append(await ingest_naive(api_url, data, 30 if smoke else 300))
            elif name == "seed":
                results.append(await ingest_seed_command(graph_handle, data))
            elif name == "write path":
                results.append(await ingest_write_path(graph_handle, data, batch))
            elif name == "no history":
                results.append(await ingest_write_path_without_history(graph_handle, data, batch))
            elif name == "driver":
                results.append(
                    await ingest_driver_unwind(driver, settings.neo4j_database, data, batch)
                )
            else:
                results.append(await ingest_api(api_url, data, batch))
        print(f"[{size:,} facts] queries…", file=sys.stderr, flush=True)
        # a moment after the load: read through the history, the answers are the present's
        known_at = utc_now()
        plan = query_plan(data, requests, known_at=known_at)

        def warm_up(seed: int) -> dict[str, list[dict[str, Any]]]:
            return query_plan(data, requests // 4, seed, known_at)

        # untimed, with other arguments: whichever way of asking went first would otherwise
        # pay for compiling the queries and warming Neo4j's page cache
        await queries_driver(graph_handle, warm_up(97), 16)
        await queries_http(api_url, warm_up(98), 16)
        await queries_bare(driver, settings.neo4j_database, warm_up(99), 16)
        # side by side: the database's own pace (bare), the service, and its Python alone
        bare = await queries_bare(driver, settings.neo4j_database, plan, 16)
        http = await queries_http(api_url, plan, 16)
        direct = await queries_driver(graph_handle, plan, 16)
        print(f"[{size:,} facts] export…", file=sys.stderr, flush=True)
        await export_driver(graph_handle, 0)  # untimed: compiles and warms the cache
        rows_only = await export_driver(graph_handle, 0)
        exports = [rows_only] + [
            await export_http(api_url, fmt, rows_only.items, api_pid)
            for fmt in ("json", "jsonl", "graphml", "cypher", "ftm")
        ]
    finally:
        await driver.close()
    return {
        "size": size,
        "items": sum(len(v) for v in data.values()),
        "ingest": [asdict(r) | {"rate": r.rate} for r in results],
        "queries": [
            {
                "query": q.query,
                "via": q.via,
                "p50": q.pct(50),
                "p95": q.pct(95),
                "p99": q.pct(99),
                "rps": q.rps,
                "n": len(q.samples),
                "answered": q.answered,
            }
            for q in http + direct + bare
        ],
        "exports": [asdict(e) | {"rate": e.rate} for e in exports],
    }


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": f"{int(mem) / 2**20:.0f} GiB",
        "python": platform.python_version(),
        "os": platform.platform(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--smoke", action="store_true", help="2,000 facts, few requests")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--reads-only",
        action="store_true",
        help="load each graph through the API only (the data the reads run on), then the reads",
    )
    args = parser.parse_args(argv)
    sizes = [2_000] if args.smoke else [int(s) for s in args.sizes.split(",")]
    out = (args.out or ROOT / "docs" / "benchmarks").resolve()
    out.mkdir(parents=True, exist_ok=True)

    server: LocalServer | None = None
    uri, password = os.environ.get("NEO4J_URI"), os.environ.get("NEO4J_PASSWORD", "")
    if not uri:
        password = "kg-bench-secret"
        bolt, http = (int(os.environ.get(f"KG_BENCH_{p}_PORT", d)) for p, d in PORTS)
        server = LocalServer(
            ROOT / ".neo4j-bench", bolt, http, password, heap="2g", page_cache="2g"
        )
        server.start()
        uri = server.bolt_uri
    env = {
        **os.environ,
        "NEO4J_URI": uri,
        "NEO4J_PASSWORD": password,
        "KG_ENVIRONMENT": "test",
        "KG_RATE_LIMIT_PER_MINUTE": "0",
        "KG_QUERY_TIMEOUT": "120",
        "KG_API_KEY_HASHES": "",
        "KG_MAX_BODY_BYTES": str(200 * 2**20),
    }
    api_proc, api = start_api(env)
    try:
        runs = []
        for size in sizes:
            runs.append(
                asyncio.run(
                    run_size(
                        size,
                        uri,
                        password,
                        (api, api_proc.pid),
                        args.smoke,
                        server,
                        args.reads_only,
                    )
                )
            )
            # kept as it goes, so a failure at a larger size loses only that size
            (out / "results.partial.json").write_text(json.dumps(runs, indent=1))
        report = {
            "machine": machine(),
            "neo4j_uri": uri.split("@")[-1],
            "smoke": args.smoke,
            "api_peak_rss_mb": peak_rss_mb(api_proc.pid),
            "runs": runs,
            "command": "python -m bench " + " ".join(argv or sys.argv[1:]),
        }
    finally:
        api_proc.terminate()
        api_proc.wait(10)
        if server is not None:
            server.stop()
    (out / "results.json").write_text(json.dumps(report, indent=1))
    target = out / "BENCHMARKS.md" if args.smoke or args.out else ROOT / "BENCHMARKS.md"
    write_report(report, target, out)
    print(f"report: {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
