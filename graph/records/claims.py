"""Sources that disagree about a fact: each source's claim is kept, and one rule picks
the values the fact answers with.

A fact is one (type, from, to, identity qualifier); what a source says about it beyond
that (an amount, a stance, when it held) is that source's *claim*. Two sources stating
different amounts for the same investment are two claims about one fact, both kept with
their sources; a claim about another fact (another role, another pair of ends) never
competes with them. The values the fact answers with are chosen by :func:`choose`:

1. the explicit rank a claim was given: ``preferred`` before ``normal`` before
   ``deprecated`` (as Wikidata ranks statements); a deprecated claim is never chosen;
2. then the newest publication date among the claim's sources;
3. then the highest confidence among them;
4. then, for a stable answer, the claim's values in sorted order.

A claim whose source is retracted is not weighed at all (the choice is made among the
others; when every source is retracted, among them all, as what the item said before it
was hidden). A field the chosen claim leaves unstated is taken from the next claim in that order that
states it: a source that mentions an investment without its amount does not dispute the
amount another source gives. A claim *agrees* with the fact when every value it states
is the fact's; the fact is *disputed* when some claim does not. Everything here is pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from dataclasses import field as default
from typing import Any

from graph.domain import RANK_ORDER, claim_key, parse_claim


@dataclass(frozen=True)
class Voice:
    """One source's word as the choice weighs it."""

    source: str
    values: Mapping[str, Any]
    rank: str = "normal"
    confidence: float = 0.0
    published: str = ""  # a partial date (``2026``, ``2026-03``…) or "" when unknown
    retracted: bool = False  # its source is retracted: kept, listed, never weighed


@dataclass(frozen=True)
class Standing:
    """What the choice knows of the sources it weighs: each one's publication date, and
    which are retracted (their claims are kept and listed but no longer count).

    Example:
        >>> s = Standing.of({"a": {"published": "2026-01"}, "b": {"retracted_at": "2026-05-01"}})
        >>> s.published("a"), s.published("b"), sorted(s.retracted)
        ('2026-01', '', ['b'])
    """

    dates: Mapping[str, str | None] = default(default_factory=dict)
    retracted: frozenset[str] = frozenset()

    @classmethod
    def of(cls, sources: Mapping[str, Mapping[str, Any]]) -> Standing:
        """The standing of stored sources, from their properties by id."""
        return cls(
            {k: v.get("published") for k, v in sources.items()},
            frozenset(k for k, v in sources.items() if v.get("retracted_at")),
        )

    @classmethod
    def of_rows(cls, rows: Iterable[Mapping[str, Any]]) -> Standing:
        """The standing of the sources a query collected (``s {.id, .published,
        .retracted_at}``)."""
        return cls.of({row["id"]: row for row in rows})

    def published(self, source: str) -> str:
        return self.dates.get(source) or ""

    def voice(self, source: str, values: Mapping[str, Any], rank: str, confidence: float) -> Voice:
        """A source's claim as the choice weighs it."""
        return Voice(
            source, values, rank, confidence, self.published(source), source in self.retracted
        )

    def withdrawn(self, sources: Iterable[str]) -> list[str]:
        """Those of ``sources`` that are retracted, in their order (stored beside the
        claims, so that answers can list them as retracted without reading the sources)."""
        return [s for s in sources if s in self.retracted]


@dataclass(frozen=True)
class Choice:
    """The values a fact answers with, the claims in order, and why the first won."""

    values: dict[str, Any]
    order: list[str]  # claim keys, best first
    reason: str
    disputed: bool


def _order_key(claim: str, voices: list[Voice]) -> tuple[int, str, float, str]:
    rank = min(RANK_ORDER.get(v.rank, 1) for v in voices)
    newest = max(v.published for v in voices)
    confidence = max(v.confidence for v in voices)
    # ascending sort: the best rank first, then the newest date, then the highest confidence
    return (rank, _descending(newest), -confidence, claim)


def _descending(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in text) + "\U0010ffff"


def agrees(values: Mapping[str, Any], current: Mapping[str, Any]) -> bool:
    """Whether a claim states nothing the fact's current values contradict.

    Example:
        >>> agrees({"amount": 100}, {"amount": 200, "currency": "USD"})
        False
        >>> agrees({}, {"amount": 200})
        True
    """
    return all(current.get(k) == v for k, v in values.items() if v is not None)


def choose(voices: Iterable[Voice]) -> Choice:
    """The fact's values from its sources' claims, by the rule in this module's docstring.

    Example:
        >>> a = Voice("a", {"amount": 100}, confidence=0.9, published="2026-01")
        >>> b = Voice("b", {"amount": 200}, confidence=0.6, published="2026-03")
        >>> choice = choose([a, b])
        >>> choice.values, choice.disputed, choice.reason
        ({'amount': 200}, True, 'the newest source (published 2026-03)')
    """
    voices = list(voices)
    if any(not v.retracted for v in voices):
        voices = [v for v in voices if not v.retracted]
    else:  # nothing counts: what its sources said stays (it is hidden as they are retracted)
        voices = [replace(v, retracted=False) for v in voices]
    if len(voices) == 1 and voices[0].rank != "deprecated":
        return _only(voices[0])
    claims: dict[str, list[Voice]] = {}
    for voice in voices:
        claims.setdefault(claim_key(voice.values), []).append(voice)
    order = sorted(claims, key=lambda c: _order_key(c, claims[c]))
    values: dict[str, Any] = {}
    for claim in order:
        if min(RANK_ORDER.get(v.rank, 1) for v in claims[claim]) == RANK_ORDER["deprecated"]:
            break  # deprecated claims sort last and are never the fact's values
        for field, value in parse_claim(claim).items():
            values.setdefault(field, value)
    disputed = not all(agrees(parse_claim(c), values) for c in order)
    return Choice(values, order, _reason(order, claims), disputed)


def _only(voice: Voice) -> Choice:
    """What :func:`choose` makes of one claim not deprecated (most facts have one source),
    without the round trip through its canonical string: its values, undisputed."""
    values = {k: voice.values[k] for k in sorted(voice.values) if voice.values[k] is not None}
    return Choice(values, [claim_key(values)], "the only claim", False)


def _reason(order: list[str], claims: Mapping[str, list[Voice]]) -> str:
    if len(order) == 1:
        return "the only claim"
    first, second = (_order_key(c, claims[c]) for c in order[:2])
    if first[0] != second[0]:
        return "its explicit rank"
    if first[1] != second[1]:
        newest = max(v.published for v in claims[order[0]])
        return f"the newest source (published {newest})"
    if first[2] != second[2]:
        return "the highest confidence"
    return "claims alike in rank, date and confidence: the first in sorted order"
