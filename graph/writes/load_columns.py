"""A load gathered as columns, chunk by chunk, so its items need not all be alive at once.

:class:`LoadColumns` takes validated items a chunk at a time and keeps, of each chunk, its
frames (:mod:`graph.writes.columns`), each row marked ``odd`` when the per-item plan must
weigh it, and the models of those odd rows alone: a million facts kept as models take
about 3 GB, as columns a small part of that. :func:`graph.writes.columnar.plan_columns`
plans what it gathered.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

from graph.domain import (
    RELATIONSHIP_RULES,
    EntityIn,
    EntityKind,
    RelationshipIn,
    RelType,
    SourceIn,
)
from graph.writes.columns import (
    entity_frame,
    kind_fields,
    lost_element,
    lost_text,
    qualifier_columns,
    relationship_frame,
    with_ids,
)

#: below this (and above 0), Rust writes a number in JSON as ``0.00001``, Python as ``1e-05``
SHARED_FLOATS = 1e-4
_KINDS = {k.value: k for k in EntityKind}


def _small_float(columns: list[str]) -> pl.Expr:
    tests = [pl.col(c).abs().is_between(0, SHARED_FLOATS, closed="none") for c in columns]
    return pl.any_horizontal(tests).fill_null(False) if tests else pl.lit(False)


def odd_entity(kind: EntityKind) -> pl.Expr:
    """The entities the per-item plan writes: a number or a list element the columns
    would not write as Python does."""
    floats = [n for n, t in kind_fields(kind) if t == pl.Float64()]
    return _small_float(floats) | lost_element("aliases") | lost_element("name_keys")


def odd_fact(rel_type: RelType) -> pl.Expr:
    """The facts the per-item plan weighs: more than one source or a deprecated claim (a
    choice among claims), or a number or text the columns would not write as Python does.
    (A span refuses the load: an empty graph holds no text to point into.)"""
    columns = qualifier_columns(rel_type)
    floats = [n for n, t in columns if t == pl.Float64()]
    odd = (pl.col("attestations") != 1) | (pl.col("a_rank") == "deprecated")
    odd = odd | _small_float([*floats, "a_confidence"])
    odd = odd | lost_text(pl.col("a_evidence")) | lost_text(pl.col("a_reason").fill_null(""))
    key = RELATIONSHIP_RULES[rel_type].key
    if key and dict(columns)[key] != pl.String():
        return pl.lit(True)  # a key that is not a text: its id is written by Python's str()
    return odd


@dataclass
class LoadColumns:
    """A load's sources, and its entities and facts as frames by kind and type (each row
    with its index in the load, ``order``, and whether it is ``odd``), with the models of
    the odd rows by index."""

    sources: list[SourceIn] = field(default_factory=list)
    entities: dict[EntityKind, list[pl.DataFrame]] = field(default_factory=dict)
    facts: dict[RelType, list[pl.DataFrame]] = field(default_factory=dict)
    odd_entities: dict[int, EntityIn] = field(default_factory=dict)
    odd_facts: dict[int, RelationshipIn] = field(default_factory=dict)
    entity_count: int = 0
    fact_count: int = 0

    @property
    def items(self) -> int:
        return len(self.sources) + self.entity_count + self.fact_count

    def add_entities(self, chunk: Sequence[EntityIn]) -> None:
        """The next entities of the load, in its order."""
        by_kind: dict[EntityKind, list[tuple[int, EntityIn]]] = defaultdict(list)
        for i, e in enumerate(chunk, start=self.entity_count):
            by_kind[_KINDS[e.kind]].append((i, e))
        for kind, items in by_kind.items():
            frame = entity_frame(kind, items).with_columns(odd=odd_entity(kind))
            self.entities.setdefault(kind, []).append(frame)
            models = dict(items)
            for i in frame.filter(pl.col("odd")).get_column("order"):
                self.odd_entities[i] = models[i]
        self.entity_count += len(chunk)

    def add_facts(self, chunk: Sequence[RelationshipIn]) -> None:
        """The next facts of the load, in its order."""
        by_type: dict[RelType, list[tuple[int, RelationshipIn]]] = defaultdict(list)
        for i, r in enumerate(chunk, start=self.fact_count):
            by_type[r.type].append((i, r))  # a RelType once validated
        for rel_type, items in by_type.items():
            frame = with_ids(rel_type, relationship_frame(rel_type, items))
            frame = frame.with_columns(odd=odd_fact(rel_type))
            self.facts.setdefault(rel_type, []).append(frame)
            models = dict(items)
            for i in frame.filter(pl.col("odd")).get_column("order"):
                self.odd_facts[i] = models[i]
        self.fact_count += len(chunk)

    def entity_frames(self) -> dict[EntityKind, pl.DataFrame]:
        return {k: pl.concat(parts) for k, parts in self.entities.items()}

    def fact_frames(self) -> dict[RelType, pl.DataFrame]:
        return {t: pl.concat(parts) for t, parts in self.facts.items()}
