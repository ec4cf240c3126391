"""The columnar plan of a bulk load against the per-item plan, without Neo4j.

Hypothesis generates loads (every kind and type of the declaration, hostile texts, astral
and combining characters, padded aliases, numbers Rust and Python write differently, facts
of several sources and ranks, broken references) and holds both plans to the same verdict:
the same refusal, naming the same fields, or the same imported graph (every node and
relationship as the import reads its CSV back, with the fix-ups and empty lists applied)
and the same history, state for state, byte for byte.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, assume, given, settings
from pydantic import TypeAdapter, ValidationError

from graph.domain import (
    DOMAIN,
    ENTITY_MODELS,
    Batch,
    EntityIn,
    EntityKind,
    ExternalIds,
    RelationshipIn,
    SourceIn,
)
from graph.errors import GraphError
from graph.interop import load_files, without_spans
from graph.store import Author
from graph.writes import (
    LoadColumns,
    import_tables,
    plan_columns,
    plan_empty,
    plan_load,
    write_csv,
    write_load,
)
from graph.writes.bulk_rows import ARRAY_DELIMITER, ONE_EMPTY_STRING, CsvFiles, Fixups
from tests.conftest import SEED_FILE

NOW = "2026-01-01T00:00:00.000Z"
AUTHOR = Author(by="kg-seed", reason="seeded from a test")
SOURCES = [f"s-{i}" for i in range(4)]
ENTITIES = [f"e-{i}" for i in range(12)]
#: letters, punctuation the CSV quotes, accents, a combining mark, CJK, an astral emoji
LETTERS = st.sampled_from(list("ab Z9,;\"'\\éü台灣\u0301😀𝔘-"))
TEXT = st.text(LETTERS, min_size=1, max_size=12)
#: numbers either side of 1e-4, where Rust and Python begin to write them differently
CONFIDENCE = st.sampled_from([0.0, 1e-05, 9.9e-05, 0.0001, 0.30000000000000004, 0.93, 1.0]) | (
    st.floats(0, 1)
)
AMOUNT = st.sampled_from([0.0, 1e-07, 12.5, 294000000.0, 1e15]) | st.floats(0, 1e15)
#: True now and then (the last of its choices, which Hypothesis draws least)
RARELY = st.sampled_from([False] * 19 + [True])
ADAPTERS: dict[str, TypeAdapter[Any]] = {
    "sources": TypeAdapter(list[SourceIn]),
    "entities": TypeAdapter(list[EntityIn]),
    "relationships": TypeAdapter(list[RelationshipIn]),
}


def _value(draw: st.DrawFn, field_type: str, values: tuple[str, ...]) -> Any:
    if field_type == "enum":
        return draw(st.sampled_from(values))
    if field_type == "date":
        return draw(st.sampled_from(["2024", "2024-03", "2024-03-05"]))
    if field_type == "amount":
        return draw(AMOUNT)
    if field_type == "currency":
        return draw(st.sampled_from(["USD", "TWD"]))
    return draw(TEXT)


@st.composite
def entities(draw: st.DrawFn, sources: list[str]) -> list[dict[str, Any]]:
    found = []
    for entity_id in draw(st.lists(st.sampled_from(ENTITIES), min_size=2, unique=True)):
        kind = DOMAIN.kinds[draw(st.sampled_from(sorted(DOMAIN.kinds)))]
        item: dict[str, Any] = {
            "id": entity_id,
            "kind": kind.name,
            "name": draw(TEXT),
            "sources": draw(st.lists(st.sampled_from(sources), min_size=1, max_size=3)),
        }
        if draw(st.booleans()):
            item["aliases"] = draw(st.lists(TEXT | st.sampled_from([" padded", "x\u3000"])))
        if draw(st.booleans()):
            item["description"] = draw(TEXT | st.just("line one\nline two"))
        if draw(st.booleans()):
            item["external_ids"] = {"wikidata": "Q42"}
        for spec in kind.fields:
            if spec.required or draw(st.booleans()):
                item[spec.name] = _value(draw, spec.type, spec.values)
        found.append(item)
    return found


@st.composite
def facts(draw: st.DrawFn, sources: list[str], kinds: dict[str, str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    joinable = [
        name
        for name, rule in sorted(DOMAIN.relationships.items())
        if any(k in rule.sources for k in kinds.values())
        and any(k in rule.targets for k in kinds.values())
    ]
    if not joinable:
        return found
    for name in draw(st.lists(st.sampled_from(joinable), max_size=12)):
        rule = DOMAIN.relationships[name]
        fits = [e for e, k in kinds.items() if k in rule.sources]
        ends = [e for e, k in kinds.items() if k in rule.targets]
        # ends of fitting kinds, but now and then any id, known or not
        anyone = st.sampled_from(ENTITIES)
        stray = draw(RARELY)
        from_id = draw(anyone if stray else st.sampled_from(fits))
        to_id = draw(st.sampled_from(ends))
        if from_id == to_id:
            continue  # refused by the schema, before either plan
        item: dict[str, Any] = {"type": name, "from_id": from_id, "to_id": to_id}
        for q in rule.qualifiers:
            if (q == rule.key and rule.key_required) or draw(st.booleans()):
                item[q] = _value(draw, DOMAIN.qualifiers[q].type, ())
        if "amount" in item or "currency" in item:
            item["amount"], item["currency"] = draw(AMOUNT), "USD"
        if draw(st.booleans()):
            item["valid_from"] = draw(st.sampled_from(["2023", "2024-01"]))
        attestations = []
        for source in draw(st.lists(st.sampled_from(sources), min_size=1, max_size=3, unique=True)):
            word: dict[str, Any] = {
                "source": source,
                "evidence": draw(TEXT),
                "confidence": draw(CONFIDENCE),
            }
            word["rank"] = draw(st.sampled_from(["normal", "preferred", "deprecated"]))
            if draw(st.booleans()):
                word.update(basis="inferred", reason=draw(TEXT))
            if draw(RARELY):  # refused: an empty graph holds no text to point into
                word["selector"] = {"exact": "words"}
            attestations.append(word)
        item["attestations"] = attestations
        found.append(item)
    return found


@st.composite
def loads(draw: st.DrawFn) -> Batch:
    """A load as a seed file holds it; now and then a source or entity given twice, a
    source cited that the load does not hold, or a fact's end that it does not."""
    source_ids = draw(st.lists(st.sampled_from(SOURCES), min_size=2, unique=True))
    sources = [
        {"id": s, "title": draw(TEXT), **({"published": "2025-02"} if draw(st.booleans()) else {})}
        for s in source_ids
    ]
    if draw(RARELY):
        sources.append(dict(sources[-1]))
    cited = source_ids + (["s-missing"] if draw(RARELY) else [])
    found_entities = draw(entities(cited))
    if found_entities and draw(RARELY):
        found_entities.append(dict(found_entities[0]))
    kinds = {e["id"]: e["kind"] for e in found_entities}
    data = {
        "sources": sources,
        "entities": found_entities,
        "relationships": draw(facts(cited, kinds)),
    }
    try:
        validated = {f: ADAPTERS[f].validate_python(items) for f, items in data.items()}
    except ValidationError:
        assume(False)
    return Batch.model_construct(None, **validated)


