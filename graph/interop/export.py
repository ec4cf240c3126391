"""Export the graph, or one entity's neighbourhood, as JSON (one document or JSON lines),
GraphML or Cypher statements.

Each carries every label and property, so each re-imports to the same graph: the
Cypher export is a script of idempotent MERGE statements that rebuilds it as it was.
"""

from __future__ import annotations

import math
import re
from collections.abc import AsyncIterator
from typing import Any, Literal

from pydantic import BaseModel

from graph.domain import KIND_LABELS, RelType
from graph.interop.export_read import Item, export_items
from graph.interop.graphml import to_graphml
from graph.reads import Head
from graph.store import Graph

#: Labels and types stored under another domain declaration are exported only in the shape
#: a declaration allows (graph/domain/declaration.py), so no stored name can inject Cypher.
SAFE_LABEL = re.compile(r"^[A-Z][A-Za-z]{0,40}$")
SAFE_TYPE = re.compile(r"^[A-Z][A-Z_]{0,40}$")
RELATIONSHIP_TYPES = frozenset(RelType)


class ExportedNode(BaseModel):
    id: str
    labels: list[str]
    properties: dict[str, Any]


class ExportedEdge(BaseModel):
    id: str
    type: str
    source: str
    target: str
    properties: dict[str, Any]


class ExportedSource(BaseModel):
    id: str
    properties: dict[str, Any]


class ExportedRedirect(BaseModel):
    """An id merged into another entity (``properties.target``), which keeps resolving."""

    id: str
    properties: dict[str, Any]


class GraphExport(BaseModel):
    nodes: list[ExportedNode]
    edges: list[ExportedEdge]
    sources: list[ExportedSource]
    redirects: list[ExportedRedirect] = []


def _node(row: dict[str, Any]) -> ExportedNode:
    return ExportedNode(id=row["id"], labels=sorted(row["labels"]), properties=row["props"])


def _edge(row: dict[str, Any]) -> ExportedEdge:
    return ExportedEdge(
        id=row["id"],
        type=row["type"],
        source=row["from_id"],
        target=row["to_id"],
        properties=row["props"],
    )


async def _in_chunks(parts: AsyncIterator[str], size: int = 1 << 16) -> AsyncIterator[str]:
    """Many small strings as fewer, larger ones: one network write per ~64 KiB."""
    buffered: list[str] = []
    length = 0
    async for part in parts:
        buffered.append(part)
        length += len(part)
        if length >= size:
            yield "".join(buffered)
            buffered, length = [], 0
    if buffered:
        yield "".join(buffered)


# --- JSON ---------------------------------------------------------------------------------


_SECTIONS = {"node": "nodes", "edge": "edges", "source": "sources", "redirect": "redirects"}


async def to_json(items: AsyncIterator[Item]) -> AsyncIterator[str]:
    """The export as one JSON document of the :class:`GraphExport` shape, written as it
    streams (items arrive in the order of its sections)."""
    order = list(_SECTIONS)
    opened, first = -1, True
    yield "{"
    async for what, row in items:
        while opened < order.index(what):
            opened += 1
            yield ("" if opened == 0 else "], ") + f'"{_SECTIONS[order[opened]]}": ['
            first = True
        yield ("" if first else ", ") + _json_item(what, row)
        first = False
    while opened < len(order) - 1:
        opened += 1
        yield ("" if opened == 0 else "], ") + f'"{_SECTIONS[order[opened]]}": ['
    yield "]}"


#: JSON leaves these unescaped, and ``str.splitlines()`` (with other readers) breaks a line
#: at each: in JSON lines they are escaped, so a line is a line to every reader
_LINE_SEPARATORS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def one_line(json_text: str) -> str:
    """A JSON text as one line of JSON lines (with its newline).

    Example:
        >>> one_line('{"name": "a\u2028b"}')
        '{"name": "a\\\\u2028b"}\\n'
    """
    return json_text.translate(_LINE_SEPARATORS) + "\n"


