"""How well the analysis of a text finds the facts an editor wrote from it.

The seed's entities are what the analysis knows (no facts); the seed's facts are the
answer. Recall is the share of the seed's *stated* facts (type and ends) found among the
candidates; precision, the share of candidates that are seed facts (stated or inferred).
Pure: no database.

    python -m seed.analysis_score ../shared/sources/taiwan-us-tech-partnership.txt
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from graph.domain import Batch
from graph.ingest import Candidate, Known, analyse
from graph.interop import load_files

SEED = Path(__file__).with_name("taiwan_us_tech_partnership.yaml")


@dataclass(frozen=True)
class Score:
    recall: float
    precision: float
    stated: int
    found: int
    candidates: int
    missed: list[tuple[str, str, str]]


def known_of(batch: Batch) -> list[Known]:
    return [Known(e.id, e.kind, (e.name, *e.aliases), e.description or "") for e in batch.entities]


def score(text: str, batch: Batch) -> Score:
    """The analysis of ``text`` against ``batch``'s entities, scored by its facts."""
    found = analyse(unicodedata.normalize("NFC", text), known_of(batch)).candidates
    facts = {(r.type.value, r.from_id, r.to_id) for r in batch.relationships}
    stated = {
        (r.type.value, r.from_id, r.to_id)
        for r in batch.relationships
        if any(a.basis == "stated" for a in r.attestations)
    }
    named = {_key(c) for c in found}
    hits = stated & named
    return Score(
        recall=len(hits) / len(stated) if stated else 1.0,
        precision=len(named & facts) / len(named) if named else 1.0,
        stated=len(stated),
        found=len(hits),
        candidates=len(named),
        missed=sorted(stated - named),
    )


def _key(c: Candidate) -> tuple[str, str, str]:
    return (c.type, c.from_id, c.to_id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("text", type=Path, help="the article's text (UTF-8)")
    parser.add_argument("--seed", type=Path, default=SEED, help="the seed file it was read into")
    args = parser.parse_args(argv)
    batch, _ = load_files([args.seed])
    found = score(args.text.read_text(encoding="utf-8"), batch)
    print(
        f"recall {found.recall:.2f} ({found.found} of {found.stated} stated facts), "
        f"precision {found.precision:.2f} ({found.candidates} candidates)"
    )
    for missed in found.missed:
        print("  missed:", *missed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
