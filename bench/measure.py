"""What the harness measures: ingest through each write path, and queries over HTTP and
straight through the driver, each with its baseline in the same run."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import random
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import httpx
from neo4j import AsyncDriver, Query

from bench.generate import chunks
from graph.domain import (
    KIND_LABELS,
    RELATIONSHIP_ADAPTER,
    AttestationPublic,
    Batch,
    EntityKind,
    NeighbourhoodQuestion,
    PathsQuestion,
    SourceIn,
    SupplyChainQuestion,
)
from graph.errors import InvalidInput
from graph.interop import pages, seed
from graph.items import ENTITY_ADAPTER, get_entity
from graph.reads import analysis, explore, lookup
from graph.records import entity_props, relationship_props, source_props
from graph.store import NOW, Graph, Moment, Settings, query
from graph.writes import batches as write_module
from graph.writes import utc_now, write_batch
from neo4j_local.server import LocalServer
from seed.bulk import bulk_seed

WIPE = (Path(__file__).parent / "wipe.cypher").read_text()
#: The bulk row's name: measured only on the harness's own local server.
BULK_PATH = "bulk import (kg-seed --bulk, empty database)"
#: the second baseline: the import tool alone, on the files the bulk path wrote
IMPORT_TOOL_PATH = "neo4j-admin database import alone (the bulk path's files)"


@dataclass
class Ingest:
    path: str
    items: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.items / self.seconds


@dataclass
class Latency:
    query: str
    via: str
    samples: list[float] = field(default_factory=list)
    seconds: float = 0.0
    answered: int = 0  # calls that returned some row (counted where the harness reads rows)

    def pct(self, p: float) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000

    @property
    def rps(self) -> float:
        return len(self.samples) / self.seconds


async def wipe(driver: AsyncDriver, database: str) -> None:
    async with driver.session(database=database) as session:
        for statement in WIPE.split(";"):
            # the batches commit on their own, but the statement is one transaction to the
            # server's timeout (60 s on the harness's server): a million facts take longer
            await (await session.run(Query(statement, timeout=3600))).consume()


def size_of(graph: dict[str, list[Any]]) -> int:
    return sum(len(v) for v in graph.values())


async def ingest_api(api: str, graph: dict[str, list[Any]], batch_size: int) -> Ingest:
    async with httpx.AsyncClient(base_url=api, timeout=600) as http:
        started = time.perf_counter()
        for batch in chunks(graph, batch_size):
            response = await http.post("/batch", json=batch)
            response.raise_for_status()
        return Ingest("API POST /batch", size_of(graph), time.perf_counter() - started)


async def ingest_write_path(
    graph_handle: Graph, graph: dict[str, list[Any]], batch_size: int
) -> Ingest:
    """The API's write path in process: the same batches validated and written, no HTTP."""
    started = time.perf_counter()
    for batch in chunks(graph, batch_size):
        await write_batch(graph_handle, Batch.model_validate(batch))
    return Ingest("write path, no HTTP", size_of(graph), time.perf_counter() - started)


async def ingest_write_path_without_history(
    graph_handle: Graph, graph: dict[str, list[Any]], batch_size: int
) -> Ingest:
    """The write path as it was before revisions: the same batches, recording no history
    (``graph.writes.batches.record`` does nothing for this run), to measure what history costs."""
    namespace = vars(write_module)  # the write path looks ``record`` up here at each call
    saved = namespace["record"]

    async def record_nothing(*_args: Any, **_kwargs: Any) -> None:
        return None

    namespace["record"] = record_nothing
    try:
        done = await ingest_write_path(graph_handle, graph, batch_size)
    finally:
        namespace["record"] = saved
    return Ingest("write path, no HTTP, no history", done.items, done.seconds)


async def ingest_seed_command(graph_handle: Graph, graph: dict[str, list[Any]]) -> Ingest:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.json"
        path.write_text(json.dumps(graph))
        started = time.perf_counter()
        await seed(graph_handle, [path])
        return Ingest("seeding command", size_of(graph), time.perf_counter() - started)


