"""Cypher files loaded by name: ``cypher/queries/<name>.cypher`` holds one query.

Each file runs as it is in Neo4j Browser once its parameters are set with ``:param``
(its header comment shows them), so what the service runs and what a person tries by
hand are the same text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from graph.store.page_query import facts_of_page_query
from graph.store.walk_query import reach_by_id_query

CYPHER_DIR = Path(__file__).resolve().parents[2] / "cypher"
QUERY_DIR = CYPHER_DIR / "queries"
SCHEMA_DIR = CYPHER_DIR / "schema"

#: Queries derived from the domain declaration. ``make domain`` writes each to its file
#: (for Neo4j Browser, and to read); the service runs the text of the declaration it
#: serves (``KG_DOMAIN_FILE`` may name another), as it applies that declaration's schema.
DERIVED_QUERIES: dict[str, Callable[[], str]] = {
    "reach_level_by_id": reach_by_id_query,
    "facts_of_page": facts_of_page_query,
}


@cache
def query(name: str) -> str:
    """The text of ``cypher/queries/<name>.cypher``.

    Example:
        >>> "MATCH" in query("entity_by_id")
        True
    """
    if name in DERIVED_QUERIES:
        return DERIVED_QUERIES[name]()
    path = QUERY_DIR / f"{name}.cypher"
    if not path.is_file():
        raise KeyError(f"no Cypher query named {name!r} in {QUERY_DIR}")
    return path.read_text()


@cache
def sent(name: str) -> str:
    """The text of query ``name`` as the driver sends it: a line naming it (so Neo4j's
    query log and a profile say which query ran), then its code without the lines that
    are only comments. Those are the Browser's notes, up to two thirds of a file: sent
    whole, every run would carry them over the wire and through the server's cache lookup.

    Example:
        >>> sent("revision_head").splitlines()[0], len(sent("facts_of_page")) < len(query("facts_of_page"))
        ('// revision_head', True)
    """
    code = [
        line
        for line in query(name).splitlines()
        if line.strip() and not line.lstrip().startswith("//")
    ]
    return "\n".join([f"// {name}", *code])


def query_names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.cypher"))
