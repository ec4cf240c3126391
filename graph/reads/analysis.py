"""Questions about one entity's position: the stances taken on it, supply chains, exposure,
timelines, and counts over the whole graph."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal, TypeVar

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel, Field

from graph.domain import (
    DOMAIN,
    MAX_OFFSET,
    EntityKind,
    ExposureQuestion,
    RelType,
    StancesQuestion,
    SupplyChainQuestion,
    TimelineQuestion,
    cursors,
)
from graph.errors import NotFound
from graph.reads.explore import resolve, source_refs
from graph.reads.walk_pages import decode_cursor, encode_cursor
from graph.reads.walks import Walk, walk
from graph.records import Fact, Node, SourceRef, fact_from_row
from graph.store import Graph, Moment, hidden_then, holds_on, query_as_of, run

T = TypeVar("T")

#: The stance types, in the order the declaration lists them.
STANCE_ORDER = [RelType(t) for t in DOMAIN.types_with("stance")]
#: What stances are taken on: the kinds the stance types point at.
STANCE_TARGETS = sorted({k for t in STANCE_ORDER for k in DOMAIN.relationships[t].targets})

#: Walking downstream from X follows the supply-chain types declared `along` forwards and
#: those declared `against` backwards (X supplies Y; Y depends on X). Upstream, the reverse.
DOWNSTREAM = Walk(
    out_types=DOMAIN.types_with("supply_chain", "along"),
    in_types=DOMAIN.types_with("supply_chain", "against"),
)
UPSTREAM = Walk(out_types=DOWNSTREAM.in_types, in_types=DOWNSTREAM.out_types)

#: Walking from X to what is exposed to it, along the types the declaration marks for
#: exposure: what depends on X, sits in X, invests or produces in X, operates X, is
#: supplied by X, or is a proposal involving or affecting X (as declared today).
EXPOSURE = Walk(
    out_types=DOMAIN.types_with("exposure", "along"),
    in_types=DOMAIN.types_with("exposure", "against"),
)
EXPOSED_KINDS = [EntityKind(name) for name, kind in DOMAIN.kinds.items() if kind.exposed]
#: The kinds timelines show as events, with the field that dates each.
TIMELINE_DATES = {
    name: kind.timeline_date for name, kind in DOMAIN.kinds.items() if kind.timeline_date
}


class Stance(BaseModel):
    actor: Node
    stance: RelType
    statement: str | None
    fact: Fact
    sources: list[SourceRef]


class Stances(BaseModel):
    entity: Node
    attributes: dict[str, Any] = Field(
        description="the entity's own fields (those `GET /schema` lists for its kind) that "
        "hold a value"
    )
    stances: list[Stance]
    next_cursor: str | None = Field(default=None, description="the next page, if there is one")


class Tier(BaseModel):
    tier: int
    entities: list[Node]
    links: list[Fact]


class SupplyChain(BaseModel):
    entity: Node
    direction: Literal["upstream", "downstream"]
    tiers: list[Tier] = Field(
        description="this page's entities by tier, each tier's links the facts that lead "
        "into it from the tier before or join it to entities returned so far"
    )
    truncated: bool = Field(
        description="true when more entities are reachable than this page and those "
        "before it returned (`next_cursor` fetches them)"
    )
    next_cursor: str | None = Field(
        default=None,
        description="pass as `cursor`, with the same other parameters, for the next page; "
        "null when the answer is complete",
    )


class Exposed(BaseModel):
    entity: Node
    distance: int
    via: list[Fact] = Field(
        description="the facts that lead from the entity asked about to this one, in order"
    )


class Exposure(BaseModel):
    entity: Node
    exposed: list[Exposed]
    truncated: bool


class TimelineItem(BaseModel):
    date: str | None
    what: Literal["event", "fact"]
    sentence: str
    event: Node | None = None
    fact: Fact


class Timeline(BaseModel):
    entity: Node
    items: list[TimelineItem]
    next_cursor: str | None = Field(default=None, description="the next page, if there is one")


def _offset(cursor: str | None, question: dict[str, Any], key: bytes) -> int:
    return cursors.decode_offset(cursor, question, key=key, most=MAX_OFFSET)


def _page(
    items: list[T], offset: int, limit: int, question: dict[str, Any], key: bytes
) -> tuple[list[T], str | None]:
    """One page of an ordered answer from ``offset``, and the cursor of the next (none past
    the deepest page served)."""
    end = offset + limit
    more = len(items) > end and end <= MAX_OFFSET
    return items[offset:end], cursors.encode_cursor(question, end, key) if more else None


class Counts(BaseModel):
    entities_by_kind: dict[str, int]
    relationships_by_type: dict[str, int]
    entities: int
    relationships: int


def _stance_facts(
    items: list[dict[str, Any]],
    target: Node,
    stated_only: bool,
    as_of: str | None,
    moment: Moment,
) -> list[tuple[Node, Fact]]:
    """Each stance's actor and fact (holding on ``as_of``, as recorded under known_at), in
    the stance order, then by actor."""
    facts = []
    for item in items:
        if hidden_then(item["edge"], moment, stated_only):
            continue  # under known_at: retracted (or, stated_only, not stated) then
        actor = Node(**item["actor"])
        names = {actor.id: actor.name, target.id: target.name}
        fact = fact_from_row(item["edge"], names, stated_only=stated_only)
        if holds_on(fact.valid_from, fact.valid_to, as_of):
            facts.append((actor, fact))
    facts.sort(key=lambda f: (STANCE_ORDER.index(RelType(f[1].type)), f[0].id))
    return facts


def _own_fields(kind: str, stored: dict[str, Any], then: str | None) -> dict[str, Any]:
    """An entity's own fields that hold a value: as stored, or (under ``known_at``) as
    its state recorded ``then``."""
    props = json.loads(then) if then else stored
    return {
        f.name: props[f.name] for f in DOMAIN.kinds[kind].fields if props.get(f.name) is not None
    }


async def stances(
    graph: Graph,
    entity_id: str,
    asked: StancesQuestion,
    kinds: Sequence[str] = STANCE_TARGETS,
) -> Stances:
    """The stances taken on an entity of one of ``kinds`` (by default those the stance
    types point at), along the stance types in declaration order (stated ones only, with
    ``stated_only``), with evidence and sources; one page, and the cursor of the next.
    Another entity is NotFound at ``entity_id``.

    Example:
        >>> s = await stances(graph, "us-equal-chip-production-split", StancesQuestion())  # doctest: +SKIP
        >>> [(x.actor.id, x.stance) for x in s.stances]  # doctest: +SKIP
        [('us-government', 'PROPOSES'), ('taiwan-government', 'REJECTS')]
    """
    stated_only, as_of = asked.stated_only, asked.as_of
    question = asked.asked(entity_id, **graph.moment.params())
    offset = _offset(asked.cursor, question, graph.signing_key)

    async def work(tx: AsyncManagedTransaction) -> Stances:
        target = await resolve(tx, entity_id, moment=graph.moment)
        wanted = {"types": STANCE_ORDER, "kinds": list(kinds), "stated_only": stated_only}
        wanted.update(as_of=query_as_of(graph.moment, as_of), **graph.moment.params())
        rows = await run(tx, "stances_on_entity", id=target.id, **wanted)
        if not rows:
            raise NotFound(
                f"'{target.id}' is a {target.kind}, not a {' or a '.join(kinds)}",
                pointer="entity_id",
            )
        facts = _stance_facts(rows[0]["stances"], target, stated_only, as_of, graph.moment)
        shown, resume = _page(facts, offset, asked.limit, question, graph.signing_key)
        # one read for every source the page cites, not one per stance
        refs = {
            r.id: r
            for r in await source_refs(tx, [a.source for _, e in shown for a in e.attestations])
        }
        result = [
            Stance(
                actor=actor,
                stance=RelType(edge.type),
                statement=edge.qualifiers.get("stance"),
                fact=edge,
                sources=[
                    refs[s] for s in sorted({a.source for a in edge.attestations}) if s in refs
                ],
            )
            for actor, edge in shown
        ]
        answer = Stances(
            entity=target,
            attributes=_own_fields(target.kind, rows[0]["entity"], rows[0]["entity_then"]),
            stances=result,
            next_cursor=resume,
        )
        return answer

    return await graph.read(work)


async def supply_chain(graph: Graph, entity_id: str, asked: SupplyChainQuestion) -> SupplyChain:
    """Suppliers (upstream) or customers and dependants (downstream), tier by tier, a page
    of ``limit`` entities at a time in the walk's order (:mod:`graph.reads.walk_pages`: nearest
    first, then the better-connected, then by id); a tier's links on a page are the facts
    the walk follows that join one of the page's entities to an entity returned so far,
    under the tier that finds them. ``next_cursor`` resumes after the page; a cursor given
    for other parameters, or not given by this service, is InvalidInput at ``cursor``."""
    direction, depth, cursor = asked.direction, asked.depth, asked.cursor
    base = UPSTREAM if direction == "upstream" else DOWNSTREAM
    how = Walk(
        base.out_types,
        base.in_types,
        product=asked.product,
        as_of=asked.as_of,
        stated_only=asked.stated_only,
        moment=graph.moment,
    )
    question = asked.asked(entity_id, **graph.moment.params())
    after = decode_cursor(cursor, question, depth=depth, key=graph.signing_key) if cursor else None

    async def work(tx: AsyncManagedTransaction) -> SupplyChain:
        start = await resolve(tx, entity_id, moment=graph.moment)
        walked = await walk(tx, start, depth, how, asked.limit, after)
        tiers = []
        for level in range(1, depth + 1):
            members = sorted(
                (n for n in walked.nodes.values() if n.distance == level), key=lambda n: n.id
            )
            links = sorted((e for lvl, e in walked.edges if lvl == level), key=lambda e: e.id)
            if members or links:
                tiers.append(Tier(tier=level, entities=members, links=links))
        return SupplyChain(
            entity=start.model_copy(update={"distance": 0}),
            direction=direction,
            tiers=tiers,
            truncated=walked.truncated,
            next_cursor=encode_cursor(question, walked.resume, graph.signing_key)
            if walked.resume
            else None,
        )

    return await graph.read(work)


async def exposure(graph: Graph, entity_id: str, asked: ExposureQuestion) -> Exposure:
    """Which entities (of the kinds the declaration marks exposed, or those asked) depend
    on this one, and through what."""
    how = Walk(
        EXPOSURE.out_types,
        EXPOSURE.in_types,
        as_of=asked.as_of,
        stated_only=asked.stated_only,
        moment=graph.moment,
    )
    wanted = set(asked.kind or EXPOSED_KINDS)
    depth = asked.depth

    async def work(tx: AsyncManagedTransaction) -> Exposure:
        start = await resolve(tx, entity_id, moment=graph.moment)
        walked = await walk(tx, start, depth, how)
        exposed = []
        for node in sorted(walked.nodes.values(), key=lambda n: (n.distance or 0, n.id)):
            if node.id == start.id or node.kind not in wanted:
                continue
            chain, current = [], node.id  # back along the edges that first reached each node
            while current != start.id:
                edge = walked.reached_by[current]
                chain.append(edge)
                current = edge.to_id if edge.from_id == current else edge.from_id
            exposed.append(Exposed(entity=node, distance=node.distance or 0, via=chain[::-1]))
        return Exposure(
            entity=start.model_copy(update={"distance": 0}),
            exposed=exposed,
            truncated=walked.truncated,
        )

    return await graph.read(work)


async def timeline(graph: Graph, entity_id: str, asked: TimelineQuestion) -> Timeline:
    """The events around an entity and its dated facts: dated items in order, undated after;
    one page of them, and the cursor of the next."""
    stated_only, as_of = asked.stated_only, asked.as_of
    question = asked.asked(entity_id, **graph.moment.params())
    offset = _offset(asked.cursor, question, graph.signing_key)

    async def work(tx: AsyncManagedTransaction) -> Timeline:
        start = await resolve(tx, entity_id, moment=graph.moment)
        (row,) = await run(
            tx,
            "timeline_of_entity",
            id=start.id,
            event_kinds=list(TIMELINE_DATES),
            stated_only=stated_only,
            as_of=query_as_of(graph.moment, as_of),
            **graph.moment.params(),
        )
        names = {start.id: start.name}
        items = []
        for item in row["items"]:
            if hidden_then(item["edge"], graph.moment, stated_only):
                continue  # under known_at: retracted (or, stated_only, not stated) then
            other = item["other"]
            names[other["id"]] = other["name"]
            edge = fact_from_row(item["edge"], names, stated_only=stated_only)
            if not holds_on(edge.valid_from, edge.valid_to, as_of):
                continue  # under known_at: its dates then put it outside as_of
            date_field = TIMELINE_DATES.get(other["kind"])
            if date_field is not None:
                event = Node(id=other["id"], kind=other["kind"], name=other["name"])
                items.append(
                    TimelineItem(
                        date=other.get(date_field) or edge.valid_from,
                        what="event",
                        sentence=edge.sentence,
                        event=event,
                        fact=edge,
                    )
                )
            else:
                items.append(
                    TimelineItem(
                        date=edge.valid_from or edge.valid_to,
                        what="fact",
                        sentence=edge.sentence,
                        fact=edge,
                    )
                )
        items.sort(key=lambda i: (i.date is None, i.date or "", i.sentence))
        shown, resume = _page(items, offset, asked.limit, question, graph.signing_key)
        entity = start.model_copy(update={"distance": 0})
        return Timeline(entity=entity, items=shown, next_cursor=resume)

    return await graph.read(work)


async def counts(graph: Graph) -> Counts:
    """How many entities of each kind and facts of each type the graph holds, now or at
    the graph's ``known_at`` (then read from each item's history: slower)."""
    then = graph.moment.known_at
    kinds_query, types_query, params = (
        ("count_entities_by_kind_then", "count_relationships_by_type_then", {"known_at": then})
        if then
        else ("count_entities_by_kind", "count_relationships_by_type", {})
    )

    async def work(tx: AsyncManagedTransaction) -> Counts:
        kinds = {r["kind"]: r["count"] for r in await run(tx, kinds_query, **params)}
        types = {r["type"]: r["count"] for r in await run(tx, types_query, **params)}
        return Counts(
            entities_by_kind=kinds,
            relationships_by_type=types,
            entities=sum(kinds.values()),
            relationships=sum(types.values()),
        )

    return await graph.read(work)
