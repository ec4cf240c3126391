"""Small builders for request bodies, so tests say only what matters to them."""

from __future__ import annotations

from typing import Any

from graph.domain.declaration import DOMAIN

SOURCE = "test-source"
_SAMPLES = {"text": "stated", "long_text": "stated", "date": "2025", "amount": 1.0, "currency": "USD"}


def required_fields(kind: str) -> dict[str, Any]:
    """A value for each field the declared kind requires (an enum's first value)."""
    return {
        f.name: f.values[0] if f.type == "enum" else _SAMPLES[f.type]
        for f in (DOMAIN.kinds[kind].fields if kind in DOMAIN.kinds else ())
        if f.required
    }


def source(source_id: str = SOURCE, **fields: Any) -> dict[str, Any]:
    return {"id": source_id, "title": f"Document {source_id}", **fields}


def entity(entity_id: str, kind: str = "firm", **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": entity_id,
        "kind": kind,
        "name": fields.pop("name", entity_id.replace("-", " ").title()),
        "sources": fields.pop("sources", [SOURCE]),
    }
    body.update(required_fields(kind))
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
