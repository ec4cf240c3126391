"""Relationships (facts): upsert, read with their sources, delete."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel

from api.deps import GraphAtDep, SettingsDep, WriterDep
from api.errors import created, problems
from api.json_body import JsonBodyRoute
from api.security import check_purge
from graph.domain import RELATIONSHIP_RULES_TEXT, RelationshipIn, RelType
from graph.items import FactExplained, facts, retraction

read_router = APIRouter(prefix="/relationships", tags=["relationships"])
write_router = APIRouter(
    route_class=JsonBodyRoute,
    prefix="/relationships",
    tags=["relationships"],
    responses=problems(401, 413, 415),
)

RelationshipId = Annotated[
    str,
    Path(
        max_length=600,
        # every id of this shape is answered (404 when no such fact), never refused
        pattern=rf"^[^|]+\|(?:{'|'.join(RelType)})\|[^|]+(?:\|.*)?$",
        description="'from|TYPE|to' or 'from|TYPE|to|key'",
        examples=["tsmc|INVESTS_IN|arizona"],
    ),
]


class RelationshipWritten(BaseModel):
    result: Literal["created", "updated", "unchanged"]
    fact: FactExplained


@write_router.post(
    "/{rel_id:path}/restore",
    response_model=FactExplained,
    responses=problems(404, 409, 422),
    summary="Restore a retracted fact (its ends current)",
)
async def restore_relationship(rel_id: RelationshipId, graph: WriterDep) -> FactExplained:
    await retraction.restore_relationship(graph, rel_id)
    return await facts.get_fact(graph, rel_id)


@write_router.put(
    "",
    response_model=RelationshipWritten,
    responses={**problems(409, 422), **created(RelationshipWritten)},
    summary="Create or update a fact; identity is (type, from, to, key qualifier)",
    description=RELATIONSHIP_RULES_TEXT
    + " A retracted fact, or a fact to a retracted entity, is a 409 until restored.",
)
async def put_relationship(
    body: RelationshipIn, graph: WriterDep, response: Response
) -> RelationshipWritten:
    result, fact = await facts.put_relationship(graph, body)
    response.status_code = 201 if result == "created" else 200
    return RelationshipWritten(result=result, fact=fact)


# ``:path``: a fact's key is free text and may hold a slash ("AI/HPC chips")
@read_router.get(
    "/{rel_id:path}",
    response_model=FactExplained,
    responses=problems(404, 422),
    summary="A fact and why it is believed: evidence and sources",
)
async def get_relationship(rel_id: RelationshipId, graph: GraphAtDep) -> FactExplained:
    return await facts.get_fact(graph, rel_id)


@write_router.delete(
    "/{rel_id:path}",
    status_code=204,
    responses=problems(403, 404, 422),
    summary="Retract a fact (hidden, kept); purge=true erases it for good",
    description="Retracting hides the fact from current answers and keeps it with its "
    "sources and history (`include_retracted=true` shows it; `POST .../restore` brings it "
    "back). `purge=true` erases it instead: it needs API keys configured and a `reason`, "
    "and leaves a tombstone revision.",
)
async def delete_relationship(
    rel_id: RelationshipId, graph: WriterDep, settings: SettingsDep, purge: bool = False
) -> None:
    if purge:
        check_purge(settings, graph.author.reason)
        await retraction.purge_relationship(graph, rel_id)
    else:
        await retraction.retract_relationship(graph, rel_id)
