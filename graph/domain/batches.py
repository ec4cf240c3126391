"""A batch: sources, entities and facts written together, and what writing it did."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from graph.domain.models import EntityIn, SourceIn, Strict
from graph.domain.relationships import RelationshipIn


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
