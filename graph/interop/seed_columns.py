"""Seed files read into a load's columns a chunk at a time (bulk mode).

Each file is parsed, then validated ``CHUNK`` items at a time; a chunk's models become
columns (:class:`graph.writes.LoadColumns`, which keeps the models of the rare items the
per-item plan needs) and its parsed items are let go before the next, so a million facts
are never all alive as models (about 3 KB each). Evidence spans are left out, as bulk mode
writes into an empty graph, which holds no text to point into.

A file that does not validate is not reported here: the caller reads the files whole with
:func:`graph.interop.seeding.load_files`, which names file, item and field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.domain import Batch
from graph.interop.seed_texts import without_spans
from graph.interop.seeding import ADAPTERS, FAMILIES, read_file
from graph.writes import LoadColumns

#: items validated at a time
CHUNK = 50_000


def read_columns(paths: list[Path], *, chunk: int = CHUNK) -> LoadColumns | None:
    """The files' items gathered as columns, in the order :func:`load_files` reads them;
    None when a file does not validate. Raises what :func:`read_file` raises for a file
    that cannot be read."""
    columns = LoadColumns()
    for path in paths:
        data = read_file(path)
        for family in FAMILIES:
            items = data.pop(family, None) or []
            if not isinstance(items, list):
                return None
            for start in range(0, len(items), chunk):
                try:
                    models = ADAPTERS[family].validate_python(items[start : start + chunk])
                except ValidationError:
                    return None
                items[start : start + chunk] = [None] * len(models)  # the parsed items go
                _gather(columns, family, models)
    return columns


def _gather(columns: LoadColumns, family: str, models: list[Any]) -> None:
    if family == "sources":
        columns.sources.extend(models)
    elif family == "entities":
        columns.add_entities(models)
    else:
        facts = Batch.model_construct(None, sources=[], entities=[], relationships=models)
        columns.add_facts(without_spans(facts, texts_stored=())[0].relationships)
