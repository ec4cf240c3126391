"""The one write path: API upserts, batches and the seeding command all come through here.

A batch is planned inside its transaction (read what exists, validate every item, diff),
then written with one UNWIND query per item family, so the whole batch commits or
nothing does. Every write is an idempotent upsert: sending the same batch twice, or a
driver retry, changes nothing the second time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.db import ConcurrentChange, Graph, run
from graph.errors import Conflict, InvalidInput, nothing_written
from graph.model import (
    KIND_LABELS,
    MAX_ATTESTATIONS,
    MAX_SOURCES,
    RELATIONSHIP_RULES,
    AttestationPublic,
    Batch,
    BatchResult,
    EntityKind,
    ItemCounts,
    RelationshipIn,
)
from graph.records import entity_props, relationship_props, source_props, without_timestamps


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class PendingItems:
    """Entities (with their kinds) and sources that a load writes outside this transaction."""

    entities: dict[str, EntityKind] = field(default_factory=dict)
    sources: frozenset[str] = frozenset()


SINGULAR = {"sources": "source", "entities": "entity", "relationships": "relationship"}


@dataclass
class WritePlan:
    """What a batch would write, and the per-item outcome."""

    sources: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    relationships: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, ItemCounts] = field(
        default_factory=lambda: {k: ItemCounts() for k in ("sources", "entities", "relationships")}
    )
    changes: list[dict[str, str]] = field(default_factory=list)
    outcome: dict[str, str] = field(default_factory=dict)  # "<family>/<id>" -> result

    def record(self, family: str, item_id: str, result: str) -> None:
        counts = self.counts[family]
        setattr(counts, result, getattr(counts, result) + 1)
        self.outcome[f"{family}/{item_id}"] = result
        if result != "unchanged":
            self.changes.append({"kind": SINGULAR[family], "id": item_id, "result": result})

    def result(self, dry_run: bool) -> BatchResult:
        return BatchResult(
            dry_run=dry_run,
            sources=self.counts["sources"],
            entities=self.counts["entities"],
            relationships=self.counts["relationships"],
            changes=self.changes,
        )


def _stamp(new: dict[str, Any], old: dict[str, Any] | None, now: str) -> tuple[dict[str, Any], str]:
    """Carry timestamps over; say whether the item is created, updated or unchanged."""
    if old is None:
        return {**new, "created_at": now, "updated_at": now}, "created"
    if without_timestamps(old) == new:
        return old, "unchanged"
    return {**new, "created_at": old.get("created_at", now), "updated_at": now}, "updated"


def _merge_attestations(old: dict[str, Any] | None, rel: RelationshipIn) -> list[AttestationPublic]:
    """The same fact from another source gains that source; a source's new word replaces its old."""
    merged: dict[str, AttestationPublic] = {}
    if old is not None:
        for s, e, c in zip(
            old.get("source_ids", []),
            old.get("evidence", []),
            old.get("confidences", []),
            strict=False,
        ):
            merged[s] = AttestationPublic(source=s, evidence=e, confidence=c)
    for a in rel.attestations:
        merged[a.source] = AttestationPublic(**a.model_dump())
    return list(merged.values())


async def _fetch(
    tx: AsyncManagedTransaction, name: str, ids: set[str], column: str = "props"
) -> dict[str, Any]:
    """``{id: found[column]}`` for the ids the named query finds."""
    if not ids:
        return {}
    (row,) = await run(tx, name, ids=sorted(ids))
    return {found["id"]: found[column] for found in row["found"]}


