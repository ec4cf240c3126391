"""Neighbourhoods and supply chains a page at a time, against Neo4j: over generated small
graphs (Hypothesis), paging through with small limits yields every reachable entity once,
at its true breadth-first distance, in the documented order, and every page's edges are
facts joining its nodes to nodes already returned, the pages together drawing every fact
among them; and a cursor is refused (422 at query:cursor) when garbled or reused with
other parameters."""

from __future__ import annotations

import base64
import contextlib
import json
from collections import Counter
from typing import Any
from unittest.mock import patch

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from graph.reads import walks
from tests.conftest import Db
from tests.payloads import entity, relationship, source

FIRMS = [f"f{i}" for i in range(7)]
TYPES = ["SUPPLIES", "DEPENDS_ON"]
Edge = tuple[str, str, str]  # type, from, to

facts = st.lists(
    st.tuples(st.sampled_from(TYPES), st.sampled_from(FIRMS), st.sampled_from(FIRMS)).filter(
        lambda f: f[1] != f[2]
    ),
    max_size=14,
    unique=True,
)


def load(client: TestClient, db: Db, edges: list[Edge]) -> None:
    db.wipe()
    body = {
        "sources": [source()],
        "entities": [entity(f) for f in FIRMS],
        "relationships": [
            relationship(t, a, b, **({"product": "chips"} if t == "SUPPLIES" else {}))
            for t, a, b in edges
        ],
    }
    response = client.post("/batch", json=body)
    assert response.status_code == 200, response.text


def bfs(edges: list[Edge], root: str, depth: int, out: set[str], into: set[str]) -> dict[str, int]:
    """The distance of every entity within ``depth``: ``out`` types followed from their
    start, ``into`` types from their end."""
    distance, frontier = {root: 0}, [root]
    for level in range(1, depth + 1):
        found = []
        for t, a, b in edges:
            for near, far, allowed in ((a, b, out), (b, a, into)):
                if t in allowed and near in frontier and far not in distance:
                    distance[far] = level
                    found.append(far)
        frontier = found
    return distance


def pages(client: TestClient, url: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    answers, cursor = [], None
    while True:
        response = client.get(url, params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        answers.append(response.json())
        cursor = answers[-1]["next_cursor"]
        assert answers[-1]["truncated"] is (cursor is not None)
        if cursor is None:
            return answers
        assert len(answers) < 20


def degree(edges: list[Edge], node: str) -> int:
    return sum(node in (a, b) for _, a, b in edges)


@pytest.fixture(scope="module")
def walks_db(driver: Any, settings: Any) -> Db:
    return Db(driver, settings.neo4j_database)


def read_by_id(few: int | None) -> contextlib.AbstractContextManager[object]:
    """With ``few``, every level a page reads is read as a hub's is, by id (the budget
    of facts for a level read by degree is 0), a frontier entity of more than ``few``
    facts has them read type by type from the index on their ends, and so has every
    entity of a page of more than ``few`` facts its facts to the others of more (a pair
    costs nothing: each is a hub); without, as usual."""
    if few is None:
        return contextlib.nullcontext()
    return patch.multiple(walks, LAZY_FROM=0, FEW=few, PAIR_COST=0)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    edges=facts,
    depth=st.integers(1, 3),
    limit=st.integers(1, 4),
    direction=st.sampled_from(["out", "in", "both"]),
    types=st.sampled_from([TYPES, ["SUPPLIES"], ["DEPENDS_ON"]]),
    few=st.sampled_from([None, None, 0, 1, 2, 100]),
)
# the root holds one fact, to an entity of the page of more than `few`: that fact is read
# from the root's side, the page entity's other facts pair by pair from the index
@example(
    edges=[("SUPPLIES", "f0", "f1"), ("SUPPLIES", "f1", "f2"), ("DEPENDS_ON", "f2", "f1")],
    depth=2,
    limit=4,
    direction="both",
    types=TYPES,
    few=1,
)
def test_neighbourhood_pages_cover_the_walk_once_in_order(
    client: TestClient,
    walks_db: Db,
    edges: list[Edge],
    depth: int,
    limit: int,
    direction: str,
    types: list[str],
    few: int | None,
) -> None:
    """In either order: by degree (then id) within a level, or, for a level read by id
    as a hub's is, by id alone."""
    load(client, walks_db, edges)
    chosen = set(types)
    expected = bfs(
        edges,
        "f0",
        depth,
        chosen if direction != "in" else set(),
        chosen if direction != "out" else set(),
    )
    params = {"depth": depth, "limit": limit, "direction": direction, "types": types}
    with read_by_id(few):
        answers = pages(client, "/entities/f0/neighbourhood", params)
    returned: set[str] = set()
    drawn: list[Edge] = []
    order: list[tuple[int, int, str]] = []
    for page in answers:
        assert len(page["nodes"]) <= limit
        ids = [n["id"] for n in page["nodes"]]
        assert not returned & set(ids), "an entity came twice"
        returned |= set(ids)
        keys = [
            (n["distance"], 0 if few is not None else -degree(edges, n["id"]), n["id"])
            for n in page["nodes"]
        ]
        assert keys == sorted(keys), "a page lists its entities in the walk's order"
        assert not order or not keys or order[-1] < keys[0], "pages out of order"
        order += keys
        for e in page["edges"]:
            assert e["type"] in chosen and (e["type"], e["from_id"], e["to_id"]) in edges
            assert {e["from_id"], e["to_id"]} <= returned
            assert e["from_id"] in ids or e["to_id"] in ids
            drawn.append((e["type"], e["from_id"], e["to_id"]))
    distances = {n["id"]: n["distance"] for p in answers for n in p["nodes"]}
    assert distances == expected
    among = [f for f in edges if f[0] in chosen and {f[1], f[2]} <= set(expected)]
    assert Counter(drawn) == Counter(among)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    edges=facts,
    depth=st.integers(1, 3),
    limit=st.integers(1, 3),
    direction=st.sampled_from(["upstream", "downstream"]),
    few=st.sampled_from([None, 0, 1, 100]),
)
def test_supply_chain_pages_add_up_to_the_whole_chain(
    client: TestClient,
    walks_db: Db,
    edges: list[Edge],
    depth: int,
    limit: int,
    direction: str,
    few: int | None,
) -> None:
    load(client, walks_db, edges)
    # upstream from X: who supplies X (SUPPLIES backwards), what X depends on (forwards)
    along, against = {"SUPPLIES"}, {"DEPENDS_ON"}
    out, into = (against, along) if direction == "upstream" else (along, against)
    expected = bfs(edges, "f0", depth, out, into)
    params = {"depth": depth, "direction": direction}
    (whole,) = pages(client, "/entities/f0/supply-chain", {**params, "limit": 500})
    with read_by_id(few):
        answers = pages(client, "/entities/f0/supply-chain", {**params, "limit": limit})
    tiers: dict[int, list[str]] = {}
    links: dict[int, list[str]] = {}
    for page in answers:
        assert sum(len(t["entities"]) for t in page["tiers"]) <= limit
        for t in page["tiers"]:
            tiers.setdefault(t["tier"], []).extend(n["id"] for n in t["entities"])
            links.setdefault(t["tier"], []).extend(e["id"] for e in t["links"])
    got = {n: tier for tier, ids in tiers.items() for n in ids}
    assert sum(len(ids) for ids in tiers.values()) == len(got), "an entity came twice"
    assert got == {n: d for n, d in expected.items() if d > 0}
    assert {t["tier"]: sorted(e["id"] for e in t["links"]) for t in whole["tiers"]} == {
        tier: sorted(ids) for tier, ids in links.items() if ids or tiers.get(tier)
    }


