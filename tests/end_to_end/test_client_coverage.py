"""The Python client covers the whole API: every operation of the OpenAPI document has a
method (sync and async alike) taking each of its query parameters, and each method answers
what the service answers (against the real Neo4j)."""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from kg_client import AsyncKGClient, KGClient

from scripts.client_models import openapi_document
from tests.conftest import Db
from tests.payloads import entity, relationship, source

#: which client methods cover each operation (a new operation without one fails the test)
METHODS: dict[tuple[str, str], tuple[str, ...]] = {
    ("GET", "/livez"): ("live",),
    ("GET", "/readyz"): ("ready",),
    ("GET", "/schema"): ("schema",),
    ("GET", "/browser/guide.html"): ("browser_guide",),
    ("GET", "/browser/style.grass"): ("browser_style",),
    ("GET", "/stats"): ("stats",),
    ("GET", "/search"): ("search", "iter_search"),
    ("GET", "/resolve"): ("resolve",),
    ("GET", "/entities"): ("iter_entities",),
    ("GET", "/entities/{entity_id}"): ("entity",),
    ("PUT", "/entities/{entity_id}"): ("put_entity",),
    ("PATCH", "/entities/{entity_id}"): ("patch_entity",),
    ("DELETE", "/entities/{entity_id}"): ("retract_entity",),
    ("POST", "/entities/{entity_id}/restore"): ("restore_entity",),
    ("POST", "/entities/{entity_id}/merge"): ("merge_entities",),
    ("GET", "/entities/{entity_id}/neighbourhood"): ("neighbourhood",),
    ("GET", "/entities/{entity_id}/common/{other_id}"): ("common_connections",),
    ("GET", "/entities/{entity_id}/supply-chain"): ("supply_chain", "iter_supply_chain"),
    ("GET", "/entities/{entity_id}/exposure"): ("exposure",),
    ("GET", "/entities/{entity_id}/timeline"): ("timeline", "iter_timeline"),
    ("GET", "/entities/{entity_id}/stances"): ("stances", "iter_stances"),
    ("GET", "/paths"): ("paths",),
    ("PUT", "/relationships"): ("put_relationship",),
    ("GET", "/relationships/{rel_id}"): ("fact",),
    ("DELETE", "/relationships/{rel_id}"): ("retract_relationship",),
    ("POST", "/relationships/{rel_id}/restore"): ("restore_relationship",),
    ("GET", "/sources"): ("iter_sources",),
    ("GET", "/sources/{source_id}"): ("source",),
    ("PUT", "/sources/{source_id}"): ("put_source",),
    ("DELETE", "/sources/{source_id}"): ("retract_source",),
    ("POST", "/sources/{source_id}/restore"): ("restore_source",),
    ("POST", "/sources/{source_id}/analysis"): ("analyse_source",),
    ("GET", "/sources/{source_id}/analysis"): ("text_analysis",),
    ("GET", "/sources/{source_id}/candidates"): ("candidates",),
    ("POST", "/sources/{source_id}/candidates/{candidate_id}/accept"): ("accept_candidate",),
    ("POST", "/sources/{source_id}/candidates/{candidate_id}/reject"): ("reject_candidate",),
    ("PUT", "/sources/{source_id}/text"): ("put_source_text",),
    ("GET", "/sources/{source_id}/text"): ("source_text",),
    ("GET", "/sources/{source_id}/text/history"): ("history",),
    ("POST", "/batch"): ("batch",),
    ("GET", "/entities/{entity_id}/history"): ("history",),
    ("GET", "/relationships/{rel_id}/history"): ("history",),
    ("GET", "/sources/{source_id}/history"): ("history",),
    ("GET", "/changes"): ("changes",),
    ("GET", "/conflicts"): ("iter_conflicts",),
    ("GET", "/conflicts/entities"): ("iter_entity_conflicts",),
    ("GET", "/export"): ("export", "export_as"),
    ("GET", "/reconcile"): ("reconcile_manifest", "reconcile", "extend"),
    ("POST", "/reconcile"): ("reconcile", "extend"),
    ("GET", "/reconcile/suggest/entity"): ("suggest_entities",),
    ("GET", "/reconcile/suggest/type"): ("suggest_types",),
    ("GET", "/reconcile/suggest/property"): ("suggest_properties",),
    ("GET", "/reconcile/properties"): ("propose_properties",),
    ("GET", "/reconcile/preview/{entity_id}"): ("preview",),
}

