"""Domain errors, all under :class:`GraphError`; the API maps each class to one HTTP status."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class GraphError(Exception):
    """Base of every error the graph layer raises on purpose.

    ``pointer`` names what is at fault in the graph layer's own terms: a JSON pointer into
    the document written (``/relationships/3/currency``), or the name of the argument
    (``entity_id``, ``from``, ``root``). The API turns an argument's name into where the
    request carried it (``path:entity_id``, ``query:from``). ``extra`` holds further
    members the answer carries as they are (an ambiguous name's ``candidates``).

    Example:
        >>> try:
        ...     raise NotFound("no entity with id 'tsmcc'", pointer="entity_id")
        ... except GraphError as exc:
        ...     (type(exc).__name__, exc.pointer)
        ('NotFound', 'entity_id')
    """

    def __init__(
        self, detail: str, *, pointer: str | None = None, extra: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.pointer = pointer
        self.extra: dict[str, Any] = dict(extra or {})


class NotFound(GraphError):
    """What was asked for does not exist."""


class Conflict(GraphError):
    """The request contradicts the graph as it is (orphaned relationships, a merged id, a kind change)."""


class InvalidInput(GraphError):
    """The request is well-formed but breaks a domain rule (a kind pair a type does not allow, a missing source)."""

    def __init__(
        self, detail: str, *, pointer: str | None = None, errors: list[dict[str, str]] | None = None
    ) -> None:
        super().__init__(detail, pointer=pointer)
        self.errors = errors or [{"pointer": pointer or "", "detail": detail}]


class InvalidBookmark(InvalidInput):
    """A read or write was sent with a bookmark the database cannot use."""


def nothing_written(
    errors: list[dict[str, str]],
    where: str = "the request",
    kind: type[InvalidInput] = InvalidInput,
) -> InvalidInput:
    """Every problem found in a write, as one error that says nothing was written.

    Example:
        >>> nothing_written([{"pointer": "/entities/0/name", "detail": "too long"}]).detail
        '1 problem(s) in the request; nothing was written. First: /entities/0/name: too long'
    """
    first = errors[0]
    return kind(
        f"{len(errors)} problem(s) in {where}; nothing was written. "
        f"First: {first['pointer']}: {first['detail']}",
        pointer=first["pointer"],
        errors=errors,
    )


class QueryTimeout(GraphError):
    """A query ran past the transaction timeout and was stopped."""


class DatabaseUnavailable(GraphError):
    """Neo4j cannot be reached or did not answer in time."""


class SeedError(InvalidInput):
    """A seed file is unreadable or breaks a rule; ``errors`` name file, item and field."""


class SeedIncomplete(GraphError):
    """A chunked load stopped part way: ``written`` items are stored, the rest are not.

    Rerunning the same load completes it; the message says what stopped it.
    """

    def __init__(self, reason: str, *, pointer: str | None, written: int, total: int) -> None:
        super().__init__(
            f"the load stopped after writing {written:,} of {total:,} items: {reason} "
            "(run the same command again to complete it; what is written stays as it is)",
            pointer=pointer,
        )
        self.written = written
