"""The one typed settings object, read from the environment and an optional ``.env``."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from neo4j_local.password import FORMER_DEFAULT, local_password_file


class Settings(BaseSettings):
    """Where Neo4j is and how the service behaves.

    The service knows Neo4j only through ``NEO4J_URI``, ``NEO4J_USERNAME``,
    ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``: a compose container, the local launcher,
    Aura and a cluster look the same to it.

    Example:
        >>> Settings(neo4j_uri="neo4j+s://abcd.databases.neo4j.io",
        ...          neo4j_password="s3cret-from-aura", environment="production").neo4j_database
        'neo4j'
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_username: str = "neo4j"
    #: unset: in local use, the password ``make run``'s Neo4j generated (see _fill_password)
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"

    environment: Literal["local", "test", "production"] = Field(
        default="local", validation_alias="KG_ENVIRONMENT"
    )
    query_timeout_seconds: float = Field(default=15.0, gt=0, validation_alias="KG_QUERY_TIMEOUT")
    connection_timeout_seconds: float = Field(
        default=5.0, gt=0, validation_alias="KG_CONNECTION_TIMEOUT"
    )
    apply_schema_on_start: bool = Field(default=True, validation_alias="KG_APPLY_SCHEMA")
    api_key_hashes: Annotated[list[str], NoDecode] = Field(
        default=[],
        validation_alias="KG_API_KEY_HASHES",
        description="SHA-256 hex digests of the API keys allowed to write (JSON list or commas)",
    )
    reads_need_key: bool = Field(default=False, validation_alias="KG_READS_NEED_KEY")
    rate_limit_per_minute: int = Field(
        default=600,
        ge=0,
        validation_alias="KG_RATE_LIMIT_PER_MINUTE",
        description="requests per client per minute and process; 0 turns the limit off",
    )
    rate_limit_burst: int = Field(default=60, ge=1, validation_alias="KG_RATE_LIMIT_BURST")
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
        for digest in value:
            if not re.fullmatch(r"[0-9a-f]{64}", digest):
                raise ValueError(
                    "KG_API_KEY_HASHES holds SHA-256 hex digests of keys, not keys: "
                    "python -c 'import hashlib,sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())' KEY"
                )
        return value

    @model_validator(mode="after")
    def _fill_password(self) -> Settings:
        if self.neo4j_password.get_secret_value():
            return self
        if self.environment != "local":
            raise ValueError(
                f"NEO4J_PASSWORD is not set: outside local use (KG_ENVIRONMENT={self.environment}) "
                "set it explicitly"
            )
        path = local_password_file()
        try:
            self.neo4j_password = SecretStr(path.read_text().strip())
        except FileNotFoundError:
            raise ValueError(
                f"NEO4J_PASSWORD is not set and {path.absolute()} does not exist: start the "
                "local Neo4j first (make run or make neo4j, from the repository root), "
                "or set NEO4J_PASSWORD"
            ) from None
        return self

    @model_validator(mode="after")
    def _refuse_weak_passwords(self) -> Settings:
        password = self.neo4j_password.get_secret_value()
        if password == "neo4j":
            raise ValueError("NEO4J_PASSWORD is the stock 'neo4j'; set a password of your own")
        if self.environment == "production" and password == FORMER_DEFAULT:
            raise ValueError(
                "NEO4J_PASSWORD is the formerly published local default; "
                "outside local use (KG_ENVIRONMENT=production) set a secret one"
            )
        if self.environment == "production" and not self.api_key_hashes:
            raise ValueError("KG_API_KEY_HASHES is empty: outside local use writes need API keys")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
