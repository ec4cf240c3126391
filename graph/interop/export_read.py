"""What an export holds, read page by page at one moment: entities, facts, sources and
merged ids, as :mod:`graph.interop.export` writes them in each format.

The present is pinned to the change feed's head (:mod:`graph.reads.pinned`); under
``known_at`` the moment is that time, read as every query reads it (:mod:`graph.store.moment`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal

from neo4j import AsyncManagedTransaction

from graph.domain import RelType
from graph.reads import NOT_STORED, Head, Pin, Walk, catch_up, pin_head, reach, resolve
from graph.records import known_props, stated_props
from graph.store import Graph, Rows, hidden_then, holds_on, query_as_of, redirect_then

Item = tuple[Literal["node", "edge", "source", "redirect"], dict[str, Any]]

#: rows of a page the database sorts and the service holds at once (entities, or the
#: entities whose facts a page holds)
EXPORT_PAGE = 2000


async def _ids_around(
    graph: Graph, root: str, depth: int, stated_only: bool, as_of: str | None
) -> list[str]:
    """The ids of the entities within ``depth`` of ``root``, as the graph's moment sees it."""
    every_type = [t.value for t in RelType]

    async def around(tx: AsyncManagedTransaction) -> list[str]:
        start = await resolve(tx, root, "root", graph.moment)
        how = Walk(
            every_type, every_type, stated_only=stated_only, as_of=as_of, moment=graph.moment
        )
        # the ids only: the first page's entities, light (no fact is read here)
        return sorted((await reach(tx, start, depth, how)).returned)

    return await graph.read(around)


async def pages(
    rows: Rows, query_name: str, key: str, /, page_size: int = EXPORT_PAGE, **params: Any
) -> AsyncIterator[tuple[list[dict[str, Any]], str, str | None]]:
    """The rows of a query that reads a page of ``page_size`` keys after ``after``, page
    after page in the order of ``key``, each with the range of keys it covers: after
    ``lo``, up to ``hi`` (None for the last page). An ORDER BY over the whole graph would
    have the database sort it whole in its heap (a million facts stopped a 1 GiB server);
    a page is sorted from the index, and each page picks up after the last key of the one
    before. A row with a null ``id`` only marks a key with nothing to export."""
    after = ""
    while True:
        keys, last, page = 0, after, []
        async for row in rows(query_name, after=after, page_size=page_size, **params):
            if row[key] != last:
                keys, last = keys + 1, row[key]
            if row["id"] is not None:
                page.append(row)
        if keys < page_size:
            yield page, after, None
            return
        yield page, after, last
        after = last


@dataclass
class _Reading:
    """One export being read: what it asks for, its pin, and the sources it cites."""

    graph: Graph
    pin: Pin | None
    ids: list[str] | None
    stated_only: bool
    as_of: str | None
    cited: set[str] = field(default_factory=set)

    @property
    def within(self) -> set[str] | None:
        return None if self.ids is None else set(self.ids)

    def cite(self, props: dict[str, Any]) -> None:
        if self.ids is not None:
            self.cited.update(props.get("source_ids", []))

    async def nodes(self, rows: Rows) -> AsyncIterator[Item]:
        moment, retracted_too = self.graph.moment, self.graph.moment.include_retracted
        async for page, lo, hi in pages(
            rows, "export_entities", "id", EXPORT_PAGE, ids=self.ids, **moment.params()
        ):
            if self.pin is not None:
                await catch_up(self.graph, rows, self.pin)
                page = self.pin.entity_page(
                    page, lo, hi, ids=self.within, include_retracted=retracted_too
                )
            for row in page:
                if hidden_then(row, moment, self.stated_only):
                    continue  # retracted (or, stated_only, not stated) at known_at
                if row.get("known_state"):
                    row = {**row, "props": known_props(row)}
                self.cite(row["props"])
                yield "node", row

    async def edges(self, rows: Rows) -> AsyncIterator[Item]:
        moment = self.graph.moment
        query_params = {"stated_only": self.stated_only, "as_of": query_as_of(moment, self.as_of)}
        async for page, lo, hi in pages(
            rows, "export_relationships", "start", EXPORT_PAGE, ids=self.ids,
            **query_params, **moment.params(),
        ):  # fmt: skip
            if self.pin is not None:
                await catch_up(self.graph, rows, self.pin)
                page = self.pin.fact_page(
                    page, lo, hi, ids=self.within, include_retracted=moment.include_retracted,
                    stated_only=self.stated_only, as_of=self.as_of,
                )  # fmt: skip
            for row in page:
                if hidden_then(row, moment, self.stated_only):
                    continue  # retracted (or, stated_only, not stated) at known_at
                if row.get("known_state"):  # as recorded at known_at, its dates then tested
                    state = known_props(row)
                    row = {**row, "props": {k: v for k, v in state.items() if k not in NOT_STORED}}
                    props = row["props"]
                    if not holds_on(props.get("valid_from"), props.get("valid_to"), self.as_of):
                        continue
                if self.stated_only:
                    row = {**row, "props": stated_props(row["props"]) or row["props"]}
                self.cite(row["props"])
                yield "edge", row

    async def sources_and_redirects(self, rows: Rows) -> AsyncIterator[Item]:
        known_at = self.graph.moment.known_at
        cited = None if self.ids is None else sorted(self.cited)
        sources = [r async for r in rows("export_sources", ids=cited, known_at=known_at)]
        redirects = [
            redirect_then(r)
            async for r in rows("export_redirects", ids=self.ids, **self.graph.moment.params())
        ]
        if self.pin is not None:
            await catch_up(self.graph, rows, self.pin)
            sources = self.pin.sources(sources, ids=None if cited is None else set(cited))
            redirects = self.pin.redirects(redirects)
        for row in sources:
            yield "source", row
        for row in redirects:
            yield "redirect", row


async def export_items(
    graph: Graph,
    *,
    root: str | None = None,
    depth: int = 1,
    stated_only: bool = False,
    as_of: str | None = None,
    head: Head | None = None,
) -> AsyncIterator[Item]:
    """Every entity in id order, then every relationship (by the id of the entity it
    starts at, then its own), every source and every merged id, as they stream from one
    read transaction: the whole graph, or the neighbourhood of ``root`` to ``depth`` with
    the sources it cites. Memory stays bounded for the whole graph, in the database too:
    entities and facts are read a page at a time.

    The present is read as one moment however long the export takes: pinned to the
    revision head at its start, each page puts back what writes changed since as it stood
    then (:mod:`graph.reads.pinned`); ``head`` learns its number before the first item. Under
    ``known_at`` the moment is that time.

    With ``stated_only`` the facts no source states are left out (and not walked around
    ``root``), and each fact kept carries only its stated attestations. With ``as_of``,
    only the facts valid then; the graph's moment (``known_at``, ``include_retracted``)
    chooses which items are exported.
    """
    ids = None if root is None else await _ids_around(graph, root, depth, stated_only, as_of)
    pin = None if graph.moment.known_at else await pin_head(graph)
    if pin is not None and head is not None:
        head.value = pin.head
    reading = _Reading(graph, pin, ids, stated_only, as_of)
    async with graph.streaming_read(tx_timeout=max(graph.timeout, 300)) as rows:
        for part in (reading.nodes, reading.edges, reading.sources_and_redirects):
            async for item in part(rows):
                yield item
