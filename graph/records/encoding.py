"""How domain models are stored as Neo4j properties, and read back.

Neo4j properties hold no maps, so external ids are flattened (``wikidata``, ``ticker``)
and a relationship's attestations are parallel lists, written and read by one codec
(:mod:`graph.store.attestations`). A fact's ``confidence`` is the highest of those
agreeing with its values.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from graph.domain import (
    COMMON_ENTITY_FIELDS,
    DATES,
    QUALIFIERS,
    RELATIONSHIP_RULES,
    AttestationPublic,
    EntityIn,
    ExternalIds,
    RelationshipIn,
    SourceIn,
    SourcePublic,
    claim_key,
    names,
    parse_claim,
)
from graph.records.claims import Voice, agrees, choose
from graph.records.entity_claims import CLAIM_FIELDS, Claims, stored_claims, with_claims
from graph.records.public import (
    RETRACTION_FIELDS,
    AttributeClaim,
    EntityPublic,
    entity_public_model,
    retraction_of,
)
from graph.store import decode_attestations, encode_attestations

TIMESTAMPS = ("created_at", "updated_at")
_EXTERNAL = tuple(ExternalIds.model_fields)
_ENTITY_STORED = (
    COMMON_ENTITY_FIELDS - {"external_ids", "sources"}
    | set(_EXTERNAL)
    | {"source_ids", "name_keys", *TIMESTAMPS, *RETRACTION_FIELDS, *CLAIM_FIELDS}
)


def entity_props(entity: EntityIn) -> dict[str, Any]:
    props = entity.model_dump(mode="json", exclude={"external_ids", "sources"}, exclude_none=True)
    props.update(entity.external_ids.model_dump(exclude_none=True))
    props["source_ids"] = list(entity.sources)
    # folded once here, so the search ranks in the database (see graph.domain.names.name_keys)
    props["name_keys"] = names.name_keys(entity.name, entity.aliases)
    return props


def entity_attributes(props: Mapping[str, Any]) -> dict[str, Any]:
    """A stored entity's answered attribute values (its kind's own fields)."""
    return {k: v for k, v in props.items() if k not in _ENTITY_STORED}


def entity_claims(props: Mapping[str, Any]) -> Claims:
    """Each source's claim of a stored entity's attributes (see :mod:`graph.records.entity_claims`)."""
    return stored_claims(props)


def attribute_claims_of(claims: Claims, current: Mapping[str, Any]) -> list[AttributeClaim]:
    """The claims grouped by the values they state, those that agree first."""
    grouped: dict[str, list[str]] = {}
    for source, values in claims.items():
        grouped.setdefault(claim_key(values), []).append(source)
    found = [
        AttributeClaim(values=parse_claim(k), current=agrees(parse_claim(k), current), sources=s)
        for k, s in grouped.items()
    ]
    return sorted(found, key=lambda c: not c.current)


def rechosen_entity(
    props: Mapping[str, Any], dates: Mapping[str, str | None]
) -> dict[str, Any] | None:
    """A stored entity's properties with its attribute values chosen again among its
    sources' claims (their ``dates`` changed), or None when they stay as stored."""
    attributes = entity_attributes(props)
    new = with_claims(props, attributes, entity_claims(props), dates)
    return None if without_timestamps(new) == without_timestamps(dict(props)) else new


def entity_public(props: dict[str, Any]) -> EntityPublic:
    attributes = entity_attributes(props)
    return entity_public_model(props["kind"])(
        id=props["id"],
        kind=props["kind"],
        name=props["name"],
        aliases=props.get("aliases", []),
        description=props.get("description"),
        external_ids=ExternalIds(**{k: props[k] for k in _EXTERNAL if k in props}),
        sources=props.get("source_ids", []),
        attributes=attributes,
        claims=attribute_claims_of(entity_claims(props), attributes),
        disputed=bool(props.get("disputed")),
        choice=props.get("choice"),
        created_at=props.get("created_at"),
        updated_at=props.get("updated_at"),
        retracted=retraction_of(props),
    )


def entity_input(props: dict[str, Any]) -> dict[str, Any]:
    """The stored entity as the dict a client would PUT (for PATCH and merges)."""
    public = entity_public(props)
    return {
        "id": public.id,
        "kind": public.kind,
        "name": public.name,
        "aliases": public.aliases,
        "description": public.description,
        "external_ids": public.external_ids.model_dump(exclude_none=True),
        "sources": public.sources,
        **public.attributes.as_dict(),
    }


def source_props(source: SourceIn) -> dict[str, Any]:
    return source.model_dump(mode="json", exclude_none=True)


def source_public(props: dict[str, Any]) -> SourcePublic:
    return SourcePublic(**props)


