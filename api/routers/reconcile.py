"""OpenRefine's reconciliation service (the W3C Entity Reconciliation Community Group's
protocol, version 0.2): the manifest, queries, suggestions, previews and data extension.

``/reconcile`` is the service URL. A query batch comes as the form field ``queries`` of a
POST (what OpenRefine sends), as the query parameter of a GET, or as ``{"queries": …}`` in a
JSON body; a data extension query likewise as ``extend``. Reads need no API key unless
``KG_READS_NEED_KEY`` asks for one (OpenRefine sends none).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from pydantic import StringConstraints, TypeAdapter, ValidationError

from api import reconcile_models as wire
from api.deps import GraphDep
from api.errors import problems
from api.json_body import BodyRefused, check_encoding, loads
from api.params import EntityId
from graph.domain import EntityKind
from graph.interop import reconcile as recon
from graph.interop import reconcile_reads as reads
from graph.items import get_entity
from present.reconcile_preview import preview_html

router = APIRouter(prefix="/reconcile", tags=["reconcile"])

_BATCH = TypeAdapter(dict[Annotated[str, StringConstraints(max_length=100)], recon.ReconQuery])
_EXTEND = TypeAdapter(recon.ExtendQuery)
#: a GET's line must fit the server's limit: larger batches go in a POST
Field = Annotated[str | None, Query(max_length=1000)]
_RULES = (
    "Rules beyond the schema (422 naming the field): `queries` and `extend` are JSON "
    "documents of the protocol's shapes, at most "
    f"{recon.MAX_BATCH} queries, each with `query` or `properties`, types and properties the "
    "service has (see the suggest routes)."
)
_BODY = {
    "requestBody": {
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "queries": {"type": "string", "description": "a query batch (JSON)"},
                        "extend": {"type": "string", "description": "an extension query (JSON)"},
                    },
                }
            },
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {"queries": {"type": "object"}, "extend": {"type": "object"}},
                }
            },
        }
    }
}


def _refuse(where: tuple[str, ...], problems_: list[tuple[tuple[Any, ...], str]]) -> None:
    """A 422 naming each place: ``where`` is the request's part (``query`` or ``body``, a
    JSON body's ``body_json`` pointing as ``body`` does) and the field."""
    if where and where[0] == "body_json":
        where = ("body", *where[1:])
    raise RequestValidationError(
        [{"loc": (*where, *loc), "msg": msg, "type": "value_error"} for loc, msg in problems_]
    )


def _parts(pointer: str) -> tuple[str, ...]:
    """A JSON pointer's parts, unescaped: ``/a~1b/0`` is ``("a/b", "0")``."""
    return tuple(p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:])


def _document(value: Any, where: tuple[str, ...]) -> Any:
    """A form's or a query parameter's field is JSON text; a JSON body's member is already
    the document, and must be an object."""
    if where[0] == "body_json":
        if not isinstance(value, dict):
            _refuse(where, [((), "a JSON object")])
        return value
    try:
        return loads(value)
    except BodyRefused as exc:  # a key twice, a number out of range, nested too deep
        _refuse(where, [(_parts(exc.pointer), exc.reason)])
    except ValueError as exc:
        _refuse(where, [((), f"not JSON ({exc})")])


def parse_queries(value: Any, where: tuple[str, ...]) -> dict[str, recon.ReconQuery]:
    """A reconciliation query batch, or a 422 naming the field inside it at fault."""
    try:
        batch = _BATCH.validate_python(_document(value, where))
    except ValidationError as exc:
        _refuse(where, [(tuple(e["loc"]), e["msg"]) for e in exc.errors()])
    if len(batch) > recon.MAX_BATCH:
        _refuse(where, [((), f"at most {recon.MAX_BATCH} queries in a batch (batchSize)")])
    found = [((key, *loc), msg) for key, q in batch.items() for loc, msg in recon.query_problems(q)]
    if found:
        _refuse(where, found)
    return batch


