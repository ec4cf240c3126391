"""Bulk mode's database half: is the database empty, and the second pass after an import.

The import itself runs with the server stopped (:mod:`neo4j_local.bulk_import`); what it
writes comes from :mod:`graph.writes.columnar` (and :mod:`graph.writes.bulk_rows` for the
items planned one by one). Once the server is up again and the schema is applied,
:func:`set_empty_lists` gives entities the empty lists they store, property by property,
and :func:`apply_fixups` writes the few items the CSV could not carry whole, with the write
path's own upsert queries.
"""

from __future__ import annotations

from typing import Any

from neo4j import AsyncManagedTransaction

from graph.store import Graph, run
from graph.writes.bulk_rows import Fixups

#: Rows per transaction in the second pass.
FIXUP_CHUNK = 5_000
#: Entities per transaction when their empty lists are set.
EMPTY_LIST_CHUNK = 50_000


async def holds_data(graph: Graph) -> bool:
    """Whether the database holds any node besides the schema's version."""
    (row,) = await graph.read_query("any_stored_node")
    return bool(row["found"])


async def apply_fixups(graph: Graph, fixups: Fixups) -> int:
    """Write the items the import left incomplete; how many. Each row is the item's whole
    planned row, so the item ends as the write path would have stored it."""
    done = 0
    for name, rows in fixups.by_query().items():
        for start in range(0, len(rows), FIXUP_CHUNK):
            part = rows[start : start + FIXUP_CHUNK]

            async def work(
                tx: AsyncManagedTransaction, name: str = name, part: list[dict[str, Any]] = part
            ) -> int:
                (found,) = await run(tx, name, rows=part)
                return int(found["written"])

            written = await graph.write(work)
            if written != len(part):
                raise RuntimeError(f"{name} wrote {written} of {len(part)} rows after the import")
            done += written
    return done


async def set_empty_lists(graph: Graph, empty: dict[str, list[str]]) -> int:
    """Set each list property the entities of ``empty`` (property -> ids) store empty;
    how many were set."""
    done = 0
    for prop, ids in empty.items():
        for start in range(0, len(ids), EMPTY_LIST_CHUNK):
            part = ids[start : start + EMPTY_LIST_CHUNK]

            async def work(
                tx: AsyncManagedTransaction, part: list[str] = part, prop: str = prop
            ) -> int:
                (found,) = await run(tx, "set_empty_lists", ids=part, empty={prop: []})
                return int(found["written"])

            written = await graph.write(work)
            if written != len(part):
                raise RuntimeError(f"set {prop} on {written} of {len(part)} entities")
            done += written
    return done
