"""Stances, supply chains, exposure, timelines and counts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import GraphAtDep, GraphThenDep
from api.errors import problems
from api.params import EntityId
from graph.domain import (
    DOMAIN,
    ExposureQuestion,
    StancesQuestion,
    SupplyChainQuestion,
    TimelineQuestion,
)
from graph.reads import Counts, Exposure, Stances, SupplyChain, Timeline, analysis

router = APIRouter(tags=["analysis"])


@router.get(
    "/proposals/{entity_id}/stances",
    response_model=Stances,
    responses=problems(404, 422),
    summary="Who proposed, supports, opposes or rejected a proposal, with evidence",
)
async def stances(
    entity_id: EntityId, graph: GraphAtDep, asked: Annotated[StancesQuestion, Query()]
) -> Stances:
    return await analysis.stances(graph, entity_id, asked)


@router.get(
    "/entities/{entity_id}/supply-chain",
    response_model=SupplyChain,
    responses=problems(404, 422),
    summary="Suppliers (upstream) or customers and dependants (downstream), tier by tier, "
    "a page at a time",
    description="Entities come a page of `limit` at a time in a fixed relevance order: "
    "nearest tier first, then the better-connected (more relationships as stored), then "
    "by id; within a tier they are listed by id. A tier's links on a page are the facts "
    "the walk follows that join one of the page's entities to an entity returned so far "
    "(the entity, the pages before, this one), under the tier that finds them. When more "
    "entities are reachable within `depth`, `truncated` is true and `next_cursor` fetches "
    "the next page (pass it as `cursor` with the same other parameters; only `limit` may "
    "change). Rules beyond the schema (422): `cursor` is a `next_cursor` this service "
    "gave for the same other parameters.",
)
async def supply_chain(
    entity_id: EntityId, graph: GraphAtDep, asked: Annotated[SupplyChainQuestion, Query()]
) -> SupplyChain:
    return await analysis.supply_chain(graph, entity_id, asked)


@router.get(
    "/entities/{entity_id}/exposure",
    response_model=Exposure,
    responses=problems(404, 422),
    summary="What depends on this entity, and through what",
    description="The entities reached from this one along the exposure types, each with "
    "the facts that lead to it: by default those of the kinds the declaration lists as "
    "exposed ("
    + ", ".join(k for k, kind in DOMAIN.kinds.items() if kind.exposed)
    + "); `kind` lists those kinds instead. Any entity may be asked; `GET /schema` "
    "lists `exposure` for the kinds an exposure type names at the end it starts from ("
    + ", ".join(k for k in DOMAIN.kinds if "exposure" in DOMAIN.analyses_of(k))
    + ").",
)
async def exposure(
    entity_id: EntityId, graph: GraphAtDep, asked: Annotated[ExposureQuestion, Query()]
) -> Exposure:
    return await analysis.exposure(graph, entity_id, asked)


@router.get(
    "/entities/{entity_id}/timeline",
    response_model=Timeline,
    responses=problems(404, 422),
    summary="Events and dated facts around an entity, in order",
)
async def timeline(
    entity_id: EntityId, graph: GraphAtDep, asked: Annotated[TimelineQuestion, Query()]
) -> Timeline:
    return await analysis.timeline(graph, entity_id, asked)


@router.get(
    "/stats",
    response_model=Counts,
    summary="Counts by kind and relationship type, now or at a past moment (known_at)",
)
async def stats(graph: GraphThenDep) -> Counts:
    return await analysis.counts(graph)