def _verdict(exc: GraphError) -> tuple[str, str, Any]:
    return type(exc).__name__, str(exc), getattr(exc, "errors", getattr(exc, "pointer", None))


def _typed(header: str, text: str) -> tuple[str, Any]:
    if header.startswith(":"):
        return header, text
    name, kind = header.rsplit(":", 1)
    if kind.endswith("[]"):
        items: list[Any] = [""] if text == ONE_EMPTY_STRING else text.split(ARRAY_DELIMITER)
        return name, [float(i) for i in items] if kind == "double[]" else items
    convert = {"double": float, "long": int, "boolean": lambda t: t == "true"}
    return name, convert.get(kind, str)(text)


def imported(files: CsvFiles, fixups: Fixups, empty: dict[str, list[str]]) -> dict[Any, Any]:
    """Every node and relationship as the import reads its files back, then the second pass."""
    found: dict[Any, Any] = {}
    for kind, tables in (("node", files.nodes), ("relationship", files.relationships)):
        for name, path in tables:
            with path.open(newline="", encoding="utf-8") as f:
                rows = list(csv.reader(f))
            for row in rows[1:]:
                props = dict(_typed(h, t) for h, t in zip(rows[0], row, strict=True))
                key = (kind, name.split(":")[0], props.get("id", props.get("seq")))
                assert key not in found, f"{key} imported twice"
                found[key] = (name, props)
    for prop, ids in empty.items():
        for entity_id in ids:
            found["node", "Entity", entity_id][1][prop] = []
    for label, rows in (("Source", fixups.sources), ("Entity", fixups.entities)):
        for row in rows:
            name, _ = found["node", label, row["id"]]
            found["node", label, row["id"]] = (name, dict(row["props"]))
    for row in fixups.relationships:
        name, props = found["relationship", row["type"], row["id"]]
        ends = {k: props[k] for k in (":START_ID(Entity)", ":END_ID(Entity)")}
        found["relationship", row["type"], row["id"]] = (name, {**ends, **row["props"]})
    return found


