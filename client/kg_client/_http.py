"""What the sync and async clients share: headers, reading answers, deciding to retry."""

from __future__ import annotations

from typing import Any, TypeVar

import httpx
from pydantic import ValidationError

from kg_client.calls import Call
from kg_client.errors import KGAPIError, KGConnectionError, KGResponseError
from kg_client.retry import Retry, retry_after_seconds

DEFAULT_URL = "http://127.0.0.1:8000"
T = TypeVar("T")


def headers(api_key: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key}"} if api_key else {}


def read(response: httpx.Response, *, text: bool = False) -> Any:
    """The answer's JSON (its text, with ``text``), or the error it stands for."""
    if response.status_code >= 400:
        try:
            problem = response.json()
        except ValueError:
            problem = None
        if not isinstance(problem, dict):
            problem = {"title": response.reason_phrase, "detail": response.text}
        raise KGAPIError(response.status_code, problem)
    if text:
        return response.text
    return response.json() if response.content else None


def parsed(call: Call[T], response: httpx.Response) -> T:
    """The answer as ``call`` reads it; an answer of another shape is a KGResponseError."""
    try:
        return call.parse(read(response, text=call.text))
    except (ValidationError, ValueError, KeyError, TypeError) as exc:
        raise KGResponseError(response.status_code, f"{call.method} {call.url}: {exc}") from exc


def wait_after_answer(retry: Retry, attempt: int, response: httpx.Response) -> float | None:
    """Seconds to wait before trying again after ``response``; None: do not retry."""
    if attempt >= retry.attempts or not retry.retries_status(response.status_code):
        return None
    return retry.wait(attempt, retry_after=retry_after_seconds(response.headers.get("retry-after")))


def wait_after_failure(
    retry: Retry, attempt: int, method: str, error: httpx.TransportError
) -> float:
    """Seconds to wait before trying again after a connection error, or the error to raise."""
    if attempt >= retry.attempts or not retry.retries_connection_error(method):
        raise KGConnectionError(f"{method} failed after {attempt} attempt(s): {error!r}") from error
    return retry.wait(attempt, retry_after=None)
