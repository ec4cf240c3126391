"""Bulk mode's columnar plan: a load into an empty graph planned column by column.

The per-item write path (:func:`~graph.writes.check.check`, :func:`~graph.writes.plan.plan`)
was built for one transaction's worth of items, and costs about 100 µs of Python an item:
at a million facts, longer than the import itself. In an empty graph most of its rules
have nothing to weigh: every item is created, an entity's sources all claim the values
sent, and a fact with one source answers with that source's claim. So the load is read
into columns (:mod:`graph.writes.columns`, one polars frame per kind and per type), and
what the import writes is computed on whole columns in Rust: references checked by joins;
ids, claims, the stored properties and each item's revision state (canonical JSON, keys
sorted) by expressions; the CSV written by polars (:mod:`graph.writes.columnar_csv`).

Polars rather than pyarrow: its expressions say what a column is made of (``concat_str``,
``list.join``, ``struct.json_encode``) where pyarrow's compute functions would be chained
by hand, and it writes the CSV itself.

What the columns do not express goes through the per-item plan, so those rules stay
written once: the sources (a load holds few), a fact of more than one source or with a
deprecated claim (the choice among claims), an item holding a list element the import
would trim or split, and a number below 1e-4, which JSON writes differently in Rust
(``0.00001``) and Python (``1e-05``). A load the columns find anything wrong with is
checked item by item, so a refusal names every problem exactly as a write would.
``tests/writes/test_columnar_plan.py`` generates loads and holds both plans to the same
imported graph, history and verdicts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from graph.domain import (
    KIND_LABELS,
    RELATIONSHIP_RULES,
    Batch,
    BatchResult,
    EntityIn,
    EntityKind,
    ItemCounts,
    RelationshipIn,
    RelType,
)
from graph.history import Item, Op, revision_row
from graph.writes.bulk_rows import ImportTables, plan_empty
from graph.writes.check import Snapshot
from graph.writes.columns import EXTERNAL, any_problem, kind_fields, qualifier_columns
from graph.writes.load_columns import LoadColumns
from graph.writes.plan import WritePlan, plan

#: the reason a choice gives when there is one claim (:func:`graph.records.claims.choose`)
ONLY_CLAIM = "the only claim"
#: what a revision row holds, in its columns' order
REVISION_COLUMNS = ("seq", "item", "item_id", "op", "state")


@dataclass
class ColumnarLoad:
    """What the import writes: frames of stored properties by table, the items planned
    one by one (with their fix-ups), and every item's revision, numbered in load order."""

    result: BatchResult  # the counts the load makes

    #: ("nodes" or "relationships", labels or type, the stored properties as columns;
    #: a relationship's frame starts with its ends, ``from_id`` and ``to_id``)
    frames: list[tuple[str, str, pl.DataFrame]] = field(default_factory=list)
    rest: ImportTables = field(default_factory=ImportTables)
    #: seq, item, item_id, op, state (canonical JSON of the stored properties)
    revisions: list[pl.DataFrame] = field(default_factory=list)
    items: int = 0
    stamped: str = ""  # the time every item and revision is stamped with
    #: the columns saw a problem the per-item check did not: every item was planned one by
    #: one (never expected; the agreement test fails on it)
    by_items: bool = False


def plan_load(batch: Batch, *, now: str) -> ColumnarLoad:
    """What the write path would write for ``batch`` into an empty graph, stamped ``now``,
    planned by columns where they express the rule (see the module).

    Raises what :func:`~graph.writes.bulk_rows.plan_empty` raises for a load it refuses,
    naming every problem by its pointer into the batch.
    """
    columns = LoadColumns(sources=list(batch.sources))
    columns.add_entities(batch.entities)
    columns.add_facts(batch.relationships)
    load = plan_columns(columns, now=now)
    if load is None:
        plan_empty(batch, now=now)  # raises the per-item check's refusal
        # the columns saw a problem the items do not have: every item planned one by one
        load = ColumnarLoad(result=_created(columns), items=columns.items, stamped=now)
        load.by_items = True
        every = (dict(enumerate(batch.entities)), dict(enumerate(batch.relationships)))
        _plan_rest(load, columns, *every, now)
    return load