def test_a_cursor_is_refused_when_garbled_or_given_other_parameters(
    client: TestClient, db: Db
) -> None:
    load(client, db, [("SUPPLIES", "f0", f) for f in FIRMS[1:]])
    first = client.get("/entities/f0/neighbourhood", params={"limit": 2}).json()
    assert first["truncated"] is True and first["next_cursor"]
    cursor = first["next_cursor"]
    # the tester's forgery: the given cursor's fingerprint and signature, another position
    version, packed = cursor.split(".", 1)
    digest, (distance, rank, _last), signature = json.loads(
        base64.urlsafe_b64decode(packed + "==")
    )
    forged = [digest, [distance, rank - 1, "zzz"], signature]
    forged_cursor = f"{version}." + base64.urlsafe_b64encode(json.dumps(forged).encode()).decode()
    refused = client.get("/entities/f0/neighbourhood", params={"cursor": forged_cursor})
    assert "not a cursor this service gave" in refused.json()["detail"]
    for url, params in (
        ("/entities/f0/neighbourhood", {"cursor": forged_cursor}),
        ("/entities/f0/neighbourhood", {"cursor": "w1.garbage"}),
        ("/entities/f0/neighbourhood", {"cursor": "not a cursor!"}),
        ("/entities/f0/neighbourhood", {"cursor": cursor, "depth": 2}),
        ("/entities/f1/neighbourhood", {"cursor": cursor}),
        ("/entities/f0/neighbourhood", {"cursor": cursor, "direction": "in"}),
        ("/entities/f0/supply-chain", {"cursor": cursor}),
    ):
        response = client.get(url, params=params)
        assert response.status_code == 422, (url, params, response.text)
        assert response.json()["pointer"] == "query:cursor"
    # only the page size may change between pages
    rest = client.get("/entities/f0/neighbourhood", params={"cursor": cursor, "limit": 10})
    assert rest.status_code == 200 and rest.json()["next_cursor"] is None
    assert len(rest.json()["nodes"]) == len(FIRMS) - 2


@pytest.mark.parametrize("few", [0, 100])
def test_a_level_read_by_id_draws_facts_to_its_entities_on_earlier_pages(
    client: TestClient, walks_db: Db, few: int
) -> None:
    """A fact between two entities of one level, on different pages of a level read by id:
    the later page draws it, though the service never held the earlier page's part of the
    level when it read the later one."""
    star = [("SUPPLIES", "f0", f) for f in FIRMS[1:]]
    edges = [*star, ("DEPENDS_ON", "f1", "f3"), ("DEPENDS_ON", "f5", "f2")]
    load(client, walks_db, edges)
    with read_by_id(few):
        answers = pages(client, "/entities/f0/neighbourhood", {"depth": 2, "limit": 1})
    drawn = [(e["type"], e["from_id"], e["to_id"]) for p in answers for e in p["edges"]]
    assert Counter(drawn) == Counter(edges)
    shown = {(e["from_id"], e["to_id"]): i for i, p in enumerate(answers) for e in p["edges"]}
    ids = [n["id"] for p in answers for n in p["nodes"]]
    assert ids == ["f0", *FIRMS[1:]], "a level read by id comes in id order"
    assert shown[("f1", "f3")] == ids.index("f3") and shown[("f5", "f2")] == ids.index("f5")
