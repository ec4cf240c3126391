"""The API process's settings: the graph layer's, and the HTTP side (keys, limits, hosts,
CORS, logging). One object per process, read from the environment and an optional ``.env``."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Annotated, Any

from pydantic import Field, field_validator, model_validator
from pydantic_settings import NoDecode

from graph.store import Settings as GraphSettings

#: ``digest`` or ``name:digest``: a name says who wrote in the history, never the key
_KEY_ENTRY = re.compile(r"(?:[A-Za-z0-9._-]{1,40}:)?[0-9a-f]{64}")


class ApiSettings(GraphSettings):
    """Everything the service reads from its environment.

    Example:
        >>> ApiSettings(neo4j_password="s3cret", environment="test").allowed_hosts
        ['127.0.0.1', 'localhost', '::1']
    """

    api_key_hashes: Annotated[list[str], NoDecode] = Field(
        default=[],
        validation_alias="KG_API_KEY_HASHES",
        description="SHA-256 hex digests of the API keys allowed to write (JSON list or "
        "commas), each optionally named as `name:digest`; a key's name (never the key) is "
        "recorded with every change it writes",
    )
    reads_need_key: bool = Field(default=False, validation_alias="KG_READS_NEED_KEY")
    rate_limit_per_minute: int = Field(
        default=600,
        ge=0,
        validation_alias="KG_RATE_LIMIT_PER_MINUTE",
        description="requests per client per minute (per process, or shared through "
        "KG_RATE_LIMIT_STORAGE); 0 turns the limit off",
    )
    rate_limit_burst: int = Field(default=60, ge=1, validation_alias="KG_RATE_LIMIT_BURST")
    rate_limit_storage: str = Field(
        default="memory://",
        pattern=r"^(memory|redis|rediss)://",
        validation_alias="KG_RATE_LIMIT_STORAGE",
        description="where rate limits are counted: memory:// (this process) or "
        "redis://host:port/db, shared by every replica that names the same Redis",
    )
    max_body_bytes: int = Field(default=10 * 2**20, ge=1024, validation_alias="KG_MAX_BODY_BYTES")
    log_json: bool = Field(default=True, validation_alias="KG_LOG_JSON")
    allowed_hosts: list[str] = Field(
        default=["127.0.0.1", "localhost", "::1"],
        validation_alias="KG_ALLOWED_HOSTS",
        description="host names the API answers as (JSON list; '*.example.org' for "
        "subdomains, '*' for any): other Host headers get 400, so a web page cannot "
        "reach a local API through DNS rebinding",
    )
    cors_origins: list[str] = Field(
        default=["http://127.0.0.1:7474", "http://localhost:7474"],
        validation_alias="KG_CORS_ORIGINS",
        description="origins allowed to call the API from a browser (JSON list)",
    )

    reconcile_origins: list[str] = Field(
        default=["http://127.0.0.1:3333", "http://localhost:3333"],
        validation_alias="KG_RECONCILE_ORIGINS",
        description="origins allowed to read the reconciliation service (/reconcile) from a "
        "browser (JSON list): OpenRefine's own, by default",
    )

    @field_validator("api_key_hashes", mode="before")
    @classmethod
    def _split_hashes(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [h.strip() for h in text.split(",") if h.strip()]
        return value

    @field_validator("api_key_hashes")
    @classmethod
    def _check_hashes(cls, value: list[str]) -> list[str]:
        for entry in value:
            if not _KEY_ENTRY.fullmatch(entry):
                raise ValueError(
                    "KG_API_KEY_HASHES holds SHA-256 hex digests of keys, not keys: "
                    "python -c 'import hashlib,sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())' KEY"
                )
        return value

    @property
    def key_digests(self) -> list[str]:
        """The configured keys' digests (names stripped)."""
        return [entry.rpartition(":")[2] for entry in self.api_key_hashes]

    @property
    def key_names(self) -> dict[str, str]:
        """Each key's name by its digest; an unnamed key is ``key-N`` (its place in the list)."""
        names = {}
        for i, entry in enumerate(self.api_key_hashes, start=1):
            name, _, digest = entry.rpartition(":")
            names[digest] = name or f"key-{i}"
        return names

    @model_validator(mode="after")
    def _keys_outside_local_use(self) -> ApiSettings:
        if self.environment == "production" and not self.api_key_hashes:
            raise ValueError("KG_API_KEY_HASHES is empty: outside local use writes need API keys")
        return self


@lru_cache
def get_api_settings() -> ApiSettings:
    return ApiSettings()
