"""A query parameter that takes one value, given twice, is refused by name (not read as
its last value); one that takes many takes them."""

from __future__ import annotations

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Db
from tests.payloads import source


def test_a_repeated_single_value_is_refused_by_name(client: TestClient, db: Db) -> None:
    body = source()
    answer = client.put(
        "/sources/test-source", params=[("reason", "a"), ("reason", "b")], json=body
    )
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["pointer"] == "query:reason"
    assert problem["errors"] == [
        {"pointer": "query:reason", "detail": "given 2 times; it takes one value"}
    ]
    assert client.get("/sources/test-source").status_code == 404  # nothing written
    # a read's question model is checked the same way
    depth = client.get("/entities/tsmc/neighbourhood", params=[("depth", "1"), ("depth", "2")])
    assert depth.status_code == 422 and depth.json()["pointer"] == "query:depth"


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(["SUPPLIES", "INVESTS_IN", "OPERATES"]), max_size=3))
def test_a_parameter_that_takes_many_values_takes_them(
    client: TestClient, seeded: Db, types: list[str]
) -> None:
    types = [*types, "OPERATES"]  # TSMC operates its Arizona fabs
    answer = client.get("/entities/tsmc/neighbourhood", params=[("types", t) for t in types])
    assert answer.status_code == 200, answer.text
    assert {e["type"] for e in answer.json()["edges"]} <= set(types)
    assert answer.json()["edges"]
