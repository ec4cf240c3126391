"""Bulk writes: sources, entities and relationships in one atomic transaction."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import WriterDep
from api.errors import problems
from api.json_body import JsonBodyRoute
from graph.domain import RELATIONSHIP_RULES_TEXT, Batch, BatchResult
from graph.writes import write_batch

router = APIRouter(tags=["batch"], responses=problems(401, 413, 415), route_class=JsonBodyRoute)


@router.post(
    "/batch",
    response_model=BatchResult,
    responses=problems(409, 422),
    summary="Write many items at once, all or nothing; dry_run reports the diff only",
    description="Ids are unique within each list, and entities cite stored sources or "
    "sources in the same batch. Facts: " + RELATIONSHIP_RULES_TEXT,
)
async def post_batch(body: Batch, graph: WriterDep, dry_run: bool = False) -> BatchResult:
    result, _ = await write_batch(graph, body, dry_run=dry_run)
    return result
