"""Reading a new text against the graph, offline and with no model: where it names the
entities the graph holds, which names it uses that the graph does not hold, and which
facts it may state. Pure: the text and the entities in, the findings out.

* **Mentions.** The text's words are folded as the resolver folds names
  (:func:`graph.domain.names.words`: case, accents, width and punctuation aside), and the
  longest run of them that is some entity's name or alias is a mention. A run that names
  several entities (``Taiwan``: the place and its government) is *ambiguous*, and keeps
  them all as its candidates.
* **References.** Once the text has named an entity, it may refer to it by a word its
  kind declares (``referred_as`` in ``graph/domain/domain.yaml``): a pronoun ("her"), or a
  noun after a determiner within three words ("this venture", "the promising talks"). A
  reference is a mention of the nearest entity of that kind named before it (in that
  sentence or the three before), or else of the one entity of that kind whose name or
  description holds the noun; a noun without a determiner refers only so ("a U.S.
  proposal" to the one proposal named a proposal, "ongoing discussions" to the one event
  described as discussions). It is marked ``reference`` (read, not named).
* **Names within names.** A name that holds another ("key U.S. departments") mentions
  that one too, *inside* it: such a mention pairs only with the one holding it, so the
  name's own word for what it belongs to can be a candidate ("part of").
* **Names the graph does not hold.** Runs of capitalised words no mention covers, leaving
  out a sentence's first word alone and the function words that open a phrase.
* **Candidate facts.** Two mentions in one sentence, whose entities' kinds fit a declared
  relationship type's ends, are a candidate of that type, with the sentence as its span.
  Each type declares cue words (``cues`` in ``graph/domain/domain.yaml``); a candidate is
  kept when its sentence holds one of its type's cues, and ranked by how many it holds,
  then by how close its two mentions are.

Example:
    >>> known = [Known("tsmc", "firm", ("TSMC",)), Known("az", "location", ("Arizona",))]
    >>> found = analyse("TSMC plans a $165 billion investment in Arizona.", known)
    >>> [(m.text, m.entities) for m in found.mentions]
    [('TSMC', ('tsmc',)), ('Arizona', ('az',))]
    >>> [(c.type, c.from_id, c.to_id, c.cues) for c in found.candidates][:1]
    [('INVESTS_IN', 'tsmc', 'az', ('invest', 'billion'))]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import product
from typing import TypeVar

from graph.domain import DOMAIN, Domain, names

T = TypeVar("T")
_WORD = re.compile(r"\w+")
#: a sentence ends at . ! or ? (and closing quotes) before a space and a capital or a
#: quote; a line break ends one too (headings, paragraphs)
_END = re.compile(r"""[.!?][\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])|\n+""")
#: the word before a full stop that does not end a sentence (U.S., Mr., Dr., No.)
_ABBREVIATION = re.compile(r"(?:\b\w\.\w|\b(?:Mr|Mrs|Ms|Dr|St|No|Co|Inc|Ltd|Jr|Sr|vs))$")
#: the words before a noun that make it refer back to something named before
_DETERMINERS = frozenset({"this", "that", "these", "those", "the", "such", "its", "their"})
#: how far back (in sentences) a reference looks for what it refers to
REFERENCE_REACH = 3
#: words that open a phrase in capitals without being part of a name
_FUNCTION = _DETERMINERS | {
    "a", "an", "as", "at", "in", "on", "of", "for", "by", "with", "from", "to", "and",
    "or", "but", "while", "despite", "meanwhile", "according", "her", "his", "our",
    "your", "we", "they", "it", "he", "she", "i",
}  # fmt: skip
#: a name longer than this many words is not looked for
MAX_NAME_WORDS = 12
#: the mentions of one sentence paired into candidates (the first so many): a sentence
#: listing hundreds of names would otherwise make their squares
MAX_PAIRED = 24


@dataclass(frozen=True)
class Known:
    """An entity as the analysis knows it: its id, kind, name and aliases (the name
    first), and description."""

    id: str
    kind: str
    names: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class Mention:
    """Where the text names known entities (more than one: ambiguous)."""

    start: int
    end: int
    text: str
    entities: tuple[str, ...]
    reference: bool = False  # read from a pronoun or a noun referring back, not a name
    inside: bool = False  # named within another mention's name (pairs only with it)

    @property
    def ambiguous(self) -> bool:
        return len(self.entities) > 1


@dataclass(frozen=True)
class UnknownName:
    """A run of capitalised words that names no entity the graph holds."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Candidate:
    """A fact the text may state: its type and ends, the sentence (``start``, ``end``), the
    cue words found in it, how far apart its mentions are (in words), and whether an end
    was read from an ambiguous mention."""

    type: str
    from_id: str
    to_id: str
    start: int
    end: int
    cues: tuple[str, ...]
    gap: int
    ambiguous: bool

    @property
    def rank(self) -> tuple[int, int, bool, str, str, str]:
        """Best first: more cues, closer mentions, not ambiguous, then by name."""
        return (-len(self.cues), self.gap, self.ambiguous, self.type, self.from_id, self.to_id)


