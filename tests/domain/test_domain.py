"""The domain is declared once (graph/domain/domain.yaml): every file derived from it is current,
every declared type reads as a sentence, a faulty declaration is refused by name, and a new
kind and relationship type added to a copy of the declaration alone are written,
validated, queried, read as sentences, styled and listed by ``GET /schema``."""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from api.settings import ApiSettings as Settings
from graph.domain.declaration import DEFAULT_FILE, DOMAIN, DomainError, load, parse
from graph.domain.sentences import sentence
from graph.store.cypher import query
from graph.store.db import create_driver
from graph.store.schema import apply_schema
from graph.store.walk_query import reach_by_id_query
from present.domain_docs import stale
from tests.conftest import Db, start_api

SAMPLE = {"text": "chips", "long_text": "a long text", "date": "2025-03", "amount": 5e6}


def _sample(name: str) -> Any:
    spec = DOMAIN.qualifiers[name]
    return "USD" if spec.type == "currency" else SAMPLE.get(spec.type, spec.values[:1])


def test_every_derived_file_is_current() -> None:
    assert stale() == [], "run `make domain` and commit what it writes"


@pytest.mark.parametrize("rel_type", list(DOMAIN.relationships))
def test_every_declared_type_reads_as_a_sentence(rel_type: str) -> None:
    rel = DOMAIN.relationships[rel_type]
    needed = {rel.key: _sample(rel.key)} if rel.key_required and rel.key else {}
    bare = sentence(rel_type, "Alpha Co", "Beta Land", needed)
    full = sentence(rel_type, "Alpha Co", "Beta Land", {q: _sample(q) for q in rel.qualifiers})
    for text in (bare, full):
        assert "Alpha Co" in text
        assert "Beta Land" in text
        assert not re.search(r"[\[\]{}]|\(no ", text), text
    for q in rel.qualifiers:  # every qualifier a type takes is read out when it has one
        shown = "5 million" if DOMAIN.qualifiers[q].type == "amount" else str(_sample(q))
        assert shown.lower() in full.lower(), (q, full)


@given(st.text(min_size=1, max_size=30), st.text(min_size=1, max_size=30))
def test_names_and_values_are_never_read_as_template(a: str, b: str) -> None:
    # a name that looks like a placeholder stays text
    text = sentence("PRODUCES_IN", a, b, {"product": "{to}[x]"})
    assert text == f"{a} produces {{to}}[x] in {b}"


def _declaration() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(DEFAULT_FILE.read_text())
    return data


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d["relationships"]["SUPPLIES"].update(to=["nowhere"]), "nowhere"),
        (
            lambda d: d["relationships"]["SUPPLIES"].update(key="amount"),
            "relationships.SUPPLIES.key",
        ),
        (
            lambda d: d["relationships"]["GOVERNS"].update(sentence="{from} rules {to} {role}"),
            "relationships.GOVERNS.sentence",
        ),
        (lambda d: d["kinds"]["firm"].update(label="Person"), "label of its own"),
        (lambda d: d["kinds"]["firm"].update(label="Actor"), "label of its own"),
        (lambda d: d["kinds"]["firm"].update(label="Source"), "label of its own"),
        (
            lambda d: d["kinds"]["firm"]["fields"].update(id={"type": "text"}),
            "kinds.firm.fields.id",
        ),
        (lambda d: d["qualifiers"].update(source_ids={"type": "text"}), "qualifiers.source_ids"),
        (lambda d: d["kinds"]["firm"].update(shape="blob"), "kinds.firm.shape"),
        (lambda d: d["kinds"]["firm"].update(colour=0x123456), "kinds.firm.colour"),
        (lambda d: d["kinds"]["firm"].update(colur="#123456"), "kinds.firm.colur"),
        (lambda d: d["relationships"]["SUPPLIES"].update({"from": "firm"}), "SUPPLIES.from"),
        (lambda d: d["relationships"]["GOVERNS"].update(key_required=True), "GOVERNS.key_required"),
        (
            lambda d: d["relationships"]["GOVERNS"].update(sentence="{from} governs {to} {"),
            "GOVERNS.sentence: a brace",
        ),
        (
            lambda d: d["relationships"]["GOVERNS"].update(sentence="{from} governs [{to}"),
            "GOVERNS.sentence: an unclosed bracket",
        ),
        (
            lambda d: d["relationships"]["GOVERNS"].update(sentence="{from} [governs [x]] {to}"),
            "GOVERNS.sentence: brackets",
        ),
        (
            lambda d: d["relationships"].update({"BAD-TYPE": d["relationships"]["GOVERNS"]}),
            "BAD-TYPE",
        ),
        (
            lambda d: d["kinds"]["location"]["fields"]["location_type"].update(values=[]),
            "location_type",
        ),
        (lambda d: d.update(kinds={}), "kinds"),
        (lambda d: d.update(groups=["actor"]), "groups"),
        (lambda d: d["kinds"]["firm"].update(colour="blue"), "kinds.firm.colour"),
        (
            lambda d: d["kinds"]["firm"]["fields"].update(sector={"type": "colour"}),
            "kinds.firm.fields.sector",
        ),
        (lambda d: d["kinds"]["event"].update(timeline_date="event_type"), "timeline_date"),
        (lambda d: d["relationships"]["SUPPLIES"].update(analyses={"exposure": "up"}), "exposure"),
        (lambda d: d["kinds"].update({"Bad Kind": d["kinds"]["firm"]}), "kinds.Bad Kind"),
    ],
)
def test_a_faulty_declaration_is_refused_by_name(change: Any, named: str) -> None:
    data = _declaration()
    change(data)
    with pytest.raises(DomainError, match=re.escape(named)):
        parse(data)