async def plan_batch(
    tx: AsyncManagedTransaction,
    batch: Batch,
    *,
    replace_sources: bool = False,
    for_write: bool = True,
    pending: PendingItems | None = None,
) -> WritePlan:
    """Validate ``batch`` against the graph inside ``tx`` and work out what to write.

    With ``for_write``, the stored items the batch changes are locked before they are read,
    so concurrent writers take turns. ``pending`` names items a load writes in other
    transactions (a large seed's other chunks), which references may rely on.

    Raises :class:`InvalidInput` naming every offending item and field, or
    :class:`Conflict` when an item contradicts the stored graph.
    """
    errors: list[dict[str, str]] = []

    def fail(pointer: str, detail: str) -> None:
        errors.append({"pointer": pointer, "detail": detail})

    for family, items in (("sources", batch.sources), ("entities", batch.entities)):
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                fail(
                    f"/{family}/{i}/id",
                    f"'{item.id}' appears twice (also /{family}/{seen[item.id]})",
                )
            seen[item.id] = i
    seen_rel: dict[str, int] = {}
    for i, rel in enumerate(batch.relationships):
        if rel.rel_id in seen_rel:
            fail(
                f"/relationships/{i}",
                f"the same relationship as /relationships/{seen_rel[rel.rel_id]}",
            )
        seen_rel[rel.rel_id] = i

    entity_ids = {e.id for e in batch.entities}
    endpoint_ids = {r.from_id for r in batch.relationships} | {r.to_id for r in batch.relationships}
    redirects = await _fetch(tx, "redirects_by_ids", entity_ids | endpoint_ids, "target")
    for i, e in enumerate(batch.entities):
        if e.id in redirects:
            raise Conflict(
                f"entity '{e.id}' was merged into '{redirects[e.id]}'; write to that id instead",
                pointer=f"/entities/{i}/id",
            )
    relationships = [
        r.model_copy(
            update={
                "from_id": redirects.get(r.from_id, r.from_id),
                "to_id": redirects.get(r.to_id, r.to_id),
            }
        )
        if r.from_id in redirects or r.to_id in redirects
        else r
        for r in batch.relationships
    ]
    rel_ids = [r.rel_id for r in relationships]
    # entities written now are read whole (to diff them), locked first when they are to be
    # written; the other ends only by kind, unlocked: two writers of one new fact are kept
    # apart by its type's uniqueness constraint instead (see Graph.write).
    stored_entities = await _fetch(
        tx, "lock_entities" if for_write else "entities_by_ids", entity_ids
    )
    if None in stored_entities:
        # the lock was granted once a concurrent delete or merge had removed the entity
        raise ConcurrentChange("an entity to write was deleted while this write waited")
    ends = {r.from_id for r in relationships} | {r.to_id for r in relationships}
    stored_kinds = await _fetch(tx, "entity_kinds_by_ids", ends, "kind")
    if pending is None and await _fetch(
        tx, "redirects_by_ids", ends - set(stored_kinds) - set(redirects), "target"
    ):
        # an end was merged away after its redirect was looked up: plan again, via it
        raise ConcurrentChange("an end of a fact was merged while this write was planned")

    source_ids = {s.id for s in batch.sources}
    cited = {s for e in batch.entities for s in e.sources} | {
        a.source for r in relationships for a in r.attestations
    }
    stored_sources = await _fetch(tx, "sources_by_ids", source_ids | cited)
    known_sources = source_ids | set(stored_sources)
    if pending is not None:
        known_sources |= pending.sources
    for i, e in enumerate(batch.entities):
        for j, s in enumerate(e.sources):
            if s not in known_sources:
                fail(
                    f"/entities/{i}/sources/{j}",
                    f"no source with id '{s}' (add it to 'sources' first)",
                )
    for i, r in enumerate(relationships):
        for j, a in enumerate(r.attestations):
            if a.source not in known_sources:
                fail(
                    f"/relationships/{i}/attestations/{j}/source",
                    f"no source with id '{a.source}' (add it to 'sources' first)",
                )

    kinds: dict[str, EntityKind] = {k: EntityKind(v) for k, v in stored_kinds.items()}
    if pending is not None:
        kinds.update(pending.entities)
    kinds.update({k: EntityKind(v["kind"]) for k, v in stored_entities.items()})
    named_twice = {k for k, n in Counter(e.id for e in batch.entities).items() if n > 1}
    for i, e in enumerate(batch.entities):
        if e.id in named_twice:  # reported above: the request's fault, whatever is stored
            kinds.setdefault(e.id, EntityKind(e.kind))
            continue
        if e.id in kinds and kinds[e.id] != e.kind:
            raise Conflict(
                f"entity '{e.id}' is a {kinds[e.id].value}; its kind cannot change to {e.kind} "
                "(delete it and create it anew)",
                pointer=f"/entities/{i}/kind",
            )
        kinds[e.id] = EntityKind(e.kind)
    for i, r in enumerate(relationships):
        rule = RELATIONSHIP_RULES[r.type]
        for end, entity_id, allowed in (
            ("from_id", r.from_id, rule.sources),
            ("to_id", r.to_id, rule.targets),
        ):
            kind = kinds.get(entity_id)
            if kind is None:
                fail(f"/relationships/{i}/{end}", f"no entity with id '{entity_id}'")
            elif kind not in allowed:
                fail(
                    f"/relationships/{i}/{end}",
                    f"{r.type} cannot {'start at' if end == 'from_id' else 'end at'} a {kind.value} "
                    f"('{entity_id}'); allowed: {', '.join(sorted(k.value for k in allowed))}",
                )
    if errors:
        raise nothing_written(errors)

    stored_rels: dict[str, dict[str, Any]] = {}
    if relationships:
        rows = await run(
            tx,
            "lock_relationships" if for_write else "relationships_by_ids",
            # sorted, so that concurrent writers take the locks in one order
            keys=sorted(
                (
                    {"id": rel_id, "from_id": r.from_id, "to_id": r.to_id}
                    for rel_id, r in zip(rel_ids, relationships, strict=True)
                ),
                key=lambda k: k["id"],
            ),
        )
        stored_rels = {found["id"]: found["props"] for found in rows[0]["found"]}

    now = utc_now()
    plan = WritePlan()
    for source in batch.sources:
        props, result = _stamp(source_props(source), stored_sources.get(source.id), now)
        plan.record("sources", source.id, result)
        if result != "unchanged":
            plan.sources.append({"id": source.id, "props": props})
    for i, e in enumerate(batch.entities):
        new = entity_props(e)
        old = stored_entities.get(e.id)
        if old is not None and not replace_sources:
            new["source_ids"] = list(dict.fromkeys([*old.get("source_ids", []), *e.sources]))
            _check_cap(fail, f"/entities/{i}/sources", len(new["source_ids"]), MAX_SOURCES)
        props, result = _stamp(new, old, now)
        plan.record("entities", e.id, result)
        if result != "unchanged":
            plan.entities.append(
                {"id": e.id, "labels": list(KIND_LABELS[EntityKind(e.kind)]), "props": props}
            )
    for i, (rel_id, r) in enumerate(zip(rel_ids, relationships, strict=True)):
        old = stored_rels.get(rel_id)
        attestations = _merge_attestations(old, r)
        _check_cap(fail, f"/relationships/{i}/attestations", len(attestations), MAX_ATTESTATIONS)
        props, result = _stamp(relationship_props(r, attestations), old, now)
        plan.record("relationships", rel_id, result)
        if result != "unchanged":
            plan.relationships.append(
                {
                    "new": result == "created",
                    "id": rel_id,
                    "type": r.type.value,
                    "from_id": r.from_id,
                    "to_id": r.to_id,
                    "props": props,
                }
            )
    if errors:
        raise nothing_written(errors)
    return plan


