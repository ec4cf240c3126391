"""The one cursor of every paged answer, without Neo4j: it resumes the position it was
given for, only for the question it was given for, and nothing forged or garbled passes
(generated cases); and every paged read refuses another read's cursor (the real Neo4j)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from graph.domain import NeighbourhoodQuestion, SearchQuestion, StancesQuestion, cursors
from graph.errors import InvalidInput
from tests.conftest import Db

KEY = b"the service's signing key"
QUESTION = {"q": "StancesQuestion", "about": ["p"], "as_of": None, "stated_only": False}

positions = st.one_of(
    st.integers(0, 10_000),
    st.text(min_size=1, max_size=120),
    st.tuples(st.integers(0, 3), st.integers(-500, 0), st.text(min_size=1, max_size=20)).map(list),
)


@given(positions)
def test_a_cursor_resumes_the_position_it_names(position: Any) -> None:
    cursor = cursors.encode_cursor(QUESTION, position, KEY)
    assert cursors.decode_cursor(cursor, QUESTION, key=KEY) == position


@given(positions, positions)
def test_a_forged_cursor_is_refused_however_well_formed(given_at: Any, forged: Any) -> None:
    cursor = cursors.encode_cursor(QUESTION, given_at, KEY)
    digest, _, signature = json.loads(base64.urlsafe_b64decode(cursor[3:] + "=="))
    other_key = cursors.encode_cursor(QUESTION, forged, b"another key")
    for body in (
        [digest, forged, signature],  # another position under this one's signature
        json.loads(base64.urlsafe_b64decode(other_key[3:] + "==")),  # signed with another key
    ):
        if body[1] == given_at and body[2] == signature:
            continue  # not a forgery: the very cursor given
        packed = base64.urlsafe_b64encode(json.dumps(body).encode()).decode().rstrip("=")
        with pytest.raises(InvalidInput, match="not a cursor this service gave") as refused:
            cursors.decode_cursor("c1." + packed, QUESTION, key=KEY)
        assert refused.value.pointer == "cursor"


@given(st.dictionaries(st.sampled_from(["as_of", "stated_only", "about", "known_at"]), st.text()))
def test_a_cursor_of_another_question_is_refused(changes: dict[str, str]) -> None:
    other = {**QUESTION, **changes}
    cursor = cursors.encode_cursor(QUESTION, 40, KEY)
    if cursors.fingerprint(other) == cursors.fingerprint(QUESTION):
        assert cursors.decode_offset(cursor, other, key=KEY, most=100) == 40
        return
    with pytest.raises(InvalidInput, match="given for other parameters"):
        cursors.decode_cursor(cursor, other, key=KEY)


@pytest.mark.parametrize("cursor", ["", "c1.", "c1.!!!", "o20", "w2.bnVsbA", "c1.bnVsbA"])
def test_garbled_cursors_are_refused(cursor: str) -> None:
    if not cursor:  # no cursor: the first page
        assert cursors.decode_offset(cursor, QUESTION, key=KEY, most=10) == 0
        return
    with pytest.raises(InvalidInput) as refused:
        cursors.decode_cursor(cursor, QUESTION, key=KEY)
    assert refused.value.pointer == "cursor"


def test_an_offset_must_be_one_the_service_gives() -> None:
    for position in (0, -20, 20_000, "20", [20]):
        cursor = cursors.encode_cursor(QUESTION, position, KEY)
        with pytest.raises(InvalidInput, match="not a cursor this service gave"):
            cursors.decode_offset(cursor, QUESTION, key=KEY, most=10_000)


def test_the_question_is_every_parameter_but_the_page() -> None:
    """A parameter added to a question model is in its cursors' fingerprint unasked."""
    for model in (NeighbourhoodQuestion, StancesQuestion, SearchQuestion):
        fields = set(model.model_fields) - {"cursor", "limit"}
        base = model(q="x") if model is SearchQuestion else model()
        assert set(base.asked()) == fields | {"q", "about"}
        assert base.asked() == base.model_copy(update={"limit": 7}).asked()


