"""The pure decisions of deep reads a page at a time: the order, the page, the cursor."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.domain import cursors
from graph.domain.cursors import fingerprint
from graph.errors import InvalidInput
from graph.reads.walk_pages import (
    Key,
    decode_cursor,
    encode_cursor,
    hop_level,
    page_after,
    remaining,
)

QUESTION = {"q": "neighbourhood", "entity": "tsmc", "depth": 2, "types": ["A", "B"]}
KEY = b"the service's signing key"

keys = st.builds(Key.of, st.integers(1, 3), st.integers(0, 50), st.from_regex(r"[a-z]{1,4}", fullmatch=True))


def test_nearest_then_best_connected_then_id() -> None:
    order = sorted([Key.of(2, 90, "hub"), Key.of(1, 1, "z"), Key.of(1, 5, "b"), Key.of(1, 5, "a")])
    assert [k.id for k in order] == ["a", "b", "z", "hub"]


@given(st.lists(keys, unique_by=lambda k: k.id), st.integers(1, 5))
def test_pages_after_each_other_cover_the_order_once(found: list[Key], take: int) -> None:
    order = sorted(found)
    seen: list[Key] = []
    after, more = None, True
    while more:
        page, more = page_after(order, after, take)
        assert len(page) <= take and (page or not more)
        assert remaining(order, after) == len(page) + (remaining(order, page[-1]) if page else 0)
        seen += page
        after = page[-1] if page else after
    assert seen == order


@given(keys)
def test_a_cursor_resumes_after_the_key_it_names(key: Key) -> None:
    assert decode_cursor(encode_cursor(QUESTION, key, KEY), QUESTION, depth=3, key=KEY) == key


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "c1.",
        "c1.!!!",
        "w2." + encode_cursor(QUESTION, Key.of(1, 1, "a"), KEY)[3:],
        "o20",
        "c1.bnVsbA",
        # a well-signed cursor of another answer's shape (an offset), not a walk's key
        cursors.encode_cursor(QUESTION, 20, KEY),
    ],
)
def test_garbled_cursors_are_refused_at_the_cursor(cursor: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        decode_cursor(cursor, QUESTION, depth=2, key=KEY)
    assert refused.value.pointer == "cursor"


def _packed(body: list[object]) -> str:
    return "c1." + base64.urlsafe_b64encode(json.dumps(body).encode()).decode().rstrip("=")


@given(keys, keys)
def test_a_forged_cursor_is_refused_however_well_formed(given_key: Key, forged: Key) -> None:
    """A cursor names the question by a fingerprint anyone can compute, and its position in
    plain JSON: what makes it the service's is its signature over both."""
    cursor = encode_cursor(QUESTION, given_key, KEY)
    digest, _, signature = json.loads(base64.urlsafe_b64decode(cursor[3:] + "=="))
    for body in (
        # another position under the signature given for this one
        [digest, list(forged), signature],
        # signed with another key
        json.loads(
            base64.urlsafe_b64decode(encode_cursor(QUESTION, forged, b"another key")[3:] + "==")
        ),
    ):
        if body[1] == list(given_key) and body[2] == signature:
            continue  # not a forgery: the very cursor given
        with pytest.raises(InvalidInput, match="not a cursor this service gave") as refused:
            decode_cursor(_packed(body), QUESTION, depth=3, key=KEY)
        assert refused.value.pointer == "cursor"


def test_a_cursor_of_another_question_or_past_the_depth_is_refused() -> None:
    cursor = encode_cursor(QUESTION, Key.of(2, 3, "x"), KEY)
    with pytest.raises(InvalidInput, match="other parameters"):
        decode_cursor(cursor, {**QUESTION, "depth": 3}, depth=3, key=KEY)
    with pytest.raises(InvalidInput, match="not a cursor"):
        decode_cursor(cursor, QUESTION, depth=1, key=KEY)


def test_the_fingerprint_ignores_the_order_of_lists_and_keys() -> None:
    assert fingerprint(QUESTION) == fingerprint({**QUESTION, "types": ["B", "A"]})
    assert fingerprint(QUESTION) != fingerprint({**QUESTION, "entity": "taiwan"})


def test_a_fact_is_found_one_level_past_the_nearer_end_that_follows_it() -> None:
    fact = {"type": "SUPPLIES", "from_id": "a", "to_id": "b"}
    assert hop_level(fact, {"a": 0, "b": 1}, ["SUPPLIES"], ["SUPPLIES"]) == 1
    assert hop_level(fact, {"a": 0, "b": 1}, [], ["SUPPLIES"]) == 2
    assert hop_level(fact, {"a": 0, "b": 1}, [], []) is None
