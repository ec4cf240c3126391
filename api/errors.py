"""Domain errors mapped to HTTP in one place, as ``application/problem+json`` (RFC 9457)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.deps import BOOKMARK_HEADER
from api.json_body import BodyRefused
from graph.domain import error_location
from graph.errors import (
    Conflict,
    DatabaseUnavailable,
    GraphError,
    InvalidBookmark,
    InvalidInput,
    NotFound,
    QueryTimeout,
    SeedIncomplete,
)

PROBLEM_TYPE = "https://kg-service.dev/problems/"
STATUS = {
    InvalidBookmark: (422, "invalid-bookmark", "Invalid bookmark"),
    NotFound: (404, "not-found", "Not found"),
    Conflict: (409, "conflict", "Conflict"),
    InvalidInput: (422, "invalid-input", "Invalid input"),
    QueryTimeout: (504, "query-timeout", "Query timed out"),
    DatabaseUnavailable: (503, "database-unavailable", "Database unavailable"),
    SeedIncomplete: (503, "load-incomplete", "Load stopped part way"),
}


class FieldProblem(BaseModel):
    pointer: str
    detail: str


class Problem(BaseModel):
    """An error, as RFC 9457 describes: what kind, what happened, and where in the request.

    Some problems carry extension members beside these: an ambiguous name's ``candidates``
    (``[{id, kind, name}]``, on a 409)."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    pointer: str | None = None
    errors: list[FieldProblem] = []


def problem(
    status: int,
    slug: str,
    title: str,
    detail: str,
    request: Request,
    pointer: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    standard = set(Problem.model_fields)
    body = Problem(
        **{k: v for k, v in (extra or {}).items() if k not in standard},
        type=PROBLEM_TYPE + slug,
        title=title,
        status=status,
        detail=detail,
        instance=request.url.path,
        pointer=pointer,
        errors=[FieldProblem(**e) for e in errors or []],
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        media_type="application/problem+json",
        headers=headers,
    )


def _with_tag(error: Any) -> tuple[Any, ...]:
    """An unknown or missing ``kind`` is the fault of that field, not of the whole item."""
    loc = tuple(error["loc"])
    if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
        return (*loc, str(error.get("ctx", {}).get("discriminator", "kind")).strip("'"))
    return loc


def _message(error: Any) -> str:
    """pydantic's message, but a kind or type that is not declared is said as a choice."""
    if error["type"] == "union_tag_invalid":
        ctx = error.get("ctx", {})
        return f"Input should be one of {ctx.get('expected_tags')}; {ctx.get('tag')!r} is not"
    return str(error["msg"])


def _located(loc: tuple[Any, ...], message: str) -> dict[str, str]:
    # FastAPI prefixes where the value came from: body, query, path, header
    where, *rest = loc
    pointer, detail = error_location(tuple(rest), message)
    return {
        "pointer": pointer if where == "body" else f"{where}:{pointer.lstrip('/')}",
        "detail": detail,
    }


def _parameters(dependant: Dependant) -> Iterator[tuple[str, str, str]]:
    """(where, name, alias) of each parameter a route declares; a query model's fields are
    its parameters."""
    for field in dependant.path_params:
        yield "path", field.name, field.alias
    for field in dependant.query_params:
        model = field.field_info.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            for name, info in model.model_fields.items():
                yield "query", name, info.alias or name
        else:
            yield "query", field.name, field.alias
    for sub in dependant.dependencies:
        yield from _parameters(sub)


def request_pointer(request: Request, name: str | None) -> str | None:
    """Where the request carried what the graph layer names: a JSON pointer into the body
    stays as it is; an argument's name becomes ``path:<name>`` or ``query:<name>``, as
    the route declares the parameter, and anything else is a field of the body.

    Example:
        >>> request_pointer(None, "/relationships/0/to_id")  # type: ignore[arg-type]
        '/relationships/0/to_id'
    """
    if not name or name.startswith("/"):
        return name
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is not None:
        for where, field, alias in _parameters(dependant):
            if name in (field, alias):
                return f"{where}:{alias}"
    return f"/{name}"


async def _graph_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GraphError)
    status, slug, title = http_status(exc)
    headers = {"Retry-After": "5"} if status == 503 else None
    pointer = request_pointer(request, exc.pointer)
    errors: list[dict[str, str]] | None = None
    if isinstance(exc, InvalidBookmark):
        pointer = f"header:{BOOKMARK_HEADER}"
        errors = [{"pointer": pointer, "detail": exc.detail}]
    elif isinstance(exc, InvalidInput):
        errors = [
            {**e, "pointer": request_pointer(request, e["pointer"]) or ""} for e in exc.errors
        ]
    return problem(status, slug, title, exc.detail, request, pointer, errors, headers, exc.extra)