def plan_columns(columns: LoadColumns, *, now: str) -> ColumnarLoad | None:
    """What the write path would write for the load gathered in ``columns``, stamped
    ``now``; None when the columns find something wrong with it (the items, checked one
    by one, say what: :func:`plan_load`)."""
    sources = pl.Series("id", [s.id for s in columns.sources], dtype=pl.String())
    entities, facts = columns.entity_frames(), columns.fact_frames()
    if any_problem(sources, list(entities.values()), facts):
        return None
    load = ColumnarLoad(result=_created(columns), items=columns.items, stamped=now)
    for kind, frame in entities.items():
        plain = frame.filter(~pl.col("odd")).drop("odd")
        _add_entities(load, kind, plain, now, offset=len(columns.sources))
    offset = len(columns.sources) + columns.entity_count
    for rel_type, frame in facts.items():
        _add_facts(load, rel_type, frame.filter(~pl.col("odd")).drop("odd"), now, offset)
    _plan_rest(load, columns, columns.odd_entities, columns.odd_facts, now)
    return load


def _created(columns: LoadColumns) -> BatchResult:
    """Every item of a load into an empty graph is created (the changes are not listed:
    the history holds one revision per item)."""
    return BatchResult(
        dry_run=False,
        sources=ItemCounts(created=len(columns.sources)),
        entities=ItemCounts(created=columns.entity_count),
        relationships=ItemCounts(created=columns.fact_count),
    )


def _by_layout(frame: pl.DataFrame, nullable: list[str]) -> list[pl.DataFrame]:
    """The frame split by which of ``nullable`` each row holds, each part without the
    columns none of its rows holds (one table of the import per layout)."""
    if frame.is_empty():
        return []
    flags = pl.concat_str([pl.col(c).is_null().cast(pl.String) for c in nullable])
    parts = frame.with_columns(_layout=flags).partition_by("_layout", include_key=False)
    return [
        p.drop([c for c in nullable if p.get_column(c).null_count() == p.height]) for p in parts
    ]


def _state(columns: list[str], extra: dict[str, pl.Expr] | None = None) -> pl.Expr:
    """Canonical JSON of the properties, keys sorted, as a revision keeps the state."""
    exprs = {c: pl.col(c) for c in columns} | (extra or {})
    return pl.struct([exprs[k].alias(k) for k in sorted(exprs)]).struct.json_encode()


def _claim(columns: list[str]) -> pl.Expr:
    """A claim's values as canonical JSON (:func:`graph.domain.claim_key`)."""
    return pl.struct(sorted(columns)).struct.json_encode() if columns else pl.lit("{}")


def _add_entities(
    load: ColumnarLoad, kind: EntityKind, frame: pl.DataFrame, now: str, offset: int
) -> None:
    """Entities of one kind: every source claims the values sent, so there is one claim,
    the answer, undisputed."""
    labels = ":".join(["Entity", *KIND_LABELS[kind]])
    nullable = ["description", *EXTERNAL, *(n for n, _ in kind_fields(kind))]
    for part in _by_layout(frame, nullable):
        attributes = [n for n, _ in kind_fields(kind) if n in part.columns]
        # {"s1":claim,"s2":claim}: sources sorted, as canonical JSON sorts keys (slugs
        # need no escaping)
        between = pl.lit('":') + pl.col("_claim") + pl.lit(',"')
        listed = pl.col("source_ids").list.sort().list.join(between)
        planned = part.with_columns(_claim=_claim(attributes)).with_columns(
            attribute_claims=pl.lit('{"') + listed + pl.lit('":') + pl.col("_claim") + "}",
            disputed=pl.lit(False),
            choice=pl.lit(ONLY_CLAIM),
            created_at=pl.lit(now),
            updated_at=pl.lit(now),
        )
        props = [c for c in planned.columns if c not in ("order", "_claim")]
        planned = planned.with_columns(state=_state(props))
        load.revisions.append(_revisions(planned, Item.ENTITY, offset))
        load.frames.append(("nodes", labels, planned.select(props)))


