"""A new text read against the graph, and a person's review of what was found: mentions
of known entities, names the graph does not hold, candidate facts (pure:
:mod:`graph.ingest.analysis`), and their storage, acceptance and rejection.
"""

from __future__ import annotations

from graph.ingest import review
from graph.ingest.analysis import Analysis, Candidate, Known, Mention, UnknownName, analyse
from graph.ingest.models import (
    Acceptance,
    AnalysisSummary,
    CandidatePublic,
    Rejection,
    Status,
    TextAnalysis,
)

__all__ = [
    "Acceptance",
    "Analysis",
    "AnalysisSummary",
    "Candidate",
    "CandidatePublic",
    "Known",
    "Mention",
    "Rejection",
    "Status",
    "TextAnalysis",
    "UnknownName",
    "analyse",
    "review",
]
