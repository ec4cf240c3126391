"""History: the revision every write records, and items' states as recorded at a moment
(``known_at``), read back as history, the change feed and disputes.
"""

from __future__ import annotations

from graph.history import revisions
from graph.history.revisions import (
    ConflictsPage,
    EntityConflictsPage,
    Item,
    Op,
    Revision,
    erase_history,
    iso,
    record,
    revision_row,
    transaction_time,
)
from graph.history.then import source_usage_then, sources_then

__all__ = [
    "ConflictsPage",
    "EntityConflictsPage",
    "Item",
    "Op",
    "Revision",
    "erase_history",
    "iso",
    "record",
    "revision_row",
    "revisions",
    "source_usage_then",
    "sources_then",
    "transaction_time",
]
