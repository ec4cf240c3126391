"""Layers that hold: api/ -> graph/ -> Neo4j, present/ beside them; modules small enough to
read in one sitting; the graph layer names its arguments and the API says where in the
request each one was."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph import ROOMS
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
            assert length <= MAX_FUNCTION_LINES, (
                f"{path}:{node.lineno} {node.name} is {length} lines"
            )


@pytest.mark.parametrize("path", _modules("graph", "present"), ids=str)
def test_graph_and_presentation_know_no_http(path: Path) -> None:
    http = {m for m in _imports(path) if m.split(".")[0] in {"fastapi", "starlette", "api"}}
    assert not http, f"{path} imports {sorted(http)}"


@pytest.mark.parametrize("path", _modules("present"), ids=str)
def test_presentation_runs_no_queries(path: Path) -> None:
    ran = {m for m in _imports(path) if m.split(".")[0] == "neo4j" or m.startswith("graph.store.")}
    assert not ran, f"{path} imports {sorted(ran)}"


def _graph_imports(path: Path) -> set[str]:
    return {m for m in _imports(path) if m == "graph" or m.startswith("graph.")}


@pytest.mark.parametrize("path", _modules("graph"), ids=str)
def test_each_room_of_graph_imports_only_rooms_below_it(path: Path) -> None:
    """graph/'s rooms are layered (ROOMS, lowest first): a room's modules import their own
    room's modules, the doors of rooms below, and the one error family; nothing above graph."""
    outside = {m for m in _imports(path) if m.split(".")[0] in {"api", "present", "seed", "bench"}}
    assert not outside, f"{path} imports {sorted(outside)}"
    assert not {m for m in _imports(path) if m.split(".")[0] == "neo4j_local"}, path
    relative = path.relative_to(ROOT / "graph").parts
    if len(relative) == 1:  # graph/__init__.py and graph/errors.py stand below every room
        assert _graph_imports(path) <= {"graph"}, path
        return
    room = relative[0]
    below = {f"graph.{r}" for r in ROOMS[: ROOMS.index(room)]} | {"graph.errors"}
    for module in _graph_imports(path):
        if module == f"graph.{room}" or module.startswith(f"graph.{room}."):
            continue
        assert module in below, f"{path} ({room}) imports {module}: not a door of a room below"


@pytest.mark.parametrize("path", _modules("api", "present", "seed", "bench", "scripts"), ids=str)
def test_outside_graph_only_its_doors_are_imported(path: Path) -> None:
    doors = {f"graph.{r}" for r in ROOMS} | {"graph.errors"}
    reached_in = _graph_imports(path) - doors
    assert not reached_in, f"{path} imports {sorted(reached_in)}: import the room's door instead"


def test_every_room_says_what_it_offers() -> None:
    for room in ROOMS:
        door = importlib.import_module(f"graph.{room}")
        assert door.__doc__ and len(door.__doc__) > 80, room
        assert door.__all__, room
        for name in door.__all__:
            assert hasattr(door, name), (room, name)
    assert sorted(
        p.name for p in (ROOT / "graph").iterdir() if p.is_dir() and p.name[0] != "_"
    ) == sorted(ROOMS)


@pytest.mark.parametrize("path", _modules("api"), ids=str)
def test_the_api_runs_no_cypher_and_opens_no_transactions(path: Path) -> None:
    source = path.read_text()
    assert "graph.store.db import run" not in source and "graph.store.cypher" not in source
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
        "/entities/tsmc/stances": "path:entity_id",
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
