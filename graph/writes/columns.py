"""A load's items as columns: one polars frame per entity kind and per fact type, their
dtypes derived from the declaration, and the checks that run on whole columns.

Built from the validated models in one pass (each model's ``__dict__``, no dumps), so the
columnar plan (:mod:`graph.writes.columnar`) starts from typed columns. Everything here is
pure; ``tests/writes/test_columnar_plan.py`` tests it without Neo4j.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import polars as pl

from graph.domain import (
    DATES,
    DOMAIN,
    KIND_FIELDS,
    QUALIFIERS,
    RELATIONSHIP_RULES,
    EntityIn,
    EntityKind,
    ExternalIds,
    RelationshipIn,
    RelType,
    names,
)
from graph.writes.bulk_rows import ARRAY_DELIMITER

#: the external ids an entity stores flat (``wikidata``, ``ticker``)
EXTERNAL = tuple(ExternalIds.model_fields)
#: a fact's one attestation, as columns (``a_source``...)
ATTESTATION = ("source", "evidence", "confidence", "basis", "reason", "rank")


#: between the elements of a list while it is handed to polars as one text (validated
#: texts hold no control characters; a list whose text splits otherwise is built slowly)
_JOIN = "\x1f"


def list_column(name: str, lists: Sequence[Sequence[str]]) -> pl.Series:
    """A column of lists of texts. Polars builds a list column from Python lists one
    Series per row (about 5 µs each); from joined texts split in Rust, 0.1 µs."""
    frame = pl.DataFrame(
        {"n": [len(x) for x in lists], "joined": [_JOIN.join(x) for x in lists]},
        schema={"n": pl.Int64(), "joined": pl.String()},
    )
    split = pl.col("joined").str.split(_JOIN).list.slice(0, pl.col("n"))
    found = frame.select(split.alias(name), ok=split.list.len() == pl.col("n"))
    if not found.get_column("ok").all():
        return pl.Series(name, lists, dtype=pl.List(pl.String()))
    return found.get_column(name)


def _dtype(field_type: str) -> pl.DataType:
    """A declared field type's column type (every other type is a text)."""
    return pl.Float64() if field_type == "amount" else pl.String()


def kind_fields(kind: EntityKind) -> list[tuple[str, pl.DataType]]:
    """A kind's own fields and their column types, in the declaration's order."""
    specs = {f.name: f for f in DOMAIN.kinds[kind.value].fields}
    return [(n, _dtype(specs[n].type)) for n in specs if n in KIND_FIELDS[kind]]


def qualifier_columns(rel_type: RelType) -> list[tuple[str, pl.DataType]]:
    """A fact type's qualifiers and dates, and their column types."""
    rule = RELATIONSHIP_RULES[rel_type]
    found = [(q, _dtype(DOMAIN.qualifiers[q].type)) for q in QUALIFIERS if q in rule.qualifiers]
    return found + [(d, pl.String()) for d in DATES]


def entity_frame(kind: EntityKind, items: Sequence[tuple[int, EntityIn]]) -> pl.DataFrame:
    """The entities of one kind (with their index in the load) as columns, with the
    folded ``name_keys`` each stores."""
    fields = kind_fields(kind)
    dicts = [e.__dict__ for _, e in items]
    columns: dict[str, list[Any]] = {
        "order": [i for i, _ in items],
        "kind": [d["kind"] for d in dicts],
        "id": [d["id"] for d in dicts],
        "name": [d["name"] for d in dicts],
        "aliases": [d["aliases"] for d in dicts],
        "description": [d["description"] for d in dicts],
    }
    for ext in EXTERNAL:
        columns[ext] = [getattr(d["external_ids"], ext) for d in dicts]
    columns["source_ids"] = [d["sources"] for d in dicts]
    columns["name_keys"] = [names.name_keys(d["name"], d["aliases"]) for d in dicts]
    for name, _ in fields:
        columns[name] = [d[name] for d in dicts]
    schema: dict[str, pl.DataType] = {
        "order": pl.Int64(),
        "kind": pl.String(),
        "id": pl.String(),
        "name": pl.String(),
        "aliases": pl.List(pl.String()),
        "description": pl.String(),
        **{ext: pl.String() for ext in EXTERNAL},
        "source_ids": pl.List(pl.String()),
        "name_keys": pl.List(pl.String()),
        **dict(fields),
    }
    lists = ("aliases", "source_ids", "name_keys")
    frame = pl.DataFrame(
        {k: v for k, v in columns.items() if k not in lists},
        schema={k: v for k, v in schema.items() if k not in lists},
    )
    return frame.with_columns(list_column(n, columns[n]) for n in lists).select(list(schema))


