"""A source's text as kept: generated texts, in milliseconds, without Neo4j."""

from __future__ import annotations

import hashlib
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.domain import decode_text, prepare_text
from graph.domain.texts import MAX_NON_STARTERS, MAX_TEXT_BYTES
from graph.errors import InvalidInput

#: characters a text may hold: any but surrogates and the controls that mark binary data
ALLOWED = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF)],
)  # fmt: skip
TEXTS = st.text(ALLOWED, min_size=1).filter(lambda t: t.replace("\ufeff", "").strip())


@given(TEXTS)
def test_a_kept_text_is_nfc_hashed_and_kept_again_unchanged(text: str) -> None:
    kept = prepare_text(text)
    assert kept.text == unicodedata.normalize("NFC", text)
    assert kept.sha256 == hashlib.sha256(kept.text.encode()).hexdigest()
    assert kept.length == len(kept.text)
    assert prepare_text(kept.text) == kept  # once is enough
    assert prepare_text(unicodedata.normalize("NFD", text)).sha256 == kept.sha256


@given(TEXTS)
def test_utf8_reads_back_what_was_sent_less_byte_order_marks_at_its_start(text: str) -> None:
    assert decode_text(text.encode()) == text.lstrip("\ufeff")
    assert decode_text(b"\xef\xbb\xbf" * 2 + text.encode()) == text.lstrip("\ufeff")


@given(st.binary(min_size=1))
def test_bytes_that_are_not_utf8_are_refused_naming_the_first_bad_byte(body: bytes) -> None:
    try:
        expected = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        with pytest.raises(InvalidInput, match=f"byte {exc.start} "):
            decode_text(body)
    else:
        assert decode_text(body) == expected.lstrip("\ufeff")


@given(
    TEXTS, st.sampled_from([0, 3, 7, 8, 0x0B, 0x1B, 0x7F, 0x85, 0x9F, 0xFFFE, 0xFFFF]), st.data()
)
def test_a_control_character_anywhere_is_refused_naming_where(
    text: str, control: int, data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, len(text)))
    with pytest.raises(InvalidInput, match=f"character {at} is the control character"):
        prepare_text(text[:at] + chr(control) + text[at:])


def test_line_breaks_and_tabs_are_text_and_the_cap_counts_utf8_bytes() -> None:
    assert prepare_text("a\tb\r\nc\n").text == "a\tb\r\nc\n"
    three_bytes = "\u20ac"  # the euro sign is three bytes of UTF-8
    fits = three_bytes * (MAX_TEXT_BYTES // 3)
    assert prepare_text(fits).length == MAX_TEXT_BYTES // 3
    with pytest.raises(InvalidInput, match=f"at most {MAX_TEXT_BYTES}"):
        prepare_text(fits + three_bytes)


@given(st.integers(0, 40), st.sampled_from(["\u0301", "\u0316", "\u0344", "\U0001e94a"]))
def test_runs_of_combining_marks_are_bounded_as_unicode_streams_are(n: int, mark: str) -> None:
    """Normalising a run of marks costs its length squared: more than 30 in a row are
    refused, naming where the run begins, before anything is normalised."""
    text = "x " + "a" + mark * n
    if n <= MAX_NON_STARTERS:
        assert prepare_text(text).text.startswith("x ")
    else:
        with pytest.raises(InvalidInput, match=f"character 3 begins {n} combining marks"):
            prepare_text(text)
