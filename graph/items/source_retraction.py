"""Retracting a source (an outlet withdrew its article) and restoring it.

A retracted source is kept, marked with when, by whom and why. Its claims stop counting:
every fact and entity citing it is weighed again in the same write, its claims kept and
listed as retracted (``withdrawn_sources``), so the present's reads need no filter of
their own. A fact or entity resting on retracted sources alone is retracted with it
(``retracted_with_source``), as a retraction hides it; an entity counts as resting on
them alone only when it has no current fact left either (its facts' sources speak for
it). Restoring the source weighs them again and brings back what rested on retracted
sources alone and now has one that counts. Every change is a revision, so ``known_at``
before the retraction still answers as then, and the change feed carries both.

The decisions (:func:`fact_after`, :func:`entity_after`) are pure; :func:`retract_source`
and :func:`restore_source` run them in one write transaction, holding the source first
(a write citing it holds it last: ``cypher/queries/hold_sources.cypher``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.domain import SourcePublic
from graph.errors import Conflict, InvalidInput, NotFound
from graph.history import Item, Op, record, revision_row, transaction_time
from graph.records import (
    RETRACTION_FIELDS,
    Standing,
    rechosen,
    rechosen_entity,
    source_public,
    without_timestamps,
)
from graph.store import Graph, run


@dataclass(frozen=True)
class SourceChange:
    """A source's retraction (``retracting``) or restore, as the items citing it see it."""

    source_id: str
    retracting: bool
    at: str
    by: str = "unknown"
    reason: str | None = None

    def retraction(self) -> dict[str, Any]:
        return {
            "retracted_at": self.at,
            "retracted_by": self.by,
            "retraction_reason": self.reason or "",
            "retracted_with_source": self.source_id,
        }


def _rests_on_retracted(props: dict[str, Any], standing: Standing) -> bool:
    cited = props.get("source_ids") or []
    return bool(cited) and all(s in standing.retracted for s in cited)


def _after(
    props: dict[str, Any], weighed: dict[str, Any] | None, change: SourceChange, hide: bool
) -> tuple[dict[str, Any], Op] | None:
    """The item's new properties and what happened to it, or None when nothing did:
    ``weighed`` its claims weighed again (None: as stored), ``hide`` whether it now rests
    on retracted sources alone (and may be hidden with the source)."""
    new = dict(weighed or props)
    op = Op.UPDATED
    if change.retracting and hide and not props.get("retracted_at"):
        new.update(change.retraction())
        op = Op.RETRACTED
    elif not change.retracting and not hide and props.get("retracted_with_source"):
        new = {k: v for k, v in new.items() if k not in RETRACTION_FIELDS}
        op = Op.RESTORED
    if without_timestamps(new) == without_timestamps(props):
        return None
    if op is Op.UPDATED:
        new["updated_at"] = change.at
    return new, op


def fact_after(
    row: dict[str, Any], standing: Standing, change: SourceChange
) -> tuple[dict[str, Any], Op] | None:
    """A fact citing the source, after its retraction or restore (``standing``: its
    sources as they now stand), or None when it stays as stored.

    Example:
        >>> from graph.domain import AttestationPublic
        >>> from graph.store import encode_attestations
        >>> a = AttestationPublic(source="s", evidence="e", confidence=0.5)
        >>> row = {"type": "SUPPLIES", "ends_current": True,
        ...        "props": {"id": "x", **encode_attestations([a])}}
        >>> change = SourceChange("s", retracting=True, at="2026-05-01T00:00:00.000Z")
        >>> new, op = fact_after(row, Standing(retracted=frozenset({"s"})), change)
        >>> op.value, new["retracted_with_source"], new["withdrawn_sources"]
        ('retracted', 's', ['s'])
    """
    props = dict(row["props"])
    hide = _rests_on_retracted(props, standing)
    if not change.retracting and not row["ends_current"]:
        hide = True  # a fact joining a retracted entity stays hidden with it
    return _after(props, rechosen(props, row["type"], standing), change, hide)


