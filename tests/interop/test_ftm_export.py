"""The FollowTheMoney export, checked by FtM's own library: the mapping (graph/interop/ftm.yaml)
names schemas and properties FtM has, with ends that fit their ranges for every kind a
type joins; every exported line is an entity FtM validates, reads back unchanged, and the
``ftm`` command line tool accepts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.types import registry

from graph.domain.declaration import DOMAIN, DomainError
from graph.interop.ftm import FTM, UNKNOWN_LINK, fact_id, parse
from tests.conftest import Db

# --- the mapping, against FtM's model (no database) ----------------------------------------


def test_every_kind_of_the_domain_is_mapped_to_a_schema_ftm_has() -> None:
    assert set(FTM.kinds) == set(DOMAIN.kinds)
    for name, kind in FTM.kinds.items():
        schema = model.get(kind.schema)
        assert schema is not None and not schema.abstract, (name, kind.schema)
        assert schema.is_a("Thing"), name
        for stored, prop in {**FTM.entity, **kind.properties}.items():
            assert schema.get(prop) is not None, f"{kind.schema} has no {prop} ({name}.{stored})"


def _rules() -> list[tuple[str, str, str]]:
    """Every (type, from kind, to kind) the domain allows."""
    return [
        (t, a, b)
        for t, rel in DOMAIN.relationships.items()
        for a in sorted(rel.sources)
        for b in sorted(rel.targets)
    ]


@pytest.mark.parametrize("rel_type", list(DOMAIN.relationships))
def test_each_fact_maps_to_an_interval_whose_ends_fit_their_ranges(rel_type: str) -> None:
    for t, a, b in (r for r in _rules() if r[0] == rel_type):
        rule = FTM.rule(t, a, b)
        schema = model.get(rule.schema)
        assert schema is not None and schema.edge and not schema.abstract, rule.schema
        source, target = schema.get(rule.source), schema.get(rule.target)
        assert source is not None and target is not None, rule
        assert source.range is not None and target.range is not None
        assert model.get(FTM.kinds[a].schema).is_a(source.range), (t, a, rule.source)  # type: ignore[union-attr]
        assert model.get(FTM.kinds[b].schema).is_a(target.range), (t, b, rule.target)  # type: ignore[union-attr]
        for prop in [*rule.qualifiers.values(), *([rule.label] if rule.label else [])]:
            assert schema.get(prop) is not None, f"{rule.schema} has no {prop}"
        for prop in ("description", "summary", "startDate", "endDate", "recordId", "sourceUrl"):
            assert schema.get(prop) is not None, f"{rule.schema} has no {prop}"


def test_roles_and_investments_take_ftms_own_interval_schemas() -> None:
    assert FTM.rule("HOLDS_ROLE", "person", "firm").schema == "Directorship"
    assert FTM.rule("HOLDS_ROLE", "person", "government").schema == "Membership"
    assert FTM.rule("INVESTS_IN", "government", "firm").schema == "Payment"
    assert FTM.rule("INVESTS_IN", "firm", "facility").schema == "Ownership"
    assert FTM.rule("INVESTS_IN", "firm", "location") == UNKNOWN_LINK
    assert FTM.rule("SUPPLIES", "firm", "firm") == UNKNOWN_LINK


BAD_MAPPINGS = {
    "kinds.castle": {"kinds": {"castle": {"schema": "Thing"}}},
    "kinds.firm.properties.colour": {
        "kinds": {"firm": {"schema": "Company", "properties": {"colour": "name"}}}
    },
    "kinds.firm.scheme": {"kinds": {"firm": {"schema": "Company", "scheme": "Firm"}}},
    "relationships.SUPPLIES.0.qualifiers.amount": {
        "relationships": {
            "SUPPLIES": [{"schema": "UnknownLink", "from": "subject", "to": "object",
                          "qualifiers": {"amount": "amount"}}]
        }
    },
    "relationships.HOLDS_ROLE.0.to_kinds": {
        "relationships": {
            "HOLDS_ROLE": [{"schema": "Directorship", "from": "director", "to": "organization",
                            "to_kinds": ["location"]}]
        }
    },
    "relationships.FLIES_TO": {
        "relationships": {"FLIES_TO": [{"schema": "UnknownLink", "from": "a", "to": "b"}]}
    },
    "entity.sources": {"entity": {"sources": "sourceUrl"}},
}  # fmt: skip


@pytest.mark.parametrize("where", list(BAD_MAPPINGS))
def test_a_mapping_that_contradicts_the_domain_is_refused_naming_the_place(where: str) -> None:
    with pytest.raises(DomainError) as refused:
        parse(BAD_MAPPINGS[where])
    assert str(refused.value).startswith(where), str(refused.value)


def test_fact_ids_are_ftm_ids_apart_from_every_slug() -> None:
    for rel_id in ("tsmc|INVESTS_IN|arizona", "a|HOLDS_ROLE|b|Vice Premier (acting) ü"):
        assert registry.entity.validate(fact_id(rel_id))
        assert "." in fact_id(rel_id)  # a slug holds no dot


# --- the export over HTTP ------------------------------------------------------------------


def _export(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    answer = client.get("/export", params={"format": "ftm", **params})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in answer.text.splitlines()]


def _check(entity: dict[str, Any], ids: set[str]) -> None:
    """What FtM checks (values, required properties), and what its validate leaves out:
    every property is the schema's, and each entity value names an exported entity that
    fits the property's range."""
    schema = model.get(entity["schema"])
    assert schema is not None and not schema.abstract, entity
    try:
        schema.validate(entity)
    except InvalidData as exc:
        raise AssertionError(f"{entity['id']}: {exc.errors}") from exc
    for name, values in entity["properties"].items():
        prop = schema.get(name)
        assert prop is not None, f"{entity['schema']} has no {name}"
        assert values and all(isinstance(v, str) and v for v in values), (name, values)
        if prop.type.name == "entity":
            assert set(values) <= ids, (entity["id"], name, values)
    for name in schema.required:
        assert entity["properties"].get(name), f"{entity['id']} lacks {name}"


