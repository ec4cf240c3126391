"""One model per relationship type, without Neo4j: the OpenAPI document says which
qualifiers each type takes and which it needs, and a fact the document calls valid is
refused only by the cross-field rules that schemathesis.toml names (generated cases)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from pydantic import ValidationError

from api.main import create_app
from api.settings import ApiSettings
from graph.domain import DOMAIN, RELATIONSHIP_ADAPTER

#: What a schema cannot say about a fact (RELATIONSHIP_RULES_TEXT, schemathesis.toml).
CROSS_FIELD_RULES = (
    "reason: an inferred attestation needs a reason",
    "reason: a stated attestation takes no reason",
    "to_id: a relationship needs two different entities",
    "attestations: one entry per source",
    "valid_to: ends before valid_from",
    "currency: an amount needs a currency",
    "amount: a currency without an amount",
    "start: a position needs start and end",
    "end: a position needs start and end",
    "end: a span ends after it starts",
    "end: a span covers at most",
    "exact: give the words quoted, or a position",
    "at most 10000 code points as NFC",
    "at most 200 code points as NFC",
)


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    app = create_app(ApiSettings(neo4j_password="not-used-offline"))  # type: ignore[call-arg]
    return app.openapi()


def _fact_schemas(openapi: dict[str, Any]) -> dict[str, dict[str, Any]]:
    body = openapi["paths"]["/relationships"]["put"]["requestBody"]["content"]
    union = body["application/json"]["schema"]
    components = openapi["components"]["schemas"]
    found = {}
    for ref in union["oneOf"]:
        schema = components[ref["$ref"].rsplit("/", 1)[1]]
        found[schema["properties"]["type"]["const"]] = schema
    assert union["discriminator"]["propertyName"] == "type"
    return found


def test_the_document_says_which_qualifiers_each_type_takes(openapi: dict[str, Any]) -> None:
    schemas = _fact_schemas(openapi)
    assert set(schemas) == set(DOMAIN.relationships)
    everyone = {"type", "from_id", "to_id", "valid_from", "valid_to", "attestations"}
    for name, rel in DOMAIN.relationships.items():
        schema = schemas[name]
        assert set(schema["properties"]) - everyone == set(rel.qualifiers), name
        assert schema.get("additionalProperties") is False, name
        needed = {"type", "from_id", "to_id", "attestations"}
        if rel.key_required:
            needed.add(rel.key or "")
        assert set(schema["required"]) == needed, name


def test_a_qualifier_of_another_type_is_refused_by_name() -> None:
    fact = {
        "type": "PARTICIPATES_IN",
        "from_id": "tsmc",
        "to_id": "talks",
        "product": "chips",
        "attestations": [{"source": "s", "evidence": "e", "confidence": 0.5}],
    }
    with pytest.raises(ValidationError) as caught:
        RELATIONSHIP_ADAPTER.validate_python(fact)
    (error,) = caught.value.errors()
    assert "product: PARTICIPATES_IN takes no 'product'" in error["msg"]


def test_a_fact_the_document_calls_valid_is_refused_only_by_a_named_rule(
    openapi: dict[str, Any],
) -> None:
    operation = schemathesis.openapi.from_dict(openapi)["/relationships"]["PUT"]

    @settings(max_examples=300, suppress_health_check=list(HealthCheck), deadline=None)
    @given(case=operation.as_strategy())
    def check(case: Any) -> None:
        try:
            fact = RELATIONSHIP_ADAPTER.validate_python(case.body)
        except ValidationError as refused:
            for error in refused.errors():
                message = str(error["msg"]).removeprefix("Value error, ")
                assert message.startswith(CROSS_FIELD_RULES), (case.body, message)
        else:
            assert fact.type == case.body["type"]

    check()


def test_every_answer_of_a_fact_write_is_documented(openapi: dict[str, Any]) -> None:
    """A body of another media type is a 415 (the outside tester found it undocumented)."""
    answers = openapi["paths"]["/relationships"]["put"]["responses"]
    assert {"201", "409", "413", "415", "422"} <= set(answers)
