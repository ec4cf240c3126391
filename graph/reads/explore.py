"""Finding entities and how they connect: search, neighbourhoods, paths, common connections."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel

from graph.domain import (
    CommonQuestion,
    EntitiesQuestion,
    NeighbourhoodQuestion,
    PathsQuestion,
    RelType,
)
from graph.errors import InvalidInput, NotFound
from graph.reads.lookup import by_id, endpoint, find_by_name
from graph.reads.walk_pages import decode_cursor, encode_cursor
from graph.reads.walks import Walk, reach, read_page
from graph.records import Fact, GraphView, Node, SourceRef, fact_from_row
from graph.store import NOW, Graph, Moment, hidden_then, holds_on, page_by_id, query_as_of, run

MAX_ALL_SHORTEST = 50
#: "shortest" is the first of all shortest paths in a stable order, so it never flickers
PATH_QUERIES = {
    "shortest": "paths_all_shortest",
    "all_shortest": "paths_all_shortest",
    "k_shortest": "paths_k_shortest",
}


class PathView(BaseModel):
    """One path: its nodes and edges in order, read hop by hop, with every hop's sources."""

    length: int
    nodes: list[Node]
    edges: list[Fact]
    sentences: list[str]
    sources: list[SourceRef]


class CommonConnection(BaseModel):
    node: Node
    via_a: list[Fact]
    via_b: list[Fact]


class EntityPage(BaseModel):
    items: list[Node]
    next_cursor: str | None


async def entities_page(graph: Graph, asked: EntitiesQuestion) -> EntityPage:
    """Entities in id order (of a kind) a page at a time, or those with a name or alias."""
    kind = asked.kind.value if asked.kind else None

    async def listed(after: str, limit: int) -> list[Node]:
        params = {"kind": kind, "after": after, "limit": limit, **graph.moment.params()}
        return [Node(**row["entity"]) for row in await graph.read_query("list_entities", **params)]

    async def named(after: str, limit: int) -> list[Node]:  # the few of one name, by id
        found = await find_by_name(
            graph, asked.name or "", kinds=[asked.kind] if asked.kind else None
        )
        return sorted((n for n in found if n.id > after), key=lambda n: n.id)[:limit]

    items, resume = await page_by_id(graph, asked, listed if asked.name is None else named)
    return EntityPage(items=items, next_cursor=resume)


async def resolve(
    tx: AsyncManagedTransaction, entity_id: str, pointer: str = "entity_id", moment: Moment = NOW
) -> Node:
    """The live entity for an id, following merges (as the graph stood at ``moment``);
    NotFound otherwise."""
    found = await by_id(tx, entity_id, None, moment)
    if not found:
        raise NotFound(f"no entity with id '{entity_id}'", pointer=pointer)
    return Node(id=found[0].id, kind=found[0].kind, name=found[0].name)


def holding(
    rows: Iterable[dict[str, Any]],
    names: dict[str, str],
    *,
    stated_only: bool,
    as_of: str | None,
    moment: Moment = NOW,
) -> list[Fact]:
    """The facts of ``rows`` that hold on ``as_of`` (as recorded, under ``known_at``), and
    were not retracted then."""
    facts = [
        fact_from_row(e, names, stated_only=stated_only)
        for e in rows
        if not hidden_then(e, moment, stated_only)
    ]
    return [f for f in facts if holds_on(f.valid_from, f.valid_to, as_of)]


def _types(types: Iterable[RelType] | None) -> list[str]:
    return [t.value for t in (types or RelType)]


async def neighbourhood(graph: Graph, entity_id: str, asked: NeighbourhoodQuestion) -> GraphView:
    """An entity's neighbours to ``depth`` hops, as nodes and edges for a graph view
    (with ``stated_only``, over the facts a source states), a page of ``limit`` nodes at a
    time in the walk's relevance order (:mod:`graph.reads.walk_pages`): nearest first, then the
    better-connected, then by id. The first page holds the entity itself; each page's
    edges are every fact between one of its nodes and a node returned so far (the entity,
    the pages before, this one), so the pages together draw every fact among the nodes
    once. ``next_cursor`` resumes after the page; a cursor given for other parameters, or
    not given by this service, is InvalidInput at ``cursor``.

    Example:
        >>> asked = NeighbourhoodQuestion(depth=1)
        >>> view = await neighbourhood(graph, "tsmc", asked)     # doctest: +SKIP
        >>> sorted(n.id for n in view.nodes)[:2]                  # doctest: +SKIP
        ['arizona', 'taiwan']
    """
    chosen = _types(asked.types)
    how = Walk(
        out_types=chosen if asked.direction in ("out", "both") else [],
        in_types=chosen if asked.direction in ("in", "both") else [],
        kinds=[k.value for k in asked.kind] if asked.kind else None,
        as_of=asked.as_of,
        stated_only=asked.stated_only,
        moment=graph.moment,
    )
    question = asked.asked(entity_id, **graph.moment.params())
    key, depth = graph.signing_key, asked.depth
    after = decode_cursor(asked.cursor, question, depth=depth, key=key) if asked.cursor else None

    async def work(tx: AsyncManagedTransaction) -> GraphView:
        start = await resolve(tx, entity_id, moment=graph.moment)
        reached = await reach(tx, start, depth, how, asked.limit, after)
        nodes, rows, names, _ = await read_page(tx, reached, chosen, how)
        edges = [fact_from_row(e, names, stated_only=asked.stated_only) for e in rows]
        ordered = list(nodes.values())  # the walk's order: pages follow on from each other
        resume = encode_cursor(question, reached.resume, key) if reached.resume else None
        return GraphView(nodes=ordered, edges=edges, truncated=bool(resume), next_cursor=resume)

    return await graph.read(work)


