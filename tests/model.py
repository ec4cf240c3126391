"""A plain in-memory model of what the graph must hold, for the model-based API tests.

It knows nothing of Neo4j or HTTP. Each method takes one write as a client sends it and
answers what the service must answer (status and ``result``), updating the model only
when the write is to be acknowledged. The rules are the README's promises, read against
``graph/writes/batches.py`` and ``graph/items/entities.py``:

* ``PUT /entities/{id}`` replaces the fields it sends, except ``sources``, which it adds
  to the ones stored (a source's mention is never lost); ``PATCH`` with ``sources``
  replaces them. Each source claims the kind's own fields it was written with (a later
  write citing it replaces its claim; a PATCH of attributes corrects every claim); the
  entity answers what :func:`choose` picks among the claims, each ranked normal with
  confidence 0, so the newest source's claim answers.
* ``PUT /relationships``: a fact is identified by (type, from, to, key qualifier); the
  same fact from another source gains that source; a source's new word replaces its old;
  qualifiers and dates are replaced.
* A write naming a merged id is resolved to the survivor (relationship ends) or refused
  with 409 (entity writes).
* A write that is refused (4xx) changes nothing; a batch is all or nothing.
* ``DELETE`` retracts: the item is kept, hidden from current answers and marked; an entity
  with current facts is refused (409) unless ``cascade`` retracts them with it; restoring
  an entity restores the facts retracted with it whose other end is current; a write to a
  retracted item, or a fact joining a retracted entity, is refused (409).
* ``PUT /sources/{id}/text`` keeps the text normalised to NFC, less byte-order marks at
  its start; the same text again is unchanged; a blank one, one holding a control
  character other than tab and line breaks or U+FFFE/U+FFFF, or more than 30 combining
  marks in a row, is refused (422) before the source is looked for (404 when missing).
* An attestation may point at its words in its source's stored text by position
  (``selector: {start, end}``): refused (422) without a text or past its end; stored with
  the words and 32 code points around them. A text that replaces another moves each span
  of a current fact into it to the occurrence of its words nearest where it was, or is
  refused (409) when they are not there; a merge moves spans the same way.
* Each attestation carries its source's claim (the values it states beyond the fact's
  identity) and a rank; the fact answers with the values :func:`choose` picks, the
  README's rule implemented here again, independently of ``graph/records/claims.py``.

Only the relationship allow-list (:data:`graph.domain.models.RELATIONSHIP_RULES`) is taken from
the service: it is the domain's specification, not behaviour under test.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from graph.domain import RELATIONSHIP_RULES, EntityKind, RelType, relationship_id
from graph.ingest import Known, analyse
from graph.ingest.review import candidate_rows
from graph.writes.patch import EntityPatch

#: the kind-specific fields each modelled kind accepts, and those it requires
KIND_FIELDS: dict[str, frozenset[str]] = {
    "firm": frozenset({"headquarters_country", "sector"}),
    "location": frozenset({"location_type"}),
    "person": frozenset(),
    "facility": frozenset({"facility_type", "purpose"}),
    "government": frozenset({"jurisdiction"}),
}
REQUIRED_FIELDS: dict[str, dict[str, str]] = {"location": {"location_type": "country"}}
#: keys a PATCH's ``attributes`` may not name: they are not kind-specific attributes
RESERVED_ATTRIBUTES = ("id", "kind", "created_at", "updated_at", "source_ids", "name")
ALIAS_CAP = 50
ATTESTATION_CAP = 100
LOCATION_TYPES = ("country", "state", "region", "city")
#: the qualifiers the modelled facts can carry, and the other values a claim states
QUALIFIER_NAMES = ("role", "product", "amount", "currency", "stance", "purpose")
DATE_FIELDS = ("valid_from", "valid_to")
RANK_ORDER = {"preferred": 0, "normal": 1, "deprecated": 2}


@dataclass
class Stamp:
    """Timestamps as last observed; ``None`` means "changed by the last write, not yet seen"."""

    created_at: str | None = None
    updated_at: str | None = None


@dataclass
class Entity:
    id: str
    kind: str
    name: str
    aliases: list[str]
    description: str | None
    sources: list[str]
    #: each source's claim of the kind's own fields; ``attributes``, ``disputed`` and
    #: ``choice`` are what :func:`choose` makes of them (:meth:`GraphModel._settle`)
    claims: dict[str, dict[str, Any]]
    attributes: dict[str, Any] = field(default_factory=dict)
    disputed: bool = False
    choice: str | None = None
    stamp: Stamp = field(default_factory=Stamp)
    retracted: bool = False
    reason: str | None = None  # the retraction's reason, when retracted
    #: the source whose retraction took it with it (it rested on retracted sources alone)
    with_source: str | None = None

    def content(self) -> tuple[Any, ...]:
        """What decides "unchanged": every stored field but the timestamps."""
        return (
            self.kind,
            self.name,
            self.aliases,
            self.description,
            self.sources,
            sorted(self.attributes.items()),
            canonical(self.claims),
            self.disputed,
            self.choice,
        )


@dataclass
class Source:
    id: str
    title: str
    publisher: str | None
    note: str | None
    published: str | None = None
    stamp: Stamp = field(default_factory=Stamp)
    retracted: bool = False  # its claims are kept and listed, and no longer count

    def content(self) -> tuple[Any, ...]:
        return (self.title, self.publisher, self.note, self.published)


@dataclass(frozen=True)
class Said:
    """One source's word for a fact: its evidence, confidence, rank and claim."""

    evidence: str
    confidence: float
    rank: str
    claim: tuple[tuple[str, Any], ...]  # the values it states, sorted by name
    #: where its words are in the source's text: start, end, exact, prefix, suffix, hash
    span: tuple[Any, ...] | None = None

    @property
    def values(self) -> dict[str, Any]:
        return dict(self.claim)


