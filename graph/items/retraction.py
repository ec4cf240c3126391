"""Retract, restore, purge: taking entities and facts out of the current graph.

Retracting hides an item from current answers and keeps it, with its sources and its
history, marked with when, by whom and why (``include_retracted=true`` shows it; so does
``known_at`` before the retraction). Restoring brings it back. Purging erases it for good
(a legal removal): the item, its facts, and their earlier states in the history are gone,
and a tombstone revision says that something was purged, when, by whom and why.
"""

from __future__ import annotations

from typing import Any

from neo4j import AsyncManagedTransaction

from graph.domain import parse_relationship_id, relationship_id
from graph.errors import Conflict, InvalidInput, NotFound
from graph.history import Item, Op, erase_history, record, revision_row, transaction_time
from graph.records import EntityPublic, entity_public
from graph.store import NOW, Graph, Moment, run


def split_relationship_id(rel_id: str) -> dict[str, str]:
    """The id, ends and type a fact's id names (422 naming ``rel_id`` when it names none)."""
    try:
        rel_type, from_id, to_id, _ = parse_relationship_id(rel_id)
    except ValueError as exc:
        raise InvalidInput(f"relationship id '{rel_id}': {exc}", pointer="rel_id") from exc
    return {"id": rel_id, "from_id": from_id, "to_id": to_id, "type": rel_type.value}


async def fact_key_at(
    tx: AsyncManagedTransaction, key: dict[str, str], moment: Moment = NOW
) -> dict[str, str] | None:
    """A fact's key (from :func:`split_relationship_id`) with its ends as they resolve at
    the moment: an end merged by then stands for its survivor, as the moved fact does (its
    id names the survivor from the merge on). None when no end was merged by then.

    Example:
        >>> await fact_key_at(tx, split_relationship_id("h2|LOCATED_IN|hloc"))  # doctest: +SKIP
        {'id': 'h4|LOCATED_IN|hloc', 'from_id': 'h4', 'to_id': 'hloc', 'type': 'LOCATED_IN'}
    """
    ends = [key["from_id"], key["to_id"]]
    rows = await run(tx, "resolve_ids", ids=ends, known_at=moment.known_at)
    resolved = {row["id"]: row["resolved"] for row in rows}
    from_id, to_id = resolved[ends[0]], resolved[ends[1]]
    if [from_id, to_id] == ends:
        return None
    rel_type, _, _, identity = parse_relationship_id(key["id"])
    new_id = relationship_id(rel_type, from_id, to_id, identity)
    return {"id": new_id, "from_id": from_id, "to_id": to_id, "type": key["type"]}


async def _locked_entity(tx: AsyncManagedTransaction, entity_id: str, verb: str) -> dict[str, Any]:
    """The entity, write-locked (a fact written meanwhile waits, then sees the change)."""
    (locked,) = await run(tx, "lock_entities", ids=[entity_id])
    if locked["found"]:
        props: dict[str, Any] = locked["found"][0]["props"]
        return props
    (merged,) = await run(tx, "redirects_by_ids", ids=[entity_id])
    if merged["found"]:
        survivor = merged["found"][0]["target"]
        raise Conflict(
            f"'{entity_id}' was merged into '{survivor}'; {verb} that id", pointer="entity_id"
        )
    raise NotFound(f"no entity with id '{entity_id}'", pointer="entity_id")


def _fact_rows(facts: list[dict[str, Any]], op: Op) -> list[dict[str, Any]]:
    return [revision_row(Item.RELATIONSHIP, f["id"], op, f) for f in facts]


async def retract_entity(graph: Graph, entity_id: str, *, cascade: bool = False) -> int:
    """Retract an entity; refuses while it has current facts, unless ``cascade`` retracts
    them with it. Returns how many facts were retracted with it."""

    async def work(tx: AsyncManagedTransaction) -> int:
        props = await _locked_entity(tx, entity_id, "retract")
        if props.get("retracted_at"):
            raise NotFound(
                f"entity '{entity_id}' is retracted already (restore it with "
                f"POST /entities/{entity_id}/restore)",
                pointer="entity_id",
            )
        degree: int = (await run(tx, "entity_degree", id=entity_id, current_only=True))[0]["degree"]
        if degree and not cascade:
            raise Conflict(
                f"entity '{entity_id}' has {degree} current relationship(s); retract them "
                "first or pass cascade=true to retract them with it",
                pointer="cascade",
            )
        at, author = await transaction_time(tx), graph.author
        (row,) = await run(
            tx, "retract_entity", id=entity_id, at=at, by=author.by, reason=author.reason
        )
        rows = [revision_row(Item.ENTITY, entity_id, Op.RETRACTED, row["entity"])]
        await record(tx, rows + _fact_rows(row["facts"], Op.RETRACTED), author, at)
        return len(row["facts"])

    return await graph.write(work)


