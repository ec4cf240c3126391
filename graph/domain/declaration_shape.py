"""The shape of ``graph/domain/domain.yaml``: what each section may hold and of which type.

:func:`graph.domain.declaration.parse` checks a declaration against this first, so a typo (an unknown
key, a list where a name belongs, a number where text belongs) is refused with its place
named, before the declaration's meaning is checked.

Example:
    >>> Declaration.model_validate({"kinds": {"firm": {"label": "Firm", "colour": 1}}})
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Declaration
    kinds.firm.colour
    ...
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FieldType = Literal["text", "long_text", "date", "enum", "amount", "currency"]
#: Node shapes the explorer page (Cytoscape.js) can draw.
Shape = Literal[
    "ellipse", "triangle", "round-triangle", "rectangle", "round-rectangle",
    "bottom-round-rectangle", "cut-rectangle", "barrel", "rhomboid", "right-rhomboid",
    "diamond", "round-diamond", "pentagon", "round-pentagon", "hexagon", "round-hexagon",
    "concave-hexagon", "heptagon", "round-heptagon", "octagon", "round-octagon", "star",
    "tag", "round-tag", "vee",
]  # fmt: skip
Direction = Literal["along", "against"]
Ends = list[str] | Literal["any"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class FieldDecl(_Section):
    type: FieldType
    values: list[str] = []
    required: bool = False
    description: str | None = None
    requires: str | None = None
    missing: str | None = None


class GroupDecl(_Section):
    label: str | None = None
    description: str | None = None


class KindDecl(_Section):
    label: str
    groups: list[str] = []
    description: str = ""
    colour: str
    shape: Shape = "ellipse"
    exposed: bool = False
    timeline_date: str | None = None
    fields: dict[str, FieldDecl] = {}
    referred_as: list[str] = []


class AnalysesDecl(_Section):
    stance: bool = False
    supply_chain: Direction | None = None
    exposure: Direction | None = None


class RelationshipDecl(_Section):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)

    from_: Ends = Field(alias="from")
    to: Ends
    key: str | None = None
    key_required: bool = False
    qualifiers: list[str] = []
    label: str | None = None
    reverse: str = ""
    sentence: str
    analyses: AnalysesDecl = AnalysesDecl()
    cues: list[str] = []


class Declaration(_Section):
    groups: dict[str, GroupDecl] = {}
    kinds: dict[str, KindDecl] = Field(min_length=1)
    qualifiers: dict[str, FieldDecl] = {}
    relationships: dict[str, RelationshipDecl] = {}
