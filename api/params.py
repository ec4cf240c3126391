"""Query parameters shared by the read routes, with their caps (past a cap: 422)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from graph.domain import DATE_PATTERN, SLUG_PATTERN, EntityKind, RelType
from graph.reads import MAX_DEPTH, MAX_HOPS, MAX_K

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
AsOf = Annotated[
    str | None,
    Query(
        pattern=DATE_PATTERN,
        description="only facts valid on this date (YYYY-MM-DD)",
        examples=["2025-06-01"],
    ),
]
StatedOnly = Annotated[
    bool,
    Query(
        description="only facts a source states: a fact whose every attestation is inferred "
        "is left out (and not walked through), and a fact kept lists only its stated "
        "attestations, its confidence the highest of those"
    ),
]
Limit = Annotated[int, Query(ge=1, le=500, description="page size, 1 to 500")]
Cursor = Annotated[
    str | None,
    Query(
        pattern=r"^o(?:[0-9]{1,4}|10000)$",
        description="next_cursor of the previous page",
        examples=["o20"],
    ),
]
WalkCursor = Annotated[
    str | None,
    Query(
        max_length=400,
        pattern=r"^[A-Za-z0-9_.-]+$",
        description="next_cursor of the previous page, with the same other parameters "
        "(only limit may change); a cursor given for other parameters, or not given by "
        "this service, is refused (422 at query:cursor)",
    ),
]
#: Deep pages cost the database a skip over everything before them; past this, narrow the query.
MAX_OFFSET = 10_000


def encode_offset(offset: int) -> str | None:
    """The cursor of the page at ``offset`` (none past the deepest page served).

    Example:
        >>> encode_offset(20), decode_offset("o20")
        ('o20', 20)
    """
    return f"o{offset}" if offset <= MAX_OFFSET else None


def decode_offset(cursor: str | None) -> int:
    # the route's pattern admits only what encode_offset makes
    return int(cursor[1:]) if cursor else 0
