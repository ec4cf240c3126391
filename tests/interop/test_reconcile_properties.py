"""Reconciliation's scoring and parsing, for any input (Hypothesis): candidates come best
first, a tier's order survives whatever properties say, ``match`` goes to at most one
exact candidate; and any query text gets well-formed candidates or a 422 naming the field,
never a 500."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.domain import names
from graph.interop.reconcile import (
    PROPERTIES,
    TIER_SCORES,
    EntityValue,
    Facets,
    Hit,
    Link,
    PropertyFilter,
    ReconQuery,
    scored,
    value_matches,
)
from tests import reconcile_spec as spec
from tests.conftest import Db

texts = st.text(min_size=1, max_size=30)
tiers = st.sampled_from(names.TIERS)


@st.composite
def hits_and_facets(draw: st.DrawFn) -> tuple[list[Hit], dict[str, Facets]]:
    count = draw(st.integers(0, 8))
    hits = [
        Hit(f"e{i}", draw(st.sampled_from(["firm", "location"])), draw(texts), None, draw(tiers))
        for i in range(count)
    ]
    hits.sort(key=lambda h: names.TIERS.index(h.tier))  # as the resolver ranks them
    facets = {
        h.id: Facets(
            props={"name": h.name, "sector": draw(texts)},
            links=tuple(
                Link("LOCATED_IN", True, draw(st.sampled_from(["a", "b"])), draw(texts))
                for _ in range(draw(st.integers(0, 2)))
            ),
        )
        for h in hits
    }
    return hits, facets


filters = st.lists(
    st.builds(
        PropertyFilter,
        pid=st.sampled_from(["sector", "LOCATED_IN", "aliases"]),
        v=st.one_of(texts, st.builds(EntityValue, id=st.sampled_from(["a", "b"]))),
    ),
    max_size=3,
)


@given(hits_and_facets(), filters, st.integers(1, 10))
def test_candidates_come_best_first_and_at_most_one_is_the_match(
    found: tuple[list[Hit], dict[str, Facets]], props: list[PropertyFilter], limit: int
) -> None:
    hits, facets = found
    query = ReconQuery(query="x", properties=props, limit=limit)
    result = scored(query, hits, facets)
    assert len(result) == min(limit, len(hits))
    scores = [c["score"] for c in result]
    assert scores == sorted(scores, reverse=True)
    tier_of = {h.id: h.tier for h in hits}
    ranks = [names.TIERS.index(tier_of[c["id"]]) for c in result]
    assert ranks == sorted(ranks)  # properties never lift a candidate over a better tier
    for c in result:
        base = TIER_SCORES[tier_of[c["id"]]]
        assert base <= c["score"] < base + 20
    matches = [c for c in result if c["match"]]
    assert len(matches) <= 1
    if matches:
        assert result[0]["match"] and tier_of[result[0]["id"]] == "exact"
    spec.check(spec.RESULT_BATCH, {"q": {"result": result}})


@given(texts)
def test_a_name_matches_itself_however_it_is_cased(text: str) -> None:
    facets = Facets(
        props={"name": text, "sector": text.upper()}, links=(Link("LOCATED_IN", True, "x", text),)
    )
    if names.name_key(text):
        assert value_matches(PROPERTIES["aliases"], facets, text.swapcase())
        assert value_matches(PROPERTIES["LOCATED_IN"], facets, text)
    assert value_matches(PROPERTIES["LOCATED_IN"], facets, EntityValue(id="x"))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.text(
        st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=700
    )  # astral, controls, marks, and past the 500-character cap
)
def test_any_query_text_is_answered_or_refused_naming_the_field(
    client: TestClient, seeded: Db, text: str
) -> None:
    queries: dict[str, Any] = {"q0": {"query": text, "limit": 3}}
    answer = client.post("/reconcile", data={"queries": json.dumps(queries)})
    assert answer.status_code in (200, 422), answer.text
    if answer.status_code == 422:
        assert answer.json()["pointer"] == "/queries/q0/query", answer.json()
        assert not text or len(text) > 500
    else:
        spec.check(spec.RESULT_BATCH, answer.json())
    suggested = client.get("/reconcile/suggest/entity", params={"prefix": text[:200]})
    assert suggested.status_code == 200, suggested.text
    spec.check(spec.SUGGEST_ENTITIES, suggested.json())
