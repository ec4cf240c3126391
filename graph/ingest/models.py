"""What the review of a text answers and takes: candidates, analyses, decisions."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

from graph.domain import DOMAIN, PartialDate, value_type

Status = Literal["open", "accepted", "rejected"]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class Sentence(BaseModel):
    """Where in the source's text a candidate rests: code points of its NFC text."""

    start: int
    end: int
    exact: str | None = Field(
        default=None,
        description="the sentence's words (null when the text was replaced since it was found)",
    )


class CandidatePublic(BaseModel):
    """A fact the analysis of a source's text found it may state, and what a reviewer
    decided of it (one per source, type and ends)."""

    id: str
    source_id: str
    type: str
    from_id: str
    to_id: str
    from_name: str | None = Field(default=None, description="null when the end is gone")
    to_name: str | None = None
    sentence: Sentence
    cues: list[str] = Field(description="the type's cue words the sentence holds")
    gap: int = Field(description="words between the two mentions")
    ambiguous: bool = Field(description="an end was read from a name several entities share")
    text_sha256: str = Field(description="the text it was found in")
    status: Status
    found_at: str
    decided_at: str | None = None
    decided_by: str | None = None
    reason: str | None = None
    fact_id: str | None = Field(default=None, description="the fact an acceptance wrote")


class CandidateCounts(BaseModel):
    found: int = Field(description="candidates this analysis found")
    new: int = Field(description="of them, new to the source (open)")
    dropped: int = Field(description="open candidates no longer found, removed")
    open: int
    accepted: int
    rejected: int = Field(description="rejected once: never brought back")


class AnalysisSummary(BaseModel):
    source_id: str
    text_sha256: str
    known_entities: int = Field(description="the entities the text was read against")
    mentions: int
    ambiguous: int
    references: int
    unknown_names: int
    candidates: CandidateCounts


class MentionPublic(BaseModel):
    start: int
    end: int
    text: str
    entities: list[str]
    ambiguous: bool
    reference: bool = Field(description="read from a pronoun or a noun referring back")
    inside: bool = Field(description="a name within another mention's name")


class NamePublic(BaseModel):
    start: int
    end: int
    text: str


class TextAnalysis(BaseModel):
    """Where the source's stored text names the graph's entities, and the names it uses
    that the graph does not hold (read now, not stored)."""

    source_id: str
    text_sha256: str
    mentions: list[MentionPublic]
    unknown_names: list[NamePublic]


class _Qualifiers(BaseModel):
    model_config = ConfigDict(extra="forbid")


#: the qualifiers a reviewer may give an accepted fact: every declared one, typed as
#: declared (which of them the fact's type takes is the write path's to check)
_DECLARED: dict[str, Any] = {
    name: (value_type(spec) | None, Field(default=None, description=spec.description))
    for name, spec in DOMAIN.qualifiers.items()
}
Qualifiers = create_model("Qualifiers", __base__=_Qualifiers, **_DECLARED)


class Acceptance(BaseModel):
    """How a reviewer accepts a candidate: as found, or with its type, qualifiers, basis
    and evidence edited."""

    model_config = ConfigDict(extra="forbid")

    type: str | None = Field(default=None, description="another type (its ends must fit)")
    qualifiers: Qualifiers = Field(default_factory=Qualifiers, description="the fact's qualifiers")
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    basis: Literal["stated", "inferred"] = "stated"
    reason: str | None = Field(default=None, description="why it is inferred (basis inferred)")
    evidence: str | None = Field(
        default=None, description="the reviewer's summary; by default, where it was found"
    )
    confidence: float = Field(default=0.7, ge=0, le=1)


class Rejection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason = Field(description="why it is not a fact: remembered with it")
