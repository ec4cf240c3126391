"""One value per query parameter that takes one: ``?reason=a&reason=b`` is refused (422 at
``query:reason``), not read as its last value, so what a client meant is never guessed and
the OpenAPI document (a string, not an array) tells the truth."""

from __future__ import annotations

import typing
from collections import Counter
from collections.abc import Iterator
from typing import Any

from fastapi import Request
from fastapi.dependencies.models import Dependant
from pydantic import BaseModel

from graph.errors import InvalidInput

_MANY = (list, tuple, set, frozenset)


def _takes_many(annotation: Any) -> bool:
    """Whether a parameter's type is a sequence (``list[str] | None`` is)."""
    origin = typing.get_origin(annotation)
    if origin in _MANY or annotation in _MANY:
        return True
    return any(_takes_many(arg) for arg in typing.get_args(annotation) if arg is not type(None))


def _single(dependant: Dependant) -> Iterator[str]:
    """The names (aliases) of the query parameters a route takes one value of."""
    for field in dependant.query_params:
        model = field.field_info.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            for name, info in model.model_fields.items():
                if not _takes_many(info.annotation):
                    yield info.alias or name
        elif not _takes_many(model):
            yield field.alias
    for sub in dependant.dependencies:
        yield from _single(sub)


async def one_value_each(request: Request) -> None:
    """Refuse a query parameter given more than once where the route takes one value."""
    counts = Counter(name for name, _ in request.query_params.multi_items())
    repeated = {name: n for name, n in counts.items() if n > 1}
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if not repeated or dependant is None:
        return
    single = set(_single(dependant))
    errors = [
        {"pointer": name, "detail": f"given {n} times; it takes one value"}
        for name, n in repeated.items()
        if name in single
    ]
    if errors:
        first = errors[0]["pointer"]
        raise InvalidInput(f"'{first}' is given more than once", errors=errors, pointer=first)
