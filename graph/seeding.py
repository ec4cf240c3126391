"""Load seed files (YAML or JSON) through the same write path the API uses.

Every file is validated before anything is written, then everything is written in one
transaction, a chunk of items per query, so a bad item anywhere leaves the graph as it
was. Errors name the file, the item and the field.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from neo4j import AsyncManagedTransaction
from pydantic import TypeAdapter, ValidationError

from graph.db import Graph
from graph.errors import GraphError, InvalidInput
from graph.model import (
    Batch,
    BatchResult,
    EntityIn,
    ItemCounts,
    RelationshipIn,
    SourceIn,
    error_location,
)
from graph.writes import apply_plan, plan_batch

FAMILIES = ("sources", "entities", "relationships")
CHUNK = 5_000


@dataclass(frozen=True)
class Origin:
    file: str
    family: str
    index: int
    item_id: str | None

    def describe(self) -> str:
        named = f" (id '{self.item_id}')" if self.item_id else ""
        return f"{self.file}: /{self.family}/{self.index}{named}"


class SeedError(InvalidInput):
    """A seed file is unreadable or breaks a rule; ``errors`` name file, item and field."""


def read_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        raise SeedError(f"{path}: cannot read: {exc}", pointer=str(path)) from exc
    if not isinstance(data, dict) or not set(data) <= set(FAMILIES):
        raise SeedError(
            f"{path}: expected a mapping with some of the keys {', '.join(FAMILIES)}",
            pointer=str(path),
        )
    return data


def _item_id(item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    if "id" in item:
        return str(item["id"])
    if {"type", "from_id", "to_id"} <= set(item):
        return f"{item['from_id']}|{item['type']}|{item['to_id']}"
    return None


#: Items are validated one family at a time, with no cap on how many a file holds: the
#: caps on a batch are for HTTP requests, and the writes below go in bounded chunks.
ADAPTERS: dict[str, TypeAdapter[Any]] = {
    "sources": TypeAdapter(list[SourceIn]),
    "entities": TypeAdapter(list[EntityIn]),
    "relationships": TypeAdapter(list[RelationshipIn]),
}


def load_files(paths: list[Path]) -> tuple[Batch, list[Origin]]:
    """Parse and validate every file; everything in one Batch, and where each item came from."""
    merged: dict[str, list[Any]] = {f: [] for f in FAMILIES}
    origins: dict[str, list[Origin]] = {f: [] for f in FAMILIES}
    errors: list[dict[str, str]] = []
    for path in paths:
        data = read_file(path)
        for family in FAMILIES:
            items = data.get(family) or []
            if not isinstance(items, list):
                errors.append({"pointer": f"{path}: /{family}", "detail": "expected a list"})
                continue
            try:
                merged[family] += ADAPTERS[family].validate_python(items)
            except ValidationError as exc:
                for err in exc.errors():
                    index, *field = err["loc"]
                    origin = Origin(str(path), family, int(index), _item_id(items[int(index)]))
                    pointer, detail = error_location(tuple(field), err["msg"])
                    errors.append({"pointer": f"{origin.describe()} {pointer}", "detail": detail})
            origins[family] += [
                Origin(str(path), family, i, _item_id(it)) for i, it in enumerate(items)
            ]
    if errors:
        raise SeedError(
            f"{len(errors)} problem(s); nothing was written. "
            f"First: {errors[0]['pointer']}: {errors[0]['detail']}",
            pointer=errors[0]["pointer"],
            errors=errors,
        )
    # already validated, and larger than one HTTP batch may be: constructed, not re-checked
    batch = Batch.model_construct(None, **merged)
    return batch, [o for f in FAMILIES for o in origins[f]]


def _chunks(batch: Batch, origins: list[Origin]) -> Iterator[tuple[Batch, list[Origin]]]:
    """Sources, then entities, then relationships, so each chunk finds what it refers to."""
    offset = 0
    for family in FAMILIES:
        items: list[Any] = getattr(batch, family)
        for start in range(0, len(items), CHUNK):
            part = items[start : start + CHUNK]
            yield (
                Batch.model_construct(None, **{family: part}),
                origins[offset + start : offset + start + len(part)],
            )
        offset += len(items)


def _relocate(exc: GraphError, origins: list[Origin]) -> SeedError:
    """Turn a chunk-relative pointer (/entities/3/kind) into file, item and field."""
    errors = (
        exc.errors
        if isinstance(exc, InvalidInput)
        else [{"pointer": exc.pointer or "", "detail": exc.detail}]
    )
    located = []
    for err in errors:
        parts = err["pointer"].split("/")
        if len(parts) >= 3 and parts[2].isdigit():
            rest = "/".join(parts[3:])
            pointer = f"{origins[int(parts[2])].describe()} /{rest}"
        else:
            pointer = err["pointer"]
        located.append({"pointer": pointer, "detail": err["detail"]})
    first = located[0]
    return SeedError(
        f"{len(located)} problem(s); nothing was written. "
        f"First: {first['pointer']}: {first['detail']}",
        pointer=first["pointer"],
        errors=located,
    )


async def seed(
    graph: Graph,
    paths: list[Path],
    *,
    dry_run: bool = False,
    progress: Callable[[str], None] = lambda _msg: None,
) -> BatchResult:
    """Validate and write the files in one transaction; counts of created/updated/unchanged.

    Example:
        >>> result = await seed(graph, [Path("seed/taiwan_us_tech_partnership.yaml")])  # doctest: +SKIP
        >>> result.entities.created                                                    # doctest: +SKIP
        18
    """
    batch, origins = load_files(paths)
    total = {f: len(getattr(batch, f)) for f in FAMILIES}

    async def work(tx: AsyncManagedTransaction) -> BatchResult:
        counts = {f: ItemCounts() for f in FAMILIES}
        done = dict.fromkeys(FAMILIES, 0)
        changes: list[dict[str, str]] = []
        # a dry run writes nothing, so later chunks could not see earlier ones: plan it whole
        parts = [(batch, origins)] if dry_run else _chunks(batch, origins)
        for chunk, chunk_origins in parts:
            try:
                plan = await plan_batch(tx, chunk, for_write=not dry_run)
            except GraphError as exc:
                raise _relocate(exc, chunk_origins) from exc
            if not dry_run:
                await apply_plan(tx, plan)
            for family in FAMILIES:
                c, n = counts[family], plan.counts[family]
                c.created, c.updated, c.unchanged = (
                    c.created + n.created,
                    c.updated + n.updated,
                    c.unchanged + n.unchanged,
                )
                done[family] += len(getattr(chunk, family))
            changes += plan.changes
            if sum(total.values()) > CHUNK:
                progress(" ".join(f"{f} {done[f]}/{total[f]}" for f in FAMILIES))
        return BatchResult(dry_run=dry_run, changes=changes, **counts)

    # a large seed is one long transaction by design: give it time
    timeout = max(graph.timeout, 60 + sum(total.values()) / 1000)
    if dry_run:
        return await graph.read(work, tx_timeout=timeout)
    return await graph.write(work, tx_timeout=timeout)
