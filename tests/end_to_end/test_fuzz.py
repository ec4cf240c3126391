"""Schemathesis against the app's own OpenAPI, served by a real uvicorn over the real Neo4j,
with every check: no server errors, responses as documented, and every request the document
calls valid accepted (schemathesis.toml names the few rules a schema cannot express)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_the_openapi_document_tells_the_truth(seeded_api: str, tmp_path: Path) -> None:
    # the CLI rather than the pytest plugin: it keeps working across pytest versions
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("st")),
            "run",
            f"{seeded_api}/openapi.json",
            "--checks",
            "all",
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