#: every paged read, with the parameters of one page of it
PAGED = {
    "/search": {"q": "a"},
    "/entities": {},
    "/sources": {},
    "/conflicts": {},
    "/conflicts/entities": {},
    "/entities/p/stances": {},
    "/entities/p/timeline": {},
    "/entities/f0/neighbourhood": {},
    "/entities/f0/supply-chain": {"direction": "downstream"},
}


def test_every_paged_read_gives_signed_cursors_and_refuses_other_reads_ones(
    client: TestClient, db: Db
) -> None:
    source = {"id": "s", "title": "S"}
    assert client.put("/sources/s", json=source).status_code == 201
    for n in range(4):
        assert client.put(f"/sources/s{n}", json={"title": f"S{n}"}).status_code == 201
        body = {"kind": "firm", "name": f"a{n}", "sources": ["s"]}
        assert client.put(f"/entities/f{n}", json=body).status_code == 201
    plan = {"kind": "proposal", "name": "a plan", "proposal_type": "initiative", "sources": ["s"]}
    assert client.put("/entities/p", json=plan).status_code == 201
    claim = {"source": "s", "evidence": "e", "confidence": 0.9}
    for n in range(1, 4):
        fact = {
            "type": "SUPPLIES",
            "from_id": "f0",
            "to_id": f"f{n}",
            "product": "x",
            "valid_from": f"202{n}",
            "attestations": [claim],
        }
        assert client.put("/relationships", json=fact).status_code == 201
        stance = {
            "type": "SUPPORTS",
            "from_id": f"f{n}",
            "to_id": "p",
            "valid_from": f"202{n}",
            "attestations": [claim],
        }
        assert client.put("/relationships", json=stance).status_code == 201
    given = {}
    for url, params in PAGED.items():
        page = client.get(url, params={**params, "limit": 1}).json()
        if page.get("next_cursor") is None:
            continue  # one page only here (no disputes recorded)
        cursor = page["next_cursor"]
        assert cursor.startswith(cursors.CURSOR_VERSION + "."), (url, cursor)
        assert client.get(url, params={**params, "cursor": cursor}).status_code == 200
        given[url] = cursor
    assert set(given) >= set(PAGED) - {"/conflicts", "/conflicts/entities"}
    for url, params in PAGED.items():
        for other, cursor in given.items():
            if other == url:
                continue
            answer = client.get(url, params={**params, "cursor": cursor})
            assert answer.status_code == 422, (url, other, answer.text)
            assert answer.json()["pointer"] == "query:cursor"
    # and a cursor resumes only the question it was given for: another filter is refused
    refused = client.get(
        "/entities/p/timeline",
        params={"cursor": given["/entities/p/timeline"], "as_of": "2022-06-01"},
    )
    assert refused.status_code == 422 and "other parameters" in refused.json()["detail"]


def test_a_name_lookup_pages_and_checks_its_cursor_as_the_list_does(
    client: TestClient, db: Db
) -> None:
    assert client.put("/sources/s", json={"title": "S"}).status_code == 201
    for n in range(3):  # three entities answering to one name
        body = {"kind": "firm", "name": f"Firm {n}", "aliases": ["Same Name"], "sources": ["s"]}
        assert client.put(f"/entities/same-{n}", json=body).status_code == 201
    seen, cursor = [], None
    while True:
        params = {"name": "same name", "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/entities", params=params).json()
        assert len(page["items"]) <= 2
        seen += [n["id"] for n in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == ["same-0", "same-1", "same-2"]
    for forged in (
        "forged.garbage",
        client.get("/entities", params={"limit": 1}).json()["next_cursor"],
    ):
        refused = client.get("/entities", params={"name": "same name", "cursor": forged})
        assert refused.status_code == 422 and refused.json()["pointer"] == "query:cursor"