async def source_refs(tx: AsyncManagedTransaction, ids: Iterable[str]) -> list[SourceRef]:
    wanted = sorted(set(ids))
    if not wanted:
        return []
    (row,) = await run(tx, "sources_by_ids", ids=wanted)
    return [
        SourceRef(**{k: r["props"].get(k) for k in ("id", "title", "publisher", "url")})
        for r in row["found"]
    ]


async def paths(graph: Graph, asked: PathsQuestion) -> list[PathView]:
    """Paths between two entities, each read hop by hop with its sources (with
    ``stated_only``, the paths over the facts a source states)."""
    from_id, to_id, mode, max_hops = asked.from_, asked.to, asked.mode, asked.max_hops
    types, as_of, stated_only = asked.types, asked.as_of, asked.stated_only
    limit = {"shortest": 1, "all_shortest": MAX_ALL_SHORTEST, "k_shortest": asked.k}[mode]

    async def work(tx: AsyncManagedTransaction) -> list[PathView]:
        a = await endpoint(tx, from_id, "from", graph.moment)
        b = await endpoint(tx, to_id, "to", graph.moment)
        if a.id == b.id:
            raise InvalidInput("'from' and 'to' are the same entity", pointer="to")
        params: dict[str, Any] = {
            "from_id": a.id,
            "to_id": b.id,
            "types": [t.value for t in types] if types else None,
            "as_of": query_as_of(graph.moment, as_of),
            "stated_only": stated_only,
            "k": limit,
            **graph.moment.params(),
        }
        if mode == "k_shortest":
            params["max_hops"] = max_hops
        (row,) = await run(tx, PATH_QUERIES[mode], **params)
        refs = {ref["id"]: SourceRef(**ref) for ref in row["sources"]}
        # shortest paths are found within 6 hops; all of them are equally long, so a path
        # over the limit means no path within it
        found = []
        for path in (p for p in row["paths"] if len(p["edges"]) <= max_hops):
            names = {n["id"]: n["name"] for n in path["nodes"]}
            if any(hidden_then(e, graph.moment, stated_only) for e in path["edges"]):
                continue  # under known_at: a hop was retracted (or, stated_only, not stated) then
            edges = [fact_from_row(e, names, stated_only=stated_only) for e in path["edges"]]
            if not all(holds_on(e.valid_from, e.valid_to, as_of) for e in edges):
                continue  # under known_at: a hop's dates then put it outside as_of
            found.append((path, edges, sorted({a.source for e in edges for a in e.attestations})))
        # under known_at a fact may cite a source it no longer does: read those too
        missing = {s for _, _, cited in found for s in cited} - refs.keys()
        refs.update((ref.id, ref) for ref in await source_refs(tx, missing))
        return [
            PathView(
                length=len(edges),
                nodes=[Node(**n, distance=i) for i, n in enumerate(path["nodes"])],
                edges=edges,
                sentences=[e.sentence for e in edges],
                sources=[refs[s] for s in cited if s in refs],
            )
            for path, edges, cited in found
        ]

    return await graph.read(work)


async def common_connections(
    graph: Graph, a_id: str, b_id: str, asked: CommonQuestion
) -> list[CommonConnection]:
    """Entities linked to both ``a_id`` and ``b_id``, with the facts on either side."""
    types, as_of, limit, stated_only = asked.types, asked.as_of, asked.limit, asked.stated_only

    async def work(tx: AsyncManagedTransaction) -> list[CommonConnection]:
        a = await endpoint(tx, a_id, "entity_id", graph.moment)
        b = await endpoint(tx, b_id, "other_id", graph.moment)
        rows = await run(
            tx,
            "common_connections",
            a=a.id,
            b=b.id,
            as_of=query_as_of(graph.moment, as_of),
            limit=limit,
            types=[t.value for t in types] if types else None,
            stated_only=stated_only,
            **graph.moment.params(),
        )
        result = []
        for row in rows:
            names = {a.id: a.name, b.id: b.name, row["node"]["id"]: row["node"]["name"]}
            via_a, via_b = (
                holding(row[side], names, stated_only=stated_only, as_of=as_of, moment=graph.moment)
                for side in ("via_a", "via_b")
            )
            if via_a and via_b:  # under known_at, dates recorded then may leave a side empty
                result.append(
                    CommonConnection(node=Node(**row["node"], distance=1), via_a=via_a, via_b=via_b)
                )
        return result

    return await graph.read(work)
