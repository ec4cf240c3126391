"""API keys, rate limits, body size, CORS, request ids, metrics and bookmarks."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings as Settings
from tests.conftest import Db
from tests.payloads import entity, source

KEY = "test-key-5f2c9a"


def app_client(settings: Settings, **changes: object) -> TestClient:
    return TestClient(create_app(settings.model_copy(update=changes)), base_url="http://localhost")


@pytest.fixture
def keyed(settings: Settings, db: Db) -> Iterator[TestClient]:
    with app_client(settings, api_key_hashes=[hashlib.sha256(KEY.encode()).hexdigest()]) as c:
        yield c


def test_writes_need_a_valid_key(keyed: TestClient, db: Db) -> None:
    missing = keyed.put("/sources/test-source", json=source())
    assert missing.status_code == 401
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.headers["www-authenticate"] == "Bearer"
    assert missing.json()["pointer"] == "header:Authorization"  # what to fix, named
    wrong = keyed.put(
        "/sources/test-source", json=source(), headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401
    assert keyed.post("/batch", json={}).status_code == 401
    assert db.counts() == (0, 0)
    ok = keyed.put(
        "/sources/test-source", json=source(), headers={"Authorization": f"Bearer {KEY}"}
    )
    assert ok.status_code == 201
    # reads stay open by default
    assert keyed.get("/sources/test-source").status_code == 200
    assert keyed.get("/search", params={"q": "x"}).status_code == 200


def test_reads_can_need_a_key_too(settings: Settings, db: Db) -> None:
    digest = hashlib.sha256(KEY.encode()).hexdigest()
    with app_client(settings, api_key_hashes=[digest], reads_need_key=True) as c:
        assert c.get("/stats").status_code == 401
        assert c.get("/stats", headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
        assert c.get("/livez").status_code == 200  # health stays open


def test_keys_never_reach_the_logs(keyed: TestClient) -> None:
    # the service's loggers do not propagate to the root (each line is one JSON object),
    # so the test listens on them directly: caplog alone would see nothing, and pass
    lines: list[str] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = lambda record: lines.append(record.getMessage())  # type: ignore[method-assign]
    loggers = [logging.getLogger(n) for n in ("kg", "uvicorn", "uvicorn.error", "uvicorn.access")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        keyed.put("/sources/test-source", json=source(), headers={"Authorization": f"Bearer {KEY}"})
        keyed.put(
            "/sources/test-source", json=source(), headers={"Authorization": "Bearer leaked-guess"}
        )
        # a forged bookmark is refused and logged, with this request's key in its headers
        forged = {"Authorization": "Bearer leaked-guess", "X-KG-Bookmark": "WyJGQjp4eHh4Il0="}
        keyed.get("/stats", headers=forged)
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    assert lines, "the refused bookmark was logged where this test listens"
    text = "\n".join(lines)
    assert KEY not in text and "leaked-guess" not in text


def test_rate_limit_answers_429_with_retry_after(settings: Settings, db: Db) -> None:
    with app_client(settings, rate_limit_per_minute=60, rate_limit_burst=3) as c:
        statuses = [c.get("/stats").status_code for _ in range(5)]
        assert statuses[:3] == [200, 200, 200]
        assert statuses[3:] == [429, 429]
        limited = c.get("/stats")
        assert limited.headers["content-type"] == "application/problem+json"
        assert int(limited.headers["retry-after"]) >= 1
        assert c.get("/livez").status_code == 200


def test_body_size_is_counted_as_it_streams(settings: Settings, db: Db) -> None:
    with app_client(settings, max_body_bytes=2048) as c:
        too_big = {"sources": [source(f"s-{i}", note="x" * 100) for i in range(40)]}
        response = c.post("/batch", json=too_big)
        assert response.status_code == 413
        assert response.json()["title"] == "Request body too large"

        def chunks() -> Iterator[bytes]:  # no Content-Length: the server must count
            yield b'{"sources": ['
            for i in range(40):
                yield (b"," if i else b"") + f'{{"id": "s-{i}", "title": "{"y" * 100}"}}'.encode()
            yield b"]}"

        streamed = c.post("/batch", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        assert db.counts() == (0, 0)
        assert c.post("/batch", json={"sources": [source()]}).status_code == 200


def test_cors_allows_only_configured_origins(client: TestClient) -> None:
    allowed = client.options(
        "/entities/tsmc",
        headers={"Origin": "http://localhost:7474", "Access-Control-Request-Method": "GET"},
    )
    assert allowed.headers["access-control-allow-origin"] == "http://localhost:7474"
    denied = client.get("/livez", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in denied.headers


def test_request_id_is_echoed_or_made(client: TestClient) -> None:
    assert (
        client.get("/livez", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"]
        == "abc-123"
    )
    made = client.get("/livez", headers={"X-Request-ID": "bad id\twith spaces"}).headers[
        "x-request-id"
    ]
    assert len(made) == 32 and made.isalnum()
    assert client.get("/entities/nobody").headers["x-request-id"]


def test_metrics_expose_latency_errors_and_pool(client: TestClient, db: Db) -> None:
    client.get("/entities/nobody")
    text = client.get("/metrics").text
    assert (
        'kg_http_request_duration_seconds_count{method="GET",route="/entities/{entity_id}",status="404"}'
        in text
    )
    assert "kg_neo4j_transactions_in_flight" in text
    assert "kg_neo4j_errors_total" in text or "# HELP kg_neo4j_errors_total" in text
    assert "# HELP kg_reads_again_total" in text  # reads run again as one moment


def test_a_write_hands_back_a_bookmark_reads_accept(client: TestClient, db: Db) -> None:
    written = client.put("/sources/test-source", json=source())
    bookmark = written.headers["x-kg-bookmark"]
    read = client.get("/sources/test-source", headers={"X-KG-Bookmark": bookmark})
    assert read.status_code == 200
    bad = client.get("/sources/test-source", headers={"X-KG-Bookmark": "not-a-bookmark"})
    assert bad.status_code == 422
    assert bad.json()["pointer"] == "header:X-KG-Bookmark"


def test_errors_never_carry_a_stack_trace(client: TestClient, db: Db) -> None:
    client.put("/sources/test-source", json=source())
    response = client.put("/entities/x", json=entity("x", kind="person", name="x" * 5000))
    assert response.status_code == 422
    assert "Traceback" not in response.text and 'File "' not in response.text


def test_an_unexpected_failure_is_500_with_the_request_id_in_answer_and_log(
    settings: Settings, db: Db, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the outside tester: a 500 carried no X-Request-ID and its log lines said
    request_id "-", so nobody could tie the two together."""
    from graph.history import revisions

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a failure nobody planned for")

    from api.observability import request_id

    monkeypatch.setattr(revisions, "changes_after", broken)
    seen: list[tuple[logging.LogRecord, str]] = []

    class Listen(logging.Handler):  # the id each line is logged under, as the service's do
        def emit(self, record: logging.LogRecord) -> None:
            seen.append((record, request_id.get()))

    listener = Listen()
    with app_client(settings) as c:  # (creating the app sets the service's log handlers)
        logging.getLogger("kg").addHandler(listener)
        try:
            answer = c.get("/changes", headers={"X-Request-ID": "trace-500"})
        finally:
            logging.getLogger("kg").removeHandler(listener)
    assert answer.status_code == 500
    assert answer.headers["x-request-id"] == "trace-500"
    assert answer.headers["content-type"] == "application/problem+json"
    assert "RuntimeError" not in answer.text  # the cause stays in the log
    failures = [(r, rid) for r, rid in seen if "unhandled error" in r.getMessage()]
    assert len(failures) == 1  # once: not again by the server
    record, logged_under = failures[0]
    assert record.exc_info is not None and logged_under == "trace-500"