@dataclass(frozen=True)
class Chosen:
    """The values a fact answers with, by the README's rule, and why."""

    values: dict[str, Any]
    reason: str
    disputed: bool


def canonical(values: dict[str, Any]) -> str:
    """The claim's values as canonical JSON (sorted keys, no spaces): the last tie-break."""
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _date(published: str | None) -> tuple[int, ...]:
    """A partial date as numbers, so that later sorts after earlier; no date is oldest."""
    return tuple(int(part) for part in published.split("-")) if published else ()


def agrees(claim: dict[str, Any], values: dict[str, Any]) -> bool:
    return all(k in values and values[k] == v for k, v in claim.items())


def counted(said: dict[str, Said], withdrawn: frozenset[str]) -> dict[str, Said]:
    """The words that count: those of sources not retracted, or, when every source is
    retracted, all of them (what the item said before it was hidden)."""
    return {s: w for s, w in said.items() if s not in withdrawn} or said


def choose(
    said: dict[str, Said], published: dict[str, str | None], withdrawn: frozenset[str] = frozenset()
) -> Chosen:
    """The README's rule, written again here: claims (the distinct values sources state,
    each with all its sources) in order of explicit rank, then the newest ``published`` of
    their sources, then the highest confidence, then canonical JSON; the first claim's
    values answer, a field it leaves out taken from the next claim stating it; deprecated
    claims never answer; a retracted source's claim is not weighed."""
    groups: dict[str, list[tuple[str, Said]]] = {}
    for source, word in counted(said, withdrawn).items():
        groups.setdefault(canonical(word.values), []).append((source, word))

    def rank(claim: str) -> int:
        return min(RANK_ORDER[w.rank] for _, w in groups[claim])

    def newest(claim: str) -> tuple[int, ...]:
        return max(_date(published.get(s)) for s, _ in groups[claim])

    def confidence(claim: str) -> float:
        return max(w.confidence for _, w in groups[claim])

    # stable sorts, least significant key first
    order = sorted(groups)
    order.sort(key=confidence, reverse=True)
    order.sort(key=newest, reverse=True)
    order.sort(key=rank)
    values: dict[str, Any] = {}
    for claim in order:
        if rank(claim) == RANK_ORDER["deprecated"]:
            break
        for k, v in json.loads(claim).items():
            values.setdefault(k, v)
    disputed = any(not agrees(json.loads(c), values) for c in order)
    if len(order) == 1:
        reason = "the only claim"
    elif rank(order[0]) != rank(order[1]):
        reason = "its explicit rank"
    elif newest(order[0]) != newest(order[1]):
        dates = [published.get(s) or "" for s, _ in groups[order[0]]]
        reason = f"the newest source (published {max(dates, key=_date)})"
    elif confidence(order[0]) != confidence(order[1]):
        reason = "the highest confidence"
    else:
        reason = "claims alike in rank, date and confidence: the first in sorted order"
    return Chosen(values, reason, disputed)


@dataclass
class Fact:
    id: str
    type: str
    from_id: str
    to_id: str
    key: dict[str, Any]  # the identity qualifier, when the fact has one
    attestations: dict[str, Said]  # by source, in the order first said
    stamp: Stamp = field(default_factory=Stamp)
    retracted: bool = False
    reason: str | None = None  # the retraction's reason, when retracted
    #: the entity whose retraction took this fact with it (restoring it restores the fact);
    #: UNKNOWN when the model cannot say
    with_entity: str | None = None
    #: why its spans cannot be written (a write of it is refused, 422)
    span_problems: list[str] = field(default_factory=list)
    #: the source whose retraction took it with it (it rested on retracted sources alone)
    with_source: str | None = None

    def chosen(
        self, published: dict[str, str | None], withdrawn: frozenset[str] = frozenset()
    ) -> Chosen:
        return choose(self.attestations, published, withdrawn)

    def content(
        self, published: dict[str, str | None], withdrawn: frozenset[str] = frozenset()
    ) -> tuple[Any, ...]:
        chosen = self.chosen(published, withdrawn)
        return (
            sorted(s for s in self.attestations if s in withdrawn),
            canonical(chosen.values),
            chosen.disputed,
            chosen.reason,
            list(self.attestations.items()),
        )


UNKNOWN = "?"


@dataclass
class Outcome:
    """What the service must answer: one of ``statuses``; ``result`` for a 2xx write."""

    statuses: frozenset[int]
    result: str | None = None
    detail: str = ""
    changes: list[dict[str, str]] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    relationships_deleted: int = 0

    @property
    def ok(self) -> bool:
        return any(200 <= s < 300 for s in self.statuses)


def refused(status: int | set[int], detail: str) -> Outcome:
    return Outcome(frozenset({status} if isinstance(status, int) else status), detail=detail)


def written(result: str, **extra: Any) -> Outcome:
    return Outcome(frozenset({201 if result == "created" else 200}), result=result, **extra)


def dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _result(old: Any, new: Any, *args: Any) -> str:
    if old is None:
        return "created"
    return "unchanged" if old.content(*args) == new.content(*args) else "updated"


def _restamp(new: Any, old: Any, result: str) -> None:
    """Timestamps after a write: kept when unchanged, ``created_at`` kept when updated."""
    if result == "unchanged":
        new.stamp = copy.copy(old.stamp)
    elif result == "updated":
        new.stamp = Stamp(created_at=old.stamp.created_at)
    else:
        new.stamp = Stamp()