@dataclass(frozen=True)
class Analysis:
    mentions: list[Mention]
    unknown_names: list[UnknownName]
    candidates: list[Candidate]


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    word: str  # folded


def tokens(text: str) -> list[_Token]:
    """The text's words, folded as names are, with where each is in the text."""
    found = []
    for match in _WORD.finditer(text):
        for word in names.words(match.group()):
            found.append(_Token(match.start(), match.end(), word))
    return found


def sentences(text: str) -> list[tuple[int, int]]:
    """Where each sentence is, as ``(start, end)`` code points, without outer spaces.

    Example:
        >>> text = "Talks in the U.S. went on. Then: none.\\nA Heading"
        >>> [text[a:b] for a, b in sentences(text)]
        ['Talks in the U.S. went on.', 'Then: none.', 'A Heading']
    """
    found, start = [], 0
    for match in _END.finditer(text):
        if match.group().startswith(".") and _ABBREVIATION.search(text[start : match.start()]):
            continue
        found.append((start, match.end()))
        start = match.end()
    found.append((start, len(text)))
    spans = []
    for a, b in found:
        piece = text[a:b]
        a, b = a + len(piece) - len(piece.lstrip()), b - len(piece) + len(piece.rstrip())
        if b > a:
            spans.append((a, b))
    return spans


def _index(known: Iterable[Known]) -> dict[tuple[str, ...], set[str]]:
    index: dict[tuple[str, ...], set[str]] = {}
    for entity in known:
        for name in entity.names:
            key = tuple(names.words(name))
            if 0 < len(key) <= MAX_NAME_WORDS:
                index.setdefault(key, set()).add(entity.id)
    return index


def mentions(text: str, known: Iterable[Known], domain: Domain = DOMAIN) -> list[Mention]:
    """The longest runs of the text's words that name known entities, left to right, and
    the references back to them (see the module's docstring)."""
    entities = list(known)
    named = _named(text, entities)
    found = named + _references(text, named, entities, domain) + _inside(text, named, entities)
    return sorted(found, key=lambda m: (m.start, -m.end))


def _named(text: str, known: list[Known]) -> list[Mention]:
    index = _index(known)
    longest = max((len(k) for k in index), default=0)
    words = tokens(text)
    found, i = [], 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            key = tuple(t.word for t in words[i : i + size])
            if key in index:
                start, end = words[i].start, words[i + size - 1].end
                found.append(Mention(start, end, text[start:end], tuple(sorted(index[key]))))
                i += size
                break
        else:
            i += 1
    return found


def _references(
    text: str, named: list[Mention], known: list[Known], domain: Domain
) -> list[Mention]:
    """Pronouns and determined nouns that refer back to an entity named before."""
    kinds = {e.id: e.kind for e in known}
    pronouns = set(domain.kinds["person"].referred_as) if "person" in domain.kinds else set()
    referred = {w: k.name for k in domain.kinds.values() for w in reversed(k.referred_as)}
    spans = sentences(text)
    all_words = tokens(text)
    starts = [m.start for m in named]
    covered = {t.start for t in all_words if _covers(named, starts, t.start)}
    found = []
    for s, words in enumerate(_by_sentence(spans, all_words, lambda t: t.start)):
        for i, token in enumerate(words):
            kind = referred.get(token.word)
            if kind is None or token.start in covered:
                continue
            determined = any(w.word in _DETERMINERS for w in words[max(0, i - 3) : i])
            target: tuple[str, ...] = ()
            if determined or token.word in pronouns:
                reach = spans[max(0, s - REFERENCE_REACH)][0]
                target = _referent((named, starts), kinds, kind, reach, token.start)
            target = target or _named_so(known, kind, token.word)
            if target:
                words_of = text[token.start : token.end]
                found.append(Mention(token.start, token.end, words_of, target, reference=True))
    return found


def _covers(named: list[Mention], starts: list[int], at: int) -> bool:
    """Whether a name mention (they do not overlap; ``starts`` theirs) covers ``at``."""
    i = bisect_right(starts, at) - 1
    return i >= 0 and named[i].end > at


def _by_sentence(
    spans: list[tuple[int, int]], items: list[T], start_of: Callable[[T], int]
) -> list[list[T]]:
    """``items`` (in text order) grouped by the sentence each starts in."""
    groups: list[list[T]] = [[] for _ in spans]
    starts = [a for a, _ in spans]
    for item in items:
        at = start_of(item)
        i = bisect_right(starts, at) - 1
        if i >= 0 and at < spans[i][1]:
            groups[i].append(item)
    return groups


def _referent(
    mentioned: tuple[list[Mention], list[int]],
    kinds: Mapping[str, str],
    kind: str,
    after: int,
    before: int,
) -> tuple[str, ...]:
    """The entities of ``kind`` the nearest mention between ``after`` and ``before`` names
    (``mentioned``: the name mentions and their starts)."""
    named, starts = mentioned
    i = bisect_right(starts, before) - 1
    while i >= 0 and named[i].start >= after:
        mention = named[i]
        of_kind = tuple(e for e in mention.entities if kinds.get(e) == kind)
        if of_kind and mention.end <= before:
            return of_kind
        i -= 1
    return ()


