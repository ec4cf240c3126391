"""Evidence spans, pure: a selector anchors at its words in a text or is refused by name;
a quote is the evidence and a position its hint. No database."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError

from graph.domain import Selector, SelectorIn, SpanRefused, TextToQuote, anchor, text_sha256
from graph.domain.spans import CONTEXT

# texts of a few letters, so quotes recur and ambiguity is common; astral and combining
# characters among them, since positions count code points
LETTERS = st.sampled_from(["a", "b", " ", "é", "\U0001f30f", "\n"])
TEXTS = st.lists(LETTERS, min_size=1, max_size=60).map("".join)


def stored(text: str) -> TextToQuote:
    return TextToQuote(text, text_sha256(text))


@st.composite
def text_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(TEXTS)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@given(text_and_span())
def test_a_position_anchors_at_its_words_with_their_context(case: tuple[str, int, int]) -> None:
    text, start, end = case
    span = anchor(SelectorIn(start=start, end=end), stored(text))
    assert (span.start, span.end, span.exact) == (start, end, text[start:end])
    assert text.endswith(span.prefix + span.exact + span.suffix, 0, end + len(span.suffix))
    assert span.prefix == text[max(0, start - CONTEXT) : start]
    assert span.text_sha256 == text_sha256(text)


@given(text_and_span(), st.integers(0, 80))
def test_a_quote_anchors_at_its_occurrence_nearest_the_position(
    case: tuple[str, int, int], hint: int
) -> None:
    text, start, end = case
    quote = text[start:end]
    span = anchor(SelectorIn(exact=quote, start=hint, end=hint + len(quote)), stored(text))
    assert span.exact == quote == text[span.start : span.end]
    occurrences = [i for i in range(len(text)) if text.startswith(quote, i)]
    held = hint + len(quote) <= len(text) and text[hint : hint + len(quote)] == quote
    assert span.start == (hint if held else min(occurrences, key=lambda i: (abs(i - hint), i)))


@given(text_and_span())
def test_a_stored_span_sent_back_anchors_where_it_is(case: tuple[str, int, int]) -> None:
    text, start, end = case
    first = anchor(SelectorIn(start=start, end=end), stored(text))
    again = SelectorIn.model_validate(first.model_dump())  # as a client reads and resends it
    assert anchor(again, stored(text)) == first


@given(text_and_span())
def test_a_quote_alone_anchors_only_when_it_occurs_once_or_its_context_says_where(
    case: tuple[str, int, int],
) -> None:
    text, start, end = case
    quote = text[start:end]
    count = sum(text.startswith(quote, i) for i in range(len(text)))
    if count == 1:
        assert anchor(SelectorIn(exact=quote), stored(text)).start == start
    else:
        with pytest.raises(SpanRefused, match=f"occurs {count} times") as refused:
            anchor(SelectorIn(exact=quote), stored(text))
        assert refused.value.field == "exact"
    # the whole text before and after tells any occurrence apart
    context = {"prefix": text[:start] or None, "suffix": text[end:] or None}
    assume(context["prefix"] or context["suffix"] or count == 1)
    assert anchor(SelectorIn(exact=quote, **context), stored(text)).start == start


@given(TEXTS, st.text(min_size=1, max_size=5))
def test_a_quote_not_in_the_text_is_refused_at_exact(text: str, quote: str) -> None:
    assume(unicodedata.normalize("NFC", quote) not in text)
    with pytest.raises(SpanRefused, match="not in the source's text") as refused:
        anchor(SelectorIn(exact=quote), stored(text))
    assert refused.value.field == "exact"


@given(TEXTS, st.integers(1, 10))
def test_a_position_past_the_end_is_refused_at_end(text: str, past: int) -> None:
    with pytest.raises(SpanRefused, match="past the end") as refused:
        anchor(SelectorIn(start=0, end=len(text) + past), stored(text))
    assert refused.value.field == "end"


def test_positions_in_the_text_a_client_names_must_hold_the_quote() -> None:
    text = stored("The talks began. The talks went on.")
    moved = SelectorIn(exact="talks", start=0, end=5)
    assert anchor(moved, text).start == 4  # a hint: the nearest occurrence
    held = SelectorIn(exact="talks", start=0, end=5, text_sha256=text.sha256)
    with pytest.raises(SpanRefused, match=r"at \[0, 5\) is not the quote") as refused:
        anchor(held, text)
    assert refused.value.field == "exact"


def test_a_prefix_or_suffix_that_is_not_there_is_refused_by_name() -> None:
    text = stored("The talks began.")
    with pytest.raises(SpanRefused) as refused:
        anchor(SelectorIn(start=4, end=9, prefix="A "), text)
    assert refused.value.field == "prefix"
    with pytest.raises(SpanRefused) as refused:
        anchor(SelectorIn(start=4, end=9, suffix=" ended"), text)
    assert refused.value.field == "suffix"
    with pytest.raises(SpanRefused, match="with the prefix and suffix given"):
        anchor(SelectorIn(exact="talks", suffix=" ended"), text)


def test_a_quote_compares_as_nfc_and_keeps_its_spaces() -> None:
    text = stored(unicodedata.normalize("NFC", "Un café à Taipei"))
    span = anchor(SelectorIn(exact="cafe\u0301 ", prefix="Un "), text)
    assert (span.start, span.exact, span.prefix) == (3, "café ", "Un ")


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"start": 5, "end": 5}, "end"),
        ({"start": 6, "end": 5}, "end"),
        ({"start": 5}, "end"),
        ({"end": 5}, "start"),
        ({}, "exact"),
        ({"start": -1, "end": 2}, "start"),
        ({"start": 0, "end": 20_001}, "end"),
        ({"exact": ""}, "exact"),
        ({"start": "1", "end": 2}, "start"),
        ({"exact": "x", "prefix": "p" * 201}, "prefix"),
        ({"exact": "x", "text_sha256": "abc"}, "text_sha256"),
        ({"exact": "x", "quote": "y"}, "quote"),
    ],
)
def test_a_selector_that_is_no_span_is_refused_by_name(given: dict, field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        SelectorIn.model_validate(given)
    error = refused.value.errors()[0]
    assert field in str(error["loc"]) + error["msg"], error


def test_a_stored_selector_is_the_public_shape() -> None:
    span = anchor(SelectorIn(start=0, end=3), stored("abc"))
    assert span == Selector(
        start=0, end=3, exact="abc", prefix="", suffix="", text_sha256=text_sha256("abc")
    )


def test_a_quote_that_grows_past_the_cap_as_nfc_is_refused() -> None:
    # U+0958 is two code points in NFC: 5,000 of them are a quote of 14,999
    with pytest.raises(ValidationError, match="at most 10000 code points as NFC") as refused:
        SelectorIn(exact=" ".join(["\u0958"] * 5000))
    assert refused.value.errors()[0]["loc"] == ("exact",)
    # and one that shrinks under the cap as NFC is taken: the cap counts code points as NFC
    assert len(SelectorIn(exact="e\u0301" * 5001).exact or "") == 5001


def test_a_position_counted_in_another_text_without_its_words_is_refused() -> None:
    text = stored("BREAKING: The minister visited Taipei on Monday.")
    elsewhere = text_sha256("The minister visited Taipei on Monday.")
    with pytest.raises(SpanRefused, match="counts in another text") as refused:
        anchor(SelectorIn(start=21, end=27, text_sha256=elsewhere), text)
    assert refused.value.field == "text_sha256"
    # with its words, it is found again in this one
    moved = SelectorIn(start=21, end=27, exact="Taipei", text_sha256=elsewhere)
    assert anchor(moved, text).start == 31


def test_a_quote_is_looked_for_among_a_bounded_number_of_occurrences() -> None:
    text = stored("a" * 1_000_000)
    with pytest.raises(SpanRefused, match="occurs more than 1000 times") as refused:
        anchor(SelectorIn(exact="a" * 10_000, suffix="a", start=0, end=5), text)  # looked for
    assert refused.value.field == "exact"
    held = anchor(SelectorIn(exact="a" * 10_000, start=7, end=10_007), text)  # holds: taken
    assert (held.start, held.end) == (7, 10_007)


def test_a_position_finds_the_nearest_of_however_many_occurrences() -> None:
    # re-anchoring in a text of a million repeats: one search each way, no cap
    text = stored("xy" * 1_000_000)
    span = anchor(SelectorIn(exact="xy", start=1001, end=1003), text)
    assert (span.start, span.end) == (1000, 1002)
    with pytest.raises(SpanRefused, match="occurs more than 1000 times"):
        anchor(SelectorIn(exact="xy", start=1001, end=1003, prefix="x"), text)  # checked at each
