"""One codec for a fact's attestations as Neo4j stores them.

Neo4j properties hold no maps and its lists no nulls, so a fact's attestations are seven
parallel lists, one position per source: ``source_ids``, ``evidence``, ``confidences``,
``bases``, ``reasons`` (``""`` for a stated one), ``ranks`` and ``claims`` (each source's
claim as canonical JSON). :func:`encode` writes them and :func:`decode` reads them back;
``tests/records/test_attestations.py`` holds ``decode(encode(a)) == a`` for generated
attestations.

A fact stored before some of the lists existed reads as its sources then meant it: without
``bases`` stated, without ``ranks`` normal, without ``claims`` claiming the fact's own
values (the values stored on it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.domain import QUALIFIERS, AttestationPublic
from graph.records.claims import DATES, RANK_ORDER, claim_key, parse_claim

#: the stored lists, one position per source, in the order they are written
COLUMNS = ("source_ids", "evidence", "confidences", "bases", "reasons", "ranks", "claims")


def encode(
    attestations: Sequence[AttestationPublic], claims: Sequence[str] | None = None
) -> dict[str, list[Any]]:
    """The stored lists of ``attestations`` (``claims``: their claims already encoded).

    Example:
        >>> a = AttestationPublic(source="s", evidence="e", confidence=0.5, claim={"role": "CEO"})
        >>> encode([a])["claims"], encode([a])["reasons"]
        (['{"role":"CEO"}'], [''])
    """
    return {
        "source_ids": [a.source for a in attestations],
        "evidence": [a.evidence for a in attestations],
        "confidences": [a.confidence for a in attestations],
        "bases": [a.basis for a in attestations],
        "reasons": [a.reason or "" for a in attestations],
        "ranks": [a.rank for a in attestations],
        "claims": list(claims)
        if claims is not None
        else [claim_key(a.claim) for a in attestations],
    }


def own_claim(props: Mapping[str, Any]) -> dict[str, Any]:
    """The values a fact holds as stored: what a source claims where no claim was kept."""
    return {k: props[k] for k in (*QUALIFIERS, *DATES) if k in props}


def decode(props: Mapping[str, Any]) -> list[AttestationPublic]:
    """A stored fact's attestations, from its lists (see the module's note on older facts).

    Example:
        >>> decode({"source_ids": ["s"], "evidence": ["e"], "confidences": [0.5], "role": "CEO"})[0].claim
        {'role': 'CEO'}
    """
    sources = props.get("source_ids") or []
    evidence, confidences = props.get("evidence") or [], props.get("confidences") or []
    bases, reasons = props.get("bases") or [], props.get("reasons") or []
    ranks, claims = props.get("ranks") or [], props.get("claims") or []
    legacy: dict[str, Any] | None = None
    found = []
    for i, (source, words, confidence) in enumerate(
        zip(sources, evidence, confidences, strict=False)
    ):
        inferred = i < len(bases) and bases[i] == "inferred"
        if i < len(claims):
            claim = parse_claim(claims[i])
        else:
            legacy = own_claim(props) if legacy is None else legacy
            claim = legacy
        found.append(
            AttestationPublic(
                source=source,
                evidence=words,
                confidence=confidence,
                basis="inferred" if inferred else "stated",
                reason=((reasons[i] if i < len(reasons) else "") or None) if inferred else None,
                rank=ranks[i] if i < len(ranks) and ranks[i] in RANK_ORDER else "normal",
                claim=claim,
            )
        )
    return found
