"""Seeding sources' texts: a seed's source names its text by its SHA-256, never its words;
the words come from a folder, matched by hash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from api.settings import ApiSettings as Settings
from graph.domain import prepare_text
from tests.conftest import ROOT, SEED_FILE, Db
from tests.interop.test_seeding import kg_seed

WORDS = "The talks went on.\nCafe\u0301 owners listened.\n"
SHARED_SOURCES = ROOT.parent / "shared" / "sources"


def _seed_file(tmp_path: Path, sha: object) -> Path:
    data = {"sources": [{"id": "doc", "title": "A document", "text_sha256": sha}]}
    path = tmp_path / "seed.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def _stored(db: Db) -> dict[str, str]:
    rows = db.query("MATCH (t:SourceText) RETURN t.source_id AS id, t.text AS text")
    return {r["id"]: r["text"] for r in rows}


def test_texts_are_matched_by_hash_stored_once_and_missing_ones_reported(
    db: Db, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "any-name.txt").write_text(WORDS, encoding="utf-8")
    (folder / "binary.bin").write_bytes(b"\x00\x01\x02")  # passed over, not an error
    (folder / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    sha = prepare_text(WORDS).sha256
    seed = _seed_file(tmp_path, sha)
    first = kg_seed("--texts", str(folder), str(seed))
    assert first.returncode == 0, first.stderr
    assert "texts: 1 stored, 0 unchanged" in first.stderr
    assert _stored(db) == {"doc": prepare_text(WORDS).text}
    again = kg_seed("--texts", str(folder), str(seed))
    assert "texts: 0 stored, 1 unchanged" in again.stderr
    # a hash no file in the folder has is reported, not an error
    other = _seed_file(tmp_path, "0" * 64)
    missing = kg_seed("--texts", str(folder), str(other))
    assert missing.returncode == 0
    assert f"no file in {folder} holds the text of 'doc'" in missing.stderr
    assert "not stored: doc" in missing.stderr
    assert _stored(db) == {"doc": prepare_text(WORDS).text}


@pytest.mark.parametrize("sha", ["not-a-hash", "0" * 63, "A" * 64, 7])
def test_a_bad_text_hash_is_refused_by_name_and_nothing_is_written(
    db: Db, settings: Settings, tmp_path: Path, sha: object
) -> None:
    answer = kg_seed("--texts", str(tmp_path), str(_seed_file(tmp_path, sha)))
    assert answer.returncode == 1, answer.stderr
    assert "/sources/0 (id 'doc') /text_sha256" in answer.stderr
    assert db.counts() == (0, 0) and _stored(db) == {}


def test_a_texts_folder_that_is_not_one_is_refused(db: Db, tmp_path: Path) -> None:
    answer = kg_seed("--texts", str(tmp_path / "nowhere"), str(SEED_FILE))
    assert answer.returncode == 1 and "not a folder" in answer.stderr
    assert db.counts() == (0, 0)


@pytest.mark.skipif(not SHARED_SOURCES.is_dir(), reason="the workspace's shared sources are absent")
def test_the_articles_text_is_found_in_the_shared_sources(db: Db, settings: Settings) -> None:
    answer = kg_seed("--texts", str(SHARED_SOURCES), str(SEED_FILE))
    assert answer.returncode == 0, answer.stderr
    (text,) = _stored(db).values()
    (article,) = yaml.safe_load(SEED_FILE.read_text())["sources"]
    assert prepare_text(text).sha256 == article["text_sha256"]
    assert "Taiwan" in text
    spans = db.query("MATCH ()-[r]->() WHERE r.source_ids IS NOT NULL RETURN r.selectors AS s")
    assert spans and all(row["s"] for row in spans), "every fact of the seed points at its words"
    for row in spans:
        (span,) = [json.loads(s) for s in row["s"]]
        assert text[span["start"] : span["end"]] == span["exact"] and span["exact"].strip()


def _seed_with_a_span(tmp_path: Path) -> Path:
    data = {
        "sources": [
            {"id": "doc", "title": "A document", "text_sha256": prepare_text(WORDS).sha256}
        ],
        "entities": [
            {"id": "talks", "kind": "event", "name": "The talks", "sources": ["doc"]},
            {"id": "owners", "kind": "firm", "name": "Owners", "sources": ["doc"]},
        ],
        "relationships": [
            {
                "type": "PARTICIPATES_IN",
                "from_id": "owners",
                "to_id": "talks",
                "role": "listener",
                "attestations": [
                    {
                        "source": "doc",
                        "evidence": "the owners listened to the talks",
                        "confidence": 0.8,
                        "selector": {"start": 19, "end": 40},
                    }
                ],
            }
        ],
    }
    path = tmp_path / "seed.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def test_a_seeds_spans_are_written_with_its_texts_and_left_out_without_them(
    db: Db, settings: Settings, tmp_path: Path
) -> None:
    seed = _seed_with_a_span(tmp_path)
    without = kg_seed(str(seed))
    assert without.returncode == 0, without.stderr
    assert "evidence spans left out, their source's text not stored: 1 into doc" in without.stderr
    assert db.query("MATCH ()-[r:PARTICIPATES_IN]->() RETURN r.selectors AS s") == [{"s": None}]
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "words.txt").write_text(WORDS, encoding="utf-8")
    texts = kg_seed("--texts", str(folder), str(seed))
    assert texts.returncode == 0, texts.stderr
    assert "left out" not in texts.stderr
    assert "relationships: 0 created, 1 updated" in texts.stdout
    (row,) = db.query("MATCH ()-[r:PARTICIPATES_IN]->() RETURN r.selectors AS s")
    (span,) = [json.loads(s) for s in row["s"]]
    assert (span["start"], span["end"], span["exact"]) == (19, 40, "Café owners listened.")


def test_a_fresh_seed_with_its_texts_writes_its_spans_at_once(
    db: Db, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "words.txt").write_text(WORDS, encoding="utf-8")
    answer = kg_seed("--texts", str(folder), str(_seed_with_a_span(tmp_path)))
    assert answer.returncode == 0, answer.stderr
    assert "relationships: 1 created" in answer.stdout
    (row,) = db.query("MATCH ()-[r:PARTICIPATES_IN]->() RETURN r.selectors AS s")
    assert json.loads(row["s"][0])["exact"] == "Café owners listened."


def test_a_span_past_the_end_of_its_text_is_refused_by_file_and_field(
    db: Db, settings: Settings, tmp_path: Path
) -> None:
    seed = _seed_with_a_span(tmp_path)
    data = yaml.safe_load(seed.read_text())
    data["relationships"][0]["attestations"][0]["selector"] = {"start": 19, "end": 4000}
    seed.write_text(yaml.safe_dump(data, allow_unicode=True))
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "words.txt").write_text(WORDS, encoding="utf-8")
    answer = kg_seed("--texts", str(folder), str(seed))
    assert answer.returncode == 1, answer.stderr
    assert "/relationships/0" in answer.stderr and "selector/end" in answer.stderr
    assert "past the end" in answer.stderr
    assert db.query("MATCH ()-[r:PARTICIPATES_IN]->() RETURN count(r) AS n") == [{"n": 0}]