def parse_extend(value: Any, where: tuple[str, ...]) -> recon.ExtendQuery:
    try:
        query = _EXTEND.validate_python(_document(value, where))
    except ValidationError as exc:
        _refuse(where, [(tuple(e["loc"]), e["msg"]) for e in exc.errors()])
    if found := recon.extend_problems(query):
        _refuse(where, found)
    return query


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def manifest(request: Request) -> wire.Manifest:
    base = _base(request)
    here = {"service_url": base}
    return wire.Manifest(
        versions=["0.2"],
        name=request.app.title,
        identifierSpace=f"{base}/entities/",
        schemaSpace=f"{base}/schema",
        documentation=f"{base}/docs",
        serviceVersion=request.app.version,
        defaultTypes=[wire.ReconType(**t) for t in recon.types()],
        view=wire.UrlTemplate(url=f"{base}/?entity={{{{id}}}}"),
        preview=wire.Preview(url=f"{base}/reconcile/preview/{{{{id}}}}", width=420, height=240),
        suggest=wire.Suggest(
            entity=wire.ServicePath(**here, service_path="/reconcile/suggest/entity"),
            type=wire.ServicePath(**here, service_path="/reconcile/suggest/type"),
            property=wire.ServicePath(**here, service_path="/reconcile/suggest/property"),
        ),
        extend=wire.Extend(
            propose_properties=wire.ServicePath(**here, service_path="/reconcile/properties"),
            property_settings=[
                wire.PropertySetting(
                    name="limit",
                    label="Limit",
                    type="number",
                    default=0,
                    help_text="at most this many values per cell (0: all of them)",
                )
            ],
        ),
        batchSize=recon.MAX_BATCH,
    )


async def _answer(graph: GraphDep, request: Request, queries: Any, extend: Any, where: str) -> Any:
    if queries is not None and extend is not None:
        _refuse((where, "extend"), [((), "send `queries` or `extend`, not both")])
    if queries is not None:
        return await reads.reconcile(graph, parse_queries(queries, (where, "queries")))
    if extend is not None:
        return await reads.extend(graph, parse_extend(extend, (where, "extend")))
    return manifest(request)


@router.get(
    "",
    response_model=wire.Manifest | wire.ResultBatch | wire.ExtendResponse,
    response_model_exclude_none=True,
    responses=problems(422),
    summary="Reconciliation: the service manifest, or the answers to `queries` or `extend`",
    description="Without parameters, the manifest OpenRefine reads when the service is "
    "added. With `queries` (a query batch as JSON), each query's candidates; with `extend` "
    "(an extension query as JSON), each id's values. " + _RULES,
)
async def reconcile_get(
    graph: GraphDep, request: Request, queries: Field = None, extend: Field = None
) -> Any:
    return await _answer(graph, request, queries, extend, "query")


@router.post(
    "",
    response_model=wire.ResultBatch | wire.ExtendResponse,
    response_model_exclude_none=True,
    responses=problems(400, 413, 422),
    openapi_extra=_BODY,
    summary="Reconciliation queries (form field `queries`) or data extension (`extend`)",
    description="What OpenRefine sends: a form whose field `queries` holds a query batch as "
    "JSON, or whose field `extend` holds an extension query; a JSON body with the same "
    "members works too. " + _RULES,
)
async def reconcile_post(graph: GraphDep, request: Request) -> Any:
    fields = await _fields(request)
    if "queries" not in fields and "extend" not in fields:
        _refuse(("body",), [(("queries",), "send `queries` (or `extend`)")])
    if "queries" in fields and "extend" in fields:
        _refuse(("body",), [(("extend",), "send `queries` or `extend`, not both")])
    where = "body_json" if _is_json(request) else "body"
    if "queries" in fields:
        return await reads.reconcile(graph, parse_queries(fields["queries"], (where, "queries")))
    return await reads.extend(graph, parse_extend(fields["extend"], (where, "extend")))


def _is_json(request: Request) -> bool:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return kind == "application/json"


