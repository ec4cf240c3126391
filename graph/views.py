"""Answers shaped for graph views: nodes and edges, paths read as sentences, with sources."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from graph.model import QUALIFIERS, AttestationPublic, EntityKind, RelType
from graph.records import attestations_of
from present.sentences import sentence


class Node(BaseModel):
    """An entity as a graph view draws it."""

    id: str
    kind: EntityKind
    name: str
    distance: int | None = Field(default=None, description="hops from the entity asked about")


class Edge(BaseModel):
    """A fact as a graph view draws it: ``source`` and ``target`` are entity ids."""

    id: str
    type: RelType
    source: str
    target: str
    sentence: str
    qualifiers: dict[str, Any] = {}
    valid_from: str | None = None
    valid_to: str | None = None
    confidence: float
    attestations: list[AttestationPublic] = []


class GraphView(BaseModel):
    nodes: list[Node]
    edges: list[Edge]
    truncated: bool = Field(default=False, description="true when a limit cut the answer short")


class SourceRef(BaseModel):
    id: str
    title: str
    publisher: str | None = None
    url: str | None = None


def edge_from_row(row: dict[str, Any], names: dict[str, str]) -> Edge:
    """An edge from a query's relationship projection: ``r {.*, type, from_id, to_id}``."""
    qualifiers = {k: row[k] for k in QUALIFIERS if row.get(k) is not None}
    a, b = row["from_id"], row["to_id"]
    return Edge(
        id=row["id"],
        type=row["type"],
        source=a,
        target=b,
        sentence=sentence(row["type"], names.get(a, a), names.get(b, b), qualifiers),
        qualifiers=qualifiers,
        valid_from=row.get("valid_from"),
        valid_to=row.get("valid_to"),
        confidence=row.get("confidence", 0.0),
        attestations=attestations_of(row),
    )
