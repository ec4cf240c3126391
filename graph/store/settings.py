"""The graph layer's settings, read from the environment and an optional ``.env``.

A process has one settings object: the API's extends this one (``api/settings.py``); the
seeding and schema commands use this one alone.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The password every local install shared before ``make run`` generated one per install;
#: refused outside local use. (``neo4j_local`` moves stores made with it to a generated one.)
FORMER_DEFAULT = "kg-local-dev"


class Settings(BaseSettings):
    """What the graph layer needs: where Neo4j is, how long to wait, whether to apply the
    schema. The API's settings (:class:`api.settings.ApiSettings`) add the HTTP side.

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
    #: where ``make run``'s Neo4j lives; its generated password is the file ``password``
    #: there (relative to the repository root, where every command runs, unless absolute)
    local_dir: Path = Field(default=Path(".neo4j"), validation_alias="NEO4J_LOCAL_DIR")

    @property
    def local_password_file(self) -> Path:
        return self.local_dir / "password"

    @property
    def signing_key(self) -> bytes:
        """The key that signs what the service hands out to come back (page cursors, read
        bookmarks), so a forgery is refused: derived from the Neo4j password, which every
        replica serving one database shares, and never sent anywhere."""
        secret = self.neo4j_password.get_secret_value().encode()
        return hashlib.sha256(b"kg-service signing key\0" + secret).digest()

    @model_validator(mode="after")
    def _fill_password(self) -> Settings:
        if self.neo4j_password.get_secret_value():
            return self
        if self.environment != "local":
            raise ValueError(
                f"NEO4J_PASSWORD is not set: outside local use (KG_ENVIRONMENT={self.environment}) "
                "set it explicitly"
            )
        path = self.local_password_file
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
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
