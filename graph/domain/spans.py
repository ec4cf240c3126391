"""Evidence as spans: where in its source's text an attestation's words are.

A selector says it in the W3C Web Annotation model's two ways at once: a position
(``TextPositionSelector``: ``start`` inclusive, ``end`` exclusive, in code points of the
NFC text, see :mod:`graph.domain.texts`) and a quote (``TextQuoteSelector``: the
``exact`` words, with the ``prefix`` and ``suffix`` around them). A client gives either
or both; :func:`anchor` checks what it gives against the stored text and answers the
:class:`Selector` that is stored: both ways, with the hash of the text it points into.

The quote is the evidence, the position a hint: positions that no longer hold the quote
(a text edited since they were counted) are re-anchored to the occurrence of the quote
nearest to them. Only a client that names the stored text (``text_sha256``) holds its
positions to it exactly. Everything here is pure: ``tests/domain/test_spans.py``.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any, NamedTuple

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from graph.domain.values import Sha256

#: the most code points one span covers (a long paragraph; evidence is not a chapter)
MAX_SPAN = 10_000
#: the most a client's prefix or suffix holds, and how much of each a stored span keeps
MAX_CONTEXT = 200
CONTEXT = 32
#: the most occurrences of a quote a span is looked for among, when a prefix or suffix
#: must be checked at each (a long quote in a long text of repeats costs their product)
MAX_OCCURRENCES = 1_000
#: how much longer than the caps a quote or its context may be as sent (before NFC,
#: which can shorten it): the caps count code points as NFC
AS_SENT = 4


def _whole(value: Any) -> Any:
    """JSON's 12.0 is the integer 12 (as JSON Schema reads it); 12.5 and "12" are not."""
    if type(value) is float and value.is_integer():
        return int(value)
    return value


#: a position: a whole number, given as JSON writes one
Start = Annotated[int, Field(ge=0, strict=True), BeforeValidator(_whole)]
End = Annotated[int, Field(ge=1, strict=True), BeforeValidator(_whole)]


class TextToQuote(NamedTuple):
    """A stored text, as spans are checked against it."""

    text: str
    sha256: str