async def restore_entity(graph: Graph, entity_id: str) -> EntityPublic:
    """Restore a retracted entity and the facts retracted with it."""

    async def work(tx: AsyncManagedTransaction) -> EntityPublic:
        props = await _locked_entity(tx, entity_id, "restore")
        if not props.get("retracted_at"):
            raise Conflict(f"entity '{entity_id}' is not retracted", pointer="entity_id")
        at = await transaction_time(tx)
        (row,) = await run(tx, "restore_entity", id=entity_id)
        rows = [revision_row(Item.ENTITY, entity_id, Op.RESTORED, row["entity"])]
        await record(tx, rows + _fact_rows(row["facts"], Op.RESTORED), graph.author, at)
        return entity_public(row["entity"])

    return await graph.write(work)


async def purge_entity(graph: Graph, entity_id: str, *, cascade: bool = False) -> int:
    """Erase an entity for good (and, with ``cascade``, every fact it has, retracted or
    not), with its earlier states in the history; a tombstone revision is left for each."""

    async def work(tx: AsyncManagedTransaction) -> int:
        await _locked_entity(tx, entity_id, "purge")
        # its facts, with those kept as they stood before a merge of their other end
        stored = await run(tx, "entity_relationships", id=entity_id, merged=True)
        own = [r for r in stored if not r["props"].get("merged_into")]
        if own and not cascade:
            raise Conflict(
                f"entity '{entity_id}' has {len(own)} relationship(s), retracted ones "
                "included; pass cascade=true to purge them with it",
                pointer="cascade",
            )
        at = await transaction_time(tx)
        # the entities merged into it, kept as they stood before, go with it
        kept = await run(tx, "merged_into_entity", id=entity_id)
        entity_ids = [entity_id, *(k["id"] for k in kept)]
        fact_ids = [r["props"]["id"] for r in stored] + [f for k in kept for f in k["facts"]]
        gone = [
            *((Item.ENTITY, e) for e in entity_ids),
            *((Item.RELATIONSHIP, f) for f in dict.fromkeys(fact_ids)),
        ]
        await erase_history(tx, gone)
        await run(tx, "delete_entity", id=entity_id)
        rows = [revision_row(item, item_id, Op.PURGED, None) for item, item_id in gone]
        await record(tx, rows, graph.author, at)
        return len(own)

    return await graph.write(work)


async def _change_fact(graph: Graph, rel_id: str, query: str, op: Op) -> dict[str, Any]:
    key = split_relationship_id(rel_id)

    async def work(tx: AsyncManagedTransaction) -> dict[str, Any] | None:
        params: dict[str, Any] = {"id": key["id"], "from_id": key["from_id"], "to_id": key["to_id"]}
        # the fact locked before the write is stamped: stamped after any write it waited for
        await run(tx, "lock_relationships", keys=[params])
        at, author = await transaction_time(tx), graph.author
        if op is Op.RETRACTED:
            params.update(at=at, by=author.by, reason=author.reason)
        rows = await run(tx, query, **params)
        if not rows:
            return None
        fact: dict[str, Any] = rows[0]["fact"]
        await record(tx, _fact_rows([fact], op), author, at)
        return fact

    fact = await graph.write(work)
    if fact is None and op is Op.RESTORED and await _ends_retracted(graph, key):
        raise Conflict(
            f"'{rel_id}' joins a retracted entity; restore the entity first", pointer="rel_id"
        )
    if fact is None:
        state = "current" if op is Op.RETRACTED else "retracted"
        raise NotFound(f"no {state} relationship with id '{rel_id}'", pointer="rel_id")
    return fact


async def _ends_retracted(graph: Graph, key: dict[str, str]) -> bool:
    """Whether the fact is stored retracted with an end that is retracted too."""
    rows = await graph.read_query(
        "relationship_by_id",
        id=key["id"],
        from_id=key["from_id"],
        to_id=key["to_id"],
        known_at=None,  # as stored now, retracted or not
        include_retracted=True,
    )
    if not rows:
        return False
    ends = await graph.read_query("entity_kinds_by_ids", ids=[key["from_id"], key["to_id"]])
    return any(found["retracted"] for found in ends[0]["found"])


async def retract_relationship(graph: Graph, rel_id: str) -> None:
    """Retract a current fact (404 when there is none by that id)."""
    await _change_fact(graph, rel_id, "retract_relationship", Op.RETRACTED)


async def restore_relationship(graph: Graph, rel_id: str) -> None:
    """Restore a retracted fact whose ends are current (404 otherwise)."""
    await _change_fact(graph, rel_id, "restore_relationship", Op.RESTORED)


async def purge_relationship(graph: Graph, rel_id: str) -> None:
    """Erase a fact for good, with its earlier states in the history; leave a tombstone."""
    key = split_relationship_id(rel_id)

    async def work(tx: AsyncManagedTransaction) -> int:
        rows = await run(
            tx, "delete_relationship", id=key["id"], from_id=key["from_id"], to_id=key["to_id"]
        )
        deleted = int(rows[0]["deleted"]) if rows else 0
        if deleted:
            at = await transaction_time(tx)
            await erase_history(tx, [(Item.RELATIONSHIP, rel_id)])
            rows = [revision_row(Item.RELATIONSHIP, rel_id, Op.PURGED, None)]
            await record(tx, rows, graph.author, at)
        return deleted

    if await graph.write(work) == 0:
        raise NotFound(f"no relationship with id '{rel_id}'", pointer="rel_id")
