"""Sources' texts over HTTP: stored as NFC with their hash, read back whole or as they were
at a past moment, every change in history and the feed, bad bodies refused by name."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from api.routers.source_texts import TEXT_SCHEMA
from api.settings import ApiSettings as Settings
from graph.domain import MAX_TEXT_BYTES, prepare_text
from graph.errors import InvalidInput
from tests.conftest import Db
from tests.payloads import source
from tests.shared import app_client

PLAIN = {"Content-Type": "text/plain; charset=utf-8"}
WORDS = "Taiwan and the United States talk.\nCafe\u0301 owners listen. \U0001f30f\n"


def put_text(
    client: TestClient, body: bytes | str, source_id: str = "test-source", **headers: str
) -> Any:
    sent = body.encode() if isinstance(body, str) else body
    return client.put(f"/sources/{source_id}/text", content=sent, headers={**PLAIN, **headers})


@pytest.fixture
def a_source(client: TestClient, db: Db) -> None:
    assert client.put("/sources/test-source", json=source()).status_code == 201


def test_a_text_is_stored_as_nfc_with_its_hash_and_read_back(
    client: TestClient, a_source: None
) -> None:
    first = put_text(client, WORDS)
    assert first.status_code == 201, first.text
    stored = first.json()["text"]
    nfc = unicodedata.normalize("NFC", WORDS)
    assert first.json()["result"] == "created"
    assert stored["sha256"] == hashlib.sha256(nfc.encode()).hexdigest()
    assert stored["length"] == len(nfc) == len(WORDS) - 1  # e + accent became one code point
    answer = client.get("/sources/test-source/text")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/plain; charset=utf-8"
    assert answer.content.decode() == nfc
    assert answer.headers["etag"] == f'"{stored["sha256"]}"'
    assert answer.headers["x-text-length"] == str(len(nfc))
    # the same words again, decomposed or not, change nothing
    again = put_text(client, nfc)
    assert (again.status_code, again.json()["result"]) == (200, "unchanged")
    assert again.json()["text"] == stored


def test_a_replaced_text_is_in_history_and_the_old_one_reads_at_its_moment(
    client: TestClient, a_source: None
) -> None:
    first = put_text(client, "The first words.").json()["text"]
    second = put_text(client, "Other words.")
    assert (second.status_code, second.json()["result"]) == (200, "updated")
    history = client.get("/sources/test-source/text/history").json()["items"]
    assert [(r["op"], r["item"]) for r in history] == [("created", "text"), ("updated", "text")]
    assert history[1]["changes"]["text"] == ["The first words.", "Other words."]
    then = client.get("/sources/test-source/text", params={"known_at": first["stored_at"]})
    assert then.text == "The first words."
    assert client.get("/sources/test-source/text").text == "Other words."
    early = client.get("/sources/test-source/text", params={"known_at": "2000-01-01"})
    assert early.status_code == 404 and "then" in early.json()["detail"]
    feed = client.get("/changes", params={"limit": 500}).json()["items"]
    assert [r["op"] for r in feed if r["item"] == "text"] == ["created", "updated"]


def test_missing_sources_and_texts_are_404_naming_the_source(client: TestClient, db: Db) -> None:
    nowhere = put_text(client, "words", "no-such-source")
    assert nowhere.status_code == 404 and nowhere.json()["pointer"] == "path:source_id"
    assert db.query("MATCH (t:SourceText) RETURN t") == []
    client.put("/sources/test-source", json=source())
    for url in ("/sources/test-source/text", "/sources/no-such-source/text"):
        answer = client.get(url)
        assert answer.status_code == 404 and answer.json()["pointer"] == "path:source_id"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"", "empty"),
        (b" \n\t ", "empty"),
        (b"Tai\xffwan", "not valid UTF-8: byte 3"),
        (b"\xed\xa0\x80 a lone surrogate", "not valid UTF-8: byte 0"),
        (b"PK\x03\x04binary", "control character U+0003"),
        (b"bell \x07", "control character U+0007"),
        ("C1 \u0085 control".encode(), "control character U+0085"),
        (b"x" * (MAX_TEXT_BYTES + 1), f"at most {MAX_TEXT_BYTES}"),
        (("a" + "\u0301" * 64000).encode(), "character 1 begins 64000 combining marks"),
        ("\ufeff\ufeff \n".encode(), "empty"),
    ],
    ids=[
        "empty",
        "blank",
        "not-utf8",
        "surrogate",
        "binary",
        "bell",
        "c1",
        "over-cap",
        "marks",
        "boms",
    ],
)
def test_bad_texts_are_refused_by_name_and_nothing_is_written(
    client: TestClient, db: Db, a_source: None, body: bytes, says: str
) -> None:
    refused = put_text(client, body)
    assert refused.status_code == 422, refused.text
    assert says in refused.json()["detail"] and refused.json()["pointer"] == ""
    assert db.query("MATCH (t:SourceText) RETURN t") == []


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json",
        "text/html",
        "text/plain; charset=latin-1",
        "",
        "text/plain;charset=utf-16",
        "text/plain; charset=utf-8; charset=latin-1",
        "text/plain; charset=latin-1; charset=utf-8",
    ],
)
def test_other_media_types_are_415(client: TestClient, a_source: None, content_type: str) -> None:
    refused = client.put(
        "/sources/test-source/text", content=b"words", headers={"Content-Type": content_type}
    )
    assert refused.status_code == 415 and refused.json()["pointer"] == "header:content-type"
    # utf-8 named in any case, quoted or not, and a byte-order mark are fine
    fine = 'text/plain; Charset="UTF-8"'
    answer = client.put(
        "/sources/test-source/text", content=b"\xef\xbb\xbfwords", headers={"Content-Type": fine}
    )
    assert (
        answer.status_code in (200, 201) and client.get("/sources/test-source/text").text == "words"
    )


def test_storing_a_text_needs_a_write_key(settings: Settings, db: Db) -> None:
    key = "texts-key"
    with app_client(settings, api_key_hashes=[hashlib.sha256(key.encode()).hexdigest()]) as c:
        auth = {"Authorization": f"Bearer {key}"}
        assert c.put("/sources/test-source", json=source(), headers=auth).status_code == 201
        assert put_text(c, "words").status_code == 401
        assert put_text(c, "words", **auth).status_code == 201
        assert c.get("/sources/test-source/text").status_code == 200  # reads stay open


def test_a_source_that_names_its_texts_hash_takes_that_text_only(
    client: TestClient, db: Db
) -> None:
    sha = hashlib.sha256(b"The named words.").hexdigest()
    assert client.put("/sources/test-source", json=source(text_sha256=sha)).status_code == 201
    other = put_text(client, "Other words.")
    assert other.status_code == 409 and sha in other.json()["detail"]
    assert db.query("MATCH (t:SourceText) RETURN t") == []
    assert put_text(client, "The named words.").status_code == 201
    bad = client.put("/sources/test-source", json=source(text_sha256="ABC"))
    assert bad.status_code == 422 and bad.json()["pointer"] == "/text_sha256"


@given(
    st.text(max_size=30)
    | st.sampled_from(["\ufeff", " \ufeff\n", "x\x85", "\u3000", "a\ufffeb", "a\uffff", "a\ufeffb"])
)
def test_the_openapi_schema_of_a_text_says_what_the_service_takes(text: str) -> None:
    """The request body's schema and the service agree on every text below the cap, so a
    schema-valid text is stored and a schema-invalid one refused."""
    try:
        prepare_text(text)
        taken = True
    except InvalidInput:
        taken = False
    assert bool(re.fullmatch(TEXT_SCHEMA["pattern"], text)) == taken, repr(text)


def test_a_text_read_back_and_sent_again_is_unchanged(client: TestClient, a_source: None) -> None:
    """Byte-order marks at a text's start are all dropped, so what GET serves is what a
    PUT of it stores (one mark dropped, and another left at the start, would not be)."""
    first = put_text(client, b"\xef\xbb\xbf\xef\xbb\xbfhello \xef\xbb\xbf world")
    assert first.status_code == 201
    served = client.get("/sources/test-source/text").content
    assert served == "hello \ufeff world".encode()
    assert put_text(client, served).json()["result"] == "unchanged"


def test_a_source_says_what_is_known_of_its_text_now_and_then(
    client: TestClient, a_source: None
) -> None:
    assert client.get("/sources/test-source").json()["text"] is None
    first = put_text(client, "The first words.").json()["text"]
    second = put_text(client, "Other words.").json()["text"]
    assert client.get("/sources/test-source").json()["text"] == second
    then = client.get("/sources/test-source", params={"known_at": first["stored_at"]}).json()
    assert then["text"] == first and "text" not in then["source"]
    before = client.get("/sources", params={"limit": 5}).json()["items"]
    assert all("text" not in s for s in before)  # lists never carry it
