"""The questions the reads answer: one model per read, from its query string, passed whole
to the graph layer.

Each model's parameters less the page (``cursor``, ``limit``) are the question: a cursor
is given for it (:meth:`Question.asked`) and resumes nothing else, so a parameter added to
a model is part of every cursor's fingerprint without anyone threading it by hand.

Example:
    >>> a = NeighbourhoodQuestion(depth=2, limit=10)
    >>> a.asked("tsmc") == NeighbourhoodQuestion(depth=2, limit=50).asked("tsmc")
    True
    >>> a.asked("tsmc") == NeighbourhoodQuestion(depth=3).asked("tsmc")
    False
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.domain.cursors import CURSOR_PATTERN, MAX_CURSOR_LENGTH
from graph.domain.models import EntityKind, RelType
from graph.domain.values import DATE_PATTERN, SLUG_PATTERN

MAX_DEPTH = 3
MAX_HOPS = 6
MAX_K = 10
MAX_LIMIT = 500
#: deep pages of ordered answers cost the database a skip over everything before them
MAX_OFFSET = 10_000

Direction = Literal["out", "in", "both"]
PathMode = Literal["shortest", "all_shortest", "k_shortest"]

Depth = Annotated[int, Field(ge=1, le=MAX_DEPTH, description=f"hops, 1 to {MAX_DEPTH}")]
Types = Annotated[
    list[RelType] | None,
    Field(description="only these relationship types (repeat the parameter)"),
]
Kinds = Annotated[
    list[EntityKind] | None,
    Field(description="only these entity kinds (repeat the parameter)"),
]
Cursor = Annotated[
    str | None,
    Field(
        max_length=MAX_CURSOR_LENGTH,
        pattern=CURSOR_PATTERN,
        description="next_cursor of the previous page, with the same other parameters "
        "(only limit may change); a cursor given for other parameters, or not given by "
        "this service, is refused (422 at query:cursor)",
    ),
]


def _limit(default: int) -> Any:
    return Field(default=default, ge=1, le=MAX_LIMIT, description=f"page size, 1 to {MAX_LIMIT}")


class Question(BaseModel):
    """A read's parameters. Parameters it does not name are left to others (the moment's
    ``known_at`` and ``include_retracted`` are the graph's, and part of every cursor)."""

    model_config = ConfigDict(frozen=True)

    def asked(self, *about: str, **moment: Any) -> dict[str, Any]:
        """What a cursor of this answer is given for: the read, what it is about (ids
        from the path), every parameter but the page, and the moment read."""
        page = {"cursor", "limit"}
        return {
            "q": type(self).__name__,
            "about": list(about),
            **self.model_dump(mode="json", exclude=page),
            **moment,
        }


class Filtered(Question):
    """A read over facts, which may keep only some of them."""

    as_of: str | None = Field(
        default=None,
        pattern=DATE_PATTERN,
        description="only facts valid on this date (YYYY-MM-DD)",
        examples=["2025-06-01"],
    )
    stated_only: bool = Field(
        default=False,
        description="only facts a source states: a fact whose every attestation is inferred "
        "is left out (and not walked through), and a fact kept lists only its stated "
        "attestations, its confidence the highest of those",
    )


class NeighbourhoodQuestion(Filtered):
    depth: Depth = 1
    types: Types = None
    direction: Direction = Field(default="both", description="follow facts out, in or both")
    kind: Kinds = None
    limit: int = _limit(200)
    cursor: Cursor = None


class SupplyChainQuestion(Filtered):
    direction: Literal["upstream", "downstream"] = "upstream"
    depth: Depth = 3
    product: str | None = Field(default=None, max_length=200, description="only this product")
    limit: int = _limit(500)
    cursor: Cursor = None


class ExposureQuestion(Filtered):
    depth: Depth = 3
    kind: Kinds = None


class StancesQuestion(Filtered):
    limit: int = _limit(100)
    cursor: Cursor = None


class TimelineQuestion(Filtered):
    limit: int = _limit(100)
    cursor: Cursor = None


class CommonQuestion(Filtered):
    types: Types = None
    limit: int = _limit(100)


class PathsQuestion(Filtered):
    """``from`` and ``to`` name an entity by id, or by a name or alias only one has."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    from_: str = Field(
        alias="from",
        min_length=1,
        max_length=200,
        examples=["cheng-li-chiun"],
        description="an entity's id, or a name or alias only one entity has "
        "(ignoring case and accents; 409 with the `candidates` when several have it)",
    )
    to: str = Field(
        min_length=1,
        max_length=200,
        examples=["TSMC"],
        description="an entity's id, or a name or alias only one entity has "
        "(ignoring case and accents; 409 with the `candidates` when several have it)",
    )
    mode: PathMode = Field(
        default="shortest",
        description="`shortest`: one shortest path (the first of the shortest in order "
        "of their facts' ids); `all_shortest`: every shortest path (up to 50) in that "
        "order; `k_shortest`: the k shortest paths",
    )
    k: int = Field(default=3, ge=1, le=MAX_K, description=f"how many paths, 1 to {MAX_K}")
    max_hops: int = Field(
        default=6, ge=1, le=MAX_HOPS, description=f"longest path, 1 to {MAX_HOPS} hops"
    )
    types: Types = None


class ExportQuestion(Filtered):
    format: Literal["json", "jsonl", "graphml", "cypher", "ftm"] = "json"
    root: str | None = Field(
        default=None,
        pattern=SLUG_PATTERN,
        max_length=120,
        description="the subgraph around this entity (its id); none: the whole graph",
    )
    depth: Depth = 1


class ResolveQuestion(Question):
    name: str = Field(
        min_length=1,
        max_length=200,
        description="an id, or a name or alias (ignoring case and accents)",
        examples=["Taiwan"],
    )
    kind: Kinds = None


class SearchQuestion(Question):
    q: str = Field(
        min_length=1,
        max_length=200,
        description="words to look for: at least one letter or digit, of any script",
        examples=["tsmc"],
    )
    kind: Kinds = None
    limit: int = _limit(20)
    cursor: Cursor = None


class EntitiesQuestion(Question):
    kind: EntityKind | None = None
    name: str | None = Field(
        default=None,
        max_length=200,
        description="exact name or alias, ignoring case and accents",
        examples=["Washington"],
    )
    limit: int = _limit(50)
    cursor: Cursor = None


class SourcesQuestion(Question):
    limit: int = _limit(50)
    cursor: Cursor = None


class DisputedFactsQuestion(Question):
    limit: int = _limit(50)
    cursor: Cursor = None


class DisputedEntitiesQuestion(Question):
    limit: int = _limit(50)
    cursor: Cursor = None
