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
    PrivateAttr,
    StringConstraints,
    create_model,
    model_validator,
)

from graph.domain.declaration import DOMAIN, FieldSpec, Kind
from graph.domain.values import EvidenceText, LongText, NameText, PartialDate, ShortText, Slug, Url

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


class SourcePublic(SourceIn):
    created_at: str | None = None
    updated_at: str | None = None


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


def _field_definition(spec: FieldSpec) -> tuple[Any, Any]:
    if spec.required:
        return value_type(spec), Field(description=spec.description)
    return value_type(spec) | None, Field(default=None, description=spec.description)


def _entity_model(kind: Kind) -> type[EntityBase]:
    fields: dict[str, Any] = {"kind": (Literal[kind.name], Field(description=kind.description))}
    fields.update({f.name: _field_definition(f) for f in kind.fields})
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


# --- relationships -------------------------------------------------------------------


Basis = Literal["stated", "inferred"]
Rank = Literal["preferred", "normal", "deprecated"]


class Attestation(Strict):
    """One source's word for a fact: where, what it says in our words, how sure we are, and
    whether the source states the fact or the editor infers it from the source (and why)."""

    source: Slug
    evidence: EvidenceText
    confidence: float = Field(ge=0.0, le=1.0, strict=True)
    basis: Basis = Field(
        default="stated",
        description="`stated`: the source says it; `inferred`: the editor reads it from the "
        "source, and `reason` says why",
    )
    reason: ShortText | None = Field(
        default=None,
        description="why the editor infers the fact (required when inferred, absent when stated)",
    )
    rank: Rank = Field(
        default="normal",
        description="`preferred`, `normal` or `deprecated`: ranks this source's claim among "
        "claims that disagree about the fact (see the README's rule); a deprecated claim is "
        "kept but never answered as the fact's value",
    )

    @model_validator(mode="after")
    def _reason_matches_basis(self) -> Attestation:
        if self.basis == "inferred" and self.reason is None:
            raise ValueError("reason: an inferred attestation needs a reason (why it is inferred)")
        if self.basis == "stated" and self.reason is not None:
            raise ValueError("reason: a stated attestation takes no reason (the source states it)")
        return self


#: What a fact must satisfy beyond its JSON schema (422 naming the field otherwise), for
#: the OpenAPI descriptions of the routes that take facts.
RELATIONSHIP_RULES_TEXT = (
    "Rules beyond the schema (422 naming the field): each type takes only its own "
    "qualifiers, and some require their key qualifier (see the domain in the README); "
    "`amount` and `currency` come together; `valid_to` is not before `valid_from`; "
    "`from_id` and `to_id` differ; one attestation per source; an inferred attestation "
    "gives its `reason`, a stated one none; the ends are stored "
    "entities of kinds the type joins, and each attestation's source is a stored source."
)


