"""The domain this service serves, for front ends that build forms and legends."""

from __future__ import annotations

from fastapi import APIRouter

from graph.domain import COMMON_ENTITY_FIELDS, RelationshipBase
from present.schema_document import SchemaDocument, schema_document

router = APIRouter(tags=["schema"])

_DOCUMENT = schema_document(
    sorted(COMMON_ENTITY_FIELDS - {"kind"}), list(RelationshipBase.model_fields)
)


@router.get(
    "/schema",
    response_model=SchemaDocument,
    summary="The declared kinds and relationship types: fields, rules, colours, readings",
)
async def get_schema() -> SchemaDocument:
    return _DOCUMENT
