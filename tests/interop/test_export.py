"""Exports carry every label and property: each re-imports to the same graph."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

from fastapi.testclient import TestClient

from api.settings import ApiSettings as Settings
from graph.interop.export import cypher_literal
from tests.conftest import Db, seed_article
from tests.shared import dump


def test_cypher_export_rebuilds_the_same_graph(
    client: TestClient, db: Db, settings: Settings
) -> None:
    seed_article(settings)
    before = dump(db)
    script = client.get("/export", params={"format": "cypher"})
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("application/x-cypher")
    db.wipe()
    for statement in script.text.splitlines()[1:]:
        db.query(statement)
    assert dump(db) == before


def test_json_export_has_every_node_edge_and_source(
    client: TestClient, db: Db, settings: Settings
) -> None:
    seed_article(settings)
    nodes, rels = dump(db)
    body = client.get("/export").json()
    exported_nodes = [
        {"id": n["id"], "labels": n["labels"], "props": n["properties"]} for n in body["nodes"]
    ]
    exported_nodes += [
        {"id": s["id"], "labels": ["Source"], "props": s["properties"]} for s in body["sources"]
    ]
    assert sorted(exported_nodes, key=lambda n: n["id"]) == nodes
    assert [
        {"a": e["source"], "t": e["type"], "b": e["target"], "props": e["properties"]}
        for e in body["edges"]
    ] == rels


def test_json_export_reimports_through_the_batch_api(
    client: TestClient, db: Db, settings: Settings
) -> None:
    seed_article(settings)
    before = dump(db)
    body = client.get("/export").json()
    db.wipe()
    # rebuild by writing the exported properties straight back, labels and all
    db.query(
        "UNWIND $rows AS row MERGE (s:Source {id: row.id}) SET s = row.properties",
        rows=body["sources"],
    )
    db.query(
        "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n = row.properties SET n:$(row.labels)",
        rows=body["nodes"],
    )
    db.query(
        "UNWIND $rows AS row MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target}) "
        "MERGE (a)-[r:$(row.type) {id: row.id}]->(b) SET r = row.properties",
        rows=body["edges"],
    )
    assert dump(db) == before


def test_graphml_export_round_trips(client: TestClient, db: Db, settings: Settings) -> None:
    seed_article(settings)
    nodes, rels = dump(db)
    text = client.get("/export", params={"format": "graphml"}).text
    root = ET.fromstring(text)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {
        k.get("id"): (k.get("attr.name"), k.get("attr.type")) for k in root.findall("g:key", ns)
    }

    def props(element: ET.Element) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for data in element.findall("g:data", ns):
            name, kind = keys[data.get("key")]
            text = data.text or ""
            out[name] = {"long": int, "double": float, "boolean": lambda v: v == "true"}.get(
                kind, str
            )(text)
            if kind == "string" and text.startswith("["):
                out[name] = json.loads(text)
        return out

    graph = root.find("g:graph", ns)
    assert graph is not None
    parsed_nodes = []
    for node in graph.findall("g:node", ns):
        p = props(node)
        labels = p.pop("labels")
        parsed_nodes.append({"id": p["id"], "labels": sorted(labels), "props": p})
    assert sorted(parsed_nodes, key=lambda n: n["id"]) == nodes
    parsed_edges = []
    for edge in graph.findall("g:edge", ns):
        p = props(edge)
        t = p.pop("type")
        parsed_edges.append({"a": edge.get("source"), "t": t, "b": edge.get("target"), "props": p})
    assert sorted(parsed_edges, key=lambda e: (e["a"], e["props"]["id"])) == rels


def test_subgraph_export_around_a_root(client: TestClient, db: Db, settings: Settings) -> None:
    seed_article(settings)
    body = client.get("/export", params={"root": "arizona", "depth": 1}).json()
    assert sorted(n["id"] for n in body["nodes"]) == [
        "arizona",
        "tsmc",
        "tsmc-arizona-fabs",
        "united-states",
    ]
    assert all(e["source"] in {n["id"] for n in body["nodes"]} for e in body["edges"])
    assert [s["id"] for s in body["sources"]] == ["taiwan-us-tech-talks-article"]


def test_cypher_literals_keep_hostile_text_as_text(db: Db) -> None:
    hostile = "it's a `trap` \\ }) DETACH DELETE n // \n\t\u0000 ünïcödé"
    assert db.query(f"RETURN {cypher_literal(hostile)} AS v") == [{"v": hostile}]


def test_json_lines_hold_the_json_documents_entries_one_a_line(
    client: TestClient, db: Db, settings: Settings
) -> None:
    seed_article(settings)
    client.put(
        "/entities/tsmc-alias",
        json={"kind": "firm", "name": "TSMC Arizona alias", "sources": ["taiwan-us-tech-talks-article"]},
    )
    merged = client.post("/entities/tsmc-alias/merge", json={"into": "tsmc"})
    assert merged.status_code == 200, merged.text
    document = client.get("/export").json()
    lines = client.get("/export", params={"format": "jsonl"})
    assert lines.status_code == 200
    assert lines.headers["content-type"].startswith("application/x-ndjson")
    assert lines.headers["content-disposition"] == 'attachment; filename="kg-graph.jsonl"'
    regrouped: dict[str, list[Any]] = {"nodes": [], "edges": [], "sources": [], "redirects": []}
    for line in lines.text.splitlines():
        item = json.loads(line)  # each line stands alone
        regrouped[f"{item.pop('item')}s"].append(item)
    assert regrouped == document
    assert document["redirects"] and document["nodes"] and document["edges"]
