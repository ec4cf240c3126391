"""The local Neo4j launcher: start, status, stop, restart with data kept, and clear errors."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from neo4j_local.artifacts import Artifact, Lock, cache_root, ensure_distribution, read_lock
from neo4j_local.errors import ProvisioningError
from neo4j_local.server import LocalServer, _pid_alive
from tests.conftest import ROOT

BOLT, HTTP = 27687, 27474
PASSWORD = "lifecycle-secret"


def cli(
    home: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
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
            "--password",
            PASSWORD,
            *args,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
        env=env or dict(os.environ),
    )


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "neo4j"
    LocalServer(tmp_path / "neo4j", BOLT, HTTP, PASSWORD).stop()


def count_nodes() -> int:
    with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{BOLT}", auth=("neo4j", PASSWORD)) as drv:
        return drv.execute_query("MATCH (n:Marker) RETURN count(n) AS c").records[0]["c"]


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
