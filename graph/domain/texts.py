"""A source's text as the service keeps it: UTF-8 read strictly, normalised to NFC, within
a size cap, free of the control characters that mark binary data, and known by its SHA-256.

Positions into a text (evidence spans) count Unicode code points of the NFC text, as the
W3C Web Annotation model's ``TextPositionSelector`` does, so they mean the same in any
language a client reads them with.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from graph.errors import InvalidInput

#: the most a source's text may hold, in UTF-8 bytes after normalisation (a long report
#: fits; a book does not)
MAX_TEXT_BYTES = 2 * 2**20

#: characters no text document holds: C0 controls but tab, line feed and carriage return,
#: DEL, the C1 controls, and the noncharacters U+FFFE and U+FFFF. A body with one is
#: binary data or a wrong encoding. (U+FEFF inside a text is a zero-width no-break space
#: older documents hold; a leading one, a byte-order mark, is dropped as UTF-8 is read.)
#: (A character class in escapes Python and ECMAScript both read, for the API's schema.)
NOT_TEXT = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff"
_CONTROL = re.compile(f"[{NOT_TEXT}]")
#: a text as a JSON Schema pattern can say it: none of those characters, and one that
#: shows (not blank, not U+FEFF); the size cap and runs of marks no pattern can say
TEXT_PATTERN = f"^[^{NOT_TEXT}]*[^\\s\\ufeff{NOT_TEXT}][^{NOT_TEXT}]*$"


#: the most non-starters (combining marks) one after another: Unicode's stream-safe limit
#: (UAX #15). Normalising reorders each run of them, at a cost that grows with the square
#: of its length, so a body of nothing but marks could hold a worker for minutes.
MAX_NON_STARTERS = 30


@functools.cache
def _long_run_of_marks() -> re.Pattern[str]:
    """Matches a run of more than MAX_NON_STARTERS non-starters: characters whose
    canonical decomposition starts with a combining mark (all below U+20000)."""
    marks = [
        chr(c)
        for c in range(0x20000)
        if not 0xD800 <= c <= 0xDFFF
        and unicodedata.combining(unicodedata.normalize("NFD", chr(c))[0])
    ]
    return re.compile(f"[{re.escape(''.join(marks))}]{{{MAX_NON_STARTERS + 1},}}")


@dataclass(frozen=True)
class PreparedText:
    """A text ready to store: NFC, within the cap, with its hash and length."""

    text: str
    sha256: str
    length: int  # code points


def text_sha256(text: str) -> str:
    """The SHA-256 of a text's UTF-8 bytes, in hex: how a text is known and matched.

    Example:
        >>> text_sha256("abc")[:16]
        'ba7816bf8f01cfea'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode_text(body: bytes) -> str:
    """A request body read as UTF-8, strictly; byte-order marks at its start are dropped.

    Example:
        >>> decode_text(b"\\xef\\xbb\\xbfTaiwan")
        'Taiwan'
        >>> decode_text(b"Tai\\xffwan")
        Traceback (most recent call last):
        ...
        graph.errors.InvalidInput: not valid UTF-8: byte 3 (0xff) cannot be decoded
    """
    try:
        # every leading U+FEFF: a text served back starts with none, so it reads back the same
        return body.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"not valid UTF-8: byte {exc.start} (0x{body[exc.start]:02x}) cannot be decoded",
            pointer="",
        ) from None


def prepare_text(text: str, *, max_bytes: int = MAX_TEXT_BYTES) -> PreparedText:
    """``text`` as the service keeps it, or InvalidInput naming what is wrong with it.

    Example:
        >>> prepared = prepare_text("Cafe\\u0301 talks")  # e and a combining accent
        >>> prepared.text, prepared.length
        ('Café talks', 10)
        >>> prepare_text("  ")
        Traceback (most recent call last):
        ...
        graph.errors.InvalidInput: the text is empty: send the source's words
    """
    if not text.replace("\ufeff", "").strip():  # a byte-order mark shows nothing either
        raise InvalidInput("the text is empty: send the source's words", pointer="")
    control = _CONTROL.search(text)
    if control:
        raise InvalidInput(
            f"character {control.start()} is the control character "
            f"U+{ord(control.group()):04X}: a text holds none but tab and line breaks, and "
            "no U+FFFE or U+FFFF (binary data, or another encoding than UTF-8?)",
            pointer="",
        )
    _check_size(text, max_bytes)  # before normalising, which costs by the character
    marks = _long_run_of_marks().search(text)
    if marks:
        raise InvalidInput(
            f"character {marks.start()} begins {len(marks.group())} combining marks in a "
            f"row; a text holds at most {MAX_NON_STARTERS} (Unicode's stream-safe limit)",
            pointer="",
        )
    normal = unicodedata.normalize("NFC", text)
    _check_size(normal, max_bytes)
    return PreparedText(text=normal, sha256=text_sha256(normal), length=len(normal))


def _check_size(text: str, max_bytes: int) -> None:
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise InvalidInput(
            f"the text is {size} bytes of UTF-8; at most {max_bytes} are kept", pointer=""
        )