def http_status(exc: GraphError) -> tuple[int, str, str]:
    """The HTTP status, problem slug and title of a domain error (its nearest mapped class)."""
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    raise TypeError(f"{type(exc).__name__} has no HTTP mapping in api/errors.py STATUS")


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    unreadable = [e for e in exc.errors() if e["type"] == "json_invalid"]
    if unreadable:  # not a document at all: nothing in it to point at
        detail = f"the body is not JSON ({unreadable[0]['ctx'].get('error', 'unreadable')})"
        errors_ = [{"pointer": "", "detail": detail}]
        return problem(400, "unreadable-body", "Unreadable body", detail, request, "", errors_)
    errors = [_located(_with_tag(e), _message(e)) for e in exc.errors()]
    first = errors[0] if errors else {"pointer": "", "detail": "invalid request"}
    return problem(
        422,
        "invalid-input",
        "Invalid input",
        f"{first['pointer']}: {first['detail']}",
        request,
        first["pointer"],
        errors,
    )


def allowed_methods(request: Request) -> list[str]:
    """The methods the OpenAPI document names for this path: routes for one path live in
    several routers (reads and writes), so Starlette's own ``Allow`` names only the first."""
    table: list[tuple[re.Pattern[str], list[str]]] | None = getattr(
        request.app.state, "allow_table", None
    )
    if table is None:
        table = [
            (
                re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"),
                sorted(m.upper() for m in operations),
            )
            for path, operations in request.app.openapi()["paths"].items()
        ]
        request.app.state.allow_table = table
    path = request.url.path
    return sorted({m for regex, methods in table if regex.match(path) for m in methods})


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    pointer = None
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
    elif exc.status_code == 401:  # the key is missing or wrong: the header is at fault
        pointer = "header:Authorization"
    return problem(
        exc.status_code,
        f"http-{exc.status_code}",
        str(exc.detail),
        str(exc.detail),
        request,
        pointer=pointer,
        errors=[{"pointer": pointer, "detail": str(exc.detail)}] if pointer else None,
        headers=headers,
    )


async def _body_refused(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BodyRefused)
    errors = [{"pointer": exc.pointer, "detail": exc.detail}]
    return problem(exc.status, exc.slug, exc.title, exc.detail, request, exc.pointer, errors)


def install(app: FastAPI) -> None:
    app.add_exception_handler(GraphError, _graph_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(BodyRefused, _body_refused)
    app.add_exception_handler(StarletteHTTPException, _http_error)


#: For upserts' ``responses=``: 201 when the item is new (same body as the 200).
def created(answer: type[BaseModel]) -> dict[int | str, dict[str, Any]]:
    """For an upsert's ``responses=``: 201 when the item is new, with the same answer as
    its 200, so the OpenAPI document describes the body of both."""
    return {201: {"description": "Created: the item is new", "model": answer}}


#: For routes' ``responses=``: the problem shapes they may answer with.
def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {s: {"model": Problem, "content": {"application/problem+json": {}}} for s in statuses}
