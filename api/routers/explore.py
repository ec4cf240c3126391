"""Finding entities and how they connect."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import GraphDep
from api.errors import problems
from api.params import (
    AsOf,
    Cursor,
    Depth,
    EntityId,
    Hops,
    K,
    Kinds,
    Limit,
    Types,
    decode_offset,
    encode_offset,
)
from graph import explore
from graph.explore import CommonConnection, Direction, PathMode, PathView, SearchHit
from graph.model import EntityKind
from graph.values import SLUG_PATTERN
from graph.views import GraphView, Node

router = APIRouter(tags=["explore"])


class SearchPage(BaseModel):
    items: list[SearchHit]
    next_cursor: str | None


class EntityPage(BaseModel):
    items: list[Node]
    next_cursor: str | None


class Paths(BaseModel):
    paths: list[PathView]


class Common(BaseModel):
    items: list[CommonConnection]


@router.get(
    "/search",
    response_model=SearchPage,
    responses=problems(422),
    summary="Ranked full-text search over names, aliases and descriptions",
)
async def search(
    graph: GraphDep,
    text: Annotated[str, Query(alias="q", min_length=1, max_length=200, examples=["tsmc"])],
    kind: Kinds = None,
    limit: Limit = 20,
    cursor: Cursor = None,
) -> SearchPage:
    offset = decode_offset(cursor)
    hits = await explore.search(graph, text, kinds=kind, skip=offset, limit=limit)
    return SearchPage(
        items=hits, next_cursor=encode_offset(offset + limit) if len(hits) == limit else None
    )


@router.get(
    "/entities",
    response_model=EntityPage,
    responses=problems(422),
    summary="Entities in id order, by kind, or by exact name or alias",
)
async def list_entities(
    graph: GraphDep,
    kind: EntityKind | None = None,
    name: Annotated[
        str | None,
        Query(max_length=200, description="exact name or alias, any case", examples=["Washington"]),
    ] = None,
    limit: Limit = 50,
    cursor: Annotated[str | None, Query(pattern=SLUG_PATTERN, max_length=120)] = None,
) -> EntityPage:
    if name is not None:
        found = await explore.find_by_name(graph, name)
        return EntityPage(
            items=[n for n in found if kind is None or n.kind == kind], next_cursor=None
        )
    items = await explore.list_entities(graph, kind=kind, after=cursor or "", limit=limit)
    return EntityPage(items=items, next_cursor=items[-1].id if len(items) == limit else None)


@router.get(
    "/entities/{entity_id}/neighbourhood",
    response_model=GraphView,
    responses=problems(404, 422),
    summary="Neighbours to a depth, as nodes and edges for a graph view",
)
async def neighbourhood(
    entity_id: EntityId,
    graph: GraphDep,
    depth: Depth = 1,
    types: Types = None,
    direction: Direction = "both",
    kind: Kinds = None,
    as_of: AsOf = None,
    limit: Limit = 200,
) -> GraphView:
    return await explore.neighbourhood(
        graph,
        entity_id,
        depth=depth,
        types=types,
        direction=direction,
        kinds=kind,
        as_of=as_of,
        limit=limit,
    )


@router.get(
    "/paths",
    response_model=Paths,
    responses=problems(404, 422),
    summary="Paths between two entities, read hop by hop, with the sources of every hop",
)
async def paths(
    graph: GraphDep,
    from_: Annotated[
        str, Query(alias="from", pattern=SLUG_PATTERN, max_length=120, examples=["cheng-li-chiun"])
    ],
    to: Annotated[str, Query(pattern=SLUG_PATTERN, max_length=120, examples=["tsmc"])],
    mode: Annotated[
        PathMode,
        Query(
            description="`shortest`: one shortest path (the first of the shortest in order "
            "of their facts' ids); `all_shortest`: every shortest path (up to 50) in that "
            "order; `k_shortest`: the k shortest paths"
        ),
    ] = "shortest",
    k: K = 3,
    max_hops: Hops = 6,
    types: Types = None,
    as_of: AsOf = None,
) -> Paths:
    found = await explore.paths(
        graph, from_, to, mode=mode, k=k, max_hops=max_hops, types=types, as_of=as_of
    )
    return Paths(paths=found)


@router.get(
    "/entities/{entity_id}/common/{other_id}",
    response_model=Common,
    responses=problems(404, 422),
    summary="What links both entities",
)
async def common(
    entity_id: EntityId,
    other_id: EntityId,
    graph: GraphDep,
    types: Types = None,
    as_of: AsOf = None,
    limit: Limit = 100,
) -> Common:
    items = await explore.common_connections(
        graph, entity_id, other_id, types=types, as_of=as_of, limit=limit
    )
    return Common(items=items)
