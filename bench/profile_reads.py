"""``python -m bench.profile_reads``: what each read costs, in the database and in Python.

    NEO4J_URI=bolt://127.0.0.1:18687 NEO4J_PASSWORD=... python -m bench.profile_reads --size 100000

Reads the graph already loaded (``python -m bench`` leaves its last one; ``--size`` must be
the size it was generated with, for the arguments), one call at a time, each read of the
bench's plan through the service's graph layer and as its bare Cypher. Per read it prints
the wall time and the process's CPU time (Python: the driver's decoding and the service's
shaping) per call, and, from one more pass with every query under PROFILE, the round trips
and the database hits per call, by query.

:func:`profiled` is what ``tests/reads/test_read_cost.py`` counts with.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncManagedTransaction

from bench.bare import bare_call
from bench.generate import generate
from bench.measure import Latency, queries_driver, query_plan, settings_for
from graph.store import Graph, create_driver


def db_hits(plan: dict[str, Any]) -> int:
    """The database hits of a profiled plan, every operator's summed.

    Example:
        >>> db_hits({"dbHits": 3, "children": [{"dbHits": 4, "children": []}]})
        7
    """
    return int(plan.get("dbHits", 0)) + sum(db_hits(c) for c in plan.get("children", []))


def heaviest(plan: dict[str, Any], top: int = 3) -> list[str]:
    """The ``top`` operators of a profiled plan that spent the most database hits, each
    as ``hits operator details``: where a query's cost went, for a failing bound to say.

    Example:
        >>> heaviest({"operatorType": "A", "dbHits": 3, "args": {}, "children": [
        ...     {"operatorType": "B", "dbHits": 9, "args": {"Details": "x"}, "children": []}]})
        ['9 B x', '3 A ']
    """
    found: list[tuple[int, str]] = []

    def visit(node: dict[str, Any]) -> None:
        details = str(node.get("args", {}).get("Details", ""))[:160]
        found.append((int(node.get("dbHits", 0)), f"{node.get('operatorType')} {details}"))
        for child in node.get("children", []):
            visit(child)

    visit(plan)
    return [f"{hits} {what}" for hits, what in sorted(found, key=lambda x: -x[0])[:top]]


@dataclass
class Profiled:
    """The queries run while profiling, each with its database hits (its first line
    names it), and what they sent back: rows, and the items of the lists they hold."""

    queries: list[tuple[str, int]] = field(default_factory=list)
    shipped: int = 0
    #: per query, its costliest operators (:func:`heaviest`)
    costliest: list[list[str]] = field(default_factory=list)
    #: per query, its profiled plan as the driver gives it
    plans: list[dict[str, Any]] = field(default_factory=list)

    @property
    def hits(self) -> int:
        return sum(h for _, h in self.queries)


class _Rows:
    """A result already read: the rows its caller iterates."""

    def __init__(self, records: list[Any]) -> None:
        self._records = records

    async def __aiter__(self) -> AsyncIterator[Any]:
        for record in self._records:
            yield record


@contextmanager
def profiled() -> Iterator[Profiled]:
    """Every query a managed transaction runs meanwhile runs under PROFILE, and is counted."""
    seen = Profiled()
    original = AsyncManagedTransaction.run

    async def run(
        self: AsyncManagedTransaction, query: Any, parameters: Any = None, **kw: Any
    ) -> Any:
        result = await original(self, "PROFILE " + query, parameters, **kw)
        records = [record async for record in result]
        summary = await result.consume()
        name = query.lstrip().splitlines()[0][:70]
        seen.queries.append((name, db_hits(summary.profile or {})))
        seen.costliest.append(heaviest(summary.profile or {}))
        seen.plans.append(summary.profile or {})
        seen.shipped += len(records) + sum(
            len(v) for record in records for v in record.values() if isinstance(v, list)
        )
        return _Rows(records)

    AsyncManagedTransaction.run = run  # type: ignore[method-assign,assignment]
    try:
        yield seen
    finally:
        AsyncManagedTransaction.run = original  # type: ignore[method-assign]


async def _timed(calls: list[Any]) -> tuple[float, float]:
    """Wall and CPU milliseconds per call, one call at a time."""
    wall, cpu = time.perf_counter(), time.process_time()
    for call in calls:
        await call()
    n = max(1, len(calls))
    return (time.perf_counter() - wall) * 1000 / n, (time.process_time() - cpu) * 1000 / n


async def main(size: int, requests: int) -> None:
    uri, password = os.environ["NEO4J_URI"], os.environ["NEO4J_PASSWORD"]
    settings = settings_for(uri, password)
    driver = create_driver(settings)
    graph = Graph(driver, settings)
    plan = query_plan(generate(size), requests)
    try:
        await queries_driver(graph, plan, 4)  # warm: compile the queries, fill the cache
        for name, args in plan.items():
            one = {name: args}
            start = time.perf_counter()
            await queries_driver(graph, one, 1)
            service = (time.perf_counter() - start) * 1000 / len(args)
            cpu_start = time.process_time()
            await queries_driver(graph, one, 1)
            service_cpu = (time.process_time() - cpu_start) * 1000 / len(args)
            bare = [
                bare_call(driver, settings.neo4j_database, name, a, Latency(name, "bare"))
                for a in args
            ]
            bare_wall, bare_cpu = await _timed(bare)
            with profiled() as seen:
                await queries_driver(graph, {name: args[:20]}, 1)
            by_query: dict[str, list[int]] = defaultdict(list)
            for query, spent in seen.queries:
                by_query[query].append(spent)
            calls = min(20, len(args))
            print(
                f"{name}: service {service:.1f} ms/call ({service_cpu:.1f} CPU), "
                f"bare {bare_wall:.1f} ms ({bare_cpu:.1f} CPU); "
                f"{len(seen.queries) / calls:.1f} queries, {seen.hits / calls:,.0f} db hits, "
                f"{seen.shipped / calls:,.0f} items shipped per call"
            )
            for query, each in sorted(by_query.items(), key=lambda kv: -sum(kv[1])):
                print(f"    {sum(each) / calls:>10,.0f} hits/call  {query}")
    finally:
        await driver.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.profile_reads", description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    asyncio.run(main(args.size, args.requests))