def test_the_shipped_declaration_parses_to_itself() -> None:
    assert parse(_declaration()) == DOMAIN


_YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@given(
    section=st.sampled_from(["kinds", "relationships", "qualifiers", "groups"]),
    key=st.text(max_size=12),
    value=_YAML_VALUES,
)
def test_any_mangled_declaration_is_refused_with_a_domain_error_or_parses(
    section: str, key: str, value: Any
) -> None:
    # whatever a hand slip puts in the file, the answer is a DomainError naming a place,
    # never a KeyError, TypeError or AttributeError from deep inside
    data = _declaration()
    data[section][key] = value
    try:
        parse(data)
    except DomainError as exc:
        assert str(exc).split(":")[0].strip()


# --- extending the domain in a copy of the declaration alone ---------------------------

EXTENSION = {
    "kinds": {
        "university": {
            "label": "University",
            "groups": ["actor", "party", "institution"],
            "description": "a university",
            "colour": "#123456",
            "shape": "vee",
            "fields": {"founded": {"type": "date"}},
        }
    },
    "relationships": {
        "FUNDS": {
            "from": ["institution"],
            "to": ["university", "firm"],
            "qualifiers": ["amount", "currency"],
            "label": "funds",
            "reverse": "is funded by",
            "sentence": "{from} funds {to}[ with {amount} {currency}]",
            "analyses": {"exposure": "against"},
        }
    },
}


@pytest.fixture
def extended_api(settings: Settings, db: Db, tmp_path: Path) -> Iterator[str]:
    data = _declaration()
    for section, items in EXTENSION.items():
        data[section].update(items)
    declaration = tmp_path / "domain.yaml"
    declaration.write_text(yaml.safe_dump(data, sort_keys=False))
    proc, url = start_api({**os.environ, "KG_DOMAIN_FILE": str(declaration)})
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(10)
        db.wipe()
        db.query("DROP CONSTRAINT funds_id IF EXISTS")
        asyncio.run(_reapply(settings))  # the shared database's schema record as before


async def _reapply(settings: Settings) -> None:
    driver = create_driver(settings)
    try:
        await apply_schema(driver, settings.neo4j_database)
    finally:
        await driver.close()


