"""Load seed files (YAML or JSON) through the same write path the API uses.

Every file is validated, and every item checked against the graph, before anything is
written, so a bad item anywhere leaves the graph as it was. Up to 50,000 items go in one
transaction; larger loads in transactions of 5,000, since a million facts with their
provenance outgrow what one Neo4j transaction may hold. Errors name the file, the item
and the field.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from neo4j import AsyncManagedTransaction
from pydantic import TypeAdapter, ValidationError

from graph.domain import (
    Batch,
    BatchResult,
    EntityIn,
    EntityKind,
    ItemCounts,
    RelationshipIn,
    SourceIn,
    error_location,
)
from graph.errors import (
    Conflict,
    GraphError,
    InvalidInput,
    SeedError,
    SeedIncomplete,
    nothing_written,
)
from graph.interop.load_progress import progress_line
from graph.interop.seed_texts import texts_stored, without_spans
from graph.store import Graph
from graph.writes import PendingItems, WritePlan, apply_plan, plan_batch

FAMILIES = ("sources", "entities", "relationships")
#: Items per query, and per transaction in a chunked load.
CHUNK = 5_000
#: Loads up to this size are one transaction; larger ones outgrow a transaction's memory.
ONE_TRANSACTION_MAX = 50_000


@dataclass(frozen=True)
class Origin:
    file: str
    family: str
    index: int
    item_id: str | None

    def describe(self) -> str:
        named = f" (id '{self.item_id}')" if self.item_id else ""
        return f"{self.file}: /{self.family}/{self.index}{named}"


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
    if not errors:
        errors = _duplicates(merged, origins)
    if errors:
        raise nothing_written(errors, "the seed files", SeedError)
    # already validated, and larger than one HTTP batch may be: constructed, not re-checked
    batch = Batch.model_construct(None, **merged)
    return batch, [o for f in FAMILIES for o in origins[f]]


def _duplicates(
    merged: dict[str, list[Any]], origins: dict[str, list[Origin]]
) -> list[dict[str, str]]:
    """Items given twice, in one file or across files (chunks would otherwise overwrite)."""
    errors = []
    for family in FAMILIES:
        first: dict[str, Origin] = {}
        for item, origin in zip(merged[family], origins[family], strict=True):
            key = item.rel_id if family == "relationships" else item.id
            if key in first:
                errors.append(
                    {
                        "pointer": origin.describe(),
                        "detail": f"'{key}' appears twice (also {first[key].describe()})",
                    }
                )
            else:
                first[key] = origin
    return errors


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


def _relocate(exc: GraphError, origins: list[Origin]) -> InvalidInput:
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
    return nothing_written(located, "the seed files", SeedError)


def locate_in_files(exc: GraphError, batch: Batch, origins: list[Origin]) -> InvalidInput:
    """:func:`_relocate` for the problems of a whole load planned at once, whose pointers
    count items within their family (``/relationships/12``), not within a chunk."""
    offsets, offset = {}, 0
    for family in FAMILIES:
        offsets[family], offset = offset, offset + len(getattr(batch, family))
    errors = (
        exc.errors
        if isinstance(exc, InvalidInput)
        else [{"pointer": exc.pointer or "", "detail": exc.detail}]
    )
    flat = []
    for err in errors:
        parts = err["pointer"].split("/")
        if len(parts) >= 3 and parts[1] in offsets and parts[2].isdigit():
            parts[2] = str(offsets[parts[1]] + int(parts[2]))
        flat.append({"pointer": "/".join(parts), "detail": err["detail"]})
    return _relocate(InvalidInput("", errors=flat), origins)


def _pending(batch: Batch) -> PendingItems:
    return PendingItems(
        entities={e.id: EntityKind(e.kind) for e in batch.entities},
        sources=frozenset(s.id for s in batch.sources),
    )


@dataclass
class _Tally:
    """Counts and changes summed over a load's chunks, with progress after each."""

    total: dict[str, int]
    progress: Callable[[str], None]
    verb: str = "written"
    counts: dict[str, ItemCounts] = field(
        default_factory=lambda: {f: ItemCounts() for f in FAMILIES}
    )
    done: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FAMILIES, 0))
    changes: list[dict[str, str]] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def add(self, chunk: Batch, plan: WritePlan) -> None:
        for family in FAMILIES:
            c, n = self.counts[family], plan.counts[family]
            c.created, c.updated, c.unchanged = (
                c.created + n.created,
                c.updated + n.updated,
                c.unchanged + n.unchanged,
            )
            self.done[family] += len(getattr(chunk, family))
        self.changes += plan.changes
        if sum(self.total.values()) > CHUNK:
            counts = " ".join(f"{f} {self.done[f]}/{self.total[f]}" for f in FAMILIES)
            done, total = sum(self.done.values()), sum(self.total.values())
            seconds = time.monotonic() - self.started
            self.progress(progress_line(counts, done, total, seconds, self.verb))

    def result(self, *, dry_run: bool) -> BatchResult:
        return BatchResult(dry_run=dry_run, changes=self.changes, **self.counts)


