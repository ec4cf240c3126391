"""Reconciliation's reads: candidates through the one name resolver (graph/reads/lookup.py's
ranked search, and an id's entity), the facets property filters and data extension need,
and suggestions. graph/interop/reconcile.py decides scores and shapes."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from graph.domain import SLUG_PATTERN, EntityKind, names
from graph.interop.reconcile import (
    PROPERTIES,
    ExtendQuery,
    Facets,
    Hit,
    Link,
    ReconQuery,
    extend_limit,
    extend_meta,
    extend_values,
    kind_type,
    link_types,
    scored,
)
from graph.reads import lookup
from graph.store import Graph

#: how many candidates a query ranks before its properties reorder them
POOL = 40
#: queries of one batch asked at once
PARALLEL = 4
_SLUG = re.compile(SLUG_PATTERN)


def _kinds(kinds: list[str] | None) -> list[EntityKind] | None:
    return [EntityKind(k) for k in kinds] if kinds else None


async def candidates(graph: Graph, query: ReconQuery) -> list[Hit]:
    """What a query's name finds, ranked by the name resolver: the entity whose id it is
    (merges followed) first, as an exact match, then the search's hits by tier."""
    text = query.query or ""
    if not names.lucene_query(text):
        return []  # no words: nothing to look for by name
    kinds = _kinds(query.kinds())
    found = await lookup.search(graph, text, kinds=kinds, limit=max(POOL, query.limit))
    hits = [Hit(h.id, h.kind, h.name, h.description, h.match) for h in found]
    if _SLUG.match(text) and len(text) <= 120:
        by_id = [
            m for m in await lookup.resolve_name(graph, text, kinds=kinds) if m.matched == text
        ]
        seen = {h.id for h in hits}
        for match in by_id[:1]:
            if match.id in seen:
                hits = [h for h in hits if h.id != match.id]
            hits.insert(0, Hit(match.id, match.kind, match.name, None, "exact"))
    # a name spelled with look-alike letters of another script: flagged, after the rest
    seen = {h.id for h in hits}
    for twin in await lookup.lookalikes(graph, text, kinds=kinds):
        if twin.id not in seen:
            hits.append(Hit(twin.id, twin.kind, twin.name, None, "fuzzy", lookalike=True))
    return hits


async def facets(graph: Graph, ids: list[str], types: list[str]) -> dict[str, Facets]:
    """Each entity's properties and the entities facts of ``types`` join it to, by the id
    asked for (a merged id reads as its survivor)."""
    if not ids:
        return {}
    rows = await graph.read_query("reconcile_facets", ids=sorted(set(ids)), types=types)
    return {
        row["asked"]: Facets(
            props=row["props"],
            links=tuple(
                Link(
                    rel_type=link["type"],
                    outgoing=link["outgoing"],
                    id=link["id"],
                    name=link["name"],
                    aliases=tuple(link["aliases"]),
                    kind=link["kind"],
                )
                for link in row["links"]
            ),
        )
        for row in rows
    }


async def reconcile(graph: Graph, queries: dict[str, ReconQuery]) -> dict[str, Any]:
    """A reconciliation result batch: each query's candidates, best first."""
    gate = asyncio.Semaphore(PARALLEL)

    async def one(query: ReconQuery) -> list[Hit]:
        async with gate:
            return await candidates(graph, query)

    found = dict(zip(queries, await asyncio.gather(*map(one, queries.values())), strict=True))
    filtered = [q for q in queries.values() if q.properties]
    wanted = sorted({h.id for key, q in queries.items() if q.properties for h in found[key]})
    known = await facets(graph, wanted, link_types(filtered)) if filtered else {}
    return {key: {"result": scored(q, found[key], known)} for key, q in queries.items()}


async def extend(graph: Graph, query: ExtendQuery) -> dict[str, Any]:
    """A data extension response: each id's values of each property asked for."""
    props = [PROPERTIES[p.id] for p in query.properties]
    types = sorted({p.rel_type for p in props if p.rel_type})
    known = await facets(graph, query.ids, types)
    rows = {
        entity_id: {
            asked.id: extend_values(prop, known.get(entity_id), extend_limit(asked))
            for asked, prop in zip(query.properties, props, strict=True)
        }
        for entity_id in query.ids
    }
    return {"meta": [extend_meta(p) for p in props], "rows": rows}


async def suggest_entities(
    graph: Graph, prefix: str, *, kinds: list[str] | None, cursor: int, limit: int
) -> list[dict[str, Any]]:
    """Entities for a prefix the user is typing, ranked as a search ranks them."""
    if not names.lucene_query(prefix):
        return []
    found = await lookup.search(graph, prefix, kinds=_kinds(kinds), skip=cursor, limit=limit)
    suggestions = []
    for hit in found:
        item: dict[str, Any] = {"id": hit.id, "name": hit.name, "notable": [kind_type(hit.kind)]}
        if hit.description:
            item["description"] = hit.description
        suggestions.append(item)
    return suggestions
