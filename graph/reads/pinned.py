"""One moment for an answer read in many queries: the revision head at its start.

Neo4j's transactions read what has committed when each query runs (read committed), so
an export read in pages straddles the writes that commit between them: it could hold a
fact and miss its end entity, retracted and restored meanwhile. Every write records its
changes as revisions numbered in commit order, in the transaction that makes them
(:mod:`graph.history.revisions`). So an answer reads the head number first and, page by page,
puts every item changed by a later revision back as it stood at the head: the state
recorded by its last revision up to the head, or nothing if it did not exist then. What
the answer holds is the graph exactly as it stood when the head was written; when no
write races it, the check is one lookup on the revision number index per page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.domain import KIND_LABELS, EntityKind
from graph.store import Graph, Rows, holds_on, run

Row = dict[str, Any]
#: a fact's revision state names its type, which its stored (and exported) properties do
#: not; its ends' ids they hold too (stored on every fact since schema version 6)
NOT_STORED = ("type",)


@dataclass
class Head:
    """Where a pinned answer tells its caller the head it was pinned to (``value`` is set
    once its first query has run; None under ``known_at``, where the moment is a time)."""

    value: int | None = None


@dataclass
class Pin:
    """The head an answer is pinned to, and what changed after it (as it was then).

    Example:
        >>> pin = Pin(head=7, states={("entity", "b"): None})   # b was created after 7
        >>> [r["id"] for r in pin.entity_page([{"id": "a"}, {"id": "b"}], "", None)]
        ['a']
    """

    head: int
    #: (item, id) -> its state at the head; None when it did not exist then
    states: dict[tuple[str, str], Row | None] = field(default_factory=dict)
    #: entity ids merged into another after the head
    merged: set[str] = field(default_factory=set)

    def learn(self, changes: Iterable[Row]) -> None:
        """Take in the rows of ``changed_since`` (each item's state at the head)."""
        for change in changes:
            state = json.loads(change["state"]) if change["state"] else None
            self.states[(change["item"], change["item_id"])] = state
            if change["merged"] and change["item"] == "entity":
                self.merged.add(change["item_id"])

    def _changed(self, item: str) -> dict[str, Row | None]:
        return {i: s for (kind, i), s in self.states.items() if kind == item}

    def entity_page(
        self,
        rows: list[Row],
        lo: str,
        hi: str | None,
        *,
        ids: set[str] | None = None,
        include_retracted: bool = False,
    ) -> list[Row]:
        """A page of entities (ids in ``(lo, hi]``, ``hi`` None for the last page) as at
        the head."""
        changed = self._changed("entity")
        kept = [r for r in rows if r["id"] not in changed]
        for entity_id, state in changed.items():
            if state is None or not _in(entity_id, lo, hi):
                continue
            if ids is not None and entity_id not in ids:
                continue
            if _hidden(state, include_retracted):
                continue
            labels = ["Entity", *KIND_LABELS[EntityKind(state["kind"])]]
            kept.append({"id": entity_id, "labels": labels, "props": state})
        return sorted(kept, key=lambda r: r["id"])

    def fact_page(
        self,
        rows: list[Row],
        lo: str,
        hi: str | None,
        *,
        ids: set[str] | None = None,
        include_retracted: bool = False,
        stated_only: bool = False,
        as_of: str | None = None,
    ) -> list[Row]:
        """A page of facts (starting at entities with ids in ``(lo, hi]``) as at the head,
        filtered as the page's query filters."""
        changed = self._changed("relationship")
        kept = [r for r in rows if r["id"] not in changed]
        for fact_id, state in changed.items():
            if state is None or not _in(state["from_id"], lo, hi):
                continue
            if ids is not None and not {state["from_id"], state["to_id"]} <= ids:
                continue
            props = {k: v for k, v in state.items() if k not in NOT_STORED}
            if _hidden(props, include_retracted):
                continue
            if stated_only and "stated" not in props["bases"]:
                continue
            if not holds_on(props.get("valid_from"), props.get("valid_to"), as_of):
                continue
            kept.append(
                {
                    "start": state["from_id"],
                    "id": fact_id,
                    "type": state["type"],
                    "from_id": state["from_id"],
                    "to_id": state["to_id"],
                    "props": props,
                }
            )
        return sorted(kept, key=lambda r: (r["start"], r["id"]))

    def sources(self, rows: list[Row], *, ids: set[str] | None = None) -> list[Row]:
        """The exported sources as at the head."""
        changed = self._changed("source")
        kept = [r for r in rows if r["id"] not in changed]
        kept += [
            {"id": source_id, "props": state}
            for source_id, state in changed.items()
            if state is not None and (ids is None or source_id in ids)
        ]
        return sorted(kept, key=lambda r: r["id"])

    def redirects(self, rows: list[Row]) -> list[Row]:
        """The merged ids as at the head: a merge after it had not happened, and an id it
        re-pointed (``via`` lists the ids it pointed at before) pointed where it did then."""
        kept = []
        for row in rows:
            if row["id"] in self.merged:
                continue
            via = list(row["props"].get("via") or [])
            for i, earlier in enumerate(via):
                if earlier in self.merged:
                    props = {**row["props"], "target": earlier, "via": via[:i]}
                    if not props["via"]:
                        del props["via"]
                    row = {**row, "props": props}
                    break
            kept.append(row)
        return kept


def _hidden(state: Row, include_retracted: bool) -> bool:
    """Whether an export leaves out an item in this state: one kept as it stood before a
    merge always (its past is no part of the present), a retracted one unless asked."""
    return bool(state.get("merged_into")) or (
        bool(state.get("retracted_at")) and not include_retracted
    )


def _in(key: str, lo: str, hi: str | None) -> bool:
    return key > lo and (hi is None or key <= hi)


async def settled_head(graph: Graph) -> int:
    """The revision head once every write numbered up to it is wholly visible.

    A write is applied to the store (and its indexes) record by record as it commits, so
    a reader can see part of it: the head it numbered, say, before the entities it
    created. Every write holds the revision log's lock until it has committed whole, so
    taking that lock, for a moment, in a transaction of its own, waits for any write
    still committing.
    """

    async def hold(tx: AsyncManagedTransaction) -> int:
        (row,) = await run(tx, "hold_revision_log")
        return int(row["head"])

    return await graph.write(hold)


async def pin_head(graph: Graph) -> Pin:
    """Pin an answer to the revision head, settled (:func:`settled_head`): open its read
    transaction after this, so that it sees every write up to the head whole."""
    return Pin(head=await settled_head(graph))


async def catch_up(graph: Graph, rows: Rows, pin: Pin) -> None:
    """Learn what changed after the pin's head so far: call it after reading a page. The
    writes the page may have seen in part are settled first, so their revisions are
    seen whole, and every change the page could have seen is known."""
    await settled_head(graph)
    pin.learn([row async for row in rows("changed_since", head=pin.head)])
