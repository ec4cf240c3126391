"""Relationships (facts) and sources one at a time: upsert, read with provenance, delete."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel, Field

from graph.domain import Batch, RelationshipIn, SourceIn, SourcePublic, SourcesQuestion
from graph.errors import NotFound
from graph.history import source_usage_then, sources_then
from graph.items.retraction import fact_key_at, split_relationship_id
from graph.items.texts import TextStored, text_stored
from graph.records import Fact, fact_from_row, known_props, source_public
from graph.store import NOW, Graph, Moment, hidden_then, page_by_id, run
from graph.writes import Family, apply_plan, plan_one


class FactExplained(BaseModel):
    """A fact and why it is believed: the relationship, each source's evidence, the sources."""

    relationship: Fact
    from_name: str
    to_name: str
    sources: list[SourcePublic]


class SourceUsage(BaseModel):
    source: SourcePublic
    entities: int
    relationships: int
    text: TextStored | None = Field(
        default=None,
        description="what is known of the source's text, when one is stored (then): its "
        "hash, length and when it was stored; GET /sources/{id}/text answers the words",
    )


async def _fact_rows(
    tx: AsyncManagedTransaction, key: dict[str, str], moment: Moment
) -> list[dict[str, Any]]:
    params = {"id": key["id"], "from_id": key["from_id"], "to_id": key["to_id"]}
    return await run(tx, "relationship_by_id", **params, **moment.params())


async def _explain(
    tx: AsyncManagedTransaction, rel_id: str, moment: Moment = NOW
) -> FactExplained | None:
    key = split_relationship_id(rel_id)
    rows = await _fact_rows(tx, key, moment)
    if not rows and (moved := await fact_key_at(tx, key, moment)) is not None:
        rows = await _fact_rows(tx, moved, moment)  # an end merged by then: the moved fact
    if not rows or hidden_then(rows[0], moment):
        return None
    row = rows[0]
    return FactExplained(
        relationship=fact_from_row(
            {
                **known_props(row),
                "type": row["type"],
                "from_id": row["from_id"],
                "to_id": row["to_id"],
            },
            {row["from_id"]: row["from_name"], row["to_id"]: row["to_name"]},
        ),
        from_name=row["from_name"],
        to_name=row["to_name"],
        sources=[source_public(p) for p in sorted(row["sources"], key=lambda p: p["id"])],
    )


async def get_fact(graph: Graph, rel_id: str) -> FactExplained:
    """One relationship by id, with all its sources and evidence.

    Example:
        >>> fact = await get_fact(graph, "tsmc|INVESTS_IN|arizona")  # doctest: +SKIP
        >>> fact.relationship.qualifiers["amount"]                  # doctest: +SKIP
        165000000000.0
    """

    async def work(tx: AsyncManagedTransaction) -> FactExplained | None:
        return await _explain(tx, rel_id, graph.moment)

    fact = await graph.read(work)
    if fact is None:
        raise NotFound(f"no relationship with id '{rel_id}'", pointer="rel_id")
    return fact


async def put_relationship(graph: Graph, rel: RelationshipIn) -> tuple[str, FactExplained]:
    """Create or update a fact; a new source's attestation is added to the ones it has."""

    async def work(tx: AsyncManagedTransaction) -> tuple[str, FactExplained]:
        plan = await plan_one(tx, Family.RELATIONSHIPS, Batch(relationships=[rel]))
        await apply_plan(tx, plan, graph.author)
        ((item, outcome),) = plan.outcomes.items()  # its id names the ends after redirects
        fact = await _explain(tx, item.id)
        assert fact is not None
        return outcome.value, fact

    return await graph.write(work)


async def put_source(graph: Graph, source: SourceIn) -> tuple[str, SourcePublic]:
    async def work(tx: AsyncManagedTransaction) -> tuple[str, SourcePublic]:
        plan = await plan_one(tx, Family.SOURCES, Batch(sources=[source]))
        await apply_plan(tx, plan, graph.author)
        (row,) = await run(tx, "sources_by_ids", ids=[source.id])
        outcome = plan.outcome(Family.SOURCES, source.id)
        return outcome.value, source_public(row["found"][0]["props"])

    return await graph.write(work)


async def get_source(graph: Graph, source_id: str) -> SourceUsage:
    """A source and how many entities and facts cite it; under ``known_at``, as then."""
    if graph.moment.known_at:
        found = await sources_then(graph, graph.moment.known_at, "", 1, ids=[source_id])
        if not found:
            raise NotFound(f"no source with id '{source_id}' then", pointer="source_id")
        entities, facts = await source_usage_then(graph, graph.moment.known_at, source_id)
        text = await text_stored(graph, source_id)
        return SourceUsage(source=found[0], entities=entities, relationships=facts, text=text)
    rows = await graph.read_query("source_by_id", id=source_id)
    if not rows:
        raise NotFound(f"no source with id '{source_id}'", pointer="source_id")
    row: dict[str, Any] = rows[0]
    return SourceUsage(
        source=source_public(row["props"]),
        entities=row["entities"],
        relationships=row["relationships"],
        text=row["text"],
    )


class SourcePage(BaseModel):
    items: list[SourcePublic]
    next_cursor: str | None


async def source_page(graph: Graph, asked: SourcesQuestion) -> SourcePage:
    """Sources in id order, a page at a time (as recorded by ``known_at``, under it)."""
    items, resume = await page_by_id(
        graph, asked, lambda after, limit: list_sources(graph, after=after, limit=limit)
    )
    return SourcePage(items=items, next_cursor=resume)


async def list_sources(graph: Graph, *, after: str = "", limit: int = 50) -> list[SourcePublic]:
    """Sources in id order after ``after``; under ``known_at``, those recorded by then,
    with their values then."""
    if graph.moment.known_at:
        return await sources_then(graph, graph.moment.known_at, after, limit)
    rows = await graph.read_query("list_sources", after=after, limit=limit)
    return [source_public(r["props"]) for r in rows]
