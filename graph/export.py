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

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel

from graph.db import Graph, Rows
from graph.explore import Walk, resolve
from graph.graphml import to_graphml
from graph.model import KIND_LABELS, RelType
from graph.moment import hidden_then, holds_on, query_as_of
from graph.pinned import ENDS, Head, catch_up, pin_head
from graph.records import known_props, stated_props
from graph.walks import reach

#: Labels and types stored under another domain declaration are exported only in the shape
#: a declaration allows (graph/domain.py), so no stored name can inject Cypher.
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


Item = tuple[Literal["node", "edge", "source", "redirect"], dict[str, Any]]


async def _ids_around(
    graph: Graph, root: str, depth: int, stated_only: bool, as_of: str | None
) -> list[str]:
    """The ids of the entities within ``depth`` of ``root``, as the graph's moment sees it."""
    every_type = [t.value for t in RelType]

    async def around(tx: AsyncManagedTransaction) -> list[str]:
        start = await resolve(tx, root, "root", graph.moment)
        how = Walk(
            every_type, every_type, stated_only=stated_only, as_of=as_of, moment=graph.moment
        )
        # the ids only: the first page's entities, light (no fact is read here)
        return sorted((await reach(tx, start, depth, how)).returned)

    return await graph.read(around)


#: rows of a page the database sorts and the service holds at once (entities, or the
#: entities whose facts a page holds)
EXPORT_PAGE = 2000


async def pages(
    rows: Rows, query_name: str, key: str, /, **params: Any
) -> AsyncIterator[tuple[list[dict[str, Any]], str, str | None]]:
    """The rows of a query that reads a page of ``page_size`` keys after ``after``, page
    after page in the order of ``key``, each with the range of keys it covers: after
    ``lo``, up to ``hi`` (None for the last page). An ORDER BY over the whole graph would
    have the database sort it whole in its heap (a million facts stopped a 1 GiB server);
    a page is sorted from the index, and each page picks up after the last key of the one
    before. A row with a null ``id`` only marks a key with nothing to export."""
    after = ""
    while True:
        keys, last, page = 0, after, []
        async for row in rows(query_name, after=after, page_size=EXPORT_PAGE, **params):
            if row[key] != last:
                keys, last = keys + 1, row[key]
            if row["id"] is not None:
                page.append(row)
        if keys < EXPORT_PAGE:
            yield page, after, None
            return
        yield page, after, last
        after = last


async def export_items(
    graph: Graph,
    *,
    root: str | None = None,
    depth: int = 1,
    stated_only: bool = False,
    as_of: str | None = None,
    head: Head | None = None,
) -> AsyncIterator[Item]:
    """Every entity in id order, then every relationship (by the id of the entity it
    starts at, then its own), every source and every merged id, as they stream from one
    read transaction: the whole graph, or the neighbourhood of ``root`` to ``depth`` with
    the sources it cites. Memory stays bounded for the whole graph, in the database too:
    entities and facts are read a page at a time.

    The present is read as one moment however long the export takes: pinned to the
    revision head at its start, each page puts back what writes changed since as it stood
    then (:mod:`graph.pinned`); ``head`` learns its number before the first item. Under
    ``known_at`` the moment is that time.

    With ``stated_only`` the facts no source states are left out (and not walked around
    ``root``), and each fact kept carries only its stated attestations. With ``as_of``,
    only the facts valid then; the graph's moment (``known_at``, ``include_retracted``)
    chooses which items are exported.
    """
    moment = graph.moment.params()
    ids = None if root is None else await _ids_around(graph, root, depth, stated_only, as_of)
    within = None if ids is None else set(ids)
    retracted_too = graph.moment.include_retracted
    cited: set[str] = set()
    pin = None if graph.moment.known_at else await pin_head(graph)
    if pin is not None and head is not None:
        head.value = pin.head
    async with graph.streaming_read(tx_timeout=max(graph.timeout, 300)) as rows:
        async for page, lo, hi in pages(rows, "export_entities", "id", ids=ids, **moment):
            if pin is not None:
                await catch_up(graph, rows, pin)
                page = pin.entity_page(page, lo, hi, ids=within, include_retracted=retracted_too)
            for row in page:
                if hidden_then(row, graph.moment):
                    continue  # retracted at known_at
                if row.get("known_state"):
                    row = {**row, "props": known_props(row)}
                if ids is not None:
                    cited.update(row["props"].get("source_ids", []))
                yield "node", row
        async for page, lo, hi in pages(
            rows,
            "export_relationships",
            "start",
            ids=ids,
            stated_only=stated_only,
            as_of=query_as_of(graph.moment, as_of),
            **moment,
        ):
            if pin is not None:
                await catch_up(graph, rows, pin)
                page = pin.fact_page(
                    page,
                    lo,
                    hi,
                    ids=within,
                    include_retracted=retracted_too,
                    stated_only=stated_only,
                    as_of=as_of,
                )
            for row in page:
                if hidden_then(row, graph.moment):
                    continue  # retracted at known_at
                if row.get("known_state"):  # as recorded at known_at, its dates then tested
                    state = known_props(row)
                    row = {**row, "props": {k: v for k, v in state.items() if k not in ENDS}}
                    if not holds_on(
                        row["props"].get("valid_from"), row["props"].get("valid_to"), as_of
                    ):
                        continue
                if stated_only:
                    row = {**row, "props": stated_props(row["props"]) or row["props"]}
                if ids is not None:
                    cited.update(row["props"].get("source_ids", []))
                yield "edge", row
        cited_ids = None if ids is None else sorted(cited)
        sources = [
            r async for r in rows("export_sources", ids=cited_ids, known_at=moment["known_at"])
        ]
        redirects = [_as_then(r) async for r in rows("export_redirects", ids=ids, **moment)]
        if pin is not None:
            await catch_up(graph, rows, pin)
            sources = pin.sources(sources, ids=None if cited_ids is None else set(cited_ids))
            redirects = pin.redirects(redirects)
        for row in sources:
            yield "source", row
        for row in redirects:
            yield "redirect", row


def _as_then(row: dict[str, Any]) -> dict[str, Any]:
    """A redirect with the target (and ids it pointed at before) it had at the moment."""
    props = {k: v for k, v in row["props"].items() if k != "via"}
    props["target"] = row["target"]
    if row["via"]:
        props["via"] = row["via"]
    return {"id": row["id"], "props": props}


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
