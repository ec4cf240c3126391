"""Stances, supply chains, exposure, timelines and counts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field, create_model

from api.deps import GraphAtDep, GraphThenDep
from api.errors import problems
from api.params import EntityId
from graph.domain import (
    DOMAIN,
    ExposureQuestion,
    StancesQuestion,
    SupplyChainQuestion,
    TimelineQuestion,
    value_type,
)
from graph.reads import Counts, Exposure, Stances, SupplyChain, Timeline, analysis
from graph.records import Node

STANCE_TYPES = ", ".join(f"`{t}`" for t in analysis.STANCE_ORDER)

router = APIRouter(tags=["analysis"])


@router.get(
    "/entities/{entity_id}/stances",
    response_model=Stances,
    responses=problems(404, 422),
    summary="The stances taken on an entity, with evidence",
    description=f"Who took which stance ({STANCE_TYPES}, in that order, then by actor) on "
    "an entity of a kind the stance types point at (`GET /schema` lists `stances` among "
    "its analyses), each with the fact, its statement and its sources; `limit` at a time, "
    "`next_cursor` for the next page. An entity of another kind is 404.",
)
async def stances(
    entity_id: EntityId, graph: GraphAtDep, asked: Annotated[StancesQuestion, Query()]
) -> Stances:
    return await analysis.stances(graph, entity_id, asked)


def _stances_by_kind_path(kind: str) -> None:
    """``GET /{kind}s/{entity_id}/stances``, deprecated: the path and answer shape stances
    had before ``/entities/{entity_id}/stances``, kept so clients written against them
    still work. The answer names the entity by its kind and lists its own fields beside
    it, as it did; both are derived from the declaration."""
    own = DOMAIN.kinds[kind].fields
    clash = {kind, *(f.name for f in own)} & {"stances", "next_cursor"}
    assert not clash, f"a deprecated stances answer cannot hold {clash}"
    fields: dict[str, Any] = {kind: (Node, ...)}
    fields.update({f.name: (value_type(f) | None, None) for f in own})
    fields["stances"] = (list[analysis.Stance], ...)
    fields["next_cursor"] = (str | None, Field(default=None, description="the next page"))
    answer = create_model(f"{DOMAIN.kinds[kind].label}Stances", **fields)

    async def stances_by_kind(
        entity_id: EntityId, graph: GraphAtDep, asked: Annotated[StancesQuestion, Query()]
    ) -> BaseModel:
        found = await analysis.stances(graph, entity_id, asked, kinds=[kind])
        return answer(
            **{kind: found.entity},
            **found.attributes,
            stances=found.stances,
            next_cursor=found.next_cursor,
        )

    router.add_api_route(
        f"/{kind}s/{{entity_id}}/stances",
        stances_by_kind,
        response_model=answer,
        responses=problems(404, 422),
        deprecated=True,
        name=f"stances_of_{kind}",
        summary=f"Deprecated: use GET /entities/{{entity_id}}/stances (for a {kind})",
        description="The answer of `GET /entities/{entity_id}/stances` in the shape this "
        f"path gave before it: the entity under `{kind}`, its own fields beside it. "
        "Deprecated: use `GET /entities/{entity_id}/stances`.",
    )


for _kind in analysis.STANCE_TARGETS:
    _stances_by_kind_path(_kind)


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
