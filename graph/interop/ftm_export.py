"""The graph, or one entity's neighbourhood, as FollowTheMoney entities: one JSON object per
line (the format of ``ftm`` and of yente's data files), mapped by ``graph/interop/ftm.yaml``.

The sources are read first (each entity and fact carries its sources' url, publisher and
retrieval date), then the entities and facts stream as :func:`graph.interop.export.export_items`
reads them. Each exported entity's kind and name are kept while the facts stream (a fact's
FtM schema depends on its ends' kinds, and its reading names them): memory grows with the
number of entities, a few dozen bytes each, not with their properties or facts.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from graph.domain import DOMAIN, QUALIFIERS, sentence
from graph.interop.export import _in_chunks, one_line
from graph.interop.export_read import export_items
from graph.interop.ftm import FTM, Mapping_, entity_to_ftm, fact_to_ftm
from graph.reads import Head
from graph.store import Graph

MEDIA_TYPE = "application/x-ndjson"


async def _sources(graph: Graph) -> dict[str, dict[str, Any]]:
    async with graph.streaming_read(tx_timeout=max(graph.timeout, 300)) as rows:
        found = rows("export_sources", ids=None, known_at=graph.moment.known_at)
        return {row["id"]: row["props"] async for row in found}


def _line(entity: dict[str, Any]) -> str:
    return one_line(json.dumps(entity, ensure_ascii=False, sort_keys=True))


async def ftm_lines(
    graph: Graph,
    *,
    root: str | None = None,
    depth: int = 1,
    stated_only: bool = False,
    as_of: str | None = None,
    mapping: Mapping_ = FTM,
    head: Head | None = None,
) -> AsyncIterator[str]:
    """Every entity, then every fact, as FtM entities, one JSON line each (the graph as
    its moment sees it, and with ``as_of`` only the facts valid then). FtM has no way to
    mark an entity or a fact retracted, so retracted items are left out even when the
    moment includes them (the other formats carry them, marked)."""
    sources = await _sources(graph)
    ends: dict[str, tuple[str, str]] = {}
    items = export_items(
        graph, root=root, depth=depth, stated_only=stated_only, as_of=as_of, head=head
    )
    async for what, row in items:
        if row.get("props", {}).get("retracted_at"):
            continue
        if what == "node":
            props = row["props"]
            ends[row["id"]] = (str(props.get("kind", "")), str(props.get("name", row["id"])))
            yield _line(entity_to_ftm(props, sources, mapping))
        elif what == "edge":
            yield _line(_fact(row, ends, sources, mapping))


def _fact(
    row: dict[str, Any],
    ends: dict[str, tuple[str, str]],
    sources: dict[str, dict[str, Any]],
    mapping: Mapping_,
) -> dict[str, Any]:
    (a_kind, a_name), (b_kind, b_name) = (
        ends.get(row["from_id"], ("", row["from_id"])),
        ends.get(row["to_id"], ("", row["to_id"])),
    )
    props = row["props"]
    qualifiers = {k: props[k] for k in QUALIFIERS if props.get(k) is not None}
    declared = DOMAIN.relationships.get(row["type"])
    label = declared.label if declared else row["type"].lower().replace("_", " ")
    reading = sentence(row["type"], a_name, b_name, qualifiers) if declared else ""
    return fact_to_ftm(row, (a_kind, b_kind), reading, label, sources, mapping)


async def ftm_stream(
    graph: Graph,
    *,
    root: str | None,
    depth: int,
    stated_only: bool = False,
    as_of: str | None = None,
    head: Head | None = None,
) -> AsyncIterator[str]:
    """The FtM export as text chunks of about 64 KiB, streamed from the database
    (``head``: see :func:`graph.interop.export.export_items`)."""
    lines = ftm_lines(
        graph, root=root, depth=depth, stated_only=stated_only, as_of=as_of, head=head
    )
    async for chunk in _in_chunks(lines):
        yield chunk
