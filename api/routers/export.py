"""Export: JSON (nodes and edges), GraphML, or Cypher statements that rebuild the graph."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.deps import GraphDep
from api.errors import problems
from api.params import Depth
from graph.export import GraphExport, export_graph, to_cypher, to_graphml
from graph.model import SLUG_PATTERN

router = APIRouter(tags=["export"])


@router.get(
    "/export",
    response_model=GraphExport,
    responses={
        **problems(404, 422),
        200: {
            "content": {
                "application/json": {},
                "application/graphml+xml": {},
                "application/x-cypher": {},
            },
            "description": "the graph in the format asked for",
        },
    },
    summary="The whole graph, or a subgraph around root, as JSON, GraphML or Cypher",
)
async def export(
    graph: GraphDep,
    format: Literal["json", "graphml", "cypher"] = "json",
    root: Annotated[str | None, Query(pattern=SLUG_PATTERN, max_length=120)] = None,
    depth: Depth = 1,
) -> Response:
    data = await export_graph(graph, root=root, depth=depth)
    name = f"kg-{root or 'graph'}"
    if format == "graphml":
        return Response(
            to_graphml(data),
            media_type="application/graphml+xml",
            headers={"Content-Disposition": f'attachment; filename="{name}.graphml"'},
        )
    if format == "cypher":
        return Response(
            to_cypher(data),
            media_type="application/x-cypher",
            headers={"Content-Disposition": f'attachment; filename="{name}.cypher"'},
        )
    return Response(data.model_dump_json(), media_type="application/json")
