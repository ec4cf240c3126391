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
from graph.records.claims import Standing, Voice, agrees, choose
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
#: the sources of a fact or entity that are retracted: their claims are kept and listed,
#: not weighed (stored only when there are any)
WITHDRAWN = "withdrawn_sources"
_EXTERNAL = tuple(ExternalIds.model_fields)
_ENTITY_STORED = (
    COMMON_ENTITY_FIELDS - {"external_ids", "sources"}
    | set(_EXTERNAL)
    | {"source_ids", "name_keys", WITHDRAWN, *TIMESTAMPS, *RETRACTION_FIELDS, *CLAIM_FIELDS}
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


def attribute_claims_of(
    claims: Claims, current: Mapping[str, Any], withdrawn: list[str]
) -> list[AttributeClaim]:
    """The claims grouped by the values they state (the retracted sources' apart), those
    that agree first, the retracted last."""
    grouped: dict[tuple[bool, str], list[str]] = {}
    for source, values in claims.items():
        grouped.setdefault((source in withdrawn, claim_key(values)), []).append(source)
    found = [
        AttributeClaim(
            values=parse_claim(k),
            current=not retracted and agrees(parse_claim(k), current),
            sources=s,
            retracted=retracted,
        )
        for (retracted, k), s in grouped.items()
    ]
    return sorted(found, key=lambda c: (c.retracted, not c.current))


def rechosen_entity(props: Mapping[str, Any], standing: Standing) -> dict[str, Any] | None:
    """A stored entity's properties with its attribute values chosen again among its
    sources' claims (their dates, or which are retracted, changed), or None when they
    stay as stored."""
    attributes = entity_attributes(props)
    new = with_claims(props, attributes, entity_claims(props), standing)
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
        claims=attribute_claims_of(entity_claims(props), attributes, props.get(WITHDRAWN) or []),
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
    """A stored source as answered (its retraction under ``retracted``)."""
    kept = {k: v for k, v in props.items() if k not in RETRACTION_FIELDS}
    return SourcePublic(**kept, retracted=retraction_of(props))


def relationship_props(
    rel: RelationshipIn,
    attestations: list[AttestationPublic],
    standing: Standing | None = None,
) -> dict[str, Any]:
    """How a fact is stored: the values :func:`graph.records.claims.choose` picks from its
    attestations' claims (``standing`` gives each source's date, and which are retracted:
    their claims are kept, listed in ``withdrawn_sources``, and not weighed), and every claim."""
    standing = standing or Standing()
    choice = choose(standing.voice(a.source, a.claim, a.rank, a.confidence) for a in attestations)
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
    _weigh(props, attestations, choice.values, standing.withdrawn(a.source for a in attestations))
    props["disputed"] = choice.disputed
    props["choice"] = choice.reason
    return props


def _weigh(
    props: dict[str, Any],
    attestations: list[AttestationPublic],
    values: Mapping[str, Any],
    withdrawn: list[str],
) -> None:
    """The confidence of the values answered, the best of the sources that claim them (a
    retracted source's never counts), and the fact's retracted sources, when it has any."""
    counted = [a for a in attestations if a.source not in withdrawn] or attestations
    agreeing = [a for a in counted if agrees(a.claim, values)] or counted
    props["confidence"] = max(a.confidence for a in agreeing)
    if withdrawn:
        props[WITHDRAWN] = withdrawn
    else:
        props.pop(WITHDRAWN, None)


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
    withdrawn = props.get(WITHDRAWN) or []
    kept = [a for a in everything if a.basis == "stated"]
    if not kept:
        return None
    # the kept attestations' lists replace all of them (spans too, stored only if any)
    values = {k: v for k, v in props.items() if k != "selectors"}
    current = {k: props[k] for k in (*QUALIFIERS, *DATES) if k in props}
    counted = [a for a in kept if a.source not in withdrawn]
    if not any(agrees(a.claim, current) for a in counted):
        choice = choose(
            Voice(a.source, a.claim, a.rank, a.confidence, retracted=a.source in withdrawn)
            for a in kept
        )
        for field in {f for a in everything for f in a.claim}:
            values.pop(field, None)
        values.update(choice.values)
        current = choice.values
        values.update(disputed=choice.disputed, choice=choice.reason)
    stated = {**values, **encode_attestations(kept)}
    _weigh(stated, kept, current, [s for s in withdrawn if s in {a.source for a in kept}])
    return stated


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


def rechosen(props: Mapping[str, Any], rel_type: str, standing: Standing) -> dict[str, Any] | None:
    """A stored fact's properties with its values chosen again among its claims (its
    sources' dates, or which are retracted, changed), or None when it stays as stored."""
    everything = attestations_of(props)
    choice = choose(standing.voice(a.source, a.claim, a.rank, a.confidence) for a in everything)
    rule = RELATIONSHIP_RULES.get(rel_type)  # type: ignore[call-overload]
    identity = {rule.key} if rule is not None and rule.key else set()
    new = {k: v for k, v in props.items() if k not in (*QUALIFIERS, *DATES) or k in identity}
    new.update({k: v for k, v in choice.values.items() if k not in identity})
    new.update(disputed=choice.disputed, choice=choice.reason)
    _weigh(new, everything, choice.values, standing.withdrawn(a.source for a in everything))
    return None if without_timestamps(new) == without_timestamps(dict(props)) else new
