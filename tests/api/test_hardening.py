"""Regression tests for what an outside tester broke (issue 11), one or more per finding,
each named for the behaviour it holds (a comment names the finding). They run against the real Neo4j, through the app or a real uvicorn."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os

import httpx
import pytest
from fastapi.testclient import TestClient

from api.settings import ApiSettings as Settings
from tests.conftest import Db, start_api
from tests.payloads import entity, relationship, source
from tests.shared import app_client

KEY = "hardening-key-3b9d"
DIGEST = hashlib.sha256(KEY.encode()).hexdigest()
#: What no answer may carry: driver and server internals.
INTERNALS = ("Neo.", "neo4j", "Neo4jError", "ClientError", "gql", "bolt://", "Exception", "7687")


def assert_no_internals(text: str) -> None:
    for marker in INTERNALS:
        assert marker not in text, f"{marker!r} leaked: {text}"


# --- 1. another entity rewritten through PATCH -----------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "id",
        "kind",
        "name",
        "aliases",
        "sources",
        "source_ids",
        "created_at",
        "updated_at",
        "wikidata",
        "external_ids",
        "description",
        "not_a_field",
    ],
)
# outside tester's finding 1
def test_patch_attributes_cannot_write_reserved_or_foreign_fields(
    client: TestClient, db: Db, key: str
) -> None:
    client.put("/sources/test-source", json=source())
    for firm in ("a", "b"):
        assert (
            client.put(f"/entities/{firm}", json=entity(firm, name=firm.upper())).status_code == 201
        )
    before = db.query("MATCH (n:Entity) RETURN n.id AS id, properties(n) AS p ORDER BY id")
    answer = client.patch("/entities/a", json={"attributes": {key: "b"}})
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["pointer"] == "/attributes"
    assert f'"{key}"' in problem["detail"]
    assert db.query("MATCH (n:Entity) RETURN n.id AS id, properties(n) AS p ORDER BY id") == before


# outside tester's finding 1
def test_another_kinds_field_conflicts_with_the_stored_kind(
    client: TestClient, db: Db
) -> None:
    client.put("/sources/test-source", json=source())
    client.put("/entities/a", json=entity("a"))
    answer = client.patch("/entities/a", json={"attributes": {"status": "rejected"}})
    assert answer.status_code == 409, answer.text
    assert answer.json()["pointer"] == "/attributes" and '"status"' in answer.json()["detail"]
    assert "status" not in db.query("MATCH (n {id: 'a'}) RETURN properties(n) AS p")[0]["p"]


# outside tester's finding 1
def test_patch_attributes_may_set_the_kinds_own_fields(
    client: TestClient, db: Db
) -> None:
    client.put("/sources/test-source", json=source())
    client.put("/entities/a", json=entity("a"))
    answer = client.patch("/entities/a", json={"attributes": {"sector": "chips"}})
    assert answer.status_code == 200, answer.text
    assert answer.json()["entity"]["attributes"] == {"sector": "chips"}


# outside tester's finding 1
@pytest.mark.parametrize("key", ["created_at", "updated_at", "source_ids", "wikidata"])
def test_put_and_batch_refuse_bookkeeping_fields(
    client: TestClient, db: Db, key: str
) -> None:
    client.put("/sources/test-source", json=source())
    body = entity("a", **{key: "2020-01-01"})
    put = client.put("/entities/a", json=body)
    assert put.status_code == 422 and put.json()["pointer"] == f"/{key}"
    batch = client.post("/batch", json={"entities": [body]})
    assert batch.status_code == 422 and batch.json()["pointer"] == f"/entities/0/{key}"
    assert db.counts() == (1, 0)  # the source alone


# --- 2. rate limit bypassed by made-up tokens --------------------------------------------


# outside tester's finding 2
def test_made_up_tokens_share_the_address_bucket(settings: Settings, db: Db) -> None:
    with app_client(
        settings, rate_limit_per_minute=60, rate_limit_burst=5, api_key_hashes=[DIGEST]
    ) as c:
        statuses = [
            c.get("/stats", headers={"Authorization": f"Bearer made-up-{i}"}).status_code
            for i in range(12)
        ]
        assert statuses[:5] == [200] * 5
        assert set(statuses[5:]) == {429}
        # a verified key has its own bucket: the address's empty one does not stop it
        assert c.get("/stats", headers={"Authorization": f"Bearer {KEY}"}).status_code == 200


# outside tester's finding 2
def test_failed_key_checks_are_limited_on_their_own(settings: Settings, db: Db) -> None:
    with app_client(
        settings, rate_limit_per_minute=6000, rate_limit_burst=1000, api_key_hashes=[DIGEST]
    ) as c:
        guesses = [
            c.put("/sources/s", json=source("s"), headers={"Authorization": f"Bearer guess-{i}"})
            for i in range(15)
        ]
        statuses = [g.status_code for g in guesses]
        assert statuses[:10] == [401] * 10
        assert set(statuses[10:]) == {429}
        assert c.get("/stats").status_code == 200  # the address itself is not locked out


# outside tester's finding 2
def test_without_keys_tokens_change_nothing(settings: Settings, db: Db) -> None:
    with app_client(settings, rate_limit_per_minute=60, rate_limit_burst=3) as c:
        statuses = [
            c.get("/stats", headers={"Authorization": f"Bearer t-{i}"}).status_code
            for i in range(5)
        ]
        assert statuses == [200, 200, 200, 429, 429]


# outside tester's finding 2
def test_the_limit_runs_before_the_body_is_read(settings: Settings, db: Db) -> None:
    with app_client(
        settings, rate_limit_per_minute=60, rate_limit_burst=1, max_body_bytes=2048
    ) as c:
        assert c.get("/stats").status_code == 200
        big = c.post("/batch", content=b"x" * 10_000, headers={"content-type": "application/json"})
        assert big.status_code == 429


# outside tester's finding 2
def test_forwarded_for_does_not_choose_the_client(settings: Settings, db: Db) -> None:
    env = {**os.environ, "KG_RATE_LIMIT_PER_MINUTE": "60", "KG_RATE_LIMIT_BURST": "3"}
    proc, url = start_api(env)
    try:
        statuses = [
            httpx.get(f"{url}/stats", headers={"X-Forwarded-For": f"10.0.0.{i}"}).status_code
            for i in range(6)
        ]
    finally:
        proc.terminate()
        proc.wait(10)
    assert 429 in statuses


# --- 3. merge answering 500 --------------------------------------------------------------


# outside tester's finding 3
def test_merge_past_the_alias_cap_is_refused_by_name(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    for firm in ("x", "y"):
        aliases = [f"{firm} alias {i}" for i in range(30)]
        assert (
            client.put(f"/entities/{firm}", json=entity(firm, aliases=aliases)).status_code == 201
        )
    before = db.query("MATCH (n:Entity) RETURN properties(n) AS p ORDER BY n.id")
    answer = client.post("/entities/x/merge", json={"into": "y"})
    assert answer.status_code == 409, answer.text
    detail = answer.json()["detail"]
    assert "aliases" in detail and "11 over the cap of 50" in detail  # 30 + 30 + x's name
    assert db.query("MATCH (n:Entity) RETURN properties(n) AS p ORDER BY n.id") == before


# outside tester's finding 10
def test_attestations_do_not_grow_past_their_cap(client: TestClient, db: Db) -> None:
    sources = [source(f"s-{i}") for i in range(101)]
    assert client.post("/batch", json={"sources": sources}).status_code == 200
    client.put("/entities/a", json=entity("a", sources=["s-0"]))
    client.put("/entities/b", json=entity("b", sources=["s-0"]))
    said = [{"source": f"s-{i}", "evidence": "said", "confidence": 0.5} for i in range(100)]
    first = client.put("/relationships", json=relationship("PART_OF", "a", "b", attestations=said))
    assert first.status_code == 201
    more = [{"source": "s-100", "evidence": "said too", "confidence": 0.5}]
    answer = client.put("/relationships", json=relationship("PART_OF", "a", "b", attestations=more))
    assert answer.status_code == 422
    assert answer.json()["pointer"].endswith("/attestations")
    assert "1 over the cap of 100" in answer.json()["detail"]
    stored = db.query("MATCH ()-[r:PART_OF]->() RETURN size(r.source_ids) AS n")
    assert stored == [{"n": 100}]


# outside tester's finding 10
def test_entity_sources_do_not_grow_past_their_cap(client: TestClient, db: Db) -> None:
    assert (
        client.post("/batch", json={"sources": [source(f"s-{i}") for i in range(101)]}).status_code
        == 200
    )
    first = client.put("/entities/a", json=entity("a", sources=[f"s-{i}" for i in range(100)]))
    assert first.status_code == 201
    answer = client.put("/entities/a", json=entity("a", sources=["s-100"]))
    assert answer.status_code == 422
    assert "1 over the cap of 100" in answer.json()["detail"]


# --- 4. forged bookmark, and internals in answers ----------------------------------------


# outside tester's finding 4
@pytest.mark.parametrize("bookmark", ["WyJ4Il0=", "WyJGQjp4eHh4Il0=", "WyIiXQ=="])
def test_a_forged_bookmark_is_the_clients_error(
    client: TestClient, db: Db, bookmark: str
) -> None:
    for answer in (
        client.get("/stats", headers={"X-KG-Bookmark": bookmark}),
        client.put("/sources/s", json=source("s"), headers={"X-KG-Bookmark": bookmark}),
    ):
        assert answer.status_code == 422, answer.text
        assert answer.json()["pointer"] == "header:X-KG-Bookmark"
        assert_no_internals(answer.text)


def test_a_well_shaped_bookmark_the_api_did_not_give_is_refused_at_once(
    client: TestClient, db: Db
) -> None:
    """Outside tester, issue 15: a bookmark in Neo4j's own shape naming a transaction the
    database has not reached held every read 30 s, then answered 504. A bookmark is now
    the API's own, signed: anything else is refused before Neo4j sees it."""
    written = client.put("/sources/s", json=source("s"))
    given = written.headers["x-kg-bookmark"]
    packed, _, signature = given.rpartition(".")
    (neo4j_bookmark,) = json.loads(base64.urlsafe_b64decode(packed))
    later = neo4j_bookmark[:-6] + ("AAAAAA" if neo4j_bookmark[-6:] != "AAAAAA" else "BBBBBB")
    repacked = base64.urlsafe_b64encode(json.dumps([later]).encode()).decode()
    for forged in (
        packed,  # unsigned, as bookmarks once were
        f"{repacked}.{signature}",  # another bookmark under the signature given
        f"{packed}.{'0' * 32}",
        base64.b64encode(json.dumps([later]).encode()).decode(),
    ):
        answer = client.get("/stats", headers={"X-KG-Bookmark": forged})
        assert answer.status_code == 422, (forged, answer.text)
        assert answer.json()["pointer"] == "header:X-KG-Bookmark"
    assert client.get("/stats", headers={"X-KG-Bookmark": given}).status_code == 200


