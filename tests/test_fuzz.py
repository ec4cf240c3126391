"""Schemathesis against the app's own OpenAPI, served by a real uvicorn over the real Neo4j:
zero server errors and zero responses that break the documented schema."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)


def test_no_server_errors_and_responses_match_the_schema(seeded_api: str, tmp_path: Path) -> None:
    # the CLI rather than the pytest plugin: it keeps working across pytest versions
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("st")),
            "run",
            f"{seeded_api}/openapi.json",
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
