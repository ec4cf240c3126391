"""The pure steps of the write path, without Neo4j: ``check`` and ``plan`` against
snapshots built by hand, and generated batches (Hypothesis) for the properties that hold
of every batch. The integration tests (test_batch_and_merge.py and others) cover the
snapshot read and the execution."""

from __future__ import annotations

import doctest
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import graph.writes.check
import graph.writes.plan
from graph.domain import (
    MAX_ATTESTATIONS,
    MAX_SOURCES,
    RELATIONSHIP_RULES,
    AttestationPublic,
    Batch,
    EntityKind,
    RelType,
)
from graph.errors import Conflict, InvalidInput
from graph.store import encode_attestations
from graph.writes.batches import located_in_item
from graph.writes.check import PendingItems, Problem, Snapshot, check, refusal
from graph.writes.plan import Family, ItemKey, Outcome, WritePlan, merge_attestations, plan
from tests import payloads


def stored_lists(sources: list[str], evidence: list[str] | None = None) -> dict[str, Any]:
    """A fact's stored attestation lists: each source's word (``said`` unless given),
    confidence 0.5, stated, claiming nothing."""
    words = evidence or ["said"] * len(sources)
    return encode_attestations(
        [
            AttestationPublic(source=s, evidence=w, confidence=0.5)
            for s, w in zip(sources, words, strict=True)
        ]
    )


NOW = "2026-01-01T00:00:00.000Z"
LATER = "2026-02-01T00:00:00.000Z"
KINDS = sorted(k.value for k in EntityKind)
TYPES = sorted(t.value for t in RelType)
SOURCE_IDS = [f"source-{n}" for n in range(4)]
ENTITY_IDS = [f"entity-{n}" for n in range(8)]
FAST = settings(max_examples=20, deadline=None)


# -- generated batches and an in-memory graph ----------------------------------------------


@st.composite
def _relationships(
    draw: st.DrawFn, kinds: Mapping[str, str], sources: list[str]
) -> list[dict[str, Any]]:
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    for rel_type in draw(st.lists(st.sampled_from(TYPES), max_size=6)):
        rule = RELATIONSHIP_RULES[RelType(rel_type)]
        starts = [e for e, k in kinds.items() if EntityKind(k) in rule.sources]
        ends = [e for e, k in kinds.items() if EntityKind(k) in rule.targets]
        if not starts or not ends:
            continue
        from_id, to_id = draw(st.sampled_from(starts)), draw(st.sampled_from(ends))
        if from_id == to_id:
            continue
        fields: dict[str, Any] = {}
        if rule.key and (rule.key_required or draw(st.booleans())):
            fields[rule.key] = draw(st.sampled_from(["chips", "advisor"]))
        said_by = draw(st.lists(st.sampled_from(sources), min_size=1, max_size=2, unique=True))
        fields["attestations"] = [
            {
                "source": s,
                "evidence": draw(st.sampled_from(["said so", "reported"])),
                "confidence": draw(st.sampled_from([0.5, 0.9])),
            }
            for s in said_by
        ]
        key = (rel_type, from_id, to_id, fields.get(rule.key or ""))
        found[key] = payloads.relationship(rel_type, from_id, to_id, **fields)
    return list(found.values())


@st.composite
def batches(draw: st.DrawFn) -> Batch:
    """A valid batch: unique ids, every reference inside it, every end of an allowed kind."""
    sources = draw(st.lists(st.sampled_from(SOURCE_IDS), min_size=1, unique=True))
    ids = draw(st.lists(st.sampled_from(ENTITY_IDS), min_size=1, unique=True))
    kinds = {e: draw(st.sampled_from(KINDS)) for e in ids}
    entities = [
        payloads.entity(
            e,
            kinds[e],
            sources=draw(st.lists(st.sampled_from(sources), min_size=1, max_size=2, unique=True)),
        )
        for e in ids
    ]
    return Batch.model_validate(
        {
            "sources": [
                payloads.source(s, publisher=draw(st.sampled_from(["A", "B"]))) for s in sources
            ],
            "entities": entities,
            "relationships": draw(_relationships(kinds, sources)),
        }
    )