# outside tester's finding 4
def test_database_failures_answer_plain_sentences(settings: Settings) -> None:
    down = settings.model_copy(
        update={"neo4j_uri": "bolt://127.0.0.1:9", "connection_timeout_seconds": 1.0}
    )
    with app_client(down) as c:
        for answer in (c.get("/stats"), c.get("/readyz"), c.put("/sources/s", json=source("s"))):
            assert answer.status_code == 503, answer.text
            assert_no_internals(answer.text)


# outside tester's finding 10
def test_wrong_credentials_answer_503(settings: Settings) -> None:
    # another user than the suite's: failed logins would lock the suite's user out a while
    wrong = settings.model_copy(update={"neo4j_username": "nobody-here"})
    lines: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())  # type: ignore[method-assign]
    with app_client(wrong) as c:
        logging.getLogger("kg").addHandler(handler)
        try:
            answer = c.get("/stats")
        finally:
            logging.getLogger("kg").removeHandler(handler)
    assert answer.status_code == 503
    assert answer.json()["detail"] == "the service cannot log in to the database"
    assert_no_internals(answer.text)
    assert any("NEO4J_USERNAME and NEO4J_PASSWORD" in line for line in lines), lines


# --- 5. control characters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "bad\x01name"),
        ("name", "tab\tname"),
        ("name", "nul\x00"),
        ("description", "esc \x1b[31m"),
        ("description", "del \x7f"),
        ("description", "c1 \x85 inside"),
        ("description", "non-char \uffff"),
        ("aliases", ["ok", "bell\x07"]),
    ],
)
# outside tester's finding 5
def test_control_characters_stop_at_the_write(
    client: TestClient, db: Db, field: str, value: object
) -> None:
    client.put("/sources/test-source", json=source())
    answer = client.put("/entities/a", json=entity("a", **{field: value}))
    assert answer.status_code == 422, answer.text
    assert answer.json()["pointer"].startswith(f"/{field}")
    assert "U+" in answer.json()["detail"]
    assert db.counts() == (1, 0)


