"""The reconciliation service as OpenRefine meets it over HTTP: the manifest, query batches
(form-encoded POST, GET, JSON), suggestions, previews, property proposals and data
extension, each answer checked against the specification's JSON schemas (version 0.2,
tests/reconcile_spec.py), and the specification's examples of what a service should do."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from graph.domain.declaration import DOMAIN
from tests import reconcile_spec as spec

OPENREFINE = "http://127.0.0.1:3333"


@pytest.fixture(scope="module")
def http(seeded_api: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=seeded_api, timeout=30) as client:
        yield client


def reconcile(http: httpx.Client, queries: dict[str, Any]) -> dict[str, Any]:
    """A batch as OpenRefine sends it: a form field ``queries`` holding JSON."""
    spec.check(spec.QUERY_BATCH, queries)
    answer = http.post("/reconcile", data={"queries": json.dumps(queries)})
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    spec.check(spec.RESULT_BATCH, body)
    assert set(body) == set(queries)
    for result in body.values():
        scores = [c["score"] for c in result["result"]]
        assert scores == sorted(scores, reverse=True)  # the spec: sorted by decreasing score
    return body


def candidates(http: httpx.Client, **query: Any) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = reconcile(http, {"q0": query})["q0"]["result"]
    return result


# --- the manifest --------------------------------------------------------------------------


def test_the_manifest_answers_a_get_without_parameters(http: httpx.Client) -> None:
    manifest = http.get("/reconcile").json()
    spec.check(spec.MANIFEST, manifest)
    base = str(http.base_url).rstrip("/")
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == f"{base}/entities/"
    assert [t["id"] for t in manifest["defaultTypes"]] == list(DOMAIN.kinds)
    assert manifest["view"]["url"] == f"{base}/?entity={{{{id}}}}"
    for name in ("entity", "type", "property"):
        service = manifest["suggest"][name]
        assert http.get(service["service_url"] + service["service_path"]).status_code == 200
    proposals = manifest["extend"]["propose_properties"]
    assert http.get(proposals["service_url"] + proposals["service_path"]).status_code == 200
    preview = http.get(manifest["preview"]["url"].replace("{{id}}", "tsmc"))
    assert preview.status_code == 200 and preview.headers["content-type"].startswith("text/html")
    assert "<h1>TSMC</h1>" in preview.text


def test_openrefines_page_may_read_the_service_across_origins(http: httpx.Client) -> None:
    """The protocol requires CORS: OpenRefine's page reads the manifest and suggestions."""
    for path in ("/reconcile", "/reconcile/suggest/entity?prefix=ts"):
        answer = http.get(path, headers={"Origin": OPENREFINE})
        assert answer.headers["access-control-allow-origin"] == OPENREFINE
    preflight = http.options(
        "/reconcile",
        headers={"Origin": OPENREFINE, "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == OPENREFINE
    # another origin, and the rest of the API, keep the API-wide allow-list
    other = http.get("/reconcile", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    assert (
        "access-control-allow-origin"
        not in http.get("/search?q=tsmc", headers={"Origin": OPENREFINE}).headers
    )


# --- queries -------------------------------------------------------------------------------


def test_an_exact_name_is_a_match_and_a_typo_is_not(http: httpx.Client) -> None:
    exact = candidates(http, query="TSMC")
    assert exact[0]["id"] == "tsmc" and exact[0]["match"] is True
    assert exact[0]["type"] == [{"id": "firm", "name": "Firm"}]
    typo = candidates(http, query="TSMCC")
    assert typo[0]["id"] == "tsmc" and typo[0]["match"] is False
    assert typo[0]["score"] < exact[0]["score"]
    assert all(not c["match"] for c in candidates(http, query="Arizona")[1:])


def test_an_alias_is_an_exact_match(http: httpx.Client) -> None:
    found = candidates(http, query="u.s. GOVERNMENT")
    assert found[0]["id"] == "us-government" and found[0]["match"] is True


def test_a_name_two_entities_share_is_no_match_until_a_type_or_property_decides(
    http: httpx.Client,
) -> None:
    both = candidates(http, query="Taiwan")
    assert {c["id"] for c in both[:2]} == {"taiwan", "taiwan-government"}
    assert not any(c["match"] for c in both)
    typed = candidates(http, query="Taiwan", type="location")
    assert typed[0]["id"] == "taiwan" and typed[0]["match"] is True
    assert all(c["type"][0]["id"] == "location" for c in typed)
    sharpened = candidates(
        http, query="Taiwan", properties=[{"pid": "jurisdiction", "v": "taiwan"}]
    )
    assert sharpened[0]["id"] == "taiwan-government" and sharpened[0]["match"] is True


def test_a_related_entity_sharpens_the_match(http: httpx.Client) -> None:
    """A column naming who governs the place: facts (~GOVERNS), by name or reconciled id."""
    for value in ("government of TAIWAN", {"id": "taiwan-government", "name": "Taiwan"}):
        found = candidates(http, query="Taiwan", properties=[{"pid": "~GOVERNS", "v": value}])
        assert found[0]["id"] == "taiwan" and found[0]["match"] is True, found
    # properties reorder within a tier only: a prefix that fits the place stays below the
    # exact name that does not
    found = candidates(http, query="TSMC", properties=[{"pid": "LOCATED_IN", "v": "Arizona"}])
    assert [c["id"] for c in found[:2]] == ["tsmc", "tsmc-arizona-fabs"]
    assert found[0]["score"] > found[1]["score"] > candidates(http, query="TSMC")[1]["score"]


def test_an_id_as_the_query_finds_its_entity(http: httpx.Client) -> None:
    found = candidates(http, query="tsmc-arizona-fabs")
    assert found[0]["id"] == "tsmc-arizona-fabs" and found[0]["match"] is True


def test_limit_and_batches_of_several_queries(http: httpx.Client) -> None:
    body = reconcile(
        http,
        {
            "q0": {"query": "Taiwan", "limit": 1},
            "q1": {"query": "Reuters", "type": ["media", "firm"], "type_strict": "should"},
            "q2": {"query": "?!"},  # no words: no candidates
        },
    )
    assert len(body["q0"]["result"]) == 1
    assert body["q1"]["result"][0]["id"] == "reuters"
    assert body["q2"]["result"] == []


def test_queries_also_come_by_get_and_as_json(http: httpx.Client) -> None:
    queries = {"q0": {"query": "TSMC"}}
    by_get = http.get("/reconcile", params={"queries": json.dumps(queries)})
    as_json = http.post("/reconcile", json={"queries": queries})
    for answer in (by_get, as_json):
        assert answer.status_code == 200
        spec.check(spec.RESULT_BATCH, answer.json())
        assert answer.json()["q0"]["result"][0]["id"] == "tsmc"


@pytest.mark.parametrize(
    ("sent", "pointer"),
    [
        ({"queries": "{not json"}, "/queries"),
        ({"queries": json.dumps({"q0": {"query": "x", "limit": 0}})}, "/queries/q0/limit"),
        ({"queries": json.dumps({"q0": {"query": "x", "type": "castle"}})}, "/queries/q0/type"),
        ({"queries": json.dumps({"q0": {"limit": 3}})}, "/queries/q0/query"),
        ({"queries": json.dumps({"q0": {"query": "x", "colour": "red"}})}, "/queries/q0/colour"),
        (
            {"queries": json.dumps({"q0": {"query": "x", "properties": [{"pid": "no", "v": 1}]}})},
            "/queries/q0/properties/0/pid",
        ),
        ({"queries": json.dumps({f"q{i}": {"query": "x"} for i in range(51)})}, "/queries"),
        ({"queries": "[]"}, "/queries"),
        ({}, "/queries"),
        (
            {"extend": json.dumps({"ids": ["tsmc"], "properties": [{"id": "x"}]})},
            "/extend/properties/0/id",
        ),
    ],
)
def test_a_bad_batch_is_refused_naming_the_field(
    http: httpx.Client, sent: dict[str, str], pointer: str
) -> None:
    answer = http.post("/reconcile", data=sent)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["pointer"] == pointer, answer.json()


def test_a_bad_batch_by_get_points_at_the_query_parameter(http: httpx.Client) -> None:
    answer = http.get("/reconcile", params={"queries": '{"q0": {"query": 5}}'})
    assert answer.status_code == 422 and answer.json()["pointer"] == "query:queries/q0/query"
    unreadable = http.post("/reconcile", content=b"{", headers={"content-type": "application/json"})
    assert unreadable.status_code == 400


# --- suggest, preview, extension -----------------------------------------------------------


def test_suggest_entities_types_and_properties(http: httpx.Client) -> None:
    entities = http.get("/reconcile/suggest/entity", params={"prefix": "tsm"}).json()
    spec.check(spec.SUGGEST_ENTITIES, entities)
    assert entities["result"][0]["id"] == "tsmc"
    assert entities["result"][0]["notable"] == [{"id": "firm", "name": "Firm"}]
    page = http.get("/reconcile/suggest/entity", params={"prefix": "tsm", "cursor": 1}).json()
    assert page["result"] == entities["result"][1:][: len(page["result"])]
    types = http.get("/reconcile/suggest/type", params={"prefix": "lo"}).json()
    spec.check(spec.SUGGEST_TYPES, types)
    assert [t["id"] for t in types["result"]] == ["location"]
    props = http.get("/reconcile/suggest/property", params={"prefix": "located"}).json()
    spec.check(spec.SUGGEST_PROPERTIES, props)
    assert {p["id"] for p in props["result"]} == {"LOCATED_IN", "~LOCATED_IN"}
    bad = http.get("/reconcile/suggest/entity", params={"prefix": "x", "type": "castle"})
    assert bad.status_code == 422 and bad.json()["pointer"] == "query:type"


def test_propose_properties_for_a_type(http: httpx.Client) -> None:
    answer = http.get("/reconcile/properties", params={"type": "firm", "limit": 50}).json()
    assert answer["type"] == "firm"
    spec.check(spec.SUGGEST_PROPERTIES, {"result": answer["properties"]})
    ids = {p["id"] for p in answer["properties"]}
    assert {"aliases", "sector", "headquarters_country", "LOCATED_IN", "~HOLDS_ROLE"} <= ids
    assert "location_type" not in ids


def test_extension_pulls_fields_and_related_entities(http: httpx.Client) -> None:
    query = {
        "ids": ["tsmc-arizona-fabs", "arizona", "no-such-entity"],
        "properties": [
            {"id": "LOCATED_IN"},
            {"id": "location_type"},
            {"id": "~LOCATED_IN", "settings": {"limit": 1}},
        ],
    }
    spec.check(spec.EXTEND_QUERY, query)
    answer = http.post("/reconcile", data={"extend": json.dumps(query)})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    spec.check(spec.EXTEND_RESPONSE, body)
    assert [m["id"] for m in body["meta"]] == ["LOCATED_IN", "location_type", "~LOCATED_IN"]
    assert body["meta"][0]["type"] == {"id": "location", "name": "Location"}
    rows = body["rows"]
    assert rows["tsmc-arizona-fabs"]["LOCATED_IN"] == [{"id": "arizona", "name": "Arizona"}]
    assert rows["arizona"]["LOCATED_IN"] == [{"id": "united-states", "name": "United States"}]
    assert rows["arizona"]["location_type"] == [{"str": "state"}]
    assert len(rows["arizona"]["~LOCATED_IN"]) == 1
    assert rows["no-such-entity"] == {"LOCATED_IN": [], "location_type": [], "~LOCATED_IN": []}


def test_the_preview_escapes_what_it_shows(http: httpx.Client) -> None:
    answer = http.get("/reconcile/preview/taiwan-government")
    assert "Government of Taiwan" in answer.text and "Also: Taiwan" in answer.text
    assert "default-src 'none'" in answer.headers["content-security-policy"]
    missing = http.get("/reconcile/preview/no-such-entity")
    assert missing.status_code == 404 and missing.json()["pointer"] == "path:entity_id"


def test_a_json_body_holds_documents_and_one_kind_of_request(http: httpx.Client) -> None:
    both = http.post("/reconcile", json={"queries": {}, "extend": {"ids": [], "properties": []}})
    assert both.status_code == 422 and both.json()["pointer"] == "/extend"
    text = http.post("/reconcile", json={"queries": '{"q0": {"query": "TSMC"}}'})
    assert text.status_code == 422 and text.json()["pointer"] == "/queries"
    odd = http.post("/reconcile", content=b"x", headers={"content-type": "text/plain"})
    assert odd.status_code == 422 and odd.json()["pointer"] == "header:content-type"


def test_with_reads_behind_a_key_openrefine_gets_401(settings: Any) -> None:
    """README: OpenRefine sends no API key, so KG_READS_NEED_KEY shuts it out."""
    from fastapi.testclient import TestClient

    from api.keys import key_digest
    from api.main import create_app

    locked = settings.model_copy(
        update={"api_key_hashes": [key_digest("s3cret-key")], "reads_need_key": True}
    )
    with TestClient(create_app(locked), base_url="http://localhost") as client:
        assert client.get("/reconcile").status_code == 401
        assert client.post("/reconcile", data={"queries": "{}"}).status_code == 401
        keyed = client.get("/reconcile", headers={"Authorization": "Bearer s3cret-key"})
        assert keyed.status_code == 200
