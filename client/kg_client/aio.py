"""The asyncio client: the same methods as :class:`~kg_client.KGClient`, awaited."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from types import TracebackType
from typing import Any, TypeVar

import httpx

from kg_client import _http, calls, models
from kg_client.calls import Call, Page, PathMode, Written
from kg_client.graphs import GraphView, PathView
from kg_client.retry import Retry

__all__ = ["AsyncKGClient"]

T = TypeVar("T")
Item = TypeVar("Item")


class AsyncKGClient:
    """Talks to one kg-service from asyncio; every method of ``KGClient``, awaited.

    Answers are the pydantic models of :mod:`kg_client.models` (generated from the
    service's OpenAPI document); errors are :class:`~kg_client.KGClientError`. A 503 or
    429 is tried again after the ``Retry-After`` the service sent (else after exponential
    backoff with jitter), and so is a connection error on an idempotent method, up to
    ``retry.attempts`` tries in all. Pass ``http`` to use your own ``httpx.AsyncClient``; it is then yours to close.

    Example:
        >>> from kg_client import AsyncKGClient
        >>> async def main() -> None:
        ...     async with AsyncKGClient("http://127.0.0.1:8000") as kg:
        ...         await kg.put_source({"id": "my-doc", "title": "My document"})
        ...         async for node in kg.iter_entities(kind="firm"):
        ...             print(node.id, node.name)
        ...         view = await kg.neighbourhood("tsmc", depth=2)
        ...         g = view.to_networkx()
        >>> asyncio.run(main())  # doctest: +SKIP
    """

    def __init__(
        self,
        base_url: str = _http.DEFAULT_URL,
        *,
        api_key: str | None = None,
        timeout: float = 30.0,
        retry: Retry | None = None,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self.retry = retry or Retry()
        self._owned = http is None
        self._http = http or httpx.AsyncClient(base_url=base_url, timeout=timeout)
        self._http.headers.update(_http.headers(api_key))
        self._sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    async def __aenter__(self) -> AsyncKGClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the connections, unless the ``httpx.Client`` was passed in."""
        if self._owned:
            await self._http.aclose()

    async def send(self, call: Call[T]) -> T:
        """Send one call, retrying as ``self.retry`` allows, and read its answer."""
        attempt = 1
        while True:
            try:
                response = await self._http.request(
                    call.method, call.url, params=dict(call.params), json=call.json
                )
            except httpx.TransportError as error:
                delay = _http.wait_after_failure(self.retry, attempt, call.method, error)
            else:
                wait = _http.wait_after_answer(self.retry, attempt, response)
                if wait is None:
                    return _http.parsed(call, response)
                await response.aclose()
                delay = wait
            await self._sleep(delay)
            attempt += 1

    async def _pages(
        self, page: Callable[[str | None], Call[Page[Item]]], cursor: str | None = None
    ) -> AsyncIterator[Item]:
        while True:
            items, cursor = await self.send(page(cursor))
            for item in items:
                yield item
            if not cursor:
                return

    # --- writes ---------------------------------------------------------------------------

    async def put_source(self, source: Mapping[str, Any]) -> tuple[Written, models.SourcePublic]:
        """Create or replace a source; answers ``created``, ``updated`` or ``unchanged``.

        >>> await kg.put_source({"id": "my-doc", "title": "My document"})  # doctest: +SKIP
        ('created', SourcePublic(id='my-doc', title='My document', ...))
        """
        return await self.send(calls.put_source(source))

    async def put_entity(self, entity: Mapping[str, Any]) -> tuple[Written, models.EntityPublic]:
        """Create or update an entity (its ``sources`` accumulate).

        >>> await kg.put_entity({"id": "tsmc", "kind": "firm", "name": "TSMC",
        ...                "sources": ["my-doc"]})  # doctest: +SKIP
        """
        return await self.send(calls.put_entity(entity))

    async def put_relationship(
        self, relationship: Mapping[str, Any]
    ) -> tuple[Written, models.FactExplained]:
        """Create or add a source to a fact; answers the fact with why it is believed."""
        return await self.send(calls.put_relationship(relationship))

    async def batch(self, batch: Mapping[str, Any], *, dry_run: bool = False) -> models.BatchResult:
        """Write sources, entities and relationships together, all or nothing.

        >>> (await kg.batch({"sources": [...], "entities": [...]}).entities.created  # doctest: +SKIP
        18
        """
        return await self.send(calls.batch(batch, dry_run=dry_run))

    # --- reads ----------------------------------------------------------------------------

    async def entity(self, entity_id: str) -> models.EntityPublic:
        """One entity (a merged id answers its survivor)."""
        return await self.send(calls.entity(entity_id))

    async def source(self, source_id: str) -> models.SourceUsage:
        """One source and how many facts rest on it."""
        return await self.send(calls.source(source_id))

    async def stats(self) -> models.Counts:
        """Counts by kind and relationship type."""
        return await self.send(calls.stats())

    async def search(self, text: str, *, limit: int = 20) -> list[models.SearchHit]:
        """The first ``limit`` hits of a ranked full-text search (see :meth:`iter_search`)."""
        return (await self.send(calls.search_page(text, limit=limit, cursor=None)))[0]

    async def resolve(self, name: str, kind: str | Sequence[str] | None = None) -> models.Resolved:
        """The entities an id or a name (ignoring case and accents) stands for, optionally of
        these kinds: the id's entity first, then by degree; ``.ambiguous`` when several.

        >>> [m.kind for m in (await kg.resolve("Taiwan")).matches]  # doctest: +SKIP
        ['location', 'government']
        """
        return await self.send(calls.resolve(name, kind=kind))

    async def neighbourhood(
        self,
        entity_id: str,
        *,
        depth: int = 1,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> GraphView:
        """Neighbours to ``depth`` hops, as nodes and edges; ``.to_networkx()`` converts.
        A page of ``limit`` entities: pass the answer's ``next_cursor`` as ``cursor`` for
        the next.

        >>> (await kg.neighbourhood("tsmc", depth=2)).to_networkx().number_of_nodes()  # doctest: +SKIP
        12
        """
        return await self.send(
            calls.neighbourhood(entity_id, depth=depth, limit=limit, cursor=cursor)
        )

    async def paths(
        self, from_id: str, to_id: str, *, mode: PathMode = "shortest", k: int | None = None
    ) -> list[PathView]:
        """Paths between two entities, each with ``.to_networkx()``."""
        return await self.send(calls.paths(from_id, to_id, mode=mode, k=k))

    async def stances(
        self, proposal_id: str, *, limit: int | None = None, cursor: str | None = None
    ) -> models.Stances:
        """One page of who proposed, supports, opposes or rejected a proposal."""
        return await self.send(calls.stances(proposal_id, limit=limit, cursor=cursor))

    async def timeline(
        self, entity_id: str, *, limit: int | None = None, cursor: str | None = None
    ) -> models.Timeline:
        """One page of the events and dated facts around an entity, in order."""
        return await self.send(calls.timeline(entity_id, limit=limit, cursor=cursor))

    # --- every page -----------------------------------------------------------------------

    def iter_entities(
        self, *, kind: str | None = None, page_size: int = 100
    ) -> AsyncIterator[models.Node]:
        """Every entity in id order (of one ``kind``), fetching page after page.

        >>> [n.id async for n in kg.iter_entities(kind="firm")]  # doctest: +SKIP
        ['intel', 'tsmc']
        """
        return self._pages(lambda c: calls.entities_page(kind=kind, limit=page_size, cursor=c))

    def iter_sources(self, *, page_size: int = 100) -> AsyncIterator[models.SourcePublic]:
        """Every source in id order, fetching page after page."""
        return self._pages(lambda c: calls.sources_page(limit=page_size, cursor=c))

    def iter_search(self, text: str, *, page_size: int = 50) -> AsyncIterator[models.SearchHit]:
        """Every hit of a search, best first, fetching page after page."""
        return self._pages(lambda c: calls.search_page(text, limit=page_size, cursor=c))

    def iter_stances(
        self, proposal_id: str, *, page_size: int = 100
    ) -> AsyncIterator[models.Stance]:
        """Every stance on a proposal, fetching page after page."""
        return self._pages(lambda c: calls.stances_page(proposal_id, limit=page_size, cursor=c))

    def iter_timeline(
        self, entity_id: str, *, page_size: int = 100
    ) -> AsyncIterator[models.TimelineItem]:
        """Every item of an entity's timeline, in order, fetching page after page."""
        return self._pages(lambda c: calls.timeline_page(entity_id, limit=page_size, cursor=c))

    # --- history and disagreement ---------------------------------------------------------

    async def retract_relationship(self, rel_id: str, *, reason: str | None = None) -> None:
        """Retract a fact: hidden from current answers, kept with its sources and history."""
        await self.send(calls.retract_relationship(rel_id, reason=reason))

    async def restore_relationship(self, rel_id: str) -> models.FactExplained:
        """Bring a retracted fact back."""
        return await self.send(calls.restore_relationship(rel_id))

    async def history(self, item: calls.HistoryItem, item_id: str) -> list[models.Revision]:
        """An item's revisions, oldest first, each with the fields it changed."""
        return (await self.send(calls.history(item, item_id))).items

    async def changes(self, after: int = 0, *, limit: int = 100) -> calls.Changes:
        """One page of the change feed after revision ``after``: (revisions, cursor, more)."""
        return await self.send(calls.changes(after, limit=limit))

    def iter_conflicts(self, *, page_size: int = 50) -> AsyncIterator[models.Fact]:
        """Every fact whose sources disagree, in id order, fetching page after page."""
        return self._pages(lambda c: calls.conflicts_page(limit=page_size, cursor=c))
