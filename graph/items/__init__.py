"""One item at a time, as the HTTP resources offer them: entities (get, put, patch, merge),
facts and sources (get, put), and retraction and restore of either.
"""

from __future__ import annotations

from graph.items import entities, facts, retraction
from graph.items.entities import ENTITY_ADAPTER, get_entity
from graph.items.facts import FactExplained, SourcePage, SourceUsage

__all__ = [
    "ENTITY_ADAPTER",
    "FactExplained",
    "SourcePage",
    "SourceUsage",
    "entities",
    "facts",
    "get_entity",
    "retraction",
]
