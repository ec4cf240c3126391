"""The typed client (client/, the kg-client distribution) and the example script.

Against the app and the real Neo4j: in process for the sync client (as the other tests),
over a real uvicorn for the async one. Retries against a small real HTTP server started
here that answers 503/429 before 200. One test installs client/ into a fresh virtualenv
and uses it there, without neo4j or fastapi.
"""

from __future__ import annotations

import asyncio
import doctest
import importlib
import itertools
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from kg_client import (
    AsyncKGClient,
    KGAPIError,
    KGClient,
    KGClientError,
    KGConnectionError,
    Retry,
    to_networkx,
)

from api.settings import ApiSettings as Settings
from scripts.client_models import MODELS, models_text, openapi_document
from seed.load_over_http import main as load_over_http
from tests.conftest import ROOT, SEED_FILE, Db, seed_article
from tests.payloads import SOURCE, entity, relationship, source

ARTICLE = "taiwan-us-tech-talks-article"
CLAIM = {"source": ARTICLE, "evidence": "stated in the test", "confidence": 0.9}

# --- what it tested before: writes, reads, problems, the example script --------------------


def test_client_writes_and_reads(client: TestClient, db: Db) -> None:
    kg = KGClient(http=client)
    assert kg.put_source(source())[0] == "created"
    result, firm = kg.put_entity(entity("tsmc", name="TSMC"))
    assert (result, firm.name) == ("created", "TSMC")
    assert kg.put_entity(entity("tsmc", name="TSMC"))[0] == "unchanged"
    assert kg.entity("tsmc").kind == "firm"
    assert [h.id for h in kg.search("tsmc")] == ["tsmc"]


def test_client_retracts_restores_and_follows_history_and_the_feed(
    client: TestClient, db: Db
) -> None:
    kg = KGClient(http=client)
    kg.put_source(source())
    kg.put_source({"id": "later", "title": "Later", "published": "2030"})
    kg.put_entity(entity("tsmc"))
    kg.put_entity(entity("arizona", "location", location_type="state"))
    money = {"amount": 1.0, "currency": "USD"}
    kg.put_relationship(relationship("INVESTS_IN", "tsmc", "arizona", **money))
    later = {"source": "later", "evidence": "says two", "confidence": 0.5}
    kg.put_relationship(
        relationship(
            "INVESTS_IN", "tsmc", "arizona", amount=2.0, currency="USD", attestations=[later]
        )
    )
    fact_id = "tsmc|INVESTS_IN|arizona"
    assert [f.id for f in kg.iter_conflicts(page_size=1)] == [fact_id]
    kg.retract_relationship(fact_id, reason="checking")
    with pytest.raises(KGAPIError) as gone:
        kg.retract_relationship(fact_id)
    assert gone.value.status == 404
    assert kg.restore_relationship(fact_id).relationship.qualifiers["amount"] == 2.0
    ops = [r.op for r in kg.history("relationship", fact_id)]
    assert ops == ["created", "updated", "retracted", "restored"]
    revisions, cursor, more = kg.changes(0, limit=3)
    assert [r.seq for r in revisions] == [1, 2, 3]  # the wiped graph numbers from 1
    assert more and cursor == revisions[-1].seq


def test_client_reviews_a_text_and_retracts_its_source(client: TestClient, db: Db) -> None:
    kg = KGClient(http=client)
    kg.put_source(source())
    kg.put_entity(entity("tsmc", name="TSMC"))
    kg.put_entity(entity("arizona", "location", name="Arizona", location_type="state"))
    kg.put_source_text(SOURCE, "TSMC invests in Arizona. Intel waits.")
    summary = kg.analyse_source(SOURCE)
    assert (summary.mentions, summary.candidates.new) == (2, 2)  # invests, located in
    assert [m.text for m in kg.text_analysis(SOURCE).mentions] == ["TSMC", "Arizona"]
    (found,) = [c for c in kg.candidates(SOURCE, status="open") if c.type == "INVESTS_IN"]
    accepted = kg.accept_candidate(
        SOURCE, found.id, {"qualifiers": {"amount": 1.0, "currency": "USD"}}, reason="read it"
    )
    assert accepted.relationship.relationship.id == "tsmc|INVESTS_IN|arizona"
    with pytest.raises(KGAPIError) as decided:
        kg.reject_candidate(SOURCE, found.id, "too late")
    assert decided.value.status == 409
    assert kg.retract_source(SOURCE, reason="withdrawn").retracted is not None
    with pytest.raises(KGAPIError):
        kg.fact("tsmc|INVESTS_IN|arizona")
    assert kg.restore_source(SOURCE).retracted is None
    assert kg.fact("tsmc|INVESTS_IN|arizona").relationship.retracted is None


