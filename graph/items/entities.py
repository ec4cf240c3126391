"""Entities one at a time: read, upsert, patch, delete and merge."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from neo4j import AsyncManagedTransaction
from pydantic import TypeAdapter, ValidationError

from graph.domain import (
    KIND_FIELDS,
    MAX_ALIASES,
    MAX_SOURCES,
    RELATIONSHIP_ADAPTER,
    Batch,
    EntityIn,
    EntityKind,
    RelationshipIn,
    check_attribute_keys,
    error_location,
    span_place,
)
from graph.errors import Conflict, InvalidInput, NotFound
from graph.history import Item, Op, revision_row, transaction_time
from graph.records import (
    RETRACTION_FIELDS,
    Claims,
    EntityPublic,
    attestations_of,
    claimed_by,
    corrected,
    entity_claims,
    entity_input,
    entity_public,
    kept_for,
    known_props,
    merged,
    relationship_claims,
    relationship_input,
)
from graph.store import NOW, Author, Graph, Moment, hidden_then, run
from graph.writes import EntityPatch, Family, WritePlan, apply_plan, plan_batch, plan_one

ENTITY_ADAPTER: TypeAdapter[EntityIn] = TypeAdapter(EntityIn)


def validation_to_invalid(
    exc: ValidationError, prefix: str = "", nested: Iterable[str] = ()
) -> InvalidInput:
    """Pydantic's errors as one :class:`InvalidInput` that names each field; fields in
    ``nested`` came from the request's ``attributes`` and are named there."""
    errors = []
    nested = set(nested)
    for err in exc.errors():
        loc = tuple(err["loc"])
        pointer, detail = error_location(loc, err["msg"])
        field = pointer.split("/")[1] if pointer.count("/") else ""
        if field in nested:
            pointer = "/attributes" + pointer
        errors.append({"pointer": prefix + pointer, "detail": detail})
    first = errors[0]
    return InvalidInput(
        f"{first['pointer']}: {first['detail']}", pointer=first["pointer"], errors=errors
    )


async def _read(
    tx: AsyncManagedTransaction, entity_id: str, moment: Moment = NOW
) -> dict[str, Any] | None:
    rows = await run(tx, "entity_by_id", id=entity_id, **moment.params())
    return rows[0] if rows else None


async def get_entity(graph: Graph, entity_id: str) -> tuple[EntityPublic, list[dict[str, Any]]]:
    """An entity by id or by an id merged into it, with counts of its relationships by type.

    Example:
        >>> entity, summary = await get_entity(graph, "tsmc")  # doctest: +SKIP
        >>> entity.name                                        # doctest: +SKIP
        'TSMC'
    """

    async def work(tx: AsyncManagedTransaction) -> dict[str, Any] | None:
        return await _read(tx, entity_id, graph.moment)

    # one query, so one moment: no revision head to read around it
    row = await graph.read(work, one_moment=False)
    if row is None or hidden_then(row, graph.moment):
        raise NotFound(f"no entity with id '{entity_id}'", pointer="entity_id")
    return entity_public(known_props(row)), row["relationships"]


async def _upsert_in_tx(
    tx: AsyncManagedTransaction,
    entity: EntityIn,
    author: Author,
    *,
    replace_sources: bool,
    claims: Claims | None = None,
) -> tuple[str, EntityPublic]:
    plan = await plan_one(
        tx,
        Family.ENTITIES,
        Batch(entities=[entity]),
        replace_sources=replace_sources,
        claims=None if claims is None else {entity.id: claims},
    )
    await apply_plan(tx, plan, author)
    row = await _read(tx, entity.id)
    assert row is not None  # just written in this transaction
    return plan.outcome(Family.ENTITIES, entity.id).value, entity_public(row["props"])


async def put_entity(graph: Graph, entity: EntityIn) -> tuple[str, EntityPublic]:
    """Create or replace an entity; returns ``created``, ``updated`` or ``unchanged``."""

    async def work(tx: AsyncManagedTransaction) -> tuple[str, EntityPublic]:
        return await _upsert_in_tx(tx, entity, graph.author, replace_sources=False)

    return await graph.write(work)