def entity_after(
    row: dict[str, Any], standing: Standing, change: SourceChange, current_facts: int
) -> tuple[dict[str, Any], Op] | None:
    """An entity citing the source, after its retraction or restore, or None when it
    stays as stored: hidden with it only when it has no current fact left."""
    props = dict(row["props"])
    hide = _rests_on_retracted(props, standing) and current_facts == 0
    return _after(props, rechosen_entity(props, standing), change, hide)


async def _weigh_facts(tx: AsyncManagedTransaction, change: SourceChange) -> list[dict[str, Any]]:
    """Weigh again the facts citing the source; write them; their revision rows."""
    rows, revisions = [], []
    for found in await run(tx, "lock_facts_citing_source", id=change.source_id):
        after = fact_after(found, Standing.of_rows(found["sources"]), change)
        if after is not None:
            keys = {k: found[k] for k in ("id", "type", "from_id", "to_id")}
            rows.append({**keys, "props": after[0]})
            revisions.append(
                revision_row(Item.RELATIONSHIP, keys["id"], after[1], {**after[0], **keys})
            )
    if rows:
        await run(tx, "update_relationships", rows=rows)
    return revisions


async def _weigh_entities(
    tx: AsyncManagedTransaction, change: SourceChange, found: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Weigh again the entities citing the source (locked already); their revision rows."""
    ids = [f["id"] for f in found]
    (counted,) = await run(tx, "count_current_facts", ids=ids) if ids else [{"found": []}]
    degrees = {c["id"]: c["degree"] for c in counted["found"]}
    rows, revisions = [], []
    for row in found:
        after = entity_after(
            row, Standing.of_rows(row["sources"]), change, degrees.get(row["id"], 0)
        )
        if after is not None:
            rows.append({"id": row["id"], "props": after[0]})
            revisions.append(revision_row(Item.ENTITY, row["id"], after[1], after[0]))
    if rows:
        await run(tx, "update_entities", rows=rows)
    return revisions


async def _change(graph: Graph, source_id: str, retracting: bool) -> SourcePublic:
    async def work(tx: AsyncManagedTransaction) -> SourcePublic:
        locked = await run(tx, "lock_source", id=source_id)
        if not locked:
            raise NotFound(f"no source with id '{source_id}'", pointer="source_id")
        if bool(locked[0]["props"].get("retracted_at")) == retracting:
            state = "retracted already" if retracting else "not retracted"
            raise Conflict(f"source '{source_id}' is {state}", pointer="source_id")
        author = graph.author
        change = SourceChange(
            source_id, retracting, await transaction_time(tx), author.by, author.reason
        )
        params = {"at": change.at, "by": author.by, "reason": author.reason} if retracting else {}
        (source,) = await run(
            tx, "retract_source" if retracting else "restore_source", id=source_id, **params
        )
        # entities locked before facts, as every writer takes them
        entities = await run(tx, "lock_entities_citing_source", id=source_id)
        if retracting:  # facts first: an entity is hidden only when none of its facts is left
            revisions = await _weigh_facts(tx, change)
            revisions += await _weigh_entities(tx, change, entities)
        else:  # entities first: a fact comes back only when both its ends are current
            revisions = await _weigh_entities(tx, change, entities)
            revisions += await _weigh_facts(tx, change)
        op = Op.RETRACTED if retracting else Op.RESTORED
        await record(
            tx,
            [revision_row(Item.SOURCE, source_id, op, source["props"]), *revisions],
            author,
            change.at,
        )
        return source_public(source["props"])

    return await graph.write(work)


async def retract_source(graph: Graph, source_id: str) -> SourcePublic:
    """Retract a source; the writer's reason is required (it is kept with the retraction).

    Example:
        >>> graph.author = Author(by="desk", reason="the outlet withdrew it")  # doctest: +SKIP
        >>> (await retract_source(graph, "an-article")).retracted.reason      # doctest: +SKIP
        'the outlet withdrew it'
    """
    if not graph.author.reason:
        raise InvalidInput(
            "retracting a source needs a reason (kept with the retraction)", pointer="reason"
        )
    return await _change(graph, source_id, retracting=True)


async def restore_source(graph: Graph, source_id: str) -> SourcePublic:
    """Restore a retracted source: its claims count again, and what was retracted with a
    source and cites this one comes back."""
    return await _change(graph, source_id, retracting=False)
