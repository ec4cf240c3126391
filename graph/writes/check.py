"""The first pure step of the write path: what is wrong with a batch.

:func:`check` takes the batch and a :class:`Snapshot` of what the graph holds that the
batch touches (read inside the write's transaction by :func:`graph.writes.batches.read_snapshot`)
and lists every :class:`Problem` (duplicates, merged ids, kind changes, unknown sources
and ends, kinds a type does not join), each with its pointer. It touches no database, so
it is tested without Neo4j (``tests/writes/test_write_plan.py``). :func:`refusal` turns problems
into the one error the client gets. The next step is :func:`graph.writes.plan.plan`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.domain import (
    RELATIONSHIP_RULES,
    Batch,
    EntityIn,
    EntityKind,
    RelationshipIn,
    SourceIn,
    SpanRefused,
    TextToQuote,
    anchor,
)
from graph.errors import Conflict, InvalidInput, nothing_written


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a batch, located by a JSON pointer into it.

    A ``conflict`` contradicts the stored graph (a merged id, a kind change) and is
    answered as :class:`Conflict`; the others as :class:`InvalidInput`.
    """

    pointer: str
    detail: str
    conflict: bool = False

    def as_error(self) -> dict[str, str]:
        return {"pointer": self.pointer, "detail": self.detail}


@dataclass(frozen=True)
class PendingItems:
    """Entities (with their kinds) and sources that a load writes outside this transaction."""

    entities: Mapping[str, EntityKind] = field(default_factory=dict)
    sources: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Snapshot:
    """What the graph holds that a batch touches, as read inside its transaction.

    ``redirects`` maps merged ids (the batch's entities and relationship ends as sent)
    to their survivors; ``entities`` holds the stored properties of the entities the
    batch writes; ``kinds`` the stored kinds of the relationships' ends (after
    redirects); ``sources`` the stored sources the batch writes or cites;
    ``relationships`` the stored properties of its relationships, by id; ``pending``
    what a load writes in its other transactions, which references may rely on.
    """

    redirects: Mapping[str, str] = field(default_factory=dict)
    entities: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: stored kinds, as stored (a kind of another declaration is refused by the rules)
    kinds: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    relationships: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    pending: PendingItems | None = None
    #: relationship ends that are retracted (hidden, kept): no new fact may join them
    retracted_ends: frozenset[str] = frozenset()
    #: the stored texts of the sources the batch's evidence spans point into, by source id
    texts: Mapping[str, TextToQuote] = field(default_factory=dict)


def resolve_ends(
    relationships: Iterable[RelationshipIn], redirects: Mapping[str, str]
) -> list[RelationshipIn]:
    """The relationships with merged ends replaced by their survivors."""
    return [
        r.model_copy(
            update={
                "from_id": redirects.get(r.from_id, r.from_id),
                "to_id": redirects.get(r.to_id, r.to_id),
            }
        )
        if r.from_id in redirects or r.to_id in redirects
        else r
        for r in relationships
    ]


def check(batch: Batch, snapshot: Snapshot) -> list[Problem]:
    """Every problem of ``batch`` against ``snapshot``, in the order a client reads them.

    Example:
        >>> from graph.domain import SourceIn
        >>> batch = Batch(sources=[SourceIn(id="s", title="A"), SourceIn(id="s", title="B")])
        >>> [(p.pointer, p.detail) for p in check(batch, Snapshot())]
        [('/sources/1/id', "'s' appears twice (also /sources/0)")]
    """
    relationships = resolve_ends(batch.relationships, snapshot.redirects)
    kinds, kind_problems = _kinds(batch.entities, snapshot)
    return [
        *_duplicates(batch),
        *_merged_ids(batch.entities, snapshot.redirects),
        *_merged_into_one(batch.relationships, relationships),
        *_retracted(batch.entities, relationships, snapshot),
        *_unknown_sources(batch, relationships, snapshot),
        *kind_problems,
        *_end_kinds(relationships, kinds),
        *_spans(relationships, snapshot.texts),
    ]


