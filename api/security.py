"""API keys: writes need one (reads too, if configured). Keys are configured as SHA-256
digests and compared in constant time; a key itself is never stored or logged."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.deps import SettingsDep
from api.keys import bearer_token, key_digest, key_is_valid
from api.settings import ApiSettings
from graph.errors import InvalidInput

bearer = HTTPBearer(auto_error=False, description="an API key, sent as `Authorization: Bearer KEY`")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def _check(credentials: HTTPAuthorizationCredentials | None, digests: list[str]) -> None:
    if credentials is None:
        raise HTTPException(
            401,
            "this needs an API key (Authorization: Bearer KEY)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not key_is_valid(key_digest(credentials.credentials), digests):
        raise HTTPException(
            401,
            "the API key is not valid",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )


async def require_write_key(credentials: Credentials, settings: SettingsDep) -> None:
    """Writes need a key once keys are configured (always outside local use)."""
    if settings.api_key_hashes:
        _check(credentials, settings.key_digests)


async def require_read_key(credentials: Credentials, settings: SettingsDep) -> None:
    if settings.reads_need_key and settings.api_key_hashes:
        _check(credentials, settings.key_digests)


def write_access(settings: ApiSettings) -> list[Any]:
    """The routes' dependencies for writing: a key check only once keys are configured, so
    the OpenAPI document asks for ``Authorization`` exactly when the service does."""
    return [Depends(require_write_key)] if settings.api_key_hashes else []


def read_access(settings: ApiSettings) -> list[Any]:
    needed = settings.api_key_hashes and settings.reads_need_key
    return [Depends(require_read_key)] if needed else []


async def require_key_for_whole_graph(request: Request, settings: ApiSettings) -> None:
    """A whole-graph export is a copy of everything: once keys exist, it needs one, even
    while other reads are open. (Read from the request, not declared: the same route
    answers a rooted export without a key.)"""
    if settings.api_key_hashes:
        token = bearer_token(request.headers.get("authorization", ""))
        credentials = (
            HTTPAuthorizationCredentials(scheme="Bearer", credentials=token) if token else None
        )
        _check(credentials, settings.key_digests)


def check_purge(settings: ApiSettings, reason: str | None) -> None:
    """Purging erases for good: it needs configured API keys (the route has then checked
    the caller's) and a ``reason``, which the tombstone revision keeps."""
    if not settings.api_key_hashes:
        raise HTTPException(
            403,
            "purging erases for good and needs an API key: configure KG_API_KEY_HASHES "
            "(retracting, without purge, needs none)",
        )
    if not reason:
        raise InvalidInput("purging needs a reason (the tombstone keeps it)", pointer="reason")
