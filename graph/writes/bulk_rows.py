"""Bulk mode's per-item form: a checked seed as the CSV files ``neo4j-admin database import``
reads, holding the graph the write path would write. Bulk mode plans by columns
(:mod:`graph.writes.columnar`); it uses these tables for the items the columns leave to the
per-item plan, and ``tests/writes/test_columnar_plan.py`` holds the columnar plan to what
:func:`import_tables` makes of a whole load.

:func:`plan_empty` runs the write path's own pure steps (:func:`~graph.writes.check.check`
and :func:`~graph.writes.plan.plan`) against an empty :class:`~graph.writes.check.Snapshot`,
so ids, labels and properties are exactly what :func:`graph.writes.batches.apply_plan` stores, and
its revision rows become the history (``seq`` 1..N and the one ``:RevisionLog``) that
``cypher/queries/record_revisions.cypher`` would record. :func:`write_csv` writes them as
one CSV file per label set (or type) and property layout, every header typed.

The import's CSV cannot carry every value: an empty list reads back as no property, and
list elements lose surrounding whitespace. Such items are left to :class:`Fixups`, rows
for the write path's own upsert queries, which run once the imported database is up.
Nothing here touches a database; ``tests/writes/test_bulk_seed.py`` tests it without Neo4j too.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.domain import Batch, EntityKind
from graph.store import Author
from graph.writes.check import PendingItems, Snapshot, check, refusal
from graph.writes.plan import WritePlan, plan

#: Between a list's elements in a CSV field (``--array-delimiter``); an element holding it
#: is left to the fix-ups.
ARRAY_DELIMITER = "\x1f"
#: The import reads a field holding only whitespace as a list of one empty string.
ONE_EMPTY_STRING = " "
_LONG = range(-(2**63), 2**63)


def plan_empty(batch: Batch, *, now: str) -> WritePlan:
    """What the write path would write for ``batch`` into an empty graph, stamped ``now``.

    Raises what a write would: :class:`~graph.errors.InvalidInput` naming every problem
    (pointers into the whole batch: ``/relationships/12/to_id``), or
    :class:`~graph.errors.Conflict`.
    """
    pending = PendingItems(
        entities={e.id: EntityKind(e.kind) for e in batch.entities},
        sources=frozenset(s.id for s in batch.sources),
    )
    snapshot = Snapshot(pending=pending)
    error = refusal(check(batch, snapshot))
    if error is None:  # planned once checked: a plan takes a checked batch
        planned = plan(batch, snapshot, now=now)
        error = refusal(planned.problems)
    if error is not None:
        raise error
    return planned


def _scalar(value: Any) -> tuple[str, str] | None:
    """A value's import type and text, or None when the import cannot hold it."""
    if type(value) is str:  # most values: checked first, exactly, as it is millions of calls
        return "string", value
    if isinstance(value, bool):
        return "boolean", "true" if value else "false"
    if isinstance(value, int):
        return ("long", str(value)) if value in _LONG else None
    if isinstance(value, float):
        return ("double", repr(value)) if math.isfinite(value) else None
    if isinstance(value, str):
        return "string", value
    return None


def _element_survives(text: str) -> bool:
    """Whether a list element reads back as written: the import trims each element."""
    if ARRAY_DELIMITER in text:
        return False
    return text == "" or (text == text.strip() and text[0] > " " and text[-1] > " ")


def cell(value: Any) -> tuple[str, str] | None:
    """A property value's typed header (``string[]``) and field text, or None when the
    CSV cannot carry it exactly (an empty list, an element with surrounding whitespace).

    Example:
        >>> cell(["", "b"]), cell([""]), cell([]), cell(0.1)
        (('string[]', '\\x1fb'), ('string[]', ' '), None, ('double', '0.1'))
    """
    if not isinstance(value, list):
        return _scalar(value)
    if value and all(type(v) is str for v in value):  # the usual list: texts, no conversion
        if all(_element_survives(t) for t in value):
            return "string[]", ARRAY_DELIMITER.join(value) or ONE_EMPTY_STRING
        return None
    elements = [_scalar(v) for v in value]
    if not elements or None in elements or len({e[0] for e in elements if e}) != 1:
        return None
    kind = elements[0][0] if elements[0] else ""
    texts = [e[1] for e in elements if e]
    if kind == "string" and not all(_element_survives(t) for t in texts):
        return None
    return f"{kind}[]", ARRAY_DELIMITER.join(texts) or ONE_EMPTY_STRING