# outside tester's finding 5
def test_a_lone_surrogate_is_refused_not_a_500(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    raw = json.dumps(entity("a")).replace('"name": "A"', '"name": "x\\ud800y"')
    answer = client.put("/entities/a", content=raw, headers={"content-type": "application/json"})
    assert answer.status_code in (400, 422), answer.text
    assert db.counts() == (1, 0)


# outside tester's finding 5
def test_long_text_keeps_line_breaks_and_tabs(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    answer = client.put("/entities/a", json=entity("a", description="one\n\ttwo\r\nthree"))
    assert answer.status_code == 201
    assert answer.json()["entity"]["description"] == "one\n\ttwo\r\nthree"


# --- 6. foreign Host ---------------------------------------------------------------------


# outside tester's finding 6
@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example"])
def test_a_foreign_host_cannot_write_or_read(
    client: TestClient, db: Db, host: str
) -> None:
    write = client.put("/sources/s", json=source("s"), headers={"Host": host})
    assert write.status_code == 400 and write.json()["title"] == "Unknown host"
    assert client.get("/stats", headers={"Host": host}).status_code == 400
    assert db.counts() == (0, 0)
    for probe in ("/livez", "/readyz", "/metrics"):  # orchestrators probe by address
        assert client.get(probe, headers={"Host": host}).status_code == 200


# outside tester's finding 6
@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1", "[::1]:8000", "LOCALHOST"])
def test_loopback_hosts_are_served(client: TestClient, db: Db, host: str) -> None:
    assert client.put("/sources/s", json=source("s"), headers={"Host": host}).status_code == 201


# outside tester's finding 6
def test_deployments_name_their_hosts(settings: Settings, db: Db) -> None:
    with app_client(settings, allowed_hosts=["kg.example.org", "*.internal.example"]) as c:
        assert c.get("/stats", headers={"Host": "kg.example.org"}).status_code == 200
        assert c.get("/stats", headers={"Host": "api.internal.example:443"}).status_code == 200
        assert c.get("/stats", headers={"Host": "localhost"}).status_code == 400


# --- 10. readiness only reads ------------------------------------------------------------


# outside tester's finding 10
def test_readyz_never_writes(client: TestClient, db: Db, settings: Settings) -> None:
    saved = db.query("MATCH (v:SchemaVersion) RETURN properties(v) AS p")
    db.query("MATCH (v:SchemaVersion) DELETE v")
    try:
        answer = client.get("/readyz")
        assert answer.status_code == 503
        assert answer.json()["status"] == "schema-missing"
        assert db.query("MATCH (v:SchemaVersion) RETURN count(v) AS c") == [{"c": 0}]
    finally:
        for row in saved:
            db.query("CREATE (v:SchemaVersion) SET v = $p", p=row["p"])
    assert client.get("/readyz").status_code == 200


# outside tester's finding 10
def test_stances_and_timeline_are_paged(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    client.put("/entities/plan", json=entity("plan", kind="proposal"))
    for i in range(5):
        client.put(f"/entities/f-{i}", json=entity(f"f-{i}"))
        client.put(
            "/relationships", json=relationship("SUPPORTS", f"f-{i}", "plan", valid_from="2025")
        )
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/entities/plan/stances", params=params).json()
        assert len(page["stances"]) <= 2
        seen += [s["actor"]["id"] for s in page["stances"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"f-{i}" for i in range(5)]
    first = client.get("/entities/plan/timeline", params={"limit": 3}).json()
    assert len(first["items"]) == 3 and first["next_cursor"]
    rest = client.get("/entities/plan/timeline", params={"cursor": first["next_cursor"]}).json()
    assert len(rest["items"]) == 2 and rest["next_cursor"] is None
    assert client.get("/entities/plan/stances", params={"limit": 501}).status_code == 422


# outside tester's finding 10
def test_a_whole_graph_export_needs_a_key_once_keys_exist(
    settings: Settings, db: Db
) -> None:
    with app_client(settings, api_key_hashes=[DIGEST]) as c:
        assert c.get("/export").status_code == 401
        assert c.get("/export", headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
        assert c.get("/export", params={"root": "nobody"}).status_code == 404  # reads stay open


# --- found by the outside tester after the first round -----------------------------------


def test_a_merge_never_drops_a_fact_between_the_two(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    client.put("/entities/dup-a", json=entity("dup-a"))
    client.put("/entities/dup-b", json=entity("dup-b"))
    fact = relationship("SUPPLIES", "dup-a", "dup-b", product="wafers")
    assert client.put("/relationships", json=fact).status_code == 201
    answer = client.post("/entities/dup-a/merge", json={"into": "dup-b"})
    assert answer.status_code == 409 and "dup-a|SUPPLIES|dup-b|wafers" in answer.json()["detail"]
    assert db.counts() == (3, 1)


def test_a_merge_never_replaces_the_survivors_own_evidence(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    for name in ("ev-a", "ev-b"):
        client.put(f"/entities/{name}", json=entity(name))
    client.put("/entities/ev-l", json=entity("ev-l", kind="location"))
    for name, said in (("ev-a", "A says it is in L"), ("ev-b", "B says it is in L")):
        attestation = [{"source": "test-source", "evidence": said, "confidence": 0.5}]
        fact = relationship("LOCATED_IN", name, "ev-l", attestations=attestation)
        assert client.put("/relationships", json=fact).status_code == 201
    answer = client.post("/entities/ev-a/merge", json={"into": "ev-b"})
    assert answer.status_code == 409 and "worded or claimed otherwise" in answer.json()["detail"]
    kept = client.get("/relationships/ev-b|LOCATED_IN|ev-l").json()["relationship"]
    assert [a["evidence"] for a in kept["attestations"]] == ["B says it is in L"]


def test_a_merge_past_the_attestation_cap_is_a_conflict(client: TestClient, db: Db) -> None:
    assert (
        client.post("/batch", json={"sources": [source(f"s-{i}") for i in range(120)]}).status_code
        == 200
    )
    for name in ("m-a", "m-b"):
        client.put(f"/entities/{name}", json=entity(name, sources=["s-0"]))
    client.put("/entities/m-l", json=entity("m-l", kind="location", sources=["s-0"]))
    for name, first in (("m-a", 0), ("m-b", 60)):
        said = [
            {"source": f"s-{i}", "evidence": "said", "confidence": 0.5}
            for i in range(first, first + 60)
        ]
        assert (
            client.put(
                "/relationships", json=relationship("LOCATED_IN", name, "m-l", attestations=said)
            ).status_code
            == 201
        )
    answer = client.post("/entities/m-a/merge", json={"into": "m-b"})
    assert answer.status_code == 409 and answer.json()["pointer"] == "/into"
    assert "20 over the cap of 100" in answer.json()["detail"]


def test_a_batch_naming_one_new_id_twice_is_invalid_whatever_the_kinds(
    client: TestClient, db: Db
) -> None:
    client.put("/sources/test-source", json=source())
    batch = {"entities": [entity("bt-t", kind="person"), entity("bt-t")]}
    answer = client.post("/batch", json=batch)
    assert answer.status_code == 422 and answer.json()["pointer"] == "/entities/1/id"


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8000@evil.example", "127.0.0.1:abc", "localhost:99999", "localhost:"]
)
def test_a_host_with_a_malformed_port_is_refused(client: TestClient, db: Db, host: str) -> None:
    assert client.get("/stats", headers={"Host": host}).status_code == 400


@pytest.mark.parametrize(("field", "value"), [("amount", "12"), ("amount", True)])
def test_numbers_are_numbers(client: TestClient, db: Db, field: str, value: object) -> None:
    client.put("/sources/test-source", json=source())
    client.put("/entities/a", json=entity("a"))
    client.put("/entities/l", json=entity("l", kind="location"))
    fact = relationship("INVESTS_IN", "a", "l", currency="USD", **{field: value})
    assert client.put("/relationships", json=fact).status_code == 422
    said = [{"source": "test-source", "evidence": "x", "confidence": "0.5"}]
    assert (
        client.put(
            "/relationships", json=relationship("LOCATED_IN", "a", "l", attestations=said)
        ).status_code
        == 422
    )


def test_id_paged_lists_neither_skip_nor_repeat_when_the_list_changes(
    client: TestClient, db: Db
) -> None:
    client.put("/sources/test-source", json=source())
    ids = [f"p-{i}" for i in range(6)]
    assert client.post("/batch", json={"entities": [entity(i) for i in ids]}).status_code == 200
    first = client.get("/entities", params={"limit": 2}).json()
    assert [n["id"] for n in first["items"]] == ids[:2]
    assert client.delete("/entities/p-1").status_code == 200
    client.put("/entities/p-0a", json=entity("p-0a"))  # lands before the cursor
    rest = client.get("/entities", params={"limit": 10, "cursor": first["next_cursor"]}).json()
    assert [n["id"] for n in rest["items"]] == ids[2:]


def test_deleting_a_merged_id_names_the_survivor(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    client.put("/entities/ma", json=entity("ma"))
    client.put("/entities/mx", json=entity("mx"))
    assert client.post("/entities/ma/merge", json={"into": "mx"}).status_code == 200
    answer = client.delete("/entities/ma")
    assert answer.status_code == 409 and "'mx'" in answer.json()["detail"]
    assert client.get("/entities/ma").json()["entity"]["id"] == "mx"
