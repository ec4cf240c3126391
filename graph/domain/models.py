"""The domain: entity kinds, the relationship allow-list, and the models every write passes.

Labels and relationship types that reach Cypher come only from :data:`KIND_LABELS` and
:data:`RELATIONSHIP_RULES`; nothing a client sends becomes a label or a type unless it
is one of these.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    model_validator,
)

from graph.domain.declaration import DOMAIN, FieldSpec, Kind
from graph.domain.values import LongText, NameText, PartialDate, Sha256, ShortText, Slug, Url

#: Caps on the lists a stored item keeps; writes that would pass one are refused by name.
MAX_ALIASES = 50
MAX_SOURCES = 100
MAX_ATTESTATIONS = 100


if TYPE_CHECKING:
    # Members come from the declaration at run time; statically these are plain StrEnums,
    # so code cannot name a kind or a type that the declaration might not have.
    class EntityKind(StrEnum): ...

    class RelType(StrEnum): ...

else:
    EntityKind = StrEnum("EntityKind", {k.upper(): k for k in DOMAIN.kinds})
    RelType = StrEnum("RelType", {t: t for t in DOMAIN.relationships})

ALL_KINDS: frozenset[EntityKind] = frozenset(EntityKind)

#: Every entity node is ``:Entity`` plus these labels (its groups' labels, then its own).
KIND_LABELS: dict[EntityKind, tuple[str, ...]] = {
    EntityKind(name): kind.labels for name, kind in DOMAIN.kinds.items()
}

QUALIFIERS = tuple(DOMAIN.qualifiers)
STANCE_TYPES = frozenset(RelType(t) for t in DOMAIN.types_with("stance"))


@dataclass(frozen=True)
class RelRule:
    """What one relationship type may join, and which qualifier tells two of them apart."""

    sources: frozenset[EntityKind]
    targets: frozenset[EntityKind]
    key: str | None = None  # the qualifier that is part of the relationship's identity
    key_required: bool = False
    qualifiers: frozenset[str] = frozenset()


RELATIONSHIP_RULES: dict[RelType, RelRule] = {
    RelType(name): RelRule(
        sources=frozenset(EntityKind(k) for k in rel.sources),
        targets=frozenset(EntityKind(k) for k in rel.targets),
        key=rel.key,
        key_required=rel.key_required,
        qualifiers=frozenset(rel.qualifiers),
    )
    for name, rel in DOMAIN.relationships.items()
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- sources -------------------------------------------------------------------------


class SourceIn(Strict):
    """A document facts come from. Unknown fields stay null rather than guessed."""

    id: Slug
    title: ShortText
    publisher: ShortText | None = None
    url: Url | None = None
    published: PartialDate | None = None
    retrieved: PartialDate | None = None
    language: (
        Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")] | None
    ) = None
    note: LongText | None = None
    text_sha256: Sha256 | None = Field(
        default=None,
        description="the SHA-256 of the source's text (NFC, UTF-8, lower-case hex), when "
        "known: `PUT /sources/{id}/text` then takes that text only, and `kg-seed --texts` "
        "finds it by this hash",
    )


class Retraction(BaseModel):
    """When an item was retracted (hidden from current answers, kept), by whom and why."""

    at: str
    by: str | None = None
    reason: str | None = None
    with_entity: str | None = Field(
        default=None, description="the entity whose retraction took this fact with it"
    )
    with_source: str | None = Field(
        default=None,
        description="the source whose retraction took this with it (it rested on retracted "
        "sources alone); restoring a source it cites brings it back",
    )


class SourcePublic(SourceIn):
    created_at: str | None = None
    updated_at: str | None = None
    retracted: Retraction | None = Field(
        default=None,
        description="set when the source is retracted: its claims are kept and listed as "
        "retracted, and no longer count (`POST /sources/{id}/restore` undoes it)",
    )


# --- entities ------------------------------------------------------------------------


class ExternalIds(Strict):
    wikidata: Annotated[str, StringConstraints(pattern=r"^Q[1-9]\d*$")] | None = None
    ticker: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9.:-]{1,20}$")] | None = None


class EntityBase(Strict):
    kind: str
    id: Slug
    name: NameText
    aliases: Annotated[list[NameText], Field(max_length=MAX_ALIASES)] = []
    description: LongText | None = None
    external_ids: ExternalIds = ExternalIds()
    sources: Annotated[list[Slug], Field(min_length=1, max_length=MAX_SOURCES)] = Field(
        description="ids of the sources that mention this entity (at least one)"
    )

    @model_validator(mode="after")
    def _dedupe(self) -> EntityBase:
        self.aliases = list(dict.fromkeys(a for a in self.aliases if a != self.name))
        self.sources = list(dict.fromkeys(self.sources))
        return self


def value_type(spec: FieldSpec) -> Any:
    """The pydantic type of a declared field (see the field types in ``domain.yaml``)."""
    base: Any = {
        "text": ShortText,
        "long_text": LongText,
        "date": PartialDate,
        "amount": Annotated[float, Field(ge=0, le=1e15, strict=True)],
        "currency": Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")],
    }.get(spec.type)
    if spec.type == "enum":
        base = Literal[spec.values]
    return base


def field_definition(spec: FieldSpec) -> tuple[Any, Any]:
    if spec.required:
        return value_type(spec), Field(description=spec.description)
    return value_type(spec) | None, Field(default=None, description=spec.description)


def _entity_model(kind: Kind) -> type[EntityBase]:
    fields: dict[str, Any] = {"kind": (Literal[kind.name], Field(description=kind.description))}
    fields.update({f.name: field_definition(f) for f in kind.fields})
    return create_model(f"{kind.label}In", __base__=EntityBase, **fields)


#: The write model of each kind: the common fields and the kind's own.
ENTITY_MODELS: dict[EntityKind, type[EntityBase]] = {
    EntityKind(name): _entity_model(kind) for name, kind in DOMAIN.kinds.items()
}

if TYPE_CHECKING:
    EntityIn = EntityBase
else:
    EntityIn = Annotated[Union[tuple(ENTITY_MODELS.values())], Field(discriminator="kind")]  # noqa: UP007

COMMON_ENTITY_FIELDS = frozenset(EntityBase.model_fields) | {"kind"}

#: The fields each kind adds to the common ones: all that ``attributes`` may hold.
KIND_FIELDS: dict[EntityKind, frozenset[str]] = {
    kind: frozenset(model.model_fields) - COMMON_ENTITY_FIELDS
    for kind, model in ENTITY_MODELS.items()
}
_ANY_KIND_FIELD = frozenset().union(*KIND_FIELDS.values())


def check_attribute_keys(keys: Any, kind: EntityKind | None = None) -> None:
    """Refuse an ``attributes`` key that is not a field of the kind (of any kind, without one).

    ``id``, ``kind``, the common fields and stored bookkeeping (``created_at``,
    ``source_ids``…) are never attributes: writing them through ``attributes`` would
    rewrite another entity or forge history.

    Example:
        >>> check_attribute_keys(["id"])
        Traceback (most recent call last):
        ...
        ValueError: "id" is not a kind-specific field; ...
    """
    allowed = KIND_FIELDS[kind] if kind is not None else _ANY_KIND_FIELD
    for key in keys:
        if key not in allowed:
            what = f"a field of a {kind.value}" if kind is not None else "a kind-specific field"
            raise ValueError(
                f"{json.dumps(key)} is not {what}; "
                f"attributes may set only {', '.join(sorted(allowed)) or 'nothing'}"
            )
