"""The one write path: API upserts, batches and the seeding command all come through here.

A batch is written in four steps inside one transaction, so the whole batch commits or
nothing does: :func:`read_snapshot` reads (and locks) what the graph holds that the batch
touches; the pure :func:`~graph.writes.check.check` lists its problems and
:func:`~graph.writes.plan.plan` diffs it into a :class:`~graph.writes.plan.WritePlan`;
:func:`apply_plan` writes it with one UNWIND query per item
family. Every write is an idempotent upsert: sending the same batch twice, or a driver
retry, changes nothing the second time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.domain import Batch, BatchResult, RelationshipIn, TextToQuote
from graph.errors import Conflict, InvalidInput, nothing_written
from graph.history import Item, Op, record, revision_row, transaction_time
from graph.records import Claims, Standing, rechosen, rechosen_entity
from graph.store import Author, ConcurrentChange, Graph, run
from graph.writes.check import (
    PendingItems,
    Problem,
    Snapshot,
    check,
    quoted_sources,
    refusal,
    resolve_ends,
)
from graph.writes.plan import Family, WritePlan, plan

__all__ = [
    "PendingItems",
    "WritePlan",
    "apply_plan",
    "plan_batch",
    "plan_one",
    "read_snapshot",
    "utc_now",
    "write_batch",
]


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


async def _fetch(
    tx: AsyncManagedTransaction, name: str, ids: set[str], column: str = "props"
) -> dict[str, Any]:
    """``{id: found[column]}`` (or, without a column, ``{id: found}``) for the ids the
    named query finds."""
    if not ids:
        return {}
    (row,) = await run(tx, name, ids=sorted(ids))
    return {found["id"]: found[column] if column else found for found in row["found"]}


async def read_snapshot(
    tx: AsyncManagedTransaction,
    batch: Batch,
    *,
    lock: bool = True,
    pending: PendingItems | None = None,
) -> Snapshot:
    """What the graph holds that ``batch`` touches, read inside ``tx`` in two rounds.

    First the redirects of the ids the batch names (its entities, its relationships'
    ends as sent); then, with relationship ends redirected to their survivors (a
    relationship's id depends on its ends), the rest.

    Lock strategy, with ``lock`` (a write; a dry run or a load's check reads unlocked):

    * the entities the batch writes are locked before they are read, whole, so
      concurrent writers of one entity take turns and each merges its sources into
      what the other committed;
    * the texts the batch's evidence spans point into, then the stored relationships
      (in sorted id order, so that concurrent writers take the locks in one order);
    * the other ends of relationships are read by kind only, unlocked: two writers of
      one new fact are kept apart by its type's uniqueness constraint instead, and an
      end deleted meanwhile leaves a row unwritten (both retried by ``Graph.write``).

    Raises :class:`ConcurrentChange` (planned again) when an entity to write was deleted
    while its lock was awaited, or (unless ``pending``: a load's other chunks write the
    missing ends) an end was merged away after its redirect was read.
    """
    entity_ids = {e.id for e in batch.entities}
    sent_ends = {r.from_id for r in batch.relationships} | {r.to_id for r in batch.relationships}
    redirects = await _fetch(tx, "redirects_by_ids", entity_ids | sent_ends, "target")
    relationships = resolve_ends(batch.relationships, redirects)

    entities = await _fetch(tx, "lock_entities" if lock else "entities_by_ids", entity_ids)
    if None in entities:
        # the lock was granted once a concurrent delete or merge had removed the entity
        raise ConcurrentChange("an entity to write was deleted while this write waited")
    texts = await _texts_quoted(tx, relationships, lock=lock)
    ends = {r.from_id for r in relationships} | {r.to_id for r in relationships}
    ends_found = await _fetch(tx, "entity_kinds_by_ids", ends, "")
    kinds = {k: v["kind"] for k, v in ends_found.items()}
    if pending is None and await _fetch(
        tx, "redirects_by_ids", ends - set(kinds) - set(redirects), "target"
    ):
        # an end was merged away after its redirect was looked up: plan again, via it
        raise ConcurrentChange("an end of a fact was merged while this write was planned")
    stored = await _stored_relationships(tx, relationships, lock=lock)
    stored_sources = [*(props for props in entities.values() if props), *stored.values()]
    cited = _sources_to_read(batch, relationships, stored_sources)
    sources = await _fetch(tx, "sources_by_ids", cited)
    return Snapshot(
        redirects=redirects,
        entities=entities,
        kinds=dict(kinds),
        sources=sources,
        relationships=stored,
        pending=pending,
        retracted_ends=frozenset(k for k, v in ends_found.items() if v["retracted"]),
        texts=texts,
    )


async def _texts_quoted(
    tx: AsyncManagedTransaction, relationships: list[RelationshipIn], *, lock: bool
) -> dict[str, TextToQuote]:
    """The stored texts the relationships' evidence spans point into, locked before the
    facts are: a text's replacement holds its text, then the facts quoting it."""
    name = "lock_source_texts" if lock else "source_texts_by_ids"
    found = await _fetch(tx, name, quoted_sources(relationships), "")
    return {k: TextToQuote(v["text"], v["sha256"]) for k, v in found.items()}


def _sources_to_read(
    batch: Batch, relationships: list[RelationshipIn], stored: list[Any]
) -> set[str]:
    """The sources a batch writes or cites, and the stored entities' and facts' other
    sources: their publication dates rank the claims."""
    cited = {s for e in batch.entities for s in e.sources}
    cited |= {a.source for r in relationships for a in r.attestations}
    cited |= {s for props in stored for s in props.get("source_ids", [])}
    return cited | {s.id for s in batch.sources}


async def _stored_relationships(
    tx: AsyncManagedTransaction, relationships: list[RelationshipIn], *, lock: bool
) -> dict[str, Any]:
    if not relationships:
        return {}
    keys = sorted(  # sorted, so that concurrent writers take the locks in one order
        ({"id": r.rel_id, "from_id": r.from_id, "to_id": r.to_id} for r in relationships),
        key=lambda k: k["id"],
    )
    rows = await run(tx, "lock_relationships" if lock else "relationships_by_ids", keys=keys)
    return {found["id"]: found["props"] for found in rows[0]["found"]}


def _refuse(problems: list[Problem]) -> None:
    error = refusal(problems)
    if error is not None:
        raise error


async def plan_batch(
    tx: AsyncManagedTransaction,
    batch: Batch,
    *,
    replace_sources: bool = False,
    lock: bool = True,
    pending: PendingItems | None = None,
    claims: dict[str, Claims] | None = None,
    refusals_only: bool = False,
) -> WritePlan:
    """Validate ``batch`` against the graph inside ``tx`` and work out what to write
    (with ``refusals_only``, only whether it would be refused: see
    :func:`~graph.writes.plan.plan`).

    With ``lock``, the stored items the batch changes are locked before they are read
    (see :func:`read_snapshot`). ``pending`` names items a load writes in other
    transactions (a large seed's other chunks), which references may rely on; ``claims``
    gives entities' attribute claims outright (see :func:`~graph.writes.plan.plan`).

    Raises :class:`InvalidInput` naming every offending item and field, or
    :class:`Conflict` when an item contradicts the stored graph.
    """
    snapshot = await read_snapshot(tx, batch, lock=lock, pending=pending)
    _refuse(check(batch, snapshot))
    now = await transaction_time(tx)
    planned = plan(
        batch,
        snapshot,
        now=now,
        replace_sources=replace_sources,
        claims=claims,
        refusals_only=refusals_only,
    )
    _refuse(planned.problems)
    return planned


async def plan_one(
    tx: AsyncManagedTransaction,
    family: Family,
    batch: Batch,
    *,
    replace_sources: bool = False,
    claims: dict[str, Claims] | None = None,
) -> WritePlan:
    """:func:`plan_batch` for a batch of one item, its problems located in that item: a
    single PUT's ``/relationships/0/to_id`` is the client's ``/to_id``."""
    try:
        return await plan_batch(tx, batch, replace_sources=replace_sources, claims=claims)
    except (InvalidInput, Conflict) as exc:
        raise located_in_item(exc, f"/{family}/0") from exc


def located_in_item(exc: InvalidInput | Conflict, prefix: str) -> InvalidInput | Conflict:
    """``exc`` with its pointers made relative to the item at ``prefix``.

    Example:
        >>> located_in_item(Conflict("merged", pointer="/entities/0/id"), "/entities/0").pointer
        '/id'
    """

    def strip(pointer: str | None) -> str | None:
        if pointer is None or not pointer.startswith(prefix):
            return pointer
        return pointer[len(prefix) :]  # "" is the whole body (RFC 6901)

    if isinstance(exc, InvalidInput):
        return nothing_written([{**e, "pointer": strip(e["pointer"]) or ""} for e in exc.errors])
    return Conflict(exc.detail, pointer=strip(exc.pointer))


async def _write(tx: AsyncManagedTransaction, name: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    result = await run(tx, name, rows=rows)
    written = result[0]["written"] if result else 0
    if written != len(rows):
        # an end was deleted or merged away after the snapshot read it
        raise ConcurrentChange(f"{name} wrote {written} of {len(rows)} rows")


async def apply_plan(
    tx: AsyncManagedTransaction,
    plan: WritePlan,
    author: Author,
    extra_revisions: list[dict[str, Any]] | None = None,
) -> None:
    """Write what :func:`plan_batch` planned; every planned row is written, or none is.
    Last, the write's revisions are recorded (``extra_revisions`` first: what the caller
    changed besides the plan, such as a merge's moved facts)."""
    await _write(tx, "upsert_sources", plan.sources)
    await _write(tx, "upsert_entities", plan.entities)
    await _write(tx, "create_relationships", [r for r in plan.relationships if r["new"]])
    await _write(tx, "update_relationships", [r for r in plan.relationships if not r["new"]])
    reranked = await _rerank(tx, plan)
    await _hold_sources(tx, plan)
    await record(tx, [*(extra_revisions or []), *plan.revisions(), *reranked], author, plan.at)


async def _hold_sources(tx: AsyncManagedTransaction, plan: WritePlan) -> None:
    """Hold the sources the write cites until it commits: a retraction of one of them
    waits for it (and then sees what it wrote), or was first, and the write is planned
    again and refused. Held last, so writers citing one source overlap until their ends."""
    if plan.held_sources:
        (held,) = await run(tx, "hold_sources", ids=plan.held_sources)
        if held["retracted"]:
            raise ConcurrentChange(f"source(s) {held['retracted']} retracted meanwhile")


async def _rerank(tx: AsyncManagedTransaction, plan: WritePlan) -> list[dict[str, Any]]:
    """Choose again among the claims of the entities and facts citing a source whose date
    changed (the newest source's claim may be another now); their revision rows."""
    if not plan.redated_sources:
        return []
    entities = []
    for found in await run(tx, "entities_citing_sources", ids=plan.redated_sources):
        props = rechosen_entity(found["props"], Standing.of_rows(found["sources"]))
        if props is not None:
            entities.append({"id": found["id"], "props": {**props, "updated_at": plan.at}})
    await _write(tx, "update_entities", entities)
    revised = [revision_row(Item.ENTITY, r["id"], Op.UPDATED, r["props"]) for r in entities]
    rows = []
    for found in await run(tx, "facts_citing_sources", ids=plan.redated_sources):
        props = rechosen(found["props"], found["type"], Standing.of_rows(found["sources"]))
        if props is not None:
            keys = {k: found[k] for k in ("id", "type", "from_id", "to_id")}
            rows.append({**keys, "props": {**props, "updated_at": plan.at}})
    await _write(tx, "update_relationships", rows)
    return revised + [
        revision_row(
            Item.RELATIONSHIP,
            r["id"],
            Op.UPDATED,
            {**r["props"], "type": r["type"], "from_id": r["from_id"], "to_id": r["to_id"]},
        )
        for r in rows
    ]


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
        planned = await plan_batch(tx, batch, lock=not dry_run)
        if not dry_run:
            await apply_plan(tx, planned, graph.author)
        return planned

    planned = await (graph.read(work) if dry_run else graph.write(work))
    return planned.result(dry_run), planned
