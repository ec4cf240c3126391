"""Export the graph, or one entity's neighbourhood, as JSON, GraphML or Cypher statements.

All three carry every label and property, so each re-imports to the same graph: the
Cypher export is a script of idempotent MERGE statements that rebuilds it as it was.
"""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from typing import Any

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel

from graph.db import Graph, run
from graph.explore import Walk, resolve, walk
from graph.model import KIND_LABELS, EntityKind, RelType


class ExportedNode(BaseModel):
    id: str
    labels: list[str]
    properties: dict[str, Any]


class ExportedEdge(BaseModel):
    id: str
    type: RelType
    source: str
    target: str
    properties: dict[str, Any]


class ExportedSource(BaseModel):
    id: str
    properties: dict[str, Any]


class GraphExport(BaseModel):
    nodes: list[ExportedNode]
    edges: list[ExportedEdge]
    sources: list[ExportedSource]


async def export_graph(graph: Graph, *, root: str | None = None, depth: int = 1) -> GraphExport:
    """The whole graph, or the neighbourhood of ``root`` to ``depth``, with its sources."""
    every_type = [t.value for t in RelType]

    async def work(tx: AsyncManagedTransaction) -> GraphExport:
        ids: list[str] | None = None
        if root is not None:
            start = await resolve(tx, root, "query:root")
            walked = await walk(tx, start, depth, Walk(every_type, every_type))
            ids = sorted(walked.nodes)
        nodes = [
            ExportedNode(id=r["id"], labels=sorted(r["labels"]), properties=r["props"])
            for r in await run(tx, "export_entities", ids=ids)
        ]
        edges = [
            ExportedEdge(
                id=r["id"],
                type=r["type"],
                source=r["from_id"],
                target=r["to_id"],
                properties=r["props"],
            )
            for r in await run(tx, "export_relationships", ids=ids)
        ]
        cited = (
            None
            if ids is None
            else sorted(
                {s for n in nodes for s in n.properties.get("source_ids", [])}
                | {s for e in edges for s in e.properties.get("source_ids", [])}
            )
        )
        sources = [
            ExportedSource(id=r["id"], properties=r["props"])
            for r in await run(tx, "export_sources", ids=cited)
        ]
        return GraphExport(nodes=nodes, edges=edges, sources=sources)

    return await graph.read(work, tx_timeout=max(graph.timeout, 120))


# --- GraphML ------------------------------------------------------------------------------


def _graphml_value(value: Any) -> tuple[str, str]:
    """A property as (GraphML type, text); lists are JSON, since GraphML has no list type."""
    if isinstance(value, bool):
        return "boolean", str(value).lower()
    if isinstance(value, int):
        return "long", str(value)
    if isinstance(value, float):
        return "double", repr(value)
    if isinstance(value, list):
        return "string", json.dumps(value, ensure_ascii=False)
    return "string", str(value)


def to_graphml(export: GraphExport) -> str:
    """GraphML with one key per property name; labels and types as ``labels`` and ``type``."""
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", xmlns=ns)
    keys: dict[tuple[str, str], str] = {}

    def key_for(domain: str, name: str, kind: str) -> str:
        if (domain, name) not in keys:
            keys[(domain, name)] = f"{domain[0]}_{name}"
            ET.SubElement(
                root,
                "key",
                {"id": keys[(domain, name)], "for": domain, "attr.name": name, "attr.type": kind},
            )
        return keys[(domain, name)]

    body = ET.Element("graph", id="kg", edgedefault="directed")
    for node in [
        *export.nodes,
        *(
            ExportedNode(id=f"source:{s.id}", labels=["Source"], properties=s.properties)
            for s in export.sources
        ),
    ]:
        element = ET.SubElement(body, "node", id=node.id)
        ET.SubElement(element, "data", key=key_for("node", "labels", "string")).text = json.dumps(
            node.labels
        )
        for name, value in sorted(node.properties.items()):
            kind, text = _graphml_value(value)
            ET.SubElement(element, "data", key=key_for("node", name, kind)).text = text
    for edge in export.edges:
        element = ET.SubElement(body, "edge", id=edge.id, source=edge.source, target=edge.target)
        ET.SubElement(element, "data", key=key_for("edge", "type", "string")).text = edge.type
        for name, value in sorted(edge.properties.items()):
            kind, text = _graphml_value(value)
            ET.SubElement(element, "data", key=key_for("edge", name, kind)).text = text
    root.append(body)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


# --- Cypher -------------------------------------------------------------------------------


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
        escaped = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped)
        return f"'{escaped}'"
    raise TypeError(f"cannot export a {type(value).__name__}")


def _props(props: dict[str, Any]) -> str:
    return "{" + ", ".join(f"`{k}`: {cypher_literal(v)}" for k, v in sorted(props.items())) + "}"


def to_cypher(export: GraphExport) -> str:
    """Statements that rebuild the export in an empty (or the same) database, one per line."""
    allowed_labels = {label for labels in KIND_LABELS.values() for label in labels} | {"Entity"}
    lines = ["// kg-service export: run with cypher-shell or paste into Neo4j Browser"]
    for source in export.sources:
        lines.append(
            f"MERGE (s:Source {{id: {cypher_literal(source.id)}}}) "
            f"SET s = {_props(source.properties)};"
        )
    for node in export.nodes:
        labels = [label for label in node.labels if label in allowed_labels]
        kind = EntityKind(node.properties["kind"])
        assert set(labels) == {"Entity", *KIND_LABELS[kind]}, f"unexpected labels on {node.id}"
        lines.append(
            f"MERGE (n:Entity {{id: {cypher_literal(node.id)}}}) "
            f"SET n = {_props(node.properties)} SET n:{':'.join(KIND_LABELS[kind])};"
        )
    for edge in export.edges:
        rel_type = RelType(edge.type).value  # only allow-listed types reach the text
        lines.append(
            f"MATCH (a:Entity {{id: {cypher_literal(edge.source)}}}), "
            f"(b:Entity {{id: {cypher_literal(edge.target)}}}) "
            f"MERGE (a)-[r:{rel_type} {{id: {cypher_literal(edge.id)}}}]->(b) "
            f"SET r = {_props(edge.properties)};"
        )
    return "\n".join(lines) + "\n"
