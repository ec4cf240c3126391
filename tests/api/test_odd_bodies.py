"""Odd bodies get precise answers (issue 24): a content encoding or type the service does
not take is 415 naming the header; a key twice, a number no field can hold, or nesting
past the limit is 422 pointing at it; nothing is written, and no 5xx anywhere a JSON
document is parsed (bodies and the reconciliation routes' form fields)."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from api.json_body import MAX_DEPTH, BodyRefused, loads
from tests.conftest import Db
from tests.payloads import entity, relationship, source

JSON = {"content-type": "application/json"}


def test_a_compressed_body_is_415_naming_the_header(client: TestClient, db: Db) -> None:
    body = gzip.compress(json.dumps(source("s1")).encode())
    for method, path in (("PUT", "/sources/s1"), ("POST", "/batch"), ("POST", "/reconcile")):
        answer = client.request(
            method, path, content=body, headers={**JSON, "content-encoding": "gzip"}
        )
        assert answer.status_code == 415, (path, answer.text)
        assert answer.json()["pointer"] == "header:content-encoding"
        assert "gzip" in answer.json()["detail"]
    assert db.counts() == (0, 0)


def test_json_sent_as_another_type_is_415_naming_the_header(client: TestClient, db: Db) -> None:
    text = json.dumps(source("s1"))
    for kind in ("text/plain", "application/x-www-form-urlencoded"):
        answer = client.put("/sources/s1", content=text, headers={"content-type": kind})
        assert answer.status_code == 415
        problem = answer.json()
        assert (
            problem["pointer"] == "header:content-type" and "application/json" in problem["detail"]
        )
    # JSON's own subtypes are JSON
    json_ld = client.put(
        "/sources/s1", content=text, headers={"content-type": "application/ld+json"}
    )
    assert json_ld.status_code == 201


def test_a_number_no_field_can_hold_is_422_pointing_at_it(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    huge = "9" * 5000
    items = [entity("a"), entity("b")]
    fact = json.dumps(relationship("INVESTS_IN", "a", "b", currency="USD"))[:-1]
    body = f'{{"entities": {json.dumps(items)}, "relationships": [{fact}, "amount": {huge}}}]}}'
    answer = client.post("/batch", content=body, headers=JSON)
    assert answer.status_code == 422
    assert answer.json()["pointer"] == "/relationships/0/amount"
    assert "5000 digits" in answer.json()["detail"]
    for number in ("1e999", "-1e400", "9223372036854775808", "NaN", "Infinity"):
        patch = f'{{"attributes": {{"sector": {number}}}}}'
        refused = client.patch("/entities/a", content=patch, headers=JSON)
        assert refused.status_code == 422 and refused.json()["pointer"] == "/attributes/sector"
    assert db.counts() == (1, 0)  # the source alone


def test_a_key_twice_is_422_pointing_at_it(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    body = '{"kind": "firm", "name": "First", "name": "Second", "sources": ["test-source"]}'
    answer = client.put("/entities/twice", content=body, headers=JSON)
    assert answer.status_code == 422
    assert answer.json()["pointer"] == "/name" and "more than once" in answer.json()["detail"]
    nested = '{"entities": [{"id": "x", "kind": "firm", "name": "X", "sources": ["test-source"], "external_ids": {"ticker": "A", "ticker": "B"}}]}'
    answer = client.post("/batch", content=nested, headers=JSON)
    assert answer.json()["pointer"] == "/entities/0/external_ids/ticker"
    assert db.counts() == (1, 0)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_500, 100_000])
def test_nesting_is_422_wherever_json_is_read(client: TestClient, db: Db, depth: int) -> None:
    deep = "[" * depth + "]" * depth
    put = client.put("/entities/deep", content=f'{{"name": {deep}}}', headers=JSON)
    assert put.status_code == 422, put.text
    batch = client.post("/batch", content=f'{{"entities": {deep}}}', headers=JSON)
    assert batch.status_code == 422, batch.text
    queries = f'{{"q0": {{"query": {deep}}}}}'
    form = client.post("/reconcile", data={"queries": queries})
    assert form.status_code == 422 and form.json()["pointer"].startswith("/queries"), form.text
    as_json = client.post("/reconcile", content=f'{{"queries": {queries}}}', headers=JSON)
    assert as_json.status_code == 422, as_json.text
    extend = client.post("/reconcile", data={"extend": f'{{"ids": {deep}}}'})
    assert extend.status_code == 422, extend.text
    if len(queries) < 60_000:  # a query string has a length limit of its own
        fetched = client.get("/reconcile", params={"queries": queries})
        assert fetched.status_code == 422, fetched.text
    assert db.counts() == (0, 0)


# --- the reader itself, on generated documents ------------------------------------------

documents = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(documents)
def test_a_valid_document_reads_as_json_reads_it(document: Any) -> None:
    text = json.dumps(document)
    assert loads(text) == json.loads(text)


def _paths(document: Any, pointer: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every object in a document with its pointer."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(document, dict):
        found.append((pointer, document))
        for key, value in document.items():
            found += _paths(value, f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(document, list):
        for i, value in enumerate(document):
            found += _paths(value, f"{pointer}/{i}")
    return found


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text(max_size=6), documents, min_size=1, max_size=4).flatmap(
        lambda d: st.tuples(st.just(d), st.sampled_from(sorted(d)))
    ),
    st.data(),
)
def test_a_key_twice_is_found_where_it_is(
    case: tuple[dict[str, Any], str], data: st.DataObject
) -> None:
    """A key written twice into any object of a document: refused at that object's key."""
    inner, key = case
    host = data.draw(documents.map(lambda d: {"wrap": [d, inner]}))
    text = json.dumps(host)
    member = json.dumps(key) + ": " + json.dumps(inner[key])
    marker = json.dumps(inner)
    assert marker in text
    doubled = marker[:-1] + ", " + member + "}"
    text = text.replace(marker, doubled, 1)
    with pytest.raises(BodyRefused) as refused:
        loads(text)
    assert refused.value.status == 422
    escaped = key.replace("~", "~0").replace("/", "~1")
    assert refused.value.pointer.endswith("/" + escaped)
    assert "more than once" in refused.value.detail


def test_a_key_twice_in_a_huge_object_is_found_in_one_pass() -> None:
    """Found reading the change: the repeated key was searched pairwise, quadratic in the
    object's size (a 10 MiB body of one object would have held a worker for hours)."""
    members = ", ".join(f'"k{i}": {i}' for i in range(200_000))
    with pytest.raises(BodyRefused) as refused:
        loads("{" + members + ', "k199999": 0}')
    assert refused.value.pointer == "/k199999"
