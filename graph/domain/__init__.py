"""The domain, declared once in ``domain.yaml``, and everything derived from it without a
database: kinds, relationship types and their rules, the write models every input passes,
value types, name folding, the sentences facts are read as, and where an input error is.

Nothing here touches Neo4j; every other room of ``graph`` builds on this one.
"""

from __future__ import annotations

from graph.domain import names
from graph.domain.batches import Batch, BatchResult, ItemCounts
from graph.domain.declaration import (
    DOMAIN,
    Analysis,
    Domain,
    DomainError,
    FieldSpec,
    Kind,
    StrictLoader,
)
from graph.domain.locations import error_location
from graph.domain.models import (
    COMMON_ENTITY_FIELDS,
    ENTITY_MODELS,
    KIND_FIELDS,
    KIND_LABELS,
    MAX_ALIASES,
    MAX_ATTESTATIONS,
    MAX_SOURCES,
    QUALIFIERS,
    RELATIONSHIP_RULES,
    EntityIn,
    EntityKind,
    ExternalIds,
    RelType,
    SourceIn,
    SourcePublic,
    Strict,
    check_attribute_keys,
    value_type,
)
from graph.domain.relationships import (
    RELATIONSHIP_ADAPTER,
    RELATIONSHIP_MODELS,
    RELATIONSHIP_RULES_TEXT,
    Attestation,
    AttestationPublic,
    Rank,
    RelationshipBase,
    RelationshipIn,
    parse_relationship_id,
    relationship_id,
)
from graph.domain.sentences import sentence
from graph.domain.values import (
    DATE_PATTERN,
    KNOWN_AT_PATTERN,
    SLUG_PATTERN,
    LongText,
    NameText,
    Slug,
)

__all__ = [
    "COMMON_ENTITY_FIELDS",
    "DATE_PATTERN",
    "DOMAIN",
    "ENTITY_MODELS",
    "KIND_FIELDS",
    "KIND_LABELS",
    "KNOWN_AT_PATTERN",
    "MAX_ALIASES",
    "MAX_ATTESTATIONS",
    "MAX_SOURCES",
    "QUALIFIERS",
    "RELATIONSHIP_ADAPTER",
    "RELATIONSHIP_MODELS",
    "RELATIONSHIP_RULES",
    "RELATIONSHIP_RULES_TEXT",
    "SLUG_PATTERN",
    "Analysis",
    "Attestation",
    "AttestationPublic",
    "Batch",
    "BatchResult",
    "Domain",
    "DomainError",
    "EntityIn",
    "EntityKind",
    "ExternalIds",
    "FieldSpec",
    "ItemCounts",
    "Kind",
    "LongText",
    "NameText",
    "Rank",
    "RelType",
    "RelationshipBase",
    "RelationshipIn",
    "Slug",
    "SourceIn",
    "SourcePublic",
    "Strict",
    "StrictLoader",
    "check_attribute_keys",
    "error_location",
    "names",
    "parse_relationship_id",
    "relationship_id",
    "sentence",
    "value_type",
]