async def _fields(request: Request) -> dict[str, Any]:
    """The body's ``queries`` and ``extend``: form fields (URL-encoded, as OpenRefine sends
    them), or a JSON object's members."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await request.body()
    if raw:
        check_encoding(request)
    if kind == "application/json":
        try:
            body = loads(raw)
        except ValueError as exc:
            raise RequestValidationError(
                [
                    {
                        "loc": ("body",),
                        "msg": str(exc),
                        "type": "json_invalid",
                        "ctx": {"error": str(exc)},
                    }
                ]
            ) from None
        if not isinstance(body, dict):
            _refuse(("body",), [((), "a JSON object with `queries` or `extend`")])
        return {k: body[k] for k in ("queries", "extend") if k in body}
    if kind not in ("", "application/x-www-form-urlencoded"):
        _refuse(
            ("header", "content-type"),
            [((), "application/x-www-form-urlencoded or application/json")],
        )
    try:
        form = parse_qs(raw.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        _refuse(("body",), [((), "the form is not UTF-8")])
    return {k: form[k][-1] for k in ("queries", "extend") if k in form}


Prefix = Annotated[str, Query(max_length=200, description="what the user has typed so far")]
CursorQ = Annotated[int, Query(ge=0, le=10_000, description="how many suggestions to skip")]
LimitQ = Annotated[int, Query(ge=1, le=50, description="how many suggestions")]
TypeQ = Annotated[
    EntityKind | None, Query(description="only entities of this type (a declared kind)")
]


def _known_type(kind: EntityKind | None) -> list[str] | None:
    return [kind.value] if kind else None


@router.get(
    "/suggest/entity",
    response_model=wire.Suggestions,
    response_model_exclude_none=True,
    responses=problems(422),
    summary="Entities whose names start with what the user types, ranked as search ranks",
)
async def suggest_entity(
    graph: GraphDep,
    prefix: Prefix = "",
    cursor: CursorQ = 0,
    limit: LimitQ = 10,
    type: TypeQ = None,
) -> dict[str, Any]:
    kinds = _known_type(type)
    found = await reads.suggest_entities(graph, prefix, kinds=kinds, cursor=cursor, limit=limit)
    return {"result": found}


@router.get(
    "/suggest/type",
    response_model=wire.Suggestions,
    response_model_exclude_none=True,
    summary="Types (the declared kinds) whose id or name starts with what the user types",
)
async def suggest_type(
    prefix: Prefix = "", cursor: CursorQ = 0, limit: LimitQ = 10
) -> dict[str, Any]:
    found = [
        {"id": t["id"], "name": t["name"], "description": t["description"]}
        for t in recon.types()
        if recon.prefix_matches(prefix, t["id"], t["name"])
    ]
    return {"result": found[cursor : cursor + limit]}


def _property(prop: recon.Property) -> dict[str, Any]:
    return {"id": prop.id, "name": prop.name, "description": prop.description}


@router.get(
    "/suggest/property",
    response_model=wire.Suggestions,
    response_model_exclude_none=True,
    responses=problems(422),
    summary="Properties (fields and facts) whose id or name starts with what the user types",
)
async def suggest_property(
    prefix: Prefix = "", cursor: CursorQ = 0, limit: LimitQ = 10, type: TypeQ = None
) -> dict[str, Any]:
    kinds = _known_type(type)
    found = [
        _property(p)
        for p in recon.properties_of(kinds[0] if kinds else None)
        if recon.prefix_matches(prefix, p.id, p.name)
    ]
    return {"result": found[cursor : cursor + limit]}


@router.get(
    "/properties",
    response_model=wire.ProposedProperties,
    response_model_exclude_none=True,
    responses=problems(422),
    summary="The properties data extension can fetch for entities of a type",
)
async def propose_properties(
    type: Annotated[
        EntityKind | None, Query(description="a declared kind; none: every one")
    ] = None,
    limit: Annotated[int | None, Query(ge=1, le=500)] = None,
) -> dict[str, Any]:
    kinds = _known_type(type)
    found = [_property(p) for p in recon.properties_of(kinds[0] if kinds else None)]
    return {
        "type": type.value if type else "",
        "properties": found[:limit] if limit else found,
        "limit": limit,
    }


@router.get(
    "/preview/{entity_id}",
    response_class=HTMLResponse,
    responses={**problems(404, 422), 200: {"content": {"text/html": {}}}},
    summary="A small HTML card of an entity, for OpenRefine's preview pane",
)
async def preview(graph: GraphDep, entity_id: EntityId) -> HTMLResponse:
    entity, summary = await get_entity(graph, entity_id)
    return HTMLResponse(
        preview_html(entity, summary),
        headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"},
    )
