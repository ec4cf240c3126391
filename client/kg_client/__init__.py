"""A typed client for the kg-service HTTP API, sync and async, that stands alone.

It needs only httpx and pydantic (networkx for ``to_networkx()``, as the extra
``kg-client[networkx]``); nothing of the server. Answers are the pydantic models in
:mod:`kg_client.models`, generated from the service's OpenAPI document.

Example:
    >>> from kg_client import KGClient, Retry
    >>> with KGClient("http://127.0.0.1:8000", retry=Retry(attempts=5)) as kg:  # doctest: +SKIP
    ...     kg.put_source({"id": "my-doc", "title": "My document"})
    ...     result = kg.batch({"entities": [...], "relationships": [...]})
    ...     print(result.entities.created)
    ...     firms = [node.name for node in kg.iter_entities(kind="firm")]
    ...     graph = kg.neighbourhood("tsmc", depth=2).to_networkx()
"""

from __future__ import annotations

from kg_client import models
from kg_client.aio import AsyncKGClient
from kg_client.calls import Call, PathMode, Written
from kg_client.errors import KGAPIError, KGClientError, KGConnectionError, KGResponseError
from kg_client.graphs import GraphView, PathView, to_networkx
from kg_client.retry import Retry
from kg_client.sync import KGClient

__all__ = [
    "AsyncKGClient",
    "Call",
    "GraphView",
    "KGAPIError",
    "KGClient",
    "KGClientError",
    "KGConnectionError",
    "KGResponseError",
    "PathMode",
    "PathView",
    "Retry",
    "Written",
    "models",
    "to_networkx",
]
