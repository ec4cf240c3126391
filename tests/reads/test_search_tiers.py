"""Search ranks in the database (``search_entities``) by the rule ``graph/domain/names.py`` states
in Python: generated names and searches, written through the API to a real Neo4j, must
get from ``GET /search`` the tier :func:`graph.domain.names.tier` gives each hit, in the order
:func:`graph.domain.names.rank_key` gives; every name that is the text or begins with it is found
(the keyword index of folded names, ``entity_keys``); and a graph stored before the keys
were (schema version 7) gets them when the schema is applied.
"""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.profile_reads import profiled
from graph.domain import names
from graph.store import schema
from graph.store.schema import NAME_KEYS_STORED_FROM
from graph.store.settings import Settings
from tests.conftest import Db
from tests.payloads import entity, source
from tests.shared import apply_schema_from

#: words that fold into one another (case, accents, width, soft hyphens, punctuation) and
#: begin one another, so generated names meet every tier
WORDS = [
    "Arizona", "ARIZÓNA", "Ariz", "Taiwan", "Taiwán", "Ｔａｉｗａｎ", "TSMC", "TSMC's", "tsm",
    "Semi-conductor", "semi", "Li-chiun", "li", "Straße", "strasse", "Ar\u00adizona", "9", "90",
]  # fmt: skip
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)


def search(client: TestClient, text: str) -> list[dict[str, Any]]:
    answer = client.get("/search", params={"q": text, "limit": 100})
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    named=st.lists(st.tuples(phrases, st.lists(phrases, max_size=2)), min_size=1, max_size=6),
    text=st.one_of(phrases, st.sampled_from(WORDS).map(lambda w: w[: max(1, len(w) // 2)])),
)
def test_the_database_ranks_as_the_rule_in_python_does(
    client: TestClient, db: Db, named: list[tuple[str, list[str]]], text: str
) -> None:
    db.wipe()
    entities = [
        entity(f"e-{i}", name=name, aliases=list(dict.fromkeys(a for a in aliases if a != name)))
        for i, (name, aliases) in enumerate(named)
    ]
    answer = client.post("/batch", json={"sources": [source()], "entities": entities})
    assert answer.status_code == 200, answer.text
    hits = search(client, text)
    by_id = {e["id"]: names.names_of(e["name"], e["aliases"]) for e in entities}
    tiers = {h["id"]: names.tier(text, by_id[h["id"]]) for h in hits}
    assert [h["match"] for h in hits] == [tiers[h["id"]] for h in hits]
    # no facts: every degree is 0, so the order is by tier, then id
    expected = sorted(tiers, key=lambda i: names.rank_key(tiers[i], 0, i))
    assert [h["id"] for h in hits] == expected
    # the names' own tiers are complete: whatever is the text, or begins with it, is found
    keyed = {i for i, n in by_id.items() if names.tier(text, n) in ("exact", "prefix")}
    assert keyed <= set(tiers), (keyed, tiers)


def words_read(plan: dict[str, Any]) -> int:
    """How many matches the full-text index of words gave a profiled search (the rows of
    the operator above its call: a procedure's own are not counted)."""
    for child in plan.get("children", []):
        details = str(child.get("args", {}).get("Details", ""))
        if child["operatorType"].startswith("ProcedureCall") and ", words," in details:
            return int(plan["rows"])
        found = words_read(child)
        if found >= 0:
            return found
    return -1


def test_names_that_fill_the_page_leave_the_words_unread(client: TestClient, db: Db) -> None:
    """When the names that are, or begin with, the text fill the page, the full-text index
    of words and typos is not asked: its matches would all rank below them."""
    db.wipe()
    firms = [entity(f"arizona-{i}", name=f"Arizona {i}") for i in range(3)]
    firms.append(entity("in-arizona", name="Fab in Arizona"))
    answer = client.post("/batch", json={"sources": [source()], "entities": firms})
    assert answer.status_code == 200, answer.text
    with profiled() as seen:
        page = client.get("/search", params={"q": "arizona", "limit": 3}).json()["items"]
        client.get("/search", params={"q": "arizona", "limit": 4})
    assert [h["match"] for h in page] == ["prefix"] * 3
    filled, short = (words_read(plan) for plan in seen.plans)
    assert filled == 0 and short > 0, (filled, short)
    everything = search(client, "arizona")
    assert [h["id"] for h in everything][-1] == "in-arizona"
    assert everything[-1]["match"] == "token"


def test_an_older_graph_gets_the_keys_of_its_names(
    client: TestClient, db: Db, settings: Settings
) -> None:
    db.wipe()
    others = [entity(f"other-{i}") for i in range(3)]
    body = {
        "sources": [source()],
        "entities": [entity("tw", name="Taiwán", aliases=["ROC"]), *others],
    }
    answer = client.post("/batch", json=body)
    assert answer.status_code == 200, answer.text
    # as a graph stored before version 7 holds it
    db.query("MATCH (n:Entity) REMOVE n.name_keys")
    # without its keys, the name is found by its words alone, and ranked as a typo would be
    assert [(h["id"], h["match"]) for h in search(client, "taiwan")] == [("tw", "fuzzy")]

    with patch.object(schema, "NAME_KEYS_BATCH", 1):  # batch after batch, each read on
        apply_schema_from(NAME_KEYS_STORED_FROM - 1, db, settings)
    assert db.query("MATCH (n:Entity) WHERE n.name_keys IS NULL RETURN n.id") == []
    stored = db.query("MATCH (n:Entity {id: 'tw'}) RETURN n.name_keys AS keys")
    assert stored == [{"keys": ["taiwan", "roc"]}]
    assert [(h["id"], h["match"]) for h in search(client, "TAIWAN")] == [("tw", "exact")]
    assert [(h["id"], h["match"]) for h in search(client, "ro")] == [("tw", "prefix")]


def test_a_letter_of_any_script_is_a_word_and_punctuation_alone_is_not(
    client: TestClient, db: Db
) -> None:
    """The rule is the service's (Unicode letters and digits), not a schema pattern whose
    ``\\w`` some readers take for ASCII (schemathesis sent ``Ï`` expecting a refusal)."""
    db.wipe()
    body = {"sources": [source()], "entities": [entity("i", name="Ïle"), entity("t", name="台灣")]}
    assert client.post("/batch", json=body).status_code == 200
    assert [(h["id"], h["match"]) for h in search(client, "ï")] == [("i", "prefix")]
    assert [(h["id"], h["match"]) for h in search(client, "台灣")] == [("t", "exact")]
    for text in ("?!", "\u0301", "--"):
        answer = client.get("/search", params={"q": text})
        assert answer.status_code == 422, (text, answer.text)
        assert answer.json()["pointer"] == "query:q", answer.json()
