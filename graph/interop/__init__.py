"""The graph in other formats and tools: exports (JSON Lines, GraphML, FollowTheMoney),
the reconciliation protocol, and seed files (reading, locating errors in, and loading,
sources' texts matched by hash included).
"""

from __future__ import annotations

from graph.interop import reconcile, reconcile_reads, seed_texts, seeding
from graph.interop.export import MEDIA_TYPES, GraphExport, export_stream
from graph.interop.export_read import pages
from graph.interop.ftm_export import MEDIA_TYPE, ftm_stream
from graph.interop.load_progress import Progress
from graph.interop.seed_columns import read_columns
from graph.interop.seed_texts import TextsSeeded, wanted_texts, without_spans
from graph.interop.seeding import load_files, locate_in_files, seed

__all__ = [
    "MEDIA_TYPE",
    "MEDIA_TYPES",
    "GraphExport",
    "Progress",
    "TextsSeeded",
    "export_stream",
    "ftm_stream",
    "load_files",
    "locate_in_files",
    "pages",
    "read_columns",
    "reconcile",
    "reconcile_reads",
    "seed",
    "seed_texts",
    "seeding",
    "wanted_texts",
    "without_spans",
]
