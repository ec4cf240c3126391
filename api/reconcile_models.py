"""The reconciliation protocol's answers (version 0.2 of the W3C Entity Reconciliation
Community Group's specification), as the OpenAPI document describes them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class TypeRef(BaseModel):
    id: str
    name: str


class ReconType(TypeRef):
    description: str | None = None
    broader: list[TypeRef] = []


class ServicePath(BaseModel):
    service_url: str
    service_path: str


class Suggest(BaseModel):
    entity: ServicePath
    type: ServicePath
    property: ServicePath


class UrlTemplate(BaseModel):
    url: str = Field(description="`{{id}}` stands for an entity id (URI-encoded)")


class Preview(UrlTemplate):
    width: int
    height: int


class PropertySetting(BaseModel):
    name: str
    label: str
    type: str
    default: Any = None
    help_text: str | None = None


class Extend(BaseModel):
    propose_properties: ServicePath
    property_settings: list[PropertySetting] = []


class Manifest(BaseModel):
    versions: list[str]
    name: str
    identifierSpace: str
    schemaSpace: str
    documentation: str
    serviceVersion: str
    defaultTypes: list[ReconType]
    view: UrlTemplate
    preview: Preview
    suggest: Suggest
    extend: Extend
    batchSize: int


class Feature(BaseModel):
    id: str
    value: bool | float


class Candidate(BaseModel):
    id: str
    name: str
    description: str | None = None
    type: list[TypeRef]
    score: float
    match: bool
    features: list[Feature] = []


class Result(BaseModel):
    result: list[Candidate]


class ResultBatch(RootModel[dict[str, Result]]):
    """Each query's candidates, under the query's key, best first."""


class ExtendMeta(BaseModel):
    id: str
    name: str
    type: TypeRef | None = None


class ExtendResponse(BaseModel):
    meta: list[ExtendMeta]
    rows: dict[str, dict[str, list[dict[str, Any]]]] = Field(
        description="for each id asked about, for each property, its values: `{str}`, "
        "`{float}`, or `{id, name}` for an entity"
    )


class Suggestion(BaseModel):
    id: str
    name: str
    description: str | None = None
    notable: list[TypeRef] | None = None


class Suggestions(BaseModel):
    result: list[Suggestion]


class ProposedProperty(BaseModel):
    id: str
    name: str
    description: str | None = None


class ProposedProperties(BaseModel):
    type: str
    properties: list[ProposedProperty]
    limit: int | None = None
