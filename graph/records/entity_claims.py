"""Sources that disagree about an entity's own fields (a proposal's ``status``, a firm's
``sector``): each source's claim is kept, and :func:`graph.records.claims.choose` picks the values
the entity answers with, as it does for a fact's claims.

An entity is stored with its answered attribute values (flat, as always) and, beside
them, ``attribute_claims``: canonical JSON ``{source_id: {field: value}}``, one claim per
source citing it; ``disputed`` and ``choice`` say whether a claim contradicts the answer
and why the answer won. Every claim is weighed alike (rank normal, confidence 0), so the
newest source's claim answers, and a field it leaves out comes from the next claim that
states it: a source that does not mention a ``status`` disputes nobody's.

How writes change the claims:

* a PUT or batch write with ``sources`` S and attribute values V: each source in S claims
  V, replacing that source's earlier claim; the other stored sources keep theirs
  (:func:`claimed_by`);
* a PATCH of attributes corrects what every source is recorded as saying: the patched
  fields are set, or removed, in each claim (:func:`corrected`); a PATCH of ``sources``
  drops the claims of the sources removed (:func:`kept_for`);
* a merge keeps both entities' claims, the survivor's for a source both cite.

Everything here is pure.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from graph.domain import CANONICAL
from graph.records.claims import Choice, Standing, choose

#: the stored properties that hold the claims and the choice (never attributes)
CLAIM_FIELDS = ("attribute_claims", "disputed", "choice")

Claims = dict[str, dict[str, Any]]


def encode(claims: Mapping[str, Mapping[str, Any]]) -> str:
    """The claims as one canonical string (how they are stored).

    Example:
        >>> encode({"b": {"status": "rejected"}, "a": {"status": "floated", "x": None}})
        '{"a":{"status":"floated"},"b":{"status":"rejected"}}'
    """
    stated = {s: {k: v for k, v in c.items() if v is not None} for s, c in claims.items()}
    return CANONICAL.encode(stated)


def decode(stored: Any) -> Claims:
    found = json.loads(stored) if isinstance(stored, str) and stored else {}
    if not isinstance(found, dict):
        return {}
    return {str(s): dict(c) for s, c in found.items() if isinstance(c, dict)}


def stored_claims(props: Mapping[str, Any]) -> Claims:
    """The claims stored on an entity (every stored entity has them: one stored before
    claims were kept was given them when the schema reached version 8,
    :mod:`graph.store.stored_shapes`)."""
    return decode(props["attribute_claims"])


def claimed_by(
    claims: Mapping[str, Mapping[str, Any]], sources: Iterable[str], values: Mapping[str, Any]
) -> Claims:
    """Each of ``sources`` claims ``values`` (replacing its claim); the others keep theirs.

    Example:
        >>> claimed_by({"a": {"status": "floated"}}, ["b"], {"status": "rejected"})
        {'a': {'status': 'floated'}, 'b': {'status': 'rejected'}}
    """
    found = {s: dict(c) for s, c in claims.items()}
    stated = {k: v for k, v in values.items() if v is not None}
    found.update({s: dict(stated) for s in sources})
    return found


def corrected(claims: Mapping[str, Mapping[str, Any]], changes: Mapping[str, Any]) -> Claims:
    """An editor's correction: each field changed set (or, with None, removed) in every claim.

    Example:
        >>> corrected({"a": {"status": "x", "n": 1}, "b": {"n": 2}}, {"status": None, "n": 3})
        {'a': {'n': 3}, 'b': {'n': 3}}
    """
    found: Claims = {}
    for source, claim in claims.items():
        new = {**claim, **changes}
        found[source] = {k: v for k, v in new.items() if v is not None}
    return found


def kept_for(claims: Mapping[str, Mapping[str, Any]], sources: Iterable[str]) -> Claims:
    """Only the claims of ``sources``, in their order."""
    return {s: dict(claims[s]) for s in sources if s in claims}


def merged(kept: Mapping[str, Mapping[str, Any]], gone: Mapping[str, Mapping[str, Any]]) -> Claims:
    """A merge's claims: both entities', the survivor's own for a source both cite."""
    return {**{s: dict(c) for s, c in gone.items()}, **{s: dict(c) for s, c in kept.items()}}


def choose_attributes(claims: Mapping[str, Mapping[str, Any]], standing: Standing) -> Choice:
    """The entity's values: every claim weighed alike but for its source's ``published``
    (a retracted source's claim is not weighed)."""
    return choose(standing.voice(s, c, "normal", 0.0) for s, c in claims.items())


def with_claims(
    props: Mapping[str, Any],
    attributes: Iterable[str],
    claims: Mapping[str, Mapping[str, Any]],
    standing: Standing,
) -> dict[str, Any]:
    """``props`` with its ``attributes`` (the names of the stored attribute values) replaced
    by those chosen among ``claims``, and the claims and the choice stored beside them,
    with its retracted sources (``withdrawn_sources``) when it has any. With no claim at
    all (no source), the stored values stay, undisputed."""
    withdrawn = standing.withdrawn(props.get("source_ids") or [])
    base = {k: v for k, v in props.items() if k != "withdrawn_sources"}
    if withdrawn:
        base["withdrawn_sources"] = withdrawn
    if not claims:
        kept = {k: v for k, v in base.items() if k != "choice"}
        return {**kept, "attribute_claims": encode({}), "disputed": False}
    choice = choose_attributes(claims, standing)
    new = {k: v for k, v in base.items() if k not in set(attributes)}
    new.update(choice.values)
    new.update(attribute_claims=encode(claims), disputed=choice.disputed, choice=choice.reason)
    return {k: v for k, v in new.items() if v is not None}
