"""Entities: read, upsert, patch, delete, merge."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from api.bodies import EntityBody, at_path
from api.deps import GraphDep
from api.errors import CREATED, problems
from api.params import EntityId
from graph import entities as ops
from graph.patch import EntityPatch
from graph.public import EntityPublic
from graph.values import SLUG_PATTERN

read_router = APIRouter(prefix="/entities", tags=["entities"])
write_router = APIRouter(prefix="/entities", tags=["entities"], responses=problems(401, 413))


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
    relationships_deleted: int


@read_router.get(
    "/{entity_id}",
    response_model=EntityWithSummary,
    responses=problems(404),
    summary="An entity by id or alias id, with a summary of its relationships",
)
async def get_entity(entity_id: EntityId, graph: GraphDep) -> EntityWithSummary:
    entity, summary = await ops.get_entity(graph, entity_id)
    return EntityWithSummary(entity=entity, relationships=[RelationshipCount(**s) for s in summary])


@write_router.put(
    "/{entity_id}",
    response_model=EntityWritten,
    responses={**problems(409, 422), **CREATED},
    summary="Create or replace an entity (idempotent); its id is the path's",
    description="Its `sources` must be stored sources (422 naming the one that is not). "
    "Sources accumulate: a PUT adds the ones it names to those stored (PATCH replaces them).",
)
async def put_entity(
    entity_id: EntityId, body: EntityBody, graph: GraphDep, response: Response
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
async def patch_entity(entity_id: EntityId, body: EntityPatch, graph: GraphDep) -> EntityWritten:
    result, entity = await ops.patch_entity(graph, entity_id, body)
    return EntityWritten(result=result, entity=entity)


@write_router.delete(
    "/{entity_id}",
    response_model=Deleted,
    responses=problems(404, 409),
    summary="Delete an entity; refuses to orphan relationships unless cascade=true",
)
async def delete_entity(entity_id: EntityId, graph: GraphDep, cascade: bool = False) -> Deleted:
    count = await ops.delete_entity(graph, entity_id, cascade=cascade)
    return Deleted(deleted=entity_id, relationships_deleted=count)


@write_router.post(
    "/{entity_id}/merge",
    response_model=EntityPublic,
    responses=problems(404, 409, 422),
    summary="Merge this entity into another; its id then resolves to the survivor",
    description="Both must be of one kind (409), and not the same entity (422); a merge "
    "whose aliases or sources would pass their caps is refused (409), naming the list.",
)
async def merge_entity(entity_id: EntityId, body: MergeRequest, graph: GraphDep) -> Any:
    return await ops.merge_entities(graph, entity_id, body.into)
