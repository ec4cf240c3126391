"""``kg-ingest`` against the real Neo4j: a text given from a script is stored, analysed and
summarised; on the article, against the seed's entities alone, the candidates hold most
of the seed's stated facts, and accepting those with the seed's qualifiers gives them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from tests.conftest import ROOT, SEED_FILE, Db
from tests.payloads import entity

ARTICLE_ID = "taiwan-us-tech-talks-article"
ARTICLE = ROOT.parent / "shared" / "sources" / "taiwan-us-tech-partnership.txt"


def kg_ingest(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "seed.ingest", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_a_text_is_stored_analysed_and_summarised(
    client: TestClient, db: Db, tmp_path: Path
) -> None:
    db.wipe()
    text = tmp_path / "note.txt"
    text.write_text("TSMC invests in Arizona. Acme Robotics listens.", encoding="utf-8")
    missing = kg_ingest(str(text), "--source", "a-note")
    assert missing.returncode == 1 and "--title" in missing.stderr, missing.stderr
    assert client.get("/sources/a-note").status_code == 404
    assert client.put("/sources/s", json={"id": "s", "title": "S"}).status_code == 201
    for body in (entity("tsmc", name="TSMC", sources=["s"]),
                 entity("arizona", "location", name="Arizona", location_type="state", sources=["s"])):  # fmt: skip
        assert client.put(f"/entities/{body['id']}", json=body).status_code == 201
    done = kg_ingest(str(text), "--source", "a-note", "--title", "A note")
    assert done.returncode == 0, done.stderr
    assert "text created" in done.stderr
    assert "1 names the graph does not hold" in done.stdout
    assert "INVESTS_IN tsmc -> arizona [invest] «TSMC invests in Arizona.»" in done.stdout
    (found,) = [
        c for c in client.get("/sources/a-note/candidates").json() if c["type"] == "INVESTS_IN"
    ]
    assert found["status"] == "open"
    # again: the text unchanged, nothing new
    again = kg_ingest(str(text), "--source", "a-note")
    assert again.returncode == 0 and "text unchanged" in again.stderr
    assert ", 0 new," in again.stdout
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\xff\xfe\x00binary")
    refused = kg_ingest(str(binary), "--source", "a-note")
    assert refused.returncode == 1, refused.stderr


def _seed_facts() -> list[dict[str, Any]]:
    data = yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))
    return list(data["relationships"])


@pytest.mark.skipif(not ARTICLE.is_file(), reason="the article's text is not beside the clone")
def test_the_article_reviewed_gives_the_seeds_facts(
    client: TestClient, db: Db, tmp_path: Path
) -> None:
    """README, "Reviewing a new text": the seed's entities alone, the article ingested;
    recall of the stated facts among the stored candidates, and acceptance with the seed's
    qualifiers writes the seed's facts."""
    db.wipe()
    data = yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))
    entities_only = tmp_path / "entities.yaml"
    entities_only.write_text(yaml.safe_dump({k: data[k] for k in ("sources", "entities")}))
    seeded = subprocess.run(
        [sys.executable, "-m", "seed", str(entities_only)], capture_output=True, text=True, cwd=ROOT
    )
    assert seeded.returncode == 0, seeded.stderr
    done = kg_ingest(str(ARTICLE), "--source", ARTICLE_ID)
    assert done.returncode == 0, done.stderr
    found = {
        (c["type"], c["from_id"], c["to_id"]): c
        for c in client.get(f"/sources/{ARTICLE_ID}/candidates").json()
    }
    stated = [
        r for r in _seed_facts() if any(a.get("basis") == "stated" for a in r["attestations"])
    ]
    keys = {(r["type"], r["from_id"], r["to_id"]) for r in stated}
    hits = keys & set(found)
    assert len(hits) / len(keys) >= 0.7, sorted(keys - hits)
    for fact in stated:
        key = (fact["type"], fact["from_id"], fact["to_id"])
        if key not in found or found[key]["status"] != "open":
            continue  # two seed facts of one type and ends (roles): one candidate
        qualifiers = {
            k: v for k, v in fact.items() if k not in ("type", "from_id", "to_id", "attestations")
        }
        url = f"/sources/{ARTICLE_ID}/candidates/{found[key]['id']}/accept"
        accepted = client.post(url, json={"qualifiers": qualifiers})
        assert accepted.status_code == 200, accepted.text
        written = accepted.json()["relationship"]["relationship"]
        assert (written["type"], written["from_id"], written["to_id"]) == key
        assert written["qualifiers"] == {k: v for k, v in qualifiers.items() if v is not None}
        (word,) = written["attestations"]
        assert word["selector"]["exact"] == found[key]["sentence"]["exact"]