def test_client_raises_with_the_problem(client: TestClient, db: Db) -> None:
    kg = KGClient(http=client)
    with pytest.raises(KGClientError) as caught:
        kg.put_entity(entity("tsmc", sources=["missing"]))
    assert isinstance(caught.value, KGAPIError)
    assert caught.value.status == 422
    assert caught.value.problem["pointer"] == "/sources/0"


def test_example_script_seeds_over_http(
    client: TestClient, db: Db, capsys: pytest.CaptureFixture[str]
) -> None:
    assert load_over_http([str(SEED_FILE)], client=KGClient(http=client)) == 0
    said = capsys.readouterr().out
    assert "'created': 17" in said  # the article's 17 entities
    assert "32 evidence span(s) left out: no text stored" in said  # its text is not here
    kg = KGClient(http=client)
    assert [p.length for p in kg.paths("cheng-li-chiun", "tsmc")] == [3]
    assert [s.stance for s in kg.stances("us-equal-chip-production-split").stances] == [
        "PROPOSES",
        "REJECTS",
    ]
    assert load_over_http([str(SEED_FILE)], client=KGClient(http=client)) == 0
    assert "'unchanged': 17" in capsys.readouterr().out


def test_example_script_reports_bad_input(
    client: TestClient, db: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"entities": [{"id": "x", "kind": "firm", "name": "X", "sources": ["nope"]}]}')
    assert load_over_http([str(bad)], client=KGClient(http=client)) == 1
    assert "/entities/0/sources/0: no source with id 'nope'" in capsys.readouterr().err


# --- the wire models follow the API ----------------------------------------------------------


def test_wire_models_are_what_the_generator_makes_from_the_openapi_document() -> None:
    document = openapi_document()
    made = models_text(document)
    assert made == models_text(document), "the generator's output is not deterministic"
    assert MODELS.read_text(encoding="utf-8") == made, (
        "client/kg_client/models.py is stale: the API's OpenAPI document changed; "
        "run `make client-models` and commit the result"
    )


@pytest.mark.parametrize("name", ["kg_client.errors", "kg_client.retry", "kg_client.graphs"])
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


# --- pages and graphs, against the article --------------------------------------------------


@pytest.fixture
def article(db: Db, settings: Settings) -> Db:
    """The article graph, fresh for each test (other tests in this module wipe it)."""
    seed_article(settings)
    return db


class Counted:
    """An httpx client for the live API that counts the requests it sends."""

    def __init__(self, base_url: str) -> None:
        self.requests: list[httpx.Request] = []
        self.http = httpx.Client(base_url=base_url, event_hooks={"request": [self.requests.append]})


def test_iterators_follow_next_cursor_across_pages(live_api: str, article: Db) -> None:
    counted = Counted(live_api)
    with KGClient(http=counted.http) as kg:
        one_page = counted.http.get("/entities", params={"limit": 500}).json()["items"]
        counted.requests.clear()
        paged = list(kg.iter_entities(page_size=5))
        assert [n.id for n in paged] == [n["id"] for n in one_page]
        assert len(one_page) == 17
        assert len(counted.requests) == 4  # 5 + 5 + 5 + 2
        assert [n.id for n in kg.iter_entities(kind="firm", page_size=1)] == ["tsmc"]

        for i in range(3):
            kg.put_source(source(f"extra-{i}"))
        ids = [s.id for s in kg.iter_sources(page_size=2)]
        assert ids == sorted(ids) and len(ids) == 4 and "extra-2" in ids

        stances = list(kg.iter_stances("us-equal-chip-production-split", page_size=1))
        assert [s.stance for s in stances] == ["PROPOSES", "REJECTS"]

        for day in ("2025-05-01", "2025-06-01"):  # the article's one event is undated
            kg.put_entity(entity(f"summit-{day}", kind="event", start_date=day, sources=[ARTICLE]))
            kg.put_relationship(
                relationship(
                    "PARTICIPATES_IN", "us-government", f"summit-{day}", attestations=[CLAIM]
                )
            )
        whole = kg.timeline("us-government", limit=500).items
        assert len(whole) >= 3
        counted.requests.clear()
        assert list(kg.iter_timeline("us-government", page_size=1)) == whole
        assert len(counted.requests) >= len(whole)

        hits = list(kg.iter_search("taiwan", page_size=1))
        assert len(hits) >= 2 and hits == kg.search("taiwan", limit=len(hits))


