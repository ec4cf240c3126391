"""Which graph a read sees: the current one, or the graph as it stood at a past moment.

Two time axes: ``as_of`` (valid time, per query) asks which facts *held* at a date;
``known_at`` (transaction time) asks what the graph *held* at a moment: the items recorded
by then and not yet retracted, with the values they had then. ``include_retracted`` adds
the retracted items, marked. The Cypher files take ``$known_at`` and
``$include_retracted``; :data:`NOW` is the current graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Moment:
    """A read's view of the graph in transaction time (see the module docstring)."""

    known_at: str | None = None
    include_retracted: bool = False

    def params(self) -> dict[str, Any]:
        return {"known_at": self.known_at, "include_retracted": self.include_retracted}


NOW = Moment()


def parse_known_at(text: str) -> str:
    """A ``known_at`` value as the service stamps times (UTC, milliseconds, ``Z``): a
    date-time with its offset, or a date, meaning the end of that day (UTC).

    Example:
        >>> parse_known_at("2026-03-01")
        '2026-03-01T23:59:59.999Z'
        >>> parse_known_at("2026-03-01T14:00:00+02:00")
        '2026-03-01T12:00:00.000Z'

    Raises ``ValueError`` naming the expected shapes otherwise.
    """
    text = text.strip()
    try:
        if _DATE.fullmatch(text):
            moment = datetime.fromisoformat(text).replace(
                hour=23, minute=59, second=59, microsecond=999_000, tzinfo=UTC
            )
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                raise ValueError("no offset")
    except ValueError as exc:
        raise ValueError(
            "expected a date (2026-03-01, meaning the end of that day, UTC) or a date-time "
            "with its offset (2026-03-01T12:00:00Z)"
        ) from exc
    stamped = moment.astimezone(UTC).isoformat(timespec="milliseconds")
    return stamped.replace("+00:00", "Z")
