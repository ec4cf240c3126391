"""The asyncio client: the same methods as :class:`~kg_client.KGClient`, awaited."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from types import TracebackType
from typing import Any, Literal, TypeVar

import httpx
from typing_extensions import Unpack

from kg_client import _http, calls, models, questions
from kg_client.calls import Call, Filtered, Page, PathMode, ReadAt, Written
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
                    call.method,
                    call.url,
                    params=dict(call.params),
                    json=call.json,
                    content=call.content,
                    headers=call.headers,
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

    async def put_source(
        self, source: Mapping[str, Any], *, reason: str | None = None
    ) -> tuple[Written, models.SourcePublic]:
        """Create or replace a source; answers ``created``, ``updated`` or ``unchanged``.
        ``reason`` is kept in the history of every write that takes one.

        >>> await kg.put_source({"id": "my-doc", "title": "My document"})  # doctest: +SKIP
        ('created', SourcePublic(id='my-doc', title='My document', ...))
        """
        return await self.send(calls.put_source(source, reason=reason))

    async def put_source_text(
        self, source_id: str, text: str, *, reason: str | None = None
    ) -> tuple[Written, models.TextStored]:
        """Store a source's text (kept as NFC with its SHA-256); answers ``created``,
        ``updated`` or ``unchanged``, and what is stored, without the words.

        >>> kg.put_source_text("my-doc", "The words of my document.")  # doctest: +SKIP
        ('created', TextStored(source_id='my-doc', sha256='...', length=25, ...))
        """
        return await self.send(calls.put_source_text(source_id, text, reason=reason))

    async def put_entity(
        self, entity: Mapping[str, Any], *, reason: str | None = None
    ) -> tuple[Written, models.EntityPublic]:
        """Create or update an entity (its ``sources`` accumulate).

        >>> await kg.put_entity({"id": "tsmc", "kind": "firm", "name": "TSMC",
        ...                "sources": ["my-doc"]})  # doctest: +SKIP
        """
        return await self.send(calls.put_entity(entity, reason=reason))

    async def patch_entity(
        self, entity_id: str, patch: Mapping[str, Any], *, reason: str | None = None
    ) -> tuple[Written, models.EntityPublic]:
        """Change some of an entity's fields (``null`` clears one); the rest stay."""
        return await self.send(calls.patch_entity(entity_id, patch, reason=reason))

    async def retract_entity(
        self,
        entity_id: str,
        *,
        reason: str | None = None,
        cascade: bool | None = None,
        purge: bool | None = None,
    ) -> models.Deleted:
        """Retract an entity (``cascade``: with its facts), or erase it for good (``purge``)."""
        return await self.send(
            calls.retract_entity(entity_id, reason=reason, cascade=cascade, purge=purge)
        )

    async def restore_entity(
        self, entity_id: str, *, reason: str | None = None
    ) -> models.EntityPublic:
        """Bring a retracted entity back."""
        return await self.send(calls.restore_entity(entity_id, reason=reason))

    async def retract_source(self, source_id: str, *, reason: str) -> models.SourcePublic:
        """Retract a source (``reason`` required): its claims stop counting; what rested
        on it alone is retracted with it."""
        return await self.send(calls.retract_source(source_id, reason=reason))

    async def restore_source(
        self, source_id: str, *, reason: str | None = None
    ) -> models.SourcePublic:
        """Bring a retracted source back, and what was retracted with it."""
        return await self.send(calls.restore_source(source_id, reason=reason))

    async def analyse_source(
        self, source_id: str, *, reason: str | None = None
    ) -> models.AnalysisSummary:
        """Analyse a source's stored text and store the candidate facts it finds."""
        return await self.send(calls.analyse_source(source_id, reason=reason))

    async def text_analysis(self, source_id: str) -> models.TextAnalysis:
        """Where a source's text names the graph's entities, and names it does not hold."""
        return await self.send(calls.text_analysis(source_id))

    async def candidates(
        self, source_id: str, *, status: str | None = None
    ) -> list[models.CandidatePublic]:
        """The candidate facts found in a source's text (``status``: open, accepted or
        rejected), the best first."""
        return await self.send(calls.candidates(source_id, status=status))

    async def accept_candidate(
        self,
        source_id: str,
        candidate_id: str,
        acceptance: Mapping[str, Any] | None = None,
        *,
        reason: str | None = None,
    ) -> models.Accepted:
        """Accept a candidate (``acceptance``: type, qualifiers, basis... edited): its fact
        is written, pointing at its sentence."""
        return await self.send(
            calls.accept_candidate(source_id, candidate_id, acceptance, reason=reason)
        )

    async def reject_candidate(
        self, source_id: str, candidate_id: str, why: str, *, reason: str | None = None
    ) -> models.CandidatePublic:
        """Reject a candidate, saying ``why`` (remembered: never brought back)."""
        return await self.send(calls.reject_candidate(source_id, candidate_id, why, reason=reason))

    async def merge_entities(
        self, entity_id: str, into: str, *, reason: str | None = None
    ) -> models.EntityPublic:
        """Merge one entity into another: its facts move, its id answers the survivor."""
        return await self.send(calls.merge_entities(entity_id, into, reason=reason))

    async def put_relationship(
        self, relationship: Mapping[str, Any], *, reason: str | None = None
    ) -> tuple[Written, models.FactExplained]:
        """Create or add a source to a fact; answers the fact with why it is believed."""
        return await self.send(calls.put_relationship(relationship, reason=reason))

    async def batch(
        self, batch: Mapping[str, Any], *, dry_run: bool = False, reason: str | None = None
    ) -> models.BatchResult:
        """Write sources, entities and relationships together, all or nothing.

        >>> (await kg.batch({"sources": [...], "entities": [...]})).entities.created  # doctest: +SKIP
        18
        """
        return await self.send(calls.batch(batch, dry_run=dry_run, reason=reason))

    # --- reads ----------------------------------------------------------------------------
    # ``**read``: known_at, include_retracted (and as_of, stated_only where facts are
    # filtered); see calls.ReadAt and calls.Filtered.

    async def entity(self, entity_id: str, **read: Unpack[ReadAt]) -> models.EntityPublic:
        """One entity (a merged id answers its survivor)."""
        return await self.send(calls.entity(entity_id, **read))

    async def fact(self, rel_id: str, **read: Unpack[ReadAt]) -> models.FactExplained:
        """One fact and why it is believed: its sources, evidence and claims."""
        return await self.send(questions.fact(rel_id, **read))

    async def source(self, source_id: str, *, known_at: str | None = None) -> models.SourceUsage:
        """One source and how many facts rest on it."""
        return await self.send(calls.source(source_id, known_at=known_at))

    async def source_text(self, source_id: str, *, known_at: str | None = None) -> str:
        """A source's text (with ``known_at``, the one stored then)."""
        return await self.send(calls.source_text(source_id, known_at=known_at))

    async def stats(self, *, known_at: str | None = None) -> models.Counts:
        """Counts by kind and relationship type."""
        return await self.send(calls.stats(known_at=known_at))

    async def search(
        self, text: str, *, limit: int = 20, kind: str | Sequence[str] | None = None
    ) -> list[models.SearchHit]:
        """The first ``limit`` hits of a ranked search (see :meth:`iter_search`)."""
        return (await self.send(calls.search_page(text, limit=limit, cursor=None, kind=kind)))[0]

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
        types: Sequence[str] | None = None,
        direction: Literal["out", "in", "both"] | None = None,
        kind: Sequence[str] | None = None,
        **read: Unpack[Filtered],
    ) -> GraphView:
        """Neighbours to ``depth`` hops, as nodes and edges; ``.to_networkx()`` converts.
        A page of ``limit`` entities: pass the answer's ``next_cursor`` as ``cursor`` for
        the next.

        >>> (await kg.neighbourhood("tsmc", depth=2)).to_networkx().number_of_nodes()  # doctest: +SKIP
        12
        """
        return await self.send(
            calls.neighbourhood(
                entity_id,
                depth=depth,
                limit=limit,
                cursor=cursor,
                types=types,
                direction=direction,
                kind=kind,
                **read,
            )
        )

    async def paths(
        self,
        from_id: str,
        to_id: str,
        *,
        mode: PathMode = "shortest",
        k: int | None = None,
        max_hops: int | None = None,
        types: Sequence[str] | None = None,
        **read: Unpack[Filtered],
    ) -> list[PathView]:
        """Paths between two entities, each with ``.to_networkx()``."""
        return await self.send(
            calls.paths(from_id, to_id, mode=mode, k=k, max_hops=max_hops, types=types, **read)
        )

    async def common_connections(
        self,
        entity_id: str,
        other_id: str,
        *,
        types: Sequence[str] | None = None,
        limit: int | None = None,
        **read: Unpack[Filtered],
    ) -> list[models.CommonConnection]:
        """The entities both are joined to, with the facts on each side."""
        return await self.send(
            questions.common_connections(entity_id, other_id, types=types, limit=limit, **read)
        )

    async def stances(
        self,
        entity_id: str,
        *,
        limit: int | None = None,
        cursor: str | None = None,
        **read: Unpack[Filtered],
    ) -> models.Stances:
        """One page of the stances taken on an entity (who proposed, backed or rejected it)."""
        return await self.send(calls.stances(entity_id, limit=limit, cursor=cursor, **read))

    async def supply_chain(
        self,
        entity_id: str,
        *,
        direction: Literal["upstream", "downstream"] = "upstream",
        depth: int | None = None,
        product: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        **read: Unpack[Filtered],
    ) -> models.SupplyChain:
        """One page of suppliers (upstream) or customers (downstream), tier by tier."""
        return await self.send(
            questions.supply_chain(
                entity_id,
                direction=direction,
                depth=depth,
                product=product,
                limit=limit,
                cursor=cursor,
                **read,
            )
        )

    async def exposure(
        self,
        entity_id: str,
        *,
        depth: int | None = None,
        kind: str | Sequence[str] | None = None,
        **read: Unpack[Filtered],
    ) -> models.Exposure:
        """Which firms, facilities and proposals depend on an entity, and through what."""
        return await self.send(questions.exposure(entity_id, depth=depth, kind=kind, **read))

    async def timeline(
        self,
        entity_id: str,
        *,
        limit: int | None = None,
        cursor: str | None = None,
        **read: Unpack[Filtered],
    ) -> models.Timeline:
        """One page of the events and dated facts around an entity, in order."""
        return await self.send(calls.timeline(entity_id, limit=limit, cursor=cursor, **read))

    async def export(
        self, *, root: str | None = None, depth: int | None = None, **read: Unpack[Filtered]
    ) -> models.GraphExport:
        """The graph (or ``root``'s neighbourhood to ``depth``) as one JSON document."""
        return await self.send(questions.export(root=root, depth=depth, **read))

    async def export_as(
        self,
        format: questions.ExportFormat,
        *,
        root: str | None = None,
        depth: int | None = None,
        **read: Unpack[Filtered],
    ) -> str:
        """The graph as JSON Lines, GraphML, Cypher or FollowTheMoney entities, as text."""
        return await self.send(questions.export_as(format, root=root, depth=depth, **read))

    # --- every page -----------------------------------------------------------------------

    def iter_entities(
        self,
        *,
        kind: str | None = None,
        name: str | None = None,
        page_size: int = 100,
        **read: Unpack[ReadAt],
    ) -> AsyncIterator[models.Node]:
        """Every entity in id order (of one ``kind``, or with a ``name``), page after page.

        >>> [n.id async for n in kg.iter_entities(kind="firm")]  # doctest: +SKIP
        ['intel', 'tsmc']
        """
        return self._pages(
            lambda c: calls.entities_page(kind=kind, name=name, limit=page_size, cursor=c, **read)
        )

    def iter_sources(
        self, *, page_size: int = 100, known_at: str | None = None
    ) -> AsyncIterator[models.SourcePublic]:
        """Every source in id order, fetching page after page."""
        return self._pages(
            lambda c: calls.sources_page(limit=page_size, cursor=c, known_at=known_at)
        )

    def iter_search(
        self, text: str, *, page_size: int = 50, kind: str | Sequence[str] | None = None
    ) -> AsyncIterator[models.SearchHit]:
        """Every hit of a search, best first, fetching page after page."""
        return self._pages(lambda c: calls.search_page(text, limit=page_size, cursor=c, kind=kind))

    def iter_stances(
        self, entity_id: str, *, page_size: int = 100, **read: Unpack[Filtered]
    ) -> AsyncIterator[models.Stance]:
        """Every stance taken on an entity, fetching page after page."""
        return self._pages(
            lambda c: calls.stances_page(entity_id, limit=page_size, cursor=c, **read)
        )

    def iter_timeline(
        self, entity_id: str, *, page_size: int = 100, **read: Unpack[Filtered]
    ) -> AsyncIterator[models.TimelineItem]:
        """Every item of an entity's timeline, in order, fetching page after page."""
        return self._pages(
            lambda c: calls.timeline_page(entity_id, limit=page_size, cursor=c, **read)
        )

    def iter_supply_chain(
        self,
        entity_id: str,
        *,
        direction: Literal["upstream", "downstream"] = "upstream",
        depth: int | None = None,
        product: str | None = None,
        page_size: int = 100,
        **read: Unpack[Filtered],
    ) -> AsyncIterator[models.Tier]:
        """Every page's tiers of a supply chain (a tier may go on over two pages)."""
        return self._pages(
            lambda c: questions.supply_chain_page(
                entity_id,
                limit=page_size,
                cursor=c,
                direction=direction,
                depth=depth,
                product=product,
                **read,
            )
        )

    # --- history and disagreement ---------------------------------------------------------

    async def retract_relationship(
        self, rel_id: str, *, reason: str | None = None, purge: bool | None = None
    ) -> None:
        """Retract a fact: hidden from current answers, kept with its sources and history
        (``purge``: erased for good)."""
        await self.send(calls.retract_relationship(rel_id, reason=reason, purge=purge))

    async def restore_relationship(
        self, rel_id: str, *, reason: str | None = None
    ) -> models.FactExplained:
        """Bring a retracted fact back."""
        return await self.send(calls.restore_relationship(rel_id, reason=reason))

    async def history(
        self, item: calls.HistoryItem, item_id: str, *, after: int = 0, limit: int = 500
    ) -> list[models.Revision]:
        """An item's revisions, oldest first, each with the fields it changed."""
        return (await self.send(calls.history(item, item_id, after=after, limit=limit))).items

    async def changes(self, after: int = 0, *, limit: int = 100) -> calls.Changes:
        """One page of the change feed after revision ``after``: (revisions, cursor, more)."""
        return await self.send(calls.changes(after, limit=limit))

    def iter_conflicts(
        self, *, page_size: int = 50, known_at: str | None = None
    ) -> AsyncIterator[models.Fact]:
        """Every fact whose sources disagree, in id order, fetching page after page."""
        return self._pages(
            lambda c: calls.conflicts_page(limit=page_size, cursor=c, known_at=known_at)
        )

    def iter_entity_conflicts(
        self, *, page_size: int = 50, known_at: str | None = None
    ) -> AsyncIterator[models.EntityPublic]:
        """Every entity whose sources disagree about a field, page after page."""
        return self._pages(
            lambda c: calls.entity_conflicts_page(limit=page_size, cursor=c, known_at=known_at)
        )

    # --- reconciliation (the W3C protocol OpenRefine speaks) ------------------------------

    async def reconcile_manifest(self) -> models.Manifest:
        """The service manifest OpenRefine reads when the service is added."""
        return await self.send(questions.reconcile_manifest())

    async def reconcile(self, queries: Mapping[str, Any]) -> dict[str, Any]:
        """Each query's candidates (``{"q0": {"query": "TSMC", "type": "firm"}}``)."""
        return await self.send(questions.reconcile(queries))

    async def extend(self, query: Mapping[str, Any]) -> dict[str, Any]:
        """Data extension: each id's values of the properties asked for."""
        return await self.send(questions.extend(query))

    async def suggest_entities(
        self, prefix: str = "", *, type: str | None = None, cursor: int = 0, limit: int = 10
    ) -> list[models.Suggestion]:
        """Entities whose names start with ``prefix`` (of one declared kind, ``type``)."""
        return await self.send(
            questions.suggest_entities(prefix, type=type, cursor=cursor, limit=limit)
        )

    async def suggest_types(
        self, prefix: str = "", *, cursor: int = 0, limit: int = 10
    ) -> list[models.Suggestion]:
        """Declared kinds whose id or name starts with ``prefix``."""
        return await self.send(questions.suggest_types(prefix, cursor=cursor, limit=limit))

    async def suggest_properties(
        self, prefix: str = "", *, type: str | None = None, cursor: int = 0, limit: int = 10
    ) -> list[models.Suggestion]:
        """Properties (fields and facts) whose id or name starts with ``prefix``."""
        return await self.send(
            questions.suggest_properties(prefix, type=type, cursor=cursor, limit=limit)
        )

    async def propose_properties(
        self, *, type: str | None = None, limit: int | None = None
    ) -> models.ProposedProperties:
        """The properties data extension can fetch for entities of a kind."""
        return await self.send(questions.propose_properties(type=type, limit=limit))

    async def preview(self, entity_id: str) -> str:
        """An entity's preview card, as HTML."""
        return await self.send(questions.preview(entity_id))

    # --- the service ----------------------------------------------------------------------

    async def schema(self) -> models.SchemaDocument:
        """The domain: kinds, relationship types, their fields and the questions they take."""
        return await self.send(questions.schema())

    async def live(self) -> models.Live:
        """Whether the service answers at all."""
        return await self.send(questions.live())

    async def ready(self) -> models.Ready:
        """Whether the service can serve: Neo4j reachable, its schema applied."""
        return await self.send(questions.ready())

    async def browser_guide(self) -> str:
        """The Neo4j Browser guide (HTML) with this graph's queries."""
        return await self.send(questions.browser_guide())

    async def browser_style(self) -> str:
        """Neo4j Browser's style sheet (GraSS) in the domain's colours."""
        return await self.send(questions.browser_style())