class SpanRefused(ValueError):
    """A selector that does not point at its words in the text: ``field`` names the
    selector's field at fault."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(detail)
        self.field = field
        self.detail = detail


class SelectorIn(BaseModel):
    """Where an attestation's words are in its source's stored text: a position, a quote,
    or both (the W3C Web Annotation model's ``TextPositionSelector`` and
    ``TextQuoteSelector``). Positions count Unicode code points of the NFC text.

    Example:
        >>> SelectorIn(start=4, end=9).end
        9
        >>> SelectorIn(exact="talks", prefix="the ").prefix  # kept as given, spaces too
        'the '
    """

    # a quote's spaces are part of it: not stripped, unlike other text fields
    model_config = ConfigDict(extra="forbid")

    start: Start | None = Field(default=None, description="where the span starts (inclusive)")
    end: End | None = Field(default=None, description="where the span ends (exclusive)")
    exact: str | None = Field(
        default=None,
        min_length=1,
        max_length=AS_SENT * MAX_SPAN,
        description="the words quoted (at most 10000 code points as NFC); when given, they are the evidence and the position "
        "a hint (the quote's nearest occurrence is taken when the position does not hold it)",
    )
    prefix: str | None = Field(
        default=None,
        max_length=AS_SENT * MAX_CONTEXT,
        description="the words just before the quote, to tell its occurrences apart",
    )
    suffix: str | None = Field(
        default=None,
        max_length=AS_SENT * MAX_CONTEXT,
        description="the words just after the quote, to tell its occurrences apart",
    )
    text_sha256: Sha256 | None = Field(
        default=None,
        description="the text the position counts in; when it is the stored text's, the "
        "position must hold the quote exactly (no re-anchoring)",
    )

    @field_validator("exact", "prefix", "suffix", mode="after")
    @classmethod
    def _nfc(cls, value: str | None, info: ValidationInfo) -> str | None:
        # the stored text is NFC: a quote compares as NFC too (which may lengthen it)
        if value is None:
            return None
        value = unicodedata.normalize("NFC", value)
        most = MAX_SPAN if info.field_name == "exact" else MAX_CONTEXT
        if len(value) > most:
            raise ValueError(f"at most {most} code points as NFC")
        return value

    @model_validator(mode="after")
    def _a_span(self) -> SelectorIn:
        if (self.start is None) != (self.end is None):
            given, missing = ("start", "end") if self.end is None else ("end", "start")
            raise ValueError(f"{missing}: a position needs start and end ({given} given)")
        if self.start is not None and self.end is not None:
            if self.start >= self.end:
                raise ValueError(f"end: a span ends after it starts ({self.start} to {self.end})")
            if self.end - self.start > MAX_SPAN:
                raise ValueError(f"end: a span covers at most {MAX_SPAN} code points")
        elif self.exact is None:
            raise ValueError("exact: give the words quoted, or a position (start and end)")
        return self


class Selector(BaseModel):
    """A span as stored: its position and quote in the text whose hash it names, with up
    to 32 code points of the text around it (to re-anchor it when the text changes)."""

    start: int = Field(description="where the span starts (inclusive), in code points")
    end: int = Field(description="where the span ends (exclusive), in code points")
    exact: str = Field(description="the words of the source the span covers")
    prefix: str = Field(description="the text just before the span (up to 32 code points)")
    suffix: str = Field(description="the text just after the span (up to 32 code points)")
    text_sha256: str = Field(description="the SHA-256 of the text the span points into")


def anchor(selector: SelectorIn, stored: TextToQuote) -> Selector:
    """The span ``selector`` points at in ``stored``, or :class:`SpanRefused` naming why not.

    Example:
        >>> text = TextToQuote("Talks began. The talks went on.", "0" * 64)
        >>> anchor(SelectorIn(start=17, end=22), text).exact
        'talks'
        >>> anchor(SelectorIn(exact="talks", start=1, end=6), text).start  # drifted: moved
        17
        >>> anchor(SelectorIn(exact="Talks"), text).suffix
        ' began. The talks went on.'
        >>> anchor(SelectorIn(exact="treaty"), text)
        Traceback (most recent call last):
        graph.domain.spans.SpanRefused: the quote is not in the source's text
    """
    text, length = stored.text, len(stored.text)
    exact = selector.exact
    if exact is None and selector.text_sha256 not in (None, stored.sha256):
        # counted in another text, with no words to find them again by in this one
        raise SpanRefused(
            "text_sha256",
            "the position counts in another text than the one stored "
            f"({stored.sha256}); give the quote (exact) to anchor it in this one",
        )
    if selector.start is not None and selector.end is not None:
        start, end = selector.start, selector.end
        held = end <= length and (exact is None or text[start:end] == exact)
        if held and _context_holds(selector, text, start, end):
            return _stored(stored, start, end)
        if exact is None or selector.text_sha256 == stored.sha256:
            raise _not_held(selector, text, start, end)
    assert exact is not None  # a selector without a position has a quote (SelectorIn)
    if selector.start is not None and not (selector.prefix or selector.suffix):
        start = _nearest(text, exact, selector.start)  # however often it occurs
        return _stored(stored, start, start + len(exact))
    found = _occurrences(selector, text, exact)
    if not found:
        around = " with the prefix and suffix given" if selector.prefix or selector.suffix else ""
        raise SpanRefused("exact", f"the quote is not in the source's text{around}")
    if selector.start is None and len(found) > 1:
        raise SpanRefused(
            "exact",
            f"the quote occurs {len(found)} times in the source's text; give its start "
            "(a position) or a prefix or suffix that tells the occurrences apart",
        )
    hint = selector.start or 0
    start = min(found, key=lambda i: (abs(i - hint), i))
    return _stored(stored, start, start + len(exact))


def _nearest(text: str, exact: str, hint: int) -> int:
    """The occurrence of ``exact`` nearest ``hint`` (the earlier of two as near), found by
    one search each way."""
    after = text.find(exact, hint)
    before = text.rfind(exact, 0, min(hint, len(text)) + len(exact) - 1)
    found = [i for i in (before, after) if i >= 0]
    if not found:
        raise SpanRefused("exact", "the quote is not in the source's text")
    return min(found, key=lambda i: (abs(i - hint), i))


def _not_held(selector: SelectorIn, text: str, start: int, end: int) -> SpanRefused:
    if end > len(text):
        return SpanRefused("end", f"{end} is past the end of the text ({len(text)} code points)")
    if selector.exact is not None and text[start:end] != selector.exact:
        return SpanRefused("exact", f"the text at [{start}, {end}) is not the quote given")
    field = "prefix" if not _prefix_holds(selector, text, start) else "suffix"
    return SpanRefused(field, f"the text around [{start}, {end}) is not the {field} given")


def _occurrences(selector: SelectorIn, text: str, exact: str) -> list[int]:
    """Where ``exact`` starts in ``text`` with the context the selector gives, overlapping
    occurrences too; refused past :data:`MAX_OCCURRENCES`, which bounds the cost of a
    long quote in a long text of repeats."""
    found, seen, i = [], 0, text.find(exact)
    while i >= 0:
        seen += 1
        if seen > MAX_OCCURRENCES:
            raise SpanRefused(
                "exact",
                f"the quote occurs more than {MAX_OCCURRENCES} times in the source's text; "
                "quote more words",
            )
        if _context_holds(selector, text, i, i + len(exact)):
            found.append(i)
        i = text.find(exact, i + 1)
    return found


def _prefix_holds(selector: SelectorIn, text: str, start: int) -> bool:
    prefix = selector.prefix
    return prefix is None or (start >= len(prefix) and text[start - len(prefix) : start] == prefix)


def _context_holds(selector: SelectorIn, text: str, start: int, end: int) -> bool:
    suffix = selector.suffix
    return _prefix_holds(selector, text, start) and (
        suffix is None or text[end : end + len(suffix)] == suffix
    )


def _stored(stored: TextToQuote, start: int, end: int) -> Selector:
    text = stored.text
    return Selector(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        text_sha256=stored.sha256,
    )


def span_place(
    selector: SelectorIn | Selector | None,
) -> tuple[int | None, int | None, str | None] | None:
    """Where a span is (start, end, words), written or stored: what tells two apart.

    Example:
        >>> span_place(SelectorIn(start=1, end=3, exact="ab"))
        (1, 3, 'ab')
    """
    return None if selector is None else (selector.start, selector.end, selector.exact)