async def ingest_bulk(
    settings: Settings, server: LocalServer, graph: dict[str, list[Any]]
) -> list[Ingest]:
    """``kg-seed --bulk`` end to end (check, plan, CSV, stop, import, restart, schema), and
    ``neo4j-admin database import`` alone on the files it wrote: the bulk path's limit."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.json"
        path.write_text(json.dumps(graph))
        started = time.perf_counter()
        # in a thread: it runs its own event loops between the server's stop and start
        report = await asyncio.to_thread(bulk_seed, settings, [path], server=server)
        seconds = time.perf_counter() - started
    items = size_of(graph)
    return [
        Ingest(BULK_PATH, items, seconds),
        Ingest(IMPORT_TOOL_PATH, items, report.import_seconds),
    ]


async def ingest_driver_unwind(
    driver: AsyncDriver, database: str, graph: dict[str, list[Any]], batch_size: int
) -> Ingest:
    """The limit for this design: the service's own UNWIND queries, rows prepared in advance,
    no reads, no validation, no HTTP."""
    now = utc_now()
    stamp = {"created_at": now, "updated_at": now}
    sources = [
        {"id": s["id"], "props": {**source_props(SourceIn(**s)), **stamp}} for s in graph["sources"]
    ]
    entities = []
    for e in graph["entities"]:
        entity = ENTITY_ADAPTER.validate_python(e)
        entities.append(
            {
                "id": e["id"],
                "labels": list(KIND_LABELS[EntityKind(e["kind"])]),
                "props": {**entity_props(entity), **stamp},
            }
        )
    rels = []
    for r in graph["relationships"]:
        model = RELATIONSHIP_ADAPTER.validate_python(r)
        atts = [AttestationPublic(**a.model_dump()) for a in model.attestations]
        rels.append(
            {
                "id": model.rel_id,
                "type": r["type"],
                "from_id": r["from_id"],
                "to_id": r["to_id"],
                "props": {**relationship_props(model, atts), **stamp},
            }
        )
    started = time.perf_counter()
    async with driver.session(database=database) as session:
        for name, rows in (
            ("upsert_sources", sources),
            ("upsert_entities", entities),
            ("create_relationships", rels),
        ):
            for i in range(0, len(rows), batch_size):
                part = rows[i : i + batch_size]

                async def work(tx: Any, q: str = query(name), part: list[Any] = part) -> None:
                    await (await tx.run(q, rows=part)).consume()

                await session.execute_write(work)
    return Ingest("driver UNWIND (baseline)", size_of(graph), time.perf_counter() - started)


async def ingest_naive(api: str, graph: dict[str, list[Any]], sample: int) -> Ingest:
    """One item per request, as a naive client would: timed on a sample, as a rate."""
    async with httpx.AsyncClient(base_url=api, timeout=60) as http:
        started = time.perf_counter()
        count = 0
        for source in graph["sources"]:
            (await http.put(f"/sources/{source['id']}", json=source)).raise_for_status()
            count += 1
        for entity in graph["entities"][:sample]:
            (await http.put(f"/entities/{entity['id']}", json=entity)).raise_for_status()
            count += 1
        return Ingest("naive client, one item per request", count, time.perf_counter() - started)


async def timed_concurrently(
    name: str, via: str, calls: list[Callable[[], Awaitable[Any]]], concurrency: int
) -> Latency:
    result = Latency(name, via)
    queue = list(reversed(calls))

    async def worker() -> None:
        while queue:
            call = queue.pop()
            started = time.perf_counter()
            await call()
            result.samples.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    result.seconds = time.perf_counter() - started
    return result


#: what a read's name ends with when it is asked as the graph was known at a moment
KNOWN_AT = ", known_at"
#: the reads asked both in the present and as known at the end of the load (issue 23:
#: history within 2 times the present)
HISTORY_READS = ("entity", "neighbourhood depth 1", "neighbourhood depth 2, page of 50")


def read_kind(name: str) -> str:
    """The read a plan's name stands for, its moment aside.

    Example:
        >>> read_kind("neighbourhood depth 1, known_at")
        'neighbourhood depth 1'
    """
    return name.removesuffix(KNOWN_AT)


def query_plan(
    graph: dict[str, list[Any]], requests: int, seed: int = 11, known_at: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The same random arguments for every way of asking; with ``known_at`` (a moment
    after the load, so the answers are the present's), :data:`HISTORY_READS` again, read
    through the history as known then."""
    plan = _present_plan(graph, requests, seed)
    if known_at is not None:
        for name in HISTORY_READS:
            plan[name + KNOWN_AT] = [a | {"known_at": known_at} for a in plan[name]]
    return plan


def _present_plan(
    graph: dict[str, list[Any]], requests: int, seed: int
) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(seed)
    firms = [e["id"] for e in graph["entities"] if e["kind"] == "firm"]
    words = [e["name"].split()[-1] for e in graph["entities"][:200]]
    return {
        "entity": [{"id": rng.choice(firms)} for _ in range(requests)],
        "neighbourhood depth 1": [{"id": rng.choice(firms), "depth": 1} for _ in range(requests)],
        "neighbourhood depth 2": [{"id": rng.choice(firms), "depth": 2} for _ in range(requests)],
        # a smaller page of the same walk: a page's cost follows its size, not the hubs
        "neighbourhood depth 2, page of 50": [
            {"id": rng.choice(firms), "depth": 2, "limit": 50} for _ in range(requests)
        ],
        "shortest path": [
            {"from": rng.choice(firms), "to": rng.choice(firms)} for _ in range(requests)
        ],
        "supply chain depth 3": [{"id": rng.choice(firms), "depth": 3} for _ in range(requests)],
        "search": [{"q": rng.choice(words)} for _ in range(requests)],
    }


Call = Callable[[], Awaitable[None]]


