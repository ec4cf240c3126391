"""Sources: the documents facts rest on."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel

from api.bodies import SourceBody, at_path
from api.deps import GraphThenDep, ReasonedWriterDep, WriterDep
from api.errors import created, problems
from api.json_body import JsonBodyRoute
from graph.domain import SLUG_PATTERN, SourcePublic, SourcesQuestion
from graph.items import SourcePage, SourceUsage, facts, source_retraction

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


@write_router.delete(
    "/{source_id}",
    response_model=SourcePublic,
    responses=problems(404, 409, 422),
    summary="Retract a source (kept): its claims stop counting; `reason` is required",
    description="The source is kept, marked retracted with when, by whom and the `reason` "
    "given. Every fact and entity citing it is weighed again in the same write: its claims "
    "stay listed (`retracted: true`) and no longer count; a fact resting on retracted "
    "sources alone is retracted with it, and so is an entity that has no current fact "
    "left either. Answers with `known_at` before the retraction show the graph as it was; "
    "`POST /sources/{id}/restore` undoes it. Writes that cite a retracted source anew are "
    "refused (409).",
)
async def retract_source(source_id: SourceId, graph: ReasonedWriterDep) -> SourcePublic:
    return await source_retraction.retract_source(graph, source_id)


@write_router.post(
    "/{source_id}/restore",
    response_model=SourcePublic,
    responses=problems(404, 409),
    summary="Restore a retracted source: its claims count again",
    description="Every fact and entity citing it is weighed again; what was retracted with "
    "a source and cites this one comes back (a fact only when both its ends are current).",
)
async def restore_source(source_id: SourceId, graph: WriterDep) -> SourcePublic:
    return await source_retraction.restore_source(graph, source_id)
