"""History and disagreement: each item's revisions, the feed of every change, and the
facts whose sources disagree."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from api.deps import GraphDep, GraphThenDep
from api.errors import problems
from api.params import EntityId
from api.routers.relationships import RelationshipId
from graph.domain import SLUG_PATTERN, DisputedEntitiesQuestion, DisputedFactsQuestion
from graph.errors import NotFound
from graph.history import ConflictsPage, EntityConflictsPage, Item, Revision, revisions

router = APIRouter(tags=["history"])

SourceId = Annotated[str, Path(pattern=SLUG_PATTERN, max_length=120)]
After = Annotated[
    int,
    Query(
        ge=0,
        le=2**63 - 1,  # Neo4j's integers are 64-bit
        description="a revision number: answer the revisions after it (0: from the start)",
    ),
]
Limit = Annotated[int, Query(ge=1, le=500, description="page size, 1 to 500")]


class HistoryPage(BaseModel):
    items: list[Revision] = Field(description="oldest first, each with the fields it changed")
    next_cursor: int | None = Field(description="pass as `after` for the next page")


class ChangesPage(BaseModel):
    items: list[Revision] = Field(description="every recorded change, in commit order")
    cursor: int = Field(
        description="the last revision number answered (or the `after` sent): poll from it"
    )
    more: bool = Field(description="true when more changes follow already")


async def _history(
    graph: GraphDep, item: Item, item_id: str, after: int, limit: int, pointer: str
) -> HistoryPage:
    found = await revisions.history(graph, item, item_id, after=after, limit=limit)
    if not found and after == 0:
        raise NotFound(f"nothing is recorded for {item.value} '{item_id}'", pointer=pointer)
    return HistoryPage(items=found, next_cursor=found[-1].seq if len(found) == limit else None)


@router.get(
    "/entities/{entity_id}/history",
    response_model=HistoryPage,
    responses=problems(404, 422),
    summary="An entity's revisions, oldest first: what changed, when, by whom and why",
)
async def entity_history(
    entity_id: EntityId, graph: GraphDep, after: After = 0, limit: Limit = 50
) -> HistoryPage:
    return await _history(graph, Item.ENTITY, entity_id, after, limit, "entity_id")


@router.get(
    "/relationships/{rel_id:path}/history",
    response_model=HistoryPage,
    responses=problems(404, 422),
    summary="A fact's revisions, oldest first: what changed, when, by whom and why",
)
async def relationship_history(
    rel_id: RelationshipId, graph: GraphDep, after: After = 0, limit: Limit = 50
) -> HistoryPage:
    return await _history(graph, Item.RELATIONSHIP, rel_id, after, limit, "rel_id")


@router.get(
    "/sources/{source_id}/history",
    response_model=HistoryPage,
    responses=problems(404, 422),
    summary="A source's revisions, oldest first",
)
async def source_history(
    source_id: SourceId, graph: GraphDep, after: After = 0, limit: Limit = 50
) -> HistoryPage:
    return await _history(graph, Item.SOURCE, source_id, after, limit, "source_id")


@router.get(
    "/sources/{source_id}/text/history",
    response_model=HistoryPage,
    responses=problems(404, 422),
    summary="The revisions of a source's text, oldest first (each state holds the text)",
)
async def source_text_history(
    source_id: SourceId, graph: GraphDep, after: After = 0, limit: Limit = 50
) -> HistoryPage:
    return await _history(graph, Item.TEXT, source_id, after, limit, "source_id")


@router.get(
    "/changes",
    response_model=ChangesPage,
    responses=problems(422),
    summary="The change feed: every revision after a cursor, in commit order",
    description="Poll with `after` set to the last `cursor`: each change is answered once, "
    "in the order writes committed, concurrent writers included. Each says which fields "
    "it `changes`, as `[before, after]`. Replaying the feed from 0 (each revision's "
    "`state` replacing the item's; null: gone) rebuilds every entity, fact, source and source text. "
    "A cursor past the feed's last revision is 422, naming it.",
)
async def changes(graph: GraphDep, after: After = 0, limit: Limit = 100) -> ChangesPage:
    found = await revisions.changes_after(graph, after, limit=limit)
    return ChangesPage(
        items=found, cursor=found[-1].seq if found else after, more=len(found) == limit
    )


@router.get(
    "/conflicts",
    response_model=ConflictsPage,
    summary="Facts whose sources disagree, with every claim and the values chosen",
)
async def conflicts(
    graph: GraphThenDep, asked: Annotated[DisputedFactsQuestion, Query()]
) -> ConflictsPage:
    return await revisions.disputed_facts_page(graph, asked)


@router.get(
    "/conflicts/entities",
    response_model=EntityConflictsPage,
    summary="Entities whose sources disagree about their attributes, with every claim",
    description="Each source citing an entity claims values of its kind's own fields "
    "(`attributes`); the entity answers with the newest source's, a field it leaves out "
    "taken from the next claim stating it. Listed here: current entities where some "
    "source's claim contradicts the values answered, in id order.",
)
async def entity_conflicts(
    graph: GraphThenDep, asked: Annotated[DisputedEntitiesQuestion, Query()]
) -> EntityConflictsPage:
    return await revisions.disputed_entities_page(graph, asked)
