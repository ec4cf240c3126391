"""The pin's arithmetic, without Neo4j (graph/reads/pinned.py): whatever writes changed after
the head, a page read now and put back by the pin is the page as it stood at the head."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from graph.reads.pinned import Pin

IDS = [f"e{i}" for i in range(8)]

#: an entity's state, or None for absent; retracted ones are kept, marked
states = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {"kind": st.just("firm"), "name": st.sampled_from(["A", "B"])},
        optional={"retracted_at": st.just("2026-01-01T00:00:00.000Z")},
    ),
)
graphs = st.fixed_dictionaries({i: states for i in IDS})


def rows(graph: dict[str, Any], lo: str, hi: str | None, retracted: bool) -> list[dict[str, Any]]:
    """A page of entities as the export query reads it from ``graph``."""
    return [
        {"id": i, "labels": ["Entity", "Firm"], "props": s}
        for i, s in sorted(graph.items())
        if s is not None
        and i > lo
        and (hi is None or i <= hi)
        and (retracted or not s.get("retracted_at"))
    ]


def changes(then: dict[str, Any], now: dict[str, Any]) -> list[dict[str, Any]]:
    """What ``changed_since`` answers: each item changed after the head, its state then."""
    return [
        {
            "item": "entity",
            "item_id": i,
            "merged": False,
            "state": None if then[i] is None else json.dumps(then[i]),
        }
        for i in IDS
        if then[i] != now[i]
    ]


@given(
    then=graphs,
    now=graphs,
    cut=st.sampled_from(["", *IDS]),
    last=st.booleans(),
    retracted=st.booleans(),
)
def test_a_page_put_back_by_the_pin_is_the_page_at_the_head(
    then: dict[str, Any], now: dict[str, Any], cut: str, last: bool, retracted: bool
) -> None:
    hi = None if last else max(cut, "e5")
    pin = Pin(head=1)
    pin.learn(changes(then, now))
    page = pin.entity_page(rows(now, cut, hi, retracted), cut, hi, include_retracted=retracted)
    assert page == rows(then, cut, hi, retracted)


def test_facts_put_back_keep_the_pages_filters() -> None:
    """A fact changed after the head comes back on its start's page, unless the page's
    query would have left it out then (retracted, not stated, not valid on as_of)."""
    fact = {"type": "SUPPLIES", "from_id": "a", "to_id": "b", "id": "a|SUPPLIES|b|x"}
    fact["bases"] = ["stated"]  # as every state stores them (schema 8)
    pin = Pin(head=1)
    pin.learn(
        [
            {
                "item": "relationship",
                "item_id": "a|SUPPLIES|b|x",
                "merged": False,
                "state": json.dumps({**fact, "valid_from": "2025"}),
            },
            {
                "item": "relationship",
                "item_id": "a|SUPPLIES|c|x",
                "merged": False,
                "state": json.dumps({**fact, "to_id": "c", "retracted_at": "2026"}),
            },
            {
                "item": "relationship",
                "item_id": "a|SUPPLIES|d|x",
                "merged": False,
                "state": json.dumps({**fact, "to_id": "d", "bases": ["inferred"]}),
            },
        ]
    )
    assert [r["id"] for r in pin.fact_page([], "", None)] == ["a|SUPPLIES|b|x", "a|SUPPLIES|d|x"]
    assert [r["id"] for r in pin.fact_page([], "", None, stated_only=True)] == ["a|SUPPLIES|b|x"]
    assert pin.fact_page([], "", None, as_of="2024-06-01", stated_only=True) == []
    assert pin.fact_page([], "a", None) == []  # its start is on an earlier page
    assert len(pin.fact_page([], "", None, include_retracted=True)) == 3
    assert pin.fact_page([], "", None, ids={"a", "b"})[0]["props"]["valid_from"] == "2025"


def test_merged_ids_are_as_they_were_at_the_head() -> None:
    """y was merged into z after the head, re-pointing x (merged into y before it)."""
    pin = Pin(head=1)
    pin.learn([{"item": "entity", "item_id": "y", "merged": True, "state": '{"kind": "firm"}'}])
    now = [
        {"id": "x", "props": {"target": "z", "via": ["y"]}},
        {"id": "y", "props": {"target": "z"}},
    ]
    assert pin.redirects(now) == [{"id": "x", "props": {"target": "y"}}]