def applied(world: dict[str, dict[str, Any]], planned: WritePlan) -> dict[str, dict[str, Any]]:
    """The in-memory graph after the plan's rows are written (as apply_plan writes them)."""
    after = {family: dict(items) for family, items in world.items()}
    for family in ("sources", "entities", "relationships"):
        for row in getattr(planned, family):
            after[family][row["id"]] = row["props"]
    return after


def snapshot_of(batch: Batch, world: Mapping[str, Mapping[str, Any]]) -> Snapshot:
    """What read_snapshot reads of ``world`` for ``batch``: only what the batch touches."""
    redirects = world.get("redirects", {})
    ends = {r.from_id for r in batch.relationships} | {r.to_id for r in batch.relationships}
    ends = {redirects.get(e, e) for e in ends}
    cited = {s for e in batch.entities for s in e.sources} | {
        a.source for r in batch.relationships for a in r.attestations
    }
    entities, sources, rels = world["entities"], world["sources"], world["relationships"]
    return Snapshot(
        redirects={
            k: v for k, v in redirects.items() if k in ends | {e.id for e in batch.entities}
        },
        entities={e.id: entities[e.id] for e in batch.entities if e.id in entities},
        kinds={e: EntityKind(entities[e]["kind"]) for e in ends if e in entities},
        sources={s: sources[s] for s in cited | {s.id for s in batch.sources} if s in sources},
        relationships=dict(rels),
    )


EMPTY: dict[str, dict[str, Any]] = {"sources": {}, "entities": {}, "relationships": {}}


def pointed_at(batch: Batch, pointer: str) -> Any:
    """The value a JSON pointer names in the batch as the client sent it."""
    value: Any = batch.model_dump(mode="json")
    for part in pointer.strip("/").split("/"):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


# -- properties ----------------------------------------------------------------------------


@FAST
@given(batches())
def test_a_valid_batch_has_no_problems_and_every_item_is_created(batch: Batch) -> None:
    snapshot = snapshot_of(batch, EMPTY)
    assert check(batch, snapshot) == []
    planned = plan(batch, snapshot, now=NOW)
    assert planned.problems == []
    for family in Family:
        counts = planned.counts[family.value]
        assert counts.created == len(getattr(batch, family.value))
        assert counts.updated == counts.unchanged == 0
        assert len(getattr(planned, family.value)) == counts.created
    assert len(planned.changes) == len(planned.outcomes)


@FAST
@given(batches())
def test_a_batch_planned_against_its_own_result_is_all_unchanged(batch: Batch) -> None:
    first = plan(batch, snapshot_of(batch, EMPTY), now=NOW)
    stored = applied(EMPTY, first)
    again = snapshot_of(batch, stored)
    assert check(batch, again) == []
    second = plan(batch, again, now=LATER)
    assert set(second.outcomes.values()) <= {Outcome.UNCHANGED}
    assert (second.sources, second.entities, second.relationships) == ([], [], [])
    assert second.changes == [] and second.problems == []
    assert list(second.outcomes) == list(first.outcomes)
    for family in Family:
        assert second.counts[family.value].unchanged == len(getattr(batch, family.value))
    assert applied(stored, second) == stored


@FAST
@given(batches(), st.data())
def test_unknown_sources_and_ends_are_pointed_at(batch: Batch, data: st.DataObject) -> None:
    dropped_sources = data.draw(st.sets(st.sampled_from([s.id for s in batch.sources])))
    dropped_entities = data.draw(st.sets(st.sampled_from([e.id for e in batch.entities])))
    cut = Batch.model_construct(
        sources=[s for s in batch.sources if s.id not in dropped_sources],
        entities=[e for e in batch.entities if e.id not in dropped_entities],
        relationships=batch.relationships,
    )
    problems = check(cut, snapshot_of(cut, EMPTY))

    dangling = [s for e in cut.entities for s in e.sources if s in dropped_sources] + [
        a.source for r in cut.relationships for a in r.attestations if a.source in dropped_sources
    ]
    dangling += [
        end for r in cut.relationships for end in (r.from_id, r.to_id) if end in dropped_entities
    ]
    assert len(problems) == len(dangling)  # one problem per dangling reference
    assert bool(problems) == (refusal(problems) is not None)
    for p in problems:
        assert not p.conflict
        missing = pointed_at(cut, p.pointer)  # the pointer indexes into the batch
        assert missing in dropped_sources | dropped_entities
        assert f"'{missing}'" in p.detail


