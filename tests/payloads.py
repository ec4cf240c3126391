"""Small builders for request bodies, so tests say only what matters to them."""

from __future__ import annotations

from typing import Any

SOURCE = "test-source"


def source(source_id: str = SOURCE, **fields: Any) -> dict[str, Any]:
    return {"id": source_id, "title": f"Document {source_id}", **fields}


def entity(entity_id: str, kind: str = "firm", **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": entity_id,
        "kind": kind,
        "name": fields.pop("name", entity_id.replace("-", " ").title()),
        "sources": fields.pop("sources", [SOURCE]),
    }
    defaults = {
        "location": {"location_type": "country"},
        "proposal": {"proposal_type": "initiative"},
    }
    body.update(defaults.get(kind, {}))
    body.update(fields)
    return body


def relationship(rel_type: str, from_id: str, to_id: str, **fields: Any) -> dict[str, Any]:
    attestations = fields.pop(
        "attestations", [{"source": SOURCE, "evidence": "stated in the test", "confidence": 0.9}]
    )
    return {
        "type": rel_type,
        "from_id": from_id,
        "to_id": to_id,
        "attestations": attestations,
        **fields,
    }
