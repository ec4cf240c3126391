"""A columnar load as the CSV files ``neo4j-admin database import full`` reads.

One file per table (labels or type, and layout of properties), every field quoted, every
header typed, as :func:`graph.writes.bulk_rows.write_csv` writes the per-item tables; the
frames are turned into text columns and written by polars. An empty list cannot be carried
by the import's CSV (it reads back as no property): an entity's empty lists are left out
of its row and listed, property by property, for :func:`graph.writes.bulk.set_empty_lists`
to set once the database is up.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from graph.store import Author
from graph.writes.bulk_rows import ARRAY_DELIMITER, ONE_EMPTY_STRING, CsvFiles, write_csv
from graph.writes.columnar import REVISION_COLUMNS, ColumnarLoad

_TYPES: dict[type[pl.DataType], str] = {
    pl.String: "string",
    pl.Float64: "double",
    pl.Int64: "long",
    pl.Boolean: "boolean",
}


@dataclass
class LoadFiles:
    """The files written, and the entities' lists to set empty after the import."""

    csv: CsvFiles
    #: property -> ids of the entities that store it as an empty list
    empty_lists: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def _import_type(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.List):
        return _import_type(dtype.inner) + "[]"  # type: ignore[arg-type]
    return _TYPES[type(dtype)]


def _text(name: str, dtype: pl.DataType) -> pl.Expr:
    """A column as the import's field texts (a list joined by the delimiter; a list of one
    empty text as one space, which the import reads back as such)."""
    column = pl.col(name)
    if isinstance(dtype, pl.List):
        joined = column.cast(pl.List(pl.String)).list.join(ARRAY_DELIMITER)
        return pl.when(joined == "").then(pl.lit(ONE_EMPTY_STRING)).otherwise(joined)
    return column.cast(pl.String)


def _header(name: str, dtype: pl.DataType, id_group: str | None) -> str:
    if name == "id" and id_group:
        return f"id:ID({id_group})"
    return f"{name}:{_import_type(dtype)}"


def _as_texts(frame: pl.DataFrame, id_group: str | None, ends: bool) -> pl.DataFrame:
    texts = [
        _text(name, dtype).alias(_header(name, dtype, id_group))
        for name, dtype in frame.schema.items()
    ]
    if ends:
        texts = [
            pl.col("from_id").alias(":START_ID(Entity)"),
            pl.col("to_id").alias(":END_ID(Entity)"),
            *texts,
        ]
    return frame.select(texts)


def _without_empty_lists(frame: pl.DataFrame, empty: dict[str, list[str]]) -> list[pl.DataFrame]:
    """The frame's parts by which of its lists are empty, those lists left out (their
    entities listed in ``empty``)."""
    lists = [n for n, t in frame.schema.items() if isinstance(t, pl.List)]
    flags = [pl.col(n).list.len() == 0 for n in lists]
    if not lists or not frame.select(pl.any_horizontal(flags).any()).item():
        return [frame]
    parts = []
    keys = pl.concat_str([f.cast(pl.String) for f in flags])
    for part in frame.with_columns(_empty=keys).partition_by("_empty", include_key=False):
        gone = [n for n in lists if part.get_column(n).list.len().max() == 0]
        for name in gone:
            empty.setdefault(name, []).extend(part.get_column("id").to_list())
        parts.append(part.drop(gone))
    return parts


def _has_line_breaks(frame: pl.DataFrame) -> bool:
    texts = [pl.col(n).str.contains("[\n\r]") for n, t in frame.schema.items() if t == pl.String]
    return bool(texts) and bool(frame.select(pl.any_horizontal(texts).any()).item())


def write_load(load: ColumnarLoad, author: Author, folder: Path) -> LoadFiles:
    """Every table of ``load`` as a CSV file in ``folder``, its history with it."""
    nodes: list[tuple[str, Path]] = []
    relationships: list[tuple[str, Path]] = []
    counts: dict[str, int] = defaultdict(int)
    empty: dict[str, list[str]] = {}
    multiline = False
    number = 0
    for kind, name, frame in load.frames:
        counts[name.split(":")[0] if kind == "nodes" else "relationships"] += frame.height
        parts = _without_empty_lists(frame, empty) if kind == "nodes" else [frame]
        for part in parts:
            number += 1
            texts = _as_texts(part, "Entity" if kind == "nodes" else None, kind != "nodes")
            multiline = multiline or _has_line_breaks(texts)
            path = folder / f"{kind}-{number:04d}.csv"
            texts.write_csv(path, quote_style="always")
            (nodes if kind == "nodes" else relationships).append((name, path))
    history = _history(load, author)
    counts["Revision"] = history.height
    multiline = multiline or _has_line_breaks(history)
    nodes.append(("Revision", folder / "revisions.csv"))
    _as_texts(history, None, False).write_csv(nodes[-1][1], quote_style="always")
    if history.height:
        log = pl.DataFrame({"id": ["revisions"], "last": [history.height]})
        nodes.append(("RevisionLog", folder / "revision-log.csv"))
        _as_texts(log, "RevisionLog", False).write_csv(nodes[-1][1], quote_style="always")
        counts["RevisionLog"] = 1
    rest_folder = folder / "items"
    rest_folder.mkdir(exist_ok=True)
    rest = write_csv(load.rest, rest_folder)
    for key, value in load.rest.counts.items():
        counts[key] += value
    files = CsvFiles(
        nodes + rest.nodes, relationships + rest.relationships, multiline or rest.multiline
    )
    return LoadFiles(files, empty, dict(counts))


def _history(load: ColumnarLoad, author: Author) -> pl.DataFrame:
    """One revision per item, in load order, as the write path records them."""
    schema = {"seq": pl.Int64(), **{c: pl.String() for c in REVISION_COLUMNS[1:]}}
    found = pl.concat(load.revisions) if load.revisions else pl.DataFrame(schema=schema)
    stamped = {"at": load.stamped, "by": author.by, "reason": author.reason}
    return found.sort("seq").with_columns(
        **{k: pl.lit(v, dtype=pl.String) for k, v in stamped.items() if v is not None}
    )
