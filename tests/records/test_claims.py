"""The rule that picks a fact's values among its sources' claims (graph/records/claims.py), as
properties over generated claims: pure, no Neo4j, milliseconds."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from graph.records.claims import (
    RANK_ORDER,
    Standing,
    Voice,
    agrees,
    choose,
    claim_key,
    parse_claim,
)

FIELDS = ("amount", "currency", "stance", "valid_from")


@st.composite
def voices(draw: st.DrawFn) -> list[Voice]:
    count = draw(st.integers(1, 6))
    found = []
    for i in range(count):
        values = draw(
            st.dictionaries(
                st.sampled_from(FIELDS),
                st.one_of(st.integers(0, 3), st.sampled_from(["a", "b", "2026-01"])),
                max_size=3,
            )
        )
        found.append(
            Voice(
                source=f"s{i}",
                values=values,
                rank=draw(st.sampled_from(list(RANK_ORDER))),
                confidence=draw(st.sampled_from([0.2, 0.5, 0.9])),
                published=draw(st.sampled_from(["", "2025", "2026-01", "2026-03-02"])),
            )
        )
    return found


def _live(voices: list[Voice]) -> list[Voice]:
    return [v for v in voices if v.rank != "deprecated"]


@given(voices(), st.randoms())
def test_the_choice_does_not_depend_on_the_order_sources_came_in(
    found: list[Voice], random: Any
) -> None:
    shuffled = list(found)
    random.shuffle(shuffled)
    assert choose(found) == choose(shuffled)


@given(voices())
def test_every_value_answered_is_claimed_by_a_source_not_deprecated(found: list[Voice]) -> None:
    choice = choose(found)
    for field, value in choice.values.items():
        assert any(v.values.get(field) == value for v in _live(found))
    if not _live(found):
        assert choice.values == {}


@given(voices())
def test_the_first_claim_in_order_is_answered_whole(found: list[Voice]) -> None:
    choice = choose(found)
    first = parse_claim(choice.order[0])
    if _live(found):
        assert agrees(first, choice.values)


@given(voices())
def test_a_preferred_claim_beats_every_normal_one(found: list[Voice]) -> None:
    preferred = [v for v in found if v.rank == "preferred"]
    choice = choose(found)
    if preferred:
        assert min(RANK_ORDER[v.rank] for v in found if claim_key(v.values) == choice.order[0]) == 0


@given(voices())
def test_disputed_exactly_when_some_claim_contradicts_the_answer(found: list[Voice]) -> None:
    choice = choose(found)
    contradicting = [v for v in found if not agrees(dict(v.values), choice.values)]
    assert choice.disputed == bool(contradicting)


@given(voices())
def test_a_source_stating_nothing_disputes_nothing(found: list[Voice]) -> None:
    silent = Voice("quiet", {}, "normal", 1.0, "2030")
    assert choose([*found, silent]).disputed == choose(found).disputed


def test_the_newest_source_wins_then_confidence_then_rank_overrides_both() -> None:
    old = Voice("a", {"amount": 100}, confidence=0.9, published="2026-01-10")
    new = Voice("b", {"amount": 200}, confidence=0.6, published="2026-03-02")
    assert choose([old, new]).values == {"amount": 200}
    assert "newest source" in choose([old, new]).reason
    same_day = Voice("b", {"amount": 200}, confidence=0.6, published="2026-01-10")
    assert choose([old, same_day]).values == {"amount": 100}
    assert choose([old, same_day]).reason == "the highest confidence"
    ranked = Voice("a", {"amount": 100}, rank="preferred", confidence=0.1, published="2020")
    assert choose([ranked, new]).values == {"amount": 100}
    assert choose([ranked, new]).reason == "its explicit rank"
    deprecated = Voice("b", {"amount": 200}, rank="deprecated", published="2030")
    assert choose([old, deprecated]).values == {"amount": 100}


def test_a_source_without_an_amount_leaves_the_others_amount() -> None:
    with_amount = Voice("a", {"amount": 100, "currency": "USD"}, published="2026-01")
    without = Voice("b", {"valid_from": "2026-02"}, published="2026-03")
    choice = choose([with_amount, without])
    assert choice.values == {"amount": 100, "currency": "USD", "valid_from": "2026-02"}
    assert not choice.disputed


@given(voices())
def test_one_claim_is_answered_as_the_rule_answers_two_sources_making_it(
    found: list[Voice],
) -> None:
    # one voice takes a quicker way (most facts have one source); a second source stating
    # the same claim goes the general way, and the answer, order and reason are the same
    (one,) = found[:1]
    twice = choose([one, Voice("another", dict(one.values), one.rank, one.confidence)])
    alone = choose([one])
    assert (alone.values, alone.order, alone.reason, alone.disputed) == (
        twice.values,
        twice.order,
        twice.reason,
        twice.disputed,
    )
    assert list(alone.values) == list(twice.values)  # the same order of fields, too


@given(voices(), st.data())
def test_a_retracted_sources_claim_weighs_as_if_it_were_not_there(
    found: list[Voice], data: st.DataObject
) -> None:
    """Retracted voices are left out of the choice; when every voice is retracted, the
    choice is the one they made (what a hidden fact said)."""
    out = data.draw(st.sets(st.sampled_from([v.source for v in found])))
    marked = [replace(v, retracted=v.source in out) for v in found]
    kept = [v for v in found if v.source not in out]
    assert choose(marked) == choose(kept or found)


def test_a_standing_marks_the_voices_of_retracted_sources() -> None:
    standing = Standing.of({"a": {"published": "2026"}, "b": {"retracted_at": "2026-05-01"}})
    assert standing.voice("b", {"amount": 1}, "normal", 0.5).retracted
    assert not standing.voice("a", {"amount": 1}, "normal", 0.5).retracted
    assert standing.withdrawn(["b", "a", "c"]) == ["b"]
    a, b = (
        standing.voice("a", {"amount": 1}, "normal", 0.1),
        standing.voice("b", {"amount": 2}, "preferred", 0.9),
    )
    assert choose([a, b]).values == {"amount": 1} and not choose([a, b]).disputed
