"""Schema version 8 rewrites what older versions stored (graph/store/stored_shapes.py):
facts without all their attestation lists, entities without ``attribute_claims``, and the
states revisions recorded of both. Against the real Neo4j: the article's graph with those
parts taken away where a writer today stores what they always meant, then the schema
applied, stores exactly what it stored before, byte for byte, and answers as before."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from graph.domain import CANONICAL, KIND_FIELDS, RESERVED_ENTITY_FIELDS
from graph.records import RETRACTION_FIELDS
from graph.records.encoding import entity_attributes
from graph.store.settings import Settings
from graph.store.stored_shapes import WHOLE_FROM, entity_claims, store_whole, whole_lists
from tests.conftest import Db
from tests.shared import apply_schema_from, stored_items, with_driver

LATER_LISTS = ("bases", "reasons", "ranks", "claims")


def _older_fact(props: dict[str, Any]) -> dict[str, Any] | None:
    """The fact as a writer before version 8 stored it, when that means what it stores."""
    old = {k: v for k, v in props.items() if k not in LATER_LISTS}
    return old if whole_lists(old) == {k: props[k] for k in whole_lists(old) or {}} else None


def _older_entity(props: dict[str, Any]) -> dict[str, Any] | None:
    old = {k: v for k, v in props.items() if k != "attribute_claims"}
    return old if entity_claims(old) == props.get("attribute_claims") else None


def _older_state(item: str, state: str) -> str | None:
    found = json.loads(state)
    older = (_older_fact if item == "relationship" else _older_entity)(found)
    return None if older is None else CANONICAL.encode(older)


def _age(db: Db) -> dict[str, int]:
    """Take away, in place, what version 8 restores; how many items of each kind lost it."""
    aged = {"fact": 0, "entity": 0, "state": 0}
    for row in db.query(
        "MATCH ()-[r]->() WHERE r.source_ids IS NOT NULL RETURN elementId(r) AS e, properties(r) AS p"
    ):
        if _older_fact(row["p"]) is not None:
            db.query(
                "MATCH ()-[r]->() WHERE elementId(r) = $e REMOVE r.bases, r.reasons, r.ranks, r.claims",
                e=row["e"],
            )
            aged["fact"] += 1
    for row in db.query("MATCH (n:Entity) RETURN properties(n) AS p"):
        if _older_entity(row["p"]) is not None:
            db.query("MATCH (n:Entity {id: $id}) REMOVE n.attribute_claims", id=row["p"]["id"])
            aged["entity"] += 1
    states = "MATCH (v:Revision) WHERE v.item IN ['entity', 'relationship'] AND v.state IS NOT NULL RETURN v.seq AS seq, v.item AS item, v.state AS state"
    for row in db.query(states):
        older = _older_state(row["item"], row["state"])
        if older is not None:
            db.query(
                "MATCH (v:Revision {seq: $seq}) SET v.state = $state", seq=row["seq"], state=older
            )
            aged["state"] += 1
    return aged


def _revision_states(db: Db) -> dict[int, str]:
    return {
        r["seq"]: r["state"]
        for r in db.query(
            "MATCH (v:Revision) WHERE v.state IS NOT NULL RETURN v.seq AS seq, v.state AS state"
        )
    }


def _answers(client: TestClient, moment: str) -> list[Any]:
    export = client.get("/export", params={"format": "json"})
    then = client.get("/export", params={"format": "json", "known_at": moment})
    fact = client.get("/entities/tsmc/neighbourhood", params={"known_at": moment})
    assert export.status_code == then.status_code == fact.status_code == 200
    return [export.json(), then.json(), fact.json()]


def test_an_older_graph_is_stored_whole_as_today_with_the_schema(
    seeded: Db, client: TestClient, settings: Settings
) -> None:
    before, states = stored_items(seeded), _revision_states(seeded)
    moment = seeded.query("MATCH (v:Revision) RETURN max(v.at) AS at")[0]["at"]
    answers = _answers(client, moment)
    aged = _age(seeded)
    # the article's graph has items of each kind that lose something, and they read no more
    assert min(aged.values()) > 3, aged
    assert stored_items(seeded) != before and _revision_states(seeded) != states

    apply_schema_from(WHOLE_FROM - 1, seeded, settings)
    rewritten = with_driver(settings, lambda driver: store_whole(driver, settings.neo4j_database))
    assert rewritten == 0  # applied, nothing is left to rewrite
    assert stored_items(seeded) == before
    assert _revision_states(seeded) == states
    assert _answers(client, moment) == answers


@given(
    st.dictionaries(
        st.sampled_from(
            sorted(
                {f for fields in KIND_FIELDS.values() for f in fields}
                # reserved names a stored entity holds (the others name input and answer
                # fields: attributes, claims, external_ids, labels, sources)
                | (
                    RESERVED_ENTITY_FIELDS
                    - {"attributes", "claims", "external_ids", "labels", "sources"}
                )
                | set(RETRACTION_FIELDS)
                | {"orbit", "undeclared"}  # what a wider declaration stored
            )
        ),
        st.text(max_size=5),
    ),
    st.lists(st.sampled_from(["a", "b", "c"]), unique=True),
)
def test_an_entity_s_claims_are_written_from_the_attributes_it_reads_with(
    props: dict[str, Any], sources: list[str]
) -> None:
    """The migration's attributes are the records layer's: each source claims them."""
    props = {k: v for k, v in props.items() if k != "attribute_claims"}
    props.update(source_ids=sources, kind="firm")
    claims = json.loads(entity_claims(props) or "null")
    assert claims == {s: entity_attributes(props) for s in sources}
