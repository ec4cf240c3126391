"""Entities as the API answers them: one model per kind, its own fields typed under
``attributes``, all derived from the domain declaration."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, Field, create_model, model_serializer

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

if TYPE_CHECKING:
    EntityPublic = EntityPublicBase
else:
    EntityPublic = Annotated[Union[tuple(PUBLIC_MODELS.values())], Field(discriminator="kind")]  # noqa: UP007


def entity_public_model(kind: str) -> type[EntityPublicBase]:
    """The answer model of a kind; an unknown kind (stored before the declaration dropped it)
    gets the base model, so an old node still reads."""
    return PUBLIC_MODELS.get(kind, EntityPublicBase)
