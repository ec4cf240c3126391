"""The domain: entity kinds, the relationship allow-list, and the models every write passes.

Labels and relationship types that reach Cypher come only from :data:`KIND_LABELS` and
:data:`RELATIONSHIP_RULES`; nothing a client sends becomes a label or a type unless it
is one of these.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    model_validator,
)

from graph.values import (
    EvidenceText,
    LongText,
    PartialDate,
    ShortText,
    Slug,
    Url,
)

#: Caps on the lists a stored item keeps; writes that would pass one are refused by name.
MAX_ALIASES = 50
MAX_SOURCES = 100
MAX_ATTESTATIONS = 100


def error_location(loc: tuple[int | str, ...], message: str) -> tuple[str, str]:
    """A pydantic error as (JSON pointer, message); a model check's ``field: why`` names its field.

    Example:
        >>> error_location(("relationships", 0), "Value error, currency: needs a currency")
        ('/relationships/0/currency', 'needs a currency')
    """
    message = message.removeprefix("Value error, ")
    # an entity's kind selects its model; pydantic names that choice in the location,
    # but the client's document has no such level
    loc = tuple(p for p in loc if not (isinstance(p, str) and p in _KIND_VALUES))
    field, sep, rest = message.partition(": ")
    if sep and re.fullmatch(r"[a-z_]+", field):
        loc, message = (*loc, field), rest
    return "/" + "/".join(str(p) for p in loc), message


class EntityKind(StrEnum):
    PERSON = "person"
    GOVERNMENT = "government"
    AGENCY = "agency"
    ORGANIZATION = "organization"
    MEDIA = "media"
    FIRM = "firm"
    PROPOSAL = "proposal"
    FACILITY = "facility"
    LOCATION = "location"
    EVENT = "event"


_KIND_VALUES = frozenset(k.value for k in EntityKind)

ACTOR_KINDS = frozenset(
    {
        EntityKind.PERSON,
        EntityKind.GOVERNMENT,
        EntityKind.AGENCY,
        EntityKind.ORGANIZATION,
        EntityKind.MEDIA,
    }
)
ALL_KINDS = frozenset(EntityKind)
PARTIES = ACTOR_KINDS | {EntityKind.FIRM}
INSTITUTIONS = PARTIES - {EntityKind.PERSON, EntityKind.MEDIA}

#: Every entity node is ``:Entity`` plus these labels; actors also carry ``:Actor``.
KIND_LABELS: dict[EntityKind, tuple[str, ...]] = {
    kind: (("Actor",) if kind in ACTOR_KINDS else ()) + (kind.value.capitalize(),)
    for kind in EntityKind
}


class ProposalType(StrEnum):
    POLICY_PROPOSAL = "policy_proposal"
    INVESTMENT_PLAN = "investment_plan"
    INITIATIVE = "initiative"
    AGREEMENT = "agreement"


class ProposalStatus(StrEnum):
    FLOATED = "floated"
    PROPOSED = "proposed"
    UNDER_NEGOTIATION = "under_negotiation"
    REJECTED = "rejected"
    ADOPTED = "adopted"
    WITHDRAWN = "withdrawn"


class LocationType(StrEnum):
    COUNTRY = "country"
    STATE = "state"
    REGION = "region"
    CITY = "city"


class RelType(StrEnum):
    HOLDS_ROLE = "HOLDS_ROLE"
    PART_OF = "PART_OF"
    GOVERNS = "GOVERNS"
    LOCATED_IN = "LOCATED_IN"
    OPERATES = "OPERATES"
    PROPOSES = "PROPOSES"
    SUPPORTS = "SUPPORTS"
    OPPOSES = "OPPOSES"
    REJECTS = "REJECTS"
    INVESTS_IN = "INVESTS_IN"
    PRODUCES_IN = "PRODUCES_IN"
    SUPPLIES = "SUPPLIES"
    DEPENDS_ON = "DEPENDS_ON"
    NEGOTIATES_WITH = "NEGOTIATES_WITH"
    PARTICIPATES_IN = "PARTICIPATES_IN"
    INVOLVES = "INVOLVES"
    AFFECTS = "AFFECTS"
    COMPLICATES = "COMPLICATES"
    REPORTS_ON = "REPORTS_ON"


QUALIFIERS = ("role", "product", "amount", "currency", "stance", "purpose")
STANCE_TYPES = frozenset({RelType.PROPOSES, RelType.SUPPORTS, RelType.OPPOSES, RelType.REJECTS})


@dataclass(frozen=True)
class RelRule:
    """What one relationship type may join, and which qualifier tells two of them apart."""

    sources: frozenset[EntityKind]
    targets: frozenset[EntityKind]
    key: str | None = None  # the qualifier that is part of the relationship's identity
    key_required: bool = False
    qualifiers: frozenset[str] = frozenset()


def _stance_rule() -> RelRule:
    return RelRule(PARTIES, frozenset({EntityKind.PROPOSAL}), qualifiers=frozenset({"stance"}))


RELATIONSHIP_RULES: dict[RelType, RelRule] = {
    RelType.HOLDS_ROLE: RelRule(
        frozenset({EntityKind.PERSON}),
        INSTITUTIONS | {EntityKind.MEDIA},
        key="role",
        key_required=True,
        qualifiers=frozenset({"role"}),
    ),
    RelType.PART_OF: RelRule(INSTITUTIONS, INSTITUTIONS),
    RelType.GOVERNS: RelRule(frozenset({EntityKind.GOVERNMENT}), frozenset({EntityKind.LOCATION})),
    RelType.LOCATED_IN: RelRule(
        ALL_KINDS - {EntityKind.PERSON, EntityKind.PROPOSAL},
        frozenset({EntityKind.LOCATION}),
    ),
    RelType.OPERATES: RelRule(
        INSTITUTIONS,
        frozenset({EntityKind.FACILITY}),
        qualifiers=frozenset({"purpose"}),
    ),
    RelType.PROPOSES: _stance_rule(),
    RelType.SUPPORTS: _stance_rule(),
    RelType.OPPOSES: _stance_rule(),
    RelType.REJECTS: _stance_rule(),
    RelType.INVESTS_IN: RelRule(
        INSTITUTIONS,
        frozenset({EntityKind.LOCATION, EntityKind.FACILITY, EntityKind.FIRM}),
        qualifiers=frozenset({"amount", "currency", "purpose"}),
    ),
    RelType.PRODUCES_IN: RelRule(
        frozenset({EntityKind.FIRM}),
        frozenset({EntityKind.LOCATION, EntityKind.FACILITY}),
        key="product",
        qualifiers=frozenset({"product", "purpose"}),
    ),
    RelType.SUPPLIES: RelRule(
        frozenset({EntityKind.FIRM, EntityKind.FACILITY}),
        frozenset({EntityKind.FIRM, EntityKind.FACILITY}),
        key="product",
        key_required=True,
        qualifiers=frozenset({"product"}),
    ),
    RelType.DEPENDS_ON: RelRule(
        ALL_KINDS,
        ALL_KINDS,
        key="product",
        qualifiers=frozenset({"product", "purpose"}),
    ),
    RelType.NEGOTIATES_WITH: RelRule(PARTIES, PARTIES, qualifiers=frozenset({"purpose"})),
    RelType.PARTICIPATES_IN: RelRule(
        PARTIES,
        frozenset({EntityKind.EVENT}),
        key="role",
        qualifiers=frozenset({"role"}),
    ),
    RelType.INVOLVES: RelRule(
        frozenset({EntityKind.PROPOSAL, EntityKind.EVENT}),
        ALL_KINDS,
        qualifiers=frozenset({"purpose"}),
    ),
    RelType.AFFECTS: RelRule(
        frozenset({EntityKind.PROPOSAL, EntityKind.EVENT}),
        ALL_KINDS,
        qualifiers=frozenset({"purpose"}),
    ),
    RelType.COMPLICATES: RelRule(
        ALL_KINDS,
        frozenset({EntityKind.EVENT, EntityKind.PROPOSAL}),
        qualifiers=frozenset({"purpose"}),
    ),
    RelType.REPORTS_ON: RelRule(frozenset({EntityKind.MEDIA}), ALL_KINDS),
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
    id: Slug
    name: ShortText
    aliases: Annotated[list[ShortText], Field(max_length=MAX_ALIASES)] = []
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


class PersonIn(EntityBase):
    kind: Literal["person"]


class GovernmentIn(EntityBase):
    kind: Literal["government"]
    jurisdiction: ShortText | None = None


class AgencyIn(EntityBase):
    kind: Literal["agency"]


class OrganizationIn(EntityBase):
    kind: Literal["organization"]


class MediaIn(EntityBase):
    kind: Literal["media"]


class FirmIn(EntityBase):
    kind: Literal["firm"]
    headquarters_country: ShortText | None = None
    sector: ShortText | None = None


class ProposalIn(EntityBase):
    kind: Literal["proposal"]
    proposal_type: ProposalType
    status: ProposalStatus | None = Field(
        default=None, description="null where no source states it"
    )


class FacilityIn(EntityBase):
    kind: Literal["facility"]
    facility_type: ShortText | None = None
    purpose: ShortText | None = None


class LocationIn(EntityBase):
    kind: Literal["location"]
    location_type: LocationType


class EventIn(EntityBase):
    kind: Literal["event"]
    event_type: ShortText | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None


EntityIn = Annotated[
    PersonIn
    | GovernmentIn
    | AgencyIn
    | OrganizationIn
    | MediaIn
    | FirmIn
    | ProposalIn
    | FacilityIn
    | LocationIn
    | EventIn,
    Field(discriminator="kind"),
]

COMMON_ENTITY_FIELDS = frozenset(EntityBase.model_fields) | {"kind"}

ENTITY_MODELS: dict[EntityKind, type[EntityBase]] = {
    EntityKind.PERSON: PersonIn,
    EntityKind.GOVERNMENT: GovernmentIn,
    EntityKind.AGENCY: AgencyIn,
    EntityKind.ORGANIZATION: OrganizationIn,
    EntityKind.MEDIA: MediaIn,
    EntityKind.FIRM: FirmIn,
    EntityKind.PROPOSAL: ProposalIn,
    EntityKind.FACILITY: FacilityIn,
    EntityKind.LOCATION: LocationIn,
    EntityKind.EVENT: EventIn,
}
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

    name: Annotated[ShortText, Field(default=None)]
    aliases: Annotated[list[ShortText], Field(default=None, max_length=MAX_ALIASES)]
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


class EntityPublic(BaseModel):
    """An entity as the API returns it: the common fields, and the kind's own in ``attributes``."""

    id: str
    kind: EntityKind
    name: str
    aliases: list[str] = []
    description: str | None = None
    external_ids: ExternalIds = ExternalIds()
    sources: list[str] = []
    attributes: dict[str, Any] = {}
    created_at: str | None = None
    updated_at: str | None = None