@FAST
@given(batches(), st.data())
def test_pending_items_count_as_known(batch: Batch, data: st.DataObject) -> None:
    """A load's later chunks: relationships alone, their ends and sources pending."""
    pending = PendingItems(
        entities={e.id: EntityKind(e.kind) for e in batch.entities},
        sources=frozenset(s.id for s in batch.sources),
    )
    chunk = Batch.model_construct(sources=[], entities=[], relationships=batch.relationships)
    assert check(chunk, Snapshot(pending=pending)) == []
    assert len(check(chunk, Snapshot())) == sum(
        2 + len(r.attestations) for r in chunk.relationships
    )


@FAST
@given(
    st.lists(st.sampled_from(SOURCE_IDS), unique=True),
    st.lists(st.sampled_from(SOURCE_IDS), min_size=1, unique=True),
    st.sampled_from(["old word", "new word"]),
)
def test_attestation_merge_keeps_other_sources_and_replaces_a_sources_own_word(
    stored: list[str], sent: list[str], word: str
) -> None:
    old = stored_lists(stored, [f"old word of {s}" for s in stored])
    rel = Batch.model_validate(
        {
            "relationships": [
                payloads.relationship(
                    "NEGOTIATES_WITH",
                    "a",
                    "b",
                    attestations=[{"source": s, "evidence": word, "confidence": 0.9} for s in sent],
                )
            ]
        }
    ).relationships[0]
    merged = {a.source: a for a in merge_attestations(old, rel)}
    assert list(merged) == list(dict.fromkeys([*stored, *sent]))
    for s in stored:
        if s not in sent:
            assert (merged[s].evidence, merged[s].confidence) == (f"old word of {s}", 0.5)
    for s in sent:
        assert (merged[s].evidence, merged[s].confidence) == (word, 0.9)


@FAST
@given(batches())
def test_a_refusal_is_a_conflict_exactly_when_a_problem_is(batch: Batch) -> None:
    """Every entity written again under another kind: 409 naming the first."""
    world = applied(EMPTY, plan(batch, snapshot_of(batch, EMPTY), now=NOW))
    other = {k: KINDS[(KINDS.index(k) + 1) % len(KINDS)] for k in KINDS}
    changed = Batch.model_validate(
        {
            "sources": [s.model_dump() for s in batch.sources],
            "entities": [
                payloads.entity(e.id, other[e.kind], sources=e.sources) for e in batch.entities
            ],
        }
    )
    problems = check(changed, snapshot_of(changed, world))
    assert [p.pointer for p in problems] == [
        f"/entities/{i}/kind" for i in range(len(batch.entities))
    ]
    assert all(p.conflict for p in problems)
    error = refusal(problems)
    assert isinstance(error, Conflict) and error.pointer == "/entities/0/kind"


# -- examples: wording, pointers, caps -----------------------------------------------------


def _batch(**families: list[dict[str, Any]]) -> Batch:
    return Batch.model_validate(families)


def test_duplicates_are_named_with_the_first_occurrence() -> None:
    batch = _batch(
        sources=[payloads.source(), payloads.source()],
        entities=[payloads.entity("a"), payloads.entity("b"), payloads.entity("a", "person")],
        relationships=[payloads.relationship("NEGOTIATES_WITH", "a", "b")] * 2,
    )
    assert [(p.pointer, p.detail) for p in check(batch, Snapshot())] == [
        ("/sources/1/id", "'test-source' appears twice (also /sources/0)"),
        ("/entities/2/id", "'a' appears twice (also /entities/0)"),
        ("/relationships/1", "the same relationship as /relationships/0"),
    ]


def test_writing_to_a_merged_id_is_a_conflict_naming_the_survivor() -> None:
    batch = _batch(sources=[payloads.source()], entities=[payloads.entity("old")])
    problems = check(batch, Snapshot(redirects={"old": "new"}))
    error = refusal(problems)
    assert isinstance(error, Conflict)
    assert error.pointer == "/entities/0/id"
    assert error.detail == "entity 'old' was merged into 'new'; write to that id instead"


