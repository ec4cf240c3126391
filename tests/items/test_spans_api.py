"""Evidence spans over HTTP, against the real Neo4j: a fact's attestation points at its
words in its source's stored text, checked when written (422 naming the field, nothing
written), shown in the fact's answer, and re-anchored when the text is replaced (409 when
the new text lacks the words)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Db
from tests.payloads import SOURCE, entity, relationship, source

PLAIN = {"Content-Type": "text/plain; charset=utf-8"}
TEXT = "TSMC builds fabs in Arizona. Intel listens. TSMC builds fabs in Arizona again."
FACT = "tsmc|INVESTS_IN|arizona"


def put_text(client: TestClient, text: str) -> Any:
    return client.put(f"/sources/{SOURCE}/text", content=text.encode(), headers=PLAIN)


def fact_with(selector: dict[str, Any] | None, **word: Any) -> dict[str, Any]:
    attestation = {"source": SOURCE, "evidence": "the article says so", "confidence": 0.9}
    if selector is not None:
        attestation["selector"] = selector
    return relationship("INVESTS_IN", "tsmc", "arizona", attestations=[{**attestation, **word}])


def span_of(client: TestClient, **params: str) -> dict[str, Any] | None:
    read = client.get(f"/relationships/{FACT}", params=params)
    assert read.status_code == 200, read.text
    (attestation,) = read.json()["relationship"]["attestations"]
    return attestation.get("selector")


@pytest.fixture
def texted(client: TestClient, db: Db) -> Db:
    assert client.put(f"/sources/{SOURCE}", json=source()).status_code == 201
    for body in (
        entity("tsmc"),
        entity("intel"),
        entity("arizona", "location", location_type="state"),
    ):
        assert client.put(f"/entities/{body['id']}", json=body).status_code == 201
    assert put_text(client, TEXT).status_code == 201
    return db


def test_a_position_is_stored_with_its_words_and_shown_in_the_fact(
    client: TestClient, texted: Db
) -> None:
    written = client.put("/relationships", json=fact_with({"start": 0, "end": 28}))
    assert written.status_code == 201, written.text
    span = span_of(client)
    assert span is not None
    assert (span["start"], span["end"], span["exact"]) == (0, 28, "TSMC builds fabs in Arizona.")
    assert (span["prefix"], span["suffix"]) == ("", " Intel listens. TSMC builds fabs")
    assert span["text_sha256"] == put_text(client, TEXT).json()["text"]["sha256"]
    # what the answer shows, sent back, is the same word
    again = fact_with({k: span[k] for k in ("start", "end", "exact", "prefix", "suffix")})
    assert client.put("/relationships", json=again).json()["result"] == "unchanged"


def test_a_quote_anchors_by_its_words_and_a_drifted_position_moves_to_them(
    client: TestClient, texted: Db
) -> None:
    quote = "TSMC builds fabs in Arizona again."
    assert (
        client.put("/relationships", json=fact_with({"exact": "Intel listens."})).status_code == 201
    )
    assert span_of(client)["start"] == 29  # type: ignore[index]
    drifted = fact_with({"exact": quote, "start": 40, "end": 74})
    assert client.put("/relationships", json=drifted).json()["result"] == "updated"
    assert span_of(client)["start"] == TEXT.index(quote)  # type: ignore[index]


@pytest.mark.parametrize(
    ("selector", "pointer", "words"),
    [
        ({"start": 0, "end": 999}, "/attestations/0/selector/end", "past the end"),
        ({"exact": "a treaty"}, "/attestations/0/selector/exact", "not in the source's text"),
        ({"exact": "TSMC builds"}, "/attestations/0/selector/exact", "occurs 2 times"),
        ({"exact": "Intel", "prefix": "Yes. "}, "/attestations/0/selector/exact", "prefix"),
        ({"start": 5, "end": 2}, "/attestations/0/selector/end", "ends after it starts"),
        ({"start": 5}, "/attestations/0/selector/end", "needs start and end"),
        ({}, "/attestations/0/selector/exact", "give the words quoted"),
        ({"exact": "Intel", "extra": 1}, "/attestations/0/selector/extra", ""),
    ],
)
def test_a_span_that_does_not_point_at_its_words_is_refused_by_name_and_nothing_is_written(
    client: TestClient, texted: Db, selector: dict[str, Any], pointer: str, words: str
) -> None:
    refused = client.put("/relationships", json=fact_with(selector))
    assert refused.status_code == 422, refused.text
    errors = refused.json()["errors"]
    assert any(e["pointer"] == pointer and words in e["detail"] for e in errors), errors
    assert client.get(f"/relationships/{FACT}").status_code == 404
    assert texted.query("MATCH ()-[r:INVESTS_IN]->() RETURN count(r) AS n") == [{"n": 0}]


def test_a_span_into_a_source_without_a_text_is_refused(client: TestClient, texted: Db) -> None:
    assert client.put("/sources/other", json=source("other")).status_code == 201
    body = fact_with({"start": 0, "end": 4}, source="other")
    refused = client.put("/relationships", json=body)
    assert refused.status_code == 422
    (error,) = refused.json()["errors"]
    assert error["pointer"] == "/attestations/0/selector"
    assert "PUT /sources/other/text" in error["detail"]


def test_a_replaced_text_moves_the_spans_into_it_and_history_keeps_where_they_were(
    client: TestClient, texted: Db
) -> None:
    client.put("/relationships", json=fact_with({"exact": "Intel listens."}))
    before = span_of(client)
    assert before is not None
    moment = client.get(f"/relationships/{FACT}/history").json()["items"][-1]["at"]
    replaced = put_text(client, "Breaking: " + TEXT)
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["spans_moved"] == [FACT]
    after = span_of(client)
    assert after is not None
    assert (after["start"], after["exact"]) == (before["start"] + 10, "Intel listens.")
    assert after["text_sha256"] == replaced.json()["text"]["sha256"]
    assert span_of(client, known_at=moment) == before
    revisions = client.get(f"/relationships/{FACT}/history").json()["items"]
    assert [r["op"] for r in revisions] == ["created", "updated"]


def test_a_text_without_a_span_s_words_is_refused_and_nothing_changes(
    client: TestClient, texted: Db
) -> None:
    client.put("/relationships", json=fact_with({"exact": "Intel listens."}))
    before = span_of(client)
    refused = put_text(client, "TSMC builds fabs in Arizona.")
    assert refused.status_code == 409, refused.text
    assert FACT in refused.json()["detail"]
    assert client.get(f"/sources/{SOURCE}/text").text == TEXT
    assert span_of(client) == before
    # written again without its span, the fact lets the text go
    assert client.put("/relationships", json=fact_with(None)).json()["result"] == "updated"
    assert put_text(client, "TSMC builds fabs in Arizona.").status_code == 200
    assert span_of(client) is None


def test_stated_only_keeps_the_spans_of_the_stated_words_alone(
    client: TestClient, texted: Db
) -> None:
    assert client.put("/sources/other", json=source("other")).status_code == 201
    inferred = fact_with({"exact": "Intel listens."}, basis="inferred", reason="read so")
    assert client.put("/relationships", json=inferred).status_code == 201
    stated = {"source": "other", "evidence": "the other says so", "confidence": 0.8}
    body = relationship("INVESTS_IN", "tsmc", "arizona", attestations=[stated])
    assert client.put("/relationships", json=body).json()["result"] == "updated"
    view = client.get("/entities/tsmc/neighbourhood", params={"stated_only": "true"})
    assert view.status_code == 200, view.text
    (fact,) = [e for e in view.json()["edges"] if e["id"] == FACT]
    assert [(a["source"], a.get("selector")) for a in fact["attestations"]] == [("other", None)]
    both = client.get("/entities/tsmc/neighbourhood").json()["edges"]
    (fact,) = [e for e in both if e["id"] == FACT]
    assert {a["source"]: bool(a.get("selector")) for a in fact["attestations"]} == {
        SOURCE: True,
        "other": False,
    }


def test_a_retracted_fact_keeps_its_span_as_it_stood_when_the_text_is_replaced(
    client: TestClient, texted: Db
) -> None:
    client.put("/relationships", json=fact_with({"exact": "Intel listens."}))
    before = span_of(client)
    retracted = client.delete(f"/relationships/{FACT}", params={"reason": "test"})
    assert retracted.status_code == 204
    replaced = put_text(client, "Now: Intel listens.")
    assert replaced.status_code == 200 and replaced.json()["spans_moved"] == []
    assert client.post(f"/relationships/{FACT}/restore").status_code == 200
    assert span_of(client) == before  # names the text it was counted in, not the new one


def test_a_merge_that_would_replace_one_span_with_another_is_refused(
    client: TestClient, texted: Db
) -> None:
    client.put("/relationships", json=fact_with({"exact": "Intel listens."}))
    other = fact_with({"start": 0, "end": 4})
    other["from_id"] = "intel"
    assert client.put("/relationships", json=other).status_code == 201
    merge = client.post("/entities/tsmc/merge", json={"into": "intel"})
    assert merge.status_code == 409, merge.text
    assert "worded or claimed otherwise" in merge.json()["detail"]
    assert span_of(client)["exact"] == "Intel listens."  # type: ignore[index]


def test_the_facts_a_text_would_leave_without_their_words_are_listed(
    client: TestClient, texted: Db
) -> None:
    client.put("/relationships", json=fact_with({"exact": "Intel listens."}))
    refused = put_text(client, "Nothing of the kind.")
    assert refused.status_code == 409
    assert refused.json()["facts"] == [FACT]


def test_a_quote_too_long_as_nfc_is_refused_at_its_own_field(
    client: TestClient, texted: Db
) -> None:
    refused = client.put("/relationships", json=fact_with({"exact": "\u0958" * 5001}))
    assert refused.status_code == 422
    (error,) = refused.json()["errors"]
    assert error["pointer"] == "/attestations/0/selector/exact", error