async def patch_entity(
    graph: Graph, entity_id: str, patch: EntityPatch
) -> tuple[str, EntityPublic]:
    """Change only the fields given; the result is validated like a full PUT."""

    async def work(tx: AsyncManagedTransaction) -> tuple[str, EntityPublic]:
        row = await _read(tx, entity_id, Moment(include_retracted=True))  # retracted: 409 below
        if row is None:
            raise NotFound(f"no entity with id '{entity_id}'", pointer="entity_id")
        data = entity_input(row["props"])
        if data["id"] != entity_id:
            raise Conflict(
                f"'{entity_id}' was merged into '{data['id']}'; patch that id", pointer="entity_id"
            )
        changes = patch.model_dump(exclude_unset=True, exclude={"attributes"})
        if "external_ids" in changes:
            changes["external_ids"] = (
                patch.external_ids.model_dump(exclude_none=True) if patch.external_ids else {}
            )
        data.update(changes)
        attributes = patch.attribute_changes()
        try:
            check_attribute_keys(attributes, EntityKind(data["kind"]))
        except ValueError as exc:
            # valid for some kind, not for this entity's: a conflict with what is stored
            raise Conflict(
                f"'{entity_id}' is a {data['kind']}: {exc}", pointer="/attributes"
            ) from exc
        for key, value in attributes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        try:
            entity = ENTITY_ADAPTER.validate_python(data)
        except ValidationError as exc:
            raise validation_to_invalid(exc, nested=attributes) from exc
        return await _upsert_in_tx(
            tx,
            entity,
            graph.author,
            replace_sources="sources" in changes,
            claims=patched_claims(entity_claims(row["props"]), attributes, entity),
        )

    return await graph.write(work)


def patched_claims(claims: Claims, attributes: dict[str, Any], entity: EntityIn) -> Claims:
    """A PATCH's claims: its ``attributes`` corrected in every source's claim; a source the
    PATCH names anew claims the entity's patched values, one it removes claims nothing.

    Example:
        >>> from graph.domain import ENTITY_MODELS
        >>> e = ENTITY_MODELS[EntityKind("firm")](kind="firm", id="f", name="F", sources=["b", "c"])
        >>> patched_claims({"a": {"sector": "x"}, "b": {"sector": "y"}}, {"sector": None}, e)
        {'b': {}, 'c': {}}
    """
    fields = KIND_FIELDS[EntityKind(entity.kind)]
    dumped = entity.model_dump(mode="json", exclude_none=True)
    values = {k: v for k, v in dumped.items() if k in fields}
    # the values as validated (trimmed), or None to remove
    fixed = corrected(
        claims, {k: values.get(k) if v is not None else None for k, v in attributes.items()}
    )
    new = [s for s in entity.sources if s not in fixed]
    return kept_for(claimed_by(fixed, new, values), entity.sources)


def merged_entity(kept: dict[str, Any], gone: dict[str, Any]) -> dict[str, Any]:
    """The survivor of a merge: ``gone``'s name and aliases become aliases, its sources join.

    Refuses, naming the list and by how much, a merge whose lists would pass their caps.

    Example:
        >>> kept = {"id": "a", "name": "A", "aliases": [], "sources": ["s"]}
        >>> merged_entity(kept, {"name": "A Inc", "aliases": ["A"], "sources": ["t"]})["aliases"]
        ['A Inc']
    """
    survivor = dict(kept)
    survivor["aliases"] = [
        a
        for a in dict.fromkeys([*kept["aliases"], gone["name"], *gone["aliases"]])
        if a != kept["name"]
    ]
    survivor["sources"] = list(dict.fromkeys([*kept["sources"], *gone["sources"]]))
    for field, cap in (("aliases", MAX_ALIASES), ("sources", MAX_SOURCES)):
        if len(survivor[field]) > cap:
            raise Conflict(
                f"merging would leave '{kept['id']}' with {len(survivor[field])} {field}, "
                f"{len(survivor[field]) - cap} over the cap of {cap}; remove some first "
                f"(PATCH either entity's {field})",
                pointer="/into",
            )
    return survivor


