"""Schemathesis against the app's own OpenAPI, served by a real uvicorn over the real Neo4j:
zero server errors and zero responses that break the documented schema."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph.settings import Settings
from tests.conftest import ROOT, Db, seed_article

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)


@pytest.fixture(scope="module")
def live_api(settings: Settings, driver: object) -> Iterator[str]:
    Db(driver, settings.neo4j_database).wipe()  # type: ignore[arg-type]
    seed_article(settings)  # so generated ids sometimes hit real entities
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "api.main:create_app", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "KG_LOG_JSON": "true"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "the API did not start"
        time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(10)


def test_no_server_errors_and_responses_match_the_schema(live_api: str, tmp_path: Path) -> None:
    # the CLI rather than the pytest plugin: it keeps working across pytest versions
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("st")),
            "run",
            f"{live_api}/openapi.json",
            "--checks",
            CHECKS,
            "--max-examples",
            "12",
            "--seed",
            "20261125",
            "--request-timeout",
            "30",
            "--continue-on-failure",
            "--report",
            "junit",
            "--report-junit-path",
            str(tmp_path / "fuzz.xml"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
