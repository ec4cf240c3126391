"""Sources' texts: stored once checked (:mod:`graph.domain.texts`), each write recorded in
history as any item's is, read back whole or as stored at a past moment.

A text lives on a ``:SourceText`` node of its own, keyed by its source's id, so the reads
that project a source's properties never carry it.

Every evidence span in the present points at its words in its source's current text: a
text that replaces another re-anchors the spans into it (each to its quote's occurrence
nearest to where it was), writing the facts that moved through the write path in the
same transaction, or is refused (409) when a quote is not in it.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel, Field

from graph.domain import RELATIONSHIP_ADAPTER, Batch, PreparedText, RelationshipIn
from graph.errors import Conflict, InvalidInput, NotFound
from graph.history import Item, Op, record, revision_row, transaction_time
from graph.records import relationship_claims, relationship_input
from graph.store import ConcurrentChange, Graph, run
from graph.writes import Family, apply_plan, plan_batch

#: time a text replacement is given per span it re-anchors (about 5 ms each, measured, and
#: room to spare): a source quoted by thousands of facts can still be corrected
SECONDS_PER_SPAN = 0.02


class TextStored(BaseModel):
    """What is known of a source's text without its words."""

    source_id: str
    sha256: str = Field(description="SHA-256 of the text's UTF-8 bytes (NFC), in hex")
    length: int = Field(description="its length in Unicode code points, as positions count")
    stored_at: str = Field(description="when this text was stored (the database's clock)")


class TextPut(BaseModel):
    """What storing a text did: its outcome, the text as stored, and the facts whose
    evidence spans it moved."""

    result: Literal["created", "updated", "unchanged"]
    stored: TextStored
    spans_moved: list[str] = Field(
        default=[], description="the facts whose evidence spans the new text re-anchored"
    )


class SourceText(TextStored):
    text: str = Field(description="the text, normalised to NFC")


async def put_text(graph: Graph, source_id: str, prepared: PreparedText) -> TextPut:
    """Store ``prepared`` as the text of source ``source_id``: ``unchanged`` when the same
    text is stored already. NotFound (at ``source_id``) when there is no such source;
    Conflict when the source names its text's hash (``text_sha256``) and this is another,
    or when the text lacks the words an evidence span into the source quotes.

    Example:
        >>> put = await put_text(graph, "article", prepare_text(words))  # doctest: +SKIP
        >>> put.result, put.stored.length  # doctest: +SKIP
        ('created', 2310)
    """

    async def work(tx: AsyncManagedTransaction) -> TextPut:
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
            return TextPut(result="unchanged", stored=TextStored.model_validate(stored))
        at = await transaction_time(tx)  # read now the lock is held
        wanted = {"text": prepared.text, "sha256": prepared.sha256, "length": prepared.length}
        (row,) = await run(tx, "store_source_text", id=source_id, at=at, **wanted)
        op = Op.CREATED if before is None else Op.UPDATED
        revision = revision_row(Item.TEXT, source_id, op, row["props"])
        moved = await _reanchor(tx, source_id) if before is not None else None
        if moved:
            plan, ids = moved
            await apply_plan(tx, plan, graph.author, [revision])
            moved_ids = [i for i in ids if plan.outcome(Family.RELATIONSHIPS, i) != "unchanged"]
        else:
            await record(tx, [revision], graph.author, at)
            moved_ids = []
        stored_now = TextStored.model_validate(row["props"])
        return TextPut(result=op.value, stored=stored_now, spans_moved=moved_ids)

    # every span into the text is re-anchored in this one transaction: give it their time
    (counted,) = await graph.read_query("count_facts_quoting_source", id=source_id)
    return await graph.write(work, tx_timeout=graph.timeout + SECONDS_PER_SPAN * counted["quoting"])


async def _reanchor(tx: AsyncManagedTransaction, source_id: str) -> tuple[Any, list[str]] | None:
    """The write plan that re-anchors the present's spans into ``source_id``'s text (just
    stored in ``tx``) and the facts it rewrites, or None when no span points into it.
    Conflict naming the facts whose quotes the text lacks."""
    rows = await run(tx, "facts_quoting_source", id=source_id)
    if not rows:
        return None
    facts: list[RelationshipIn] = [
        RELATIONSHIP_ADAPTER.validate_python(
            relationship_input(row["props"], row["type"], row["from_id"], row["to_id"])
        ).with_claims(relationship_claims(row["props"]))
        for row in rows
    ]
    try:
        plan = await plan_batch(tx, Batch(relationships=facts))
    except Conflict as exc:
        # a fact read above was retracted or merged meanwhile: read them again
        raise ConcurrentChange("a fact quoting the text changed while it was replaced") from exc
    except InvalidInput as exc:
        lost = sorted({rows[_fact_at(e["pointer"])]["id"] for e in exc.errors})
        raise Conflict(
            f"the new text would leave {len(lost)} fact(s) quoting source '{source_id}' "
            f"without their words ({', '.join(lost[:5])}{', …' if len(lost) > 5 else ''}: "
            f"{exc.errors[0]['detail']}); write those facts without the span, or with one "
            "into the new text, first",
            pointer="",
            extra={"facts": lost},
        ) from exc
    return plan, [row["id"] for row in rows]


def _fact_at(pointer: str) -> int:
    """The index of the fact a problem's pointer (``/relationships/3/...``) is in."""
    return int(pointer.split("/")[2])


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
