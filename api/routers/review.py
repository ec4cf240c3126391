"""Reviewing a source's text: its analysis, the candidate facts found, and a person's
acceptance or rejection of each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from api.deps import GraphDep, WriterDep
from api.errors import problems
from api.json_body import JsonBodyRoute
from api.routers.sources import SourceId
from graph.ingest import (
    Acceptance,
    AnalysisSummary,
    CandidatePublic,
    Rejection,
    Status,
    TextAnalysis,
    review,
)
from graph.items import FactExplained, facts

read_router = APIRouter(prefix="/sources", tags=["review"])
write_router = APIRouter(
    route_class=JsonBodyRoute, prefix="/sources", tags=["review"], responses=problems(401, 413, 415)
)
CandidateId = Annotated[str, Path(pattern=r"^[0-9a-f]{24}$")]


class Accepted(BaseModel):
    candidate: CandidatePublic
    relationship: FactExplained


@write_router.post(
    "/{source_id}/analysis",
    response_model=AnalysisSummary,
    responses=problems(404, 409),
    summary="Analyse the source's stored text and store the candidate facts it finds",
    description="Mentions of the graph's entities (by name, alias, or a word referring "
    "back), names it does not hold, and candidate facts: two mentions in one sentence whose "
    "kinds fit a relationship type, kept when the sentence holds one of the type's cue "
    "words. One candidate per source, type and ends: analysing again is idempotent, a "
    "rejected candidate is never brought back, and open ones no longer found are dropped. "
    "409 when the source has no text or is retracted.",
)
async def analyse_source(source_id: SourceId, graph: WriterDep) -> AnalysisSummary:
    return await review.analyse_source(graph, source_id)


@read_router.get(
    "/{source_id}/analysis",
    response_model=TextAnalysis,
    responses=problems(404, 409),
    summary="Where the source's text names the graph's entities, and names it does not hold",
)
async def read_text(source_id: SourceId, graph: GraphDep) -> TextAnalysis:
    return await review.read_text(graph, source_id)


@read_router.get(
    "/{source_id}/candidates",
    response_model=list[CandidatePublic],
    responses=problems(404, 409),
    summary="The candidate facts found in the source's text, the best first",
)
async def list_candidates(
    source_id: SourceId,
    graph: GraphDep,
    status: Annotated[
        Status | None, Query(description="only those open, accepted or rejected")
    ] = None,
) -> list[CandidatePublic]:
    return await review.candidates(graph, source_id, status)


@write_router.post(
    "/{source_id}/candidates/{candidate_id}/accept",
    response_model=Accepted,
    responses=problems(404, 409, 422),
    summary="Accept a candidate: its fact is written, pointing at its sentence",
    description="The fact is written through the write path, the source's attestation "
    "pointing at the candidate's sentence; type, qualifiers, basis, evidence and confidence "
    "may be edited (422 naming the field when the fact would be invalid). The reviewer is "
    "the revision's author and `reason` its reason. 409 when the candidate is decided "
    "already, its source is retracted, or its text was replaced since it was found.",
)
async def accept_candidate(
    source_id: SourceId, candidate_id: CandidateId, body: Acceptance, graph: WriterDep
) -> Accepted:
    decided, fact_id = await review.accept(graph, source_id, candidate_id, body)
    return Accepted(candidate=decided, relationship=await facts.get_fact(graph, fact_id))


@write_router.post(
    "/{source_id}/candidates/{candidate_id}/reject",
    response_model=CandidatePublic,
    responses=problems(404, 409, 422),
    summary="Reject a candidate, with the reason (remembered: never brought back)",
)
async def reject_candidate(
    source_id: SourceId, candidate_id: CandidateId, body: Rejection, graph: WriterDep
) -> CandidatePublic:
    return await review.reject(graph, source_id, candidate_id, body.reason)