def test_a_fact_between_two_ids_merged_into_one_is_refused_at_its_to_id() -> None:
    batch = _batch(
        sources=[payloads.source()],
        relationships=[payloads.relationship("DEPENDS_ON", "old", "new")],
    )
    snapshot = Snapshot(redirects={"old": "new"}, kinds={"new": "firm"})
    (problem,) = check(batch, snapshot)
    assert (problem.pointer, problem.conflict) == ("/relationships/0/to_id", False)
    assert problem.detail.startswith("'old' and 'new' are one entity since a merge ('new')")


def test_a_kind_change_is_a_conflict_even_beside_other_problems() -> None:
    batch = _batch(entities=[payloads.entity("a", sources=["missing"])])
    stored = {"a": {"id": "a", "kind": "person", "name": "A", "source_ids": ["missing"]}}
    problems = check(batch, Snapshot(entities=stored))
    assert [p.conflict for p in problems] == [False, True]
    error = refusal(problems)
    assert isinstance(error, Conflict)
    assert error.detail == (
        "entity 'a' is a person; its kind cannot change to firm (delete it and create it anew)"
    )


def test_kinds_a_type_does_not_join_are_named_with_the_allowed_ones() -> None:
    batch = _batch(
        sources=[payloads.source()],
        entities=[payloads.entity("p", "person")],
        relationships=[payloads.relationship("SUPPLIES", "p", "f", product="chips")],
    )
    problems = check(batch, Snapshot(kinds={"f": EntityKind("firm")}))
    assert [(p.pointer, p.detail) for p in problems] == [
        (
            "/relationships/0/from_id",
            "SUPPLIES cannot start at a person ('p'); allowed: facility, firm",
        )
    ]
    error = refusal(problems)
    assert isinstance(error, InvalidInput)
    assert error.detail == (
        "1 problem(s) in the request; nothing was written. First: /relationships/0/from_id: "
        "SUPPLIES cannot start at a person ('p'); allowed: facility, firm"
    )
    assert error.errors == [p.as_error() for p in problems]


def test_no_problems_no_refusal() -> None:
    assert refusal([]) is None
    assert isinstance(refusal([Problem("/x", "bad")]), InvalidInput)


def test_relationship_ends_follow_redirects() -> None:
    batch = _batch(relationships=[payloads.relationship("NEGOTIATES_WITH", "old", "b")])
    snapshot = Snapshot(
        redirects={"old": "new"},
        kinds={"new": EntityKind("firm"), "b": EntityKind("firm")},
        sources={payloads.SOURCE: {"id": payloads.SOURCE}},
    )
    assert check(batch, snapshot) == []
    planned = plan(batch, snapshot, now=NOW)
    ((key, outcome),) = planned.outcomes.items()
    assert key == ItemKey(Family.RELATIONSHIPS, "new|NEGOTIATES_WITH|b")
    assert outcome is Outcome.CREATED
    assert planned.relationships[0]["from_id"] == "new"


def _stored_entity(sources: list[str]) -> dict[str, Any]:
    batch = _batch(entities=[payloads.entity("a", sources=sources[:1])])
    row = plan(batch, Snapshot(), now=NOW).entities[0]
    return {**row["props"], "source_ids": sources}


def test_a_put_adds_sources_and_a_patch_replaces_them() -> None:
    batch = _batch(entities=[payloads.entity("a", sources=["s2"])])
    snapshot = Snapshot(entities={"a": _stored_entity(["s1"])})
    added = plan(batch, snapshot, now=LATER)
    assert added.entities[0]["props"]["source_ids"] == ["s1", "s2"]
    assert added.entities[0]["props"]["created_at"] == NOW
    assert added.outcome(Family.ENTITIES, "a") is Outcome.UPDATED
    replaced = plan(batch, snapshot, now=LATER, replace_sources=True)
    assert replaced.entities[0]["props"]["source_ids"] == ["s2"]


def test_sources_past_the_cap_are_refused_unless_replaced() -> None:
    full = [f"s{n}" for n in range(MAX_SOURCES)]
    snapshot = Snapshot(entities={"a": _stored_entity(full)})
    at_cap = plan(_batch(entities=[payloads.entity("a", sources=["s0"])]), snapshot, now=NOW)
    assert at_cap.problems == []
    batch = _batch(entities=[payloads.entity("a", sources=["one-more"])])
    over = plan(batch, snapshot, now=NOW)
    assert over.problems == [
        Problem(
            "/entities/0/sources",
            f"with the stored ones this makes {MAX_SOURCES + 1}, 1 over the cap of "
            f"{MAX_SOURCES}; replace the list (PATCH) instead",
        )
    ]
    assert plan(batch, snapshot, now=NOW, replace_sources=True).problems == []


