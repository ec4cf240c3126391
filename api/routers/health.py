"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.deps import GraphDep, SettingsDep
from graph.db import server_info
from graph.schema import applied_version, apply_schema, expected_version

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
async def readyz(graph: GraphDep, settings: SettingsDep) -> JSONResponse:
    try:
        info = await server_info(graph.driver, graph.database)
        wanted = expected_version()
        current = await applied_version(graph.driver, graph.database)
        if current != wanted and settings.apply_schema_on_start:
            current = await apply_schema(graph.driver, graph.database)
    except Exception as exc:  # any failure means not ready; say which
        body = Ready(status="unavailable", detail=f"Neo4j: {type(exc).__name__}: {exc}")
        return JSONResponse(
            body.model_dump(exclude_none=True), status_code=503, headers={"Retry-After": "5"}
        )
    if current != wanted:
        body = Ready(
            status="schema-missing",
            neo4j=info,
            detail=f"schema {wanted} not applied (database has {current})",
        )
        return JSONResponse(body.model_dump(exclude_none=True), status_code=503)
    return JSONResponse(
        Ready(status="ready", neo4j=info, schema_version=wanted[0]).model_dump(exclude_none=True)
    )