#: query parameters a method names otherwise (a Python keyword, or a clearer name)
RENAMED = {"from": "from_id", "to": "to_id", "q": "text"}


def _parameters(method: Callable[..., Any]) -> set[str]:
    """A method's parameter names, the keys of its ``**read: Unpack[...]`` included."""
    names = set()
    hints = typing.get_type_hints(method, include_extras=True)
    for name, parameter in inspect.signature(method).parameters.items():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD and name in hints:
            (options,) = typing.get_args(hints[name])  # Unpack[TypedDict]
            names |= set(typing.get_type_hints(options))
        else:
            names.add(name)
    return names


def _operations() -> list[tuple[str, str, list[str]]]:
    found = []
    for path, operations in openapi_document()["paths"].items():
        for verb, operation in operations.items():
            query = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            found.append((verb.upper(), path, query))
    return found


def _successor(verb: str, path: str) -> tuple[str, str]:
    """The operation a client calls instead: the operation itself, or for a deprecated one
    the operation its description says to use (which must exist)."""
    paths = openapi_document()["paths"]
    operation = paths[path][verb.lower()]
    if not operation.get("deprecated"):
        return verb, path
    named = re.search(r"Deprecated: use `(\w+) (\S+)`", operation.get("description", ""))
    assert named, f"deprecated {verb} {path} does not say what to use instead"
    successor = (named[1], named[2])
    assert named[2] in paths and named[1].lower() in paths[named[2]], successor
    return successor


@pytest.mark.parametrize(("verb", "path", "query"), _operations(), ids=lambda v: str(v))
def test_every_operation_and_query_parameter_has_a_client_method(
    verb: str, path: str, query: list[str]
) -> None:
    methods = METHODS.get(_successor(verb, path))
    assert methods, f"{verb} {path} has no client method: add one, and name it in METHODS"
    for name in methods:
        assert callable(getattr(KGClient, name, None)), f"KGClient has no {name}"
    offered = set().union(*(_parameters(getattr(KGClient, m)) for m in methods))
    pages = any(m.startswith("iter_") for m in methods)  # an iterator follows the cursor
    for parameter in query:
        if pages and parameter in ("cursor", "limit"):
            continue
        wanted = RENAMED.get(parameter, parameter)
        assert wanted in offered or wanted in methods, (
            f"{verb} {path}?{parameter}: no client method of {methods} takes it"
        )


def test_the_async_client_has_every_method_with_the_same_parameters() -> None:
    public = {n for n in dir(KGClient) if not n.startswith("_")}
    assert public == {n for n in dir(AsyncKGClient) if not n.startswith("_")}
    for name in public - {"close", "send", "retry"}:
        sync, other = getattr(KGClient, name), getattr(AsyncKGClient, name)
        if callable(sync):
            assert _parameters(sync) == _parameters(other), name