def test_a_kind_and_a_type_added_to_the_declaration_alone_work_end_to_end(
    extended_api: str, db: Db, client: TestClient
) -> None:
    http = httpx.Client(base_url=extended_api, timeout=10)
    # both declarations' schemas are applied: a process serving either one is ready (a
    # rolling deploy that adds a type keeps the old replicas in service)
    assert http.get("/readyz").json()["status"] == "ready"
    assert client.get("/readyz").json()["status"] == "ready"
    schema = http.get("/schema").json()
    assert {"name": "university", "colour": "#123456", "shape": "vee"}.items() <= next(
        k for k in schema["kinds"] if k["name"] == "university"
    ).items()
    funds = next(t for t in schema["relationship_types"] if t["name"] == "FUNDS")
    assert funds["from_kinds"] == ["government", "agency", "organization", "firm", "university"]
    assert funds["reverse"] == "is funded by"

    assert http.put("/sources/doc", json={"title": "A document"}).status_code == 201
    uni = {"kind": "university", "name": "Tsing Hua", "founded": "1911", "sources": ["doc"]}
    assert http.put("/entities/nthu", json=uni).status_code == 201
    firm = {"kind": "firm", "name": "Chip Co", "sources": ["doc"]}
    assert http.put("/entities/chip-co", json=firm).status_code == 201
    place = {"kind": "location", "name": "Hsinchu", "location_type": "city", "sources": ["doc"]}
    assert http.put("/entities/hsinchu", json=place).status_code == 201
    # the new kind's own field is validated, and it carries its groups' labels
    bad = http.put("/entities/nthu", json={**uni, "founded": "long ago"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "/founded"
    labels = db.query("MATCH (n:Entity {id: 'nthu'}) RETURN labels(n) AS l")[0]["l"]
    assert set(labels) == {"Entity", "Actor", "University"}

    fact = {
        "type": "FUNDS",
        "from_id": "chip-co",
        "to_id": "nthu",
        "amount": 5e6,
        "currency": "USD",
        "attestations": [{"source": "doc", "evidence": "Chip Co funds it.", "confidence": 0.9}],
    }
    assert http.put("/relationships", json=fact).status_code == 201
    # the new type's rules: its qualifiers only, and only the kinds it joins
    wrong_qualifier = http.put("/relationships", json={**fact, "role": "donor"})
    assert wrong_qualifier.status_code == 422
    assert wrong_qualifier.json()["errors"][0]["pointer"] == "/role"
    wrong_end = http.put("/relationships", json={**fact, "to_id": "hsinchu"})
    assert wrong_end.status_code == 422
    assert "FUNDS cannot end at a location" in wrong_end.json()["errors"][0]["detail"]

    view = http.get("/entities/nthu/neighbourhood").json()
    (edge,) = view["edges"]
    assert edge["sentence"] == "Chip Co funds Tsing Hua with 5 million USD"
    exposed = http.get("/entities/nthu/exposure").json()["exposed"]
    assert [e["entity"]["id"] for e in exposed] == ["chip-co"]  # declared exposure: against
    assert "node.University { color: #123456;" in http.get("/browser/style.grass").text
    constraints = db.query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")[0]
    assert "funds_id" in constraints["names"]
    openapi = http.get("/openapi.json").json()
    assert "UniversityIn" in openapi["components"]["schemas"]


def test_a_declaration_that_cannot_be_read_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "domain.yaml"
    for text, why in (("kinds: [unclosed", "expected"), ("kinds: {}", "kinds")):
        broken.write_text(text)
        with pytest.raises(DomainError, match=f"(?s){re.escape(str(broken))}: .*{why}"):
            load(broken)
    with pytest.raises(DomainError, match="No such file"):
        load(tmp_path / "missing.yaml")


def test_a_name_declared_twice_is_refused(tmp_path: Path) -> None:
    # YAML itself keeps the last of two equal keys, silently replacing the first
    text = DEFAULT_FILE.read_text()
    twice = text.replace("relationships:\n", "relationships:\n  SUPPLIES:\n    from: any\n", 1)
    declaration = tmp_path / "domain.yaml"
    declaration.write_text(twice)
    with pytest.raises(DomainError, match="'SUPPLIES' is declared twice"):
        load(declaration)


def test_an_identity_qualifier_is_text() -> None:
    data = _declaration()
    data["relationships"]["INVESTS_IN"]["key"] = "amount"
    with pytest.raises(DomainError, match=r"INVESTS_IN\.key: an identity qualifier is text"):
        parse(data)


def test_schema_serves_the_whole_declaration(client: TestClient) -> None:
    served = client.get("/schema").json()
    kinds = {k["name"]: k for k in served["kinds"]}
    assert list(kinds) == list(DOMAIN.kinds)
    for name, kind in DOMAIN.kinds.items():
        doc = kinds[name]
        assert (doc["label"], doc["colour"], doc["shape"]) == (kind.label, kind.colour, kind.shape)
        assert (doc["exposed"], doc["timeline_date"]) == (kind.exposed, kind.timeline_date)
        assert [f["name"] for f in doc["fields"]] == [f.name for f in kind.fields]
        assert [f["values"] for f in doc["fields"]] == [list(f.values) for f in kind.fields]
    types = {t["name"]: t for t in served["relationship_types"]}
    assert list(types) == list(DOMAIN.relationships)
    for name, rel in DOMAIN.relationships.items():
        doc = types[name]
        assert set(doc["from_kinds"]) == rel.sources and set(doc["to_kinds"]) == rel.targets
        assert (doc["key"], doc["key_required"], doc["sentence"]) == (
            rel.key,
            rel.key_required,
            rel.sentence,
        )
        assert doc["qualifiers"] == list(rel.qualifiers)
    missing = {q["name"]: q["missing"] for q in served["qualifiers"]}
    assert missing["amount"] == DOMAIN.qualifiers["amount"].missing
    assert {"from_id", "to_id", "attestations", "valid_from"} <= set(served["common_fact_fields"])


def test_what_another_declaration_stored_still_reads(client: TestClient, db: Db) -> None:
    # a second service with a wider declaration, or a kind removed from this one, leaves
    # entities and facts this service does not declare: they read, untyped, never a 500
    assert client.put("/sources/doc", json={"title": "A document"}).status_code == 201
    firm = {"kind": "firm", "name": "Chip Co", "sources": ["doc"]}
    assert client.put("/entities/chip-co", json=firm).status_code == 201
    db.query(
        "CREATE (s:Entity:Satellite {id: 'sat-a', kind: 'satellite', name: 'Sat A', aliases: [], "
        "orbit: 'leo', source_ids: ['doc'], attribute_claims: '{\"doc\":{\"orbit\":\"leo\"}}'}) "
        "WITH s MATCH (f:Entity {id: 'chip-co'}) "
        "CREATE (s)-[:ORBITS {id: 'sat-a|ORBITS|chip-co', source_ids: ['doc'], "
        "evidence: ['said'], confidences: [0.9], bases: ['stated'], reasons: [''], "
        "ranks: ['normal'], claims: ['{}'], confidence: 0.9}]->(f)"
    )
    entity = client.get("/entities/sat-a")
    assert entity.status_code == 200, entity.text
    assert entity.json()["entity"]["attributes"] == {"orbit": "leo"}
    for url in (
        "/search?q=sat",
        "/entities?limit=50",
        "/entities/sat-a/timeline",
        "/export?format=json",
        "/export?format=graphml",
        "/export?format=cypher",
        "/resolve?name=Sat%20A",
        "/stats",
    ):
        answer = client.get(url)
        assert answer.status_code == 200, (url, answer.text[:300])
    cypher = client.get("/export?format=cypher").text
    assert "SET n:Satellite" in cypher and "[r:ORBITS {" in cypher
    # a fact to it under this declaration is refused by the rules, not a crash
    fact = {
        "type": "REPORTS_ON",
        "from_id": "chip-co",
        "to_id": "sat-a",
        "attestations": [{"source": "doc", "evidence": "said", "confidence": 0.9}],
    }
    refused = client.put("/relationships", json=fact)
    assert refused.status_code == 422 and refused.json()["pointer"] == "/from_id"
    patched = client.patch("/entities/sat-a", json={"name": "Sat B"})
    assert patched.status_code in (409, 422), patched.text


def test_a_walk_through_a_hub_follows_every_type_of_the_declaration_served() -> None:
    """The query that reads a hub's level by id has a branch per declared type and
    direction (Neo4j indexes a relationship property per type): the service runs the text
    of the declaration it serves, not the shipped file's."""
    assert query("reach_level_by_id") == reach_by_id_query(DOMAIN)
    data = _declaration()
    for section, items in EXTENSION.items():
        data[section].update(items)
    text = reach_by_id_query(parse(data))
    assert "MATCH ()-[r:FUNDS]->(m)" in text and "MATCH (m)-[r:FUNDS]->()" in text
    assert "USING INDEX SEEK r:FUNDS(to_id, from_id)" in text


def test_the_questions_a_kind_takes_part_in_follow_from_the_types_it_joins() -> None:
    """A kind added at an end of the supply chain's type is asked supply-chain and exposure
    questions, with no code naming it (the explorer's buttons come from GET /schema)."""
    data = yaml.safe_load(DOMAIN.source.read_text(encoding="utf-8"))
    looks = {"colour": "#445566", "shape": "tag"}
    data["kinds"]["workshop"] = {"label": "Workshop", "description": "a small maker", **looks}
    data["relationships"]["SUPPLIES"]["from"].append("workshop")
    extended = parse(data, DOMAIN.source)
    assert extended.analyses_of("workshop") == ["supply_chain", "exposure", "timeline"]
    # a type that joins every kind (DEPENDS_ON) makes no kind part of a question by it
    data["kinds"]["studio"] = {"label": "Studio", "description": "a place of work", **looks}
    assert parse(data, DOMAIN.source).analyses_of("studio") == ["timeline"]
