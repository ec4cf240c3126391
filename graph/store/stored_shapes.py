"""Schema version 8: every item stored in the shape today's codecs read, so no read
carries a fallback for an older one.

Facts stored before some of their attestation lists existed (``bases``, ``reasons``,
``ranks``, ``claims``) get them whole, meaning what those facts always meant: each source
states the fact, ranked normal, claiming the values stored on it. Entities stored before
their sources' claims were kept get ``attribute_claims``: each source claims the stored
attribute values. The states their revisions recorded are rewritten the same way, so the
graph as known at a past moment reads through the same codecs. Only the encoding
changes, never what an item says, so no revision is recorded for it.

Run by :func:`graph.store.schema.apply_schema` on a graph from before version 8; each
item is read once, in one streamed query per kind of item, and written back in batches
of their own transactions (a rerun after a stop finds what is left).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from neo4j import AsyncDriver

from graph.domain import CANONICAL, DATES, QUALIFIERS, RANK_ORDER, RESERVED_ENTITY_FIELDS, claim_key
from graph.store.attestations import COLUMNS
from graph.store.cypher import query

#: The schema version from which every item is stored whole (older graphs are rewritten).
WHOLE_FROM = 8
#: how many items one transaction of the rewrite writes
BATCH = 5_000
#: what a list a fact gained later holds for each source stored before it existed
_EARLIER = {"bases": "stated", "reasons": "", "ranks": "normal"}
#: what an entity stores beside its attribute values: the fields no kind may declare, and
#: its retraction (as graph.records reads them; tests/store/test_stored_shapes.py)
NOT_ATTRIBUTES = RESERVED_ENTITY_FIELDS | {
    "retracted_at",
    "retracted_by",
    "retraction_reason",
    "retracted_with",
}


def own_claim(props: Mapping[str, Any]) -> dict[str, Any]:
    """The values a fact holds as stored (its qualifiers and dates).

    Example:
        >>> own_claim({"role": "CEO", "valid_from": "2024", "confidence": 0.9})
        {'role': 'CEO', 'valid_from': '2024'}
    """
    return {k: props[k] for k in (*QUALIFIERS, *DATES) if k in props}


def whole_lists(props: Mapping[str, Any]) -> dict[str, list[Any]] | None:
    """A stored fact's attestation lists made whole, or None when they already are.

    Example:
        >>> old = {"source_ids": ["s"], "evidence": ["e"], "confidences": [0.5], "role": "CEO"}
        >>> whole_lists(old)["claims"], whole_lists(old)["ranks"]
        (['{"role":"CEO"}'], ['normal'])
        >>> whole_lists({**old, **whole_lists(old)}) is None
        True
    """
    lists = {c: list(props.get(c) or []) for c in COLUMNS}
    if len({len(column) for column in lists.values()}) == 1:
        return None
    # a source without evidence or confidence never counted (the lists were read in step)
    count = min(len(lists[c]) for c in ("source_ids", "evidence", "confidences"))
    own = claim_key(own_claim(props))
    whole = {}
    for column in COLUMNS:
        fill = own if column == "claims" else _EARLIER.get(column)
        whole[column] = (lists[column] + [fill] * count if fill is not None else lists[column])[
            :count
        ]
    # values an older reader took as the default
    whole["bases"] = ["inferred" if b == "inferred" else "stated" for b in whole["bases"]]
    whole["ranks"] = [r if r in RANK_ORDER else "normal" for r in whole["ranks"]]
    return whole


def entity_claims(props: Mapping[str, Any]) -> str | None:
    """An entity's ``attribute_claims`` as it always meant them (each of its sources claims
    its stored attribute values), or None when it stores them already.

    Example:
        >>> entity_claims({"kind": "firm", "source_ids": ["s"], "sector": "chips", "name": "X"})
        '{"s":{"sector":"chips"}}'
    """
    if "attribute_claims" in props:
        return None
    values = {k: v for k, v in props.items() if k not in NOT_ATTRIBUTES and v is not None}
    return CANONICAL.encode({s: values for s in props.get("source_ids") or []})


def whole_state(item: str, state: str) -> str | None:
    """A revision's recorded state (canonical JSON) made whole, or None when it is."""
    found = json.loads(state)
    if not isinstance(found, dict):
        return None
    if item == "relationship":
        lists = whole_lists(found)
        return None if lists is None else CANONICAL.encode({**found, **lists})
    claims = entity_claims(found) if item == "entity" else None
    return None if claims is None else CANONICAL.encode({**found, "attribute_claims": claims})


async def store_whole(driver: AsyncDriver, database: str) -> int:
    """Rewrite every fact, entity and revision state stored in an older shape; how many."""
    rewritten = 0
    for reading, writing, mend in (
        ("facts_in_older_shape", "store_whole_fact_lists", _fact_row),
        ("entities_in_older_shape", "store_entity_claims", _entity_row),
        ("states_in_older_shape", "store_whole_states", _state_row),
    ):
        rewritten += await _rewrite(driver, database, reading, writing, mend)
    return rewritten


def _fact_row(row: Mapping[str, Any]) -> dict[str, Any] | None:
    lists = whole_lists(row["props"])
    return None if lists is None else {"element_id": row["element_id"], "lists": lists}


def _entity_row(row: Mapping[str, Any]) -> dict[str, Any] | None:
    claims = entity_claims(row["props"])
    return None if claims is None else {"id": row["props"]["id"], "claims": claims}


def _state_row(row: Mapping[str, Any]) -> dict[str, Any] | None:
    state = whole_state(row["item"], row["state"])
    return None if state is None else {"seq": row["seq"], "state": state}


async def _rewrite(
    driver: AsyncDriver, database: str, reading: str, writing: str, mend: Any
) -> int:
    """Stream the items ``reading`` finds; write ``mend``'s rows of them through ``writing``
    a batch per transaction. Each item is read once: the items written drop out of
    ``reading``'s filter, so a rerun after a stop reads only those left."""
    written, rows = 0, []
    async with driver.session(database=database, fetch_size=BATCH) as session:
        result = await session.run(query(reading))
        async for record in result:
            row = mend(record.data())
            if row is not None:
                rows.append(row)
            if len(rows) >= BATCH:
                await driver.execute_query(query(writing), rows=rows, database_=database)
                written, rows = written + len(rows), []
    if rows:
        await driver.execute_query(query(writing), rows=rows, database_=database)
        written += len(rows)
    return written
