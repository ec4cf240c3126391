"""The database's own pace for each read: the simplest Cypher that returns the same rows
(``bench/bare/*.cypher``), through the same driver, in read transactions, with the same
arguments and concurrency as the service is asked with.

Example:
    >>> sorted(BARE)[:2]
    ['entity', 'neighbourhood depth 1']
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction

from bench.measure import Latency, read_kind, timed_concurrently

FOLDER = Path(__file__).parent / "bare"

#: each read of the query plan, and the bare Cypher file that reads the same rows
BARE = {
    "entity": "entity",
    "neighbourhood depth 1": "neighbourhood_depth_1",
    "neighbourhood depth 2": "neighbourhood_depth_2",
    "neighbourhood depth 2, page of 50": "neighbourhood_depth_2",
    "shortest path": "shortest_path",
    "supply chain depth 3": "supply_chain",
    "search": "search",
}


def bare_query(read: str) -> str:
    """The bare Cypher of one read of the plan."""
    return (FOLDER / f"{BARE[read_kind(read)]}.cypher").read_text()


def bare_params(read: str, args: dict[str, Any]) -> dict[str, Any]:
    """The bare query's parameters for the service's arguments (its page sizes as the
    service's defaults).

    Example:
        >>> bare_params("neighbourhood depth 2, page of 50", {"id": "f-1", "depth": 2, "limit": 50})
        {'id': 'f-1', 'limit': 50}
    """
    read = read_kind(read)  # as known at a moment after the load: the present's rows
    if read.startswith("neighbourhood"):
        return {"id": args["id"], "limit": args.get("limit", 200)}
    if read.startswith("supply chain"):
        return {"id": args["id"], "limit": 500}
    if read == "shortest path":
        return {"from": args["from"], "to": args["to"]}
    if read == "search":
        return {"q": args["q"]}
    return {"id": args["id"]}


def bare_call(
    driver: AsyncDriver, database: str, read: str, args: dict[str, Any], into: Latency
) -> Callable[[], Awaitable[None]]:
    """One bare read, all of its rows fetched, as the service would fetch them; ``into``
    counts the calls that found something (a baseline that finds nothing is no baseline)."""
    text, params = bare_query(read), bare_params(read, args)

    async def work(tx: AsyncManagedTransaction) -> int:
        result = await tx.run(text, params)
        return len(await result.values())

    async def call() -> None:
        async with driver.session(database=database) as session:
            if await session.execute_read(work):
                into.answered += 1

    return call


async def queries_bare(
    driver: AsyncDriver, database: str, plan: dict[str, list[dict[str, Any]]], concurrency: int
) -> list[Latency]:
    """Each read of the plan as bare Cypher, same arguments, same concurrency."""
    out = []
    for name, args in plan.items():
        counted = Latency(name, "bare")
        calls = [bare_call(driver, database, name, a, counted) for a in args]
        timed = await timed_concurrently(name, "bare", calls, concurrency)
        timed.answered = counted.answered
        out.append(timed)
    return out