async def to_jsonl(items: AsyncIterator[Item]) -> AsyncIterator[str]:
    """JSON lines: one object a line, ``item`` naming its section (``node``, ``edge``,
    ``source`` or ``redirect``) beside the fields it has in the JSON document, in the
    same order. Each line can be read alone, so a script can load as it reads."""
    async for what, row in items:
        yield one_line(f'{{"item": "{what}", ' + _json_item(what, row)[1:])


def _json_item(what: str, row: dict[str, Any]) -> str:
    if what == "node":
        return _node(row).model_dump_json()
    if what == "edge":
        return _edge(row).model_dump_json()
    if what == "redirect":
        return ExportedRedirect(id=row["id"], properties=row["props"]).model_dump_json()
    return ExportedSource(id=row["id"], properties=row["props"]).model_dump_json()


# --- Cypher -------------------------------------------------------------------------------


#: What str.splitlines() or a terminal would break a line at, and the controls, which no
#: stored text holds but an export must not pass on raw either.
_LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def cypher_literal(value: Any) -> str:
    """A value as a Cypher literal, escaped so any text stays text.

    Example:
        >>> cypher_literal(["it's", 1.5, True])
        "['it\\\\'s', 1.5, true]"
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("non-finite numbers cannot be exported")
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace("'", "\\'")
        # one statement per line: whatever would break a line is escaped, the rest kept
        escaped = _LINE_BREAKING.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped)
        return f"'{escaped}'"
    raise TypeError(f"cannot export a {type(value).__name__}")


def _props(props: dict[str, Any]) -> str:
    return "{" + ", ".join(f"`{k}`: {cypher_literal(v)}" for k, v in sorted(props.items())) + "}"


async def to_cypher(items: AsyncIterator[Item]) -> AsyncIterator[str]:
    """Statements that rebuild the export in an empty (or the same) database, one per line."""
    allowed_labels = {label for labels in KIND_LABELS.values() for label in labels} | {"Entity"}
    yield "// kg-service export: run with cypher-shell or paste into Neo4j Browser\n"
    async for what, row in items:
        if what in ("source", "redirect"):
            label = what.capitalize()
            yield (
                f"MERGE (s:{label} {{id: {cypher_literal(row['id'])}}}) "
                f"SET s = {_props(row['props'])};\n"
            )
        elif what == "node":
            # declared labels, or (stored under another declaration) labels of the shape a
            # declaration allows: nothing else reaches the text
            labels = [
                label
                for label in row["labels"]
                if label != "Entity" and (label in allowed_labels or SAFE_LABEL.match(label))
            ]
            yield (
                f"MERGE (n:Entity {{id: {cypher_literal(row['id'])}}}) "
                f"SET n = {_props(row['props'])}"
                + (f" SET n:{':'.join(labels)}" if labels else "")
                + ";\n"
            )
        else:
            rel_type = row["type"]
            if rel_type not in RELATIONSHIP_TYPES and not SAFE_TYPE.match(rel_type):
                raise ValueError(f"unexpected relationship type on {row['id']}")
            yield (
                f"MATCH (a:Entity {{id: {cypher_literal(row['from_id'])}}}), "
                f"(b:Entity {{id: {cypher_literal(row['to_id'])}}}) "
                f"MERGE (a)-[r:{rel_type} {{id: {cypher_literal(row['id'])}}}]->(b) "
                f"SET r = {_props(row['props'])};\n"
            )


FORMATS = {"json": to_json, "jsonl": to_jsonl, "graphml": to_graphml, "cypher": to_cypher}
MEDIA_TYPES = {
    "json": "application/json",
    "jsonl": "application/x-ndjson",
    "graphml": "application/graphml+xml",
    "cypher": "application/x-cypher",
}


async def export_stream(
    graph: Graph,
    fmt: Literal["json", "jsonl", "graphml", "cypher"],
    *,
    root: str | None,
    depth: int,
    stated_only: bool = False,
    as_of: str | None = None,
    head: Head | None = None,
) -> AsyncIterator[str]:
    """The export in ``fmt``, as text chunks of about 64 KiB, streamed from the database
    (``head``: see :func:`export_items`)."""
    items = export_items(
        graph, root=root, depth=depth, stated_only=stated_only, as_of=as_of, head=head
    )
    async for chunk in _in_chunks(FORMATS[fmt](items)):
        yield chunk
