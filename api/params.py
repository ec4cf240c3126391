"""Query parameters shared by the read routes, with their caps (past a cap: 422)."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date
from typing import Annotated

from fastapi import Path, Query

from graph.errors import InvalidInput
from graph.explore import MAX_DEPTH, MAX_HOPS, MAX_K
from graph.model import SLUG_PATTERN, EntityKind, RelType

EntityId = Annotated[
    str,
    Path(
        pattern=SLUG_PATTERN,
        max_length=120,
        examples=["tsmc"],
        description="the entity's id (a slug), or an id merged into it",
    ),
]
Depth = Annotated[int, Query(ge=1, le=MAX_DEPTH, description=f"hops, 1 to {MAX_DEPTH}")]
Hops = Annotated[int, Query(ge=1, le=MAX_HOPS, description=f"longest path, 1 to {MAX_HOPS} hops")]
K = Annotated[int, Query(ge=1, le=MAX_K, description=f"how many paths, 1 to {MAX_K}")]
Types = Annotated[
    list[RelType] | None, Query(description="only these relationship types (repeat the parameter)")
]
Kinds = Annotated[
    list[EntityKind] | None, Query(description="only these entity kinds (repeat the parameter)")
]
AsOf = Annotated[date | None, Query(description="only facts valid on this date (YYYY-MM-DD)")]
Limit = Annotated[int, Query(ge=1, le=500, description="page size, 1 to 500")]
Cursor = Annotated[
    str | None, Query(max_length=200, description="next_cursor of the previous page")
]


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def encode_offset(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode()


def decode_offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        offset = json.loads(base64.urlsafe_b64decode(cursor.encode()))["o"]
    except (binascii.Error, ValueError, KeyError, TypeError) as exc:
        raise InvalidInput("not a cursor this API gave out", pointer="query:cursor") from exc
    if not isinstance(offset, int) or not 0 <= offset <= 10_000:
        raise InvalidInput("not a cursor this API gave out", pointer="query:cursor")
    return offset
