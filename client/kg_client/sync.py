"""The blocking client."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any, Literal, TypeVar

import httpx
from typing_extensions import Unpack

from kg_client import _http, calls, models, questions
from kg_client.calls import Call, Filtered, Page, PathMode, ReadAt, Written
from kg_client.graphs import GraphView, PathView
from kg_client.retry import Retry

__all__ = ["KGClient"]

T = TypeVar("T")
Item = TypeVar("Item")


class KGClient:
    """Talks to one kg-service, blocking.

    Answers are the pydantic models of :mod:`kg_client.models` (generated from the
    service's OpenAPI document); errors are :class:`~kg_client.KGClientError`. A 503 or
    429 is tried again after the ``Retry-After`` the service sent (else after exponential
    backoff with jitter), and so is a connection error on an idempotent method, up to
    ``retry.attempts`` tries in all. Pass ``http`` to use your own ``httpx.Client`` (or
    a Starlette ``TestClient``); it is then yours to close.

    Example:
        >>> from kg_client import KGClient, Retry
        >>> with KGClient("http://127.0.0.1:8000", retry=Retry(attempts=5)) as kg:  # doctest: +SKIP
        ...     kg.put_source({"id": "my-doc", "title": "My document"})
        ...     result = kg.batch({"entities": [...], "relationships": [...]})
        ...     print(result.entities.created)
        ...     for node in kg.iter_entities(kind="firm"):
        ...         print(node.id, node.name)
        ...     g = kg.neighbourhood("tsmc", depth=2).to_networkx()
    """

    def __init__(
        self,
        base_url: str = _http.DEFAULT_URL,
        *,
        api_key: str | None = None,
        timeout: float = 30.0,
        retry: Retry | None = None,
        http: httpx.Client | None = None,
    ) -> None:
        self.retry = retry or Retry()
        self._owned = http is None
        self._http = http or httpx.Client(base_url=base_url, timeout=timeout)
        self._http.headers.update(_http.headers(api_key))
        self._sleep: Callable[[float], None] = time.sleep

    def __enter__(self) -> KGClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections, unless the ``httpx.Client`` was passed in."""
        if self._owned:
            self._http.close()

    def send(self, call: Call[T]) -> T:
        """Send one call, retrying as ``self.retry`` allows, and read its answer."""
        attempt = 1
        while True:
            try:
                response = self._http.request(
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
                response.close()
                delay = wait
            self._sleep(delay)
            attempt += 1

    def _pages(
        self, page: Callable[[str | None], Call[Page[Item]]], cursor: str | None = None
    ) -> Iterator[Item]:
        while True:
            items, cursor = self.send(page(cursor))
            yield from items
            if not cursor:
                return

    # --- writes ---------------------------------------------------------------------------

    def put_source(
        self, source: Mapping[str, Any], *, reason: str | None = None
    ) -> tuple[Written, models.SourcePublic]:
        """Create or replace a source; answers ``created``, ``updated`` or ``unchanged``.
        ``reason`` is kept in the history of every write that takes one.

        >>> kg.put_source({"id": "my-doc", "title": "My document"})  # doctest: +SKIP
        ('created', SourcePublic(id='my-doc', title='My document', ...))
        """
        return self.send(calls.put_source(source, reason=reason))

    def put_source_text(
        self, source_id: str, text: str, *, reason: str | None = None
    ) -> tuple[Written, models.TextStored]:
        """Store a source's text (kept as NFC with its SHA-256); answers ``created``,
        ``updated`` or ``unchanged``, and what is stored, without the words.

        >>> kg.put_source_text("my-doc", "The words of my document.")  # doctest: +SKIP
        ('created', TextStored(source_id='my-doc', sha256='...', length=25, ...))
        """
        return self.send(calls.put_source_text(source_id, text, reason=reason))

    def put_entity(
        self, entity: Mapping[str, Any], *, reason: str | None = None
    ) -> tuple[Written, models.EntityPublic]:
        """Create or update an entity (its ``sources`` accumulate).

        >>> kg.put_entity({"id": "tsmc", "kind": "firm", "name": "TSMC",
        ...                "sources": ["my-doc"]})  # doctest: +SKIP
        """
        return self.send(calls.put_entity(entity, reason=reason))

    def patch_entity(
        self, entity_id: str, patch: Mapping[str, Any], *, reason: str | None = None
    ) -> tuple[Written, models.EntityPublic]:
        """Change some of an entity's fields (``null`` clears one); the rest stay."""
        return self.send(calls.patch_entity(entity_id, patch, reason=reason))

    def retract_entity(
        self,
        entity_id: str,
        *,
        reason: str | None = None,
        cascade: bool | None = None,
        purge: bool | None = None,
    ) -> models.Deleted:
        """Retract an entity (``cascade``: with its facts), or erase it for good (``purge``)."""
        return self.send(
            calls.retract_entity(entity_id, reason=reason, cascade=cascade, purge=purge)
        )

    def restore_entity(self, entity_id: str, *, reason: str | None = None) -> models.EntityPublic:
        """Bring a retracted entity back."""
        return self.send(calls.restore_entity(entity_id, reason=reason))

    def retract_source(self, source_id: str, *, reason: str) -> models.SourcePublic:
        """Retract a source (``reason`` required): its claims stop counting; what rested
        on it alone is retracted with it."""
        return self.send(calls.retract_source(source_id, reason=reason))

    def restore_source(self, source_id: str, *, reason: str | None = None) -> models.SourcePublic:
        """Bring a retracted source back, and what was retracted with it."""
        return self.send(calls.restore_source(source_id, reason=reason))

    def analyse_source(
        self, source_id: str, *, reason: str | None = None
    ) -> models.AnalysisSummary:
        """Analyse a source's stored text and store the candidate facts it finds."""
        return self.send(calls.analyse_source(source_id, reason=reason))

    def text_analysis(self, source_id: str) -> models.TextAnalysis:
        """Where a source's text names the graph's entities, and names it does not hold."""
        return self.send(calls.text_analysis(source_id))

    def candidates(
        self, source_id: str, *, status: str | None = None
    ) -> list[models.CandidatePublic]:
        """The candidate facts found in a source's text (``status``: open, accepted or
        rejected), the best first."""
        return self.send(calls.candidates(source_id, status=status))

    def accept_candidate(
        self,
        source_id: str,
        candidate_id: str,
        acceptance: Mapping[str, Any] | None = None,
        *,
        reason: str | None = None,
    ) -> models.Accepted:
        """Accept a candidate (``acceptance``: type, qualifiers, basis... edited): its fact
        is written, pointing at its sentence."""
        return self.send(calls.accept_candidate(source_id, candidate_id, acceptance, reason=reason))

    def reject_candidate(
        self, source_id: str, candidate_id: str, why: str, *, reason: str | None = None
    ) -> models.CandidatePublic:
        """Reject a candidate, saying ``why`` (remembered: never brought back)."""
        return self.send(calls.reject_candidate(source_id, candidate_id, why, reason=reason))

    def merge_entities(
        self, entity_id: str, into: str, *, reason: str | None = None
    ) -> models.EntityPublic:
        """Merge one entity into another: its facts move, its id answers the survivor."""
        return self.send(calls.merge_entities(entity_id, into, reason=reason))

    def put_relationship(
        self, relationship: Mapping[str, Any], *, reason: str | None = None
    ) -> tuple[Written, models.FactExplained]:
        """Create or add a source to a fact; answers the fact with why it is believed."""
        return self.send(calls.put_relationship(relationship, reason=reason))

    def batch(
        self, batch: Mapping[str, Any], *, dry_run: bool = False, reason: str | None = None
    ) -> models.BatchResult:
        """Write sources, entities and relationships together, all or nothing.

        >>> kg.batch({"sources": [...], "entities": [...]}).entities.created  # doctest: +SKIP
        18
        """
        return self.send(calls.batch(batch, dry_run=dry_run, reason=reason))

    # --- reads ----------------------------------------------------------------------------
    # ``**read``: known_at, include_retracted (and as_of, stated_only where facts are
    # filtered); see calls.ReadAt and calls.Filtered.

    def entity(self, entity_id: str, **read: Unpack[ReadAt]) -> models.EntityPublic:
        """One entity (a merged id answers its survivor)."""
        return self.send(calls.entity(entity_id, **read))

    def fact(self, rel_id: str, **read: Unpack[ReadAt]) -> models.FactExplained:
        """One fact and why it is believed: its sources, evidence and claims."""
        return self.send(questions.fact(rel_id, **read))

    def source(self, source_id: str, *, known_at: str | None = None) -> models.SourceUsage:
        """One source and how many facts rest on it."""
        return self.send(calls.source(source_id, known_at=known_at))

    def source_text(self, source_id: str, *, known_at: str | None = None) -> str:
        """A source's text (with ``known_at``, the one stored then)."""
        return self.send(calls.source_text(source_id, known_at=known_at))

    def stats(self, *, known_at: str | None = None) -> models.Counts:
        """Counts by kind and relationship type."""
        return self.send(calls.stats(known_at=known_at))

    def search(
        self, text: str, *, limit: int = 20, kind: str | Sequence[str] | None = None
    ) -> list[models.SearchHit]:
        """The first ``limit`` hits of a ranked search (see :meth:`iter_search`)."""
        return self.send(calls.search_page(text, limit=limit, cursor=None, kind=kind))[0]

    def resolve(self, name: str, kind: str | Sequence[str] | None = None) -> models.Resolved:
        """The entities an id or a name (ignoring case and accents) stands for, optionally of
        these kinds: the id's entity first, then by degree; ``.ambiguous`` when several.

        >>> [m.kind for m in kg.resolve("Taiwan").matches]  # doctest: +SKIP
        ['location', 'government']
        """
        return self.send(calls.resolve(name, kind=kind))

    def neighbourhood(
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

        >>> kg.neighbourhood("tsmc", depth=2).to_networkx().number_of_nodes()  # doctest: +SKIP
        12
        """
        return self.send(
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

    def paths(
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
        return self.send(
            calls.paths(from_id, to_id, mode=mode, k=k, max_hops=max_hops, types=types, **read)
        )

    def common_connections(
        self,
        entity_id: str,
        other_id: str,
        *,
        types: Sequence[str] | None = None,
        limit: int | None = None,
        **read: Unpack[Filtered],
    ) -> list[models.CommonConnection]:
        """The entities both are joined to, with the facts on each side."""
        return self.send(
            questions.common_connections(entity_id, other_id, types=types, limit=limit, **read)
        )

    def stances(
        self,
        entity_id: str,
        *,
        limit: int | None = None,
        cursor: str | None = None,
        **read: Unpack[Filtered],
    ) -> models.Stances:
        """One page of the stances taken on an entity (who proposed, backed or rejected it)."""
        return self.send(calls.stances(entity_id, limit=limit, cursor=cursor, **read))

    def supply_chain(
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
        return self.send(
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

    def exposure(
        self,
        entity_id: str,
        *,
        depth: int | None = None,
        kind: str | Sequence[str] | None = None,
        **read: Unpack[Filtered],
    ) -> models.Exposure:
        """Which firms, facilities and proposals depend on an entity, and through what."""
        return self.send(questions.exposure(entity_id, depth=depth, kind=kind, **read))

    def timeline(
        self,
        entity_id: str,
        *,
        limit: int | None = None,
        cursor: str | None = None,
        **read: Unpack[Filtered],
    ) -> models.Timeline:
        """One page of the events and dated facts around an entity, in order."""
        return self.send(calls.timeline(entity_id, limit=limit, cursor=cursor, **read))

    def export(
        self, *, root: str | None = None, depth: int | None = None, **read: Unpack[Filtered]
    ) -> models.GraphExport:
        """The graph (or ``root``'s neighbourhood to ``depth``) as one JSON document."""
        return self.send(questions.export(root=root, depth=depth, **read))

    def export_as(
        self,
        format: questions.ExportFormat,
        *,
        root: str | None = None,
        depth: int | None = None,
        **read: Unpack[Filtered],
    ) -> str:
        """The graph as JSON Lines, GraphML, Cypher or FollowTheMoney entities, as text."""
        return self.send(questions.export_as(format, root=root, depth=depth, **read))

    # --- every page -----------------------------------------------------------------------

    def iter_entities(
        self,
        *,
        kind: str | None = None,
        name: str | None = None,
        page_size: int = 100,
        **read: Unpack[ReadAt],
    ) -> Iterator[models.Node]:
        """Every entity in id order (of one ``kind``, or with a ``name``), page after page.

        >>> [n.id for n in kg.iter_entities(kind="firm")]  # doctest: +SKIP
        ['intel', 'tsmc']
        """
        return self._pages(
            lambda c: calls.entities_page(kind=kind, name=name, limit=page_size, cursor=c, **read)
        )

    def iter_sources(
        self, *, page_size: int = 100, known_at: str | None = None
    ) -> Iterator[models.SourcePublic]:
        """Every source in id order, fetching page after page."""
        return self._pages(
            lambda c: calls.sources_page(limit=page_size, cursor=c, known_at=known_at)
        )

    def iter_search(
        self, text: str, *, page_size: int = 50, kind: str | Sequence[str] | None = None
    ) -> Iterator[models.SearchHit]:
        """Every hit of a search, best first, fetching page after page."""
        return self._pages(lambda c: calls.search_page(text, limit=page_size, cursor=c, kind=kind))

    def iter_stances(
        self, entity_id: str, *, page_size: int = 100, **read: Unpack[Filtered]
    ) -> Iterator[models.Stance]:
        """Every stance taken on an entity, fetching page after page."""
        return self._pages(
            lambda c: calls.stances_page(entity_id, limit=page_size, cursor=c, **read)
        )

    def iter_timeline(
        self, entity_id: str, *, page_size: int = 100, **read: Unpack[Filtered]
    ) -> Iterator[models.TimelineItem]:
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
    ) -> Iterator[models.Tier]:
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

    def retract_relationship(
        self, rel_id: str, *, reason: str | None = None, purge: bool | None = None
    ) -> None:
        """Retract a fact: hidden from current answers, kept with its sources and history
        (``purge``: erased for good)."""
        self.send(calls.retract_relationship(rel_id, reason=reason, purge=purge))

    def restore_relationship(
        self, rel_id: str, *, reason: str | None = None
    ) -> models.FactExplained:
        """Bring a retracted fact back."""
        return self.send(calls.restore_relationship(rel_id, reason=reason))

    def history(
        self, item: calls.HistoryItem, item_id: str, *, after: int = 0, limit: int = 500
    ) -> list[models.Revision]:
        """An item's revisions, oldest first, each with the fields it changed."""
        return (self.send(calls.history(item, item_id, after=after, limit=limit))).items

    def changes(self, after: int = 0, *, limit: int = 100) -> calls.Changes:
        """One page of the change feed after revision ``after``: (revisions, cursor, more)."""
        return self.send(calls.changes(after, limit=limit))

    def iter_conflicts(
        self, *, page_size: int = 50, known_at: str | None = None
    ) -> Iterator[models.Fact]:
        """Every fact whose sources disagree, in id order, fetching page after page."""
        return self._pages(
            lambda c: calls.conflicts_page(limit=page_size, cursor=c, known_at=known_at)
        )

    def iter_entity_conflicts(
        self, *, page_size: int = 50, known_at: str | None = None
    ) -> Iterator[models.EntityPublic]:
        """Every entity whose sources disagree about a field, page after page."""
        return self._pages(
            lambda c: calls.entity_conflicts_page(limit=page_size, cursor=c, known_at=known_at)
        )

    # --- reconciliation (the W3C protocol OpenRefine speaks) ------------------------------

    def reconcile_manifest(self) -> models.Manifest:
        """The service manifest OpenRefine reads when the service is added."""
        return self.send(questions.reconcile_manifest())

    def reconcile(self, queries: Mapping[str, Any]) -> dict[str, Any]:
        """Each query's candidates (``{"q0": {"query": "TSMC", "type": "firm"}}``)."""
        return self.send(questions.reconcile(queries))

    def extend(self, query: Mapping[str, Any]) -> dict[str, Any]:
        """Data extension: each id's values of the properties asked for."""
        return self.send(questions.extend(query))

    def suggest_entities(
        self, prefix: str = "", *, type: str | None = None, cursor: int = 0, limit: int = 10
    ) -> list[models.Suggestion]:
        """Entities whose names start with ``prefix`` (of one declared kind, ``type``)."""
        return self.send(questions.suggest_entities(prefix, type=type, cursor=cursor, limit=limit))

    def suggest_types(
        self, prefix: str = "", *, cursor: int = 0, limit: int = 10
    ) -> list[models.Suggestion]:
        """Declared kinds whose id or name starts with ``prefix``."""
        return self.send(questions.suggest_types(prefix, cursor=cursor, limit=limit))

    def suggest_properties(
        self, prefix: str = "", *, type: str | None = None, cursor: int = 0, limit: int = 10
    ) -> list[models.Suggestion]:
        """Properties (fields and facts) whose id or name starts with ``prefix``."""
        return self.send(
            questions.suggest_properties(prefix, type=type, cursor=cursor, limit=limit)
        )

    def propose_properties(
        self, *, type: str | None = None, limit: int | None = None
    ) -> models.ProposedProperties:
        """The properties data extension can fetch for entities of a kind."""
        return self.send(questions.propose_properties(type=type, limit=limit))

    def preview(self, entity_id: str) -> str:
        """An entity's preview card, as HTML."""
        return self.send(questions.preview(entity_id))

    # --- the service ----------------------------------------------------------------------

    def schema(self) -> models.SchemaDocument:
        """The domain: kinds, relationship types, their fields and the questions they take."""
        return self.send(questions.schema())

    def live(self) -> models.Live:
        """Whether the service answers at all."""
        return self.send(questions.live())

    def ready(self) -> models.Ready:
        """Whether the service can serve: Neo4j reachable, its schema applied."""
        return self.send(questions.ready())

    def browser_guide(self) -> str:
        """The Neo4j Browser guide (HTML) with this graph's queries."""
        return self.send(questions.browser_guide())

    def browser_style(self) -> str:
        """Neo4j Browser's style sheet (GraSS) in the domain's colours."""
        return self.send(questions.browser_style())
