"""Export: JSON (nodes and edges, as one document or JSON lines), GraphML, Cypher statements that rebuild the graph, or
FollowTheMoney entities, streamed from the database as they are written."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from api.deps import GraphAtDep, SettingsDep
from api.errors import problems
from api.security import require_key_for_whole_graph
from graph.domain import ExportQuestion
from graph.interop import MEDIA_TYPE as FTM_MEDIA_TYPE
from graph.interop import MEDIA_TYPES, GraphExport, export_stream, ftm_stream
from graph.reads import Head

router = APIRouter(tags=["export"])


@router.get(
    "/export",
    response_model=GraphExport,
    responses={
        **problems(401, 404, 422),
        200: {
            "content": {
                "application/json": {},
                "application/x-ndjson": {},
                "application/graphml+xml": {},
                "application/x-cypher": {},
                FTM_MEDIA_TYPE: {},
            },
            "description": "the graph in the format asked for",
            "headers": {
                "X-Revision-Head": {
                    "description": "the change feed's head the export is the graph at "
                    "(absent under known_at): GET /changes?after= it for what changed since",
                    "schema": {"type": "integer"},
                }
            },
        },
    },
    summary="The whole graph, or a subgraph around root, as JSON, JSON lines, GraphML, "
    "Cypher or FtM",
    description="Streamed as it is read, so memory stays bounded at any size. Once API keys "
    "are configured, exporting the whole graph (no `root`) needs one. `jsonl`: one item a "
    "line, `item` naming its section (`node`, `edge`, `source`, `redirect`) beside the "
    "fields it has in the `json` document. `ftm`: one "
    "FollowTheMoney entity per line (JSON lines), each kind and fact mapped as "
    "graph/interop/ftm.yaml declares. However long it streams, an export is the graph at one "
    "moment: as of the change feed's head when it started (`X-Revision-Head`), writes "
    "committed meanwhile left out.",
)
async def export(
    graph: GraphAtDep,
    settings: SettingsDep,
    request: Request,
    asked: Annotated[ExportQuestion, Query()],
) -> StreamingResponse:
    format, root, depth = asked.format, asked.root, asked.depth
    stated_only, as_of = asked.stated_only, asked.as_of
    if root is None:
        await require_key_for_whole_graph(request, settings)
    head = Head()
    chunks = (
        ftm_stream(graph, root=root, depth=depth, stated_only=stated_only, as_of=as_of, head=head)
        if format == "ftm"
        else export_stream(
            graph, format, root=root, depth=depth, stated_only=stated_only, as_of=as_of, head=head
        )
    )
    # the first chunk is read before answering, so an unknown root or a database that is
    # down is a 404 or a 503, not a 200 cut short
    first = await anext(chunks, "")

    async def body() -> AsyncIterator[str]:
        yield first
        async for chunk in chunks:
            yield chunk

    extension = {
        "json": "json",
        "jsonl": "jsonl",
        "graphml": "graphml",
        "cypher": "cypher",
        "ftm": "ftm.json",
    }[format]
    headers: dict[str, str] = (
        {}
        if format == "json"
        else {"Content-Disposition": f'attachment; filename="kg-{root or "graph"}.{extension}"'}
    )
    if head.value is not None:
        headers["X-Revision-Head"] = str(head.value)
    media_type = FTM_MEDIA_TYPE if format == "ftm" else MEDIA_TYPES[format]
    return StreamingResponse(body(), media_type=media_type, headers=headers)
