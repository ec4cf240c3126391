"""Finding entities and how they connect."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from api.deps import GraphAtDep, GraphDep
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
    StatedOnly,
    Types,
    WalkCursor,
    decode_offset,
    encode_offset,
)
from graph.domain import SLUG_PATTERN, EntityKind
from graph.reads import (
    CommonConnection,
    Direction,
    Lookalike,
    Match,
    PathMode,
    PathView,
    SearchHit,
    explore,
    lookup,
)
from graph.records import GraphView, Node

router = APIRouter(tags=["explore"])


class SearchPage(BaseModel):
    items: list[SearchHit]
    next_cursor: str | None


class EntityPage(BaseModel):
    items: list[Node]
    next_cursor: str | None


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


def entity_ref(example: str, alias: str | None = None) -> Any:
    """A query parameter naming an entity by id, or by a name or alias only one entity has."""
    return Query(
        alias=alias,
        min_length=1,
        max_length=200,
        examples=[example],
        description="an entity's id, or a name or alias only one entity has "
        "(ignoring case and accents; 409 with the `candidates` when several have it)",
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
async def search(
    graph: GraphDep,
    text: Annotated[
        str,
        Query(
            alias="q",
            min_length=1,
            max_length=200,
            description="words to look for: at least one letter or digit, of any script",
            examples=["tsmc"],
        ),
    ],
    kind: Kinds = None,
    limit: Limit = 20,
    cursor: Cursor = None,
) -> SearchPage:
    offset = decode_offset(cursor)
    hits = await lookup.search(graph, text, kinds=kind, skip=offset, limit=limit)
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
    graph: GraphAtDep,
    kind: EntityKind | None = None,
    name: Annotated[
        str | None,
        Query(
            max_length=200,
            description="exact name or alias, ignoring case and accents",
            examples=["Washington"],
        ),
    ] = None,
    limit: Limit = 50,
    cursor: Annotated[str | None, Query(pattern=SLUG_PATTERN, max_length=120)] = None,
) -> EntityPage:
    if name is not None:
        found = await lookup.find_by_name(graph, name, kinds=[kind] if kind else None)
        return EntityPage(items=found, next_cursor=None)
    items = await explore.list_entities(graph, kind=kind, after=cursor or "", limit=limit)
    return EntityPage(items=items, next_cursor=items[-1].id if len(items) == limit else None)


@router.get(
    "/resolve",
    response_model=Resolved,
    responses=problems(422),
    summary="The entities an id or a name stands for (a name several share answers all)",
)
async def resolve(
    graph: GraphDep,
    name: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="an id, or a name or alias (ignoring case and accents)",
            examples=["Taiwan"],
        ),
    ],
    kind: Kinds = None,
) -> Resolved:
    found = await lookup.resolve_name(graph, name, kinds=kind)
    lookalikes = await lookup.lookalikes(graph, name, kinds=kind)
    return Resolved(name=name, matches=found, ambiguous=len(found) > 1, lookalikes=lookalikes)


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
    entity_id: EntityId,
    graph: GraphAtDep,
    depth: Depth = 1,
    types: Types = None,
    direction: Direction = "both",
    kind: Kinds = None,
    as_of: AsOf = None,
    limit: Limit = 200,
    stated_only: StatedOnly = False,
    cursor: WalkCursor = None,
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
        stated_only=stated_only,
        cursor=cursor,
    )


@router.get(
    "/paths",
    response_model=Paths,
    responses=problems(404, 409, 422),
    summary="Paths between two entities (by id or name), read hop by hop, with the sources "
    "of every hop",
    description="Rules beyond the schema (422): `from` and `to` are two different entities.",
)
async def paths(
    graph: GraphAtDep,
    from_: Annotated[str, entity_ref("cheng-li-chiun", alias="from")],
    to: Annotated[str, entity_ref("TSMC")],
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
    stated_only: StatedOnly = False,
) -> Paths:
    found = await explore.paths(
        graph,
        from_,
        to,
        mode=mode,
        k=k,
        max_hops=max_hops,
        types=types,
        as_of=as_of,
        stated_only=stated_only,
    )
    return Paths(paths=found)


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
    types: Types = None,
    as_of: AsOf = None,
    limit: Limit = 100,
    stated_only: StatedOnly = False,
) -> Common:
    items = await explore.common_connections(
        graph,
        entity_id,
        other_id,
        types=types,
        as_of=as_of,
        limit=limit,
        stated_only=stated_only,
    )
    return Common(items=items)