async def queries_http(
    api: str, plan: dict[str, list[dict[str, Any]]], concurrency: int
) -> list[Latency]:
    # aiohttp, not httpx: the load generator shares the two cores with the API and Neo4j,
    # and httpx spends several times more CPU per request
    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=60)
    out = []
    async with aiohttp.ClientSession(api, connector=connector, timeout=timeout) as http:

        def call(name: str, a: dict[str, Any]) -> Call:
            read = read_kind(name)
            if read.startswith("neighbourhood"):
                url = f"/entities/{a['id']}/neighbourhood"
                params = {"depth": a["depth"], "limit": a.get("limit", 200)}
            elif read == "shortest path":
                url, params = "/paths", {"from": a["from"], "to": a["to"]}
            elif read.startswith("supply chain"):
                url, params = f"/entities/{a['id']}/supply-chain", {"depth": a["depth"]}
            elif read == "entity":
                url, params = f"/entities/{a['id']}", {}
            else:
                url, params = "/search", {"q": a["q"]}
            if "known_at" in a:
                params["known_at"] = a["known_at"]

            async def get() -> None:
                async with http.get(url, params=params) as response:
                    await response.read()
                    if response.status >= 500:
                        response.raise_for_status()

            return get

        for name, args in plan.items():
            out.append(
                await timed_concurrently(name, "HTTP", [call(name, a) for a in args], concurrency)
            )
    return out


async def queries_driver(
    graph: Graph, plan: dict[str, list[dict[str, Any]]], concurrency: int
) -> list[Latency]:
    """The same Cypher and the same Python that shapes it, without HTTP in between."""

    def call(name: str, a: dict[str, Any]) -> Call:
        read = read_kind(name)
        at = graph
        if "known_at" in a:  # the same handle, reading as the graph was known then
            at = copy.copy(graph)
            at.moment = Moment(known_at=a["known_at"])

        async def run() -> None:
            # a path from a firm to itself is refused here as the API refuses it (422)
            with contextlib.suppress(InvalidInput):
                if read.startswith("neighbourhood"):
                    limit = a.get("limit", 200)
                    asked = NeighbourhoodQuestion(depth=a["depth"], limit=limit)
                    await explore.neighbourhood(at, a["id"], asked)
                elif read == "shortest path":
                    await explore.paths(at, PathsQuestion(**{"from": a["from"], "to": a["to"]}))
                elif read.startswith("supply chain"):
                    asked_chain = SupplyChainQuestion(depth=a["depth"])
                    await analysis.supply_chain(at, a["id"], asked_chain)
                elif read == "entity":
                    await get_entity(at, a["id"])
                else:
                    await lookup.search(at, a["q"])

        return run

    return [
        await timed_concurrently(name, "driver", [call(name, a) for a in args], concurrency)
        for name, args in plan.items()
    ]


def settings_for(uri: str, password: str) -> Settings:
    return Settings.model_validate(
        {
            "neo4j_uri": uri,
            "neo4j_password": password,
            "KG_QUERY_TIMEOUT": 120,
            "KG_ENVIRONMENT": "test",
        }
    )


@dataclass
class ExportRun:
    """One whole-graph export: how long, how much, and the API's resident memory meanwhile."""

    format: str
    via: str
    seconds: float
    megabytes: float
    items: int
    peak_rss_mb: float | None = None

    @property
    def rate(self) -> float:
        return self.items / self.seconds


def status_mb(pid: int, field: str = "VmRSS") -> float:
    """A process's memory figure from /proc (``VmRSS`` now, ``VmHWM`` its peak), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def export_http(api: str, fmt: str, items: int, api_pid: int) -> ExportRun:
    """``GET /export?format=fmt`` read to the end, the API's RSS sampled every 20 ms."""
    peak = status_mb(api_pid)
    done = asyncio.Event()

    async def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, status_mb(api_pid))
            await asyncio.sleep(0.02)

    sampler = asyncio.create_task(sample())
    size = 0
    timeout = aiohttp.ClientTimeout(total=3600)
    started = time.perf_counter()
    try:
        async with (
            aiohttp.ClientSession(api, timeout=timeout) as http,
            http.get("/export", params={"format": fmt}) as response,
        ):
            response.raise_for_status()
            async for chunk in response.content.iter_chunked(1 << 16):
                size += len(chunk)
    finally:
        seconds = time.perf_counter() - started
        done.set()
        await sampler
    return ExportRun(fmt, "HTTP", seconds, size / 2**20, items, peak)


async def export_driver(graph_handle: Graph, items: int) -> ExportRun:
    """The baseline: the export's own queries read through the driver in one streaming
    read transaction, rows counted and dropped, nothing formatted."""
    started = time.perf_counter()
    count = 0
    present = NOW.params()
    async with graph_handle.streaming_read(tx_timeout=3600) as rows:
        async for page, _lo, _hi in pages(rows, "export_entities", "id", ids=None, **present):
            count += len(page)
        async for page, _lo, _hi in pages(
            rows,
            "export_relationships",
            "start",
            ids=None,
            stated_only=False,
            as_of=None,
            **present,
        ):
            count += len(page)
        for name in ("export_sources", "export_redirects"):
            async for _row in rows(name, ids=None, **present):
                count += 1
    return ExportRun("rows only", "driver", time.perf_counter() - started, 0.0, count)