def _duplicates(batch: Batch) -> list[Problem]:
    problems = []
    named: tuple[tuple[str, Sequence[SourceIn | EntityIn]], ...] = (
        ("sources", batch.sources),
        ("entities", batch.entities),
    )
    for family, items in named:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                problems.append(
                    Problem(
                        f"/{family}/{i}/id",
                        f"'{item.id}' appears twice (also /{family}/{seen[item.id]})",
                    )
                )
            seen[item.id] = i
    seen_rel: dict[str, int] = {}
    for i, rel in enumerate(batch.relationships):
        if rel.rel_id in seen_rel:
            problems.append(
                Problem(
                    f"/relationships/{i}",
                    f"the same relationship as /relationships/{seen_rel[rel.rel_id]}",
                )
            )
        seen_rel[rel.rel_id] = i
    return problems


def _merged_ids(entities: Sequence[EntityIn], redirects: Mapping[str, str]) -> list[Problem]:
    return [
        Problem(
            f"/entities/{i}/id",
            f"entity '{e.id}' was merged into '{redirects[e.id]}'; write to that id instead",
            conflict=True,
        )
        for i, e in enumerate(entities)
        if e.id in redirects
    ]


def _merged_into_one(
    sent: Sequence[RelationshipIn], resolved: Sequence[RelationshipIn]
) -> list[Problem]:
    """A fact whose two ends were merged into one entity would be a loop."""
    return [
        Problem(
            f"/relationships/{i}/to_id",
            f"'{s.from_id}' and '{s.to_id}' are one entity since a merge ('{r.to_id}'); "
            "a relationship needs two different entities",
        )
        for i, (s, r) in enumerate(zip(sent, resolved, strict=True))
        if r.from_id == r.to_id
    ]


def _retracted(
    entities: Sequence[EntityIn], relationships: Sequence[RelationshipIn], snapshot: Snapshot
) -> list[Problem]:
    """A retracted item is kept as it was: restore it before writing to it or joining it."""
    problems = [
        Problem(
            f"/entities/{i}/id",
            f"entity '{e.id}' is retracted; restore it first (POST /entities/{e.id}/restore)",
            conflict=True,
        )
        for i, e in enumerate(entities)
        if snapshot.entities.get(e.id, {}).get("retracted_at")
    ]
    for i, r in enumerate(relationships):
        if snapshot.relationships.get(r.rel_id, {}).get("retracted_at"):
            problems.append(
                Problem(
                    f"/relationships/{i}",
                    f"fact '{r.rel_id}' is retracted; restore it first "
                    "(POST /relationships/{id}/restore)",
                    conflict=True,
                )
            )
        for end in ("from_id", "to_id"):
            if getattr(r, end) in snapshot.retracted_ends:
                problems.append(
                    Problem(
                        f"/relationships/{i}/{end}",
                        f"entity '{getattr(r, end)}' is retracted; restore it first",
                        conflict=True,
                    )
                )
    return problems


def _unknown_sources(
    batch: Batch, relationships: Sequence[RelationshipIn], snapshot: Snapshot
) -> list[Problem]:
    """Sources cited that are not there, or retracted and not cited by the stored item
    already (a retracted source's word is not taken anew: 409 until it is restored; what
    it said before stays, listed as retracted)."""
    known = {s.id for s in batch.sources} | set(snapshot.sources)
    if snapshot.pending is not None:
        known |= snapshot.pending.sources
    retracted = {k for k, v in snapshot.sources.items() if v.get("retracted_at")}
    missing = "no source with id '{}' (add it to 'sources' first)"
    withdrawn = "source '{0}' is retracted (restore it first: POST /sources/{0}/restore)"
    problems = []
    for pointer, source, stored in _citations(batch, relationships, snapshot):
        if source not in known:
            problems.append(Problem(pointer, missing.format(source)))
        elif source in retracted and source not in stored:
            problems.append(Problem(pointer, withdrawn.format(source), conflict=True))
    return problems