def test_neighbourhood_and_paths_to_networkx(client: TestClient, article: Db) -> None:
    kg = KGClient(http=client)
    view = kg.neighbourhood("tsmc", depth=2)
    g = view.to_networkx()
    assert set(g.nodes) == {n.id for n in view.nodes}
    assert g.nodes["tsmc"]["kind"] == "firm" and g.nodes["tsmc"]["name"] == "TSMC"
    assert g.number_of_edges() == len(view.edges) > 0
    for edge in view.edges:
        data = g.edges[edge.from_id, edge.to_id, edge.id]
        assert (data["type"], data["sentence"]) == (edge.type, edge.sentence)
        assert data["attestations"][0]["evidence"]

    # a page at a time, each page's next_cursor passed back: the same entities and facts
    pages, cursor = [], None
    while True:
        page = kg.neighbourhood("tsmc", depth=2, limit=3, cursor=cursor)
        pages.append(page)
        if (cursor := page.next_cursor) is None:
            break
    assert len(pages) > 2 and all(p.truncated for p in pages[:-1])
    assert sorted(n.id for p in pages for n in p.nodes) == sorted(n.id for n in view.nodes)
    assert sorted(e.id for p in pages for e in p.edges) == sorted(e.id for e in view.edges)

    [path] = kg.paths("cheng-li-chiun", "tsmc")
    hops = path.to_networkx()
    assert hops.number_of_edges() == path.length == 3
    assert {"cheng-li-chiun", "tsmc"} <= set(hops.nodes)
    merged = to_networkx([view, path])
    assert set(merged.nodes) == set(g.nodes) | set(hops.nodes)


# --- async, over a real uvicorn ---------------------------------------------------------------


def test_async_client_has_the_same_answers(live_api: str, article: Db, client: TestClient) -> None:
    sync = KGClient(http=client)

    async def run() -> None:
        async with AsyncKGClient(live_api) as kg:
            assert await kg.entity("tsmc") == sync.entity("tsmc")
            assert (await kg.put_source(source()))[0] == "created"
            assert (await kg.put_entity(entity("intel", name="Intel")))[0] == "created"
            result = await kg.batch({"entities": [entity("intel", name="Intel")]}, dry_run=True)
            assert result.entities.unchanged == 1
            view = await kg.neighbourhood("tsmc")
            assert view == sync.neighbourhood("tsmc")
            assert view.to_networkx().has_node("tsmc")
            assert [p.length for p in await kg.paths("cheng-li-chiun", "tsmc")] == [3]
            paged = [n.id async for n in kg.iter_entities(page_size=4)]
            assert paged == [n.id for n in sync.iter_entities()] and len(paged) == 18
            stances = [
                s.stance
                async for s in kg.iter_stances("us-equal-chip-production-split", page_size=1)
            ]
            assert stances == ["PROPOSES", "REJECTS"]
            assert [i async for i in kg.iter_timeline("us-government", page_size=1)] == list(
                sync.iter_timeline("us-government")
            )
            assert [s.id async for s in kg.iter_sources(page_size=1)] == [
                s.id for s in sync.iter_sources()
            ]
            with pytest.raises(KGAPIError) as caught:
                await kg.entity("no-such-entity")
            assert caught.value.status == 404 and caught.value.problem["status"] == 404

    asyncio.run(run())


# --- retries, against a real HTTP server that answers 503/429 first --------------------------

Reply = tuple[int, dict[str, str], Any]  # status, headers, JSON body; status 0: hang up
Replies = list[Reply | Callable[[], Reply]] | Callable[[], Reply]


class Scripted:
    """A local HTTP server answering each request with the next scripted reply."""

    def __init__(self, replies: Replies) -> None:
        self.replies = replies
        self.seen: list[tuple[str, str, float]] = []
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                self.rfile.read(length)
                scripted.seen.append((self.command, self.path, time.monotonic()))
                replies = scripted.replies
                reply = replies() if callable(replies) else replies.pop(0)
                status, headers, body = reply() if callable(reply) else reply
                if status == 0:  # drop the connection without an answer
                    self.close_connection = True
                    return
                data = json.dumps(body).encode()
                self.send_response(status)
                for key, value in {"content-type": "application/json", **headers}.items():
                    self.send_header(key, value)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = _answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[[Replies], Scripted]]:
    started: list[Scripted] = []

    def start(replies: Replies) -> Scripted:
        started.append(Scripted(replies))
        return started[-1]

    yield start
    for server in started:
        server.close()


STATS = {"entities": 2, "entities_by_kind": {"firm": 2}, "relationships": 0,
         "relationships_by_type": {}}  # fmt: skip
BUSY = {"type": "about:blank", "title": "Unavailable", "status": 503, "detail": "busy"}


def _in(seconds: int) -> str:
    return format_datetime(datetime.now(UTC) + timedelta(seconds=seconds), usegmt=True)


def _waits(server: Scripted) -> list[float]:
    times = [t for _, _, t in server.seen]
    return [b - a for a, b in itertools.pairwise(times)]


