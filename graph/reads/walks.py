"""Walking the graph breadth-first a page at a time, bounded by the page, not the graph.

Each level is found with a light query (ids and the relevance key only: reach_level); only
the entities and facts of the page shown are then read in full (facts_of_page). The order
and the cursor are :mod:`graph.reads.walk_pages`'s.

A level reached through a hub is not read whole: its order by degree would need every
neighbour's degree. In the present, a level reached through an entity of more than
``LAZY_FROM`` facts is read in the order of its entities' ids, from the cursor on, no
further than the page (reach_level_by_id, through the indexes on the facts' ends); a
page after the first reads it again by id up to the cursor, to draw its facts to what
the pages before returned. A page's facts are read from the end of fewer facts, and
between two of many from the same indexes, pair by pair (facts_of_page).
Under ``known_at`` levels are read whole, by degree, as before.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.reads.walk_pages import Key, hop_level, page_after, remaining
from graph.records import Fact, Node, fact_from_row
from graph.store import NOW, Moment, hidden_then, holds_on, query_as_of, run

MAX_NODES = 500
#: A level reached through an entity of more facts than this (a hub) is read a page at a
#: time, in the order of its entities' ids, instead of whole and by degree
#: (:func:`_level_by_id`).
LAZY_FROM = 1_000
#: In such a level, a frontier entity of at most this many facts has them all read from
#: it; one of more has each type's read from the index on their ends, up to the page.
FEW = 100
#: The index lookups that finding a pair's facts of one type costs, both ways round: an
#: entity of the page of more facts than that for each pair it makes with the entities
#: returned of more than ``FEW`` has its facts to them found pair by pair (facts_of_page)
PAIR_COST = 2
#: As many as a level may hold: "the whole level" to a query that takes a limit.
WHOLE = 2**31


@dataclass
class Walk:
    """How to walk: which types to follow forwards and backwards, and what to keep."""

    out_types: list[str]
    in_types: list[str]
    kinds: list[str] | None = None
    product: str | None = None
    as_of: str | None = None
    stated_only: bool = False  # follow only facts a source states
    moment: Moment = NOW

    def filters(self) -> dict[str, Any]:
        """The parameters every walk query filters facts by."""
        return {
            "product": self.product,
            "as_of": query_as_of(self.moment, self.as_of),
            "stated_only": self.stated_only,
            **self.moment.params(),
        }


@dataclass
class Reach:
    """One page of a walk, light: the keys it shows, the distance of every entity returned
    up to its end (the root, the pages before, this one), and the key to resume after, if
    more follow."""

    root: Node
    first: bool
    page: list[Key]
    returned: dict[str, int]
    resume: Key | None
    #: a page inside a level read by id after a cursor: that level's entities up to the
    #: cursor, returned by the pages before (read again by id, up to the cursor; the
    #: page's facts to them are drawn too)
    before: list[str] | None = None


@dataclass
class Walked:
    """One page of a walk: its nodes with their distance (the root only on the first page),
    the facts it follows with the level that finds them, each linking a node of the page to
    one returned so far, the fact that first reached each node of the page, and the key to
    resume after (None when nothing more is reachable)."""

    nodes: dict[str, Node]
    edges: list[tuple[int, Fact]]
    reached_by: dict[str, Fact]
    resume: Key | None = None

    @property
    def truncated(self) -> bool:
        return self.resume is not None


def holds_then(fact: dict[str, Any], how: Walk) -> bool:
    """Whether a fact a query found holds as the walk's moment sees it: under ``known_at``,
    its state recorded then was current and its dates then hold on ``as_of``."""
    if hidden_then(fact, how.moment, how.stated_only):
        return False
    if not how.moment.known_at or how.as_of is None:
        return True
    state = json.loads(fact["known_state"]) if fact.get("known_state") else fact
    return holds_on(state.get("valid_from"), state.get("valid_to"), how.as_of)


def _beyond(frontier: list[str], seen: dict[str, int], how: Walk) -> dict[str, Any]:
    """What both level queries are asked: one hop beyond ``frontier``, by the walk's
    types and kinds, to entities not ``seen``."""
    return {
        "frontier": frontier,
        "seen": list(seen),
        "out_types": how.out_types,
        "in_types": how.in_types,
        "kinds": how.kinds,
    }


async def _level(
    tx: AsyncManagedTransaction,
    frontier: list[str],
    seen: dict[str, int],
    level: int,
    how: Walk,
    upto: int | None = None,
    after: Key | None = None,
) -> tuple[list[Key], bool]:
    """The level's keys in order, and whether they are all of it. With ``upto``, only its
    first keys: those up to ``after`` (when it stands in this level) and ``upto`` more.
    Under ``known_at`` the service decides which entities a fact then reached, so it
    reads the whole level.

    In the present, a level reached through an entity of more than ``LAZY_FROM`` facts is
    read by id instead (:func:`_level_by_id`); a cursor made in such a level (rank 0: no
    degree was read) resumes it so, and one made in a level read by degree, by degree."""
    upto = None if how.moment.known_at else upto
    cursor = after if after is not None and after.distance == level else None
    by_id = upto if how.moment == NOW else None  # the page's bound, when it may be read by id
    if by_id is not None and cursor is not None and cursor.rank == 0:
        return await _level_by_id(tx, frontier, seen, level, how, by_id, cursor)
    (found,) = await run(
        tx,
        "reach_level",
        **_beyond(frontier, seen, how),
        upto=upto,
        after_degree=-cursor.rank if cursor else None,
        after_id=cursor.id if cursor else None,
        most=LAZY_FROM if by_id is not None and cursor is None else None,
        **how.filters(),
    )
    if by_id is not None and cursor is None and found["fan"] > LAZY_FROM:
        return await _level_by_id(tx, frontier, seen, level, how, by_id, None)
    keys = [
        Key.of(level, item["degree"], item["id"])
        for item in found["reached"]
        # under known_at: kept when some fact reaching it held then
        if not how.moment.known_at or any(holds_then(f, how) for f in item["facts"])
    ]
    return sorted(keys), len(found["reached"]) == found["total"]


async def _level_by_id(
    tx: AsyncManagedTransaction,
    frontier: list[str],
    seen: dict[str, int],
    level: int,
    how: Walk,
    upto: int,
    cursor: Key | None,
    until: str | None = None,
) -> tuple[list[Key], bool]:
    """The first ``upto`` entities of a level after ``cursor`` (up to the id ``until``),
    in the order of their ids (their keys rank 0: no degree is read), and whether they are
    all it holds after it."""
    (found,) = await run(
        tx,
        "reach_level_by_id",
        **_beyond(frontier, seen, how),
        product=how.product,
        as_of=how.as_of,
        stated_only=how.stated_only,
        few=FEW,
        upto=upto,
        after_id=cursor.id if cursor else "",
        until_id=until,
    )
    keys = [Key(level, 0, entity_id) for entity_id in found["reached"]]
    return keys, len(keys) < upto


async def reach(
    tx: AsyncManagedTransaction,
    start: Node,
    depth: int,
    how: Walk,
    limit: int = MAX_NODES,
    after: Key | None = None,
) -> Reach:
    """The page of ``limit`` entities after ``after`` (the first page: the root and the
    ``limit - 1`` first), walking only as many levels as it takes to fill the page and
    to know whether more follow."""
    take = limit if after is not None else limit - 1
    seen, order = {start.id: 0}, list[Key]()
    before: list[str] | None = None
    frontier, level = [start.id], 0
    while level < depth and frontier:
        if (after is None or after.distance <= level) and remaining(order, after) > take:
            break  # the page is full and more follow: deeper levels come after it
        level += 1
        # a level wholly before the cursor is read whole (the next is reached through it);
        # one cut short holds more than the page after it, so the walk ends there
        upto = take + 1 if after is None or after.distance <= level else None
        keys, whole = await _level(tx, frontier, seen, level, how, upto, after)
        by_id_after_cursor = after is not None and after.distance == level and after.rank == 0
        if not whole:
            order += keys
            if after is not None and by_id_after_cursor:
                # the pages before returned the level up to the cursor: read again, by id
                # (what the pages read, not the hubs they were read through)
                upto_cursor, _ = await _level_by_id(
                    tx, frontier, seen, level, how, WHOLE, None, until=after.id
                )
                before = [k.id for k in upto_cursor]
            break
        if by_id_after_cursor:
            # the level's end, read after a cursor: the next level is reached through all
            # of it, so it is read whole, once, in the same order
            keys, _ = await _level_by_id(tx, frontier, seen, level, how, WHOLE, None)
        seen.update((k.id, level) for k in keys)
        order += keys  # each level sorts after the one before
        frontier = [k.id for k in keys]
    page, more = page_after(order, after, take)
    # a first page of one holds the root alone: the next resumes after it
    end = page[-1] if page else after or Key(0, 0, start.id)
    returned = {start.id: 0}
    returned.update((k.id, k.distance) for k in order if k <= end)
    return Reach(start, after is None, page, returned, end if more else None, before)


async def read_page(
    tx: AsyncManagedTransaction, reached: Reach, types: Sequence[str], how: Walk
) -> tuple[dict[str, Node], list[dict[str, Any]], dict[str, str], list[str]]:
    """The page's nodes (the root leads the first page), the facts between them and the
    entities returned so far that hold as the walk sees them, in id order, every end's
    name, and, on a page inside a level read by id after a cursor, the entities of that
    level before the cursor that those facts reach."""
    (found,) = await run(
        tx,
        "facts_of_page",
        page=[k.id for k in reached.page],
        returned=list(reached.returned),
        types=list(types),
        few=FEW,
        pair_cost=PAIR_COST,
        before=reached.before or [],
        **how.filters(),
    )
    read = {n["id"]: n for n in found["nodes"]}
    root = reached.root.model_copy(update={"distance": 0})
    nodes = {root.id: root} if reached.first else {}
    for key in reached.page:
        if key.id in read:  # an entity deleted since its level was read is left out
            nodes[key.id] = Node(**read[key.id], distance=key.distance)
    names = {reached.root.id: reached.root.name}
    for row in found["edges"]:
        names[row["from_id"]], names[row["to_id"]] = row.pop("from_name"), row.pop("to_name")
    # the level's entities before the cursor that the page's facts reach
    ends = {end for row in found["edges"] for end in (row["from_id"], row["to_id"])}
    before = [i for i in reached.before or [] if i in ends]
    return nodes, [e for e in found["edges"] if holds_then(e, how)], names, before


def followed_from(row: dict[str, Any], near: str, how: Walk) -> bool:
    """Whether the walk may follow a fact from its end ``near``."""
    if near == row["from_id"] and row["type"] in how.out_types:
        return True
    return near == row["to_id"] and row["type"] in how.in_types


async def walk(
    tx: AsyncManagedTransaction,
    start: Node,
    depth: int,
    how: Walk,
    limit: int = MAX_NODES,
    after: Key | None = None,
) -> Walked:
    """One page of a breadth-first walk: its nodes, and the facts it follows that link each
    to a node returned so far, each with the level that finds it (one more than the nearer
    end it is followed from), within ``depth``."""
    reached = await reach(tx, start, depth, how, limit, after)
    types = sorted({*how.out_types, *how.in_types})
    nodes, rows, names, before = await read_page(tx, reached, types, how)
    distance = reached.returned
    if reached.page:  # the entities of the page's level before the cursor
        distance.update((entity_id, reached.page[0].distance) for entity_id in before)
    edges: list[tuple[int, Fact]] = []
    reached_by: dict[str, Fact] = {}
    for row in rows:  # in id order: the first fact reaching a node is the lowest id
        level = hop_level(row, distance, how.out_types, how.in_types)
        if level is None or level > depth:
            continue
        fact = fact_from_row(row, names, stated_only=how.stated_only)
        edges.append((level, fact))
        for near, far in ((fact.from_id, fact.to_id), (fact.to_id, fact.from_id)):
            leads = far in nodes and far != start.id and distance[near] == distance[far] - 1
            if leads and followed_from(row, near, how):
                reached_by.setdefault(far, fact)
    return Walked(nodes, edges, reached_by, reached.resume)