def _check_cap(fail: Callable[[str, str], None], pointer: str, size: int, cap: int) -> None:
    """Stored lists grow as sources are added; past the cap the write is refused, by name."""
    if size > cap:
        fail(
            pointer,
            f"with the stored ones this makes {size}, {size - cap} over the cap of {cap}"
            + ("; replace the list (PATCH) instead" if "/entities/" in pointer else ""),
        )


async def plan_one(
    tx: AsyncManagedTransaction, family: str, batch: Batch, *, replace_sources: bool = False
) -> WritePlan:
    """:func:`plan_batch` for a batch of one item, its problems located in that item: a
    single PUT's ``/relationships/0/to_id`` is the client's ``/to_id``."""
    try:
        return await plan_batch(tx, batch, replace_sources=replace_sources)
    except (InvalidInput, Conflict) as exc:
        raise _located_in_item(exc, f"/{family}/0") from exc


def _located_in_item(exc: InvalidInput | Conflict, prefix: str) -> InvalidInput | Conflict:
    def strip(pointer: str | None) -> str | None:
        if pointer is None or not pointer.startswith(prefix):
            return pointer
        return pointer[len(prefix) :] or "/"

    if isinstance(exc, InvalidInput):
        return nothing_written([{**e, "pointer": strip(e["pointer"]) or ""} for e in exc.errors])
    return Conflict(exc.detail, pointer=strip(exc.pointer))


async def _write(tx: AsyncManagedTransaction, name: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    result = await run(tx, name, rows=rows)
    written = result[0]["written"] if result else 0
    if written != len(rows):
        # an end was deleted or merged away after the plan read it
        raise ConcurrentChange(f"{name} wrote {written} of {len(rows)} rows")


async def apply_plan(tx: AsyncManagedTransaction, plan: WritePlan) -> None:
    """Write what ``plan_batch`` planned; every planned row is written, or none is."""
    await _write(tx, "upsert_sources", plan.sources)
    await _write(tx, "upsert_entities", plan.entities)
    await _write(tx, "create_relationships", [r for r in plan.relationships if r["new"]])
    await _write(tx, "update_relationships", [r for r in plan.relationships if not r["new"]])


async def write_batch(
    graph: Graph, batch: Batch, *, dry_run: bool = False
) -> tuple[BatchResult, WritePlan]:
    """Write ``batch`` atomically (or, with ``dry_run``, only say what would change).

    Example:
        >>> result, _ = await write_batch(graph, Batch(sources=[...], entities=[...]))  # doctest: +SKIP
        >>> result.entities.created                                                    # doctest: +SKIP
        3
    """

    async def work(tx: AsyncManagedTransaction) -> WritePlan:
        plan = await plan_batch(tx, batch, for_write=not dry_run)
        if not dry_run:
            await apply_plan(tx, plan)
        return plan

    plan = await (graph.read(work) if dry_run else graph.write(work))
    return plan.result(dry_run), plan
