"""Layers that hold: api/ -> graph/ -> Neo4j, present/ beside them; modules small enough to
read in one sitting; the graph layer names its arguments and the API says where in the
request each one was."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ROOT, Db

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules(*packages: str) -> list[Path]:
    return sorted(p for package in packages for p in (ROOT / package).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("path", _modules("api", "graph", "present"), ids=str)
def test_modules_and_functions_are_small(path: Path) -> None:
    source = path.read_text()
    assert len(source.splitlines()) <= MAX_MODULE_LINES, f"{path} is over {MAX_MODULE_LINES} lines"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES, f"{path}:{node.lineno} {node.name} is {length} lines"


@pytest.mark.parametrize("path", _modules("graph", "present"), ids=str)
def test_graph_and_presentation_know_no_http(path: Path) -> None:
    http = {m for m in _imports(path) if m.split(".")[0] in {"fastapi", "starlette", "api"}}
    assert not http, f"{path} imports {sorted(http)}"


@pytest.mark.parametrize("path", _modules("present"), ids=str)
def test_presentation_runs_no_queries(path: Path) -> None:
    assert not {m for m in _imports(path) if m.split(".")[0] == "neo4j" or m == "graph.db"}


@pytest.mark.parametrize("path", _modules("api"), ids=str)
def test_the_api_runs_no_cypher_and_opens_no_transactions(path: Path) -> None:
    source = path.read_text()
    assert "graph.db import run" not in source and "graph.cypher" not in source
    for name in ("AsyncManagedTransaction", "execute_query", ".session(", "begin_transaction"):
        assert name not in source, f"{path} uses {name}"


def test_graph_errors_become_pointers_where_the_request_carried_them(
    client: TestClient, seeded: Db
) -> None:
    cases = {
        "/entities/no-such-entity": "path:entity_id",
        "/entities/tsmc/common/no-such-entity": "path:other_id",
        "/paths?from=no-such-entity&to=tsmc": "query:from",
        "/paths?from=tsmc&to=tsmc": "query:to",
        "/export?root=no-such-entity": "query:root",
        "/search?q=%20%20": "query:q",
        "/sources/no-such-source": "path:source_id",
        "/relationships/tsmc|INVESTS_IN|nowhere": "path:rel_id",
        "/proposals/tsmc/stances": "path:entity_id",
    }
    for url, pointer in cases.items():
        answer = client.get(url)
        assert answer.status_code in (404, 422), (url, answer.status_code)
        assert answer.json()["pointer"] == pointer, (url, answer.json())
    body = client.post("/entities/tsmc/merge", json={"into": "no-such-entity"}).json()
    assert body["pointer"] == "/into"
    refused = client.delete("/entities/tsmc").json()  # it has facts: refused unless cascade
    assert refused["pointer"] == "query:cascade"


def test_an_unreadable_body_is_400_and_the_whole_body_is_the_empty_pointer(
    client: TestClient,
) -> None:
    headers = {"content-type": "application/json"}
    for body in ('{"kind": "firm",', "xx"):
        answer = client.put("/entities/b-firm", content=body, headers=headers)
        assert answer.status_code == 400, answer.json()
        assert answer.json()["pointer"] == "" and "not JSON" in answer.json()["detail"]
    for body in ("[]", "12"):  # JSON, but not an object: the whole body is at fault
        answer = client.put("/entities/b-firm", content=body, headers=headers)
        assert answer.status_code == 422 and answer.json()["pointer"] == "", answer.json()
