"""The questions the API answers, asserted exactly on the seeded article graph."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Db
from tests.payloads import entity, relationship, source

ARTICLE = "taiwan-us-tech-talks-article"


@pytest.fixture(scope="module", autouse=True)
def article(seeded: Db) -> Db:
    return seeded


def ok(client: TestClient, url: str, **params: object) -> dict:
    response = client.get(url, params=params)  # type: ignore[arg-type]
    assert response.status_code == 200, response.text
    return response.json()


def test_entity_by_id_and_by_alias(client: TestClient) -> None:
    body = ok(client, "/entities/tsmc")
    assert body["entity"]["name"] == "TSMC"
    # the article says TSMC makes chips, not where it has its headquarters
    assert body["entity"]["attributes"] == {"sector": "Semiconductors"}
    assert {"type": "INVESTS_IN", "direction": "out", "count": 1} in body["relationships"]
    by_alias = ok(client, "/entities", name="washington")
    assert [n["id"] for n in by_alias["items"]] == ["us-government"]


def test_search_is_ranked_and_tolerates_typos(client: TestClient) -> None:
    hits = ok(client, "/search", q="tsmcc")["items"]
    assert hits[0]["id"] == "tsmc"
    assert ok(client, "/search", q="Cheng Li-chiun")["items"][0]["id"] == "cheng-li-chiun"
    assert ok(client, "/search", q="chipmaking strenght")["items"][0]["id"] == "tsmc"
    only_events = ok(client, "/search", q="talks", kind="event")["items"]
    assert {h["kind"] for h in only_events} == {"event"}
    assert "taiwan-us-tech-talks" in [h["id"] for h in only_events]


def test_search_pages_with_a_cursor(client: TestClient) -> None:
    first = ok(client, "/search", q="taiwan", limit=2)
    second = ok(client, "/search", q="taiwan", limit=2, cursor=first["next_cursor"])
    everything = ok(client, "/search", q="taiwan", limit=100)["items"]
    assert [h["id"] for h in first["items"] + second["items"]] == [h["id"] for h in everything[:4]]
    assert client.get("/search", params={"q": "x", "cursor": "garbage"}).status_code == 422


def test_list_entities_pages_in_id_order(client: TestClient) -> None:
    first = ok(client, "/entities", kind="location", limit=2)
    assert [n["id"] for n in first["items"]] == ["arizona", "taiwan"]
    rest = ok(client, "/entities", kind="location", limit=2, cursor=first["next_cursor"])
    assert [n["id"] for n in rest["items"]] == ["united-states"]
    assert rest["next_cursor"] is None


def test_neighbourhood_depth_one(client: TestClient) -> None:
    view = ok(client, "/entities/tsmc/neighbourhood")
    # the walk's order: nearest, then more relationships (taiwan has 4, arizona 3), then id
    assert [(n["id"], n["distance"]) for n in view["nodes"]] == [
        ("tsmc", 0),
        ("taiwan", 1),
        ("arizona", 1),
        ("tsmc-arizona-fabs", 1),
    ]
    assert {e["id"] for e in view["edges"]} == {
        "tsmc|INVESTS_IN|arizona",
        "tsmc|PRODUCES_IN|taiwan|chips",
        "tsmc|OPERATES|tsmc-arizona-fabs",
        # edges between neighbours are drawn too
        "tsmc-arizona-fabs|LOCATED_IN|arizona",
    }
    edge = next(e for e in view["edges"] if e["type"] == "INVESTS_IN")
    assert (edge["from_id"], edge["to_id"]) == ("tsmc", "arizona")
    assert edge["sentence"].startswith("TSMC invests 165 billion USD in Arizona")
    assert view["truncated"] is False


def test_neighbourhood_filters_by_type_direction_and_kind(client: TestClient) -> None:
    view = ok(
        client,
        "/entities/tsmc-arizona-fabs/neighbourhood",
        depth=2,
        types=["LOCATED_IN"],
        direction="out",
    )
    assert [n["id"] for n in view["nodes"]] == ["tsmc-arizona-fabs", "arizona", "united-states"]
    incoming = ok(client, "/entities/arizona/neighbourhood", direction="in")
    assert [n["id"] for n in incoming["nodes"]] == ["arizona", "tsmc", "tsmc-arizona-fabs"]
    firms = ok(client, "/entities/arizona/neighbourhood", depth=2, kind=["firm"])
    assert [n["id"] for n in firms["nodes"]] == ["arizona", "tsmc"]


def test_neighbourhood_limit_truncates(client: TestClient) -> None:
    view = ok(client, "/entities/taiwan-government/neighbourhood", depth=3, limit=3)
    assert len(view["nodes"]) == 3 and view["truncated"] is True


def test_path_from_cheng_li_chiun_to_tsmc(client: TestClient) -> None:
    body = ok(client, "/paths", **{"from": "cheng-li-chiun", "to": "tsmc"})
    (path,) = body["paths"]
    assert path["length"] == 3
    assert [n["id"] for n in path["nodes"]] == [
        "cheng-li-chiun",
        "taiwan-government",
        "taiwan",
        "tsmc",
    ]
    assert path["sentences"][1:] == [
        "Government of Taiwan governs Taiwan",
        "TSMC produces chips in Taiwan",
    ]
    assert path["sentences"][0].startswith("Cheng Li-chiun is ")
    assert [s["id"] for s in path["sources"]] == [ARTICLE]


def test_all_shortest_and_k_paths(client: TestClient) -> None:
    params = {"from": "cheng-li-chiun", "to": "tsmc"}
    every = ok(client, "/paths", mode="all_shortest", **params)["paths"]
    # two roles of Cheng in the government, one fact tying TSMC to Taiwan
    assert len(every) == 2 and {p["length"] for p in every} == {3}
    two = ok(client, "/paths", mode="k_shortest", k=2, **params)["paths"]
    assert len(two) == 2
    via_talks = ok(
        client,
        "/paths",
        types=["PARTICIPATES_IN", "INVOLVES", "PROPOSES"],
        **{"from": "cheng-li-chiun", "to": "us-government"},
    )["paths"]
    assert [n["id"] for n in via_talks[0]["nodes"]] == [
        "cheng-li-chiun",
        "taiwan-us-tech-talks",
        "us-government",
    ]
    assert ok(client, "/paths", max_hops=2, **params)["paths"] == []


def test_common_connections(client: TestClient) -> None:
    items = ok(client, "/entities/taiwan-government/common/us-government")["items"]
    # the partnership, the talks, and the proposal one side made and the other rejected
    assert [i["node"]["id"] for i in items] == [
        "taiwan-us-strategic-tech-partnership",
        "taiwan-us-tech-talks",
        "us-equal-chip-production-split",
    ]
    assert [e["type"] for e in items[2]["via_a"] + items[2]["via_b"]] == ["REJECTS", "PROPOSES"]
    talks = items[1]
    assert [e["id"] for e in talks["via_a"]] == [
        "taiwan-government|PARTICIPATES_IN|taiwan-us-tech-talks|negotiating party"
    ]


def test_stances_on_the_equal_split_proposal(client: TestClient) -> None:
    body = ok(client, "/entities/us-equal-chip-production-split/stances")
    assert body["entity"]["id"] == "us-equal-chip-production-split"
    assert body["attributes"] == {"proposal_type": "policy_proposal", "status": "rejected"}
    assert [(s["actor"]["id"], s["stance"]) for s in body["stances"]] == [
        ("us-government", "PROPOSES"),
        ("taiwan-government", "REJECTS"),
    ]
    rejected = body["stances"][1]
    assert rejected["fact"]["attestations"][0]["evidence"].startswith("Taiwan has dismissed")
    assert [s["id"] for s in rejected["sources"]] == [ARTICLE]
    assert client.get("/entities/tsmc/stances").status_code == 404


def test_the_deprecated_stances_path_answers_in_its_old_shape(client: TestClient) -> None:
    """``GET /proposals/{id}/stances`` (the path before ``/entities/{id}/stances``, derived
    from the declaration) still answers, deprecated, the same stances in its old shape."""
    now = ok(client, "/entities/us-equal-chip-production-split/stances", limit=1)
    old = ok(client, "/proposals/us-equal-chip-production-split/stances", limit=1)
    assert old == {
        "proposal": now["entity"],
        **now["attributes"],
        "stances": now["stances"],
        "next_cursor": now["next_cursor"],
    }
    # one cursor scheme: a cursor of either path resumes the other
    rest = ok(
        client, "/proposals/us-equal-chip-production-split/stances", cursor=now["next_cursor"]
    )
    assert [s["stance"] for s in rest["stances"]] == ["REJECTS"]
    assert client.get("/proposals/tsmc/stances").status_code == 404
    operation = client.get("/openapi.json").json()["paths"]["/proposals/{entity_id}/stances"]
    assert operation["get"]["deprecated"] is True


def test_tsmc_investments_and_why_they_are_believed(client: TestClient) -> None:
    fact = ok(client, "/relationships/tsmc|INVESTS_IN|arizona")
    assert fact["relationship"]["qualifiers"]["amount"] == 165e9
    assert fact["relationship"]["qualifiers"]["currency"] == "USD"
    assert fact["sources"][0]["title"] == "Taiwan–U.S. strategic tech partnership talks"
    invested = ok(client, "/entities/tsmc/neighbourhood", types=["INVESTS_IN"], direction="out")
    assert [e["sentence"] for e in invested["edges"]] == [
        "TSMC invests 165 billion USD in Arizona "
        "(Semiconductor factories, reflecting strong demand from AI applications)"
    ]


def test_exposure_of_arizona(client: TestClient) -> None:
    body = ok(client, "/entities/arizona/exposure")
    assert [(e["entity"]["id"], e["distance"]) for e in body["exposed"]] == [
        ("tsmc", 1),
        ("tsmc-arizona-fabs", 1),
    ]
    assert [[fact["sentence"] for fact in e["via"]] for e in body["exposed"]] == [
        [
            "TSMC invests 165 billion USD in Arizona "
            "(Semiconductor factories, reflecting strong demand from AI applications)"
        ],
        ["TSMC semiconductor factories in Arizona is located in Arizona"],
    ]


def test_timeline_of_the_talks(client: TestClient) -> None:
    body = ok(client, "/entities/taiwan-us-tech-talks/timeline")
    # the article dates nothing, so every item is undated, ordered by sentence
    assert [i["date"] for i in body["items"]] == [None]
    assert body["items"][0]["event"]["id"] == "us-government-shutdown"


def test_counts(client: TestClient, article: Db) -> None:
    body = ok(client, "/stats")
    assert body["entities_by_kind"]["proposal"] == 5
    assert body["relationships_by_type"]["COMPLICATES"] == 4
    nodes, rels = article.counts()
    assert (body["entities"] + 1, body["relationships"]) == (nodes, rels)  # + the one source


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/entities/tsmc/neighbourhood", {"depth": 4}),
        ("/entities/tsmc/neighbourhood", {"depth": 0}),
        ("/entities/tsmc/neighbourhood", {"limit": 501}),
        ("/paths", {"from": "tsmc", "to": "arizona", "max_hops": 7}),
        ("/paths", {"from": "tsmc", "to": "arizona", "mode": "k_shortest", "k": 11}),
        ("/entities/tsmc/supply-chain", {"depth": 9}),
        ("/search", {"q": "x", "limit": 1000}),
        ("/entities/tsmc/neighbourhood", {"as_of": "2025-13-01"}),
        ("/entities/tsmc/neighbourhood", {"types": ["NOT_A_TYPE"]}),
    ],
)
def test_caps_are_refused_with_422(client: TestClient, url: str, params: dict) -> None:
    response = client.get(url, params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_unknown_entities_are_404(client: TestClient) -> None:
    assert client.get("/entities/nobody/neighbourhood").status_code == 404
    response = client.get("/paths", params={"from": "tsmc", "to": "nobody"})
    assert response.status_code == 404
    assert response.json()["pointer"] == "query:to"


def test_stated_only_on_the_article_graph(client: TestClient) -> None:
    # Cheng's tariff role and the government governing Taiwan are inferred: over stated
    # facts the way to TSMC is longer, through the partnership and what it affects
    (path,) = ok(client, "/paths", stated_only="true", **{"from": "cheng-li-chiun", "to": "tsmc"})[
        "paths"
    ]
    assert path["length"] == 4
    assert all(a["basis"] == "stated" for e in path["edges"] for a in e["attestations"])
    view = ok(client, "/entities/tsmc/neighbourhood", stated_only="true")
    # in the walk's order: taiwan has more relationships than arizona
    assert [n["id"] for n in view["nodes"]] == ["tsmc", "taiwan", "arizona"]
    full = ok(client, "/entities/tsmc/neighbourhood")
    operates = next(e for e in full["edges"] if e["type"] == "OPERATES")
    assert [(a["basis"], a["confidence"]) for a in operates["attestations"]] == [("inferred", 0.6)]
    assert operates["attestations"][0]["reason"].startswith("The article says TSMC is investing")


def test_k_shortest_paths_visit_each_entity_once(client: TestClient, db: Db) -> None:
    """Two facts between the same pair make a way out and back: no path takes it (outside
    tester: such walks were answered as paths and pushed out longer proper ones)."""
    body = {
        "sources": [source()],
        "entities": [entity(i) for i in ("a", "h", "c", "d", "e")],
        "relationships": [
            relationship("SUPPLIES", "a", "h", product="x"),
            relationship("SUPPLIES", "a", "h", product="y"),
            relationship("SUPPLIES", "h", "c", product="x"),
            relationship("SUPPLIES", "a", "d", product="x"),
            relationship("SUPPLIES", "d", "e", product="x"),
            relationship("SUPPLIES", "e", "c", product="x"),
        ],
    }
    assert client.post("/batch", json=body).status_code == 200
    found = ok(client, "/paths", **{"from": "a", "to": "c"}, mode="k_shortest", k=10)["paths"]
    routes = [[n["id"] for n in p["nodes"]] for p in found]
    assert all(len(set(r)) == len(r) for r in routes), routes
    assert routes == [["a", "h", "c"], ["a", "h", "c"], ["a", "d", "e", "c"]]


@pytest.mark.parametrize(
    ("name", "asked"),
    [
        ("ZZ Smile \U0001f600 Co", "zz smile \U0001f600 co"),
        ("ZZ Smile \U0001f600 Co", "ZZ Smile Co"),  # the symbol folds away, as in search
        ("ZZ \u0625\u062e\u062a\u0628\u0627\u0631", "zz \u0625\u062e\u062a\u0628\u0627\u0631"),
        ("ZZ Fraktur \U0001d518 Co", "zz fraktur \U0001d518 co"),
    ],
)
def test_a_name_is_found_in_any_case_whatever_its_script(
    client: TestClient, db: Db, name: str, asked: str
) -> None:
    """Names the full-text index splits otherwise (Arabic with a hamza, symbols, math
    letters) are found by their folded key too (outside tester)."""
    body = {
        "sources": [source()],
        "entities": [entity("named", name=name), entity("other")],
        "relationships": [relationship("SUPPLIES", "named", "other", product="x")],
    }
    assert client.post("/batch", json=body).status_code == 200
    resolved = ok(client, "/resolve", name=asked)
    assert [m["id"] for m in resolved["matches"]] == ["named"], resolved
    paths = ok(client, "/paths", **{"from": asked, "to": "other"})["paths"]
    assert [n["id"] for n in paths[0]["nodes"]] == ["named", "other"]
    listed = ok(client, "/entities", name=asked)
    assert [e["id"] for e in listed["items"]] == ["named"], listed


def test_all_shortest_answers_at_most_fifty_paths_and_k_at_most_ten(
    client: TestClient, db: Db
) -> None:
    """The caps the README states: `all_shortest` answers up to 50 equally short paths (in
    the order of their facts' ids), and `k` past 10 is refused."""
    middles = [f"m{i:02d}" for i in range(60)]
    body = {
        "sources": [source()],
        "entities": [entity(i) for i in ("a", "c", *middles)],
        "relationships": [
            *(relationship("SUPPLIES", "a", m, product="x") for m in middles),
            *(relationship("SUPPLIES", m, "c", product="x") for m in middles),
        ],
    }
    assert client.post("/batch", json=body).status_code == 200
    ends = {"from": "a", "to": "c"}
    every = ok(client, "/paths", mode="all_shortest", **ends)["paths"]
    assert [p["nodes"][1]["id"] for p in every] == middles[:50]
    refused = client.get("/paths", params={**ends, "mode": "k_shortest", "k": 11})
    assert refused.status_code == 422 and refused.json()["pointer"] == "query:k"
