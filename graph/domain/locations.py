"""Where a pydantic error is, as a JSON pointer into the document the client sent."""

from __future__ import annotations

import re

from graph.domain.declaration import DOMAIN

#: the tags that choose an entity's or a fact's model (its kind, its type)
_TAGS = frozenset(DOMAIN.kinds) | frozenset(DOMAIN.relationships)


def error_location(loc: tuple[int | str, ...], message: str) -> tuple[str, str]:
    """A pydantic error as (JSON pointer, message); a model check's ``field: why`` names its field.

    Example:
        >>> error_location(("relationships", 0), "Value error, currency: needs a currency")
        ('/relationships/0/currency', 'needs a currency')
    """
    message = message.removeprefix("Value error, ")
    # an entity's kind and a fact's type select its model; pydantic names that choice in
    # the location, but the client's document has no such level
    loc = tuple(p for p in loc if not (isinstance(p, str) and p in _TAGS))
    field, sep, rest = message.partition(": ")
    if sep and re.fullmatch(r"[a-z_]+", field):
        loc, message = (*loc, field), rest
    # "" points at the whole document (RFC 6901); "/" would name a member called ""
    return "".join(f"/{p}" for p in loc), message
