"""Which graph a read sees: the current one, or the graph as it stood at a past moment.

Two time axes: ``as_of`` (valid time, per query) asks which facts *held* at a date;
``known_at`` (transaction time) asks what the graph *held* at a moment: the items recorded
by then and not yet retracted, with the values they had then. ``include_retracted`` adds
the retracted items, marked. The Cypher files take ``$known_at`` and
``$include_retracted``; :data:`NOW` is the current graph. Their predicates are written
once, in ``cypher/moment/`` (:mod:`graph.store.fragments`); this module is their Python side.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graph.domain import KNOWN_AT_PATTERN

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
    if not re.fullmatch(KNOWN_AT_PATTERN, text):
        raise ValueError(
            "expected a date (2026-03-01, meaning the end of that day, UTC) or a date-time "
            "with its offset (2026-03-01T12:00:00Z)"
        )
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
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:  # past either end of the calendar once in UTC: as early or late as can be
        offset = moment.utcoffset()
        moment = datetime.min if offset and offset.total_seconds() > 0 else datetime.max
        moment = moment.replace(tzinfo=UTC)
    stamped = moment.isoformat(timespec="milliseconds")
    return stamped.replace("+00:00", "Z")


def holds_on(valid_from: str | None, valid_to: str | None, as_of: str | None) -> bool:
    """Whether a fact with these (possibly partial) dates holds on ``as_of``, as the
    queries' ``$as_of`` test reads them: from its start, through the whole of its end's
    precision (``valid_to: 2025`` holds all of 2025).

    Example:
        >>> holds_on("2025-01", "2025", "2025-12-31"), holds_on("2026-01", None, "2025-06-01")
        (True, False)
    """
    if as_of is None:
        return True
    if valid_from is not None and valid_from > as_of:
        return False
    return valid_to is None or as_of[: len(valid_to)] <= valid_to


def query_as_of(moment: Moment, as_of: str | None) -> str | None:
    """The ``as_of`` a query filters by: under ``known_at`` a fact's dates may have changed
    since, so the query leaves it out and the service tests the dates recorded then
    (:func:`holds_on`) on the facts it answers."""
    return None if moment.known_at else as_of


def hidden_then(row: dict[str, Any], moment: Moment, stated_only: bool = False) -> bool:
    """Whether an item read under ``known_at`` was retracted at that moment (by its state
    recorded then), so is left out unless ``include_retracted``: restoring it later does
    not change what the graph held before. With ``stated_only``, also whether no source
    stated the fact then: a query filters on what its sources state now only in the
    present, so an inference stated since, or a statement inferred since, reads as it was.

    Example:
        >>> then = Moment(known_at="2026-01-01T00:00:00.000Z")
        >>> inferred = {"known_state": '{"bases":["inferred"]}', "bases": ["stated"]}
        >>> hidden_then(inferred, then), hidden_then(inferred, then, stated_only=True)
        (False, True)
    """
    if not moment.known_at:
        return False
    known = row.get("known_state")
    # an item recorded before history was kept reads as it is (an export's row nests it)
    state = json.loads(known) if known else row.get("props", row)
    if stated_only and "stated" not in (state.get("bases") or []):
        return True
    return bool(known) and not moment.include_retracted and bool(state.get("retracted_at"))


def redirect_then(row: dict[str, Any]) -> dict[str, Any]:
    """A merged id as ``export_redirects`` reads it at the moment: its properties with the
    ``target`` it had then, and ``via`` (the ids it pointed at before) only when any.

    Example:
        >>> redirect_then({"id": "x", "props": {"target": "z", "via": ["y"]}, "target": "y", "via": []})
        {'id': 'x', 'props': {'target': 'y'}}
    """
    props = {k: v for k, v in row["props"].items() if k != "via"}
    props["target"] = row["target"]
    if row["via"]:
        props["via"] = row["via"]
    return {"id": row["id"], "props": props}
