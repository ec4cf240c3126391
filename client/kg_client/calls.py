"""Each API call once, as data: method, path, parameters and how to read the answer.

``KGClient`` and ``AsyncKGClient`` send the same :class:`Call` objects, so the two offer
the same methods with the same answers; only the sending differs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypedDict, TypeVar
from urllib.parse import quote

from pydantic import TypeAdapter
from typing_extensions import Unpack

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
    #: a body that is not JSON (a source's text), and the headers that say what it is
    content: bytes | None = None
    headers: Mapping[str, str] | None = None
    #: the answer is text (HTML, GraphML, Cypher...), not JSON
    text: bool = False


class ReadAt(TypedDict, total=False):
    """When to read: ``known_at`` (an ISO time) answers as the graph stood then;
    ``include_retracted`` shows retracted items too."""

    known_at: str
    include_retracted: bool


class Filtered(ReadAt, total=False):
    """Which facts count: ``as_of`` (a date) those valid on it; ``stated_only`` those a
    source states (not inferred)."""

    as_of: str
    stated_only: bool


def _seg(value: str) -> str:
    """A path segment, escaped (ids are slugs, but a typo should not change the route)."""
    return quote(value, safe="")


def _params(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _list(values: str | Sequence[str] | None) -> list[str] | None:
    """A repeatable query parameter: one value or several."""
    return [values] if isinstance(values, str) else list(values) if values else None


# --- writes ------------------------------------------------------------------------------


def put_source(
    source: Mapping[str, Any], *, reason: str | None = None
) -> Call[tuple[Written, models.SourcePublic]]:
    def parse(body: Any) -> tuple[Written, models.SourcePublic]:
        answer = models.SourceWritten.model_validate(body)
        return answer.result, answer.source

    url = f"/sources/{_seg(source['id'])}"
    return Call("PUT", url, parse, _params(reason=reason), json=dict(source))


def put_source_text(
    source_id: str, text: str, *, reason: str | None = None
) -> Call[tuple[Written, models.TextStored]]:
    def parse(body: Any) -> tuple[Written, models.TextStored]:
        answer = models.TextWritten.model_validate(body)
        return answer.result, answer.text

    return Call(
        "PUT",
        f"/sources/{_seg(source_id)}/text",
        parse,
        _params(reason=reason),
        content=text.encode("utf-8"),
        headers={"Content-Type": "text/plain; charset=utf-8"},
    )


def source_text(source_id: str, *, known_at: str | None = None) -> Call[str]:
    url = f"/sources/{_seg(source_id)}/text"
    return Call("GET", url, str, _params(known_at=known_at), text=True)


def analyse_source(source_id: str, *, reason: str | None = None) -> Call[models.AnalysisSummary]:
    url = f"/sources/{_seg(source_id)}/analysis"
    return Call("POST", url, models.AnalysisSummary.model_validate, _params(reason=reason))


def text_analysis(source_id: str) -> Call[models.TextAnalysis]:
    url = f"/sources/{_seg(source_id)}/analysis"
    return Call("GET", url, models.TextAnalysis.model_validate)


_CANDIDATES = TypeAdapter(list[models.CandidatePublic])


def candidates(source_id: str, *, status: str | None = None) -> Call[list[models.CandidatePublic]]:
    url = f"/sources/{_seg(source_id)}/candidates"
    return Call("GET", url, _CANDIDATES.validate_python, _params(status=status))


def accept_candidate(
    source_id: str, candidate_id: str, acceptance: Mapping[str, Any] | None = None, *,
    reason: str | None = None,
) -> Call[models.Accepted]:  # fmt: skip
    url = f"/sources/{_seg(source_id)}/candidates/{_seg(candidate_id)}/accept"
    body = dict(acceptance or {})
    return Call("POST", url, models.Accepted.model_validate, _params(reason=reason), json=body)


def reject_candidate(
    source_id: str, candidate_id: str, why: str, *, reason: str | None = None
) -> Call[models.CandidatePublic]:
    url = f"/sources/{_seg(source_id)}/candidates/{_seg(candidate_id)}/reject"
    parse = models.CandidatePublic.model_validate
    return Call("POST", url, parse, _params(reason=reason), json={"reason": why})


def put_entity(
    entity: Mapping[str, Any], *, reason: str | None = None
) -> Call[tuple[Written, models.EntityPublic]]:
    def parse(body: Any) -> tuple[Written, models.EntityPublic]:
        answer = models.EntityWritten.model_validate(body)
        return answer.result, answer.entity

    url = f"/entities/{_seg(entity['id'])}"
    return Call("PUT", url, parse, _params(reason=reason), json=dict(entity))


def put_relationship(
    relationship: Mapping[str, Any], *, reason: str | None = None
) -> Call[tuple[Written, models.FactExplained]]:
    def parse(body: Any) -> tuple[Written, models.FactExplained]:
        answer = models.RelationshipWritten.model_validate(body)
        return answer.result, answer.fact

    return Call("PUT", "/relationships", parse, _params(reason=reason), json=dict(relationship))


def batch(
    items: Mapping[str, Any], *, dry_run: bool, reason: str | None = None
) -> Call[models.BatchResult]:
    return Call(
        "POST",
        "/batch",
        models.BatchResult.model_validate,
        params=_params(dry_run=str(dry_run).lower(), reason=reason),
        json=dict(items),
    )


def _entity(body: Any) -> models.EntityPublic:
    return _ENTITY.validate_python(body)


_ENTITY: TypeAdapter[models.EntityPublic] = TypeAdapter(models.EntityPublic)


def patch_entity(
    entity_id: str, patch: Mapping[str, Any], *, reason: str | None = None
) -> Call[tuple[Written, models.EntityPublic]]:
    def parse(body: Any) -> tuple[Written, models.EntityPublic]:
        answer = models.EntityWritten.model_validate(body)
        return answer.result, answer.entity

    url = f"/entities/{_seg(entity_id)}"
    return Call("PATCH", url, parse, _params(reason=reason), json=dict(patch))


def retract_entity(
    entity_id: str,
    *,
    reason: str | None = None,
    cascade: bool | None = None,
    purge: bool | None = None,
) -> Call[models.Deleted]:
    params = _params(reason=reason, cascade=cascade, purge=purge)
    return Call("DELETE", f"/entities/{_seg(entity_id)}", models.Deleted.model_validate, params)


def restore_entity(entity_id: str, *, reason: str | None = None) -> Call[models.EntityPublic]:
    url = f"/entities/{_seg(entity_id)}/restore"
    return Call("POST", url, _entity, _params(reason=reason))


def retract_source(source_id: str, *, reason: str) -> Call[models.SourcePublic]:
    url = f"/sources/{_seg(source_id)}"
    return Call("DELETE", url, models.SourcePublic.model_validate, _params(reason=reason))


def restore_source(source_id: str, *, reason: str | None = None) -> Call[models.SourcePublic]:
    url = f"/sources/{_seg(source_id)}/restore"
    return Call("POST", url, models.SourcePublic.model_validate, _params(reason=reason))


def merge_entities(
    entity_id: str, into: str, *, reason: str | None = None
) -> Call[models.EntityPublic]:
    url = f"/entities/{_seg(entity_id)}/merge"
    return Call("POST", url, _entity, _params(reason=reason), json={"into": into})


# --- reads -------------------------------------------------------------------------------


def entity(entity_id: str, **read: Unpack[ReadAt]) -> Call[models.EntityPublic]:
    return Call(
        "GET",
        f"/entities/{_seg(entity_id)}",
        lambda body: models.EntityWithSummary.model_validate(body).entity,
        _params(**read),
    )


def source(source_id: str, *, known_at: str | None = None) -> Call[models.SourceUsage]:
    return Call(
        "GET",
        f"/sources/{_seg(source_id)}",
        models.SourceUsage.model_validate,
        _params(known_at=known_at),
    )


def stats(*, known_at: str | None = None) -> Call[models.Counts]:
    return Call("GET", "/stats", models.Counts.model_validate, _params(known_at=known_at))


def neighbourhood(
    entity_id: str,
    *,
    depth: int,
    limit: int | None,
    cursor: str | None = None,
    types: Sequence[str] | None = None,
    direction: Literal["out", "in", "both"] | None = None,
    kind: Sequence[str] | None = None,
    **read: Unpack[Filtered],
) -> Call[GraphView]:
    return Call(
        "GET",
        f"/entities/{_seg(entity_id)}/neighbourhood",
        GraphView.model_validate,
        params=_params(
            depth=depth,
            limit=limit,
            cursor=cursor,
            types=_list(types),
            direction=direction,
            kind=_list(kind),
            **read,
        ),
    )


def paths(
    from_id: str,
    to_id: str,
    *,
    mode: PathMode,
    k: int | None,
    max_hops: int | None = None,
    types: Sequence[str] | None = None,
    **read: Unpack[Filtered],
) -> Call[list[PathView]]:
    def parse(body: Any) -> list[PathView]:
        return [PathView.model_validate(p) for p in body["paths"]]

    where = {"from": from_id, "to": to_id}
    return Call(
        "GET",
        "/paths",
        parse,
        params=_params(**where, mode=mode, k=k, max_hops=max_hops, types=_list(types), **read),
    )


def resolve(name: str, *, kind: str | Sequence[str] | None) -> Call[models.Resolved]:
    kinds = [kind] if isinstance(kind, str) else list(kind) if kind else None
    return Call(
        "GET", "/resolve", models.Resolved.model_validate, params=_params(name=name, kind=kinds)
    )


def stances(
    entity_id: str, *, limit: int | None, cursor: str | None, **read: Unpack[Filtered]
) -> Call[models.Stances]:
    return Call(
        "GET",
        f"/entities/{_seg(entity_id)}/stances",
        models.Stances.model_validate,
        params=_params(limit=limit, cursor=cursor, **read),
    )


def timeline(
    entity_id: str, *, limit: int | None, cursor: str | None, **read: Unpack[Filtered]
) -> Call[models.Timeline]:
    return Call(
        "GET",
        f"/entities/{_seg(entity_id)}/timeline",
        models.Timeline.model_validate,
        params=_params(limit=limit, cursor=cursor, **read),
    )


# --- pages: each answers (items, next_cursor) --------------------------------------------


def _page(model: Any, items: str = "items") -> Callable[[Any], Page[Any]]:
    def parse(body: Any) -> Page[Any]:
        page = model.model_validate(body)
        return getattr(page, items), page.next_cursor

    return parse


def search_page(
    text: str, *, limit: int, cursor: str | None, kind: str | Sequence[str] | None = None
) -> Call[Page[models.SearchHit]]:
    params = _params(q=text, limit=limit, cursor=cursor, kind=_list(kind))
    return Call("GET", "/search", _page(models.SearchPage), params)


def entities_page(
    *,
    kind: str | None,
    limit: int,
    cursor: str | None,
    name: str | None = None,
    **read: Unpack[ReadAt],
) -> Call[Page[models.Node]]:
    params = _params(kind=kind, name=name, limit=limit, cursor=cursor, **read)
    return Call("GET", "/entities", _page(models.EntityPage), params)


def sources_page(
    *, limit: int, cursor: str | None, known_at: str | None = None
) -> Call[Page[models.SourcePublic]]:
    params = _params(limit=limit, cursor=cursor, known_at=known_at)
    return Call("GET", "/sources", _page(models.SourcePage), params)


def stances_page(
    entity_id: str, *, limit: int, cursor: str | None, **read: Unpack[Filtered]
) -> Call[Page[models.Stance]]:
    url = f"/entities/{_seg(entity_id)}/stances"
    params = _params(limit=limit, cursor=cursor, **read)
    return Call("GET", url, _page(models.Stances, "stances"), params)


def timeline_page(
    entity_id: str, *, limit: int, cursor: str | None, **read: Unpack[Filtered]
) -> Call[Page[models.TimelineItem]]:
    url = f"/entities/{_seg(entity_id)}/timeline"
    params = _params(limit=limit, cursor=cursor, **read)
    return Call("GET", url, _page(models.Timeline), params)


# --- history and disagreement -------------------------------------------------------------

#: what a history is about
HistoryItem = Literal["entity", "relationship", "source", "text"]
#: one page of the change feed: its revisions, the cursor to poll from, whether more follow
Changes = tuple[list[models.Revision], int, bool]


def retract_relationship(
    rel_id: str, *, reason: str | None = None, purge: bool | None = None
) -> Call[None]:
    params = _params(reason=reason, purge=purge)
    return Call("DELETE", f"/relationships/{_seg(rel_id)}", lambda _: None, params)


def restore_relationship(rel_id: str, *, reason: str | None = None) -> Call[models.FactExplained]:
    url = f"/relationships/{_seg(rel_id)}/restore"
    return Call("POST", url, models.FactExplained.model_validate, _params(reason=reason))


def history(
    item: HistoryItem, item_id: str, *, after: int = 0, limit: int = 500
) -> Call[models.HistoryPage]:
    prefix = {"entity": "entities", "relationship": "relationships", "source": "sources"}
    where = (
        f"/sources/{_seg(item_id)}/text" if item == "text" else f"/{prefix[item]}/{_seg(item_id)}"
    )
    return Call(
        "GET",
        f"{where}/history",
        models.HistoryPage.model_validate,
        params=_params(after=after or None, limit=limit),
    )


def changes(after: int, *, limit: int) -> Call[Changes]:
    def parse(body: Any) -> Changes:
        page = models.ChangesPage.model_validate(body)
        return page.items, page.cursor, page.more

    return Call("GET", "/changes", parse, params=_params(after=after, limit=limit))


def conflicts_page(
    *, limit: int, cursor: str | None, known_at: str | None = None
) -> Call[Page[models.Fact]]:
    params = _params(limit=limit, cursor=cursor, known_at=known_at)
    return Call("GET", "/conflicts", _page(models.ConflictsPage), params)


def entity_conflicts_page(
    *, limit: int, cursor: str | None, known_at: str | None = None
) -> Call[Page[models.EntityPublic]]:
    params = _params(limit=limit, cursor=cursor, known_at=known_at)
    return Call("GET", "/conflicts/entities", _page(models.EntityConflictsPage), params)
