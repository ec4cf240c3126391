"""Finding entities by what people call them: ranked search, exact names, and one resolver
that turns an id or a name into entities (graph/domain/names.py decides matches and order)."""

from __future__ import annotations

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel, Field

from graph.domain import MAX_OFFSET, EntityKind, SearchQuestion, cursors, names
from graph.errors import Conflict, InvalidInput, NotFound
from graph.records import Node
from graph.store import NOW, Graph, Moment, hidden_then, run

#: how many candidates a search ranks from each index (names that are or begin with the
#: text, then words and typos), each index's best; a later page ranks more. 500 made a
#: search three to four times slower than Lucene's own order did (`make bench`).
CANDIDATES = 100
#: how many matches an index is asked for when the search names kinds, which the index
#: cannot filter by: all of them, filtered after (otherwise its best CANDIDATES, taken by
#: Lucene without sorting every match: at 1M facts a one-letter word matches 15,000)
EVERY_MATCH = 2**31 - 1
#: how many entities sharing a name's words a resolver looks at
NAME_CANDIDATES = 200


class SearchHit(BaseModel):
    id: str
    kind: str
    name: str
    aliases: list[str] = []
    description: str | None = None
    score: float = Field(
        description="the score of the index that found it: the index of folded names for "
        "`exact` and `prefix` matches, else the full-text index (recall only; not the order)"
    )
    match: names.Tier = Field(
        description="how the text matched a name or alias: `exact` (ignoring case and "
        "accents), `prefix`, `token` (every word), or `fuzzy` (a typo, or the description)"
    )


class Match(BaseModel):
    """An entity a name or id stands for, and what it matched: its id, name or an alias."""

    id: str
    kind: str
    name: str
    matched: str


def _kinds(kinds: list[EntityKind] | None) -> list[str] | None:
    return [k.value for k in kinds] if kinds else None


class SearchPage(BaseModel):
    items: list[SearchHit]
    next_cursor: str | None


async def search_page(graph: Graph, asked: SearchQuestion) -> SearchPage:
    """One page of :func:`search`'s answer, and the cursor of the next."""
    question = asked.asked()
    key = graph.signing_key
    offset = cursors.decode_offset(asked.cursor, question, key=key, most=MAX_OFFSET)
    hits = await search(graph, asked.q, kinds=asked.kind, skip=offset, limit=asked.limit)
    end = offset + asked.limit
    more = len(hits) == asked.limit and end <= MAX_OFFSET
    return SearchPage(
        items=hits, next_cursor=cursors.encode_cursor(question, end, key) if more else None
    )


async def search(
    graph: Graph,
    text: str,
    *,
    kinds: list[EntityKind] | None = None,
    skip: int = 0,
    limit: int = 20,
) -> list[SearchHit]:
    """Ranked search, tolerant of small typos: exact, prefix, token, then fuzzy matches,
    each by degree, then id. The database ranks and pages (``search_entities``), by the
    rule :func:`graph.domain.names.tier` states; only the page is shipped.

    Example:
        >>> [h.id for h in await search(graph, "tsmcc")]  # doctest: +SKIP
        ['tsmc', 'tsmc-arizona-fabs', 'tsmc-arizona-investment-plan']
    """
    query = names.lucene_query(text)
    if not query:
        raise InvalidInput("the search needs at least one word", pointer="q")
    rows = await graph.read_query(
        "search_entities",
        keys=names.lucene_keys(text),
        key=names.name_key(text),
        words=names.words(text),
        query=query,
        kinds=_kinds(kinds),
        candidates=max(CANDIDATES, skip + limit),
        scan=EVERY_MATCH if kinds else max(CANDIDATES, skip + limit),
        skip=skip,
        limit=limit,
    )
    return [SearchHit(**row["entity"], score=row["score"], match=row["match"]) for row in rows]


async def _named(
    tx: AsyncManagedTransaction, text: str, kinds: list[str] | None
) -> list[tuple[Match, int]]:
    """Entities whose name or an alias equals ``text`` (case and accents aside), with degree."""
    rows = await run(
        tx,
        "entities_named",
        phrase=names.lucene_phrase(text),
        key=names.lucene_key(text),
        name=text,
        kinds=kinds,
        candidates=NAME_CANDIDATES,
    )
    found = []
    for row in rows:
        entity = row["entity"]
        matched = names.exact_name(text, names.names_of(entity["name"], entity.get("aliases")))
        if matched is not None:
            found.append((Match(**entity, matched=matched), row["degree"]))
    return found