def _named_so(known: list[Known], kind: str, word: str) -> tuple[str, ...]:
    """The one entity of ``kind`` with ``word`` in its name or description; none when
    several have."""
    found = [
        e.id
        for e in known
        if e.kind == kind and word in {*names.words(e.names[0]), *names.words(e.description)}
    ]
    return tuple(found) if len(found) == 1 else ()


def _inside(text: str, named: list[Mention], known: list[Known]) -> list[Mention]:
    """The names within each name mentioned (not the whole name again)."""
    found = []
    for mention in named:
        if mention.reference:
            continue
        others = [e for e in known if e.id not in mention.entities]
        for inner in _named(mention.text, others):
            if (inner.start, inner.end) == (0, len(mention.text)):
                continue  # another entity of the same name: the mention names it already
            start, end = mention.start + inner.start, mention.start + inner.end
            found.append(Mention(start, end, text[start:end], inner.entities, inside=True))
    return found


def unknown_names(text: str, found: list[Mention]) -> list[UnknownName]:
    """Runs of capitalised words that no mention covers (see the module's docstring)."""
    outer = [m for m in found if not m.inside]  # in text order, apart from each other
    covering = [m.start for m in outer]
    starts = {a for a, _ in sentences(text)}
    runs: list[list[re.Match[str]]] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if _covers(outer, covering, match.start()) or not word[0].isupper():
            runs.append([])
            continue
        if runs and runs[-1] and text[runs[-1][-1].end() : match.start()] in (" ", "-"):
            runs[-1].append(match)
        else:
            runs.append([match])
    names_found = []
    for run in runs:
        while run and run[0].group().lower() in _FUNCTION:
            run = run[1:]
        if not run or (len(run) == 1 and run[0].start() in starts):
            continue
        start, end = run[0].start(), run[-1].end()
        names_found.append(UnknownName(start, end, text[start:end]))
    return names_found


def candidates(
    text: str, found: list[Mention], kinds: Mapping[str, str], domain: Domain = DOMAIN
) -> list[Candidate]:
    """Candidate facts: pairs of mentions in one sentence whose kinds fit a type's ends
    and whose sentence holds one of the type's cue words; best first."""
    best: dict[tuple[str, str, str, int], Candidate] = {}
    spans = sentences(text)
    all_words = tokens(text)
    at = [t.start for t in all_words]
    for (start, end), inside in zip(
        spans, _by_sentence(spans, found, lambda m: m.start), strict=True
    ):
        inside = [m for m in inside if m.end <= end][:MAX_PAIRED]
        words = {t.word for t in all_words[bisect_left(at, start) : bisect_left(at, end)]}
        cued = {
            name: tuple(c for c in rel.cues if any(_cued(w, c) for w in words))
            for name, rel in domain.relationships.items()
        }
        for a, b in product(inside, inside):
            if a is b or not _may_pair(a, b):
                continue
            gap = bisect_left(at, max(a.start, b.start)) - bisect_left(at, min(a.end, b.end))
            for from_id, to_id in product(a.entities, b.entities):
                if from_id == to_id or from_id not in kinds or to_id not in kinds:
                    continue
                for rel in domain.relationships.values():
                    if kinds[from_id] not in rel.sources or kinds[to_id] not in rel.targets:
                        continue
                    cues = cued[rel.name]
                    if not cues:
                        continue
                    found_one = Candidate(
                        rel.name, from_id, to_id, start, end, cues, gap,
                        a.ambiguous or b.ambiguous,
                    )  # fmt: skip
                    key = (rel.name, from_id, to_id, start)
                    if key not in best or found_one.rank < best[key].rank:
                        best[key] = found_one
    return sorted(best.values(), key=lambda c: c.rank)


def _cued(word: str, cue: str) -> bool:
    """A cue of four letters or more matches the words it begins; a shorter one, itself."""
    return word == cue or (len(cue) >= 4 and word.startswith(cue))


def _may_pair(a: Mention, b: Mention) -> bool:
    """Two mentions may be a fact's ends: apart, or one a name within the other's."""
    if a.end <= b.start or b.end <= a.start:
        return not (a.inside or b.inside)
    inner, outer = (a, b) if a.inside else (b, a)
    return (
        inner.inside and not outer.inside and outer.start <= inner.start and inner.end <= outer.end
    )


def analyse(text: str, known: Iterable[Known], domain: Domain = DOMAIN) -> Analysis:
    """Mentions, names the graph does not hold, and candidate facts of ``text``."""
    entities = list(known)
    found = mentions(text, entities, domain)
    kinds = {e.id: e.kind for e in entities}
    return Analysis(found, unknown_names(text, found), candidates(text, found, kinds, domain))
