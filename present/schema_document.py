"""The domain as front ends read it (``GET /schema``): kinds with their fields, colours and
shapes, relationship types with what they join, their qualifiers and readings."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from graph.domain import DOMAIN, Analysis, Domain, FieldSpec


class FieldDoc(BaseModel):
    name: str
    type: Literal["text", "long_text", "date", "enum", "amount", "currency"]
    values: list[str] = Field(default=[], description="the allowed values of an enum")
    required: bool = False
    description: str | None = None
    requires: str | None = Field(default=None, description="a field that must come with it")
    missing: str | None = Field(
        default=None, description="what a write is told when it comes without `requires`"
    )


class KindDoc(BaseModel):
    name: str
    label: str = Field(description="its Neo4j label")
    labels: list[str] = Field(description="every Neo4j label its nodes carry")
    groups: list[str]
    description: str
    colour: str = Field(description="#rrggbb, as the explorer page and Neo4j Browser draw it")
    shape: str = Field(description="a node shape name (Cytoscape.js's)")
    fields: list[FieldDoc] = Field(description="its own fields, besides the common ones")
    exposed: bool = Field(description="listed by exposure questions")
    timeline_date: str | None = Field(
        description="the field that dates it on timelines, where it is shown as an event"
    )
    analyses: list[Analysis] = Field(
        description="the questions its entities can be asked besides their neighbourhood: "
        "`stances` (GET /entities/{id}/stances), `supply_chain`, `exposure` and `timeline` "
        "(GET /entities/{id}/...), derived from the relationship types' analyses"
    )


class RelationshipTypeDoc(BaseModel):
    name: str
    from_kinds: list[str]
    to_kinds: list[str]
    key: str | None = Field(description="the qualifier that is part of a fact's identity")
    key_required: bool
    qualifiers: list[str]
    label: str = Field(description="the type read forwards, e.g. 'invests in'")
    reverse: str = Field(description="the type read backwards, e.g. 'receives investment from'")
    sentence: str = Field(description="the template facts are read with (see graph/domain/domain.yaml)")
    analyses: dict[str, str | bool] = Field(
        description="the questions that follow this type: stance, supply_chain, exposure"
    )


class GroupDoc(BaseModel):
    name: str
    label: str | None = None
    description: str | None = None
    kinds: list[str]


class SchemaDocument(BaseModel):
    groups: list[GroupDoc]
    kinds: list[KindDoc]
    qualifiers: list[FieldDoc]
    relationship_types: list[RelationshipTypeDoc]
    common_entity_fields: list[str]
    common_fact_fields: list[str] = Field(
        description="what every fact has besides its qualifiers (see the `Fact` model)"
    )


def _field(spec: FieldSpec) -> FieldDoc:
    return FieldDoc(
        name=spec.name,
        type=spec.type,  # checked when the declaration is read
        values=list(spec.values),
        required=spec.required,
        description=spec.description,
        requires=spec.requires,
        missing=spec.missing,
    )


def schema_document(
    common_fields: list[str], fact_fields: list[str], domain: Domain = DOMAIN
) -> SchemaDocument:
    """The declaration as one JSON document, in declaration order."""
    order = list(domain.kinds)
    return SchemaDocument(
        groups=[
            GroupDoc(
                name=name,
                label=spec.get("label"),
                description=spec.get("description"),
                kinds=sorted(domain.kinds_in([name]), key=order.index),
            )
            for name, spec in domain.groups.items()
        ],
        kinds=[
            KindDoc(
                name=k.name,
                label=k.label,
                labels=["Entity", *k.labels],
                groups=list(k.groups),
                description=k.description,
                analyses=domain.analyses_of(k.name),
                colour=k.colour,
                shape=k.shape,
                fields=[_field(f) for f in k.fields],
                exposed=k.exposed,
                timeline_date=k.timeline_date,
            )
            for k in domain.kinds.values()
        ],
        qualifiers=[_field(q) for q in domain.qualifiers.values()],
        relationship_types=[
            RelationshipTypeDoc(
                name=r.name,
                from_kinds=sorted(r.sources, key=order.index),
                to_kinds=sorted(r.targets, key=order.index),
                key=r.key,
                key_required=r.key_required,
                qualifiers=list(r.qualifiers),
                label=r.label,
                reverse=r.reverse,
                sentence=r.sentence,
                analyses={
                    name: value
                    for name in ("stance", "supply_chain", "exposure")
                    if (value := getattr(r, name))
                },
            )
            for r in domain.relationships.values()
        ],
        common_entity_fields=common_fields,
        common_fact_fields=fact_fields,
    )
