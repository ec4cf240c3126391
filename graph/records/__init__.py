"""How items are stored and shown: domain models as Neo4j properties and back, sources'
claims ranked into a fact's value, and the public shapes of entities and facts. Pure:
no database.
"""

from __future__ import annotations

from graph.records.claims import Standing
from graph.records.encoding import (
    attestations_of,
    entity_claims,
    entity_input,
    entity_props,
    entity_public,
    known_props,
    rechosen,
    rechosen_entity,
    relationship_claims,
    relationship_input,
    relationship_props,
    source_props,
    source_public,
    stated_props,
    without_timestamps,
)
from graph.records.entity_claims import Claims, claimed_by, corrected, kept_for, merged, with_claims
from graph.records.public import RETRACTION_FIELDS, EntityPublic, entity_public_model
from graph.records.views import Fact, GraphView, Node, SourceRef, fact_from_row

__all__ = [
    "RETRACTION_FIELDS",
    "Claims",
    "EntityPublic",
    "Fact",
    "GraphView",
    "Node",
    "SourceRef",
    "Standing",
    "attestations_of",
    "claimed_by",
    "corrected",
    "entity_claims",
    "entity_input",
    "entity_props",
    "entity_public",
    "entity_public_model",
    "fact_from_row",
    "kept_for",
    "known_props",
    "merged",
    "rechosen",
    "rechosen_entity",
    "relationship_claims",
    "relationship_input",
    "relationship_props",
    "source_props",
    "source_public",
    "stated_props",
    "with_claims",
    "without_timestamps",
]
