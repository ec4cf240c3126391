"""Each API call once, as data: method, path, parameters and how to read the answer.

``KGClient`` and ``AsyncKGClient`` send the same :class:`Call` objects, so the two offer
the same methods with the same answers; only the sending differs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar
from urllib.parse import quote

from kg_client import models
from kg_client.graphs import GraphView, PathView

T = TypeVar("T")
Item = TypeVar("Item")

Written = Literal["created", "updated", "unchanged"]
PathMode = Literal["shortest", "all_shortest", "k_shortest"]
#: one page of a list: its items and the cursor of the next page (None on the last)
Page = tuple[list[Item], str | None]


@dataclass(frozen=True)
class Call(Generic[T]):
    """One request and the function that turns its JSON answer into ``T``."""

    method: str
    url: str
    parse: Callable[[Any], T]
    params: Mapping[str, Any] = field(default_factory=dict)
    json: Any = None


def _seg(value: str) -> str:
    """A path segment, escaped (ids are slugs, but a typo should not change the route)."""
    return quote(value, safe="")


def _params(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


# --- writes ------------------------------------------------------------------------------


def put_source(source: Mapping[str, Any]) -> Call[tuple[Written, models.SourcePublic]]:
    def parse(body: Any) -> tuple[Written, models.SourcePublic]:
        answer = models.SourceWritten.model_validate(body)
        return answer.result, answer.source

    return Call("PUT", f"/sources/{_seg(source['id'])}", parse, json=dict(source))


def put_entity(entity: Mapping[str, Any]) -> Call[tuple[Written, models.EntityPublic]]:
    def parse(body: Any) -> tuple[Written, models.EntityPublic]:
        answer = models.EntityWritten.model_validate(body)
        return answer.result, answer.entity

    return Call("PUT", f"/entities/{_seg(entity['id'])}", parse, json=dict(entity))


def put_relationship(
    relationship: Mapping[str, Any],
) -> Call[tuple[Written, models.FactExplained]]:
    def parse(body: Any) -> tuple[Written, models.FactExplained]:
        answer = models.RelationshipWritten.model_validate(body)
        return answer.result, answer.fact

    return Call("PUT", "/relationships", parse, json=dict(relationship))


def batch(items: Mapping[str, Any], *, dry_run: bool) -> Call[models.BatchResult]:
    return Call(
        "POST",
        "/batch",
        models.BatchResult.model_validate,
        params={"dry_run": str(dry_run).lower()},
        json=dict(items),
    )


# --- reads -------------------------------------------------------------------------------


def entity(entity_id: str) -> Call[models.EntityPublic]:
    return Call(
        "GET",
        f"/entities/{_seg(entity_id)}",
        lambda body: models.EntityWithSummary.model_validate(body).entity,
    )


def source(source_id: str) -> Call[models.SourceUsage]:
    return Call("GET", f"/sources/{_seg(source_id)}", models.SourceUsage.model_validate)


def stats() -> Call[models.Counts]:
    return Call("GET", "/stats", models.Counts.model_validate)


def neighbourhood(
    entity_id: str, *, depth: int, limit: int | None, cursor: str | None = None
) -> Call[GraphView]:
    return Call(
        "GET",
        f"/entities/{_seg(entity_id)}/neighbourhood",
        GraphView.model_validate,
        params=_params(depth=depth, limit=limit, cursor=cursor),
    )


def paths(from_id: str, to_id: str, *, mode: PathMode, k: int | None) -> Call[list[PathView]]:
    def parse(body: Any) -> list[PathView]:
        return [PathView.model_validate(p) for p in body["paths"]]

    return Call(
        "GET", "/paths", parse, params=_params(**{"from": from_id, "to": to_id}, mode=mode, k=k)
    )


def resolve(name: str, *, kind: str | Sequence[str] | None) -> Call[models.Resolved]:
    kinds = [kind] if isinstance(kind, str) else list(kind) if kind else None
    return Call(
        "GET", "/resolve", models.Resolved.model_validate, params=_params(name=name, kind=kinds)
    )


def stances(proposal_id: str, *, limit: int | None, cursor: str | None) -> Call[models.Stances]:
    return Call(
        "GET",
        f"/proposals/{_seg(proposal_id)}/stances",
        models.Stances.model_validate,
        params=_params(limit=limit, cursor=cursor),
    )


def timeline(entity_id: str, *, limit: int | None, cursor: str | None) -> Call[models.Timeline]:
    return Call(
        "GET",
        f"/entities/{_seg(entity_id)}/timeline",
        models.Timeline.model_validate,
        params=_params(limit=limit, cursor=cursor),
    )


# --- pages: each answers (items, next_cursor) --------------------------------------------


def search_page(text: str, *, limit: int, cursor: str | None) -> Call[Page[models.SearchHit]]:
    def parse(body: Any) -> Page[models.SearchHit]:
        page = models.SearchPage.model_validate(body)
        return page.items, page.next_cursor

    return Call("GET", "/search", parse, params=_params(q=text, limit=limit, cursor=cursor))


def entities_page(*, kind: str | None, limit: int, cursor: str | None) -> Call[Page[models.Node]]:
    def parse(body: Any) -> Page[models.Node]:
        page = models.EntityPage.model_validate(body)
        return page.items, page.next_cursor

    return Call("GET", "/entities", parse, params=_params(kind=kind, limit=limit, cursor=cursor))


def sources_page(*, limit: int, cursor: str | None) -> Call[Page[models.SourcePublic]]:
    def parse(body: Any) -> Page[models.SourcePublic]:
        page = models.SourcePage.model_validate(body)
        return page.items, page.next_cursor

    return Call("GET", "/sources", parse, params=_params(limit=limit, cursor=cursor))


def stances_page(proposal_id: str, *, limit: int, cursor: str | None) -> Call[Page[models.Stance]]:
    def parse(body: Any) -> Page[models.Stance]:
        page = models.Stances.model_validate(body)
        return page.stances, page.next_cursor

    return Call(
        "GET",
        f"/proposals/{_seg(proposal_id)}/stances",
        parse,
        params=_params(limit=limit, cursor=cursor),
    )


def timeline_page(
    entity_id: str, *, limit: int, cursor: str | None
) -> Call[Page[models.TimelineItem]]:
    def parse(body: Any) -> Page[models.TimelineItem]:
        page = models.Timeline.model_validate(body)
        return page.items, page.next_cursor

    return Call(
        "GET",
        f"/entities/{_seg(entity_id)}/timeline",
        parse,
        params=_params(limit=limit, cursor=cursor),
    )


# --- history and disagreement -------------------------------------------------------------

#: what a history is about
HistoryItem = Literal["entity", "relationship", "source"]
#: one page of the change feed: its revisions, the cursor to poll from, whether more follow
Changes = tuple[list[models.Revision], int, bool]


def retract_relationship(rel_id: str, *, reason: str | None = None) -> Call[None]:
    return Call("DELETE", f"/relationships/{_seg(rel_id)}", lambda _: None, _params(reason=reason))


def restore_relationship(rel_id: str) -> Call[models.FactExplained]:
    return Call(
        "POST", f"/relationships/{_seg(rel_id)}/restore", models.FactExplained.model_validate
    )


def history(item: HistoryItem, item_id: str, *, after: int = 0) -> Call[models.HistoryPage]:
    prefix = {"entity": "entities", "relationship": "relationships", "source": "sources"}[item]
    return Call(
        "GET",
        f"/{prefix}/{_seg(item_id)}/history",
        models.HistoryPage.model_validate,
        params=_params(after=after or None, limit=500),
    )


def changes(after: int, *, limit: int) -> Call[Changes]:
    def parse(body: Any) -> Changes:
        page = models.ChangesPage.model_validate(body)
        return page.items, page.cursor, page.more

    return Call("GET", "/changes", parse, params=_params(after=after, limit=limit))


def conflicts_page(*, limit: int, cursor: str | None) -> Call[Page[models.Fact]]:
    def parse(body: Any) -> Page[models.Fact]:
        page = models.ConflictsPage.model_validate(body)
        return page.items, page.next_cursor

    return Call("GET", "/conflicts", parse, params=_params(limit=limit, cursor=cursor))
