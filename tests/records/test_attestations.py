"""The one codec of a fact's attestations (graph/records/attestations.py), without Neo4j:
what is encoded decodes to the same attestations, in order, and a fact stored before some
lists existed reads as its sources meant it (generated cases)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from graph.domain import AttestationPublic
from graph.records.attestations import COLUMNS, decode, encode

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


@given(attestation_lists, claims)
def test_a_fact_stored_before_bases_ranks_and_claims_reads_as_its_sources_meant_it(
    found: list[AttestationPublic], values: dict[str, Any]
) -> None:
    old = {k: v for k, v in encode(found).items() if k in ("source_ids", "evidence", "confidences")}
    for a in decode({**old, **values}):
        assert (a.basis, a.reason, a.rank) == ("stated", None, "normal")
        assert a.claim == values  # each source claims the fact's own values