def _add_facts(
    load: ColumnarLoad, rel_type: RelType, frame: pl.DataFrame, now: str, offset: int
) -> None:
    """Facts of one type with one attestation: its claim is the fact's values."""
    rule = RELATIONSHIP_RULES[rel_type]
    for part in _by_layout(frame, [n for n, _ in qualifier_columns(rel_type)]):
        quals = [n for n, _ in qualifier_columns(rel_type) if n in part.columns]
        one = {
            "source_ids": pl.col("a_source"),
            "evidence": pl.col("a_evidence"),
            "confidences": pl.col("a_confidence"),
            "bases": pl.col("a_basis"),
            "reasons": pl.col("a_reason").fill_null(""),
            "ranks": pl.col("a_rank"),
            "claims": pl.col("_claim"),
        }
        planned = part.with_columns(_claim=_claim([q for q in quals if q != rule.key]))
        planned = planned.with_columns(
            **{name: pl.concat_list(expr) for name, expr in one.items()},
            confidence=pl.col("a_confidence"),
            disputed=pl.lit(False),
            choice=pl.lit(ONLY_CLAIM),
            created_at=pl.lit(now),
            updated_at=pl.lit(now),
        )
        props = ["id", "key", "from_id", "to_id", *quals, *one, "confidence", "disputed"]
        props += ["choice", "created_at", "updated_at"]
        planned = planned.with_columns(state=_state(props, {"type": pl.lit(rel_type.value)}))
        load.revisions.append(_revisions(planned, Item.RELATIONSHIP, offset))
        load.frames.append(("relationships", rel_type.value, planned.select(props)))


def _revisions(frame: pl.DataFrame, item: Item, offset: int) -> pl.DataFrame:
    return frame.select(
        seq=pl.col("order") + offset + 1,
        item=pl.lit(item.value),
        item_id=pl.col("id"),
        op=pl.lit(Op.CREATED.value),
        state=pl.col("state"),
    )


def _plan_rest(
    load: ColumnarLoad,
    columns: LoadColumns,
    entities: Mapping[int, EntityIn],
    facts: Mapping[int, RelationshipIn],
    now: str,
) -> None:
    """The sources, and the items the columns leave (by their index in the load), planned
    one by one by the write path (it weighs a fact's claims by its sources' dates: every
    source is in the plan); their revisions numbered by where the items stand in the load."""
    at = sorted(entities), sorted(facts)
    part = Batch.model_construct(
        None,
        sources=columns.sources,
        entities=[entities[i] for i in at[0]],
        relationships=[facts[i] for i in at[1]],
    )
    planned = plan(part, Snapshot(), now=now)  # a plan reads no pending items: only checks do
    seq = {(Item.SOURCE, s.id): i + 1 for i, s in enumerate(columns.sources)}
    first = len(columns.sources) + 1
    seq |= {(Item.ENTITY, entities[i].id): first + i for i in at[0]}
    first += columns.entity_count
    seq |= {(Item.RELATIONSHIP, facts[i].rel_id): first + i for i in at[1]}
    found = [
        {"seq": seq[item, item_id], **revision_row(item, item_id, Op.CREATED, state)}
        for item, item_id, state in _add_rest(load.rest, planned)
    ]
    if found:
        schema = {"seq": pl.Int64(), **{c: pl.String() for c in REVISION_COLUMNS[1:]}}
        load.revisions.append(pl.DataFrame(found, schema=schema))


def _add_rest(tables: ImportTables, planned: WritePlan) -> list[tuple[Item, str, dict[str, Any]]]:
    """The per-item plan's rows in the import's tables (an item holding what the CSV cannot
    carry among the fix-ups); each item's state as its revision keeps it."""
    states: list[tuple[Item, str, dict[str, Any]]] = []
    for row in planned.sources:
        if not tables.add("nodes", "Source", row["props"]):
            tables.fixups.sources.append(row)
        states.append((Item.SOURCE, row["id"], row["props"]))
    for row in planned.entities:
        if not tables.add("nodes", ":".join(["Entity", *row["labels"]]), row["props"]):
            tables.fixups.entities.append(row)
        states.append((Item.ENTITY, row["id"], row["props"]))
    for row in planned.relationships:
        ends = (row["from_id"], row["to_id"])
        if not tables.add("relationships", row["type"], row["props"], ends):
            tables.fixups.relationships.append(row)
        state = {**row["props"], "type": row["type"], "from_id": ends[0], "to_id": ends[1]}
        states.append((Item.RELATIONSHIP, row["id"], state))
    return states
