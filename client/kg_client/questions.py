"""The calls for the questions beyond a neighbourhood (one fact, common connections, supply
chains, exposure), exports, the reconciliation protocol and the service's own documents.

Like :mod:`kg_client.calls`: each call once, as data, sent by both clients.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from typing_extensions import Unpack

from kg_client import models
from kg_client.calls import Call, Filtered, Page, ReadAt, _list, _params, _seg

#: the export formats besides JSON (``export``), each answered as text
ExportFormat = Literal["jsonl", "graphml", "cypher", "ftm"]


def fact(rel_id: str, **read: Unpack[ReadAt]) -> Call[models.FactExplained]:
    url = f"/relationships/{_seg(rel_id)}"
    return Call("GET", url, models.FactExplained.model_validate, _params(**read))


def common_connections(
    entity_id: str,
    other_id: str,
    *,
    types: Sequence[str] | None = None,
    limit: int | None = None,
    **read: Unpack[Filtered],
) -> Call[list[models.CommonConnection]]:
    url = f"/entities/{_seg(entity_id)}/common/{_seg(other_id)}"
    params = _params(types=_list(types), limit=limit, **read)
    return Call("GET", url, lambda body: models.Common.model_validate(body).items, params)


def supply_chain(
    entity_id: str,
    *,
    direction: Literal["upstream", "downstream"] | None = None,
    depth: int | None = None,
    product: str | None = None,
    limit: int | None = None,
    cursor: str | None = None,
    **read: Unpack[Filtered],
) -> Call[models.SupplyChain]:
    url = f"/entities/{_seg(entity_id)}/supply-chain"
    params = _params(
        direction=direction, depth=depth, product=product, limit=limit, cursor=cursor, **read
    )
    return Call("GET", url, models.SupplyChain.model_validate, params)


def supply_chain_page(
    entity_id: str,
    *,
    limit: int,
    cursor: str | None,
    direction: Literal["upstream", "downstream"] | None = None,
    depth: int | None = None,
    product: str | None = None,
    **read: Unpack[Filtered],
) -> Call[Page[models.Tier]]:
    """Tiers a page at a time (a tier may continue on the next page)."""

    def parse(body: Any) -> Page[models.Tier]:
        answer = models.SupplyChain.model_validate(body)
        return answer.tiers, answer.next_cursor

    call = supply_chain(
        entity_id,
        direction=direction,
        depth=depth,
        product=product,
        limit=limit,
        cursor=cursor,
        **read,
    )
    return Call(call.method, call.url, parse, call.params)


def exposure(
    entity_id: str,
    *,
    depth: int | None = None,
    kind: str | Sequence[str] | None = None,
    **read: Unpack[Filtered],
) -> Call[models.Exposure]:
    url = f"/entities/{_seg(entity_id)}/exposure"
    params = _params(depth=depth, kind=_list(kind), **read)
    return Call("GET", url, models.Exposure.model_validate, params)


def export(
    *, root: str | None = None, depth: int | None = None, **read: Unpack[Filtered]
) -> Call[models.GraphExport]:
    params = _params(format="json", root=root, depth=depth, **read)
    return Call("GET", "/export", models.GraphExport.model_validate, params)


def export_as(
    format: ExportFormat,
    *,
    root: str | None = None,
    depth: int | None = None,
    **read: Unpack[Filtered],
) -> Call[str]:
    params = _params(format=format, root=root, depth=depth, **read)
    return Call("GET", "/export", str, params, text=True)


# --- the reconciliation protocol (W3C Entity Reconciliation) -------------------------------


def reconcile_manifest() -> Call[models.Manifest]:
    return Call("GET", "/reconcile", models.Manifest.model_validate)


def reconcile(queries: Mapping[str, Any]) -> Call[dict[str, Any]]:
    """A reconciliation batch (``{"q0": {"query": "TSMC", "type": "firm"}}``): each
    query's candidates, as the protocol's JSON."""
    return Call("POST", "/reconcile", dict, json={"queries": dict(queries)})


def extend(query: Mapping[str, Any]) -> Call[dict[str, Any]]:
    """Data extension (``{"ids": ["tsmc"], "properties": [{"id": "name"}]}``): each id's
    values, as the protocol's JSON."""
    return Call("POST", "/reconcile", dict, json={"extend": dict(query)})


def suggest_entities(
    prefix: str = "", *, type: str | None = None, cursor: int = 0, limit: int = 10
) -> Call[list[models.Suggestion]]:
    params = _params(prefix=prefix, type=type, cursor=cursor, limit=limit)
    return Call("GET", "/reconcile/suggest/entity", _suggestions, params)


def suggest_types(
    prefix: str = "", *, cursor: int = 0, limit: int = 10
) -> Call[list[models.Suggestion]]:
    params = _params(prefix=prefix, cursor=cursor, limit=limit)
    return Call("GET", "/reconcile/suggest/type", _suggestions, params)


def suggest_properties(
    prefix: str = "", *, type: str | None = None, cursor: int = 0, limit: int = 10
) -> Call[list[models.Suggestion]]:
    params = _params(prefix=prefix, type=type, cursor=cursor, limit=limit)
    return Call("GET", "/reconcile/suggest/property", _suggestions, params)


def _suggestions(body: Any) -> list[models.Suggestion]:
    return models.Suggestions.model_validate(body).result


def propose_properties(
    *, type: str | None = None, limit: int | None = None
) -> Call[models.ProposedProperties]:
    params = _params(type=type, limit=limit)
    return Call("GET", "/reconcile/properties", models.ProposedProperties.model_validate, params)


def preview(entity_id: str) -> Call[str]:
    return Call("GET", f"/reconcile/preview/{_seg(entity_id)}", str, text=True)


# --- the service ---------------------------------------------------------------------------


def schema() -> Call[models.SchemaDocument]:
    return Call("GET", "/schema", models.SchemaDocument.model_validate)


def live() -> Call[models.Live]:
    return Call("GET", "/livez", models.Live.model_validate)


def ready() -> Call[models.Ready]:
    return Call("GET", "/readyz", models.Ready.model_validate)


def browser_guide() -> Call[str]:
    return Call("GET", "/browser/guide.html", str, text=True)


def browser_style() -> Call[str]:
    return Call("GET", "/browser/style.grass", str, text=True)