def relationship_frame(
    rel_type: RelType, items: Sequence[tuple[int, RelationshipIn]]
) -> pl.DataFrame:
    """The facts of one type as columns: ends, qualifiers, dates, the first attestation
    (``a_source``...), how many there are, every source cited and whether one has a span."""
    quals = qualifier_columns(rel_type)
    dicts = [r.__dict__ for _, r in items]
    firsts = [d["attestations"][0].__dict__ for d in dicts]
    columns: dict[str, list[Any]] = {
        "order": [i for i, _ in items],
        "from_id": [d["from_id"] for d in dicts],
        "to_id": [d["to_id"] for d in dicts],
    }
    for name, _ in quals:
        columns[name] = [d[name] for d in dicts]
    for name in ATTESTATION:
        columns[f"a_{name}"] = [a[name] for a in firsts]
    columns["attestations"] = [len(d["attestations"]) for d in dicts]
    columns["cited"] = [[a.source for a in d["attestations"]] for d in dicts]
    columns["spans"] = [any(a.selector is not None for a in d["attestations"]) for d in dicts]
    schema: dict[str, pl.DataType] = {
        "order": pl.Int64(),
        "from_id": pl.String(),
        "to_id": pl.String(),
        **dict(quals),
        **{f"a_{n}": pl.Float64() if n == "confidence" else pl.String() for n in ATTESTATION},
        "attestations": pl.Int64(),
        "cited": pl.List(pl.String()),
        "spans": pl.Boolean(),
    }
    cited = list_column("cited", columns.pop("cited"))
    del schema["cited"]
    return pl.DataFrame(columns, schema=schema).with_columns(cited)


def with_ids(rel_type: RelType, frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with each fact's ``key`` (its key qualifier as text, ``""`` without one)
    and ``id`` (``from|TYPE|to`` and ``|key`` when it has one, as
    :func:`graph.domain.relationship_id` writes it)."""
    rule = RELATIONSHIP_RULES[rel_type]
    key = pl.col(rule.key).fill_null("") if rule.key else pl.lit("")
    base = pl.concat_str(pl.col("from_id"), pl.lit(f"|{rel_type.value}|"), pl.col("to_id"))
    rel_id = pl.when(pl.col("key") == "").then(base).otherwise(base + "|" + pl.col("key"))
    return frame.with_columns(key=key).with_columns(id=rel_id)


@functools.cache
def _python_whitespace() -> str:
    """What Python's ``str.strip`` strips (Rust's idea of whitespace is not the same)."""
    return "".join(f"\\x{{{ord(c):x}}}" for c in map(chr, range(0x110000)) if c.isspace())


def lost_text(text: pl.Expr) -> pl.Expr:
    """Whether a text, as a list element, would not read back from the import as written
    (:func:`graph.writes.bulk_rows.cell`: the import trims it, and splits at the delimiter)."""
    edge = f"[\\x00-\\x20{_python_whitespace()}]"
    return (text != "") & (
        text.str.contains(f"^{edge}|{edge}$") | text.str.contains(ARRAY_DELIMITER, literal=True)
    )


def lost_element(column: str) -> pl.Expr:
    """Whether some element of a list column would not read back as written."""
    return pl.col(column).list.eval(lost_text(pl.element())).list.any()


def citations(entities: Sequence[pl.DataFrame], facts: Sequence[pl.DataFrame]) -> pl.Series:
    """Every source id the load cites."""
    cited = [f.get_column("source_ids").explode() for f in entities]
    cited += [f.get_column("cited").explode() for f in facts]
    return pl.concat(cited) if cited else pl.Series(dtype=pl.String())


def any_problem(
    source_ids: pl.Series,
    entities: Sequence[pl.DataFrame],
    facts: dict[RelType, pl.DataFrame],
) -> bool:
    """Whether the per-item check could find anything wrong with the load in an empty
    graph: an id given twice, a source or an end that is not in the load, an end of a
    kind the type does not join, a span (an empty graph holds no text to point into)."""
    kinds = (
        pl.concat([f.select("id", "kind") for f in entities])
        if entities
        else pl.DataFrame(schema={"id": pl.String(), "kind": pl.String()})
    )
    if source_ids.is_duplicated().any() or kinds.get_column("id").is_duplicated().any():
        return True
    if not citations(entities, list(facts.values())).is_in(source_ids.implode()).all():
        return True
    ids = [f.get_column("id") for f in facts.values()]
    if ids and pl.concat(ids).is_duplicated().any():
        return True
    for rel_type, frame in facts.items():
        rule = RELATIONSHIP_RULES[rel_type]
        if frame.get_column("spans").any():
            return True
        for end, allowed in (("from_id", rule.sources), ("to_id", rule.targets)):
            joined = frame.select(end).join(kinds, left_on=end, right_on="id", how="left")
            ok = pl.col("kind").is_in(sorted(k.value for k in allowed))
            if not joined.select(ok.fill_null(False).all()).item():
                return True
    return False
