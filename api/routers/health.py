"""Liveness and readiness."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.deps import GraphDep
from graph.store import applied_version, expected_version, server_info

log = logging.getLogger("kg.api")

router = APIRouter(tags=["health"])


class Live(BaseModel):
    status: str = "ok"


class Ready(BaseModel):
    status: str
    neo4j: dict[str, str] | None = None
    schema_version: int | None = None
    detail: str | None = None


@router.get("/livez", response_model=Live, summary="The process is up")
async def livez() -> Live:
    return Live()


@router.get(
    "/readyz",
    response_model=Ready,
    summary="Neo4j answers and the schema is applied",
    responses={503: {"model": Ready}},
)
async def readyz(graph: GraphDep) -> JSONResponse:
    """Reads only: a probe never changes the database (the app applies the schema itself)."""
    try:
        info = await server_info(graph.driver, graph.database)
        current = await applied_version(graph.driver, graph.database)
    except Exception as exc:  # any failure means not ready; the log says which
        log.warning("not ready: %s: %s", type(exc).__name__, exc)
        body = Ready(status="unavailable", detail="the database does not answer")
        return JSONResponse(
            body.model_dump(exclude_none=True), status_code=503, headers={"Retry-After": "5"}
        )
    wanted = expected_version()
    if current != wanted:
        body = Ready(
            status="schema-missing",
            neo4j=info,
            detail=f"this service's schema ({wanted[0]}, {wanted[1]}) is not applied yet "
            f"(the database has {f'{current[0]}, {current[1]}' if current else 'none'})",
        )
        return JSONResponse(
            body.model_dump(exclude_none=True), status_code=503, headers={"Retry-After": "5"}
        )
    return JSONResponse(
        Ready(status="ready", neo4j=info, schema_version=wanted[0]).model_dump(exclude_none=True)
    )
