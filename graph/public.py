"""Entities as the API answers them: one model per kind, its own fields typed under
``attributes``, all derived from the domain declaration."""

from __future__ import annotations

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

from graph.domain import DOMAIN, Kind
from graph.model import ExternalIds, value_type


class KindAttributes(BaseModel):
    """A kind's own fields; those without a value are left out of the answer."""

    @model_serializer(mode="wrap")
    def _without_empty(self, handler: Any) -> dict[str, Any]:
        return {k: v for k, v in handler(self).items() if v is not None}

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump(mode="json").items() if v is not None}


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
    created_at: str | None = None
    updated_at: str | None = None


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
