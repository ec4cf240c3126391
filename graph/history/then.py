"""Lists and counts at a past moment (``known_at``), read from the history.

What an item *was* at a moment is the state its last revision up to then recorded
(:mod:`graph.history.revisions`); whether it counted then follows from that state: recorded,
not retracted, not merged away. The present versions of these answers read flags kept on
the items themselves; these read each candidate's history, page by page, so they cost
more, and are asked for only with ``known_at``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.domain import SourcePublic
from graph.records import EntityPublic, Fact, entity_public, fact_from_row, source_public
from graph.store import Graph, Rows, run

#: candidates read from the history at once
PAGE = 500


def counted_then(state: dict[str, Any] | None) -> bool:
    """Whether an item in this recorded state was part of the graph: recorded, and
    neither retracted nor merged away.

    Example:
        >>> counted_then({"id": "a"}), counted_then({"id": "a", "retracted_at": "2026"})
        (True, False)
    """
    return state is not None and not state.get("retracted_at") and not state.get("merged_into")


async def _kept(
    tx: AsyncManagedTransaction,
    query_name: str,
    known_at: str,
    after: str,
    limit: int,
    keep: Callable[[dict[str, Any]], Any | None],
    **params: Any,
) -> list[Any]:
    """What ``keep`` makes of the rows of ``query_name`` (states then, in id order after
    ``after``), read a page of candidates at a time until ``limit`` are kept."""
    kept: list[Any] = []
    while len(kept) < limit:
        rows = await run(tx, query_name, known_at=known_at, after=after, page_size=PAGE, **params)
        for row in rows:
            made = keep(row)
            if made is not None:
                kept.append(made)
                if len(kept) == limit:
                    break
        if len(rows) < PAGE:
            break
        after = rows[-1]["id"]
    return kept


def _state(text: str | None) -> dict[str, Any] | None:
    return json.loads(text) if text else None


async def disputed_facts_then(graph: Graph, known_at: str, after: str, limit: int) -> list[Fact]:
    """The facts whose sources disagreed at ``known_at``, as recorded then, in id order."""

    def keep(row: dict[str, Any]) -> Fact | None:
        state = _state(row["state"])
        if not counted_then(state) or not state or not state.get("disputed"):
            return None
        ends = [_state(end) or {} for end in row["ends"]]
        names = {
            state["from_id"]: str(ends[0].get("name", state["from_id"])),
            state["to_id"]: str(ends[1].get("name", state["to_id"])),
        }
        return fact_from_row(state, names)

    async def work(tx: AsyncManagedTransaction) -> list[Fact]:
        return await _kept(tx, "fact_states_then", known_at, after, limit, keep)

    return await graph.read(work)


async def disputed_entities_then(
    graph: Graph, known_at: str, after: str, limit: int
) -> list[EntityPublic]:
    """The entities whose sources disagreed at ``known_at``, as recorded then."""

    def keep(row: dict[str, Any]) -> EntityPublic | None:
        state = _state(row["state"])
        if not counted_then(state) or not state or not state.get("disputed"):
            return None
        return entity_public(state)

    async def work(tx: AsyncManagedTransaction) -> list[EntityPublic]:
        return await _kept(tx, "entity_states_then", known_at, after, limit, keep)

    return await graph.read(work)


async def sources_then(
    graph: Graph, known_at: str, after: str, limit: int, ids: list[str] | None = None
) -> list[SourcePublic]:
    """The sources recorded by ``known_at``, with their values then, in id order."""

    def keep(row: dict[str, Any]) -> SourcePublic | None:
        state = _state(row["state"])
        return source_public(state) if state else None

    async def work(tx: AsyncManagedTransaction) -> list[SourcePublic]:
        return await _kept(tx, "source_states_then", known_at, after, limit, keep, ids=ids)

    return await graph.read(work)


async def _cited_then(rows: Rows, query_name: str, known_at: str, source_id: str) -> int:
    """How many items of ``query_name`` (entities or facts) recorded by ``known_at`` cited
    the source in their state then, retracted ones included, as the present count does."""
    count, after = 0, ""
    while True:
        page = [r async for r in rows(query_name, known_at=known_at, after=after, page_size=PAGE)]
        count += sum(
            source_id in (state.get("source_ids") or [])
            for state in (_state(r["state"]) for r in page)
            if state is not None and not state.get("merged_into")
        )
        if len(page) < PAGE:
            return count
        after = page[-1]["id"]


async def source_usage_then(graph: Graph, known_at: str, source_id: str) -> tuple[int, int]:
    """How many entities and facts cited the source at ``known_at`` (every item's history
    is read: slow on a large graph, and asked for only with ``known_at``)."""
    async with graph.streaming_read(tx_timeout=max(graph.timeout, 120)) as rows:
        entities = await _cited_then(rows, "entity_states_then", known_at, source_id)
        facts = await _cited_then(rows, "fact_states_then", known_at, source_id)
    return entities, facts