class RelationshipBase(Strict):
    """A fact joining two entities. Identity: (type, from_id, to_id, the type's key qualifier).

    The qualifiers (``role``, ``amount``…) are added from the declaration: see
    :data:`RelationshipIn`.
    """

    type: RelType
    from_id: Slug
    to_id: Slug
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    attestations: Annotated[list[Attestation], Field(min_length=1, max_length=MAX_ATTESTATIONS)]

    def qualifier(self, name: str) -> Any:
        return getattr(self, name, None)

    @model_validator(mode="after")
    def _check_qualifiers(self) -> RelationshipBase:
        rule = RELATIONSHIP_RULES[self.type]
        for name in QUALIFIERS:
            if self.qualifier(name) is not None and name not in rule.qualifiers:
                raise ValueError(
                    f"{name}: {self.type} takes no '{name}' "
                    f"(it takes: {', '.join(sorted(rule.qualifiers)) or 'none'})"
                )
        if rule.key_required and self.qualifier(rule.key or "") is None:
            raise ValueError(f"{rule.key}: {self.type} needs a '{rule.key}'")
        for spec in DOMAIN.qualifiers.values():
            needed = spec.requires
            if needed and self.qualifier(spec.name) is not None and self.qualifier(needed) is None:
                raise ValueError(f"{needed}: {spec.missing or f'{spec.name} needs {needed}'}")
        if (
            self.valid_from
            and self.valid_to
            and self.valid_to[: len(self.valid_from)] < self.valid_from[: len(self.valid_to)]
        ):
            raise ValueError("valid_to: ends before valid_from")
        if self.from_id == self.to_id:
            raise ValueError("to_id: a relationship needs two different entities")
        sources = [a.source for a in self.attestations]
        if len(set(sources)) != len(sources):
            raise ValueError("attestations: one entry per source")
        return self

    #: the claims of sources this fact was read with (a merge moves stored facts whose
    #: sources disagree); a source not named here claims this fact's own values
    _claims: dict[str, dict[str, Any]] = PrivateAttr(default_factory=dict)

    @property
    def claimed(self) -> dict[str, Any]:
        """The values this write states: its qualifiers besides the identity, and dates."""
        rule = RELATIONSHIP_RULES[self.type]
        values = {q: self.qualifier(q) for q in QUALIFIERS if q != rule.key}
        values.update(valid_from=self.valid_from, valid_to=self.valid_to)
        return {k: v for k, v in values.items() if v is not None}

    def claim_of(self, source: str) -> dict[str, Any]:
        return self._claims.get(source, self.claimed)

    def with_claims(self, claims: dict[str, dict[str, Any]]) -> RelationshipBase:
        self._claims = dict(claims)
        return self

    @property
    def key(self) -> str:
        rule = RELATIONSHIP_RULES[self.type]
        value = self.qualifier(rule.key) if rule.key else None
        return str(value) if value is not None else ""

    @property
    def rel_id(self) -> str:
        return relationship_id(self.type, self.from_id, self.to_id, self.key)


if TYPE_CHECKING:
    RelationshipIn = RelationshipBase
else:
    RelationshipIn = create_model(
        "RelationshipIn",
        __base__=RelationshipBase,
        __doc__=RelationshipBase.__doc__,
        **{name: _field_definition(spec) for name, spec in DOMAIN.qualifiers.items()},
    )


def relationship_id(rel_type: str, from_id: str, to_id: str, key: str = "") -> str:
    """The readable, stable id of a relationship: ``from|TYPE|to`` plus ``|key`` when it has one.

    Example:
        >>> relationship_id("HOLDS_ROLE", "cheng-li-chiun", "taiwan-government", "Vice Premier")
        'cheng-li-chiun|HOLDS_ROLE|taiwan-government|Vice Premier'
    """
    base = f"{from_id}|{rel_type}|{to_id}"
    return f"{base}|{key}" if key else base


def parse_relationship_id(rel_id: str) -> tuple[RelType, str, str, str]:
    parts = rel_id.split("|", 3)
    if len(parts) < 3 or parts[1] not in RelType.__members__:
        raise ValueError("expected 'from|TYPE|to' or 'from|TYPE|to|key' with a known TYPE")
    return RelType(parts[1]), parts[0], parts[2], parts[3] if len(parts) == 4 else ""


class AttestationPublic(BaseModel):
    source: str
    evidence: str
    confidence: float
    basis: Basis = "stated"
    reason: str | None = None
    rank: Rank = "normal"
    claim: dict[str, Any] = Field(
        default={},
        description="the values this source states for the fact (qualifiers besides its "
        "identity, valid_from, valid_to)",
    )


class Batch(Strict):
    """Sources, entities and relationships written together, all or nothing."""

    sources: Annotated[list[SourceIn], Field(max_length=10_000)] = []
    entities: Annotated[list[EntityIn], Field(max_length=10_000)] = []
    relationships: Annotated[list[RelationshipIn], Field(max_length=50_000)] = []


class ItemCounts(BaseModel):
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class BatchResult(BaseModel):
    dry_run: bool
    sources: ItemCounts
    entities: ItemCounts
    relationships: ItemCounts
    changes: list[dict[str, str]] = Field(
        default=[], description="one {kind, id, result} per item that is created or updated"
    )