#: what no text holds: C0 controls but tab, line feed and carriage return; DEL; C1; the
#: noncharacters U+FFFE and U+FFFF
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _marks(text: str) -> bool:
    """More than 30 combining marks in a row (Unicode's stream-safe limit)."""
    run = 0
    for c in text:
        run = run + 1 if unicodedata.combining(unicodedata.normalize("NFD", c)[0]) else 0
        if run > 30:
            return True
    return False


SPAN_KEYS = ("start", "end", "exact", "prefix", "suffix", "text_sha256")


def span_in(text: str, start: int, end: int) -> tuple[Any, ...]:
    """A span as the service stores it: its words and up to 32 code points either side."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    return (
        start,
        end,
        text[start:end],
        text[max(0, start - 32) : start],
        text[end : end + 32],
        sha,
    )


def moved_span(span: tuple[Any, ...], text: str) -> tuple[Any, ...] | None:
    """``span`` in ``text``: at its words' occurrence nearest where it was, or None."""
    start, exact = span[0], span[2]
    found = [i for i in range(len(text)) if text.startswith(exact, i)]
    if not found:
        return None
    nearest = min(found, key=lambda i: (abs(i - start), i))
    return span_in(text, nearest, nearest + len(exact))


class GraphModel:
    """The graph as the README says it must be after the acknowledged writes so far.

    Retracted entities and facts stay in ``entities`` and ``facts``, marked ``retracted``;
    the current graph is the rest."""

    def __init__(self) -> None:
        self.sources: dict[str, Source] = {}
        self.entities: dict[str, Entity] = {}
        self.facts: dict[str, Fact] = {}
        self.redirects: dict[str, str] = {}  # merged id -> survivor id
        #: what a merge keeps of the entity merged away and its facts, as they stood
        #: (out of the present; the service stores them for reads of the past)
        self.kept: set[tuple[str, str]] = set()
        self.texts: dict[str, str] = {}  # source id -> its text, as kept (NFC)
        #: what analyses of the sources' texts found, and what reviewers decided
        self.candidates: dict[str, ReviewCandidate] = {}

    def copy(self) -> GraphModel:
        return copy.deepcopy(self)

    # --- reading the model ---------------------------------------------------------------

    def resolve(self, entity_id: str) -> str:
        return self.redirects.get(entity_id, entity_id)

    def current(self, entity_id: str) -> bool:
        e = self.entities.get(entity_id)
        return e is not None and not e.retracted

    @property
    def current_entities(self) -> dict[str, Entity]:
        return {k: e for k, e in self.entities.items() if not e.retracted}

    @property
    def current_facts(self) -> dict[str, Fact]:
        return {k: f for k, f in self.facts.items() if not f.retracted}

    @property
    def published(self) -> dict[str, str | None]:
        return {k: s.published for k, s in self.sources.items()}

    @property
    def withdrawn(self) -> frozenset[str]:
        """The retracted sources."""
        return frozenset(k for k, s in self.sources.items() if s.retracted)

    def _settle(self, entity: Entity) -> None:
        """An entity's attributes chosen among its sources' claims, by the facts' rule: every
        claim ranked normal with confidence 0, so the newest source's answers."""
        said = {
            s: Said("", 0.0, "normal", tuple(sorted(c.items()))) for s, c in entity.claims.items()
        }
        chosen = choose(said, self.published, self.withdrawn)
        entity.attributes, entity.disputed = chosen.values, chosen.disputed
        entity.choice = chosen.reason

    def chosen(self, fact: Fact) -> Chosen:
        return fact.chosen(self.published, self.withdrawn)

    def facts_of(self, entity_id: str, *, retracted: bool = False) -> list[Fact]:
        """The entity's facts: current ones, or (``retracted``) all of them."""
        return [
            f
            for f in self.facts.values()
            if entity_id in (f.from_id, f.to_id) and (retracted or not f.retracted)
        ]

    def summary(self, entity_id: str, *, retracted: bool = False) -> list[dict[str, Any]]:
        """``GET /entities/{id}``'s relationship counts, by type and direction."""
        counts: dict[tuple[str, str], int] = {}
        for f in self.facts_of(entity_id, retracted=retracted):
            key = (f.type, "out" if f.from_id == entity_id else "in")
            counts[key] = counts.get(key, 0) + 1
        return [{"type": t, "direction": d, "count": c} for (t, d), c in sorted(counts.items())]

    def stats(self) -> dict[str, Any]:
        kinds: dict[str, int] = {}
        for e in self.current_entities.values():
            kinds[e.kind] = kinds.get(e.kind, 0) + 1
        types: dict[str, int] = {}
        for f in self.current_facts.values():
            types[f.type] = types.get(f.type, 0) + 1
        return {
            "entities_by_kind": dict(sorted(kinds.items())),
            "relationships_by_type": dict(sorted(types.items())),
            "entities": sum(kinds.values()),
            "relationships": sum(types.values()),
        }

    def source_usage(self, source_id: str) -> tuple[int, int]:
        """How many entities and facts name the source, retracted ones included (kept with
        their sources)."""
        return (
            sum(source_id in e.sources for e in self.entities.values()),
            sum(source_id in f.attestations for f in self.facts.values()),
        )

    # --- writes --------------------------------------------------------------------------

    def put_text(self, source_id: str, text: str) -> Outcome:
        text = text.lstrip("\ufeff")  # byte-order marks, dropped as UTF-8 is read
        if not text.replace("\ufeff", "").strip() or NOT_TEXT.search(text) or _marks(text):
            return refused(422, "not a text")
        if source_id not in self.sources:
            return refused(404, "no such source")
        kept = unicodedata.normalize("NFC", text)
        old = self.texts.get(source_id)
        if old is not None and old != kept:
            quoting = [
                f
                for f in self.current_facts.values()
                if (said := f.attestations.get(source_id)) is not None and said.span
            ]
            moved = {f.id: moved_span(f.attestations[source_id].span or (), kept) for f in quoting}
            if None in moved.values():
                return refused(409, "the new text lacks the words a span quotes")
            for f in quoting:
                said = f.attestations[source_id]
                if said.span != moved[f.id]:
                    f.attestations[source_id] = replace(said, span=moved[f.id])
                    _touched(f)
        self.texts[source_id] = kept
        return written("created" if old is None else "unchanged" if old == kept else "updated")

    def put_source(self, body: dict[str, Any]) -> Outcome:
        new = Source(
            body["id"],
            body["title"].strip(),
            _opt(body, "publisher"),
            _opt(body, "note"),
            body.get("published"),
        )
        old = self.sources.get(new.id)
        result = _result(old, new)
        _restamp(new, old, result)
        new.retracted = old is not None and old.retracted  # rewriting it keeps it retracted
        before = self.published
        self.sources[new.id] = new
        # a new date re-ranks the claims of the entities and facts citing the source
        for e in self.entities.values():
            if new.id in e.sources:
                was = e.content()
                self._settle(e)
                if e.content() != was:
                    e.stamp = Stamp(created_at=e.stamp.created_at)
        for f in self.facts.values():
            now = self.withdrawn
            if new.id in f.attestations and f.content(before, now) != f.content(
                self.published, now
            ):
                f.stamp = Stamp(created_at=f.stamp.created_at)
        return written(result)

    def _entity_from(
        self,
        body: dict[str, Any],
        old: Entity | None,
        claims: dict[str, dict[str, Any]] | None = None,
    ) -> Entity:
        """The entity a write makes: each of the body's sources claims the body's attributes
        (unless ``claims`` are given outright); the other stored sources keep theirs."""
        name = body["name"].strip()
        aliases = [a.strip() for a in body.get("aliases", [])]
        sources = dedupe(body["sources"])
        sent = {
            k: v.strip() if isinstance(v, str) else v
            for k, v in body.items()
            if k in KIND_FIELDS[body["kind"]]
        }
        if claims is None:
            claims = copy.deepcopy(old.claims) if old is not None else {}
            claims.update({s: dict(sent) for s in sources})
        if old is not None:
            sources = dedupe([*old.sources, *sources])
        entity = Entity(
            id=body["id"],
            kind=body["kind"],
            name=name,
            aliases=[a for a in dedupe(aliases) if a != name],
            description=_opt(body, "description"),
            sources=sources,
            claims={s: claims[s] for s in sources if s in claims},
        )
        self._settle(entity)
        return entity

    def check_entity(self, body: dict[str, Any]) -> Outcome | None:
        """Why an entity write would be refused (merged id, kind change, unknown source)."""
        if body["id"] in self.redirects:
            return refused(409, f"{body['id']} was merged into {self.redirects[body['id']]}")
        old = self.entities.get(body["id"])
        if old is not None and old.retracted:
            return refused(409, f"{body['id']} is retracted; restore it first")
        if old is not None and old.kind != body["kind"]:
            return refused(409, f"{body['id']} is a {old.kind}, not a {body['kind']}")
        anew = [s for s in self.cited_anew(body["sources"], old) if s in self.withdrawn]
        if anew:
            return refused(409, f"sources {anew} are retracted")
        missing = [s for s in body["sources"] if s not in self.sources]
        if missing:
            return refused(422, f"unknown sources {missing}")
        return None

    @staticmethod
    def cited_anew(sources: Any, old: Entity | Fact | None) -> list[str]:
        """The sources a write cites that the stored item does not cite already."""
        stored = (old.sources if isinstance(old, Entity) else old.attestations) if old else ()
        return [s for s in sources if s not in stored]

    def put_entity(self, body: dict[str, Any], stored: Entity | None = None) -> Outcome:
        """``stored``: the entity as stored before a batch re-dated its sources (the write
        is compared with what is stored, not with its re-ranking)."""
        problem = self.check_entity(body)
        if problem is not None:
            return problem
        old = self.entities.get(body["id"])
        new = self._entity_from(body, old)
        result = _result(stored or old, new)
        _restamp(new, old, result)
        self.entities[new.id] = new
        return written(result)

    def patch_entity(self, entity_id: str, patch: dict[str, Any]) -> Outcome:
        """PATCH: the stored entity with the patch applied, validated like a PUT, except that
        ``sources`` replace the stored ones."""
        attributes = dict(patch.get("attributes") or {})
        # a body the OpenAPI document calls invalid (a key no kind takes, a value no field
        # takes, a required field nulled) is refused before the graph is asked: 422, whatever
        # the graph would say (404, 409). The document's rules are the pydantic model's, whose
        # patterns tests/domain/test_model_rules.py holds to the validators.
        try:
            EntityPatch.model_validate(patch)
        except ValidationError:
            return refused(422, "the request itself is invalid")
        return self._patch(entity_id, patch, attributes)

    def _patch(self, entity_id: str, patch: dict[str, Any], attributes: dict[str, Any]) -> Outcome:
        if entity_id in self.redirects:
            return refused(409, f"{entity_id} was merged; patch the survivor")
        old = self.entities.get(entity_id)
        if old is None:
            return refused(404, f"no entity {entity_id}")
        if old.retracted:
            # refused: 409 for the retraction, or whatever else it is refused for first
            trial = self.copy()
            trial.entities[entity_id].retracted = False
            otherwise = trial._patch(entity_id, patch, attributes)
            statuses = {409} | (set() if otherwise.ok else set(otherwise.statuses))
            return refused(statuses, f"{entity_id} is retracted; restore it first")
        reserved = [k for k in attributes if k in RESERVED_ATTRIBUTES]
        if reserved:
            return refused(422, f"attributes may not name {reserved}")
        # naming a field the entity's kind does not have (even to clear it) contradicts the
        # stored kind: 409, as a kind change is (graph/items/entities.py says why)
        unknown = [k for k in attributes if k not in KIND_FIELDS[old.kind]]
        if unknown:
            return refused(409, f"a {old.kind} has no {unknown}")
        merged = dict(old.attributes)
        for key, value in attributes.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        lacking = [k for k in REQUIRED_FIELDS.get(old.kind, {}) if k not in merged]
        if lacking:
            return refused(422, f"attributes: missing {lacking}")
        if merged.get("location_type", "country") not in LOCATION_TYPES:
            return refused(422, f"location_type: not one of {LOCATION_TYPES}")
        body: dict[str, Any] = {
            "id": old.id,
            "kind": old.kind,
            "name": patch.get("name", old.name),
            "aliases": patch.get("aliases", old.aliases),
            "sources": patch.get("sources", old.sources),
            **merged,
        }
        description = patch.get("description", old.description)
        if description is not None:
            body["description"] = description
        problem = self.check_entity(body)
        if problem is not None:
            return problem
        # an editor's correction of what every source is recorded as saying; a source the
        # PATCH names anew claims the patched values
        fix = {k: v.strip() if isinstance(v, str) else v for k, v in attributes.items()}
        claims = {
            s: {k: v for k, v in {**c, **fix}.items() if v is not None}
            for s, c in old.claims.items()
        }
        for s in dedupe(body["sources"]):
            claims.setdefault(
                s, {k: v.strip() if isinstance(v, str) else v for k, v in merged.items()}
            )
        replace = "sources" in patch
        new = self._entity_from(body, None if replace else old, claims)
        result = _result(old, new)
        _restamp(new, old, result)
        self.entities[new.id] = new
        return written(result)

    def delete_entity(self, entity_id: str, cascade: bool, reason: str | None = None) -> Outcome:
        """DELETE retracts: kept, hidden, marked; its current facts with it (cascade)."""
        if entity_id in self.redirects:
            return refused(409, f"{entity_id} was merged; delete the survivor")
        entity = self.entities.get(entity_id)
        if entity is None:
            return refused(404, f"no entity {entity_id}")
        if entity.retracted:
            return refused(404, f"{entity_id} is retracted already")
        facts = self.facts_of(entity_id)
        if facts and not cascade:
            return refused(409, f"{entity_id} has {len(facts)} current relationship(s)")
        for f in facts:
            f.retracted, f.with_entity, f.reason = True, entity_id, reason
            _touched(f)
        entity.retracted, entity.reason = True, reason
        _touched(entity)
        return Outcome(frozenset({200}), relationships_deleted=len(facts))

    def restore_entity(self, entity_id: str) -> Outcome:
        """The entity back, with the facts retracted with it whose other end is current, and
        those retracted with the other end, restored while this one was retracted."""
        if entity_id in self.redirects:
            return refused(409, f"{entity_id} was merged; restore the survivor")
        entity = self.entities.get(entity_id)
        if entity is None:
            return refused(404, f"no entity {entity_id}")
        if not entity.retracted:
            return refused(409, f"{entity_id} is not retracted")
        entity.retracted, entity.reason, entity.with_source = False, None, None
        _touched(entity)
        for f in self.facts_of(entity_id, retracted=True):
            other = f.to_id if f.from_id == entity_id else f.from_id
            if f.retracted and f.with_entity in (entity_id, other) and self.current(other):
                f.retracted, f.with_entity, f.reason = False, None, None
                _touched(f)
        return written("restored")

    # --- review ----------------------------------------------------------------------------

    def known(self) -> list[Known]:
        """The entities an analysis reads a text against: the current ones, as stored."""
        return [
            Known(e.id, e.kind, (e.name, *e.aliases), e.description or "")
            for e in self.current_entities.values()
        ]

    def review_counts(self, source_id: str) -> dict[str, int]:
        mine = [c for c in self.candidates.values() if c.source == source_id]
        return {s: sum(c.status == s for c in mine) for s in ("open", "accepted", "rejected")}

    def analyse_source(self, source_id: str) -> Outcome:
        """One candidate per source, type and ends: new ones open, open ones found again
        take the new sentence, decided ones stay, open ones no longer found are dropped."""
        if source_id not in self.sources:
            return refused(404, f"no source {source_id}")
        text = self.texts.get(source_id)
        if text is None or self.sources[source_id].retracted:
            return refused(409, f"{source_id} has no text, or is retracted")
        sha = sha256_of(text)
        rows = candidate_rows(source_id, sha, analyse(text, self.known()))
        found = {r["id"]: r["props"] for r in rows}
        dropped = [
            k for k, c in self.candidates.items()
            if c.source == source_id and c.status == "open" and k not in found
        ]  # fmt: skip
        for k in dropped:
            del self.candidates[k]
        new = 0
        for k, props in found.items():
            held = self.candidates.get(k)
            if held is None:
                new += 1
            if held is None or held.status == "open":
                where = {f: props[f] for f in ("type", "from_id", "to_id", "start", "end")}
                self.candidates[k] = ReviewCandidate(k, source_id, sha=sha, **where)
        counts = {"found": len(found), "new": new, "dropped": len(dropped)}
        return Outcome(
            frozenset({200}), counts={"candidates": {**counts, **self.review_counts(source_id)}}
        )

    def _decidable(self, source_id: str, candidate_id: str) -> Outcome | ReviewCandidate:
        held = self.candidates.get(candidate_id)
        if held is None or held.source != source_id:
            return refused(404, f"no candidate {candidate_id} of {source_id}")
        if held.status != "open":
            return refused(409, f"{candidate_id} is {held.status} already")
        return held

    def accept_candidate(
        self, source_id: str, candidate_id: str, acceptance: dict[str, Any]
    ) -> Outcome:
        """The fact written through the write path (its refusals are the accept's), the
        source's word pointing at the sentence; then the candidate is accepted."""
        held = self._decidable(source_id, candidate_id)
        if isinstance(held, Outcome):
            return held
        if self.sources[source_id].retracted:
            return refused(409, f"{source_id} is retracted")
        if sha256_of(self.texts.get(source_id, "")) != held.sha:
            return refused(409, f"the text of {source_id} was replaced since")
        word = {
            "source": source_id, "evidence": acceptance["evidence"],
            "confidence": acceptance["confidence"], "basis": "stated",
            "selector": {"start": held.start, "end": held.end, "text_sha256": held.sha},
        }  # fmt: skip
        body = {
            **acceptance["qualifiers"], "type": held.type, "from_id": held.from_id,
            "to_id": held.to_id, "attestations": [word],
        }  # fmt: skip
        outcome = self.put_relationship(body)
        if not outcome.ok:
            return outcome
        held.status = "accepted"
        held.fact_id = self._fact_from(body).id
        return Outcome(frozenset({200}), result="accepted")

    def reject_candidate(self, source_id: str, candidate_id: str, reason: str) -> Outcome:
        if not reason.strip():  # the body is checked before what the path names
            return refused(422, "a rejection needs a reason")
        held = self._decidable(source_id, candidate_id)
        if isinstance(held, Outcome):
            return held
        held.status, held.reason = "rejected", reason.strip()
        return Outcome(frozenset({200}), result="rejected")

    def retract_source(self, source_id: str, reason: str | None) -> Outcome:
        """Its claims stop counting; what rests on retracted sources alone is retracted
        with it (an entity only when no current fact is left to it)."""
        if not reason or not reason.strip():
            return refused(422, "retracting a source needs a reason")
        source = self.sources.get(source_id)
        if source is None:
            return refused(404, f"no source {source_id}")
        if source.retracted:
            return refused(409, f"{source_id} is retracted already")
        source.retracted = True
        for f in self.facts.values():
            if source_id in f.attestations:
                if not f.retracted and set(f.attestations) <= self.withdrawn:
                    f.retracted, f.reason, f.with_source = True, reason, source_id
                    f.with_entity = None
                _touched(f)
        for e in self.entities.values():
            if source_id in e.sources:
                alone = set(e.sources) <= self.withdrawn and not self.facts_of(e.id)
                if not e.retracted and alone:
                    e.retracted, e.reason, e.with_source = True, reason, source_id
                self._settle(e)
                _touched(e)
        return written("retracted")

    def restore_source(self, source_id: str) -> Outcome:
        """Its claims count again; what was retracted with a source and cites it comes
        back (a fact once both its ends are current)."""
        source = self.sources.get(source_id)
        if source is None:
            return refused(404, f"no source {source_id}")
        if not source.retracted:
            return refused(409, f"{source_id} is not retracted")
        source.retracted = False
        for e in self.entities.values():
            if source_id in e.sources:
                if e.retracted and e.with_source:
                    e.retracted, e.reason, e.with_source = False, None, None
                self._settle(e)
                _touched(e)
        for f in self.facts.values():
            if source_id in f.attestations:
                ends = self.current(f.from_id) and self.current(f.to_id)
                if f.retracted and f.with_source and ends:
                    f.retracted, f.reason, f.with_source = False, None, None
                _touched(f)
        return written("restored")

    def retract_relationship(self, fact_id: str, reason: str | None = None) -> Outcome:
        fact = self.facts.get(fact_id)
        if fact is None or fact.retracted:
            return refused(404, f"no current fact {fact_id}")
        fact.retracted, fact.with_entity, fact.reason = True, None, reason
        _touched(fact)
        return Outcome(frozenset({204}))

    def restore_relationship(self, fact_id: str) -> Outcome:
        fact = self.facts.get(fact_id)
        if fact is None or not fact.retracted:
            return refused(404, f"no retracted fact {fact_id}")
        if not (self.current(fact.from_id) and self.current(fact.to_id)):
            return refused(409, f"{fact_id} joins a retracted entity")
        fact.retracted, fact.with_entity, fact.reason = False, None, None
        fact.with_source = None
        _touched(fact)
        return written("restored")

    def _fact_from(self, body: dict[str, Any]) -> Fact:
        rule = RELATIONSHIP_RULES[RelType(body["type"])]
        from_id, to_id = self.resolve(body["from_id"]), self.resolve(body["to_id"])
        values = {
            q: (v.strip() if isinstance(v, str) else v)
            for q in QUALIFIER_NAMES
            if (v := body.get(q)) is not None
        }
        key: dict[str, Any] = {}
        if rule.key and rule.key in values:
            key[rule.key] = values.pop(rule.key)
        values.update({d: body[d] for d in DATE_FIELDS if body.get(d) is not None})
        claim = tuple(sorted(values.items()))
        spans, problems = self._spans(body["attestations"])
        return Fact(
            id=relationship_id(body["type"], from_id, to_id, str(next(iter(key.values()), ""))),
            type=body["type"],
            from_id=from_id,
            to_id=to_id,
            key=key,
            attestations={
                a["source"]: Said(
                    a["evidence"].strip(),
                    a["confidence"],
                    a.get("rank", "normal"),
                    claim,
                    spans.get(a["source"]),
                )
                for a in body["attestations"]
            },
            span_problems=problems,
        )

    def _spans(
        self, attestations: list[dict[str, Any]]
    ) -> tuple[dict[str, tuple[Any, ...]], list[str]]:
        """Each attestation's span (positions only, as the machine writes them), and why
        those that cannot be written cannot."""
        spans, problems = {}, []
        for a in attestations:
            if "selector" not in a:
                continue
            text, selector = self.texts.get(a["source"]), a["selector"]
            start, end = selector["start"], selector["end"]
            if text is None:
                problems.append(f"{a['source']} has no text")
            elif selector.get("text_sha256", sha256_of(text)) != sha256_of(text):
                problems.append(f"span counted in another text of {a['source']}")
            elif end > len(text):
                problems.append(f"span past the end of {a['source']}'s text")
            else:
                spans[a["source"]] = span_in(text, start, end)
        return spans, problems

    def _fact_problems(
        self, fact: Fact, kinds: dict[str, str], sources: set[str], retracted: set[str]
    ) -> tuple[list[str], list[str]]:
        """Why a fact write is refused: conflicts (409, retracted items), then 422s."""
        rule = RELATIONSHIP_RULES[RelType(fact.type)]
        conflicts = []
        held = self.facts.get(fact.id)
        if held is not None and held.retracted:
            conflicts.append(f"fact {fact.id} is retracted")
        conflicts += [
            f"entity {end} is retracted" for end in (fact.from_id, fact.to_id) if end in retracted
        ]
        conflicts += [
            f"source {s} is retracted"
            for s in self.cited_anew(fact.attestations, held)
            if s in self.withdrawn
        ]
        problems = [f"unknown source {s}" for s in fact.attestations if s not in sources]
        problems += fact.span_problems
        for end, allowed in ((fact.from_id, rule.sources), (fact.to_id, rule.targets)):
            if end not in kinds:
                problems.append(f"no entity {end}")
            elif EntityKind(kinds[end]) not in allowed:
                problems.append(f"{fact.type} does not join a {kinds[end]} ({end})")
        return conflicts, problems

    def _retracted_ids(self) -> set[str]:
        return {k for k, e in self.entities.items() if e.retracted}

    def _store_fact(self, new: Fact) -> str:
        """Upsert ``new``: attestations added to (or replacing, per source) the stored ones."""
        old = self.facts.get(new.id)
        if old is not None:
            new.attestations = {**old.attestations, **new.attestations}
        result = _result(old, new, self.published, self.withdrawn)
        _restamp(new, old, result)
        self.facts[new.id] = new
        return result

    def put_relationship(self, body: dict[str, Any]) -> Outcome:
        fact = self._fact_from(body)
        if fact.from_id == fact.to_id:  # two ids merged into one: a loop
            return refused({409, 422}, f"{body['from_id']} and {body['to_id']} are one entity")
        kinds = {k: e.kind for k, e in self.entities.items()}
        conflicts, problems = self._fact_problems(
            fact, kinds, set(self.sources), self._retracted_ids()
        )
        if conflicts:
            return refused(409, "; ".join(conflicts))
        if problems:
            return refused(422, "; ".join(problems))
        return written(self._store_fact(fact))

    def merge(self, from_id: str, into: str) -> Outcome:
        """``from_id`` merged into ``into``: its aliases, sources and facts move to the survivor.

        The README says nothing of merging a retracted entity: hidden (404) or refused
        (409) are both taken. A retracted fact of the merged entity must not come back
        current: the merge is refused (409), or the fact stays retracted on the survivor.
        """
        if from_id in self.redirects:
            return refused(409, f"{from_id} was merged into {self.redirects[from_id]}")
        gone = self.entities.get(from_id)
        if gone is None:
            return refused(404, f"no entity {from_id}")
        if gone.retracted:
            return refused({404, 409}, f"{from_id} is retracted")
        survivor_id = self.resolve(into)
        kept = self.entities.get(survivor_id)
        if kept is None:
            return refused(404, f"no entity {into}")
        if kept.retracted:
            return refused({404, 409}, f"{survivor_id} is retracted")
        if survivor_id == from_id:
            return refused(422, "an entity cannot be merged into itself")
        if gone.kind != kept.kind:
            return refused(409, f"{gone.kind} and {kept.kind} do not merge")
        # the survivor's own name is no alias of it: left out before the cap is counted
        aliases = [a for a in dedupe([*kept.aliases, gone.name, *gone.aliases]) if a != kept.name]
        if len(aliases) > ALIAS_CAP:
            # the survivor cannot hold every name; the merge must be refused, not half-done
            return refused({409, 422}, f"merged aliases would be {len(aliases)} > {ALIAS_CAP}")
        moved = sorted(self.facts_of(from_id, retracted=True), key=lambda f: f.id)
        rewritten = []
        statuses = {200}
        for f in moved:
            other = f.to_id if f.from_id == from_id else f.from_id
            if other == survivor_id:
                # a fact between the two would become a loop: refused, not dropped
                return refused(409, f"{from_id} and {survivor_id} are joined by {f.id}")
            ends = (survivor_id, other) if f.from_id == from_id else (other, survivor_id)
            new = copy.deepcopy(f)
            new.from_id, new.to_id = ends
            for s, said in list(new.attestations.items()):  # written again: spans move
                if said.span is not None:
                    span = moved_span(said.span, self.texts.get(s, ""))
                    if span is None:
                        return refused(409, f"{f.id}'s words are not in {s}'s text")
                    new.attestations[s] = replace(said, span=span)
            new.id = relationship_id(f.type, *ends, str(next(iter(f.key.values()), "")))
            held = self.facts.get(new.id)
            if held is not None and held.retracted:
                return refused(409, f"{survivor_id} holds {new.id} retracted")
            if held is not None:
                if any(
                    s in held.attestations
                    and (
                        held.attestations[s].evidence,
                        held.attestations[s].confidence,
                        _where(held.attestations[s].span),
                    )
                    != (said.evidence, said.confidence, _where(said.span))
                    for s, said in new.attestations.items()
                ):
                    # the same source worded otherwise on the survivor: one would be lost
                    return refused(409, f"{new.id} is attested otherwise on {survivor_id}")
                if len({**held.attestations, **new.attestations}) > ATTESTATION_CAP:
                    return refused(409, f"{new.id} would pass the attestation cap")
            if f.retracted:
                if held is not None:
                    return refused(409, f"retracted {f.id} would join current {new.id}")
                statuses.add(409)
                new.with_entity = UNKNOWN
            rewritten.append(new)
        merged = copy.deepcopy(kept)
        merged.aliases = [a for a in aliases if a != kept.name]
        merged.sources = dedupe([*kept.sources, *gone.sources])
        merged.claims = {**gone.claims, **kept.claims}  # the survivor's own word wins
        self._settle(merged)
        if merged.content() != kept.content():
            merged.stamp = Stamp(created_at=kept.stamp.created_at)
        self.entities[survivor_id] = merged
        for f in moved:
            del self.facts[f.id]
        del self.entities[from_id]
        for new in rewritten:
            self._store_fact(new)
            self.facts[new.id].stamp.updated_at = None  # rewritten by the merge: not predicted
        self.redirects = {
            k: (survivor_id if v == from_id else v) for k, v in self.redirects.items()
        }
        self.redirects[from_id] = survivor_id
        self.kept |= {("entity", from_id)} | {("relationship", f.id) for f in moved}
        return Outcome(frozenset(statuses))

    def batch(self, body: dict[str, Any]) -> Outcome:
        """``POST /batch``: all or nothing, with the service's order of checks."""
        trial = self.copy()
        entity_ids = [e["id"] for e in body.get("entities", [])]
        if len(set(entity_ids)) != len(entity_ids):
            return refused(422, "an entity appears twice")
        for e in body.get("entities", []):
            if e["id"] in trial.redirects:
                return refused(409, f"{e['id']} was merged")
            if e["id"] in trial.entities and trial.entities[e["id"]].retracted:
                return refused(409, f"{e['id']} is retracted")
        kinds = {k: e.kind for k, e in trial.entities.items()}
        for e in body.get("entities", []):
            if e["id"] in kinds and kinds[e["id"]] != e["kind"]:
                return refused(409, f"{e['id']} cannot change kind")
            kinds[e["id"]] = e["kind"]
            anew = trial.cited_anew(e["sources"], trial.entities.get(e["id"]))
            if any(s in trial.withdrawn for s in anew):
                return refused(409, f"{e['id']} cites a retracted source anew")
        known = set(trial.sources) | {s["id"] for s in body.get("sources", [])}
        problems = [
            f"unknown source {s}"
            for e in body.get("entities", [])
            for s in e["sources"]
            if s not in known
        ]
        facts = [trial._fact_from(r) for r in body.get("relationships", [])]
        if any(f.from_id == f.to_id for f in facts):  # two ids merged into one: a loop
            return refused({409, 422}, "a fact whose ends are one entity")
        retracted = trial._retracted_ids()
        for fact in facts:
            conflicts, more = trial._fact_problems(fact, kinds, known, retracted)
            if conflicts:
                return refused(409, "; ".join(conflicts))
            problems += more
        if problems:
            return refused(422, "; ".join(problems))
        counts = {f: {"created": 0, "updated": 0, "unchanged": 0} for f in SINGULAR}
        changes: list[dict[str, str]] = []

        def record(family: str, item_id: str, result: str) -> None:
            counts[family][result] += 1
            if result != "unchanged":
                changes.append({"kind": SINGULAR[family], "id": item_id, "result": result})

        stored = copy.deepcopy(trial.entities)
        for s in body.get("sources", []):
            record("sources", s["id"], trial.put_source(s).result or "")
        for e in body.get("entities", []):
            record("entities", e["id"], trial.put_entity(e, stored.get(e["id"])).result or "")
        for fact in facts:
            record("relationships", fact.id, trial._store_fact(fact))
        self.__dict__.update(trial.__dict__)
        return Outcome(frozenset({200}), changes=changes, counts=counts)


SINGULAR = {"sources": "source", "entities": "entity", "relationships": "relationship"}


@dataclass
class ReviewCandidate:
    """A fact an analysis found a source's text may state, and the review's decision."""

    id: str
    source: str
    type: str
    from_id: str
    to_id: str
    start: int
    end: int
    sha: str  # the text it was found in
    status: str = "open"
    fact_id: str | None = None
    reason: str | None = None


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _where(span: tuple[Any, ...] | None) -> tuple[Any, ...] | None:
    """Where a span is (start, end, words): what a merge compares."""
    return None if span is None else span[:3]


def _touched(item: Entity | Fact) -> None:
    """Retracted or restored: ``created_at`` stays, ``updated_at`` is not predicted."""
    item.stamp = Stamp(created_at=item.stamp.created_at)


def _opt(body: dict[str, Any], name: str) -> Any:
    value = body.get(name)
    return value.strip() if isinstance(value, str) else value