# --- relationships -------------------------------------------------------------------


class Attestation(Strict):
    """One source's word for a fact: where, what it says in our words, and how sure we are."""

    source: Slug
    evidence: EvidenceText
    confidence: float = Field(ge=0.0, le=1.0, strict=True)


#: What a fact must satisfy beyond its JSON schema (422 naming the field otherwise), for
#: the OpenAPI descriptions of the routes that take facts.
RELATIONSHIP_RULES_TEXT = (
    "Rules beyond the schema (422 naming the field): each type takes only its own "
    "qualifiers, and some require their key qualifier (see the domain in the README); "
    "`amount` and `currency` come together; `valid_to` is not before `valid_from`; "
    "`from_id` and `to_id` differ; one attestation per source; the ends are stored "
    "entities of kinds the type joins, and each attestation's source is a stored source."
)


class RelationshipIn(Strict):
    """A fact joining two entities. Identity: (type, from_id, to_id, the type's key qualifier)."""

    type: RelType
    from_id: Slug
    to_id: Slug
    role: ShortText | None = None
    product: ShortText | None = None
    amount: float | None = Field(default=None, ge=0, le=1e15, strict=True)
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    stance: ShortText | None = None
    purpose: ShortText | None = None
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    attestations: Annotated[list[Attestation], Field(min_length=1, max_length=MAX_ATTESTATIONS)]

    @model_validator(mode="after")
    def _check_qualifiers(self) -> RelationshipIn:
        rule = RELATIONSHIP_RULES[self.type]
        for name in QUALIFIERS:
            if getattr(self, name) is not None and name not in rule.qualifiers:
                raise ValueError(
                    f"{name}: {self.type} takes no '{name}' "
                    f"(it takes: {', '.join(sorted(rule.qualifiers)) or 'none'})"
                )
        if rule.key_required and getattr(self, rule.key or "") is None:
            raise ValueError(f"{rule.key}: {self.type} needs a '{rule.key}'")
        if self.amount is not None and self.currency is None:
            raise ValueError("currency: an amount needs a currency (ISO 4217, e.g. USD)")
        if self.currency is not None and self.amount is None:
            raise ValueError("amount: a currency without an amount")
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

    @property
    def key(self) -> str:
        rule = RELATIONSHIP_RULES[self.type]
        value = getattr(self, rule.key) if rule.key else None
        return value or ""

    @property
    def rel_id(self) -> str:
        return relationship_id(self.type, self.from_id, self.to_id, self.key)


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


class RelationshipPublic(BaseModel):
    """A fact as the API returns it, with every source's evidence."""

    id: str
    type: RelType
    from_id: str
    to_id: str
    qualifiers: dict[str, Any] = {}
    valid_from: str | None = None
    valid_to: str | None = None
    confidence: float
    attestations: list[AttestationPublic]
    created_at: str | None = None
    updated_at: str | None = None


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