def in_chunks(batch: Batch, folder: Path, size: int = 3) -> Any:
    """The load gathered a few items at a time (as bulk mode reads a file), then planned:
    what it imports, or None when the columns find it wrong."""
    columns = LoadColumns(sources=list(batch.sources))
    for start in range(0, len(batch.entities), size):
        columns.add_entities(batch.entities[start : start + size])
    for start in range(0, len(batch.relationships), size):
        columns.add_facts(batch.relationships[start : start + size])
    load = plan_columns(columns, now=NOW)
    if load is None:
        return None
    folder.mkdir()
    files = write_load(load, AUTHOR, folder)
    return imported(files.csv, load.rest.fixups, files.empty_lists)


def both_plans(batch: Batch, folder: Path) -> tuple[Any, Any]:
    """Each plan's verdict: its refusal, or the graph and history it imports (the columns'
    the same when the load is gathered a few items at a time)."""
    answers = []
    try:
        tables = import_tables(plan_empty(batch, now=NOW), AUTHOR)
        per_item = folder / "per-item"
        per_item.mkdir()
        answers.append(imported(write_csv(tables, per_item), tables.fixups, {}))
    except GraphError as exc:
        answers.append(_verdict(exc))
    try:
        load = plan_load(batch, now=NOW)
        columnar = folder / "columnar"
        columnar.mkdir()
        files = write_load(load, AUTHOR, columnar)
        assert not load.by_items, "the columns refused a load the per-item check takes"
        answers.append(imported(files.csv, load.rest.fixups, files.empty_lists))
        assert in_chunks(batch, folder / "chunks") == answers[-1]
    except GraphError as exc:
        answers.append(_verdict(exc))
        assert in_chunks(batch, folder / "chunks") is None
    return answers[0], answers[1]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
    ],
)
@given(batch=loads())
def test_the_columnar_plan_imports_what_the_per_item_plan_imports(
    batch: Batch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    per_item, columnar = both_plans(batch, tmp_path_factory.mktemp("plans"))
    assert columnar == per_item


def test_the_article_imports_the_same_either_way(tmp_path: Path) -> None:
    batch, _ = without_spans(load_files([SEED_FILE])[0], texts_stored=())
    per_item, columnar = both_plans(batch, tmp_path)
    assert isinstance(columnar, dict) and columnar == per_item
    revisions = [k for k in columnar if k[1] == "Revision"]
    assert len(revisions) == len(batch.sources) + len(batch.entities) + len(batch.relationships)
    # a revision's state is the canonical JSON the write path records, byte for byte
    state = json.loads(columnar[next(iter(revisions))][1]["state"])
    assert isinstance(state, dict)


def test_a_list_element_the_import_would_trim_is_planned_item_by_item(tmp_path: Path) -> None:
    """Validation trims names, so only a load built without it holds a padded alias: the
    columns leave such an entity to the per-item plan, whose fix-up writes it whole."""
    firm = ENTITY_MODELS[EntityKind.FIRM].model_construct(
        kind="firm",
        id="e-1",
        name="Firm",
        aliases=[" padded", "ok"],
        description=None,
        external_ids=ExternalIds(),
        sources=["s-0"],
        sector=None,
        headquarters_country=None,
    )
    batch = Batch.model_construct(
        None, sources=[SourceIn(id="s-0", title="A")], entities=[firm], relationships=[]
    )
    per_item, columnar = both_plans(batch, tmp_path)
    assert columnar == per_item
    assert columnar["node", "Entity", "e-1"][1]["aliases"] == [" padded", "ok"]
    assert [r["id"] for r in plan_load(batch, now=NOW).rest.fixups.entities] == ["e-1"]
