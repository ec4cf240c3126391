"""What the HTTP path adds to a query stays small: no thread hand-offs in its dependencies,
and uvicorn's logging flags are kept (a request logged nowhere costs nothing)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

import fastapi.dependencies.utils as fastapi_dependencies
import pytest
from fastapi.testclient import TestClient

from api.observability import JsonFormatter, configure_logging
from tests.conftest import Db
from tests.payloads import source


def test_no_dependency_is_handed_to_the_thread_pool(
    client: TestClient, db: Db, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FastAPI runs a plain ``def`` dependency in its thread pool: a hand-off per request,
    paid under load by every query. None of the service's dependencies needs one."""
    handed: list[str] = []
    real = fastapi_dependencies.run_in_threadpool

    async def recording(call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        handed.append(getattr(call, "__qualname__", repr(call)))
        return await real(call, *args, **kwargs)

    monkeypatch.setattr(fastapi_dependencies, "run_in_threadpool", recording)
    answers = [
        client.put("/sources/test-source", json=source(), params={"reason": "a test"}),
        client.get("/sources/test-source"),
        client.get("/search", params={"q": "tsmc"}),
        client.get("/entities/nobody/neighbourhood", params={"known_at": "2026-01-01"}),
        client.get("/paths", params={"from": "a", "to": "b"}),
        client.get("/changes"),
        client.get("/export", params={"root": "nobody"}),
        client.get("/stats"),
    ]
    assert [a.status_code for a in answers] == [201, 200, 200, 404, 404, 200, 404, 200]
    assert handed == []


@pytest.fixture
def uvicorn_loggers() -> Iterator[list[logging.Logger]]:
    loggers = [logging.getLogger(n) for n in ("uvicorn", "uvicorn.error", "uvicorn.access")]
    saved = [(lg.handlers[:], lg.propagate, lg.level) for lg in loggers]
    yield loggers
    for lg, (handlers, propagate, level) in zip(loggers, saved, strict=True):
        lg.handlers, lg.propagate = handlers, propagate
        lg.setLevel(level)


def test_uvicorn_logging_flags_are_kept(uvicorn_loggers: list[logging.Logger]) -> None:
    uvicorn, error, access = uvicorn_loggers
    # what uvicorn leaves after `--log-level warning --no-access-log`
    for lg in (uvicorn, error):
        lg.handlers = [logging.StreamHandler()]
        lg.setLevel(logging.WARNING)
    access.handlers, access.propagate = [], False
    access.setLevel(logging.WARNING)
    configure_logging(as_json=True)
    assert access.handlers == [] and not access.propagate
    assert not access.isEnabledFor(logging.INFO)
    assert not error.isEnabledFor(logging.INFO)
    # the loggers uvicorn gave a handler write one JSON object a line
    assert isinstance(error.handlers[0].formatter, JsonFormatter)
    assert error.propagate is False
