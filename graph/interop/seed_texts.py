"""Sources' texts for a seed. A seed file never holds a source's words: a source names
the SHA-256 of its text (``text_sha256``); the words come from a folder given on the
command line, each file matched to a source by that hash. A seed's evidence spans give
positions only; they are written when their source's text is stored, and left out (and
said so) when it is not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from graph.domain import MAX_TEXT_BYTES, Batch, PreparedText, decode_text, prepare_text
from graph.errors import InvalidInput, NotFound
from graph.items import texts
from graph.store import Graph
from graph.writes import quoted_sources


@dataclass
class TextsSeeded:
    """What seeding the texts did: how many were stored or already there, and the
    sources whose text the folder does not hold (or that are not in the graph)."""

    stored: int = 0
    unchanged: int = 0
    not_found: list[str] = field(default_factory=list)
    no_source: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"texts: {self.stored} stored, {self.unchanged} unchanged"


def wanted_texts(batch: Batch) -> dict[str, str]:
    """Each source's text hash, for the sources of ``batch`` that name one."""
    return {s.id: s.text_sha256 for s in batch.sources if s.text_sha256}


def texts_in(folder: Path) -> dict[str, PreparedText]:
    """The texts of the folder's files, by hash: each regular file read as a text would be
    stored; a file that is not one (too large, not UTF-8, binary) is passed over."""
    found: dict[str, PreparedText] = {}
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.stat().st_size > 2 * MAX_TEXT_BYTES:
            continue
        try:
            prepared = prepare_text(decode_text(path.read_bytes()))
        except (InvalidInput, OSError):
            continue
        found.setdefault(prepared.sha256, prepared)
    return found


async def seed_texts(
    graph: Graph,
    wanted: dict[str, str],
    folder: Path,
    *,
    dry_run: bool = False,
    progress: Callable[[str], None] = lambda _msg: None,
) -> TextsSeeded:
    """Store each wanted source's text from ``folder``, matched by its hash; what it did."""
    held = texts_in(folder)
    done = TextsSeeded()
    for source_id, sha256 in sorted(wanted.items()):
        text = held.get(sha256)
        if text is None:
            done.not_found.append(source_id)
            progress(f"no file in {folder} holds the text of '{source_id}' (SHA-256 {sha256})")
            continue
        if dry_run:
            done.stored += 1
            continue
        try:
            result = (await texts.put_text(graph, source_id, text)).result
        except NotFound:
            done.no_source.append(source_id)
            progress(f"no source '{source_id}' in the graph: its text is not stored")
            continue
        if result == "unchanged":
            done.unchanged += 1
        else:
            done.stored += 1
    return done


def without_spans(batch: Batch, texts_stored: Collection[str]) -> tuple[Batch, dict[str, int]]:
    """``batch`` with the evidence spans into sources without a stored text left out, and
    how many were left out per source (a span is checked against its text when written).

    Example:
        >>> from graph.domain import RELATIONSHIP_ADAPTER
        >>> fact = RELATIONSHIP_ADAPTER.validate_python({"type": "SUPPLIES", "from_id": "a",
        ...     "to_id": "b", "attestations": [{"source": "s", "evidence": "e",
        ...     "confidence": 0.5, "selector": {"start": 0, "end": 4}}]})
        >>> kept, left_out = without_spans(Batch(relationships=[fact]), texts_stored=[])
        >>> kept.relationships[0].attestations[0].selector, left_out
        (None, {'s': 1})
    """
    left_out: Counter[str] = Counter()
    facts = []
    for fact in batch.relationships:
        dropped = [
            w.source for w in fact.attestations if w.selector and w.source not in texts_stored
        ]
        left_out.update(dropped)
        words = [
            w.model_copy(update={"selector": None}) if w.source in dropped else w
            for w in fact.attestations
        ]
        facts.append(fact.model_copy(update={"attestations": words}) if dropped else fact)
    if not left_out:
        return batch, {}
    return batch.model_copy(update={"relationships": facts}), dict(left_out)


async def texts_stored(graph: Graph, batch: Batch) -> set[str]:
    """The sources the batch's evidence spans point into that have a stored text."""
    quoted = quoted_sources(batch.relationships)
    if not quoted:
        return set()
    (row,) = await graph.read_query("source_texts_by_ids", ids=sorted(quoted))
    return {found["id"] for found in row["found"]}
