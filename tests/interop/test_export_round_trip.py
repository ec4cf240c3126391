"""Every export format re-imports to the same graph, hostile text included (issue 11,
finding 5): what the write path accepts, every format carries losslessly."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from fastapi.testclient import TestClient

import graph.interop.export_read as export_module
from tests.conftest import Db
from tests.payloads import entity, relationship, source
from tests.shared import dump

#: Text the write path accepts (no control characters) that breaks careless exporters.
HOSTILE = [
    'Ünïcödé 😀 𝔘 \u202eRTL\u202c <tag attr="x"> & &amp; \'single\' "double" \\ `tick`',
    "[not a list]",
    '{"json": 1}',
    "]]> <!-- --> <?pi?>",
    "' }) DETACH DELETE n //",
    "line\u2028separator\u2029paragraph \u00a0nbsp",
    "zero\u200bwidth \u2060joiner",
]

GRAPHML = {"g": "http://graphml.graphdrawing.org/xmlns"}


def write_hostile_graph(client: TestClient) -> None:
    assert (
        client.put("/sources/s", json=source("s", title=HOSTILE[0], note=HOSTILE[5])).status_code
        == 201
    )
    for i, text in enumerate(HOSTILE):
        body = entity(
            f"e-{i}",
            name=text,
            aliases=[t for t in HOSTILE if t != text][:3],
            description=f"{text}\nsecond line\twith a tab\r\nthird",
            sources=["s"],
        )
        assert client.put(f"/entities/e-{i}", json=body).status_code == 201, body
    for i in range(len(HOSTILE) - 1):
        said = [{"source": "s", "evidence": HOSTILE[i], "confidence": 0.25 + i / 100}]
        rel = relationship(
            "SUPPLIES", f"e-{i}", f"e-{i + 1}", product=HOSTILE[i + 1][:200], attestations=said
        )
        assert client.put("/relationships", json=rel).status_code == 201, rel


def reimport_json(db: Db, text: str) -> None:
    body = json.loads(text)
    db.query("UNWIND $rows AS row CREATE (s:Source) SET s = row.properties", rows=body["sources"])
    db.query(
        "UNWIND $rows AS row CREATE (n:Entity) SET n = row.properties SET n:$(row.labels)",
        rows=body["nodes"],
    )
    db.query(
        "UNWIND $rows AS row MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target}) "
        "CREATE (a)-[r:$(row.type)]->(b) SET r = row.properties",
        rows=body["edges"],
    )


def reimport_jsonl(db: Db, text: str) -> None:
    """JSON lines regrouped into the JSON document's sections, each line read alone."""
    assert text == "" or text.endswith("\n")
    body: dict[str, list[Any]] = {"nodes": [], "edges": [], "sources": [], "redirects": []}
    for line in text.splitlines():
        item = json.loads(line)
        body[f"{item.pop('item')}s"].append(item)
    reimport_json(db, json.dumps(body))


