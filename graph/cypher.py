"""Cypher files loaded by name: ``cypher/queries/<name>.cypher`` holds one query.

Each file runs as it is in Neo4j Browser once its parameters are set with ``:param``
(its header comment shows them), so what the service runs and what a person tries by
hand are the same text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"
QUERY_DIR = CYPHER_DIR / "queries"
SCHEMA_DIR = CYPHER_DIR / "schema"


@cache
def query(name: str) -> str:
    """The text of ``cypher/queries/<name>.cypher``.

    Example:
        >>> "MATCH" in query("entity_by_id")
        True
    """
    path = QUERY_DIR / f"{name}.cypher"
    if not path.is_file():
        raise KeyError(f"no Cypher query named {name!r} in {QUERY_DIR}")
    return path.read_text()


def query_names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.cypher"))
