"""Entities: read, upsert, patch, delete, merge."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from api.bodies import EntityBody, at_path
from api.deps import GraphAtDep, SettingsDep, WriterDep
from api.errors import created, problems
from api.json_body import JsonBodyRoute
from api.params import EntityId
from api.security import check_purge
from graph.domain import SLUG_PATTERN
from graph.items import entities as ops
from graph.items import retraction
from graph.records import EntityPublic
from graph.writes import EntityPatch

read_router = APIRouter(prefix="/entities", tags=["entities"])
write_router = APIRouter(
    route_class=JsonBodyRoute,
    prefix="/entities",
    tags=["entities"],
    responses=problems(401, 413, 415),
)


class RelationshipCount(BaseModel):
    type: str
    direction: Literal["out", "in"]
    count: int


class EntityWithSummary(BaseModel):
    entity: EntityPublic
    relationships: list[RelationshipCount]


class EntityWritten(BaseModel):
    result: Literal["created", "updated", "unchanged"]
    entity: EntityPublic


class MergeRequest(BaseModel):
    into: Annotated[str, Field(pattern=SLUG_PATTERN, max_length=120, examples=["tsmc"])]


class Deleted(BaseModel):
    deleted: str
    how: Literal["retracted", "purged"]
    relationships_deleted: int = Field(
        description="how many of its facts were retracted (or purged) with it"
    )


@read_router.get(
    "/{entity_id}",
    response_model=EntityWithSummary,
    responses=problems(404),
    summary="An entity by id or alias id, with a summary of its relationships",
)
async def get_entity(entity_id: EntityId, graph: GraphAtDep) -> EntityWithSummary:
    entity, summary = await ops.get_entity(graph, entity_id)
    return EntityWithSummary(entity=entity, relationships=[RelationshipCount(**s) for s in summary])


@write_router.put(
    "/{entity_id}",
    response_model=EntityWritten,
    responses={**problems(409, 422), **created(EntityWritten)},
    summary="Create or replace an entity (idempotent); its id is the path's",
    description="Its `sources` must be stored sources (422 naming the one that is not). "
    "Sources accumulate: a PUT adds the ones it names to those stored (PATCH replaces them).",
)
async def put_entity(
    entity_id: EntityId, body: EntityBody, graph: WriterDep, response: Response
) -> EntityWritten:
    result, entity = await ops.put_entity(graph, at_path(body, entity_id))
    response.status_code = 201 if result == "created" else 200
    return EntityWritten(result=result, entity=entity)


@write_router.patch(
    "/{entity_id}",
    response_model=EntityWritten,
    responses=problems(404, 409, 422),
    summary="Change some fields of an entity",
    description="`attributes` may hold only the fields of the entity's own kind (409 for "
    "another kind's field); `sources` must be stored sources (422 otherwise).",
)
async def patch_entity(entity_id: EntityId, body: EntityPatch, graph: WriterDep) -> EntityWritten:
    result, entity = await ops.patch_entity(graph, entity_id, body)
    return EntityWritten(result=result, entity=entity)


@write_router.delete(
    "/{entity_id}",
    response_model=Deleted,
    responses=problems(403, 404, 409, 422),
    summary="Retract an entity (hidden, kept); refuses to orphan facts unless cascade=true",
    description="Retracting hides the entity (and, with `cascade=true`, its current facts) "
    "from current answers and keeps it with its history; `include_retracted=true` shows it "
    "and `POST /entities/{id}/restore` brings it back. `purge=true` erases it for good "
    "instead (a legal removal): it needs API keys configured and a `reason`, and leaves "
    "a tombstone revision.",
)
async def delete_entity(
    entity_id: EntityId,
    graph: WriterDep,
    settings: SettingsDep,
    cascade: bool = False,
    purge: bool = False,
) -> Deleted:
    if purge:
        check_purge(settings, graph.author.reason)
        count = await retraction.purge_entity(graph, entity_id, cascade=cascade)
        return Deleted(deleted=entity_id, how="purged", relationships_deleted=count)
    count = await retraction.retract_entity(graph, entity_id, cascade=cascade)
    return Deleted(deleted=entity_id, how="retracted", relationships_deleted=count)


@write_router.post(
    "/{entity_id}/restore",
    response_model=EntityPublic,
    responses=problems(404, 409),
    summary="Restore a retracted entity, with the facts retracted with it",
)
async def restore_entity(entity_id: EntityId, graph: WriterDep) -> Any:
    return await retraction.restore_entity(graph, entity_id)


@write_router.post(
    "/{entity_id}/merge",
    response_model=EntityPublic,
    responses=problems(404, 409, 422),
    summary="Merge this entity into another; its id then resolves to the survivor",
    description="Both must be of one kind (409), and not the same entity (422); a merge "
    "whose aliases or sources would pass their caps is refused (409), naming the list.",
)
async def merge_entity(entity_id: EntityId, body: MergeRequest, graph: WriterDep) -> Any:
    return await ops.merge_entities(graph, entity_id, body.into)
