"""Database faults against a real server of their own: Neo4j stopped under load, and the
API killed in the middle of a batch. The API runs as a real uvicorn process."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import neo4j
import pytest

from neo4j_local.server import LocalServer
from tests.conftest import ROOT, SEED_FILE, start_api

BOLT, HTTP = 27687, 27474
PASSWORD = "faults-secret"
pytestmark = pytest.mark.lifecycle


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    local = LocalServer(
        tmp_path_factory.mktemp("faults") / "neo4j",
        BOLT,
        HTTP,
        PASSWORD,
        heap="768m",
        page_cache="256m",
    )
    local.start()
    yield local
    local.stop()


def api_env() -> dict[str, str]:
    """The API's environment for this module's own Neo4j, with quick connection timeouts."""
    return {
        **os.environ,
        "NEO4J_URI": f"bolt://127.0.0.1:{BOLT}",
        "NEO4J_PASSWORD": PASSWORD,
        "KG_ENVIRONMENT": "test",
        "KG_RATE_LIMIT_PER_MINUTE": "0",
        "KG_CONNECTION_TIMEOUT": "3",
    }


@pytest.fixture
def api(server: LocalServer) -> Iterator[str]:
    proc, url = start_api(api_env())
    yield url
    proc.kill()
    proc.wait()


def graph_counts() -> tuple[int, int]:
    with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{BOLT}", auth=("neo4j", PASSWORD)) as drv:
        row = drv.execute_query(
            "CALL { MATCH (n) WHERE NOT n:SchemaVersion AND NOT n:Revision AND NOT n:RevisionLog "
            "RETURN count(n) AS n } "
            "CALL { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r"
        ).records[0]
        return row["n"], row["r"]


def test_neo4j_stopped_under_load_then_back(server: LocalServer, api: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "seed", str(SEED_FILE)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "NEO4J_URI": f"bolt://127.0.0.1:{BOLT}", "NEO4J_PASSWORD": PASSWORD},
    )
    # served before the stop: the first read on a fresh server plans its queries, which on
    # a busy machine may take longer than the two seconds of load before the stop
    assert httpx.get(f"{api}/entities/tsmc/neighbourhood", timeout=30).status_code == 200
    results: list[tuple[int, float, str | None]] = []

    def hammer(until: float) -> None:
        with httpx.Client(base_url=api, timeout=30) as http:
            while time.monotonic() < until:
                started = time.monotonic()
                response = http.get("/entities/tsmc/neighbourhood")
                results.append(
                    (
                        response.status_code,
                        time.monotonic() - started,
                        response.headers.get("retry-after"),
                    )
                )

    with ThreadPoolExecutor(4) as pool:
        until = time.monotonic() + 12
        futures = [pool.submit(hammer, until) for _ in range(4)]
        time.sleep(2)
        server.stop()
        time.sleep(3)
        ready, live = httpx.get(f"{api}/readyz", timeout=30), httpx.get(f"{api}/livez", timeout=5)
        for f in futures:
            f.result()

    assert ready.status_code == 503 and live.status_code == 200
    statuses = {status for status, _, _ in results}
    assert statuses <= {200, 503}, statuses
    assert 200 in statuses and 503 in statuses
    assert max(seconds for _, seconds, _ in results) < 10  # answered, not hung
    assert all(retry for status, _, retry in results if status == 503)

    server.start()
    deadline = time.monotonic() + 30
    while httpx.get(f"{api}/readyz", timeout=10).status_code != 200:
        assert time.monotonic() < deadline, "serving did not resume by itself"
        time.sleep(0.5)
    assert httpx.get(f"{api}/entities/tsmc", timeout=10).status_code == 200


def test_sigkill_mid_batch_leaves_the_graph_as_before(server: LocalServer, tmp_path: Path) -> None:
    proc, url = start_api(api_env())
    before = graph_counts()
    n = 8_000
    batch = {
        "sources": [{"id": "bulk-source", "title": "Bulk"}],
        "entities": [
            {"id": f"bulk-{i}", "kind": "firm", "name": f"Bulk {i}", "sources": ["bulk-source"]}
            for i in range(n)
        ],
        # five products between each neighbouring pair: 40,000 facts in one transaction
        "relationships": [
            {
                "type": "SUPPLIES",
                "from_id": f"bulk-{i}",
                "to_id": f"bulk-{(i + 1) % n}",
                "product": f"part-{k}",
                "attestations": [{"source": "bulk-source", "evidence": "bulk", "confidence": 0.5}],
            }
            for k in range(5)
            for i in range(n)
        ],
    }

    def send() -> None:
        # the server is killed under it: a transport error is the point
        with contextlib.suppress(httpx.TransportError):
            httpx.post(f"{url}/batch", json=batch, timeout=120)

    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(send)
        with neo4j.GraphDatabase.driver(
            f"bolt://127.0.0.1:{BOLT}", auth=("neo4j", PASSWORD)
        ) as drv:
            deadline = time.monotonic() + 60
            while True:  # wait until the batch's transaction is open inside Neo4j
                running = drv.execute_query(
                    "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'UNWIND' "
                    "RETURN count(*) AS c"
                ).records[0]["c"]
                if running:
                    break
                assert time.monotonic() < deadline, "the batch never reached Neo4j"
                time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        pending.result()
    time.sleep(1)
    assert graph_counts() == before


def test_an_api_started_before_its_database_applies_the_schema_once_it_answers(
    server: LocalServer,
) -> None:
    with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{BOLT}", auth=("neo4j", PASSWORD)) as drv:
        drv.execute_query("MATCH (v:SchemaVersion) DELETE v")
    server.stop()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "api.main:create_app", "--port", str(port)],
        cwd=ROOT,
        env=api_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    api = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                first = httpx.get(f"{api}/readyz", timeout=10)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the API did not start without its database"
                time.sleep(0.3)
        assert first.status_code == 503 and first.json()["status"] == "unavailable"
        server.start()
        deadline = time.monotonic() + 45
        while (ready := httpx.get(f"{api}/readyz", timeout=10)).status_code != 200:
            assert ready.json()["status"] in ("unavailable", "schema-missing")
            assert time.monotonic() < deadline, "the schema was not applied once Neo4j answered"
            time.sleep(0.5)
        assert ready.json()["schema_version"] >= 3
    finally:
        proc.terminate()
        proc.wait(10)
