"""Entities as the API answers them: one model per kind, its own fields typed under
``attributes``, all derived from the domain declaration."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    create_model,
    model_serializer,
)

from graph.domain import DOMAIN, ExternalIds, Kind, Retraction, value_type


class KindAttributes(BaseModel):
    """A kind's own fields; those without a value are left out of the answer."""

    @model_serializer(mode="wrap")
    def _without_empty(self, handler: Any) -> dict[str, Any]:
        return {k: v for k, v in handler(self).items() if v is not None}

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump(mode="json").items() if v is not None}


#: how a retraction is stored on an entity, a fact or a source (a fact retracted with its
#: entity also names it in ``retracted_with``; an item retracted with a source, in
#: ``retracted_with_source``)
RETRACTION_FIELDS = (
    "retracted_at",
    "retracted_by",
    "retraction_reason",
    "retracted_with",
    "retracted_with_source",
)


def retraction_of(props: Mapping[str, Any]) -> Retraction | None:
    if not props.get("retracted_at"):
        return None
    return Retraction(
        at=props["retracted_at"],
        by=props.get("retracted_by"),
        reason=props.get("retraction_reason") or None,
        with_entity=props.get("retracted_with"),
        with_source=props.get("retracted_with_source"),
    )


class AttributeClaim(BaseModel):
    """What some of an entity's sources state about its own fields (``attributes``)."""

    values: dict[str, Any] = Field(description="the kind's fields these sources state")
    current: bool = Field(description="true when it agrees with the values the entity answers")
    sources: list[str]
    retracted: bool = Field(
        default=False,
        description="true when every source of this claim is retracted: kept and listed, "
        "never weighed (nor `current`)",
    )


class EntityPublicBase(BaseModel):
    """An entity as the API returns it: the common fields, and the kind's own in ``attributes``."""

    id: str
    kind: str
    name: str
    aliases: list[str] = []
    description: str | None = None
    external_ids: ExternalIds = ExternalIds()
    sources: list[str] = []
    attributes: KindAttributes = KindAttributes()
    claims: list[AttributeClaim] = Field(
        default=[],
        description="what each source states of `attributes`, agreeing or not (see `disputed`)",
    )
    disputed: bool = Field(
        default=False, description="true when some source's claim contradicts `attributes`"
    )
    choice: str | None = Field(
        default=None, description="why the attribute values answered are the ones chosen"
    )
    created_at: str | None = None
    updated_at: str | None = None
    retracted: Retraction | None = Field(
        default=None, description="set when retracted (shown with include_retracted=true)"
    )


def _public_model(kind: Kind) -> type[EntityPublicBase]:
    own: dict[str, Any] = {
        f.name: (value_type(f) | None, Field(default=None, description=f.description))
        for f in kind.fields
    }
    attributes = create_model(f"{kind.label}Attributes", __base__=KindAttributes, **own)
    fields: dict[str, Any] = {
        "kind": (Literal[kind.name], ...),
        "attributes": (attributes, attributes()),
    }
    return create_model(f"{kind.label}Public", __base__=EntityPublicBase, **fields)


#: The answer model of each kind.
PUBLIC_MODELS: dict[str, type[EntityPublicBase]] = {
    name: _public_model(kind) for name, kind in DOMAIN.kinds.items()
}


class OtherAttributes(KindAttributes):
    model_config = ConfigDict(extra="allow")


class OtherKindPublic(EntityPublicBase):
    """An entity of a kind this service's declaration does not have: stored under another
    declaration (a second service, or before a kind was removed). It reads, untyped."""

    # never one of the declared kinds, so that exactly one model of the answer's oneOf fits
    kind: str = Field(json_schema_extra={"not": {"enum": list(DOMAIN.kinds)}})
    attributes: OtherAttributes = OtherAttributes()


def _tag(value: Any) -> str:
    kind = value.get("kind") if isinstance(value, dict) else getattr(value, "kind", None)
    return kind if kind in PUBLIC_MODELS else "other"


if TYPE_CHECKING:
    EntityPublic = EntityPublicBase
else:
    EntityPublic = Annotated[
        Union[
            (
                *(Annotated[m, Tag(n)] for n, m in PUBLIC_MODELS.items()),
                Annotated[OtherKindPublic, Tag("other")],
            )
        ],
        Discriminator(_tag),
    ]


def entity_public_model(kind: str) -> type[EntityPublicBase]:
    """The answer model of a kind; a kind the declaration does not have reads untyped."""
    return PUBLIC_MODELS.get(kind, OtherKindPublic)
