"""The one codec of a fact's attestations (graph/store/attestations.py), without Neo4j:
what is encoded decodes to the same attestations, in order; lists that are not whole are
refused, and a fact stored before some lists existed is made whole by schema version 8
(graph/store/stored_shapes.py) as its sources meant it (generated cases)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.domain import AttestationPublic
from graph.store.attestations import COLUMNS, StoredShapeError, decode, encode
from graph.store.stored_shapes import whole_lists

words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=30)
claims = st.dictionaries(
    st.sampled_from(["role", "product", "amount", "currency", "valid_from", "stance"]),
    st.one_of(words, st.integers(0, 10**12), st.floats(0, 1e12, allow_nan=False)),
    max_size=4,
)


@st.composite
def attestation(draw: st.DrawFn, source: str) -> AttestationPublic:
    basis = draw(st.sampled_from(["stated", "inferred"]))
    return AttestationPublic(
        source=source,
        evidence=draw(words),
        confidence=draw(st.floats(0, 1, allow_nan=False)),
        basis=basis,
        reason=draw(words) if basis == "inferred" else None,
        rank=draw(st.sampled_from(["preferred", "normal", "deprecated"])),
        claim=draw(claims),
    )


attestation_lists = st.lists(st.from_regex(r"[a-z]{1,6}", fullmatch=True), unique=True).flatmap(
    lambda sources: st.tuples(*(attestation(s) for s in sources)).map(list)
)


@given(attestation_lists)
def test_what_is_encoded_decodes_to_the_same_attestations(found: list[AttestationPublic]) -> None:
    stored = encode(found)
    assert set(stored) == set(COLUMNS)
    assert {len(v) for v in stored.values()} <= {len(found)}
    assert all(None not in column for column in stored.values())  # Neo4j lists hold no nulls
    assert decode(stored) == found


@given(attestation_lists, claims, st.data())
def test_a_fact_stored_before_bases_ranks_and_claims_is_made_whole_as_its_sources_meant_it(
    found: list[AttestationPublic], values: dict[str, Any], data: st.DataObject
) -> None:
    stored = encode(found)
    # each later list as an older writer left it: missing, or as long as it was then
    kept = {
        c: stored[c][: data.draw(st.integers(0, len(found)), label=c)]
        for c in ("bases", "reasons", "ranks", "claims")
    }
    old = {k: stored[k] for k in ("source_ids", "evidence", "confidences")}
    old.update({k: v for k, v in kept.items() if data.draw(st.booleans(), label=f"has {k}")})
    lists = whole_lists({**old, **values})
    if all(len(old.get(c, [])) == len(found) for c in COLUMNS):
        assert lists is None  # whole already: nothing to rewrite
        return
    assert lists is not None and whole_lists({**values, **lists}) is None  # once is enough
    for i, a in enumerate(decode({**values, **lists})):
        was = found[i]
        assert a.basis == (was.basis if i < len(old.get("bases", [])) else "stated")
        assert a.rank == (was.rank if i < len(old.get("ranks", [])) else "normal")
        # a claim not stored then: the source claims the fact's own values
        assert a.claim == (was.claim if i < len(old.get("claims", [])) else values)
        assert (a.source, a.evidence, a.confidence) == (was.source, was.evidence, was.confidence)


@given(attestation_lists.filter(bool), st.sampled_from(COLUMNS[1:]))
def test_lists_that_are_not_whole_are_refused_naming_their_lengths(
    found: list[AttestationPublic], short: str
) -> None:
    stored = encode(found)
    stored[short] = stored[short][:-1]
    with pytest.raises(StoredShapeError, match=short):
        decode(stored)
