"""The second pure step of the write path: what a checked batch would write.

:func:`plan` diffs the batch against the :class:`~graph.writes.check.Snapshot` it was
checked against into a :class:`WritePlan`: the rows to write, a typed :class:`Outcome` per
item, keyed by :class:`ItemKey` (family, id), and the problems only the merged lists show
(caps on a stored list that grows). It touches no database, so it is tested without
Neo4j (``tests/writes/test_write_plan.py``); :func:`graph.writes.batches.apply_plan` writes the rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from graph.domain import (
    KIND_FIELDS,
    KIND_LABELS,
    MAX_ATTESTATIONS,
    MAX_SOURCES,
    AttestationPublic,
    Batch,
    BatchResult,
    EntityIn,
    EntityKind,
    ItemCounts,
    RelationshipIn,
    TextToQuote,
    anchor,
)
from graph.history import Item, Op, revision_row
from graph.records import (
    RETRACTION_FIELDS,
    Claims,
    Standing,
    attestations_of,
    claimed_by,
    entity_claims,
    entity_props,
    kept_for,
    relationship_props,
    source_props,
    with_claims,
    without_timestamps,
)
from graph.writes.check import Problem, Snapshot, resolve_ends


class Family(StrEnum):
    """The three kinds of item a batch holds, named as its keys."""

    SOURCES = "sources"
    ENTITIES = "entities"
    RELATIONSHIPS = "relationships"

    @property
    def singular(self) -> str:
        return {"sources": "source", "entities": "entity"}.get(self.value, "relationship")


class Outcome(StrEnum):
    """What a write does to one item."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class ItemKey(NamedTuple):
    """One item of a batch: its family and id (a relationship's id after redirects)."""

    family: Family
    id: str


@dataclass(frozen=True)
class WritePlan:
    """What a batch would write (rows for the upsert queries) and each item's outcome.

    ``problems`` are those only the merged lists show (caps); a plan with problems is
    refused, not written. ``outcomes`` are in batch order, sources first.
    """

    sources: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    relationships: list[dict[str, Any]] = field(default_factory=list)
    outcomes: dict[ItemKey, Outcome] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    at: str = ""  # the time the plan stamps (the write's transaction time)
    #: sources whose publication date changes: the claims of the facts citing them are
    #: ranked again when the plan is applied
    redated_sources: list[str] = field(default_factory=list)
    #: the sources the batch cites that were current when it was planned: held at the end
    #: of the write, which is planned again if one was retracted meanwhile
    held_sources: list[str] = field(default_factory=list)

    def outcome(self, family: Family, item_id: str) -> Outcome:
        return self.outcomes[ItemKey(family, item_id)]

    @property
    def counts(self) -> dict[str, ItemCounts]:
        """Created, updated and unchanged items, by family name."""
        tally = Counter((key.family, outcome) for key, outcome in self.outcomes.items())
        return {f.value: ItemCounts(**{o.value: tally[f, o] for o in Outcome}) for f in Family}

    @property
    def changes(self) -> list[dict[str, str]]:
        """One ``{kind, id, result}`` per item created or updated."""
        return [
            {"kind": key.family.singular, "id": key.id, "result": outcome.value}
            for key, outcome in self.outcomes.items()
            if outcome is not Outcome.UNCHANGED
        ]

    def revisions(self) -> list[dict[str, Any]]:
        """One revision row per item written, with its state after the write."""

        def op(family: Family, item_id: str) -> Op:
            return Op(self.outcomes[ItemKey(family, item_id)].value)

        rows = [
            revision_row(Item.SOURCE, r["id"], op(Family.SOURCES, r["id"]), r["props"])
            for r in self.sources
        ]
        rows += [
            revision_row(Item.ENTITY, r["id"], op(Family.ENTITIES, r["id"]), r["props"])
            for r in self.entities
        ]
        rows += [
            revision_row(
                Item.RELATIONSHIP,
                r["id"],
                op(Family.RELATIONSHIPS, r["id"]),
                {**r["props"], "type": r["type"], "from_id": r["from_id"], "to_id": r["to_id"]},
            )
            for r in self.relationships
        ]
        return rows

    def result(self, dry_run: bool) -> BatchResult:
        counts = self.counts
        return BatchResult(
            dry_run=dry_run,
            sources=counts[Family.SOURCES],
            entities=counts[Family.ENTITIES],
            relationships=counts[Family.RELATIONSHIPS],
            changes=self.changes,
        )


