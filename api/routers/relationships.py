"""Relationships (facts): upsert, read with their sources, delete."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel

from api.deps import GraphDep
from api.errors import CREATED, problems
from graph import facts
from graph.facts import FactExplained
from graph.model import RELATIONSHIP_RULES_TEXT, RelationshipIn, RelType

read_router = APIRouter(prefix="/relationships", tags=["relationships"])
write_router = APIRouter(
    prefix="/relationships", tags=["relationships"], responses=problems(401, 413)
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


@write_router.put(
    "",
    response_model=RelationshipWritten,
    responses={**problems(422), **CREATED},
    summary="Create or update a fact; identity is (type, from, to, key qualifier)",
    description=RELATIONSHIP_RULES_TEXT,
)
async def put_relationship(
    body: RelationshipIn, graph: GraphDep, response: Response
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
async def get_relationship(rel_id: RelationshipId, graph: GraphDep) -> FactExplained:
    return await facts.get_fact(graph, rel_id)


@write_router.delete(
    "/{rel_id:path}", status_code=204, responses=problems(404, 422), summary="Delete a fact"
)
async def delete_relationship(rel_id: RelationshipId, graph: GraphDep) -> None:
    await facts.delete_relationship(graph, rel_id)
