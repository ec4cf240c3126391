"""Path parameters shared by the routes (the reads' query parameters are their question
models: :mod:`graph.domain.questions`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from graph.domain import SLUG_PATTERN

EntityId = Annotated[
    str,
    Path(
        pattern=SLUG_PATTERN,
        max_length=120,
        examples=["tsmc"],
        description="the entity's id (a slug), or an id merged into it",
    ),
]
