"""One codec for a fact's attestations as Neo4j stores them.

Neo4j properties hold no maps and its lists no nulls, so a fact's attestations are seven
parallel lists, one position per source: ``source_ids``, ``evidence``, ``confidences``,
``bases``, ``reasons`` (``""`` for a stated one), ``ranks`` and ``claims`` (each source's
claim as canonical JSON). :func:`encode` writes them and :func:`decode` reads them back;
``tests/store/test_attestations.py`` holds ``decode(encode(a)) == a`` for generated
attestations.

Every stored fact holds all seven lists whole: a fact stored before some of them existed
was rewritten once when the schema reached version 8 (:mod:`graph.store.stored_shapes`),
so nothing here reads an older shape.

One more list is optional: ``selectors``, each source's evidence span (canonical JSON,
``""`` for none), stored only by a fact one of whose sources points into its text. A
fact without it has no spans, as every fact stored before spans existed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.domain import CANONICAL, AttestationPublic, Selector, claim_key, parse_claim

#: the stored lists, one position per source, in the order they are written
COLUMNS = ("source_ids", "evidence", "confidences", "bases", "reasons", "ranks", "claims")
#: the list a fact stores only when one of its sources has a span
SELECTORS = "selectors"


class StoredShapeError(ValueError):
    """A fact's stored lists are not whole: the graph was not migrated (apply the schema)."""


def encode(
    attestations: Sequence[AttestationPublic], claims: Sequence[str] | None = None
) -> dict[str, list[Any]]:
    """The stored lists of ``attestations`` (``claims``: their claims already encoded).

    Example:
        >>> a = AttestationPublic(source="s", evidence="e", confidence=0.5, claim={"role": "CEO"})
        >>> encode([a])["claims"], encode([a])["reasons"]
        (['{"role":"CEO"}'], [''])
    """
    lists: dict[str, list[Any]] = {
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
    if any(a.selector is not None for a in attestations):
        lists[SELECTORS] = [_selector_key(a.selector) for a in attestations]
    return lists


def _selector_key(selector: Selector | None) -> str:
    return "" if selector is None else CANONICAL.encode(selector.model_dump())


def decode(props: Mapping[str, Any]) -> list[AttestationPublic]:
    """A stored fact's attestations, from its lists.

    Example:
        >>> a = AttestationPublic(source="s", evidence="e", confidence=0.5, claim={"role": "CEO"})
        >>> decode(encode([a])) == [a]
        True

    Raises :class:`StoredShapeError` when the lists are not all as long as ``source_ids``.
    """
    names = (*COLUMNS, SELECTORS) if SELECTORS in props else COLUMNS
    columns = [props.get(c) or [] for c in names]
    if len({len(c) for c in columns}) > 1:
        raise StoredShapeError(
            f"fact {props.get('id')!r} stores lists of lengths "
            f"{dict(zip(names, map(len, columns), strict=True))}: apply the schema"
        )
    selectors = columns[len(COLUMNS)] if SELECTORS in props else [""] * len(columns[0])
    return [
        AttestationPublic(
            source=source,
            evidence=words,
            confidence=confidence,
            basis=basis,
            reason=(reason or None) if basis == "inferred" else None,
            rank=rank,
            claim=parse_claim(claim),
            selector=Selector.model_validate_json(selector) if selector else None,
        )
        for source, words, confidence, basis, reason, rank, claim, selector in zip(
            *columns[: len(COLUMNS)], selectors, strict=True
        )
    ]