async def by_id(
    tx: AsyncManagedTransaction, text: str, kinds: list[str] | None, moment: Moment = NOW
) -> list[Match]:
    """The entity whose id is ``text``, following merges, as the graph stood at ``moment``
    (none or one: an entity created later, or retracted then, is none)."""
    rows = await run(tx, "resolve_id", id=text, **moment.params())
    return [
        Match(id=row["id"], kind=row["kind"], name=row["name"], matched=text)
        for row in rows
        if row["id"] is not None  # the query's one row says the head, found or not
        and (not kinds or row["kind"] in kinds)
        and not hidden_then(row, moment)  # retracted then
    ]


def _by_degree(named: list[tuple[Match, int]]) -> list[Match]:
    return [m for m, _ in sorted(named, key=lambda pair: (-pair[1], pair[0].id))]


async def matches(
    tx: AsyncManagedTransaction, text: str, kinds: list[str] | None = None
) -> list[Match]:
    """What ``text`` stands for: the entity with that id (merges followed) first, then every
    entity with that name or alias, by degree then id; each entity once."""
    found = await by_id(tx, text, kinds)
    seen = {m.id for m in found}
    for match in _by_degree(await _named(tx, text, kinds)):
        if match.id not in seen:
            seen.add(match.id)
            found.append(match)
    return found


async def resolve_name(
    graph: Graph, text: str, *, kinds: list[EntityKind] | None = None
) -> list[Match]:
    """Every entity an id or a name stands for (see :func:`matches`).

    Example:
        >>> [(m.id, m.kind) for m in await resolve_name(graph, "Taiwan")]  # doctest: +SKIP
        [('taiwan', 'location'), ('taiwan-government', 'government')]
    """

    async def work(tx: AsyncManagedTransaction) -> list[Match]:
        return await matches(tx, text, _kinds(kinds))

    return await graph.read(work)


class Lookalike(Match):
    """An entity whose name a text imitates with look-alike letters of another script."""

    spelled: str = Field(description="the text with its look-alike letters replaced")


async def lookalikes(
    graph: Graph, text: str, *, kinds: list[EntityKind] | None = None
) -> list[Lookalike]:
    """The entities whose id, name or alias a text that mixes scripts imitates (see
    :func:`graph.domain.names.lookalikes`): never matches, flagged for a person to decide.

    Example:
        >>> [m.id for m in await lookalikes(graph, "\\u0422SM\\u0421")]  # doctest: +SKIP
        ['tsmc']
    """
    spellings = names.lookalikes(text)
    if not spellings:
        return []

    async def work(tx: AsyncManagedTransaction) -> list[Lookalike]:
        found: dict[str, Lookalike] = {}
        for spelled in spellings:
            for match in await matches(tx, spelled, _kinds(kinds)):
                found.setdefault(match.id, Lookalike(**match.model_dump(), spelled=spelled))
        return list(found.values())

    return await graph.read(work)


async def endpoint(
    tx: AsyncManagedTransaction, text: str, pointer: str, moment: Moment = NOW
) -> Node:
    """The one entity an id (as the graph stood at ``moment``) or a current name stands
    for: an id wins; a name must be one entity's (Conflict with the ``candidates``
    otherwise); NotFound when nothing matches, or when the entity a current name names
    was not in the graph at ``moment``."""
    with_id = await by_id(tx, text, None, moment)
    found = with_id or _by_degree(await _named(tx, text, None))
    if not found:
        raise NotFound(f"no entity with id or name '{text}'", pointer=pointer)
    # names are current: the one entity a name finds must also have been there at moment
    named_then = not with_id and len(found) == 1 and moment.known_at is not None
    if named_then and not await by_id(tx, found[0].id, None, moment):
        named = "" if found[0].id == text else f"'{text}' names '{found[0].id}', but "
        raise NotFound(
            f"{named}the graph did not hold '{found[0].id}' (or held it retracted) at "
            f"{moment.known_at}",
            pointer=pointer,
        )
    if len(found) > 1:
        raise Conflict(
            f"'{text}' is the name of {len(found)} entities; ask for one of them by id",
            pointer=pointer,
            extra={"candidates": [m.model_dump(exclude={"matched"}, mode="json") for m in found]},
        )
    return Node(id=found[0].id, kind=found[0].kind, name=found[0].name)


async def find_by_name(
    graph: Graph, name: str, *, kinds: list[EntityKind] | None = None
) -> list[Node]:
    """Entities whose name or an alias is ``name``, ignoring case and accents, in id order."""

    async def work(tx: AsyncManagedTransaction) -> list[tuple[Match, int]]:
        return await _named(tx, name, _kinds(kinds))

    found = sorted(await graph.read(work), key=lambda m: m[0].id)
    return [Node(id=m.id, kind=m.kind, name=m.name) for m, _ in found]
