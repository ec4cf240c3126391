"""Facts: the attestations that source them, and one write model per relationship type.

Each declared type gets its own model (``HoldsRoleIn``, ``InvestsInIn``…) holding only the
qualifiers it takes, its key qualifier required where the declaration says so; a fact is
:data:`RelationshipIn`, the union of them chosen by ``type``. So the OpenAPI document says
which qualifiers each type takes, and a qualifier a type does not take is refused by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    Field,
    PrivateAttr,
    TypeAdapter,
    create_model,
    field_validator,
    model_validator,
)

from graph.domain.declaration import DOMAIN, RelationshipType
from graph.domain.models import (
    MAX_ATTESTATIONS,
    QUALIFIERS,
    RELATIONSHIP_RULES,
    RelType,
    Strict,
    field_definition,
    value_type,
)
from graph.domain.spans import Selector, SelectorIn
from graph.domain.values import EvidenceText, PartialDate, ShortText, Slug

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
    selector: SelectorIn | None = Field(
        default=None,
        description="where in the source's stored text its words for the fact are: a "
        "position, a quote or both; checked against the text (see the README's evidence spans)",
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
    "entities of kinds the type joins, and each attestation's source is a stored source; "
    "an attestation's `selector` gives a position (`start` and `end`, `end` after `start`, "
    "at most 10000 apart) or a quote (`exact`), and points at its words in its source's "
    "stored text."
)


class RelationshipBase(Strict):
    """A fact joining two entities. Identity: (type, from_id, to_id, the type's key qualifier).

    Each type's model adds its own qualifiers (``role``, ``amount``…) from the declaration:
    see :data:`RELATIONSHIP_MODELS`.
    """

    type: RelType
    from_id: Slug
    to_id: Slug
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    attestations: Annotated[list[Attestation], Field(min_length=1, max_length=MAX_ATTESTATIONS)]

    def qualifier(self, name: str) -> Any:
        """A qualifier's value, None when unset or not one of this type's (read from the
        fields themselves: ``getattr`` of a field the model lacks makes pydantic build an
        error to swallow, ~25 µs a call, which was most of a fact's validation)."""
        return self.__dict__.get(name)

    @field_validator("type", mode="after")
    @classmethod
    def _declared_type(cls, value: str) -> RelType:
        return RelType(value)

    @model_validator(mode="before")
    @classmethod
    def _its_own_qualifiers(cls, data: Any) -> Any:
        """Name what is wrong before the schema's "extra input" or "field required" would:
        a qualifier of another type, or the type's key qualifier left out."""
        kind = data.get("type") if isinstance(data, dict) else None
        if not isinstance(kind, str) or kind not in RelType.__members__:
            return data  # not a mapping, or no declared type: the schema says what is wrong
        rule = RELATIONSHIP_RULES[RelType(kind)]
        for name in QUALIFIERS:
            if name in data and name not in rule.qualifiers:
                raise ValueError(
                    f"{name}: {data['type']} takes no '{name}' "
                    f"(it takes: {', '.join(sorted(rule.qualifiers)) or 'none'})"
                )
        if rule.key_required and data.get(rule.key or "") is None:
            raise ValueError(f"{rule.key}: {data['type']} needs a '{rule.key}'")
        return data

    @model_validator(mode="after")
    def _check_qualifiers(self) -> RelationshipBase:
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
    # None, not a factory's {}: pydantic inspects a private default factory's signature for
    # every model it builds (~14 µs a fact)
    _claims: dict[str, dict[str, Any]] | None = PrivateAttr(default=None)

    @property
    def claimed(self) -> dict[str, Any]:
        """The values this write states: its qualifiers besides the identity, and dates."""
        rule = RELATIONSHIP_RULES[self.type]
        values = {q: self.qualifier(q) for q in QUALIFIERS if q != rule.key}
        values.update(valid_from=self.valid_from, valid_to=self.valid_to)
        return {k: v for k, v in values.items() if v is not None}

    def claim_of(self, source: str) -> dict[str, Any]:
        return (self._claims or {}).get(source, self.claimed)

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


def _model_name(type_name: str) -> str:
    """``HOLDS_ROLE`` -> ``HoldsRoleIn``."""
    return "".join(word.capitalize() for word in type_name.split("_")) + "In"


def _relationship_model(rel: RelationshipType) -> type[RelationshipBase]:
    fields: dict[str, Any] = {
        "type": (
            Literal[rel.name],
            Field(description=f"{rel.label} ({rel.reverse}, read backwards)"),
        )
    }
    for name in rel.qualifiers:
        spec = DOMAIN.qualifiers[name]
        if name == rel.key and rel.key_required:
            fields[name] = (value_type(spec), Field(description="part of the fact's identity"))
        else:
            fields[name] = field_definition(spec)
    doc = f"A ``{rel.name}`` fact: the ``from_id`` entity {rel.label} the ``to_id`` entity."
    return create_model(_model_name(rel.name), __base__=RelationshipBase, __doc__=doc, **fields)


#: The write model of each relationship type: the common fields and the type's qualifiers.
RELATIONSHIP_MODELS: dict[RelType, type[RelationshipBase]] = {
    RelType(name): _relationship_model(rel) for name, rel in DOMAIN.relationships.items()
}

if TYPE_CHECKING:
    RelationshipIn = RelationshipBase
else:
    RelationshipIn = Annotated[
        Union[tuple(RELATIONSHIP_MODELS.values())],  # noqa: UP007
        Field(discriminator="type"),
    ]

#: Reads one fact from a mapping, choosing its model by ``type``.
RELATIONSHIP_ADAPTER: TypeAdapter[RelationshipIn] = TypeAdapter(RelationshipIn)


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
    selector: Selector | None = Field(
        default=None, description="where the source's words for the fact are in its text"
    )
