"""A small typed client for the kg-service HTTP API, for scripts that seed and query.

Example:
    >>> from kg_client import KGClient
    >>> with KGClient("http://127.0.0.1:8000") as kg:                       # doctest: +SKIP
    ...     kg.put_source({"id": "my-doc", "title": "My document"})
    ...     result = kg.batch({"entities": [...], "relationships": [...]})
    ...     print(result.entities.created)
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Literal

import httpx

from graph.analysis import Stances
from graph.explore import PathView, SearchHit
from graph.facts import FactExplained
from graph.model import BatchResult, EntityPublic, SourcePublic
from graph.views import GraphView

__all__ = ["KGClient", "KGClientError"]

Written = Literal["created", "updated", "unchanged"]


class KGClientError(Exception):
    """The API answered with an error; ``problem`` is its RFC 9457 body."""

    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        self.status = status
        self.problem = problem
        where = f" at {problem['pointer']}" if problem.get("pointer") else ""
        super().__init__(f"{status} {problem.get('title', '')}{where}: {problem.get('detail', '')}")


class KGClient:
    """Talks to one kg-service. Pass ``http`` to reuse a client (or a test client)."""

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8000",
        *,
        api_key: str | None = None,
        timeout: float = 30.0,
        http: httpx.Client | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._owned = http is None
        self._http = http or httpx.Client(base_url=base_url, timeout=timeout)
        self._http.headers.update(headers)

    def __enter__(self) -> KGClient:
        return self

    def __exit__(self, *exc: object | TracebackType) -> None:
        self.close()

    def close(self) -> None:
        if self._owned:
            self._http.close()

    def _call(self, method: str, url: str, **kwargs: Any) -> Any:
        response = self._http.request(method, url, **kwargs)
        if response.status_code >= 400:
            try:
                problem = response.json()
            except ValueError:
                problem = {"detail": response.text}
            raise KGClientError(response.status_code, problem)
        return response.json() if response.content else None

    # --- writes ---------------------------------------------------------------------------

    def put_source(self, source: dict[str, Any]) -> tuple[Written, SourcePublic]:
        body = self._call("PUT", f"/sources/{source['id']}", json=source)
        return body["result"], SourcePublic(**body["source"])

    def put_entity(self, entity: dict[str, Any]) -> tuple[Written, EntityPublic]:
        body = self._call("PUT", f"/entities/{entity['id']}", json=entity)
        return body["result"], EntityPublic(**body["entity"])

    def put_relationship(self, relationship: dict[str, Any]) -> tuple[Written, FactExplained]:
        body = self._call("PUT", "/relationships", json=relationship)
        return body["result"], FactExplained(**body["fact"])

    def batch(self, batch: dict[str, Any], *, dry_run: bool = False) -> BatchResult:
        """Write sources, entities and relationships together, all or nothing."""
        return BatchResult(
            **self._call("POST", "/batch", json=batch, params={"dry_run": str(dry_run).lower()})
        )

    # --- reads ----------------------------------------------------------------------------

    def entity(self, entity_id: str) -> EntityPublic:
        return EntityPublic(**self._call("GET", f"/entities/{entity_id}")["entity"])

    def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        body = self._call("GET", "/search", params={"q": text, "limit": limit})
        return [SearchHit(**hit) for hit in body["items"]]

    def neighbourhood(self, entity_id: str, *, depth: int = 1) -> GraphView:
        return GraphView(
            **self._call("GET", f"/entities/{entity_id}/neighbourhood", params={"depth": depth})
        )

    def paths(self, from_id: str, to_id: str, *, mode: str = "shortest") -> list[PathView]:
        body = self._call("GET", "/paths", params={"from": from_id, "to": to_id, "mode": mode})
        return [PathView(**p) for p in body["paths"]]

    def stances(self, proposal_id: str) -> Stances:
        return Stances(**self._call("GET", f"/proposals/{proposal_id}/stances"))
