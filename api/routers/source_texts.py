"""Sources' texts: the words a source's facts are read from, as plain text."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from api.deps import GraphThenDep, WriterDep
from api.errors import created, problems
from api.json_body import BodyRefused, check_encoding
from api.routers.sources import SourceId
from graph.domain import MAX_TEXT_BYTES, TEXT_PATTERN, decode_text, prepare_text
from graph.items import TextStored, texts

read_router = APIRouter(prefix="/sources", tags=["sources"])
write_router = APIRouter(prefix="/sources", tags=["sources"], responses=problems(401, 413, 415))

PLAIN_TEXT = "text/plain; charset=utf-8"
TEXT_SCHEMA = {"type": "string", "minLength": 1, "pattern": TEXT_PATTERN}


class TextWritten(BaseModel):
    result: Literal["created", "updated", "unchanged"]
    text: TextStored
    spans_moved: list[str] = Field(
        default=[],
        description="the facts whose evidence spans into this source the new text re-anchored",
    )


def _charsets(parameters: str) -> set[str]:
    """The charsets a Content-Type's parameters name (UTF-8 when none is named; every one
    named when a client names several, so that none is taken on trust)."""
    named = set()
    for part in parameters.split(";"):
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            named.add(value.strip().strip('"').lower())
    return named or {"utf-8"}


def _check_media_type(request: Request) -> None:
    check_encoding(request)
    sent = request.headers.get("content-type", "")
    kind, _, parameters = sent.partition(";")
    if kind.strip().lower() != "text/plain" or not _charsets(parameters) <= {"utf-8", "utf8"}:
        raise BodyRefused(
            415,
            "unsupported-media-type",
            "Unsupported media type",
            f"a source's text is sent as {PLAIN_TEXT} (it was '{sent[:60]}')",
            "header:content-type",
        )


@write_router.put(
    "/{source_id}/text",
    response_model=TextWritten,
    responses={**problems(404, 409, 422), **created(TextWritten)},
    summary="Store a source's text (plain text, UTF-8); the same text again is unchanged",
    description="The body is the text itself, sent as `text/plain; charset=utf-8`. It is "
    "kept normalised to NFC with its SHA-256; positions into it count code points. Refused "
    f"(422, naming why): an empty text, one over {MAX_TEXT_BYTES} bytes, bytes that are "
    "not UTF-8, control characters other than tab and line breaks, U+FFFE/U+FFFF, more "
    "than 30 combining marks in a row (the body's schema cannot say so). Byte-order marks "
    "at the start are dropped. Another media type is "
    "415. A source that names its text's SHA-256 (`text_sha256`) takes that text only "
    "(409 otherwise). Replacing a text records the change in the source's text history and "
    "re-anchors the evidence spans into it (each to its quote's occurrence nearest to where "
    "it was; the facts moved are listed and their change recorded); a text lacking a "
    "span's quote is refused (409, naming the facts).",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/plain": {"schema": TEXT_SCHEMA}},
        }
    },
)
async def put_source_text(
    source_id: SourceId, request: Request, graph: WriterDep, response: Response
) -> TextWritten:
    _check_media_type(request)
    prepared = prepare_text(decode_text(await request.body()))
    put = await texts.put_text(graph, source_id, prepared)
    response.status_code = 201 if put.result == "created" else 200
    return TextWritten(result=put.result, text=put.stored, spans_moved=put.spans_moved)


@read_router.get(
    "/{source_id}/text",
    response_class=Response,
    responses={
        200: {"content": {"text/plain": {"schema": {"type": "string"}}}},
        **problems(404, 422),
    },
    summary="A source's text (or, with known_at, the text stored then), as plain text",
    description="Its SHA-256 is the `ETag` and `X-Text-SHA256`; its length in code points "
    "`X-Text-Length`.",
)
async def get_source_text(source_id: SourceId, graph: GraphThenDep) -> Response:
    found = await texts.get_text(graph, source_id)
    headers = {
        "ETag": f'"{found.sha256}"',
        "X-Text-SHA256": found.sha256,
        "X-Text-Length": str(found.length),
    }
    return Response(found.text, media_type=PLAIN_TEXT, headers=headers)