def _citations(
    batch: Batch, relationships: Sequence[RelationshipIn], snapshot: Snapshot
) -> Iterator[tuple[str, str, Sequence[str]]]:
    """Each source a batch cites: where, which, and the sources its stored item cites."""
    for i, e in enumerate(batch.entities):
        stored = (snapshot.entities.get(e.id) or {}).get("source_ids") or []
        for j, s in enumerate(e.sources):
            yield f"/entities/{i}/sources/{j}", s, stored
    for i, r in enumerate(relationships):
        stored = (snapshot.relationships.get(r.rel_id) or {}).get("source_ids") or []
        for j, a in enumerate(r.attestations):
            yield f"/relationships/{i}/attestations/{j}/source", a.source, stored


def quoted_sources(relationships: Iterable[RelationshipIn]) -> set[str]:
    """The sources whose texts the relationships' evidence spans point into."""
    return {a.source for r in relationships for a in r.attestations if a.selector is not None}


def _spans(
    relationships: Sequence[RelationshipIn], texts: Mapping[str, TextToQuote]
) -> list[Problem]:
    """Each evidence span that does not point at its words in its source's stored text."""
    problems = []
    for i, r in enumerate(relationships):
        for j, a in enumerate(r.attestations):
            if a.selector is None:
                continue
            at = f"/relationships/{i}/attestations/{j}/selector"
            stored = texts.get(a.source)
            if stored is None:
                problems.append(
                    Problem(
                        at,
                        f"source '{a.source}' has no text stored to point into "
                        f"(store it first: PUT /sources/{a.source}/text)",
                    )
                )
                continue
            try:
                anchor(a.selector, stored)
            except SpanRefused as refused:
                problems.append(Problem(f"{at}/{refused.field}", refused.detail))
    return problems


def _kinds(
    entities: Sequence[EntityIn], snapshot: Snapshot
) -> tuple[dict[str, str], list[Problem]]:
    """The kind of every id the batch may name, and the entities whose kind would change."""
    kinds: dict[str, str] = dict(snapshot.kinds)
    if snapshot.pending is not None:
        kinds.update(snapshot.pending.entities)
    kinds.update({k: v["kind"] for k, v in snapshot.entities.items()})
    named_twice = {k for k, n in Counter(e.id for e in entities).items() if n > 1}
    problems = []
    for i, e in enumerate(entities):
        if e.id in named_twice:  # reported as such: the request's fault, whatever is stored
            kinds.setdefault(e.id, e.kind)
            continue
        if e.id in kinds and kinds[e.id] != e.kind:
            problems.append(
                Problem(
                    f"/entities/{i}/kind",
                    f"entity '{e.id}' is a {kinds[e.id]}; its kind cannot change to "
                    f"{e.kind} (delete it and create it anew)",
                    conflict=True,
                )
            )
        kinds[e.id] = e.kind
    return kinds, problems


def _end_kinds(relationships: Sequence[RelationshipIn], kinds: Mapping[str, str]) -> list[Problem]:
    problems = []
    for i, r in enumerate(relationships):
        rule = RELATIONSHIP_RULES[r.type]
        for end, entity_id, allowed in (
            ("from_id", r.from_id, rule.sources),
            ("to_id", r.to_id, rule.targets),
        ):
            kind = kinds.get(entity_id)
            if kind is None:
                problems.append(
                    Problem(f"/relationships/{i}/{end}", f"no entity with id '{entity_id}'")
                )
            elif kind not in allowed:
                verb = "start at" if end == "from_id" else "end at"
                problems.append(
                    Problem(
                        f"/relationships/{i}/{end}",
                        f"{r.type} cannot {verb} a {kind} ('{entity_id}'); allowed: "
                        f"{', '.join(sorted(k.value for k in allowed))}",
                    )
                )
    return problems


def refusal(problems: Sequence[Problem]) -> Conflict | InvalidInput | None:
    """The error that refuses a write with these problems, or None when there are none.

    The first conflict, when there is one, is the answer (409); otherwise every problem,
    as one "nothing was written" error (422).
    """
    for p in problems:
        if p.conflict:
            return Conflict(p.detail, pointer=p.pointer)
    return nothing_written([p.as_error() for p in problems]) if problems else None
