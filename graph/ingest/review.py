"""A source's text analysed, its candidates stored, and a person's review of them.

An analysis reads the source's stored text and the entities it may name, finds what
:func:`graph.ingest.analysis.analyse` finds (in a worker thread: a long text does not hold
the server up), and stores the candidate facts in one write: one per source, type and
ends (its id derived from them), so analysing again is idempotent; an open candidate
takes the new finding, a decided one stays as decided (a rejection is remembered, so a
re-analysis does not bring it back), and open ones no longer found are dropped.

Accepting a candidate writes its fact through the write path, in the same transaction
as the decision: the source's attestation points at the candidate's sentence (a span
checked against the stored text), the reviewer is the revision's author and their
``reason`` its reason. A candidate is decided once (409 after), and only against the
text it was found in (409 once the text is replaced: analyse again).
"""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

from neo4j import AsyncManagedTransaction
from pydantic import ValidationError

from graph.domain import RELATIONSHIP_ADAPTER, Batch, RelationshipIn, names
from graph.errors import Conflict, NotFound
from graph.history import transaction_time
from graph.ingest.analysis import MAX_NAME_WORDS, Analysis, Known, analyse, tokens
from graph.ingest.models import (
    Acceptance,
    AnalysisSummary,
    CandidateCounts,
    CandidatePublic,
    MentionPublic,
    NamePublic,
    Sentence,
    TextAnalysis,
)
from graph.items import validation_to_invalid
from graph.store import Graph, run
from graph.writes import Family, apply_plan, plan_one

#: up to this many current entities, an analysis knows them all (references then
#: resolve among every entity); beyond, only those whose names the text holds
ALL_KNOWN = 20_000
#: the names looked up for a larger graph are the text's runs of up to so many words
LOOKED_UP_WORDS = 6
#: keys per full-text query (Lucene's clause limit is 1,024)
KEYS_PER_QUERY = 500
#: candidates stored per analysis, the best first (a text naming thousands of entities
#: finds far more than anyone reviews)
MAX_CANDIDATES = 2_000


def candidate_id(source_id: str, rel_type: str, from_id: str, to_id: str) -> str:
    """A candidate's id: one per source, type and ends, whatever sentence it was found in."""
    key = "\x1f".join((source_id, rel_type, from_id, to_id)).encode()
    return hashlib.sha256(key).hexdigest()[:24]


async def _text(graph: Graph, source_id: str) -> tuple[str, str]:
    """The source's stored text and its hash (404 without a source, 409 without a text)."""
    rows = await graph.read_query("source_text", id=source_id, known_at=None)
    if not rows or rows[0]["source"] is None:
        raise NotFound(f"no source with id '{source_id}'", pointer="source_id")
    stored = rows[0]["text"]
    if stored is None:
        raise Conflict(
            f"source '{source_id}' has no text to analyse (PUT /sources/{source_id}/text)",
            pointer="source_id",
        )
    return stored["text"], stored["sha256"]


async def _known(graph: Graph, text: str) -> list[Known]:
    rows = await graph.read_query("known_entities", limit=ALL_KNOWN + 1)
    if len(rows) > ALL_KNOWN:
        rows = await graph.read_query("known_entities_named", queries=_name_queries(text))
    return [Known(r["id"], r["kind"], tuple(r["names"]), r["description"]) for r in rows]


def _name_queries(text: str) -> list[str]:
    """Full-text queries for every run of up to LOOKED_UP_WORDS of the text's words."""
    words = [t.word for t in tokens(text)]
    keys = {
        " ".join(words[i : i + n])
        for n in range(1, min(LOOKED_UP_WORDS, MAX_NAME_WORDS) + 1)
        for i in range(len(words) - n + 1)
    }
    clauses = sorted(names.lucene_key(k) for k in keys)
    return [
        " OR ".join(clauses[i : i + KEYS_PER_QUERY]) for i in range(0, len(clauses), KEYS_PER_QUERY)
    ]


