"""The one cursor of every paged answer: where the next page starts, for which question,
signed by the service.

A cursor holds a fingerprint of its question (every parameter but the cursor and the
page's size, the moment read included), a position in that answer (an offset, the last id,
a walk's key: plain JSON) and an HMAC-SHA256 signature over both with the service's key.
So a cursor resumes only the question it was given for, and a cursor the service did not
give is refused, at ``cursor``, with what to do instead.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

from graph.errors import InvalidInput

CURSOR_VERSION = "c1"
#: the longest cursor the service gives: a fact's id (ends, type and a key of up to 300
#: characters, 4 bytes each at most) in base64, with the fingerprint and signature
MAX_CURSOR_LENGTH = 2400
#: what a cursor is made of, for the query parameter's pattern
CURSOR_PATTERN = r"^[A-Za-z0-9_.-]+$"


def fingerprint(question: Mapping[str, Any]) -> str:
    """A short digest of a question's parameters (order of keys and of list items aside).

    Example:
        >>> fingerprint({"a": [2, 1], "b": None}) == fingerprint({"b": None, "a": [1, 2]})
        True
    """
    canonical = {k: sorted(map(str, v)) if isinstance(v, list) else v for k, v in question.items()}
    text = json.dumps(canonical, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _signature(key: bytes, digest: str, position: Any) -> str:
    signed = json.dumps([digest, position], ensure_ascii=False, sort_keys=True).encode()
    return hmac.new(key, signed, hashlib.sha256).hexdigest()[:32]


def encode_cursor(question: Mapping[str, Any], position: Any, key: bytes) -> str:
    """The cursor resuming ``question`` at ``position``, signed with ``key``.

    Example:
        >>> q = {"q": "stances", "proposal": "p", "as_of": None}
        >>> decode_cursor(encode_cursor(q, 40, b"k"), q, key=b"k")
        40
    """
    digest = fingerprint(question)
    body = json.dumps([digest, position, _signature(key, digest, position)], ensure_ascii=False)
    return CURSOR_VERSION + "." + base64.urlsafe_b64encode(body.encode()).decode().rstrip("=")


def refused(why: str) -> InvalidInput:
    """The error of a cursor that cannot be used, at ``cursor``."""
    return InvalidInput(
        f"cursor: {why}; pass the next_cursor of the previous page, with the same other "
        "parameters (only limit may change)",
        pointer="cursor",
    )


def decode_cursor(cursor: str, question: Mapping[str, Any], *, key: bytes) -> Any:
    """The position a cursor resumes at; InvalidInput at ``cursor`` when it is garbled,
    forged (not signed with ``key``), or was given for another question.

    Example:
        >>> decode_cursor("c1.bm9wZQ", {"depth": 1}, key=b"k")
        Traceback (most recent call last):
        ...
        graph.errors.InvalidInput: cursor: not a cursor this service gave; pass the next_cursor of the previous page, with the same other parameters (only limit may change)
    """
    version, _, packed = cursor.partition(".")
    try:
        if version != CURSOR_VERSION or len(cursor) > MAX_CURSOR_LENGTH:
            raise ValueError
        digest, position, signature = json.loads(
            base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
        )
        valid = isinstance(digest, str) and isinstance(signature, str)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        valid = False
    if not valid:
        raise refused("not a cursor this service gave")
    if digest != fingerprint(question):
        raise refused("it was given for other parameters")
    if not hmac.compare_digest(signature, _signature(key, digest, position)):
        raise refused("not a cursor this service gave")
    return position


def decode_offset(cursor: str | None, question: Mapping[str, Any], *, key: bytes, most: int) -> int:
    """The offset a cursor of an ordered answer resumes at (0 without one).

    Example:
        >>> q = {"q": "search", "text": "tsmc"}
        >>> decode_offset(encode_cursor(q, 20, b"k"), q, key=b"k", most=100), decode_offset(None, q, key=b"k", most=100)
        (20, 0)
    """
    if not cursor:
        return 0
    offset = decode_cursor(cursor, question, key=key)
    if type(offset) is not int or not 0 < offset <= most:
        raise refused("not a cursor this service gave")
    return offset


def decode_after(cursor: str | None, question: Mapping[str, Any], *, key: bytes) -> str:
    """The id a cursor of an answer in id order resumes after ("" without one)."""
    if not cursor:
        return ""
    after = decode_cursor(cursor, question, key=key)
    if not isinstance(after, str) or not after:
        raise refused("not a cursor this service gave")
    return after


def after_last(question: Mapping[str, Any], ids: list[str], limit: int, key: bytes) -> str | None:
    """The cursor of the page after a full page of an answer in id order (None after a
    page that was not full: the last).

    Example:
        >>> after_last({"q": "sources"}, ["a", "b"], 3, b"k") is None
        True
    """
    return encode_cursor(question, ids[-1], key) if ids and len(ids) == limit else None