def _graphml_props(element: ET.Element, keys: dict[str, ET.Element]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for data in element.findall("g:data", GRAPHML):
        key = keys[data.get("key", "")]
        text = data.text or ""
        if key.get("attr.list"):
            props[key.get("attr.name", "")] = json.loads(text)
            continue
        convert = {"long": int, "double": float, "boolean": lambda v: v == "true"}
        props[key.get("attr.name", "")] = convert.get(key.get("attr.type", ""), str)(text)
    return props


def reimport_graphml(db: Db, text: str) -> None:
    root = ET.fromstring(text.encode())
    keys = {k.get("id", ""): k for k in root.findall("g:key", GRAPHML)}
    graph = root.find("g:graph", GRAPHML)
    assert graph is not None
    for node in graph.findall("g:node", GRAPHML):
        props = _graphml_props(node, keys)
        labels = json.loads(props.pop("labels"))
        db.query("CREATE (n) SET n = $props SET n:$($labels)", props=props, labels=labels)
    for edge in graph.findall("g:edge", GRAPHML):
        props = _graphml_props(edge, keys)
        db.query(
            "MATCH (a:Entity {id: $a}), (b:Entity {id: $b}) CREATE (a)-[r:$($t)]->(b) SET r = $props",
            a=edge.get("source"),
            b=edge.get("target"),
            t=props.pop("type"),
            props=props,
        )


def reimport_cypher(db: Db, text: str) -> None:
    lines = text.split("\n")
    assert lines[0].startswith("//") and lines[-1] == ""
    for statement in lines[1:-1]:
        db.query(statement)


@pytest.mark.parametrize(
    ("fmt", "reimport"),
    [
        ("json", reimport_json),
        ("jsonl", reimport_jsonl),
        ("graphml", reimport_graphml),
        ("cypher", reimport_cypher),
    ],
)
def test_every_format_round_trips_hostile_text(
    client: TestClient, db: Db, fmt: str, reimport: Any
) -> None:
    write_hostile_graph(client)
    before = dump(db)
    exported = client.get("/export", params={"format": fmt})
    assert exported.status_code == 200
    db.wipe()
    reimport(db, exported.text)
    assert dump(db) == before


@pytest.mark.parametrize("fmt", ["json", "jsonl", "graphml", "cypher"])
def test_an_empty_graph_exports_well_formed(client: TestClient, db: Db, fmt: str) -> None:
    exported = client.get("/export", params={"format": fmt})
    assert exported.status_code == 200
    if fmt == "json":
        assert exported.json() == {"nodes": [], "edges": [], "sources": [], "redirects": []}
    elif fmt == "jsonl":
        assert exported.text == ""
    elif fmt == "graphml":
        assert ET.fromstring(exported.text.encode()).find("g:graph", GRAPHML) is not None
    else:
        assert exported.text.count("\n") == 1


def test_a_large_export_streams_in_chunks(client: TestClient, db: Db) -> None:
    client.put("/sources/s", json=source("s"))
    entities = [entity(f"n-{i}", sources=["s"], description="x" * 500) for i in range(600)]
    assert client.post("/batch", json={"entities": entities}).status_code == 200
    with client.stream("GET", "/export") as response:
        assert response.status_code == 200
        assert "content-length" not in response.headers  # streamed, not built whole
        chunks = list(response.iter_bytes())
    assert len(chunks) > 1
    assert len(json.loads(b"".join(chunks))["nodes"]) == 600


def test_an_unknown_root_is_a_404_not_a_cut_stream(client: TestClient, db: Db) -> None:
    for fmt in ("json", "jsonl", "graphml", "cypher"):
        answer = client.get("/export", params={"format": fmt, "root": "nobody"})
        assert answer.status_code == 404
        assert answer.json()["pointer"] == "query:root"


@pytest.mark.parametrize("page", [1, 2, 3])
def test_pages_of_any_size_export_the_same_graph(
    client: TestClient, db: Db, page: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entities and facts are read a page at a time, each page after the last id of the
    one before: small pages (an entity with no fact at a page's end included) export what
    one page does, item for item, in the same order."""
    write_hostile_graph(client)
    assert (
        client.put("/entities/zz-alone", json=entity("zz-alone", sources=["s"])).status_code == 201
    )
    whole = client.get("/export").json()
    monkeypatch.setattr(export_module, "EXPORT_PAGE", page)
    for fmt in ("json", "jsonl", "cypher"):
        paged = client.get("/export", params={"format": fmt})
        monkeypatch.setattr(export_module, "EXPORT_PAGE", 2000)
        assert paged.text == client.get("/export", params={"format": fmt}).text, fmt
        monkeypatch.setattr(export_module, "EXPORT_PAGE", page)
    assert len(whole["nodes"]) == len(HOSTILE) + 1 and len(whole["edges"]) == len(HOSTILE) - 1
