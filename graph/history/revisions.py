"""History: what every write changed, when, by whom and why, and the feed of all changes.

Each write records, in its own transaction, one revision per item it creates, updates,
retracts, restores, merges away or purges: the item's whole stored state after the change
(``None`` once it is gone), the database's transaction time, who wrote (an API key's name,
never the key; or the seeding command) and the reason the client gave. Revisions are
numbered in commit order (``cypher/queries/record_revisions.cypher``), so
:func:`changes_after` is a feed a client can poll from a cursor and see every change once,
in order; replaying it from the start rebuilds every item's state. The differences
between consecutive states (:func:`changed_fields`) are computed when history is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC
from enum import StrEnum
from typing import Any

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel, Field

from graph.domain import CANONICAL, DisputedEntitiesQuestion, DisputedFactsQuestion
from graph.errors import InvalidInput
from graph.history.then import disputed_entities_then, disputed_facts_then
from graph.records import EntityPublic, Fact, entity_public, fact_from_row
from graph.store import Author, Graph, page_by_id, run


class Item(StrEnum):
    """What a revision is about."""

    ENTITY = "entity"
    RELATIONSHIP = "relationship"
    SOURCE = "source"
    TEXT = "text"  # a source's text; its id is the source's


class Op(StrEnum):
    """What a write did to an item."""

    CREATED = "created"
    UPDATED = "updated"
    RETRACTED = "retracted"
    RESTORED = "restored"
    MERGED = "merged"  # an entity merged into another, or a fact moved with it
    PURGED = "purged"  # erased for good; only this tombstone is left


def encode_state(state: Mapping[str, Any] | None) -> str | None:
    """An item's stored properties as the revision keeps them (canonical JSON)."""
    if state is None:
        return None
    return CANONICAL.encode(dict(state))


def revision_row(
    item: Item,
    item_id: str,
    op: Op,
    state: Mapping[str, Any] | None,
    *,
    merged_into: str | None = None,
) -> dict[str, Any]:
    """One revision to record; ``merged_into`` names what a merged item became."""
    row = {"item": item.value, "item_id": item_id, "op": op.value, "state": encode_state(state)}
    if merged_into is not None:
        row["merged_into"] = merged_into
    return row


def iso(moment: Any) -> str:
    """A database or Python date-time as the service stamps it: UTC, milliseconds, ``Z``.

    Example:
        >>> iso(datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
        '2026-03-01T12:00:00.000Z'
    """
    native = moment.to_native() if hasattr(moment, "to_native") else moment
    text: str = native.astimezone(UTC).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


async def transaction_time(tx: AsyncManagedTransaction) -> str:
    """This write's time on the database's clock: what it stamps and records. Read once
    per transaction (later calls answer the same), after the write holds its locks: a
    writer that waited for another's lock is stamped after the one it waited for, so
    ``known_at`` at a revision's ``at`` reads that revision's state."""
    stamped: str | None = getattr(tx, _STAMP, None)
    if stamped is None:
        (row,) = await run(tx, "transaction_time")
        stamped = iso(row["now"])
        setattr(tx, _STAMP, stamped)
    return stamped


#: where a transaction keeps the time it was stamped with
_STAMP = "_kg_stamped_at"


async def record(
    tx: AsyncManagedTransaction, rows: list[dict[str, Any]], author: Author, at: str
) -> None:
    """Record ``rows`` (from :func:`revision_row`) as revisions; call it last in a write."""
    if rows:
        await run(tx, "record_revisions", rows=rows, at=at, by=author.by, reason=author.reason)


async def erase_history(tx: AsyncManagedTransaction, items: list[tuple[Item, str]]) -> None:
    """Blank the recorded states of ``items`` (a purge): the revisions stay, marked erased."""
    rows = [{"item": item.value, "item_id": item_id} for item, item_id in items]
    await run(tx, "erase_revision_states", items=rows)


class Revision(BaseModel):
    """One recorded change to one item."""

    seq: int = Field(description="its number in commit order; the change feed's cursor")
    at: str = Field(description="the database's transaction time of the write")
    by: str = Field(description="who wrote: an API key's name, or the seeding command")
    reason: str | None = None
    item: Item
    item_id: str
    op: Op
    state: dict[str, Any] | None = Field(
        description="the item's stored properties after the change (null once purged; for "
        "a merge, what is kept of the merged item, out of the present: `merged_into`, and "
        "retracted at the merge)"
    )
    merged_into: str | None = Field(
        default=None,
        description="for a merge: the entity it was merged into (its id redirects there from "
        "then on), or for a fact that moved with its end, the fact it became",
    )
    changes: dict[str, list[Any]] = Field(
        default={},
        description="each field that changed since the item's revision before, as "
        "[before, after] (null where absent)",
    )


