"""Answers shaped for graph views: nodes and edges, paths read as sentences, with sources."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from graph.model import QUALIFIERS, AttestationPublic, EntityKind, RelType
from graph.records import attestations_of


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


def _amount(value: float) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{value / size:,.3g} {word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def sentence(rel_type: str, a: str, b: str, q: dict[str, Any]) -> str:
    """A fact read as a sentence, with its qualifiers.

    Example:
        >>> sentence("INVESTS_IN", "TSMC", "Arizona", {"amount": 165e9, "currency": "USD"})
        'TSMC invests 165 billion USD in Arizona'
    """
    t = RelType(rel_type)
    product = f" {q['product']}" if q.get("product") else ""
    if t is RelType.HOLDS_ROLE:
        text = f"{a} is {q.get('role', 'a member')} of {b}"
    elif t is RelType.INVESTS_IN:
        amount = f" {_amount(q['amount'])} {q['currency']}" if q.get("amount") is not None else ""
        text = f"{a} invests{amount} in {b}"
    elif t is RelType.PRODUCES_IN:
        text = f"{a} produces{product} in {b}"
    elif t is RelType.SUPPLIES:
        text = f"{a} supplies{product} to {b}"
    elif t is RelType.DEPENDS_ON:
        text = f"{a} depends on {b}" + (f" for {q['product']}" if q.get("product") else "")
    elif t is RelType.PARTICIPATES_IN:
        text = f"{a} takes part in {b}" + (f" ({q['role']})" if q.get("role") else "")
    else:
        verbs = {
            RelType.PART_OF: "is part of",
            RelType.GOVERNS: "governs",
            RelType.LOCATED_IN: "is located in",
            RelType.OPERATES: "operates",
            RelType.PROPOSES: "proposes",
            RelType.SUPPORTS: "supports",
            RelType.OPPOSES: "opposes",
            RelType.REJECTS: "rejects",
            RelType.NEGOTIATES_WITH: "negotiates with",
            RelType.INVOLVES: "involves",
            RelType.AFFECTS: "affects",
            RelType.COMPLICATES: "complicates",
            RelType.REPORTS_ON: "reports on",
        }
        text = f"{a} {verbs[t]} {b}"
    if q.get("stance"):
        text += f": {q['stance']}"
    elif q.get("purpose") and t is not RelType.NEGOTIATES_WITH:
        text += f" ({q['purpose']})"
    elif q.get("purpose"):
        text += f" on {q['purpose'][0].lower()}{q['purpose'][1:]}"
    return text


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