def relationship_props(
    rel: RelationshipIn,
    attestations: list[AttestationPublic],
    published: Mapping[str, str | None] | None = None,
) -> dict[str, Any]:
    """How a fact is stored: the values :func:`graph.records.claims.choose` picks from its
    attestations' claims (``published`` gives each source's date), and every claim."""
    published = published or {}
    choice = choose(
        Voice(a.source, a.claim, a.rank, a.confidence, published.get(a.source) or "")
        for a in attestations
    )
    # the ends' ids, stored on the fact too: a walk reads a hub's facts in the order of
    # the far end's id through each type's index on them (cypher/schema/006)
    props: dict[str, Any] = {"id": rel.rel_id, "key": rel.key}
    props.update(from_id=rel.from_id, to_id=rel.to_id)
    rule_key = RELATIONSHIP_RULES[rel.type].key
    if rule_key and rel.qualifier(rule_key) is not None:
        props[rule_key] = rel.qualifier(rule_key)
    props.update({k: v for k, v in choice.values.items() if k in QUALIFIERS or k in DATES})
    # one attestation: its claim is the choice's only one (most facts, so not encoded twice)
    one = len(attestations) == 1
    props.update(encode_attestations(attestations, choice.order if one else None))
    # the confidence of the values answered: the best of the sources that claim them
    agreeing = [a for a in attestations if agrees(a.claim, choice.values)] or attestations
    props["confidence"] = max(a.confidence for a in agreeing)
    props["disputed"] = choice.disputed
    props["choice"] = choice.reason
    return props


def attestations_of(props: Mapping[str, Any]) -> list[AttestationPublic]:
    """A stored fact's attestations (:func:`graph.store.attestations.decode`)."""
    return decode_attestations(props)


def stated_props(props: dict[str, Any]) -> dict[str, Any] | None:
    """A stored fact's properties keeping only its stated attestations, its confidence the
    highest of those agreeing with its values; ``None`` when no source states it (for
    ``stated_only`` answers). When no stated claim agrees with the values chosen among all
    claims, the values are chosen again among the stated claims alone (by rank, then
    confidence: the sources' dates are not at hand here), so no answer rests on an
    inference."""
    everything = attestations_of(props)
    kept = [a for a in everything if a.basis == "stated"]
    if not kept:
        return None
    # the kept attestations' lists replace all of them (spans too, stored only if any)
    values = {k: v for k, v in props.items() if k != "selectors"}
    current = {k: props[k] for k in (*QUALIFIERS, *DATES) if k in props}
    if not any(agrees(a.claim, current) for a in kept):
        choice = choose(Voice(a.source, a.claim, a.rank, a.confidence) for a in kept)
        for field in {f for a in everything for f in a.claim}:
            values.pop(field, None)
        values.update(choice.values)
        current = choice.values
        values.update(disputed=choice.disputed, choice=choice.reason)
    agreeing = [a for a in kept if agrees(a.claim, current)] or kept
    return {
        **values,
        **encode_attestations(kept),
        "confidence": max(a.confidence for a in agreeing),
    }


def relationship_input(
    props: dict[str, Any], rel_type: str, from_id: str, to_id: str
) -> dict[str, Any]:
    """The stored relationship as the dict a client would PUT (for merges)."""
    data: dict[str, Any] = {"type": rel_type, "from_id": from_id, "to_id": to_id}
    data.update({k: props[k] for k in QUALIFIERS if k in props})
    data.update({k: props[k] for k in ("valid_from", "valid_to") if k in props})
    data["attestations"] = [
        # a span moves by its quote, the position a hint: not held to the text it was
        # counted in, which may have been replaced since (a retracted fact's is kept)
        a.model_dump(exclude={"claim", "selector"})
        | (
            {"selector": a.selector.model_dump(include={"start", "end", "exact"})}
            if a.selector
            else {}
        )
        for a in attestations_of(props)
    ]
    return data


def relationship_claims(props: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each attesting source's claim, for a stored fact written again (merges)."""
    return {a.source: a.claim for a in attestations_of(props)}


def without_timestamps(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in TIMESTAMPS}


def known_props(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row's ``props``, or, read under ``known_at``, the state recorded then."""
    state = row.get("known_state")
    return json.loads(state) if state else dict(row["props"])


def rechosen(
    props: Mapping[str, Any], rel_type: str, dates: Mapping[str, str | None]
) -> dict[str, Any] | None:
    """A stored fact's properties with its values chosen again among its claims (its
    sources' ``dates`` changed), or None when the choice stays as stored."""
    choice = choose(
        Voice(a.source, a.claim, a.rank, a.confidence, dates.get(a.source) or "")
        for a in attestations_of(props)
    )
    rule = RELATIONSHIP_RULES.get(rel_type)  # type: ignore[call-overload]
    identity = {rule.key} if rule is not None and rule.key else set()
    new = {k: v for k, v in props.items() if k not in (*QUALIFIERS, *DATES) or k in identity}
    new.update({k: v for k, v in choice.values.items() if k not in identity})
    new.update(disputed=choice.disputed, choice=choice.reason)
    everything = attestations_of(props)
    agreeing = [a for a in everything if agrees(a.claim, choice.values)] or everything
    new["confidence"] = max((a.confidence for a in agreeing), default=props.get("confidence", 0))
    return None if without_timestamps(new) == without_timestamps(dict(props)) else new
