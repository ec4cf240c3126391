"""Stances answer about the entity as it stood at the moment asked: its own fields, like
its stances, as recorded then under ``known_at``."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from tests.conftest import Db
from tests.payloads import entity, relationship, source


def test_under_known_at_the_entitys_fields_are_those_recorded_then(
    client: TestClient, db: Db
) -> None:
    client.put("/sources/test-source", json=source())
    plan = entity("plan", "proposal", proposal_type="initiative", status="proposed")
    assert client.put("/entities/plan", json=plan).status_code in (200, 201)
    assert client.put("/entities/gov", json=entity("gov", "government")).status_code == 201
    client.put("/relationships", json=relationship("PROPOSES", "gov", "plan"))
    then = client.get("/relationships/gov|PROPOSES|plan").json()["relationship"]["created_at"]
    time.sleep(0.01)
    rejected = client.put("/entities/plan", json={**plan, "status": "rejected"})
    assert rejected.status_code == 200, rejected.text

    now = client.get("/entities/plan/stances").json()
    past = client.get("/entities/plan/stances", params={"known_at": then}).json()
    assert now["attributes"] == {"proposal_type": "initiative", "status": "rejected"}
    assert past["attributes"] == {"proposal_type": "initiative", "status": "proposed"}
    assert [s["actor"]["id"] for s in past["stances"]] == ["gov"]
    old_shape = client.get("/proposals/plan/stances", params={"known_at": then}).json()
    assert (old_shape["status"], old_shape["proposal"]["id"]) == ("proposed", "plan")
    # before the entity was written, there was nothing to take a stance on
    early = client.get("/entities/plan/stances", params={"known_at": "2000-01-01"})
    assert early.status_code == 404 and early.json()["pointer"] == "path:entity_id"
