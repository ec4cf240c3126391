"""The seed's editorial rules (seed/README.md), checked on the seed file itself: no Neo4j.

Every attestation says whether the article states the fact or the editor infers it (with
why); inferred facts have lower confidence than any stated one; nothing copies a run of
eight words from the article; everything cites the article; one investment is one fact.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import Counter
from typing import Any

import pytest
import yaml

from graph.domain import Batch
from tests.conftest import ROOT

SEED_FILE = ROOT / "seed" / "taiwan_us_tech_partnership.yaml"
SOURCES_DIR = ROOT.parent / "shared" / "sources"
ARTICLE_FILE = SOURCES_DIR / "taiwan-us-tech-partnership.txt"
ARTICLE = "taiwan-us-tech-talks-article"

#: The confidence bands of seed/README.md.
STATED_BAND = (0.75, 1.0)
INFERRED_BAND = (0.4, 0.65)
#: The longest run of the article's words any text of the seed may repeat.
MAX_COPIED_RUN = 7

#: The free-text fields of entities, facts and attestations.
TEXT_FIELDS = ("name", "description", "stance", "purpose", "role", "evidence", "reason", "note")


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SEED_FILE.read_text())
    return data


@pytest.fixture(scope="module")
def article_words() -> list[str]:
    if not ARTICLE_FILE.is_file():
        pytest.skip(
            f"the source article is not here ({ARTICLE_FILE}); it lives in the workspace's "
            "shared/sources/, beside the repository; the copy check runs on seed/article_runs.sha256 without it"
        )
    return words(ARTICLE_FILE.read_text())


def words(text: str) -> list[str]:
    """Text as lower-case words, punctuation and accents dropped, apostrophes of any kind
    removed (a curly "Taiwan\u2019s" and "Taiwan's" are both "taiwans").

    Example:
        >>> words("Taiwan\u2019s \u201cTaiwan model,\u201d U.S.-led")
        ['taiwans', 'taiwan', 'model', 'us', 'led']
    """
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"['’`]", "", text.lower()).replace(".", "")
    return re.findall(r"[a-z0-9]+", text)


def runs(items: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(items[i : i + n]) for i in range(len(items) - n + 1)}


def copied_runs(text: str, article: list[str], n: int = MAX_COPIED_RUN + 1) -> list[str]:
    """The runs of ``n`` words that ``text`` shares with the article."""
    return [" ".join(r) for r in sorted(runs(words(text), n) & runs(article, n))]


def texts(seed: dict[str, Any]) -> list[tuple[str, str]]:
    """Every free text of the seed, as (where, text)."""
    found: list[tuple[str, str]] = []

    def collect(where: str, item: dict[str, Any]) -> None:
        for field in TEXT_FIELDS:
            if isinstance(item.get(field), str):
                found.append((f"{where}.{field}", item[field]))
        for alias in item.get("aliases") or []:
            found.append((f"{where}.aliases", alias))

    for source in seed["sources"]:
        collect(source["id"], source)
    for entity in seed["entities"]:
        collect(entity["id"], entity)
    for rel in seed["relationships"]:
        where = f"{rel['from_id']}|{rel['type']}|{rel['to_id']}"
        collect(where, rel)
        for attestation in rel["attestations"]:
            collect(where, attestation)
    return found


def attestations(seed: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{r['from_id']}|{r['type']}|{r['to_id']}", a)
        for r in seed["relationships"]
        for a in r["attestations"]
    ]


def test_the_seed_is_a_valid_batch(seed: dict[str, Any]) -> None:
    Batch.model_validate(seed)


def test_every_attestation_says_stated_or_inferred(seed: dict[str, Any]) -> None:
    # written out, not left to the default: each one was decided
    unmarked = [
        where for where, a in attestations(seed) if a.get("basis") not in {"stated", "inferred"}
    ]
    assert unmarked == []


def test_inferred_ones_say_why_and_stated_ones_do_not(seed: dict[str, Any]) -> None:
    for where, a in attestations(seed):
        if a["basis"] == "inferred":
            assert len(a.get("reason") or "") >= 40, f"{where}: an inference needs its reason"
        else:
            assert "reason" not in a, f"{where}: a stated fact needs no reason"


def test_confidence_bands(seed: dict[str, Any]) -> None:
    by_basis: dict[str, list[float]] = {"stated": [], "inferred": []}
    for where, a in attestations(seed):
        low, high = STATED_BAND if a["basis"] == "stated" else INFERRED_BAND
        assert low <= a["confidence"] <= high, f"{where}: {a['confidence']} outside its band"
        by_basis[a["basis"]].append(a["confidence"])
    # inferred claims have lower confidence than every stated one
    assert max(by_basis["inferred"]) < min(by_basis["stated"])
    # the seed has both, so the stated_only views differ from the full ones
    assert by_basis["inferred"] and by_basis["stated"]


def test_the_copy_check_sees_a_copied_sentence(article_words: list[str]) -> None:
    # the article's own words, re-punctuated and re-cased, are still a copy
    copied = "VICE-PREMIER Cheng Li-chiun is, at the helm; steering the dialogue!"
    assert copied_runs(copied, article_words)
    assert copied_runs("Cheng is at the helm of the talks.", article_words) == []


def test_no_text_copies_eight_words_of_the_article(
    seed: dict[str, Any], article_words: list[str]
) -> None:
    copies = {
        where: found for where, text in texts(seed) if (found := copied_runs(text, article_words))
    }
    assert copies == {}


# --- the copy check without the article: its eight-word runs, hashed -------------------
# The article is not the project's to commit; a fingerprint of it (a hash of each run of
# eight of its words, which cannot be read back into text) is, so the copy check runs
# wherever the tests do. Where the article is at hand, the fingerprint is checked against it.

FINGERPRINT = ROOT / "seed" / "article_runs.sha256"


def run_hashes(items: list[str], n: int = MAX_COPIED_RUN + 1) -> set[str]:
    return {hashlib.sha256(" ".join(r).encode()).hexdigest()[:16] for r in runs(items, n)}


def test_the_fingerprint_is_the_articles(article_words: list[str]) -> None:
    expected = "\n".join(sorted(run_hashes(article_words))) + "\n"
    if os.environ.get("KG_WRITE_FINGERPRINT") == "1":  # how the file is made
        FINGERPRINT.write_text(expected)
    assert FINGERPRINT.read_text() == expected, (
        "seed/article_runs.sha256 is stale: rerun this test with KG_WRITE_FINGERPRINT=1"
    )


def test_no_text_copies_eight_words_of_the_article_by_fingerprint(seed: dict[str, Any]) -> None:
    article = set(FINGERPRINT.read_text().split())
    assert len(article) > 300  # the article's ~390 words
    copies = [where for where, text in texts(seed) if run_hashes(words(text)) & article]
    assert copies == []
    # and the check sees a copy: a run of the article, re-cased and re-punctuated
    assert (
        run_hashes(words("VICE-PREMIER Cheng Li-chiun is, at the helm; steering the dialogue!"))
        & article
    )


def test_aliases_are_the_articles_words(seed: dict[str, Any], article_words: list[str]) -> None:
    # an alias is a name the article uses: each of its words is the article's ("equal" may
    # stand for "equally"); a number or a term the article never uses is not an alias
    vocabulary = set(article_words)
    for entity in seed["entities"]:
        for alias in entity.get("aliases") or []:
            for word in words(alias):
                assert any(w.startswith(word) for w in vocabulary), (
                    f"{entity['id']}: '{word}' of the alias '{alias}' is not the article's"
                )


def test_everything_cites_the_article(seed: dict[str, Any]) -> None:
    assert [s["id"] for s in seed["sources"]] == [ARTICLE]
    assert all(ARTICLE in e["sources"] for e in seed["entities"])
    assert all(a["source"] == ARTICLE for _, a in attestations(seed))


def test_one_investment_is_one_fact(seed: dict[str, Any]) -> None:
    investments = Counter(
        (r["from_id"], r.get("amount"), r.get("currency"))
        for r in seed["relationships"]
        if r["type"] == "INVESTS_IN"
    )
    assert [k for k, n in investments.items() if n > 1] == []
    investors = {key[0] for key in investments}
    plans = {e["id"] for e in seed["entities"] if e.get("proposal_type") == "investment_plan"}
    # an investment already recorded as INVESTS_IN is not also its investor's plan
    doubled = [
        (r["from_id"], r["to_id"])
        for r in seed["relationships"]
        if r["to_id"] in plans and r["from_id"] in investors
    ]
    assert doubled == []


def test_no_dates_are_invented(seed: dict[str, Any]) -> None:
    assert [r for r in seed["relationships"] if r.get("valid_from") or r.get("valid_to")] == []
    assert [e["id"] for e in seed["entities"] if e.get("start_date") or e.get("end_date")] == []


def test_the_rules_are_written_down() -> None:
    rules = (ROOT / "seed" / "README.md").read_text()
    for band in (STATED_BAND, INFERRED_BAND):
        assert f"{band[0]:.2f}" in rules and f"{band[1]:.2f}" in rules
    assert "basis: inferred" in rules and "reason" in rules
    assert "eight" in rules
