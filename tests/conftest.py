"""Every integration test gets a real Neo4j 5.26, one server per test session.

Chosen in this order:
1. ``NEO4J_URI`` (with ``NEO4J_USERNAME``/``NEO4J_PASSWORD``/``NEO4J_DATABASE``) if set.
   The tests delete everything in that database, so a database that already holds data
   is refused unless ``KG_TEST_ALLOW_WIPE=1``.
2. ``KG_TEST_NEO4J=container``: a Neo4j container started by testcontainers, from
   ``KG_TEST_NEO4J_IMAGE``, else the image ``make images`` built (``build/images.env``),
   else the official image compose names. The engine is whatever ``DOCKER_HOST`` points
   at (``scripts/test.sh`` starts podman's socket). Ryuk's image cannot be pulled here, so
   the fixture removes its container itself, and removes any a killed run left behind.
3. The locally provisioned server (``neo4j_local``), in ``.neo4j-test/`` on ports
   17687/17474, so the tests can run while ``make run`` serves on the usual ports.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings as Settings
from api.settings import get_api_settings as get_settings

ROOT = Path(__file__).resolve().parent.parent
SEED_FILE = ROOT / "seed" / "taiwan_us_tech_partnership.yaml"
TEST_PASSWORD = "kg-test-secret"
COMPOSE_IMAGE = "neo4j:5.26.30-community"


#: The label on every container a test session starts: its pid, so a later session can
#: remove what a killed one left behind.
SESSION_LABEL = "org.kg-service.test-session"


def container_image() -> str:
    """The Neo4j image for ``KG_TEST_NEO4J=container``."""
    if os.environ.get("KG_TEST_NEO4J_IMAGE"):
        return os.environ["KG_TEST_NEO4J_IMAGE"]
    built = ROOT / "build" / "images.env"
    if built.exists():
        for line in built.read_text().splitlines():
            if line.startswith("KG_NEO4J_IMAGE="):
                return line.split("=", 1)[1]
    return COMPOSE_IMAGE


def remove_abandoned_containers() -> None:
    """Remove test containers whose session's process is gone (Ryuk's job, done here)."""
    import docker

    engine = docker.from_env()
    try:
        for container in engine.containers.list(all=True, filters={"label": SESSION_LABEL}):
            pid = int(container.labels.get(SESSION_LABEL, "0") or 0)
            try:
                os.kill(pid, 0)
            except (ProcessLookupError, ValueError):
                container.remove(force=True, v=True)
    finally:
        engine.close()


def neo4j_container() -> Iterator[dict[str, str]]:
    from testcontainers.community.neo4j import Neo4jContainer

    if not os.environ.get("DOCKER_HOST") and shutil.which("podman") is None:
        pytest.exit("KG_TEST_NEO4J=container needs a container engine: see README.md, Containers")
    remove_abandoned_containers()
    container = Neo4jContainer(image=container_image(), password=TEST_PASSWORD)
    container.with_kwargs(labels={SESSION_LABEL: str(os.getpid())})
    container.with_env("NEO4J_server_memory_heap_max__size", "768m")
    container.with_env("NEO4J_server_memory_pagecache_size", "256m")
    with container:
        yield {
            "NEO4J_URI": container.get_connection_url(),
            "NEO4J_USERNAME": "neo4j",
            "NEO4J_PASSWORD": TEST_PASSWORD,
        }


@pytest.fixture(scope="session")
def neo4j_env() -> Iterator[dict[str, str]]:
    """The connection every test uses, exported to the environment for the CLIs too."""
    if os.environ.get("NEO4J_URI"):
        env = {
            k: os.environ[k]
            for k in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")
            if k in os.environ
        }
        env["KG_TEST_USER_DB"] = "1"  # someone else's server: check before wiping it
        yield env
        return
    if os.environ.get("KG_TEST_NEO4J", "local") == "container":
        yield from neo4j_container()
        return
    from neo4j_local.server import LocalServer

    server = LocalServer(
        ROOT / ".neo4j-test",
        bolt_port=17687,
        http_port=17474,
        password=TEST_PASSWORD,
        heap="768m",
        page_cache="256m",
    )
    server.start()
    try:
        yield {
            "NEO4J_URI": server.bolt_uri,
            "NEO4J_USERNAME": "neo4j",
            "NEO4J_PASSWORD": TEST_PASSWORD,
            # only the local server is known to serve Neo4j Browser with our allow-list
            "KG_TEST_BROWSER_URL": server.browser_url,
            "KG_CORS_ORIGINS": f'["http://127.0.0.1:7474", "http://localhost:7474", '
            f'"http://127.0.0.1:{server.http_port}"]',
        }
    finally:
        server.stop()


@pytest.fixture(scope="session")
def settings(neo4j_env: dict[str, str]) -> Iterator[Settings]:
    saved = dict(os.environ)
    os.environ.update(neo4j_env)
    os.environ["KG_ENVIRONMENT"] = "test"
    os.environ["KG_RATE_LIMIT_PER_MINUTE"] = (
        "0"  # the suite is one busy client; limits have their own test
    )
    get_settings.cache_clear()
    yield get_settings()
    os.environ.clear()
    os.environ.update(saved)
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def driver(settings: Settings, neo4j_env: dict[str, str]) -> Iterator[neo4j.Driver]:
    """A plain sync driver, for tests to check the database directly, around the API."""
    with neo4j.GraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_username, settings.neo4j_password.get_secret_value()),
        notifications_min_severity="OFF",
    ) as drv:
        count = drv.execute_query(
            "MATCH (n) WHERE NOT n:SchemaVersion RETURN count(n) AS c",
            database_=settings.neo4j_database,
        ).records[0]["c"]
        if (
            count
            and neo4j_env.get("KG_TEST_USER_DB")
            and os.environ.get("KG_TEST_ALLOW_WIPE") != "1"
        ):
            pytest.exit(
                f"{settings.neo4j_uri} holds {count} nodes and the tests would delete "
                "them; set KG_TEST_ALLOW_WIPE=1 if that is what you want",
                returncode=2,
            )
        yield drv


class Db:
    """Direct access to the test database: run Cypher, count things."""

    def __init__(self, driver: neo4j.Driver, database: str) -> None:
        self.driver = driver
        self.database = database

    def query(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        records = self.driver.execute_query(cypher, params, database_=self.database).records
        return [r.data() for r in records]

    def wipe(self) -> None:
        self.query("MATCH (n) WHERE NOT n:SchemaVersion DETACH DELETE n")

    def counts(self) -> tuple[int, int]:
        """Stored items (entities, sources, redirects) and facts; history is counted apart."""
        row = self.query(
            "CALL { MATCH (n) WHERE NOT n:SchemaVersion AND NOT n:Revision AND NOT n:RevisionLog "
            "RETURN count(n) AS nodes } "
            "CALL { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels"
        )[0]
        return row["nodes"], row["rels"]


@pytest.fixture
def db(driver: neo4j.Driver, settings: Settings) -> Db:
    """An empty graph (schema kept) for a test that writes."""
    handle = Db(driver, settings.neo4j_database)
    handle.wipe()
    return handle


@pytest.fixture(scope="session")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), base_url="http://localhost") as test_client:
        yield test_client


def seed_article(settings: Settings) -> None:
    from graph.interop.seeding import seed
    from graph.store.db import Author, Graph, create_driver

    async def load() -> None:
        drv = create_driver(settings)
        try:
            # as kg-seed does: the history says the seeding command wrote it
            author = Author(by="kg-seed", reason=f"seeded from {SEED_FILE.name}")
            await seed(Graph(drv, settings, author=author), [SEED_FILE])
        finally:
            await drv.close()

    asyncio.run(load())


@pytest.fixture(scope="module")
def seeded(driver: neo4j.Driver, settings: Settings, client: TestClient) -> Db:
    """The article graph, loaded once per module, for tests that only read."""
    handle = Db(driver, settings.neo4j_database)
    handle.wipe()
    seed_article(settings)
    return handle


def start_api(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """The API as a real uvicorn process on a free port; returns once /readyz answers 200."""
    import socket
    import sys
    import time

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "uvicorn", "--factory", "api.main:create_app"),
            *("--port", str(port), "--no-proxy-headers"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return proc, url
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("the API did not start")
        time.sleep(0.3)


@pytest.fixture(scope="session")
def live_api(settings: Settings) -> Iterator[str]:
    """The API as a real uvicorn process over the session's Neo4j."""
    proc, url = start_api(dict(os.environ))
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def seeded_api(settings: Settings, driver: neo4j.Driver, live_api: str) -> str:
    """The live API over the freshly seeded article graph."""
    Db(driver, settings.neo4j_database).wipe()
    seed_article(settings)
    return live_api