async def read_text(graph: Graph, source_id: str) -> TextAnalysis:
    """The mentions and unknown names of the source's stored text, read now."""
    text, sha = await _text(graph, source_id)
    known = await _known(graph, text)
    found = await asyncio.to_thread(analyse, text, known)
    return TextAnalysis(
        source_id=source_id,
        text_sha256=sha,
        mentions=[
            MentionPublic(
                start=m.start,
                end=m.end,
                text=m.text,
                entities=list(m.entities),
                ambiguous=m.ambiguous,
                reference=m.reference,
                inside=m.inside,
            )
            for m in found.mentions
        ],
        unknown_names=[
            NamePublic(start=n.start, end=n.end, text=n.text) for n in found.unknown_names
        ],
    )


def candidate_rows(source_id: str, sha: str, found: Analysis) -> list[dict[str, Any]]:
    """The rows :file:`store_candidates.cypher` writes: the best sentence of each
    (type, ends), the best first, at most MAX_CANDIDATES."""
    rows: dict[str, dict[str, Any]] = {}
    for c in found.candidates:  # best first: the first sentence of a (type, ends) is kept
        cid = candidate_id(source_id, c.type, c.from_id, c.to_id)
        if cid not in rows and len(rows) < MAX_CANDIDATES:
            props = {
                "type": c.type, "from_id": c.from_id, "to_id": c.to_id, "start": c.start,
                "end": c.end, "cues": list(c.cues), "gap": c.gap, "ambiguous": c.ambiguous,
                "text_sha256": sha,
            }  # fmt: skip
            rows[cid] = {"id": cid, "props": props}
    return list(rows.values())


async def analyse_source(graph: Graph, source_id: str) -> AnalysisSummary:
    """Analyse the source's stored text and store its candidates (see the module)."""
    text, sha = await _text(graph, source_id)
    known = await _known(graph, text)
    found = await asyncio.to_thread(analyse, text, known)
    rows = candidate_rows(source_id, sha, found)

    async def work(tx: AsyncManagedTransaction) -> CandidateCounts:
        locked = await run(tx, "lock_source", id=source_id)
        if not locked:
            raise NotFound(f"no source with id '{source_id}'", pointer="source_id")
        if locked[0]["props"].get("retracted_at"):
            raise Conflict(f"source '{source_id}' is retracted", pointer="source_id")
        (now,) = await run(tx, "source_text", id=source_id, known_at=None)
        if now["text"] is None or now["text"]["sha256"] != sha:
            raise Conflict(
                f"the text of '{source_id}' was replaced while it was analysed; analyse again",
                pointer="source_id",
            )
        (dropped,) = await run(
            tx, "drop_open_candidates", source_id=source_id, keep=[r["id"] for r in rows]
        )
        at = await transaction_time(tx)
        stored = await run(tx, "store_candidates", source_id=source_id, rows=rows, at=at)
        tally = {s: 0 for s in ("open", "accepted", "rejected")}
        for row in await run(tx, "candidates_of_source", source_id=source_id, status=None):
            tally[row["props"]["status"]] += 1
        new = stored[0]["new"] if stored else 0
        return CandidateCounts(found=len(rows), new=new, dropped=dropped["dropped"], **tally)

    counts = await graph.write(work)
    return AnalysisSummary(
        source_id=source_id,
        text_sha256=sha,
        known_entities=len(known),
        mentions=sum(not m.reference for m in found.mentions),
        ambiguous=sum(m.ambiguous for m in found.mentions),
        references=sum(m.reference for m in found.mentions),
        unknown_names=len(found.unknown_names),
        candidates=counts,
    )


def candidate_public(row: dict[str, Any], text: tuple[str, str] | None) -> CandidatePublic:
    """A stored candidate as answered; its sentence's words when ``text`` (words, hash) is
    the one it was found in."""
    props = row["props"]
    words, sha = text or ("", "")
    exact = words[props["start"] : props["end"]] if sha == props["text_sha256"] else None
    return CandidatePublic(
        **{k: v for k, v in props.items() if k not in ("start", "end")},
        from_name=row.get("from_name"),
        to_name=row.get("to_name"),
        sentence=Sentence(start=props["start"], end=props["end"], exact=exact),
    )


async def candidates(graph: Graph, source_id: str, status: str | None) -> list[CandidatePublic]:
    """The source's candidates (with ``status``, or all), the best first."""
    text = await _text(graph, source_id)
    rows = await graph.read_query("candidates_of_source", source_id=source_id, status=status)
    found = [candidate_public(r, text) for r in rows]
    return sorted(found, key=lambda c: (-len(c.cues), c.gap, c.ambiguous, c.id))


