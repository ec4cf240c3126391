"""Answers shaped for graph views: nodes, and facts read as sentences, with their sources."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from graph.domain import (
    DATES,
    QUALIFIERS,
    RANK_ORDER,
    AttestationPublic,
    Rank,
    Retraction,
    claim_key,
    parse_claim,
    sentence,
)
from graph.records.claims import agrees
from graph.records.encoding import attestations_of, stated_props
from graph.records.public import retraction_of


class Node(BaseModel):
    """An entity as a graph view draws it."""

    id: str
    kind: str = Field(
        description="one of the kinds GET /schema lists (or one stored under another declaration)"
    )
    name: str
    distance: int | None = Field(default=None, description="hops from the entity asked about")


class Claim(BaseModel):
    """What some of a fact's sources state about it, beyond its identity."""

    values: dict[str, Any] = Field(description="the qualifiers and dates these sources state")
    rank: Rank = Field(description="the best rank a source gave this claim")
    current: bool = Field(description="true when it agrees with the values the fact answers")
    sources: list[str]
    retracted: bool = Field(
        default=False,
        description="true when every source of this claim is retracted: kept and listed, "
        "never weighed (nor `current`)",
    )


def claims_of(
    attestations: list[AttestationPublic], current: dict[str, Any], withdrawn: list[str]
) -> list[Claim]:
    """The attestations grouped by the values they claim (the claims of retracted sources
    apart from the others'), those that agree first, the retracted last."""
    grouped: dict[tuple[bool, str], list[AttestationPublic]] = {}
    for a in attestations:
        grouped.setdefault((a.source in withdrawn, claim_key(a.claim)), []).append(a)
    claims = [
        Claim(
            values=parse_claim(key),
            rank=min((a.rank for a in group), key=RANK_ORDER.__getitem__),
            current=not retracted and agrees(parse_claim(key), current),
            sources=[a.source for a in group],
            retracted=retracted,
        )
        for (retracted, key), group in grouped.items()
    ]
    return sorted(claims, key=lambda c: (c.retracted, not c.current, RANK_ORDER[c.rank]))


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
    attestations: list[AttestationPublic] = Field(
        default=[],
        description="the sources whose claims agree with the values answered (a retracted "
        "source's are listed only under `claims`)",
    )
    claims: list[Claim] = Field(
        default=[],
        description="every claim its sources make, agreeing or not (see `disputed`)",
    )
    disputed: bool = Field(default=False, description="true when some source's claim disagrees")
    choice: str | None = Field(
        default=None, description="why the values answered are the ones chosen among the claims"
    )
    created_at: str | None = None
    updated_at: str | None = None
    retracted: Retraction | None = Field(
        default=None, description="set when retracted (shown with include_retracted=true)"
    )


class GraphView(BaseModel):
    nodes: list[Node]
    edges: list[Fact]
    truncated: bool = Field(
        default=False,
        description="true when more nodes are reachable than this page and those before "
        "it returned (`next_cursor` fetches them)",
    )
    next_cursor: str | None = Field(
        default=None,
        description="pass as `cursor`, with the same other parameters, for the next page; "
        "null when the answer is complete",
    )


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
    if row.get("known_state"):  # read under known_at: the fact as it was recorded then
        row = {
            **json.loads(row["known_state"]),
            **{k: row[k] for k in ("type", "from_id", "to_id")},
        }
    if stated_only:
        row = stated_props(row) or row
    qualifiers = {k: row[k] for k in QUALIFIERS if row.get(k) is not None}
    current = {**qualifiers, **{k: row[k] for k in DATES if row.get(k) is not None}}
    attestations = attestations_of(row)
    withdrawn = row.get("withdrawn_sources") or []
    # a retracted source's word does not count, unless none does (a fact hidden with them)
    counted = [x for x in attestations if x.source not in withdrawn] or attestations
    agreeing = [x for x in counted if agrees(x.claim, current)]
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
        confidence=max((x.confidence for x in agreeing), default=row.get("confidence", 0.0)),
        attestations=agreeing,
        claims=claims_of(attestations, current, withdrawn),
        disputed=bool(row.get("disputed")),
        choice=row.get("choice"),
        created_at=row.get("created_at"),
        updated_at=row.get("updated_at"),
        retracted=retraction_of(row),
    )
