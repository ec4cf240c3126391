"""One item at a time, as the HTTP resources offer them: entities (get, put, patch, merge),
facts and sources (get, put), sources' texts (get, put), and retraction and restore (of
entities and facts, and of sources: :mod:`graph.items.source_retraction`).
"""

from __future__ import annotations

from graph.items import entities, facts, retraction, source_retraction, texts
from graph.items.entities import ENTITY_ADAPTER, get_entity, validation_to_invalid
from graph.items.facts import FactExplained, SourcePage, SourceUsage
from graph.items.texts import SourceText, TextStored

__all__ = [
    "ENTITY_ADAPTER",
    "FactExplained",
    "SourcePage",
    "SourceText",
    "SourceUsage",
    "TextStored",
    "entities",
    "facts",
    "get_entity",
    "retraction",
    "source_retraction",
    "texts",
    "validation_to_invalid",
]