def test_attestations_past_the_cap_are_refused() -> None:
    n = MAX_ATTESTATIONS
    stored = {"id": "a|NEGOTIATES_WITH|b", **stored_lists([f"s{i}" for i in range(n)])}
    batch = _batch(relationships=[payloads.relationship("NEGOTIATES_WITH", "a", "b")])
    over = plan(batch, Snapshot(relationships={stored["id"]: stored}), now=NOW)
    assert over.problems == [
        Problem(
            "/relationships/0/attestations",
            f"with the stored ones this makes {n + 1}, 1 over the cap of {n}",
        )
    ]
    assert isinstance(refusal(over.problems), InvalidInput)


def test_a_check_planning_only_what_could_refuse_finds_the_same_problems() -> None:
    # a large seed checks the whole load before it writes: only stored items are planned
    full_sources = [f"s{n}" for n in range(MAX_SOURCES)]
    n = MAX_ATTESTATIONS
    stored_fact = {"id": "a|NEGOTIATES_WITH|b", **stored_lists([f"s{i}" for i in range(n)])}
    snapshot = Snapshot(
        entities={"a": _stored_entity(full_sources)},
        relationships={stored_fact["id"]: stored_fact},
    )
    batch = _batch(
        entities=[payloads.entity("new"), payloads.entity("a", sources=["one-more"])],
        relationships=[
            payloads.relationship("NEGOTIATES_WITH", "new", "b"),
            payloads.relationship("NEGOTIATES_WITH", "a", "b"),
        ],
    )
    whole = plan(batch, snapshot, now=NOW)
    checked = plan(batch, snapshot, now=NOW, refusals_only=True)
    assert [p.pointer for p in checked.problems] == [
        "/entities/1/sources",
        "/relationships/1/attestations",
    ]
    assert checked.problems == whole.problems
    assert set(checked.outcomes) == {
        ItemKey(Family.ENTITIES, "a"),
        ItemKey(Family.RELATIONSHIPS, "a|NEGOTIATES_WITH|b"),
    }
    replaced = plan(batch, snapshot, now=NOW, replace_sources=True, refusals_only=True)
    assert [p.pointer for p in replaced.problems] == ["/relationships/1/attestations"]


@FAST
@given(batches())
def test_a_check_of_a_batch_stored_already_finds_what_the_whole_plan_finds(
    batch: Batch,
) -> None:
    stored = applied(EMPTY, plan(batch, snapshot_of(batch, EMPTY), now=NOW))
    again = snapshot_of(batch, stored)
    whole = plan(batch, again, now=LATER)
    checked = plan(batch, again, now=LATER, refusals_only=True)
    assert checked.problems == whole.problems
    assert {k: whole.outcomes[k] for k in checked.outcomes} == checked.outcomes


def test_a_single_items_problems_are_located_in_it() -> None:
    error = refusal([Problem("/relationships/0/to_id", "no entity with id 'x'")])
    assert isinstance(error, InvalidInput)
    located = located_in_item(error, "/relationships/0")
    assert located.pointer == "/to_id"
    assert located.detail.startswith(
        "1 problem(s) in the request; nothing was written. First: /to_id"
    )
    whole = located_in_item(Conflict("merged", pointer="/entities/0"), "/entities/0")
    assert whole.pointer == ""  # the whole body, as RFC 6901 writes it


def test_the_result_lists_changes_in_batch_order() -> None:
    batch = _batch(
        sources=[payloads.source()],
        entities=[payloads.entity("b"), payloads.entity("a")],
    )
    result = plan(batch, Snapshot(), now=NOW).result(dry_run=True)
    assert result.dry_run and result.entities.created == 2
    assert result.changes == [
        {"kind": "source", "id": payloads.SOURCE, "result": "created"},
        {"kind": "entity", "id": "b", "result": "created"},
        {"kind": "entity", "id": "a", "result": "created"},
    ]


@pytest.mark.parametrize("module", [graph.writes.check, graph.writes.plan])
def test_docstring_examples_hold(module: Any) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