def plan(
    batch: Batch,
    snapshot: Snapshot,
    *,
    now: str,
    replace_sources: bool = False,
    claims: Mapping[str, Claims] | None = None,
    refusals_only: bool = False,
) -> WritePlan:
    """Diff ``batch`` (already checked) against ``snapshot``: the rows to write, stamped
    ``now``, and each item's outcome.

    With ``refusals_only``, only the items that could refuse the batch are planned (a check
    that writes nothing and counts nothing): the stored entities and facts, whose lists
    grow past their caps with the batch's. An item not stored is within its caps once it
    is validated.

    An entity stored already keeps the sources it had (unless ``replace_sources``) and
    their claims of its attributes, each of its sources in the batch claiming the values
    sent (``claims``, by entity id, gives an entity's claims outright: a PATCH's
    correction, a merge); a stored relationship keeps the other sources' attestations.
    """
    result = WritePlan(at=now)
    if refusals_only:
        _plan_refusals(result, batch, snapshot, (now, replace_sources), claims or {})
        return result
    for source in batch.sources:
        old_source = snapshot.sources.get(source.id)
        # a retracted source stays retracted when rewritten (restoring it is its own write)
        stored = old_source or {}
        kept = {k: stored[k] for k in RETRACTION_FIELDS if k in stored}
        props, outcome = _stamp({**source_props(source), **kept}, old_source, now)
        result.outcomes[ItemKey(Family.SOURCES, source.id)] = outcome
        if outcome is not Outcome.UNCHANGED:
            result.sources.append({"id": source.id, "props": props})
        if old_source is not None and old_source.get("published") != source.published:
            result.redated_sources.append(source.id)
    # publication dates rank disagreeing claims: the batch's own word on a source first
    # (and a retracted source's claims are not weighed)
    sources = {k: dict(v) for k, v in snapshot.sources.items()}
    for s in batch.sources:
        sources[s.id] = {**sources.get(s.id, {}), "published": s.published}
    standing = Standing.of(sources)
    cited = {s for e in batch.entities for s in e.sources}
    cited |= {a.source for r in batch.relationships for a in r.attestations}
    result.held_sources.extend(sorted(cited - standing.retracted))
    for i, e in enumerate(batch.entities):
        given = (claims or {}).get(e.id)
        _plan_entity(
            result, i, e, snapshot.entities.get(e.id), (now, standing), replace_sources, given
        )
    for i, r in enumerate(resolve_ends(batch.relationships, snapshot.redirects)):
        old = snapshot.relationships.get(r.rel_id)
        _plan_relationship(result, i, r, (old, snapshot.texts), standing, now)
    return result


def _plan_refusals(
    result: WritePlan,
    batch: Batch,
    snapshot: Snapshot,
    how: tuple[str, bool],
    claims: Mapping[str, Claims],
) -> None:
    """:func:`plan` of the stored items alone (the dates that rank claims refuse nothing)."""
    now, replace_sources = how
    standing = Standing.of(snapshot.sources)
    for i, e in enumerate(batch.entities):
        if e.id in snapshot.entities:
            old, given = snapshot.entities[e.id], claims.get(e.id)
            _plan_entity(result, i, e, old, (now, standing), replace_sources, given)
    for i, r in enumerate(resolve_ends(batch.relationships, snapshot.redirects)):
        if r.rel_id in snapshot.relationships:
            old = snapshot.relationships[r.rel_id]
            _plan_relationship(result, i, r, (old, snapshot.texts), standing, now)


