"""Dependencies as ``Annotated`` aliases, so routes declare what they need in one word.

Every dependency is ``async def``: FastAPI runs a plain ``def`` in its thread pool, a
hand-off per dependency per request, and none of these blocks."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import re
from typing import Annotated

from fastapi import Depends, Query, Request, Response

from api.keys import bearer_token, key_digest
from api.settings import ApiSettings
from graph.domain import KNOWN_AT_PATTERN
from graph.errors import InvalidBookmark, InvalidInput
from graph.store import Author, Graph, Moment, parse_known_at

log = logging.getLogger("kg.api")

BOOKMARK_HEADER = "X-KG-Bookmark"
#: Neo4j 5's bookmark shape, checked once the signature is: a signed bookmark of another
#: shape (from a future Neo4j) would be answered with an internal error, not a refusal.
_NEO4J_BOOKMARK = re.compile(r"FB:[A-Za-z0-9+/=_-]{1,4096}")


def _signature(key: bytes, packed: str) -> str:
    return hmac.new(key, packed.encode(), hashlib.sha256).hexdigest()[:32]


def encode_bookmarks(raw: list[str], key: bytes) -> str:
    """Neo4j's bookmarks as the header's value: signed with the service's key, since a
    bookmark Neo4j has not reached yet holds a read until its wait runs out (30 s)."""
    packed = base64.urlsafe_b64encode(json.dumps(raw).encode()).decode()
    return f"{packed}.{_signature(key, packed)}"


def decode_bookmarks(header: str | None, key: bytes) -> list[str] | None:
    if not header:
        return None
    packed, _, signature = header.rpartition(".")
    if not packed or not hmac.compare_digest(signature.encode(), _signature(key, packed).encode()):
        log.warning("refused an X-KG-Bookmark this API did not give out")
        raise InvalidBookmark("not a bookmark this API gave out")
    try:
        raw = json.loads(base64.urlsafe_b64decode(packed.encode()))
    except (binascii.Error, ValueError) as exc:
        raise InvalidBookmark("not a bookmark this API gave out") from exc
    if (
        not isinstance(raw, list)
        or len(raw) > 16
        or not all(isinstance(b, str) and _NEO4J_BOOKMARK.fullmatch(b) for b in raw)
    ):
        raise InvalidBookmark("not a bookmark this API gave out")
    return raw


async def get_graph(request: Request, response: Response) -> Graph:
    """A per-request view of the process's one driver, carrying the client's bookmark.

    A write answers with ``X-KG-Bookmark``; a read that sends it back sees that write, on
    whichever cluster member serves it.
    """
    state = request.app.state

    def hand_back(raw: list[str]) -> None:
        response.headers[BOOKMARK_HEADER] = encode_bookmarks(raw, state.settings.signing_key)

    return Graph(
        state.driver,
        state.settings,
        events=state.graph_events,
        bookmarks=decode_bookmarks(
            request.headers.get(BOOKMARK_HEADER), state.settings.signing_key
        ),
        on_bookmarks=hand_back,
    )


_NOT_TEXT = r"\x00-\x1f\x7f-\x9f\ufeff\ufffe\uffff"
REASON_PATTERN = rf"^[^{_NOT_TEXT}]*[^\s{_NOT_TEXT}][^{_NOT_TEXT}]*$"


def _writer(request: Request, graph: Graph, reason: str | None) -> Graph:
    """The graph as this request's writer: the API key's name (never the key) and the
    ``reason`` it gives go into every revision the write records. Without configured keys
    (local use) the writer is ``local``."""
    settings: ApiSettings = request.app.state.settings
    token = bearer_token(request.headers.get("authorization", ""))
    by = "local"
    if settings.api_key_hashes:
        # the key was checked by the route's access dependency; here it is only named
        by = settings.key_names.get(key_digest(token), "unknown") if token else "unknown"
    graph.author = Author(by=by, reason=reason.strip() if reason else None)
    return graph


#: a write's ``reason``: no control characters (C0, DEL, C1), U+FEFF or U+FFFE/U+FFFF, as
#: in stored text, and not blank
_REASON = {"max_length": 500, "pattern": REASON_PATTERN}


async def get_writer(
    request: Request,
    graph: Annotated[Graph, Depends(get_graph)],
    reason: Annotated[
        str | None,
        Query(
            **_REASON,
            description="why this change is made: kept with its revision in the history",
        ),
    ] = None,
) -> Graph:
    """The graph as this request's writer (see :func:`_writer`)."""
    return _writer(request, graph, reason)


async def get_writer_with_reason(
    request: Request,
    graph: Annotated[Graph, Depends(get_graph)],
    reason: Annotated[
        str,
        Query(
            **_REASON,
            description="why this change is made (required here): kept with it and with "
            "its revision in the history",
        ),
    ],
) -> Graph:
    """The graph as this request's writer, for a write that must say why."""
    return _writer(request, graph, reason)


KnownAt = Annotated[
    str | None,
    Query(
        max_length=40,
        pattern=KNOWN_AT_PATTERN,
        description="transaction time: answer from the graph as it stood then (the "
        "items recorded by that moment and not yet retracted, with the values recorded "
        "then); a date means the end of that day (UTC), a date-time needs its offset",
        examples=["2026-03-01", "2026-03-01T12:00:00Z"],
    ),
]


def _moment(known_at: str | None) -> str | None:
    if known_at is None:
        return None
    try:
        return parse_known_at(known_at)
    except ValueError as exc:
        raise InvalidInput(f"known_at: {exc}", pointer="known_at") from exc


async def get_graph_at(
    graph: Annotated[Graph, Depends(get_graph)],
    known_at: KnownAt = None,
    include_retracted: Annotated[
        bool,
        Query(description="also retracted entities and facts, each marked `retracted`"),
    ] = False,
) -> Graph:
    """The graph as a read sees it: now, or at ``known_at``; with or without retracted items."""
    graph.moment = Moment(_moment(known_at), include_retracted)
    return graph


async def get_graph_then(
    graph: Annotated[Graph, Depends(get_graph)], known_at: KnownAt = None
) -> Graph:
    """The graph now, or as it stood at ``known_at`` (for answers that list no retracted items)."""
    graph.moment = Moment(_moment(known_at))
    return graph


async def get_app_settings(request: Request) -> ApiSettings:
    settings: ApiSettings = request.app.state.settings
    return settings


GraphDep = Annotated[Graph, Depends(get_graph)]
WriterDep = Annotated[Graph, Depends(get_writer)]
ReasonedWriterDep = Annotated[Graph, Depends(get_writer_with_reason)]
GraphAtDep = Annotated[Graph, Depends(get_graph_at)]
GraphThenDep = Annotated[Graph, Depends(get_graph_then)]
SettingsDep = Annotated[ApiSettings, Depends(get_app_settings)]
