"""Every Cypher file: the service's queries plan (EXPLAIN) with their documented
parameters, and every Browser guide query answers on the seeded graph."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.settings import ApiSettings as Settings
from graph.domain.declaration import DOMAIN
from graph.store.cypher import QUERY_DIR, query_names
from graph.store.fragments import outside_regions, with_fragments
from present.browser_guide import guide_queries
from tests.conftest import ROOT, Db, seed_article

PARAM = re.compile(r"^// :param (\w+) => (.+)$", re.MULTILINE)


def documented_params(db: Db, text: str) -> dict[str, Any]:
    """The file's ``:param`` lines, evaluated by Neo4j exactly as Browser would."""
    params = {}
    for name, literal in PARAM.findall(text):
        params[name] = db.query(f"RETURN {literal} AS value")[0]["value"]
    return params


def used_params(text: str) -> set[str]:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return set(re.findall(r"\$(\w+)", body))


@pytest.mark.parametrize("name", query_names())
def test_every_query_file_plans_with_its_documented_params(seeded: Db, name: str) -> None:
    text = (QUERY_DIR / f"{name}.cypher").read_text()
    params = documented_params(seeded, text)
    assert used_params(text) <= set(params), f"{name}: document every parameter with :param"
    seeded.query("EXPLAIN " + text, **params)


def test_every_query_file_is_used_by_the_service() -> None:
    source = "\n".join(p.read_text() for p in (ROOT / "graph").rglob("*.py"))
    unused = [n for n in query_names() if f'"{n}"' not in source]
    assert unused == [], f"query files nothing loads: {unused}"


@pytest.mark.parametrize("guide", guide_queries(), ids=lambda g: g.name)
def test_every_guide_query_answers_on_the_seeded_graph(seeded: Db, guide: Any) -> None:
    params = {k: seeded.query(f"RETURN {v} AS value")[0]["value"] for k, v in guide.params.items()}
    assert used_params(guide.query) <= set(params)
    rows = seeded.query(guide.query, **params)
    assert rows, f"the guide's '{guide.title}' query finds nothing on the article graph"


def test_guide_and_style_are_served_for_browser(client: TestClient) -> None:
    response = client.get("/browser/guide.html", headers={"Origin": "http://127.0.0.1:7474"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "http://127.0.0.1:7474"
    page = response.text
    assert page.startswith('<article class="guide">')
    assert page.count("<slide") == len(guide_queries()) + 1
    assert ":params {id: &#x27;tsmc&#x27;}" in page
    assert (
        ":style node { diameter: 50px;" in page and "http://localhost/browser/style.grass" in page
    )
    style = client.get("/browser/style.grass").text
    kinds = [kind.label for kind in DOMAIN.kinds.values()]
    assert all(f"node.{k} {{" in style for k in kinds)


def test_every_relationship_type_has_a_unique_id(db: Db, client: TestClient) -> None:
    from graph.domain import RelType

    rows = db.query(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "WHERE type = 'RELATIONSHIP_UNIQUENESS' RETURN labelsOrTypes[0] AS rel_type, properties"
    )
    assert {r["rel_type"] for r in rows} == {t.value for t in RelType}
    assert all(r["properties"] == ["id"] for r in rows)
    db.query("CREATE (:Entity {id: 'a'})-[:SUPPLIES {id: 'a|SUPPLIES|b|x'}]->(:Entity {id: 'b'})")
    with pytest.raises(Exception, match="already exists"):
        db.query(
            "MATCH (a:Entity {id: 'a'}), (b:Entity {id: 'b'}) "
            "CREATE (a)-[:SUPPLIES {id: 'a|SUPPLIES|b|x'}]->(b)"
        )


def test_the_guide_shows_stated_and_inferred_facts(db: Db, settings: Settings) -> None:
    seed_article(settings)
    (guide,) = [g for g in guide_queries() if g.title == "Stated or inferred"]
    rows = db.query(guide.query)
    assert {r["basis"] for r in rows} == {"stated", "inferred"}
    assert rows[0]["basis"] == "inferred" and rows[0]["why_inferred"]
    assert all(r["why_inferred"] is None for r in rows if r["basis"] == "stated")


def test_the_moment_is_written_once() -> None:
    """The predicates that place an item at a read's moment (seen then, valid on a day,
    its state recorded then) appear in query files only as copies of their fragments in
    cypher/moment/, each copy as its fragment is now."""
    for path in sorted(QUERY_DIR.glob("*.cypher")):
        text = path.read_text()
        assert outside_regions(text) == [], f"{path.name} states a moment predicate itself"
        assert with_fragments(text) == text, f"{path.name}: a fragment changed; run make domain"
