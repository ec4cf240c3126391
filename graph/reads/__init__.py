"""Questions answered from the graph: lookups and search, walks of the graph a page at a
time, neighbourhoods, paths, stances, supply chains, exposure and timelines, and the pin
that holds a long read to one moment.
"""

from __future__ import annotations

from graph.reads import analysis, explore, lookup
from graph.reads.analysis import Counts, Exposure, Stances, SupplyChain, Timeline
from graph.reads.explore import (
    CommonConnection,
    EntityPage,
    PathView,
    resolve,
)
from graph.reads.lookup import Lookalike, Match, SearchHit, SearchPage
from graph.reads.pinned import NOT_STORED, Head, Pin, catch_up, pin_head
from graph.reads.walks import Walk, reach

__all__ = [
    "NOT_STORED",
    "CommonConnection",
    "Counts",
    "EntityPage",
    "Exposure",
    "Head",
    "Lookalike",
    "Match",
    "PathView",
    "Pin",
    "SearchHit",
    "SearchPage",
    "Stances",
    "SupplyChain",
    "Timeline",
    "Walk",
    "analysis",
    "catch_up",
    "explore",
    "lookup",
    "pin_head",
    "reach",
    "resolve",
]
