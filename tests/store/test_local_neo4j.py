"""The local Neo4j launcher: start, status, stop, restart with data kept, its password,
reset, and clear errors."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from neo4j_local.artifacts import Artifact, Lock, cache_root, ensure_distribution, read_lock
from neo4j_local.errors import ProvisioningError
from neo4j_local.password import FORMER_DEFAULT, PasswordRecord
from neo4j_local.server import LocalServer, _pid_alive
from tests.conftest import ROOT, SEED_FILE

BOLT, HTTP = 27687, 27474
PASSWORD = "lifecycle-secret"
MISMATCH = "was initialised with another password: unset NEO4J_PASSWORD"


def user_env() -> dict[str, str]:
    """The environment of someone who exported nothing (the test session exports its own)."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KG_"))}


def cli(
    home: Path, *args: str, env: dict[str, str] | None = None, password: str | None = PASSWORD
) -> subprocess.CompletedProcess[str]:
    """``python -m neo4j_local``; ``password=None`` leaves it to the launcher to choose."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "neo4j_local",
            "--dir",
            str(home),
            "--bolt-port",
            str(BOLT),
            "--http-port",
            str(HTTP),
            *(["--password", password] if password else []),
            *args,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
        env=env or (dict(os.environ) if password else user_env()),
    )


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "neo4j"
    LocalServer(tmp_path / "neo4j", BOLT, HTTP, PASSWORD).stop()


def count_nodes(password: str = PASSWORD) -> int:
    with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{BOLT}", auth=("neo4j", password)) as drv:
        return drv.execute_query("MATCH (n:Marker) RETURN count(n) AS c").records[0]["c"]


def add_marker(password: str = PASSWORD) -> None:
    with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{BOLT}", auth=("neo4j", password)) as drv:
        drv.execute_query("CREATE (:Marker)")


def refused(password: str) -> bool:
    drv = neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{BOLT}", auth=("neo4j", password))
    try:
        drv.verify_connectivity()
    except neo4j.exceptions.AuthError:
        return True
    finally:
        drv.close()
    return False


def assert_one_line_refusal(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert MISMATCH in result.stderr and "make reset" in result.stderr


@pytest.mark.lifecycle
def test_start_status_stop_restart_keeps_data(home: Path) -> None:
    started = cli(home, "start")
    assert started.returncode == 0, started.stderr
    assert "Neo4j answers at bolt://127.0.0.1:27687" in started.stderr
    status = json.loads(cli(home, "status").stdout)
    assert status["running"] and status["answering"]
    assert (status["version"], status["edition"]) == (read_lock().neo4j_version, "community")
    assert (home / "data").is_dir() and (home / "logs" / "neo4j.log").exists()

    with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{BOLT}", auth=("neo4j", PASSWORD)) as drv:
        drv.execute_query("CREATE (:Marker {at: 'before restart'})")
        with pytest.raises(neo4j.exceptions.AuthError):
            neo4j.GraphDatabase.driver(
                f"bolt://127.0.0.1:{BOLT}", auth=("neo4j", "neo4j")
            ).verify_connectivity()

    pid = status["pid"]
    stopped = cli(home, "stop")
    assert stopped.returncode == 0 and "stopped" in stopped.stderr
    assert not _pid_alive(pid)  # gone, or a zombie its new parent has yet to reap
    down = cli(home, "status")
    assert down.returncode == 3 and json.loads(down.stdout)["running"] is False

    assert cli(home, "start").returncode == 0
    assert count_nodes() == 1
    assert "Started." in cli(home, "logs").stdout


@pytest.mark.lifecycle
def test_start_twice_is_harmless(home: Path) -> None:
    assert cli(home, "start").returncode == 0
    pid = json.loads(cli(home, "status").stdout)["pid"]
    assert cli(home, "start").returncode == 0
    assert json.loads(cli(home, "status").stdout)["pid"] == pid


@pytest.mark.lifecycle
def test_generated_password_is_owner_only_and_used(home: Path) -> None:
    started = cli(home, "start", password=None)
    assert started.returncode == 0, started.stderr
    secret = home / "password"
    assert secret.stat().st_mode & 0o777 == 0o600
    password = secret.read_text().strip()
    assert len(password) >= 24 and password != FORMER_DEFAULT
    assert count_nodes(password) == 0 and refused(FORMER_DEFAULT)

    # the service finds it without anyone exporting it: kg-seed as make run calls it
    env = {**user_env(), "NEO4J_URI": f"bolt://127.0.0.1:{BOLT}", "NEO4J_LOCAL_DIR": str(home)}
    seeded = subprocess.run(
        [sys.executable, "-m", "seed", str(SEED_FILE)], env=env, cwd=ROOT, capture_output=True
    )
    assert seeded.returncode == 0, seeded.stderr

    assert cli(home, "stop").returncode == 0
    assert cli(home, "start", password=None).returncode == 0
    assert secret.read_text().strip() == password  # reused, not made again
    assert count_nodes(password) == 0


@pytest.mark.lifecycle
def test_a_deleted_data_dir_gets_the_password_again(home: Path) -> None:
    assert cli(home, "start").returncode == 0
    add_marker()
    assert cli(home, "stop").returncode == 0
    shutil.rmtree(home / "data")
    started = cli(home, "start")
    assert started.returncode == 0, started.stderr
    assert count_nodes() == 0  # a new, empty store, and it took the password
    assert refused("neo4j")


@pytest.mark.lifecycle
def test_another_password_is_refused_in_one_line(home: Path) -> None:
    assert cli(home, "start").returncode == 0
    assert_one_line_refusal(cli(home, "start", password="another-secret"))  # while running
    assert cli(home, "stop").returncode == 0
    assert_one_line_refusal(cli(home, "start", password="another-secret"))
    assert cli(home, "status").returncode == 3  # nothing was started
    record = PasswordRecord(home / "data").path.read_text()
    assert PASSWORD not in record and "another-secret" not in record


@pytest.mark.lifecycle
def test_reset_deletes_the_graph_and_the_next_start_works(home: Path) -> None:
    assert cli(home, "start", password=None).returncode == 0
    password = (home / "password").read_text().strip()
    add_marker(password)

    reset = cli(home, "reset", password=None)
    assert reset.returncode == 0, reset.stderr
    assert f"deleted {home / 'data'}" in reset.stderr
    assert not (home / "data").exists() and cli(home, "status").returncode == 3
    assert cli(home, "start", password=None).returncode == 0
    assert (home / "password").read_text().strip() == password  # kept
    assert count_nodes(password) == 0

    reset = cli(home, "reset", "--new-password", password=None)
    assert f"deleted {home / 'password'}" in reset.stderr
    assert cli(home, "start", password=None).returncode == 0
    renewed = (home / "password").read_text().strip()
    assert renewed != password and count_nodes(renewed) == 0 and refused(password)


@pytest.mark.lifecycle
def test_a_store_with_the_formerly_published_password_gets_the_generated_one(home: Path) -> None:
    # as made before stores recorded their password
    assert cli(home, "start", password=FORMER_DEFAULT).returncode == 0
    add_marker(FORMER_DEFAULT)
    PasswordRecord(home / "data").path.unlink()
    started = cli(home, "start", password=None)
    assert started.returncode == 0, started.stderr
    password = (home / "password").read_text().strip()
    assert count_nodes(password) == 1 and refused(FORMER_DEFAULT)


@pytest.mark.lifecycle
def test_a_store_with_an_unknown_password_is_refused_and_stopped(home: Path) -> None:
    assert cli(home, "start", password="someone-elses-secret").returncode == 0
    assert cli(home, "stop").returncode == 0
    PasswordRecord(home / "data").path.unlink()
    assert_one_line_refusal(cli(home, "start"))
    assert cli(home, "status").returncode == 3


@pytest.mark.lifecycle
def test_neo4j_http_sends_no_cors_header_to_a_foreign_origin(home: Path) -> None:
    assert cli(home, "start").returncode == 0
    # a page, and the preflight before a script's POST
    for method, path in (("GET", "/"), ("OPTIONS", "/db/neo4j/tx/commit")):
        request = urllib.request.Request(
            f"http://127.0.0.1:{HTTP}{path}",
            method=method,
            headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"},
        )
        with urllib.request.urlopen(request, timeout=10) as resp:
            allowed = resp.headers.get("Access-Control-Allow-Origin")
        assert allowed in (None, f"http://127.0.0.1:{HTTP}"), (method, allowed)


def test_missing_java_is_said_clearly(home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "JAVA_HOME": str(tmp_path / "no-jdk"), "PATH": str(tmp_path / "empty-bin")}
    result = cli(home, "start", env=env)
    assert result.returncode == 2
    assert "Java was not found" in result.stderr
    assert "Java 17 or 21" in result.stderr


def test_busy_port_is_named(home: Path) -> None:
    with socket.socket() as blocker:
        blocker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # an earlier test's TIME_WAIT
        blocker.bind(("127.0.0.1", BOLT))
        blocker.listen()
        result = cli(home, "start")
    assert result.returncode == 2
    assert f"port {BOLT} (bolt) on 127.0.0.1 is already taken" in result.stderr


def test_stock_password_is_refused(home: Path) -> None:
    with pytest.raises(ProvisioningError, match="stock 'neo4j'"):
        LocalServer(home, BOLT, HTTP, password="neo4j").start()


def test_lock_pins_the_5_26_server_community_and_browser() -> None:
    lock = read_lock()
    assert lock.neo4j_version.startswith("5.26.")
    names = {a.file_name for a in lock.artifacts}
    assert f"neo4j-{lock.neo4j_version}.jar" in names
    assert f"neo4j-server-{lock.neo4j_version}.jar" in names
    assert f"neo4j-browser-{lock.browser_version}.jar" in names
    assert all(len(a.sha256) == 64 for a in lock.artifacts)


def test_second_provision_downloads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    ensure_distribution()  # the session's server already provisioned it
    monkeypatch.setattr("urllib.request.urlopen", lambda *a, **k: pytest.fail("downloaded again"))
    assert ensure_distribution() == cache_root() / read_lock().neo4j_version / "lib"


def test_a_tampered_download_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a jar whose bytes do not match the lock must never land in the cache
    real = next(a for a in read_lock().artifacts if a.size < 50_000)
    forged = Lock("0.0.0-test", "0", (Artifact(real.path, "0" * 64, real.size),))
    monkeypatch.setenv("KG_NEO4J_CACHE", str(tmp_path))
    with pytest.raises(ProvisioningError, match="checksum mismatch"):
        ensure_distribution(forged)
    assert list((tmp_path / "0.0.0-test" / "lib").glob("*.jar")) == []


def test_a_generated_password_never_reads_as_an_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # token_urlsafe starts with "-" one time in 64; neo4j-admin then read it as an option
    # and the first start failed (a flaky test found it)
    import neo4j_local.password as password

    monkeypatch.setattr(password.secrets, "token_urlsafe", lambda n: "-looks-like-an-option")
    made = password.generated_password(tmp_path)
    assert not made.startswith("-") and made.endswith("-looks-like-an-option")