async def seed(
    graph: Graph,
    paths: list[Path],
    *,
    dry_run: bool = False,
    progress: Callable[[str], None] = lambda _msg: None,
) -> BatchResult:
    """Validate and write the files; counts of created/updated/unchanged.

    Up to ``ONE_TRANSACTION_MAX`` items are written in one transaction. A larger load is
    first checked whole against the graph in a read transaction (for what would refuse
    it), then written in transactions of ``CHUNK`` items, each reading and planning while
    the one before it commits; should one of them fail (the database went away),
    the chunks before it stay written, and running the same command again completes the
    load, since every write is an idempotent upsert.

    Example:
        >>> result = await seed(graph, [Path("seed/taiwan_us_tech_partnership.yaml")])  # doctest: +SKIP
        >>> result.entities.created                                                    # doctest: +SKIP
        18
    """
    batch, origins = load_files(paths)
    batch, left_out = without_spans(batch, await texts_stored(graph, batch))
    if left_out:
        progress(f"evidence spans left out, their source's text not stored: {_spans_of(left_out)}")
    total = {f: len(getattr(batch, f)) for f in FAMILIES}
    items = sum(total.values())
    pending = _pending(batch)

    async def plan_all(tx: AsyncManagedTransaction, write: bool) -> BatchResult:
        tally = _Tally(total, progress, "written" if write else "checked")
        # the check before a chunked write only looks for refusals (the writes plan again)
        refusals_only = not write and not dry_run
        for chunk, chunk_origins in _chunks(batch, origins):
            try:
                plan = await plan_batch(
                    tx, chunk, lock=write, pending=pending, refusals_only=refusals_only
                )
            except GraphError as exc:
                raise _relocate(exc, chunk_origins) from exc
            if write:
                await apply_plan(tx, plan, graph.author)
            tally.add(chunk, plan)
        return tally.result(dry_run=not write)

    # checking or writing everything at once is one long transaction: give it time
    long = max(graph.timeout, 60 + items / 1000)
    if items <= ONE_TRANSACTION_MAX and not dry_run:
        return await graph.write(lambda tx: plan_all(tx, True), tx_timeout=long)
    if items > CHUNK:
        progress("checking every item against the graph before writing")
    # a check, not an answer: each chunk is planned again as it is written, so a write
    # landing meanwhile neither repeats this long read nor holds writers back for it
    checked = await graph.read(lambda tx: plan_all(tx, False), tx_timeout=long, one_moment=False)
    if dry_run:
        return checked
    progress(f"checked; writing in transactions of {CHUNK:,} items")
    return await _write_in_chunks(graph, batch, origins, _Tally(total, progress))


def _spans_of(left_out: dict[str, int]) -> str:
    return ", ".join(f"{n} into {source}" for source, n in sorted(left_out.items()))


class _Abandoned(Exception):
    """The chunk before this one failed: this one is rolled back unwritten."""


def _family(chunk: Batch) -> str:
    return next(f for f in FAMILIES if getattr(chunk, f))


@dataclass
class _Step:
    """One chunk's write transaction, running: ``written`` once only its commit is left."""

    chunk: Batch
    origins: list[Origin]
    written: asyncio.Event
    task: asyncio.Task[WritePlan]


def _start(graph: Graph, chunk: Batch, origins: list[Origin], after: _Step | None) -> _Step:
    """Write ``chunk`` in a transaction of its own; with ``after``, it reads and plans
    while that chunk commits, and writes only once that one has committed."""
    written = asyncio.Event()

    async def work(tx: AsyncManagedTransaction) -> WritePlan:
        plan = await plan_batch(tx, chunk)
        if after is not None:
            await asyncio.wait([after.task])
            if after.task.cancelled() or after.task.exception() is not None:
                raise _Abandoned()
        await apply_plan(tx, plan, graph.author)
        # the next chunk starts now: this one takes no lock from here on, so the next one
        # (holding its own while it waits for this commit) never waits on it for a lock
        written.set()
        return plan

    task = asyncio.create_task(graph.write(work, tx_timeout=max(graph.timeout, 60)))
    return _Step(chunk, origins, written, task)


async def _written_or_ended(step: _Step) -> None:
    waiting = asyncio.create_task(step.written.wait())
    try:
        await asyncio.wait([waiting, step.task], return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiting.cancel()


async def _write_in_chunks(
    graph: Graph,
    batch: Batch,
    origins: list[Origin],
    tally: _Tally,
) -> BatchResult:
    """Each chunk in its own transaction, in order, two at a time: a chunk reads and plans
    while the one before it (of its family: facts need their ends committed) commits.
    Should a chunk fail, those before it stay written and the next one, waiting
    to write, is rolled back; the error says how far the load got."""
    written, total = 0, len(origins)
    running: list[_Step] = []  # started and not yet finished, in order: two at most
    try:
        for chunk, chunk_origins in _chunks(batch, origins):
            last = running[-1] if running else None
            if last is not None and (_family(last.chunk) != _family(chunk) or last.task.done()):
                written = await _finished(running.pop(), tally, written, total)
            step = _start(graph, chunk, chunk_origins, running[-1] if running else None)
            running.append(step)
            await _written_or_ended(step)
            if len(running) == 2:
                written = await _finished(running.pop(0), tally, written, total)
        while running:
            written = await _finished(running.pop(0), tally, written, total)
    finally:
        for step in running:  # the chunk before it failed: it rolls back, once it sees that
            await asyncio.wait([step.task])
            if not step.task.cancelled():
                step.task.exception()  # retrieved; the failure before it is the one to tell
    return tally.result(dry_run=False)


async def _finished(step: _Step, tally: _Tally, written: int, total: int) -> int:
    """The items written once ``step`` has committed; :class:`SeedIncomplete` if it failed."""
    try:
        plan = await step.task
    except GraphError as exc:
        pointer, reason = exc.pointer, exc.detail
        if isinstance(exc, InvalidInput | Conflict):  # the graph changed since the check
            first = _relocate(exc, step.origins).errors[0]
            pointer, reason = first["pointer"], f"{first['pointer']}: {first['detail']}"
        raise SeedIncomplete(reason, pointer=pointer, written=written, total=total) from exc
    tally.add(step.chunk, plan)
    return written + len(step.origins)
