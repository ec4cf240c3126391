"""Pure decisions for deep reads a page at a time: the relevance order of what a walk
reaches, which of it one page shows, and the opaque cursor that resumes after it.

The order: nearest first (hops from the root), then the better-connected (more
relationships as stored, whatever the filters), then by id; but a level reached through
a hub (an entity of more than ``graph.reads.walks.LAZY_FROM`` facts) comes by id alone,
in the present, so that it can be read a page at a time (its keys rank 0). A page is
the next ``limit`` entities in that order after the cursor's; the first page starts with
the root itself.
A cursor names the last entity returned by its key: the one signed cursor of every paged
answer (:mod:`graph.domain.cursors`), which resumes only the question it was given for.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from graph.domain import cursors


class Key(NamedTuple):
    """Where an entity stands in a walk's order: sorting keys sorts the entities.

    Example:
        >>> sorted([Key.of(2, 5, "b"), Key.of(1, 1, "z"), Key.of(2, 9, "c"), Key.of(2, 5, "a")])[0]
        Key(distance=1, rank=-1, id='z')
        >>> [k.id for k in sorted([Key.of(2, 5, "b"), Key.of(2, 9, "c"), Key.of(2, 5, "a")])]
        ['c', 'a', 'b']
    """

    distance: int
    rank: int  # minus the degree, so that ascending order puts hubs first
    id: str

    @classmethod
    def of(cls, distance: int, degree: int, entity_id: str) -> Key:
        return cls(distance, -degree, entity_id)


def encode_cursor(question: Mapping[str, Any], last: Key, key: bytes) -> str:
    """The cursor resuming ``question`` after the entity at ``last``, signed with ``key``
    (the one cursor of :mod:`graph.domain.cursors`, its position the key).

    Example:
        >>> q = {"root": "tsmc", "depth": 2}
        >>> decode_cursor(encode_cursor(q, Key.of(1, 7, "taiwan"), b"k"), q, depth=2, key=b"k")
        Key(distance=1, rank=-7, id='taiwan')
    """
    return cursors.encode_cursor(question, list(last), key)


def decode_cursor(cursor: str, question: Mapping[str, Any], *, depth: int, key: bytes) -> Key:
    """The key a cursor resumes after; InvalidInput at ``cursor`` when it is garbled,
    forged, given for another question, or past the walk's depth.

    Example:
        >>> decode_cursor("c1.bm9wZQ", {"depth": 1}, depth=1, key=b"k")
        Traceback (most recent call last):
        ...
        graph.errors.InvalidInput: cursor: not a cursor this service gave; pass the next_cursor of the previous page, with the same other parameters (only limit may change)
    """
    position = cursors.decode_cursor(cursor, question, key=key)
    if not (
        isinstance(position, list)
        and len(position) == 3
        and type(position[0]) is int
        and type(position[1]) is int
        and isinstance(position[2], str)
    ):
        raise cursors.refused("not a cursor this service gave")
    distance, rank, entity_id = position
    if not 0 <= distance <= depth or rank > 0 or not entity_id:
        raise cursors.refused("not a cursor this service gave")
    return Key(distance, rank, entity_id)


def page_after(order: Sequence[Key], after: Key | None, take: int) -> tuple[list[Key], bool]:
    """The next ``take`` keys of ``order`` (sorted) after ``after``, and whether any follow.

    Example:
        >>> order = [Key.of(1, 3, "a"), Key.of(1, 1, "b"), Key.of(2, 0, "c")]
        >>> page_after(order, None, 2)
        ([Key(distance=1, rank=-3, id='a'), Key(distance=1, rank=-1, id='b')], True)
        >>> page_after(order, order[1], 2)
        ([Key(distance=2, rank=0, id='c')], False)
    """
    start = 0 if after is None else bisect_right(order, after)
    return list(order[start : start + take]), len(order) > start + take


def remaining(order: Sequence[Key], after: Key | None) -> int:
    """How many keys of ``order`` (sorted) come after ``after``."""
    return len(order) - (0 if after is None else bisect_right(order, after))


def hop_level(
    fact: Mapping[str, Any],
    distance: Mapping[str, int],
    out_types: Sequence[str],
    in_types: Sequence[str],
) -> int | None:
    """The level at which a walk finds a fact between two entities it reached: one more
    than the nearer end it may be followed from (``out_types`` from its start,
    ``in_types`` from its end); None when neither end may follow it.

    Example:
        >>> fact = {"type": "SUPPLIES", "from_id": "a", "to_id": "b"}
        >>> hop_level(fact, {"a": 2, "b": 1}, ["SUPPLIES"], []), hop_level(fact, {"a": 2, "b": 1}, [], ["SUPPLIES"])
        (3, 2)
    """
    levels = []
    a, b = fact["from_id"], fact["to_id"]
    if fact["type"] in out_types and a in distance:
        levels.append(distance[a] + 1)
    if fact["type"] in in_types and b in distance:
        levels.append(distance[b] + 1)
    return min(levels, default=None)
