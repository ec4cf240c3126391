"""The moment in Cypher, written once: the predicates and the subquery that place an item
at a read's moment, each in one file of ``cypher/moment/``, copied into the query files
that use them.

A query file must run as it is in Neo4j Browser, so it holds each fragment written out,
between markers naming the fragment and the query's own variable::

    WHERE /*seen_then(r)*/(...)/*end*/ AND ...

:func:`with_fragments` writes every marked region from its fragment (``make domain``
rewrites the files), and ``tests/store/test_cypher_files.py`` fails while a region differs from
its fragment, or while a query file states one of these predicates outside a region.
Their Python counterparts are in :mod:`graph.store.moment`.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

FRAGMENT_DIR = Path(__file__).resolve().parents[2] / "cypher" / "moment"

#: a marked region: the fragment's name, its variable, the item kind (state_then only)
_REGION = re.compile(r"/\*(\w+)\((\w+)(?:, '(\w+)')?\)\*/(.*?)/\*end\*/", re.DOTALL)

#: text found only in the fragments: a query file holding any outside a region wrote a
#: moment predicate of its own
SIGNATURES = (
    "retracted_at > coalesce($known_at",
    "substring($as_of",
    "RETURN v.state ORDER BY v.seq DESC",
)


@cache
def _fragment_text(name: str) -> str:
    path = FRAGMENT_DIR / f"{name}.cypher"
    if not path.is_file():
        raise KeyError(f"no moment fragment named {name!r} in {FRAGMENT_DIR}")
    lines = [line for line in path.read_text().splitlines() if not line.startswith("//")]
    return " ".join(line.strip() for line in lines if line.strip())


def fragment(name: str, var: str, kind: str | None = None) -> str:
    """Fragment ``name`` for the query's variable ``var`` (and item ``kind``), between
    its markers.

    Example:
        >>> fragment("valid_on", "r")[:40]
        '/*valid_on(r)*/($as_of IS NULL OR ((r.va'
        >>> fragment("state_then", "n", "entity").count("'entity'")
        2
    """
    text = re.sub(r"\bx\b", var, _fragment_text(name))
    marker = f"{name}({var})" if kind is None else f"{name}({var}, '{kind}')"
    if kind is not None:
        text = text.replace("'kind'", f"'{kind}'")
    return f"/*{marker}*/{text}/*end*/"


def with_fragments(text: str) -> str:
    """``text`` with every marked region written from its fragment.

    Example:
        >>> with_fragments("WHERE /*valid_on(f)*/stale/*end*/")[:45]
        'WHERE /*valid_on(f)*/($as_of IS NULL OR ((f.v'
    """
    return _REGION.sub(lambda m: fragment(m[1], m[2], m[3]), text)


def outside_regions(text: str) -> list[str]:
    """The fragments' signatures that ``text`` states outside its marked regions.

    Example:
        >>> outside_regions("WHERE substring($as_of, 0, 4) = '2025'")
        ['substring($as_of']
    """
    bare = _REGION.sub("", text)
    return [s for s in SIGNATURES if s in bare]
