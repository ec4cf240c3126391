"""Settings refuse weak passwords; docker-compose names the same Neo4j as the local launcher."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from graph.settings import LOCAL_DEFAULT_PASSWORD, Settings
from neo4j_local.artifacts import read_lock
from tests.conftest import COMPOSE_IMAGE, ROOT


def test_stock_password_is_refused_everywhere() -> None:
    with pytest.raises(ValidationError, match="stock 'neo4j'"):
        Settings(neo4j_password="neo4j")


def test_local_default_password_is_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="outside local use"):
        Settings(neo4j_password=LOCAL_DEFAULT_PASSWORD, KG_ENVIRONMENT="production")  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="writes need API keys"):
        Settings(neo4j_password="a-real-secret", KG_ENVIRONMENT="production")  # type: ignore[call-arg]
    ok = Settings(
        neo4j_password="a-real-secret",
        KG_ENVIRONMENT="production",  # type: ignore[call-arg]
        KG_API_KEY_HASHES=["ab" * 32],
    )
    assert ok.environment == "production"


def test_api_keys_are_configured_as_digests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_API_KEY_HASHES", f"{'a' * 64}, {'b' * 64}")
    assert Settings().api_key_hashes == ["a" * 64, "b" * 64]
    monkeypatch.setenv("KG_API_KEY_HASHES", "my-plain-key")
    with pytest.raises(ValidationError, match="SHA-256 hex digests"):
        Settings()


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://example.databases.neo4j.io")
    monkeypatch.setenv("NEO4J_DATABASE", "graph")
    settings = Settings()
    assert (settings.neo4j_uri, settings.neo4j_database) == (
        "neo4j+s://example.databases.neo4j.io",
        "graph",
    )
    assert "kg-local-dev" not in repr(settings)  # secrets stay out of logs and reprs


def test_compose_parses_and_pins_the_same_version() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == f"neo4j:{read_lock().neo4j_version}-community" == COMPOSE_IMAGE
    assert "healthcheck" in neo4j and "healthcheck" in compose["services"]["api"]
    assert compose["services"]["api"]["build"] == "."
    api_env = compose["services"]["api"]["environment"]
    assert {"NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"} <= set(api_env)
    assert "neo4j-data" in compose["volumes"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    # the image serves the explorer page too: its files and its npm dependency
    assert "COPY web/static" in dockerfile and "npm ci" in dockerfile
