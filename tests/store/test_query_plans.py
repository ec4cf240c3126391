"""The write path's fact lookups seek both ends by id in the state a load plans them in.

A load writes its entities first; its first facts are looked up while the database
holds thousands of entities and no relationship, and while Neo4j's sample of the id
index may still say it is empty (sampling runs in the background). Planned from those
statistics, a lookup hinted only to "use the index" scanned the whole id index for every
row (a scan satisfies that hint): the first chunk of a 100k seed waited 15 s on it.

The plan test below catches that only when it plans before the background sampler has
caught up, which is most runs but not all; the hint test catches it always.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from graph.store.cypher import QUERY_DIR, query, query_names
from tests.conftest import Db

#: the queries that find stored facts by (from_id, id, to_id)
FACT_LOOKUPS = ["lock_relationships", "relationships_by_ids", "update_relationships"]


def operators(plan: dict[str, Any]) -> list[str]:
    return [plan["operatorType"].split("@")[0]] + [
        name for child in plan.get("children", []) for name in operators(child)
    ]


def test_every_index_hint_asks_for_a_seek() -> None:
    hinted = {
        name: re.findall(r"USING INDEX(?! SEEK)", (QUERY_DIR / f"{name}.cypher").read_text())
        for name in query_names()
    }
    assert {name: found for name, found in hinted.items() if found} == {}
    assert all("USING INDEX SEEK" in (QUERY_DIR / f"{n}.cypher").read_text() for n in FACT_LOOKUPS)


def wait_for_empty_sample(db: Db) -> None:
    """Until Neo4j's statistics for the entity id index say it is empty (sampling runs in
    the background)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        (row,) = db.query(
            "CALL db.stats.retrieve('GRAPH COUNTS') YIELD data "
            "RETURN [i IN data.indexes WHERE i.labels = ['Entity'] AND i.properties = ['id'] "
            "| i.estimatedUniqueSize + i.updatesSinceEstimation][0] AS size"
        )
        if row["size"] == 0:
            return
        time.sleep(0.1)
    raise AssertionError("the entity id index was not sampled empty within 30 s")


@pytest.mark.parametrize("name", FACT_LOOKUPS)
def test_fact_lookups_seek_both_ends_when_the_graph_has_entities_and_no_facts(
    db: Db, name: str
) -> None:
    db.query("UNWIND range(1, 20000) AS i CREATE (:Entity {id: 'plan-' + i, kind: 'firm'})")
    db.query("CALL db.clearQueryCaches()")  # planned now, from these statistics
    rows = [
        {
            "id": f"plan-{i}|INVESTS_IN|plan-{i + 1}",
            "from_id": f"plan-{i}",
            "to_id": f"plan-{i + 1}",
            "props": {},
        }
        for i in range(1, 2000)
    ]
    with db.driver.session(database=db.database) as session:
        summary = session.run("EXPLAIN " + query(name), keys=rows, rows=rows).consume()
    ops = operators(summary.plan)
    assert ops.count("NodeUniqueIndexSeek(Locking)") + ops.count("NodeUniqueIndexSeek") == 2, ops
    assert not [op for op in ops if "Scan" in op], ops
