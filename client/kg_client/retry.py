"""When to try a request again, and how long to wait first."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

__all__ = ["IDEMPOTENT_METHODS", "Retry", "retry_after_seconds"]

#: Methods that may be sent again after a connection error: repeating them changes nothing
#: more than sending them once (the service's PUTs are idempotent upserts).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """The wait a ``Retry-After`` header asks for, in seconds; None when absent or unreadable.

    Example:
        >>> retry_after_seconds("3")
        3.0
        >>> when = datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)
        >>> retry_after_seconds("Wed, 01 Jan 2025 12:00:05 GMT", now=when)
        5.0
        >>> retry_after_seconds("soon") is None
        True
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())


@dataclass(frozen=True)
class Retry:
    """The retry policy: which answers to try again, how often, and how long to wait.

    The wait before retry *n* (1-based) is the ``Retry-After`` the service sent, when it
    sent one (never more than ``max_wait``), else exponential backoff with full jitter:
    a random time between 0 and ``min(max_wait, backoff * 2 ** (n - 1))``.

    Example:
        >>> policy = Retry(attempts=5, backoff=0.5, max_wait=4.0)
        >>> policy.wait(1, retry_after=None) <= 0.5
        True
        >>> policy.wait(3, retry_after=10.0)
        4.0
        >>> Retry.none().attempts
        1
    """

    #: tries in all, the first included (1: never retry)
    attempts: int = 4
    #: the first backoff, in seconds; doubled for each further try
    backoff: float = 0.5
    #: the longest wait before one try, in seconds (Retry-After included)
    max_wait: float = 30.0
    #: answers worth waiting for
    statuses: frozenset[int] = frozenset({429, 503})
    #: also retry connection errors and timeouts, for the idempotent methods only
    on_connection_errors: bool = True

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")
        if self.backoff < 0 or self.max_wait < 0:
            raise ValueError("backoff and max_wait cannot be negative")

    @classmethod
    def none(cls) -> Retry:
        """A policy that never retries."""
        return cls(attempts=1)

    def wait(self, attempt: int, *, retry_after: float | None) -> float:
        """Seconds to sleep after try number ``attempt`` failed."""
        if retry_after is not None:
            return min(retry_after, self.max_wait)
        return random.uniform(0, min(self.max_wait, self.backoff * 2 ** (attempt - 1)))

    def retries_status(self, status: int) -> bool:
        return status in self.statuses

    def retries_connection_error(self, method: str) -> bool:
        return self.on_connection_errors and method.upper() in IDEMPOTENT_METHODS
