"""Names as people type them: normalised, matched in tiers, and ranked. Pure: no Neo4j.

Lucene finds the candidates (recall); this module states how well each one matches
(precision) and in what order they come, and folds the names every entity stores
(:func:`name_keys`). The search applies the rule in the database, to those keys
(``search_entities``), so only a page leaves it; :func:`tier` and :func:`ranked` are the
rule in Python, which ``tests/reads/test_search_tiers.py`` holds the database to:

- ``exact``: the text equals the entity's name or one of its aliases, ignoring case,
  accents and punctuation between words;
- ``prefix``: a name or alias starts with the text;
- ``token``: every word of the text is a word of a name or alias (or begins one);
- ``fuzzy``: anything else the full-text index found (a typo, a description).

Hits are ordered by tier, then by degree (how many relationships) descending, then by id.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from confusable_homoglyphs import categories, confusables

from graph.domain.values import INVISIBLE

Tier = Literal["exact", "prefix", "token", "fuzzy"]
#: best first
TIERS: tuple[Tier, ...] = ("exact", "prefix", "token", "fuzzy")
_RANK = {tier: rank for rank, tier in enumerate(TIERS)}

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
#: at most this many words of a search become Lucene clauses
MAX_WORDS = 20


def normalise(text: str) -> str:
    """Case-, accent- and width-insensitive form: NFKD, marks dropped, casefolded, spaces
    collapsed, and the invisible format characters (soft hyphens, zero-width spaces and
    joiners, bidi controls) dropped, as accents are: they change no word a person sees.

    Example:
        >>> normalise("  Arizóna  STRAßE ")
        'arizona strasse'
        >>> normalise("\\uff34\\uff41\\uff49\\uff57\\uff41\\uff4e")  # full-width letters
        'taiwan'
        >>> normalise("Ar\\u00adizona\\u200b"), words("T\\u200dS\\u202eMC")
        ('arizona', ['tsmc'])
    """
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(
        c
        for c in decomposed
        if not (unicodedata.combining(c) or unicodedata.category(c) == "Cf" or INVISIBLE.match(c))
    )
    return _SPACE.sub(" ", bare).strip()


def words(text: str) -> list[str]:
    """The normalised words of a text (letters and digits; punctuation splits words).

    Example:
        >>> words("TSMC's $165 billion Arizona investment")
        ['tsmc', 's', '165', 'billion', 'arizona', 'investment']
    """
    return _WORD.findall(normalise(text))


def name_key(text: str) -> str:
    """What two names must share to be the same name: their words, or, for a text without
    any, the normalised text.

    Example:
        >>> name_key("Cheng Li-chiun") == name_key("cheng  li chiun")
        True
    """
    return " ".join(words(text)) or normalise(text)


def tier(text: str, names: Iterable[str]) -> Tier:
    """How well ``text`` matches the best of ``names`` (an entity's name and aliases).

    Example:
        >>> tier("arizona", ["Arizona"]), tier("Ariz", ["Arizona"])
        ('exact', 'prefix')
        >>> tier("Arizona", ["TSMC's $165 billion Arizona investment"]), tier("Arizna", ["Arizona"])
        ('token', 'fuzzy')
    """
    return min((_tier_one(text, name) for name in names), key=_RANK.__getitem__, default="fuzzy")


def _tier_one(text: str, name: str) -> Tier:
    key, candidate = name_key(text), name_key(name)
    if not key:
        return "fuzzy"
    if key == candidate:
        return "exact"
    if candidate.startswith(key):
        return "prefix"
    wanted, have = words(text), words(name)
    if wanted and all(any(h.startswith(w) for h in have) for w in wanted):
        return "token"
    return "fuzzy"


def exact_name(text: str, names: Iterable[str]) -> str | None:
    """The first of ``names`` that ``text`` matches exactly, or None.

    Example:
        >>> exact_name("TAIWAN", ["Government of Taiwan", "Taiwan"])
        'Taiwan'
    """
    key = name_key(text)
    return next((name for name in names if key and name_key(name) == key), None)


@dataclass(frozen=True)
class Candidate:
    """What ranking needs of an entity: its id, degree, and every name it answers to."""

    id: str
    degree: int
    names: tuple[str, ...]


def rank_key(match: Tier, degree: int, entity_id: str) -> tuple[int, int, str]:
    """The sort key of a hit: tier, then degree descending, then id."""
    return _RANK[match], -degree, entity_id


def ranked(text: str, candidates: Iterable[Candidate]) -> list[tuple[Candidate, Tier]]:
    """Candidates with their tier, best first; one entry per id, in a total order.

    Example:
        >>> found = ranked("Arizona", [
        ...     Candidate("tsmc-arizona-investment", 9, ("TSMC's Arizona investment",)),
        ...     Candidate("arizona", 2, ("Arizona",)),
        ... ])
        >>> [(c.id, t) for c, t in found]
        [('arizona', 'exact'), ('tsmc-arizona-investment', 'token')]
    """
    unique = {c.id: c for c in candidates}
    tiered = [(c, tier(text, c.names)) for c in unique.values()]
    return sorted(tiered, key=lambda pair: rank_key(pair[1], pair[0].degree, pair[0].id))


def lucene_query(text: str) -> str:
    """The user's words as a Lucene query for recall: each word exact, as a prefix, and
    (from four letters) with one typo; words are folded as the index folds them.

    Example:
        >>> lucene_query("TSMCC Arizóna")
        '(tsmcc^3 OR tsmcc*^2 OR tsmcc~1) OR (arizona^3 OR arizona*^2 OR arizona~1)'
        >>> lucene_query("?!")
        ''
    """
    parts = []
    for word in words(text)[:MAX_WORDS]:
        fuzzy = f" OR {word}~1" if len(word) >= 4 else ""
        parts.append(f"({word}^3 OR {word}*^2{fuzzy})")
    return " OR ".join(parts)


def name_keys(name: str, aliases: Sequence[str] | None) -> list[str]:
    """What an entity stores to be found by name (``name_keys``): the :func:`name_key` of
    its name and of each alias, once each, in that order. The search ranks in the database
    with them (``search_entities``), as :func:`tier` does here.

    Example:
        >>> name_keys("Taiwan Semiconductor", ["TSMC", "tsmc", "Taiwán  Semiconductor"])
        ['taiwan semiconductor', 'tsmc']
    """
    return list(dict.fromkeys(name_key(n) for n in names_of(name, aliases)))


#: what Lucene's query syntax reads as an operator, escaped in a term of a keyword index
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/\s])')


def lucene_keys(text: str) -> str:
    """A Lucene query of the keyword index on ``name_keys`` for the names and aliases that
    are the text (boosted) or begin with it, accents, case and punctuation folded: the
    recall of the ``exact`` and ``prefix`` tiers. Empty for a text without a key.

    Example:
        >>> print(lucene_keys("Cheng Li-chiun"))
        name_keys:cheng\\ li\\ chiun^2 OR name_keys:cheng\\ li\\ chiun*
        >>> lucene_keys("  ")
        ''
    """
    key = _LUCENE_SPECIAL.sub(r"\\\1", name_key(text))
    return f"name_keys:{key}^2 OR name_keys:{key}*" if key else ""


def lucene_key(text: str) -> str:
    """A Lucene query of the keyword index on ``name_keys`` for the names and aliases that
    are the text, accents, case and punctuation folded as :func:`name_key` folds them (a
    name the full-text index splits otherwise, as it splits some scripts and symbols, is
    still found whole). Empty for a text without a key.

    Example:
        >>> print(lucene_key("ZZ Smile \U0001f600 Co"))
        name_keys:zz\\ smile\\ co
    """
    key = _LUCENE_SPECIAL.sub(r"\\\1", name_key(text))
    return f"name_keys:{key}" if key else ""


def lucene_phrase(text: str) -> str:
    """A Lucene query for the names and aliases that contain the text's words in order:
    the recall of exact matches (equality is decided by :func:`exact_name`).

    Example:
        >>> lucene_phrase("Cheng Li-chiun")
        'name:"cheng li chiun" OR aliases:"cheng li chiun"'
        >>> lucene_phrase("--")
        ''
    """
    phrase = " ".join(words(text)[:MAX_WORDS])
    return f'name:"{phrase}" OR aliases:"{phrase}"' if phrase else ""


#: scripts every text may use (digits, punctuation, combining marks) besides its own
_SHARED_SCRIPTS = {"COMMON", "INHERITED"}


def lookalikes(text: str) -> list[str]:
    """The spellings a text that mixes scripts imitates: for each script it uses, the
    text with every letter of another script replaced by its look-alike in that script
    (Unicode's confusables, through ``confusable_homoglyphs``). Empty for a text in one
    script: only a mix can pass for a name it is not.

    Example:
        >>> "TSMC" in lookalikes("\\u0422SM\\u0421")  # Cyrillic Te and Es, Latin S and M
        True
        >>> lookalikes("TSMC"), lookalikes("Тайвань")
        ([], [])
    """
    scripts = categories.unique_aliases(text) - _SHARED_SCRIPTS
    if len(scripts) < 2:
        return []
    found = []
    for script in sorted(scripts):
        twins = {}
        for confusable in (
            confusables.is_confusable(text, greedy=True, preferred_aliases=[script.lower()]) or []
        ):
            same_script = [
                h["c"]
                for h in confusable["homoglyphs"]
                if len(h["c"]) == 1 and categories.alias(h["c"]) == script
            ]
            if same_script:
                twins[confusable["character"]] = same_script[0]
        spelled = "".join(twins.get(c, c) for c in text)
        if spelled != text and not (
            categories.unique_aliases(spelled) - _SHARED_SCRIPTS - {script}
        ):
            found.append(spelled)
    return found


def names_of(name: str, aliases: Sequence[str] | None) -> tuple[str, ...]:
    """An entity's name, then its aliases."""
    return (name, *(aliases or ()))
