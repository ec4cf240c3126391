"""Sources' texts: stored once checked (:mod:`graph.domain.texts`), each write recorded in
history as any item's is, read back whole or as stored at a past moment.

A text lives on a ``:SourceText`` node of its own, keyed by its source's id, so the reads
that project a source's properties never carry it.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel, Field

from graph.domain import PreparedText
from graph.errors import Conflict, NotFound
from graph.history import Item, Op, record, revision_row, transaction_time
from graph.store import Graph, run


class TextStored(BaseModel):
    """What is known of a source's text without its words."""

    source_id: str
    sha256: str = Field(description="SHA-256 of the text's UTF-8 bytes (NFC), in hex")
    length: int = Field(description="its length in Unicode code points, as positions count")
    stored_at: str = Field(description="when this text was stored (the database's clock)")


class SourceText(TextStored):
    text: str = Field(description="the text, normalised to NFC")


async def put_text(
    graph: Graph, source_id: str, prepared: PreparedText
) -> tuple[Literal["created", "updated", "unchanged"], TextStored]:
    """Store ``prepared`` as the text of source ``source_id``: ``unchanged`` when the same
    text is stored already. NotFound (at ``source_id``) when there is no such source;
    Conflict when the source names its text's hash (``text_sha256``) and this is another.

    Example:
        >>> result, stored = await put_text(graph, "article", prepare_text(words))  # doctest: +SKIP
        >>> result, stored.length  # doctest: +SKIP
        ('created', 2310)
    """

    async def work(tx: AsyncManagedTransaction) -> tuple[Any, TextStored]:
        found = await run(tx, "lock_source_text", id=source_id)
        if not found:
            raise NotFound(f"no source with id '{source_id}'", pointer="source_id")
        stored, named = found[0]["stored"], found[0]["named"]
        before = stored["sha256"]
        if named and named != prepared.sha256:
            raise Conflict(
                f"source '{source_id}' names its text by SHA-256 {named}; this text's is "
                f"{prepared.sha256} (to store another text, change the source's text_sha256)",
                pointer="",
            )
        if before == prepared.sha256:
            return "unchanged", TextStored.model_validate(stored)
        at = await transaction_time(tx)  # read now the lock is held
        wanted = {"text": prepared.text, "sha256": prepared.sha256, "length": prepared.length}
        (row,) = await run(tx, "store_source_text", id=source_id, at=at, **wanted)
        op = Op.CREATED if before is None else Op.UPDATED
        await record(tx, [revision_row(Item.TEXT, source_id, op, row["props"])], graph.author, at)
        return op.value, TextStored.model_validate(row["props"])

    return await graph.write(work)


async def get_text(graph: Graph, source_id: str) -> SourceText:
    """The text of source ``source_id`` (under ``known_at``, the one stored then);
    NotFound at ``source_id`` when there is no such source, or it has no text (then)."""
    rows = await graph.read_query("source_text", id=source_id, known_at=graph.moment.known_at)
    if not rows or rows[0]["source"] is None:
        raise NotFound(f"no source with id '{source_id}'", pointer="source_id")
    stored = rows[0]["text"]
    if stored is None:
        then = " then" if graph.moment.known_at else ""
        raise NotFound(f"source '{source_id}' has no text stored{then}", pointer="source_id")
    return SourceText.model_validate(json.loads(stored) if isinstance(stored, str) else stored)


async def text_stored(graph: Graph, source_id: str) -> TextStored | None:
    """What is known of a source's text (under ``known_at``, of the one stored then), or
    None when it has none."""
    try:
        found = await get_text(graph, source_id)
    except NotFound:
        return None
    return TextStored.model_validate(found.model_dump(exclude={"text"}))
