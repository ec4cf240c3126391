"""Settings refuse weak passwords and find the local password; docker-compose names the
same Neo4j as the local launcher and starts only once told its secrets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from api.settings import ApiSettings as Settings
from neo4j_local.artifacts import read_lock
from neo4j_local.password import FORMER_DEFAULT, generated_password
from tests.conftest import COMPOSE_IMAGE, ROOT


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A password of their own for tests about something else, whatever the session exported."""
    monkeypatch.setenv("NEO4J_PASSWORD", "a-test-secret")
    monkeypatch.setenv("KG_ENVIRONMENT", "local")
    for name in ("NEO4J_URI", "NEO4J_DATABASE", "KG_API_KEY_HASHES", "NEO4J_LOCAL_DIR"):
        monkeypatch.delenv(name, raising=False)


def test_local_use_reads_the_generated_password_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("NEO4J_PASSWORD")
    monkeypatch.setenv("NEO4J_LOCAL_DIR", str(tmp_path))
    with pytest.raises(ValidationError, match=r"NEO4J_PASSWORD is not set and .* does not exist"):
        Settings(_env_file=None)
    password = generated_password(tmp_path)  # what the launcher's first start writes
    assert Settings(_env_file=None).neo4j_password.get_secret_value() == password
    monkeypatch.setenv("NEO4J_PASSWORD", "exported-wins")
    assert Settings(_env_file=None).neo4j_password.get_secret_value() == "exported-wins"
    # without NEO4J_LOCAL_DIR: .neo4j under the current directory
    monkeypatch.delenv("NEO4J_PASSWORD")
    monkeypatch.delenv("NEO4J_LOCAL_DIR")
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".neo4j").mkdir()
    (tmp_path / ".neo4j" / "password").write_text("in-the-default-place\n")
    assert Settings(_env_file=None).neo4j_password.get_secret_value() == "in-the-default-place"


@pytest.mark.parametrize("kg_environment", ["production", "test"])
def test_outside_local_use_the_password_file_is_not_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kg_environment: str
) -> None:
    monkeypatch.delenv("NEO4J_PASSWORD")
    monkeypatch.setenv("NEO4J_LOCAL_DIR", str(tmp_path))
    monkeypatch.setenv("KG_ENVIRONMENT", kg_environment)
    monkeypatch.setenv("KG_API_KEY_HASHES", "ab" * 32)
    generated_password(tmp_path)
    with pytest.raises(ValidationError, match="NEO4J_PASSWORD is not set: outside local use"):
        Settings(_env_file=None)


def test_stock_password_is_refused_everywhere() -> None:
    with pytest.raises(ValidationError, match="stock 'neo4j'"):
        Settings(neo4j_password="neo4j")


def test_local_default_password_is_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="outside local use"):
        Settings(neo4j_password=FORMER_DEFAULT, KG_ENVIRONMENT="production")  # type: ignore[call-arg]
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
    assert "a-test-secret" not in repr(settings)  # secrets stay out of logs and reprs


def test_compose_pins_the_same_neo4j_and_builds_the_api() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    neo4j = services["neo4j"]
    # Docker Hub's official image by default, the same version the local launcher pins;
    # KG_NEO4J_IMAGE switches to the one make images builds from the locked jars
    assert neo4j["image"] == "${KG_NEO4J_IMAGE:-" + COMPOSE_IMAGE + "}"
    assert f"neo4j:{read_lock().neo4j_version}-community" == COMPOSE_IMAGE
    for name in ("neo4j", "redis", "api"):
        assert "healthcheck" in services[name], name
    assert services["api"]["build"] == services["seed"]["build"] == "."
    api_env = services["api"]["environment"]
    assert {"NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"} <= set(api_env)
    assert api_env["KG_RATE_LIMIT_STORAGE"].startswith("redis://redis:")
    assert services["api"]["depends_on"]["seed"]["condition"] == "service_completed_successfully"
    assert services["seed"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert services["proxy"]["depends_on"]["api"]["condition"] == "service_healthy"
    assert "neo4j-data" in compose["volumes"]
    # only the proxy and Neo4j publish ports, on loopback
    published = {name: s.get("ports", []) for name, s in services.items() if s.get("ports")}
    assert set(published) == {"neo4j", "proxy"}
    assert all(port.startswith("127.0.0.1:") for ports in published.values() for port in ports)
    dockerfile = (ROOT / "Dockerfile").read_text()
    # the image serves the explorer page too: its files and its npm dependency
    assert "COPY web/static" in dockerfile and "npm ci" in dockerfile


def required(value: str, name: str) -> bool:
    """``${NAME:?message}``: compose refuses to start while NAME is unset or empty."""
    match = re.fullmatch(r"(.*)\$\{" + name + r":\?([^}]+)\}", value)
    # ($${ would be a literal, not a reference)
    return bool(match and name in match.group(2) and not match.group(1).endswith("$"))


def test_compose_starts_only_with_a_password_and_api_keys() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    assert FORMER_DEFAULT not in text
    # no default for a secret: each is only ever required (images and ports have defaults)
    for secret in ("NEO4J_PASSWORD", "KG_API_KEY_HASHES"):
        references = re.findall(r"\$\{" + secret + r"([^}]*)\}", text)
        assert references and all(ref.startswith(":?") for ref in references), secret
    services = yaml.safe_load(text)["services"]
    assert required(services["neo4j"]["environment"]["NEO4J_AUTH"], "NEO4J_PASSWORD")
    assert services["neo4j"]["environment"]["NEO4J_AUTH"].startswith("neo4j/${")
    api_env = services["api"]["environment"]
    assert required(api_env["NEO4J_PASSWORD"], "NEO4J_PASSWORD")
    assert required(api_env["KG_API_KEY_HASHES"], "KG_API_KEY_HASHES")
    assert api_env["KG_ENVIRONMENT"] == "production"
