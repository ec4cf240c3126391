"""Finding entities and how they connect."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from api.deps import GraphAtDep, GraphDep
from api.errors import problems
from api.params import EntityId
from graph.domain import (
    CommonQuestion,
    EntitiesQuestion,
    NeighbourhoodQuestion,
    PathsQuestion,
    ResolveQuestion,
    SearchQuestion,
)
from graph.reads import (
    CommonConnection,
    EntityPage,
    Lookalike,
    Match,
    PathView,
    SearchPage,
    explore,
    lookup,
)
from graph.records import GraphView

router = APIRouter(tags=["explore"])


class Resolved(BaseModel):
    name: str = Field(description="the text as sent")
    matches: list[Match] = Field(
        description="the entity with that id first, then every entity with that name or "
        "alias (ignoring case and accents), by degree, then id"
    )
    ambiguous: bool = Field(description="more than one entity answers to the name")
    lookalikes: list[Lookalike] = Field(
        default=[],
        description="entities whose id, name or alias the text imitates with look-alike "
        "letters of another script (`TSMC` with Cyrillic Te and Es), each with the "
        "spelling it imitates: never matches, for a person to decide",
    )


#: a path segment naming an entity by id, or by a name or alias only one entity has
EntityRefPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=200,
        examples=["tsmc"],
        description="an entity's id (merged ids followed), or a name or alias only one "
        "entity has (ignoring case and accents; 409 with the `candidates` when several have it)",
    ),
]


class Paths(BaseModel):
    paths: list[PathView]


class Common(BaseModel):
    items: list[CommonConnection]


@router.get(
    "/search",
    response_model=SearchPage,
    responses=problems(422),
    summary="Ranked search over names, aliases and descriptions: exact, prefix, token, "
    "then fuzzy matches, each by degree",
    description="Rules beyond the schema (422): `q` holds a letter or digit of any script "
    "once accents are folded (a combining mark alone is none); a schema's `\\w` would "
    "mean ASCII to some readers of it, so the rule is not written as a pattern.",
)
async def search(graph: GraphDep, asked: Annotated[SearchQuestion, Query()]) -> SearchPage:
    return await lookup.search_page(graph, asked)


@router.get(
    "/entities",
    response_model=EntityPage,
    responses=problems(422),
    summary="Entities in id order, by kind, or by exact name or alias",
)
async def list_entities(
    graph: GraphAtDep, asked: Annotated[EntitiesQuestion, Query()]
) -> EntityPage:
    return await explore.entities_page(graph, asked)


@router.get(
    "/resolve",
    response_model=Resolved,
    responses=problems(422),
    summary="The entities an id or a name stands for (a name several share answers all)",
)
async def resolve(graph: GraphDep, asked: Annotated[ResolveQuestion, Query()]) -> Resolved:
    found = await lookup.resolve_name(graph, asked.name, kinds=asked.kind)
    lookalikes = await lookup.lookalikes(graph, asked.name, kinds=asked.kind)
    return Resolved(
        name=asked.name, matches=found, ambiguous=len(found) > 1, lookalikes=lookalikes
    )


@router.get(
    "/entities/{entity_id}/neighbourhood",
    response_model=GraphView,
    responses=problems(404, 422),
    summary="Neighbours to a depth, as nodes and edges for a graph view, a page at a time",
    description="Nodes come a page of `limit` at a time in a fixed relevance order: "
    "nearest first (hops from the entity), then the better-connected (more relationships "
    "as stored, whatever the filters), then by id; within a page they are listed by "
    "distance, then id. The first page holds the entity itself. A page's edges are every "
    "fact between one of its nodes and a node returned so far (the entity, the pages "
    "before, this one), so the pages together draw each fact among the nodes once. When "
    "more nodes are reachable within `depth`, `truncated` is true and `next_cursor` "
    "fetches the next page (pass it as `cursor` with the same other parameters; only "
    "`limit` may change). Rules beyond the schema (422): `cursor` is a `next_cursor` this "
    "service gave for the same other parameters.",
)
async def neighbourhood(
    entity_id: EntityId, graph: GraphAtDep, asked: Annotated[NeighbourhoodQuestion, Query()]
) -> GraphView:
    return await explore.neighbourhood(graph, entity_id, asked)


@router.get(
    "/paths",
    response_model=Paths,
    responses=problems(404, 409, 422),
    summary="Paths between two entities (by id or name), read hop by hop, with the sources "
    "of every hop",
    description="Rules beyond the schema (422): `from` and `to` are two different entities.",
)
async def paths(graph: GraphAtDep, asked: Annotated[PathsQuestion, Query()]) -> Paths:
    return Paths(paths=await explore.paths(graph, asked))


@router.get(
    "/entities/{entity_id}/common/{other_id}",
    response_model=Common,
    responses=problems(404, 409, 422),
    summary="What links both entities (by id or name)",
)
async def common(
    entity_id: EntityRefPath,
    other_id: EntityRefPath,
    graph: GraphAtDep,
    asked: Annotated[CommonQuestion, Query()],
) -> Common:
    return Common(items=await explore.common_connections(graph, entity_id, other_id, asked))