def _plan_entity(
    result: WritePlan,
    i: int,
    e: EntityIn,
    old: Mapping[str, Any] | None,
    when: tuple[str, Standing],
    replace_sources: bool,
    given: Claims | None,
) -> None:
    now, standing = when
    new = entity_props(e)
    if old is not None and not replace_sources:
        new["source_ids"] = list(dict.fromkeys([*old.get("source_ids", []), *e.sources]))
        result.problems.extend(
            _over_cap(f"/entities/{i}/sources", len(new["source_ids"]), MAX_SOURCES, patch=True)
        )
    fields = KIND_FIELDS[EntityKind(e.kind)]
    if given is None:
        sent = {k: v for k, v in new.items() if k in fields}
        given = claimed_by(entity_claims(old) if old is not None else {}, e.sources, sent)
    new = with_claims(new, fields, kept_for(given, new["source_ids"]), standing)
    props, outcome = _stamp(new, old, now)
    result.outcomes[ItemKey(Family.ENTITIES, e.id)] = outcome
    if outcome is not Outcome.UNCHANGED:
        labels = list(KIND_LABELS[EntityKind(e.kind)])
        result.entities.append({"id": e.id, "labels": labels, "props": props})


def _plan_relationship(
    result: WritePlan,
    i: int,
    r: RelationshipIn,
    stored: tuple[Mapping[str, Any] | None, Mapping[str, TextToQuote]],
    standing: Standing,
    now: str,
) -> None:
    old, texts = stored
    attestations = merge_attestations(old, r, texts)
    result.problems.extend(
        _over_cap(f"/relationships/{i}/attestations", len(attestations), MAX_ATTESTATIONS)
    )
    props, outcome = _stamp(relationship_props(r, attestations, standing), old, now)
    result.outcomes[ItemKey(Family.RELATIONSHIPS, r.rel_id)] = outcome
    if outcome is not Outcome.UNCHANGED:
        result.relationships.append(
            {
                "new": outcome is Outcome.CREATED,
                "id": r.rel_id,
                "type": r.type.value,
                "from_id": r.from_id,
                "to_id": r.to_id,
                "props": props,
            }
        )


def _stamp(
    new: dict[str, Any], old: Mapping[str, Any] | None, now: str
) -> tuple[dict[str, Any], Outcome]:
    """Carry timestamps over; say whether the item is created, updated or unchanged."""
    if old is None:
        return {**new, "created_at": now, "updated_at": now}, Outcome.CREATED
    if without_timestamps(dict(old)) == new:
        return dict(old), Outcome.UNCHANGED
    return {**new, "created_at": old.get("created_at", now), "updated_at": now}, Outcome.UPDATED


def merge_attestations(
    old: Mapping[str, Any] | None,
    rel: RelationshipIn,
    texts: Mapping[str, TextToQuote] | None = None,
) -> list[AttestationPublic]:
    """The same fact from another source gains that source; a source's new word replaces its old.

    Example:
        >>> from graph.domain import Attestation, AttestationPublic, RELATIONSHIP_MODELS
        >>> from graph.store import encode_attestations
        >>> old = encode_attestations([AttestationPublic(source="a", evidence="x", confidence=0.5),
        ...     AttestationPublic(source="b", evidence="y", confidence=0.5)])
        >>> rel = RELATIONSHIP_MODELS["SUPPLIES"].model_construct(type="SUPPLIES",
        ...     attestations=[Attestation(source="b", evidence="z", confidence=0.9)])
        >>> [(a.source, a.evidence) for a in merge_attestations(old, rel)]
        [('a', 'x'), ('b', 'z')]

    Each source's claim is its own: a new word claims the values written with it.

    A source's word keeps its basis: ``inferred`` with its ``reason``, or ``stated``.
    Its evidence span is anchored in its source's text (``texts``, checked already).
    """
    merged: dict[str, AttestationPublic] = {}
    if old is not None:
        # each stored attestation keeps its basis and reason
        merged = {a.source: a for a in attestations_of(old)}
    for a in rel.attestations:
        span = None if a.selector is None else anchor(a.selector, (texts or {})[a.source])
        word = a.model_dump(exclude={"selector"})
        merged[a.source] = AttestationPublic(**word, claim=rel.claim_of(a.source), selector=span)
    return list(merged.values())


def _over_cap(pointer: str, size: int, cap: int, *, patch: bool = False) -> list[Problem]:
    """Stored lists grow as sources are added; past the cap the write is refused, by name."""
    if size <= cap:
        return []
    return [
        Problem(
            pointer,
            f"with the stored ones this makes {size}, {size - cap} over the cap of {cap}"
            + ("; replace the list (PATCH) instead" if patch else ""),
        )
    ]
