"""Sources: the documents facts rest on."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel

from api.bodies import SourceBody, at_path
from api.deps import GraphThenDep, WriterDep
from api.errors import created, problems
from api.json_body import JsonBodyRoute
from graph.domain import SLUG_PATTERN, SourcePublic, SourcesQuestion
from graph.items import SourcePage, SourceUsage, facts

read_router = APIRouter(prefix="/sources", tags=["sources"])
write_router = APIRouter(
    route_class=JsonBodyRoute,
    prefix="/sources",
    tags=["sources"],
    responses=problems(401, 413, 415),
)

SourceId = Annotated[str, Path(pattern=SLUG_PATTERN, max_length=120)]


class SourceWritten(BaseModel):
    result: Literal["created", "updated", "unchanged"]
    source: SourcePublic


@read_router.get("", response_model=SourcePage, summary="Sources in id order, a page at a time")
async def list_sources(
    graph: GraphThenDep, asked: Annotated[SourcesQuestion, Query()]
) -> SourcePage:
    return await facts.source_page(graph, asked)


@read_router.get(
    "/{source_id}",
    response_model=SourceUsage,
    responses=problems(404),
    summary="A source and how many facts rest on it",
)
async def get_source(source_id: SourceId, graph: GraphThenDep) -> SourceUsage:
    return await facts.get_source(graph, source_id)


@write_router.put(
    "/{source_id}",
    response_model=SourceWritten,
    responses={**problems(422), **created(SourceWritten)},
    summary="Create or replace a source (idempotent); its id is the path's",
)
async def put_source(
    source_id: SourceId, body: SourceBody, graph: WriterDep, response: Response
) -> SourceWritten:
    result, source = await facts.put_source(graph, at_path(body, source_id))
    response.status_code = 201 if result == "created" else 200
    return SourceWritten(result=result, source=source)