async def _facts_to_move(
    tx: AsyncManagedTransaction, from_id: str, survivor_id: str, stored: list[dict[str, Any]]
) -> list[RelationshipIn]:
    """``from_id``'s facts as the survivor's. Refuses (409) what would lose an acknowledged
    claim: a fact between the two (it would become a loop), or a fact the survivor holds
    already on the word of the same source, worded otherwise (one would replace the other).
    """
    linking = [r["props"]["id"] for r in stored if r["other_id"] == survivor_id]
    if linking:
        raise Conflict(
            f"'{from_id}' and '{survivor_id}' are joined by {len(linking)} fact(s) "
            f"({', '.join(linking[:5])}) that a merge would turn into loops; delete them first",
            pointer="/into",
        )
    moved = [
        RELATIONSHIP_ADAPTER.validate_python(
            relationship_input(
                row["props"],
                row["type"],
                *(
                    (survivor_id, row["other_id"])
                    if row["outgoing"]
                    else (row["other_id"], survivor_id)
                ),
            )
        ).with_claims(relationship_claims(row["props"]))
        for row in stored
    ]
    keys = [{"id": r.rel_id, "from_id": r.from_id, "to_id": r.to_id} for r in moved]
    found = (await run(tx, "relationships_by_ids", keys=keys))[0]["found"] if keys else []
    moving_retracted = {m.rel_id for m, row in zip(moved, stored, strict=True) if _retraction(row)}
    clash = [f["id"] for f in found if f["id"] in moving_retracted]
    if clash:
        raise Conflict(
            f"'{survivor_id}' holds the fact {clash[0]}, which '{from_id}' holds retracted; "
            "a merge would make one of them the other: restore it or purge it first",
            pointer="/into",
        )
    retracted = [f["id"] for f in found if f["props"].get("retracted_at")]
    if retracted:
        raise Conflict(
            f"'{survivor_id}' holds the fact {retracted[0]} retracted, which a merge would "
            "write to; restore it (POST /relationships/{id}/restore) or purge it first",
            pointer="/into",
        )
    held = {f["id"]: {a.source: a for a in attestations_of(f["props"])} for f in found}
    for fact in moved:
        for word in fact.attestations:
            other = held.get(fact.rel_id, {}).get(word.source)
            mine = _said(word, fact.claim_of(word.source))
            if other is not None and mine != _said(other, other.claim):
                raise Conflict(
                    f"'{survivor_id}' already has the fact {fact.rel_id} on the word of "
                    f"'{word.source}', worded or claimed otherwise; a merge would replace one "
                    "with the other: make them agree (PUT the fact) or purge one first",
                    pointer="/into",
                )
    return moved


def _said(word: Any, claim: Any) -> tuple[Any, ...]:
    """What a source says of a fact, as a merge compares it (its span's place too)."""
    return (word.evidence, word.confidence, word.basis, word.rank, claim, span_place(word.selector))


def _retraction(row: dict[str, Any]) -> dict[str, Any]:
    """A stored fact's retraction fields (none when it is current)."""
    return {k: row["props"][k] for k in RETRACTION_FIELDS if k in row["props"]}


def _keep_retracted(plan: WritePlan, moved: list[RelationshipIn], stored: list[Any]) -> None:
    """A fact the merged entity held retracted moves over retracted, as it was."""
    retractions = {m.rel_id: _retraction(row) for m, row in zip(moved, stored, strict=True)}
    for row in plan.relationships:
        row["props"].update(retractions.get(row["id"], {}))


def _merged_away(survivor_id: str, kept: dict[str, Any]) -> list[dict[str, Any]]:
    """The revisions of a merged entity and its facts: each names what it became (the
    survivor; the fact moved to it), so that the change feed can redirect them, and holds
    what is kept of it (marked merged, out of the present), so that the feed replays to
    the graph as stored."""
    entity = kept["entity"]
    rows = [revision_row(Item.ENTITY, entity["id"], Op.MERGED, entity, merged_into=survivor_id)]
    for fact in kept["facts"]:
        rows.append(
            revision_row(
                Item.RELATIONSHIP, fact["id"], Op.MERGED, fact, merged_into=fact["merged_into"]
            )
        )
    return rows


