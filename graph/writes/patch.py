"""A partial update of an entity (``PATCH /entities/{id}``): the common fields, and the
kind's own fields under ``attributes``, each derived from the domain declaration."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, create_model, model_validator

from graph.domain import (
    COMMON_ENTITY_FIELDS,
    ENTITY_MODELS,
    MAX_ALIASES,
    MAX_SOURCES,
    ExternalIds,
    LongText,
    NameText,
    Slug,
    Strict,
    check_attribute_keys,
)


def _attributes_model() -> type[BaseModel]:
    """Every kind's own fields, each optional: what ``attributes`` in a PATCH may hold.

    ``null`` clears a field, except those a kind requires, which the schema (and so the
    check) keeps from being null.
    """
    fields: dict[str, Any] = {}
    for model in ENTITY_MODELS.values():
        for name, info in model.model_fields.items():
            if name in COMMON_ENTITY_FIELDS or name in fields:
                continue
            annotation: Any = info.annotation
            if not info.is_required():
                annotation = annotation | None
            fields[name] = (annotation, Field(default=None, description=info.description))
    return create_model("EntityAttributes", __base__=_AttributesBase, **fields)


class _AttributesBase(Strict):
    @model_validator(mode="before")
    @classmethod
    def _only_kind_fields(cls, data: Any) -> Any:
        if isinstance(data, dict):
            check_attribute_keys(data)
        return data


EntityAttributes = _attributes_model()


class EntityPatch(Strict):
    """A partial update: fields left out keep their value; ``null`` clears an optional one.

    ``attributes`` holds the kind's own fields; one that is not a field of the entity's
    kind is a conflict with the stored entity (409).
    """

    name: Annotated[NameText, Field(default=None)]
    aliases: Annotated[list[NameText], Field(default=None, max_length=MAX_ALIASES)]
    description: LongText | None = None
    external_ids: ExternalIds | None = None
    sources: Annotated[list[Slug], Field(default=None, min_length=1, max_length=MAX_SOURCES)]
    attributes: Annotated[
        EntityAttributes,  # type: ignore[valid-type]
        Field(
            default=None,
            description='kind-specific fields to change, e.g. {"status": "rejected"}; '
            "never id, kind, the common fields or stored bookkeeping",
        ),
    ]

    def attribute_changes(self) -> dict[str, Any]:
        """The attributes sent, ``None`` for those to clear."""
        if self.attributes is None:
            return {}
        changes: dict[str, Any] = self.attributes.model_dump(mode="json", exclude_unset=True)
        return changes