def test_the_questions_answer_what_the_service_answers(client: TestClient, seeded: Db) -> None:
    kg = KGClient(http=client)

    def same(answer: Any, url: str, **params: Any) -> None:
        wire = client.get(url, params=params)
        assert wire.status_code == 200, wire.text
        assert answer.model_dump(mode="json") == wire.json()

    fact_id = next(e.id for e in kg.neighbourhood("tsmc").edges)
    assert kg.fact(fact_id).relationship.id == fact_id
    same(
        kg.supply_chain("tsmc", direction="downstream"),
        "/entities/tsmc/supply-chain",
        direction="downstream",
    )
    same(kg.exposure("tsmc", stated_only=True), "/entities/tsmc/exposure", stated_only="true")
    common = kg.common_connections("tsmc", "taiwan-government")
    wire = client.get("/entities/tsmc/common/taiwan-government").json()["items"]
    assert [c.model_dump(mode="json") for c in common] == wire
    stated = kg.neighbourhood("tsmc", depth=2, stated_only=True, types=["INVESTS_IN"])
    wire = client.get(
        "/entities/tsmc/neighbourhood",
        params={"depth": 2, "stated_only": "true", "types": ["INVESTS_IN"]},
    ).json()
    assert sorted(n.id for n in stated.nodes) == sorted(n["id"] for n in wire["nodes"])
    assert kg.export().model_dump(mode="json") == client.get("/export").json()
    assert kg.export_as("graphml").startswith("<?xml")
    assert {k.name for k in kg.schema().kinds} >= {"firm", "proposal"}
    assert kg.ready().status == "ready" and kg.live().status == "ok"
    assert kg.browser_guide() == client.get("/browser/guide.html").text
    assert kg.browser_style() == client.get("/browser/style.grass").text
    assert kg.reconcile_manifest().name
    answer = kg.reconcile({"q0": {"query": "TSMC"}})
    assert answer["q0"]["result"][0]["id"] == "tsmc"
    prop = kg.propose_properties(type="firm").properties[0].id
    wanted = {"ids": ["tsmc"], "properties": [{"id": prop}]}
    assert kg.extend(wanted) == client.post("/reconcile", json={"extend": wanted}).json()
    assert [s.id for s in kg.suggest_entities("TSM")][:1] == ["tsmc"]
    assert [s.id for s in kg.suggest_types("fir")] == ["firm"]
    suggested = kg.suggest_properties("", type="firm", limit=50)
    wire = client.get("/reconcile/suggest/property", params={"type": "firm", "limit": 50})
    assert [p.model_dump(mode="json", exclude_none=True) for p in suggested] == wire.json()[
        "result"
    ]
    assert suggested
    assert "TSMC" in kg.preview("tsmc")
    disputed = [e.model_dump(mode="json") for e in kg.iter_entity_conflicts(page_size=1)]
    assert disputed == client.get("/conflicts/entities", params={"limit": 100}).json()["items"]
    # the article's one supply-chain fact: the United States depends on Taiwan for chips
    way = next(
        d for d in ("upstream", "downstream") if kg.supply_chain("taiwan", direction=d).tiers
    )
    whole = kg.supply_chain("taiwan", direction=way, depth=3)
    paged = list(kg.iter_supply_chain("taiwan", direction=way, depth=3, page_size=1))
    assert "united-states" in {n.id for t in whole.tiers for n in t.entities}
    assert not whole.truncated and sorted(n.id for t in paged for n in t.entities) == sorted(
        n.id for t in whole.tiers for n in t.entities
    )


def test_the_writes_change_what_the_service_holds(client: TestClient, db: Db) -> None:
    kg = KGClient(http=client)
    kg.put_source(source(), reason="a source to cite")
    assert kg.put_source_text("test-source", "Cafe\u0301 words", reason="its text")[0] == "created"
    assert kg.source_text("test-source") == "Caf\u00e9 words"
    assert kg.history("text", "test-source")[-1].reason == "its text"
    kg.put_entity(entity("tsmc", name="TSMC"))
    kg.put_entity(entity("tsmc-co", name="TSMC Co"))
    kg.put_entity(entity("arizona", "location", location_type="state"))
    kg.put_relationship(relationship("INVESTS_IN", "tsmc-co", "arizona"))
    result, patched = kg.patch_entity("tsmc", {"description": "a foundry"}, reason="known")
    assert (result, patched.description) == ("updated", "a foundry")
    assert kg.history("entity", "tsmc")[-1].reason == "known"
    merged = kg.merge_entities("tsmc-co", "tsmc", reason="the same firm")
    assert merged.id == "tsmc" and kg.entity("tsmc-co").id == "tsmc"
    assert kg.fact("tsmc|INVESTS_IN|arizona").relationship.from_id == "tsmc"
    deleted = kg.retract_entity("arizona", cascade=True, reason="checking")
    assert deleted.how == "retracted"
    before = kg.history("entity", "arizona")[0].at
    assert kg.entity("arizona", known_at=before).id == "arizona"
    assert kg.restore_entity("arizona", reason="back").id == "arizona"
