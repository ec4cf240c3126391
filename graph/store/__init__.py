"""Neo4j access: settings, the one driver, the Cypher files loaded by name (and the queries
generated from the declaration), the read moment, the codec of the lists a fact's
attestations are stored as, and the schema and its migrations.
"""

from __future__ import annotations

from graph.store.attestations import StoredShapeError
from graph.store.attestations import decode as decode_attestations
from graph.store.attestations import encode as encode_attestations
from graph.store.cypher import CYPHER_DIR, QUERY_DIR, query
from graph.store.db import (
    Author,
    ConcurrentChange,
    Graph,
    GraphEvents,
    Rows,
    create_driver,
    run,
    server_info,
)
from graph.store.fragments import with_fragments
from graph.store.moment import (
    NOW,
    Moment,
    hidden_then,
    holds_on,
    parse_known_at,
    query_as_of,
    redirect_then,
)
from graph.store.page_query import facts_of_page_query
from graph.store.pages import page_by_id
from graph.store.schema import (
    GENERATED,
    applied_version,
    apply_schema,
    expected_version,
    keep_applying,
)
from graph.store.settings import Settings, get_settings
from graph.store.walk_query import reach_by_id_query

__all__ = [
    "CYPHER_DIR",
    "GENERATED",
    "NOW",
    "QUERY_DIR",
    "Author",
    "ConcurrentChange",
    "Graph",
    "GraphEvents",
    "Moment",
    "Rows",
    "Settings",
    "StoredShapeError",
    "applied_version",
    "apply_schema",
    "create_driver",
    "decode_attestations",
    "encode_attestations",
    "expected_version",
    "facts_of_page_query",
    "get_settings",
    "hidden_then",
    "holds_on",
    "keep_applying",
    "page_by_id",
    "parse_known_at",
    "query",
    "query_as_of",
    "reach_by_id_query",
    "redirect_then",
    "run",
    "server_info",
    "with_fragments",
]
