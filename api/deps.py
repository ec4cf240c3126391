"""Dependencies as ``Annotated`` aliases, so routes declare what they need in one word."""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Annotated

from fastapi import Depends, Request, Response

from api.settings import ApiSettings
from graph.db import Graph
from graph.errors import InvalidBookmark

BOOKMARK_HEADER = "X-KG-Bookmark"
#: Neo4j 5's bookmark shape; anything else the server answers with an internal error, not
#: a refusal, so it is refused here. (A well-shaped forgery Neo4j itself refuses.)
_NEO4J_BOOKMARK = re.compile(r"FB:[A-Za-z0-9+/=_-]{1,4096}")


def encode_bookmarks(raw: list[str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(raw).encode()).decode()


def decode_bookmarks(header: str | None) -> list[str] | None:
    if not header:
        return None
    try:
        raw = json.loads(base64.urlsafe_b64decode(header.encode()))
    except (binascii.Error, ValueError) as exc:
        raise InvalidBookmark("not a bookmark this API gave out") from exc
    if (
        not isinstance(raw, list)
        or len(raw) > 16
        or not all(isinstance(b, str) and _NEO4J_BOOKMARK.fullmatch(b) for b in raw)
    ):
        raise InvalidBookmark("not a bookmark this API gave out")
    return raw


def get_graph(request: Request, response: Response) -> Graph:
    """A per-request view of the process's one driver, carrying the client's bookmark.

    A write answers with ``X-KG-Bookmark``; a read that sends it back sees that write, on
    whichever cluster member serves it.
    """
    state = request.app.state

    def hand_back(raw: list[str]) -> None:
        response.headers[BOOKMARK_HEADER] = encode_bookmarks(raw)

    return Graph(
        state.driver,
        state.settings,
        events=state.graph_events,
        bookmarks=decode_bookmarks(request.headers.get(BOOKMARK_HEADER)),
        on_bookmarks=hand_back,
    )


def get_app_settings(request: Request) -> ApiSettings:
    settings: ApiSettings = request.app.state.settings
    return settings


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[ApiSettings, Depends(get_app_settings)]