def revision_from(stored: Mapping[str, Any]) -> Revision:
    state = stored.get("state")
    return Revision(
        seq=stored["seq"],
        at=stored["at"],
        by=stored["by"],
        reason=stored.get("reason"),
        item=Item(stored["item"]),
        item_id=stored["item_id"],
        op=Op(stored["op"]),
        state=json.loads(state) if state else None,
        merged_into=stored.get("merged_into"),
    )


def changed_fields(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> dict[str, list[Any]]:
    """Each field whose value differs between two states, as ``[before, after]``.

    Example:
        >>> changed_fields({"amount": 100, "name": "x"}, {"amount": 200, "name": "x"})
        {'amount': [100, 200]}
    """
    before, after = before or {}, after or {}
    return {
        k: [before.get(k), after.get(k)]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }


def with_changes(revisions: Iterable[Revision], before: Mapping[str, Any] | None) -> list[Revision]:
    """An item's revisions (oldest first), each with what it changed since ``before``."""
    found = []
    for revision in revisions:
        found.append(
            revision.model_copy(update={"changes": changed_fields(before, revision.state)})
        )
        before = revision.state
    return found


async def history(
    graph: Graph, item: Item, item_id: str, *, after: int = 0, limit: int = 50
) -> list[Revision]:
    """An item's revisions after revision number ``after``, oldest first, with the fields
    each changed (the first of a page compared with the revision before it)."""
    params = {"item": item.value, "item_id": item_id}
    rows = await graph.read_query("history_of_item", **params, after=after, limit=limit)
    revisions = [revision_from(r["revision"]) for r in rows]
    before = None
    if after > 0 and revisions:
        previous = await graph.read_query("state_before_revision", **params, seq=revisions[0].seq)
        before = revision_from(previous[0]["revision"]).state if previous else None
    return with_changes(revisions, before)


async def changes_after(graph: Graph, after: int = 0, *, limit: int = 100) -> list[Revision]:
    """Every revision numbered after ``after``, in commit order (the change feed), each
    with the fields it changed since its item's revision before it.

    Raises :class:`InvalidInput` at ``after`` for a cursor past the feed's head: a client
    holding a wrong cursor would otherwise wait, unaware, for numbers already handed out.
    """
    rows = await graph.read_query("revisions_after", after=after, limit=limit)
    if not rows and after > 0:
        head = (await graph.read_query("revision_head"))[0]["head"]
        if after > head:
            raise InvalidInput(
                f"the cursor {after} is past the feed's last revision, {head}: poll from "
                f"{head} or below (0 replays the whole feed)",
                pointer="after",
            )
    found = []
    for row in rows:
        revision = revision_from(row["revision"])
        before = json.loads(row["before"]) if row["before"] else None
        found.append(
            revision.model_copy(update={"changes": changed_fields(before, revision.state)})
        )
    return found


class ConflictsPage(BaseModel):
    items: list[Fact]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page")


class EntityConflictsPage(BaseModel):
    items: list[EntityPublic]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page")


async def disputed_facts_page(graph: Graph, asked: DisputedFactsQuestion) -> ConflictsPage:
    """:func:`disputed_facts` a page at a time."""
    items, resume = await page_by_id(
        graph, asked, lambda after, limit: disputed_facts(graph, after=after, limit=limit)
    )
    return ConflictsPage(items=items, next_cursor=resume)


async def disputed_entities_page(
    graph: Graph, asked: DisputedEntitiesQuestion
) -> EntityConflictsPage:
    """:func:`disputed_entities` a page at a time."""
    items, resume = await page_by_id(
        graph, asked, lambda after, limit: disputed_entities(graph, after=after, limit=limit)
    )
    return EntityConflictsPage(items=items, next_cursor=resume)


async def disputed_facts(graph: Graph, *, after: str = "", limit: int = 50) -> list[Fact]:
    """Current facts whose sources disagree (or, under ``known_at``, those that did
    then), in id order after ``after``: each with every claim, the values chosen and why
    (see :mod:`graph.records.claims`)."""
    if graph.moment.known_at:
        return await disputed_facts_then(graph, graph.moment.known_at, after, limit)
    rows = await graph.read_query("disputed_facts", after=after, limit=limit)
    return [
        fact_from_row(
            row["edge"],
            {row["edge"]["from_id"]: row["from_name"], row["edge"]["to_id"]: row["to_name"]},
        )
        for row in rows
    ]


async def disputed_entities(
    graph: Graph, *, after: str = "", limit: int = 50
) -> list[EntityPublic]:
    """Current entities whose sources disagree about their attributes, in id order after
    ``after``: each with every claim, the values chosen and why (see
    :mod:`graph.records.entity_claims`); under ``known_at``, those that did then."""
    if graph.moment.known_at:
        return await disputed_entities_then(graph, graph.moment.known_at, after, limit)
    rows = await graph.read_query("disputed_entities", after=after, limit=limit)
    return [entity_public(row["props"]) for row in rows]