def _refuse_retracted(row: dict[str, Any], pointer: str) -> None:
    if row["props"].get("retracted_at"):
        entity = row["props"]["id"]
        raise Conflict(
            f"'{entity}' is retracted; restore it first (POST /entities/{entity}/restore)",
            pointer=pointer,
        )


async def _merge_ends(
    tx: AsyncManagedTransaction, from_id: str, into_id: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The stored entity to merge away and its survivor, or the reason they do not merge."""
    every = Moment(include_retracted=True)  # a retracted end is a conflict, not absent
    source, target = await _read(tx, from_id, every), await _read(tx, into_id, every)
    # what is asked of the entity merged away first (404, 409), then of the survivor
    if source is None:
        raise NotFound(f"no entity with id '{from_id}'", pointer="entity_id")
    if source["props"]["id"] != from_id:  # read through its redirect, as PATCH does
        raise Conflict(
            f"'{from_id}' was merged into '{source['props']['id']}'; merge that id",
            pointer="entity_id",
        )
    _refuse_retracted(source, "entity_id")
    if target is None:
        raise NotFound(f"no entity with id '{into_id}'", pointer="/into")
    _refuse_retracted(target, "/into")
    gone, kept = source["props"], target["props"]
    if kept["id"] == from_id:
        raise InvalidInput("an entity cannot be merged into itself", pointer="/into")
    if gone["kind"] != kept["kind"]:
        raise Conflict(
            f"'{from_id}' is a {gone['kind']} and '{kept['id']}' a {kept['kind']}; "
            "only entities of one kind merge",
            pointer="/into",
        )
    return gone, kept


async def merge_entities(graph: Graph, from_id: str, into_id: str) -> EntityPublic:
    """Merge ``from_id`` into ``into_id``: its relationships, aliases and sources move over,
    and ``from_id`` resolves to the survivor from then on."""

    async def work(tx: AsyncManagedTransaction) -> EntityPublic:
        # both locked before anything is read: no relationship reaches the merged entity
        # between reading its relationships and deleting it
        await run(tx, "lock_entities", ids=sorted({from_id, into_id}))
        gone, kept = await _merge_ends(tx, from_id, into_id)
        survivor_id = kept["id"]
        survivor = merged_entity(entity_input(kept), entity_input(gone))
        stored = await run(tx, "entity_relationships", id=from_id, merged=False)
        moved = await _facts_to_move(tx, from_id, survivor_id, stored)
        at = await transaction_time(tx)
        await run(tx, "create_redirect", from_id=from_id, into_id=survivor_id, now=at)
        # the merged entity and its facts stay as they were, out of the present: reads at
        # an earlier moment find them there, under their own ids
        pairs = [
            {"id": r["props"]["id"], "into": m.rel_id} for r, m in zip(stored, moved, strict=True)
        ]
        by = graph.author.by
        (kept_as_was,) = await run(
            tx, "mark_merged", id=from_id, into_id=survivor_id, moved=pairs, at=at, by=by
        )
        try:
            plan = await plan_batch(
                tx,
                Batch(entities=[ENTITY_ADAPTER.validate_python(survivor)], relationships=moved),
                claims={survivor_id: merged(entity_claims(kept), entity_claims(gone))},
            )
        except InvalidInput as exc:  # a cap the moved facts would pass on the survivor's
            raise Conflict(
                f"merging into '{survivor_id}' would break a cap: {exc.errors[0]['detail']}",
                pointer="/into",
            ) from exc
        _keep_retracted(plan, moved, stored)
        await apply_plan(tx, plan, graph.author, _merged_away(survivor_id, kept_as_was))
        row = await _read(tx, survivor_id)
        assert row is not None
        return entity_public(row["props"])

    return await graph.write(work)