@dataclass
class Fixups:
    """Rows for the write path's upsert queries, for items the CSV could not carry whole:
    each row is the item's whole planned row, so running it stores exactly what the plan
    says (``upsert_sources``, ``upsert_entities``, ``update_relationships``)."""

    sources: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    relationships: list[dict[str, Any]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.sources) + len(self.entities) + len(self.relationships)

    def by_query(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "upsert_sources": self.sources,
            "upsert_entities": self.entities,
            "update_relationships": self.relationships,
        }


Layout = tuple[tuple[str, str], ...]  # (property, import type) in column order


@dataclass
class Table:
    """Rows of one label set (or relationship type) and one property layout."""

    kind: str  # "nodes" or "relationships"
    name: str  # labels joined by ":" (nodes) or the relationship type
    id_group: str | None  # nodes: the ID space of their ``id`` column, if they have one
    layout: Layout
    rows: list[list[str]] = field(default_factory=list)

    def header(self) -> list[str]:
        columns = [
            f"{k}:ID({self.id_group})" if k == "id" and self.id_group else f"{k}:{t}"
            for k, t in self.layout
        ]
        ends = [":START_ID(Entity)", ":END_ID(Entity)"] if self.kind == "relationships" else []
        return ends + columns


@dataclass
class ImportTables:
    """Everything the import writes, by table, with the counts it reports."""

    tables: dict[tuple[str, str, Layout], Table] = field(default_factory=dict)
    fixups: Fixups = field(default_factory=Fixups)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    multiline: bool = False

    def add(self, kind: str, name: str, props: Mapping[str, Any], ends: Iterable[str] = ()) -> bool:
        """Add one node (or relationship); False when a value had to be left out."""
        layout, texts, whole = [], [], True
        for prop, value in props.items():
            if value is None:
                continue
            found = cell(value)
            if found is None:
                whole = False
                continue
            layout.append((prop, found[0]))
            texts.append(found[1])
            self.multiline = self.multiline or "\n" in found[1] or "\r" in found[1]
        key = (kind, name, tuple(layout))
        if key not in self.tables:
            group = name.split(":")[0] if kind == "nodes" and "id" in props else None
            self.tables[key] = Table(kind, name, group, tuple(layout))
        self.tables[key].rows.append([*ends, *texts])
        self.counts[name.split(":")[0] if kind == "nodes" else "relationships"] += 1
        return whole


def import_tables(planned: WritePlan, author: Author) -> ImportTables:
    """The planned sources, entities and relationships, and their revisions, as tables."""
    found = ImportTables()
    for row in planned.sources:
        if not found.add("nodes", "Source", row["props"]):
            found.fixups.sources.append(row)
    for row in planned.entities:
        if not found.add("nodes", ":".join(["Entity", *row["labels"]]), row["props"]):
            found.fixups.entities.append(row)
    for row in planned.relationships:
        ends = (row["from_id"], row["to_id"])
        if not found.add("relationships", row["type"], row["props"], ends):
            found.fixups.relationships.append(row)
    revisions = planned.revisions()
    for seq, rev in enumerate(revisions, start=1):
        props = {"seq": seq, "at": planned.at, "by": author.by, **rev, "reason": author.reason}
        if not found.add("nodes", "Revision", props):
            raise ValueError(f"revision {seq} holds a value the import cannot carry")
    if revisions:
        found.add("nodes", "RevisionLog", {"id": "revisions", "last": len(revisions)})
    return found


def _field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True)
class CsvFiles:
    """The files written, as ``neo4j-admin database import full`` takes them."""

    nodes: list[tuple[str, Path]]  # labels ("Entity:Organisation:Firm"), file
    relationships: list[tuple[str, Path]]  # type, file
    multiline: bool


def write_csv(tables: ImportTables, folder: Path) -> CsvFiles:
    """One CSV file per table in ``folder``, every field quoted, the header typed."""
    nodes: list[tuple[str, Path]] = []
    relationships: list[tuple[str, Path]] = []
    for number, table in enumerate(tables.tables.values(), start=1):
        path = folder / f"{table.kind}-{number:04d}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write(",".join(_field(h) for h in table.header()) + "\n")
            for row in table.rows:
                out.write(",".join(_field(t) for t in row) + "\n")
        (nodes if table.kind == "nodes" else relationships).append((table.name, path))
    return CsvFiles(nodes, relationships, tables.multiline)
