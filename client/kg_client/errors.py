"""Every error the client raises derives from :class:`KGClientError`."""

from __future__ import annotations

from typing import Any

__all__ = ["KGAPIError", "KGClientError", "KGConnectionError", "KGResponseError"]


class KGClientError(Exception):
    """Something went wrong talking to kg-service.

    ``status`` is the HTTP status (0 when no answer came) and ``problem`` the answer's
    RFC 9457 body (``title``, ``detail``, ``pointer``, ``errors``…), or a dict with a
    ``detail`` when there was none.

    Example:
        >>> err = KGClientError(422, {"title": "Invalid", "detail": "bad", "pointer": "/name"})
        >>> str(err), err.status
        ('422 Invalid at /name: bad', 422)
    """

    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        self.status = status
        self.problem = problem
        where = f" at {problem['pointer']}" if problem.get("pointer") else ""
        super().__init__(f"{status} {problem.get('title', '')}{where}: {problem.get('detail', '')}")


class KGAPIError(KGClientError):
    """The service answered with an error status (4xx or 5xx)."""


class KGConnectionError(KGClientError):
    """No answer: the connection failed or timed out, after every retry allowed.

    Example:
        >>> KGConnectionError("connection refused").status
        0
    """

    def __init__(self, detail: str) -> None:
        super().__init__(0, {"title": "No answer", "detail": detail})


class KGResponseError(KGClientError):
    """The service answered, but not with what the client expected (not JSON, or not the
    shape of its models: a service of another version, or something else at the URL).

    Example:
        >>> KGResponseError(200, "not JSON").status
        200
    """

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(status, {"title": "Unexpected answer", "detail": detail})
