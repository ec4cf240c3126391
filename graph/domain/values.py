"""The value types every model is built from: slugs, dates of known precision, and texts
that hold no control characters. Each states in its JSON schema (and so in the OpenAPI
document) the same rule its validator enforces; tests/domain/test_model_rules.py holds the two to
each other with generated cases.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, GetJsonSchemaHandler, StringConstraints
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A date of known precision (YYYY, YYYY-MM, YYYY-MM-DD) that is on the calendar, as one
# pattern: the OpenAPI document carries it, so what it admits the service accepts.
_YEAR = r"(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})"
_MONTH = r"(?:0[1-9]|1[0-2])"
_MONTH_DAY = (
    r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
    r"|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
)
_LEAP_DAY = (
    r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29"
)
PARTIAL_DATE_PATTERN = rf"^(?:{_YEAR}(?:-{_MONTH})?|{_YEAR}-{_MONTH_DAY}|{_LEAP_DAY})$"
#: A whole calendar date, YYYY-MM-DD.
DATE_PATTERN = rf"^(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_DAY})$"
#: A moment in transaction time: a calendar date, or a date-time with its offset.
KNOWN_AT_PATTERN = (
    rf"^(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_DAY})"
    r"(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?"
    r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9]))?$"
)
_PARTIAL_DATE = re.compile(PARTIAL_DATE_PATTERN)


def check_partial_date(value: str) -> str:
    """A date of known precision: ``2025``, ``2025-03`` or ``2025-03-14``, on the calendar.

    Example:
        >>> check_partial_date("2025-03")
        '2025-03'
        >>> check_partial_date("2025-02-29")
        Traceback (most recent call last):
        ...
        ValueError: not a calendar date as YYYY, YYYY-MM or YYYY-MM-DD
    """
    if not _PARTIAL_DATE.match(value):
        raise ValueError("not a calendar date as YYYY, YYYY-MM or YYYY-MM-DD")
    return value


#: Characters no stored text may hold: C0 and C1 controls, surrogates, the two
#: noncharacters XML 1.0 forbids, and the byte-order mark U+FEFF (JSON Schema's regex
#: counts it as whitespace, Python's does not: refused, the two cannot disagree on it). They stop at the write, so every export (JSON, GraphML,
#: Cypher) can carry every stored string as it is. Long texts may hold tabs and line breaks.
_NOT_IN_TEXT = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufeff\ufffe\uffff"
_NOT_IN_SHORT_TEXT = r"\t\n\r" + _NOT_IN_TEXT
_FORBIDDEN_IN_LONG_TEXT = re.compile(f"[{_NOT_IN_TEXT}]")
_FORBIDDEN_IN_SHORT_TEXT = re.compile(f"[{_NOT_IN_SHORT_TEXT}]")
# The same rules as the OpenAPI document states them; required texts need one visible
# character (surrounding whitespace is stripped). Lone surrogates are left out there:
# JSON Schema validators cannot name them, and a JSON text cannot carry one as UTF-8.
_DOC_NOT_IN_TEXT = _NOT_IN_TEXT.replace(r"\ud800-\udfff", "")
_DOC_NOT_IN_SHORT_TEXT = r"\t\n\r" + _DOC_NOT_IN_TEXT
LONG_TEXT_PATTERN = f"^[^{_DOC_NOT_IN_TEXT}]*$"
REQUIRED_LONG_TEXT_PATTERN = (
    f"^[^{_DOC_NOT_IN_TEXT}]*[^{_DOC_NOT_IN_TEXT}\\s][^{_DOC_NOT_IN_TEXT}]*$"
)
SHORT_TEXT_PATTERN = (
    f"^[^{_DOC_NOT_IN_SHORT_TEXT}]*[^{_DOC_NOT_IN_SHORT_TEXT}\\s][^{_DOC_NOT_IN_SHORT_TEXT}]*$"
)


@dataclass(frozen=True)
class Documented:
    """Puts a ``pattern`` in a type's JSON schema that its validators enforce in Python."""

    pattern: str

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema["pattern"] = self.pattern
        return schema


def _printable(pattern: re.Pattern[str]) -> BeforeValidator:
    # before stripping: a control character at either end is refused, not trimmed away
    def check(value: Any) -> Any:
        found = pattern.search(value) if isinstance(value, str) else None
        if found:
            raise ValueError(
                f"contains the control or non-character U+{ord(found.group()):04X} "
                f"at position {found.start()}; text may not hold control characters"
            )
        return value

    return BeforeValidator(check)


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=120)]
PartialDate = Annotated[
    str,
    StringConstraints(max_length=10),
    AfterValidator(check_partial_date),
    Documented(PARTIAL_DATE_PATTERN),
]
ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    _printable(_FORBIDDEN_IN_SHORT_TEXT),
    Documented(SHORT_TEXT_PATTERN),
]
#: Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): characters a
#: renderer shows as nothing, some of them letters by category (Hangul fillers), and the
#: blank Braille pattern, a symbol that draws no dot.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def visible(c: str) -> bool:
    """Whether a character shows: a letter, digit, punctuation mark or symbol, or one a
    font may draw that this Python cannot classify (private use, or assigned after its
    Unicode version, as new emoji are), unless one of the :data:`INVISIBLE` ones.

    Example:
        >>> visible("a"), visible("\u200b"), visible("\u3164"), visible("\u0301")
        (True, False, False, False)
        >>> visible("\U0010fffd")  # private use
        True
    """
    category = unicodedata.category(c)
    return (category[0] in "LNPS" or category in ("Co", "Cn")) and not INVISIBLE.match(c)


def _visible(value: str) -> str:
    """A name must show something: at least one visible character (not only spaces,
    format characters such as zero-width spaces and bidi controls, fillers, or marks with
    nothing to sit on)."""
    if not any(visible(c) for c in value):
        codes = " ".join(f"U+{ord(c):04X}" for c in value[:8])
        raise ValueError(
            f"has no visible character ({codes}{' …' if len(value) > 8 else ''}); a name "
            "needs at least one letter, digit, punctuation mark or symbol"
        )
    return value


#: An entity's name or alias: a short text a person can see and tell apart.
NameText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    _printable(_FORBIDDEN_IN_SHORT_TEXT),
    AfterValidator(_visible),
    Documented(SHORT_TEXT_PATTERN),
]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=2000),
    _printable(_FORBIDDEN_IN_LONG_TEXT),
    Documented(LONG_TEXT_PATTERN),
]
Url = Annotated[
    str,
    StringConstraints(pattern=r"^https?://\S+$", max_length=2000),
    _printable(_FORBIDDEN_IN_SHORT_TEXT),
    Documented(f"^https?://[^\\s{_DOC_NOT_IN_SHORT_TEXT}]+$"),
]
EvidenceText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    _printable(_FORBIDDEN_IN_LONG_TEXT),
    Documented(REQUIRED_LONG_TEXT_PATTERN),
]


#: a SHA-256 in lower-case hex: how a source's text is named (graph/domain/texts.py)
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
