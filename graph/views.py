"""Answers shaped for graph views: nodes, and facts read as sentences, with their sources."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from graph.model import QUALIFIERS, AttestationPublic
from graph.records import attestations_of, stated_props
from present.sentences import sentence


class Node(BaseModel):
    """An entity as a graph view draws it."""

    id: str
    kind: str = Field(description="one of the kinds GET /schema lists (or one stored under another declaration)")
    name: str
    distance: int | None = Field(default=None, description="hops from the entity asked about")


class Fact(BaseModel):
    """A fact, the one shape every answer gives it: its ends' ids, its reading, its
    qualifiers, when it held, and each source's evidence."""

    id: str
    type: str = Field(description="one of the relationship types GET /schema lists")
    from_id: str
    to_id: str
    sentence: str
    qualifiers: dict[str, Any] = {}
    valid_from: str | None = None
    valid_to: str | None = None
    confidence: float
    attestations: list[AttestationPublic] = []
    created_at: str | None = None
    updated_at: str | None = None


class GraphView(BaseModel):
    nodes: list[Node]
    edges: list[Fact]
    truncated: bool = Field(default=False, description="true when a limit cut the answer short")


class SourceRef(BaseModel):
    id: str
    title: str
    publisher: str | None = None
    url: str | None = None


def fact_from_row(row: dict[str, Any], names: dict[str, str], *, stated_only: bool = False) -> Fact:
    """A fact from a query's relationship projection: ``r {.*, type, from_id, to_id}``;
    ``names`` reads the ends (an id without a name reads as itself). With ``stated_only``
    it lists only the stated attestations, its confidence the highest of those (the query
    has already left out facts no source states)."""
    if stated_only:
        row = stated_props(row) or row
    qualifiers = {k: row[k] for k in QUALIFIERS if row.get(k) is not None}
    a, b = row["from_id"], row["to_id"]
    return Fact(
        id=row["id"],
        type=row["type"],
        from_id=a,
        to_id=b,
        sentence=sentence(row["type"], names.get(a, a), names.get(b, b), qualifiers),
        qualifiers=qualifiers,
        valid_from=row.get("valid_from"),
        valid_to=row.get("valid_to"),
        confidence=row.get("confidence", 0.0),
        attestations=attestations_of(row),
        created_at=row.get("created_at"),
        updated_at=row.get("updated_at"),
    )