def test_the_export_validates_with_followthemoney_and_reads_back_unchanged(
    client: TestClient, seeded: Db
) -> None:
    lines = _export(client)
    entities, facts = seeded.counts()[0], seeded.query("MATCH ()-[r]->() RETURN count(r) AS c")
    sources = seeded.query("MATCH (s:Source) RETURN count(s) AS c")[0]["c"]
    assert len(lines) == entities - sources + facts[0]["c"]
    ids = {line["id"] for line in lines}
    assert len(ids) == len(lines)
    schemata = {line["id"]: model.get(line["schema"]) for line in lines}
    for line in lines:
        _check(line, ids)
        proxy = model.get_proxy(line, cleaned=False)
        # FtM's own cleaning changes nothing: the export is already in its canonical form
        assert model.get_proxy(line).to_dict()["properties"] == proxy.to_dict()["properties"]
        for prop, values in line["properties"].items():
            fitted = proxy.schema.get(prop)
            if fitted is not None and fitted.range is not None and fitted.type.name == "entity":
                assert all(schemata[v].is_a(fitted.range) for v in values)  # type: ignore[union-attr]


def test_facts_carry_their_sources_evidence_and_dates(client: TestClient, seeded: Db) -> None:
    by_record = {
        line["properties"]["recordId"][0]: line
        for line in _export(client)
        if "recordId" in line["properties"]
    }
    stored = seeded.query(
        "MATCH (a)-[r:INVESTS_IN]->(b:Firm) MATCH (s:Source) WHERE s.id IN r.source_ids "
        "RETURN r.id AS id, r.evidence AS evidence, r.amount AS amount, collect(s.url) AS urls, "
        "r.valid_from AS start LIMIT 1"
    ) or seeded.query(
        "MATCH ()-[r]->() MATCH (s:Source) WHERE s.id IN r.source_ids "
        "RETURN r.id AS id, r.evidence AS evidence, null AS amount, collect(s.url) AS urls, "
        "r.valid_from AS start LIMIT 1"
    )
    fact = stored[0]
    line = by_record[fact["id"]]["properties"]
    assert set(fact["evidence"]) <= set(line["summary"])
    assert {u for u in fact["urls"] if u} <= set(line.get("sourceUrl", []))
    assert line["description"][0]  # the fact read as a sentence
    if fact["start"]:
        assert line["startDate"] == [fact["start"]]
    roles = [x for x in by_record.values() if x["schema"] in ("Directorship", "Membership")]
    assert roles and all(x["properties"].get("role") for x in roles)


def test_a_rooted_export_holds_the_neighbourhood_only(client: TestClient, seeded: Db) -> None:
    lines = _export(client, root="tsmc", depth=1)
    ids = {line["id"] for line in lines}
    assert "tsmc" in ids and len(lines) < len(_export(client))
    for line in lines:
        _check(line, ids)
    assert client.get("/export", params={"format": "ftm", "root": "no-such"}).status_code == 404


def test_the_ftm_command_line_tool_reads_the_export(
    client: TestClient, seeded: Db, tmp_path: Path
) -> None:
    """README: `ftm validate` re-reads the export, and `ftm export-excel` makes a workbook."""
    exported = tmp_path / "kg.ftm.json"
    exported.write_text(client.get("/export", params={"format": "ftm"}).text)
    ftm = str(Path(sys.executable).with_name("ftm"))
    checked = tmp_path / "checked.ftm.json"
    done = subprocess.run(
        [ftm, "validate", "-i", str(exported), "-o", str(checked)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert len(checked.read_text().splitlines()) == len(exported.read_text().splitlines())
    workbook = tmp_path / "kg.xlsx"
    done = subprocess.run(
        [ftm, "export-excel", "-i", str(exported), "-o", str(workbook)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and workbook.stat().st_size > 0, done.stderr


def test_entities_carry_their_sources_publishers_and_urls(client: TestClient, seeded: Db) -> None:
    """README: each entity carries its sources' URLs and publishers."""
    lines = {line["id"]: line["properties"] for line in _export(client)}
    rows = seeded.query(
        "MATCH (n:Entity) MATCH (s:Source) WHERE s.id IN n.source_ids "
        "RETURN n.id AS id, collect(s.publisher) AS publishers, collect(s.url) AS urls"
    )
    assert rows
    for row in rows:
        assert set(row["publishers"]) <= set(lines[row["id"]].get("publisher", [])), row
        assert set(row["urls"]) <= set(lines[row["id"]].get("sourceUrl", [])), row


def test_kg_export_writes_what_the_api_exports_in_every_format(
    client: TestClient, seeded: Db, tmp_path: Path
) -> None:
    """`kg-export --format F` writes the same text as `GET /export?format=F`."""
    for fmt in ("ftm", "json", "jsonl", "graphml", "cypher"):
        out = tmp_path / f"kg.{fmt}"
        done = subprocess.run(
            [sys.executable, "-m", "graph.interop.export_cli", "--format", fmt, "-o", str(out)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        assert out.read_text() == client.get("/export", params={"format": fmt}).text, fmt
    rooted = subprocess.run(
        [sys.executable, "-m", "graph.interop.export_cli", "--format", "ftm", "--root", "nobody"],
        capture_output=True,
        text=True,
    )
    assert rooted.returncode == 1 and "nobody" in rooted.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "graph.interop.export_cli", "--known-at", "yesterday"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "--known-at" in bad.stderr
