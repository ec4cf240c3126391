"""A new text read against the graph, and a person's review of what was found: mentions
of known entities, names the graph does not hold, candidate facts (pure:
:mod:`graph.ingest.analysis`), and their storage, acceptance and rejection.
"""

from __future__ import annotations

from graph.ingest.analysis import Analysis, Candidate, Known, Mention, UnknownName, analyse

__all__ = ["Analysis", "Candidate", "Known", "Mention", "UnknownName", "analyse"]
