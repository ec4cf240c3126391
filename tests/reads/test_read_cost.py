"""What a read costs the database, counted, not timed: every query a read runs is run
under PROFILE, and the test bounds the queries it takes (round trips) and the database
hits it spends per entity it returns. The graph has a hub: a firm of 10,000 suppliers,
one hop from the root, so a depth-2 page of 50 walks through it.

A page reads at most what it needs through a hub: a level reached through one is read
by id from the indexes on the facts' ends, no further than the page, and the page's facts
from the side of each pair that holds fewer (``graph.reads.walks``). Before this, the walk read
every neighbour of the hub to order them by degree: 112,000 hits for the page of 50.
The reads are first made while the graph is small, so the plans Neo4j caches then are
the ones held to the bound.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from unittest.mock import patch

import pytest
from fastapi.testclient import TestClient

from bench.profile_reads import Profiled
from bench.profile_reads import profiled as profiling
from graph.reads import walks
from tests.conftest import Db
from tests.payloads import entity, relationship, source

HUB_SUPPLIERS = 10_000
PAGE = 50
#: database hits per entity a page returns, at most: a page that reads the whole hub
#: spends hundreds (every neighbour's relationship, properties and degree)
HITS_PER_ENTITY = 100


@pytest.fixture
def profiled() -> Iterator[Profiled]:
    """Every query the service runs in the test is profiled, and its hits recorded."""
    with profiling() as seen:
        yield seen


@pytest.fixture(scope="module")
def hub_graph(client: TestClient, driver: Any, settings: Any) -> None:
    """root supplies `hub`; 10,000 firms supply the hub; the root has two more neighbours."""
    Db(driver, settings.neo4j_database).wipe()
    suppliers = [f"s{i:05d}" for i in range(HUB_SUPPLIERS)]
    firms = [entity(i) for i in ("root", "hub", "near-1", "near-2")]
    facts = [
        relationship("SUPPLIES", "root", "hub", product="chips"),
        relationship("SUPPLIES", "near-1", "root", product="chips"),
        relationship("SUPPLIES", "near-2", "root", product="chips"),
    ]
    answer = client.post(
        "/batch", json={"sources": [source()], "entities": firms, "relationships": facts}
    )
    assert answer.status_code == 200, answer.text
    # the reads planned while the graph is small: a plan cached from then (Neo4j replans
    # only once its statistics have drifted far enough, and not at once) must not read
    # the hub whole once it is there
    # (by degree, and by id as through a hub, each frontier entity's facts read from it
    # or type by type from the index on their ends)
    for budget, few in ((walks.LAZY_FROM, walks.FEW), (0, 0), (0, walks.FEW)):
        with patch.multiple(walks, LAZY_FROM=budget, FEW=few):
            for depth in (1, 2):
                params: dict[str, Any] = {"depth": depth, "limit": PAGE}
                answer = client.get("/entities/root/neighbourhood", params=params)
                assert answer.status_code == 200
                params["limit"] = 2
                page = client.get("/entities/root/neighbourhood", params=params).json()
                params["cursor"] = page["next_cursor"]
                answer = client.get("/entities/root/neighbourhood", params=params)
                assert answer.status_code == 200
    for start in range(0, HUB_SUPPLIERS, 5_000):
        part = suppliers[start : start + 5_000]
        body = {
            "entities": [entity(s) for s in part],
            "relationships": [relationship("SUPPLIES", s, "hub", product="wafers") for s in part],
        }
        answer = client.post("/batch", json=body)
        assert answer.status_code == 200, answer.text
    for body in globe():
        answer = client.post("/batch", json=body)
        assert answer.status_code == 200, answer.text


#: countries two hops from `globe`, each the location of COUNTRY_FIRMS more firms
COUNTRIES = [f"country-{i}" for i in range(6)]
COUNTRY_FIRMS = 1_000


def globe() -> list[dict[str, Any]]:
    """A second root, apart from the first: `globe` supplies `m1` and `m2`, both located
    in six countries (one of them located in another), each the location of 1,000 more
    firms; `m2` supplies 40 firms of few facts. Its depth-2 page holds the countries
    (hubs) and the 40."""
    few = [f"small-{i:02d}" for i in range(40)]
    facts = [relationship("SUPPLIES", "globe", m, product="chips") for m in ("m1", "m2")]
    facts += [relationship("LOCATED_IN", m, c) for m in ("m1", "m2") for c in COUNTRIES]
    facts += [relationship("LOCATED_IN", COUNTRIES[1], COUNTRIES[0])]
    facts += [relationship("SUPPLIES", "m2", f, product="chips") for f in few]
    first = {
        "entities": [entity(i) for i in ("globe", "m1", "m2", *few)]
        + [entity(c, "location") for c in COUNTRIES],
        "relationships": facts,
    }
    located = [
        (f"c{c}-firm-{i:04d}", country)
        for c, country in enumerate(COUNTRIES)
        for i in range(COUNTRY_FIRMS)
    ]
    rest = [
        {
            "entities": [entity(f) for f, _ in part],
            "relationships": [relationship("LOCATED_IN", f, c) for f, c in part],
        }
        for part in (located[:3_000], located[3_000:])
    ]
    return [first, *rest]


def page_of_depth_two(client: TestClient) -> dict[str, Any]:
    answer = client.get("/entities/root/neighbourhood", params={"depth": 2, "limit": PAGE})
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_depth_two_page_through_a_hub_takes_few_round_trips(
    hub_graph: None, client: TestClient, profiled: Profiled
) -> None:
    page = page_of_depth_two(client)
    assert len(page["nodes"]) == PAGE and page["truncated"] is True
    # the root's lookup (which reads the revision head first), two levels (three when the
    # second is read by id after all), the page's facts (which read the head last): the
    # round trips do not grow with the hub or the page
    assert len(profiled.queries) <= 5, profiled.queries


def test_a_depth_two_page_through_a_hub_ships_the_page_not_the_hub(
    hub_graph: None, client: TestClient, profiled: Profiled
) -> None:
    """The database sorts a level and sends the service the page's part of it (and the
    level's size), not the hub's 10,000 entities; the next page resumes where it ended."""
    page = page_of_depth_two(client)
    assert profiled.shipped <= 10 * PAGE, profiled.shipped
    answer = client.get(
        "/entities/root/neighbourhood",
        params={"depth": 2, "limit": PAGE, "cursor": page["next_cursor"]},
    )
    assert answer.status_code == 200, answer.text
    following = answer.json()
    assert len(following["nodes"]) == PAGE
    assert not {n["id"] for n in page["nodes"]} & {n["id"] for n in following["nodes"]}


def test_a_depth_two_page_through_a_hub_reads_what_the_page_needs(
    hub_graph: None, client: TestClient, profiled: Profiled
) -> None:
    page = page_of_depth_two(client)
    returned = len(page["nodes"])
    assert profiled.hits <= HITS_PER_ENTITY * returned, [
        (name, hits, where)
        for (name, hits), where in zip(profiled.queries, profiled.costliest, strict=True)
    ]


def test_a_page_of_hubs_reads_their_facts_to_the_page_not_the_hubs(
    hub_graph: None, client: TestClient, profiled: Profiled, driver: Any, settings: Any
) -> None:
    """The page two hops from `globe` holds six countries of 1,000 facts each: their facts
    to the entities returned are found pair by pair (and from the side of few facts), not
    by reading 6,000 facts; the page draws every fact among the entities returned."""
    answer = client.get("/entities/globe/neighbourhood", params={"depth": 2, "limit": PAGE})
    assert answer.status_code == 200, answer.text
    page = answer.json()
    returned = {n["id"] for n in page["nodes"]}
    assert set(COUNTRIES) <= returned and not page["truncated"], returned
    assert profiled.hits <= HITS_PER_ENTITY * len(returned), [
        (name, hits, where)
        for (name, hits), where in zip(profiled.queries, profiled.costliest, strict=True)
    ]
    among = Db(driver, settings.neo4j_database).query(
        "MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids RETURN r.id AS id",
        ids=sorted(returned),
    )
    assert sorted(e["id"] for e in page["edges"]) == sorted(r["id"] for r in among)


def test_a_search_ships_its_page_not_its_candidates(
    hub_graph: None, client: TestClient, profiled: Profiled
) -> None:
    """10,000 names begin with "S0": the database ranks its candidates and sends the page
    (the service ranked 200 candidates itself before search was ranked in the database)."""
    answer = client.get("/search", params={"q": "S0", "limit": 20})
    assert answer.status_code == 200, answer.text
    hits = answer.json()["items"]
    assert len(hits) == 20 and {h["match"] for h in hits} == {"prefix"}, hits
    assert profiled.shipped == 20, profiled.shipped


@pytest.mark.parametrize(
    ("url", "params", "round_trips"),
    [
        # one query: one moment by itself, no revision head read around it
        ("/entities/hub", {}, 1),
        ("/search", {"q": "hub"}, 1),
        # the root (its lookup reads the revision head first), one level, and the page's
        # facts (which read the revision head last)
        ("/entities/root/neighbourhood", {"depth": 1}, 3),
        # each end (the first end's lookup reads the revision head first), and the paths
        # with the sources they cite (which read the revision head last)
        ("/paths", {"from": "near-1", "to": "s00042"}, 3),
    ],
)
def test_each_read_takes_the_round_trips_it_needs(
    hub_graph: None,
    client: TestClient,
    profiled: Profiled,
    url: str,
    params: dict[str, Any],
    round_trips: int,
) -> None:
    answer = client.get(url, params=params)
    assert answer.status_code == 200, answer.text
    assert len(profiled.queries) == round_trips, profiled.queries