def relationship_of(candidate: dict[str, Any], how: Acceptance) -> RelationshipIn:
    """The fact an acceptance writes: the candidate's (or the reviewer's) type, its ends,
    the reviewer's qualifiers, and the source's word pointing at the sentence."""
    word: dict[str, Any] = {
        "source": candidate["source_id"],
        "evidence": how.evidence
        or f"found in review in the sentence at {candidate['start']}-{candidate['end']}",
        "confidence": how.confidence,
        "basis": how.basis,
        "selector": {
            "start": candidate["start"],
            "end": candidate["end"],
            "text_sha256": candidate["text_sha256"],
        },
    }
    if how.reason is not None:
        word["reason"] = how.reason
    dates = {k: v for k in ("valid_from", "valid_to") if (v := getattr(how, k)) is not None}
    qualifiers = how.qualifiers.model_dump(exclude_none=True)
    body = {
        **qualifiers,
        **dates,
        "type": how.type or candidate["type"],
        "from_id": candidate["from_id"],
        "to_id": candidate["to_id"],
        "attestations": [word],
    }
    try:
        return RELATIONSHIP_ADAPTER.validate_python(body)
    except ValidationError as exc:
        raise validation_to_invalid(exc) from exc


async def _locked(
    tx: AsyncManagedTransaction, source_id: str, candidate: str, verb: str
) -> dict[str, Any]:
    rows = await run(tx, "lock_candidate", id=candidate)
    if not rows or rows[0]["props"]["source_id"] != source_id:
        raise NotFound(
            f"no candidate '{candidate}' of source '{source_id}'", pointer="candidate_id"
        )
    props: dict[str, Any] = rows[0]["props"]
    if props["status"] != "open":
        raise Conflict(
            f"candidate '{candidate}' is {props['status']} already; it cannot be {verb}",
            pointer="candidate_id",
        )
    return props


async def accept(
    graph: Graph, source_id: str, candidate: str, how: Acceptance
) -> tuple[CandidatePublic, str]:
    """Accept a candidate: its fact written, the decision recorded (one transaction).
    Returns the decided candidate and the fact's id."""

    async def work(tx: AsyncManagedTransaction) -> tuple[dict[str, Any], str]:
        props = await _locked(tx, source_id, candidate, "accepted")
        (source,) = await run(tx, "lock_source", id=source_id)
        if source["props"].get("retracted_at"):
            raise Conflict(
                f"source '{source_id}' is retracted (restore it first: "
                f"POST /sources/{source_id}/restore)",
                pointer="source_id",
            )
        (now,) = await run(tx, "source_text", id=source_id, known_at=None)
        if now["text"] is None or now["text"]["sha256"] != props["text_sha256"]:
            raise Conflict(
                f"the text of '{source_id}' was replaced since the candidate was found; "
                f"analyse it again (POST /sources/{source_id}/analysis)",
                pointer="candidate_id",
            )
        rel = relationship_of(props, how)
        plan = await plan_one(tx, Family.RELATIONSHIPS, Batch(relationships=[rel]))
        await apply_plan(tx, plan, graph.author)
        ((item, _),) = plan.outcomes.items()  # its id names the ends after redirects
        decided = await _decide(tx, graph, candidate, "accepted", item.id)
        return decided, item.id

    decided, fact_id = await graph.write(work)
    return candidate_public({"props": decided}, None), fact_id


async def reject(graph: Graph, source_id: str, candidate: str, reason: str) -> CandidatePublic:
    """Reject a candidate, with the reason: remembered, so no re-analysis brings it back."""

    async def work(tx: AsyncManagedTransaction) -> dict[str, Any]:
        await _locked(tx, source_id, candidate, "rejected")
        return await _decide(tx, graph, candidate, "rejected", None, reason)

    return candidate_public({"props": await graph.write(work)}, None)


async def _decide(
    tx: AsyncManagedTransaction,
    graph: Graph,
    candidate: str,
    status: str,
    fact_id: str | None,
    reason: str | None = None,
) -> dict[str, Any]:
    at, author = await transaction_time(tx), graph.author
    (row,) = await run(
        tx, "decide_candidate", id=candidate, status=status, at=at, by=author.by,
        reason=reason if reason is not None else author.reason, fact_id=fact_id,
    )  # fmt: skip
    decided: dict[str, Any] = row["props"]
    return decided
