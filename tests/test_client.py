"""The typed client and the example script, against the app and the real Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg_client import KGClient, KGClientError
from seed.load_over_http import main as load_over_http
from tests.conftest import SEED_FILE, Db
from tests.payloads import entity, source


def test_client_writes_and_reads(client: TestClient, db: Db) -> None:
    kg = KGClient(http=client)
    assert kg.put_source(source())[0] == "created"
    result, firm = kg.put_entity(entity("tsmc", name="TSMC"))
    assert (result, firm.name) == ("created", "TSMC")
    assert kg.put_entity(entity("tsmc", name="TSMC"))[0] == "unchanged"
    assert kg.entity("tsmc").kind == "firm"
    assert [h.id for h in kg.search("tsmc")] == ["tsmc"]


def test_client_raises_with_the_problem(client: TestClient, db: Db) -> None:
    kg = KGClient(http=client)
    with pytest.raises(KGClientError) as caught:
        kg.put_entity(entity("tsmc", sources=["missing"]))
    assert caught.value.status == 422
    assert caught.value.problem["pointer"] == "/sources/0"


def test_example_script_seeds_over_http(
    client: TestClient, db: Db, capsys: pytest.CaptureFixture[str]
) -> None:
    assert load_over_http([str(SEED_FILE)], client=KGClient(http=client)) == 0
    assert "'created': 18" in capsys.readouterr().out
    kg = KGClient(http=client)
    assert [p.length for p in kg.paths("cheng-li-chiun", "tsmc")] == [3]
    assert [s.stance for s in kg.stances("us-equal-chip-production-split").stances] == [
        "PROPOSES",
        "REJECTS",
    ]
    assert load_over_http([str(SEED_FILE)], client=KGClient(http=client)) == 0
    assert "'unchanged': 18" in capsys.readouterr().out


def test_example_script_reports_bad_input(
    client: TestClient, db: Db, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"entities": [{"id": "x", "kind": "firm", "name": "X", "sources": ["nope"]}]}')
    assert load_over_http([str(bad)], client=KGClient(http=client)) == 1
    assert "/entities/0/sources/0: no source with id 'nope'" in capsys.readouterr().err