def test_retries_503_and_429_honouring_retry_after(serve: Any) -> None:
    server = serve([
        (503, {"retry-after": "1"}, BUSY),
        lambda: (429, {"retry-after": _in(2)}, {**BUSY, "status": 429}),  # 2 s from now
        (200, {}, STATS),
    ])  # fmt: skip
    with KGClient(server.url, retry=Retry(backoff=0.01)) as kg:
        assert kg.stats().entities == 2
    assert len(server.seen) == 3
    first, second = _waits(server)
    assert 0.9 <= first < 1.8  # Retry-After: 1, not the 0.01 s backoff
    assert 0.9 <= second < 2.8  # an HTTP date 2 s ahead, to the whole second


def test_async_retries_the_same_way(serve: Any) -> None:
    server = serve([(503, {"retry-after": "1"}, BUSY), (429, {}, BUSY), (200, {}, STATS)])

    async def run() -> None:
        async with AsyncKGClient(server.url, retry=Retry(backoff=0.01)) as kg:
            assert (await kg.stats()).relationships == 0

    asyncio.run(run())
    assert len(server.seen) == 3
    assert 0.9 <= _waits(server)[0] < 1.8
    assert _waits(server)[1] < 0.5  # no Retry-After: the backoff, with jitter


def test_retries_are_capped_and_end_in_the_last_answer(serve: Any) -> None:
    server = serve(lambda: (503, {"retry-after": "0"}, BUSY))
    with KGClient(server.url, retry=Retry(attempts=3)) as kg, pytest.raises(KGAPIError) as caught:
        kg.stats()
    assert len(server.seen) == 3
    assert isinstance(caught.value, KGClientError)
    assert (caught.value.status, caught.value.problem["detail"]) == (503, "busy")

    with KGClient(server.url, retry=Retry(max_wait=0.2)) as kg:
        started = time.monotonic()
        server.replies = lambda: (503, {"retry-after": "3600"}, BUSY)
        with pytest.raises(KGAPIError):
            kg.stats()
        assert time.monotonic() - started < 2  # Retry-After, but never past max_wait


def test_other_errors_are_not_retried(serve: Any) -> None:
    problem = {"title": "Invalid", "status": 422, "detail": "bad", "pointer": "/name"}
    server = serve(lambda: (422, {}, problem))
    with KGClient(server.url) as kg, pytest.raises(KGAPIError) as caught:
        kg.put_entity(entity("tsmc"))
    assert len(server.seen) == 1 and caught.value.problem == problem


def test_an_answer_of_another_shape_is_a_client_error(serve: Any) -> None:
    # a service of another version, or something else at the URL, answering 200
    server = serve(lambda: (200, {}, {"entities": "many"}))
    with KGClient(server.url) as kg, pytest.raises(KGClientError) as caught:
        kg.stats()
    assert type(caught.value).__name__ == "KGResponseError" and caught.value.status == 200
    assert "GET /stats" in str(caught.value)


def test_connection_errors_are_retried_for_idempotent_methods_only(serve: Any) -> None:
    server = serve(lambda: (0, {}, None))
    retry = Retry(attempts=3, backoff=0.01)
    with KGClient(server.url, retry=retry) as kg:
        with pytest.raises(KGConnectionError) as caught:
            kg.entity("tsmc")
        assert len(server.seen) == 3 and caught.value.status == 0
        assert isinstance(caught.value, KGClientError)
        server.seen.clear()
        with pytest.raises(KGConnectionError):
            kg.batch({"entities": []})  # a POST could have been written: not sent again
        assert [m for m, _, _ in server.seen] == ["POST"]

    server.replies = [(0, {}, None), (200, {}, STATS)]
    with KGClient(server.url, retry=retry) as kg:
        assert kg.stats().entities == 2


# --- it stands alone --------------------------------------------------------------------------


@pytest.mark.venv
def test_client_installs_and_runs_without_the_server(
    tmp_path: Path, live_api: str, article: Db
) -> None:
    """pip install ./client into a fresh virtualenv: no neo4j, no fastapi, and it works."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         str(ROOT / "client")],
        check=True, env=env, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    script = f"""
import importlib.util, json
import kg_client
from kg_client import KGClient
absent = [m for m in ("neo4j", "fastapi", "graph", "api") if importlib.util.find_spec(m)]
with KGClient({live_api!r}) as kg:
    view = kg.neighbourhood("tsmc")
    try:
        view.to_networkx()
        missing = ""
    except ImportError as exc:
        missing = str(exc)
    print(json.dumps({{"file": kg_client.__file__, "present": absent,
                      "firms": [n.id for n in kg.iter_entities(kind="firm", page_size=1)],
                      "missing": missing}}))
"""
    done = subprocess.run(
        [python, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["file"].startswith(str(venv))
    assert answer["present"] == []
    assert answer["firms"] == ["tsmc"]
    assert "pip install 'kg-client[networkx]'" in answer["missing"]
