"""One local Neo4j server: its folder, configuration, process and health.

The folder holds everything the server writes (``conf/``, ``data/``, ``logs/``,
``run/``, and the generated ``password``), so a project can keep several side by side:
the one ``make run`` serves and the one the tests use, on other ports.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from neo4j_local.artifacts import ensure_distribution, read_lock
from neo4j_local.errors import ProvisioningError
from neo4j_local.password import (
    FORMER_DEFAULT,
    PasswordRecord,
    generated_password,
    password_file,
    system_query,
)

SUPPORTED_JAVA = (17, 21)
MIN_FREE_DISK = 1 << 30  # Neo4j refuses writes well before the disk is full; ask for 1 GiB
STOCK_PASSWORD = "neo4j"
CONF_HEADER = "# Written by neo4j_local on every start; edit neo4j_local/server.py instead.\n"


def find_java() -> Path:
    """The java executable, from JAVA_HOME or PATH, checked to be a version Neo4j 5.26 runs on."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    if candidate is None or not candidate.exists():
        found = shutil.which("java")
        candidate = Path(found) if found else None
    if candidate is None:
        raise ProvisioningError(
            "Java was not found (neither JAVA_HOME nor PATH has 'java'). Neo4j 5.26 needs "
            "Java 17 or 21: install it (Debian: apt-get install openjdk-17-jre-headless) "
            "or point JAVA_HOME at one."
        )
    out = subprocess.run(
        [str(candidate), "-version"], capture_output=True, text=True, check=False
    ).stderr
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    major = int(match.group(1)) if match else 0
    if major == 1 and match and match.group(2):  # "1.8" style
        major = int(match.group(2))
    if major not in SUPPORTED_JAVA:
        raise ProvisioningError(
            f"{candidate} is Java {major or 'of unknown version'}; Neo4j 5.26 needs Java 17 or 21"
        )
    return candidate


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie child still "exists"; treat it as gone
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


@dataclass
class LocalServer:
    """A Neo4j server living in ``home`` and listening on loopback.

    Example:
        >>> server = LocalServer(Path(".neo4j"), bolt_port=7687, http_port=7474)  # doctest: +SKIP
        >>> server.start()                                   # doctest: +SKIP
        >>> server.status()["running"]                       # doctest: +SKIP
        True
    """

    home: Path
    bolt_port: int = 7687
    http_port: int = 7474
    #: None: the install's generated password, in ``home/password``
    password: str | None = None
    heap: str = "1g"
    page_cache: str = "512m"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"

    def pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if _pid_alive(pid) else None

    def _write_config(self) -> Path:
        conf_dir = self.home / "conf"
        conf_dir.mkdir(parents=True, exist_ok=True)
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.default_advertised_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{self.bolt_port}",
            "server.bolt.advertised_address": f"127.0.0.1:{self.bolt_port}",
            "server.http.listen_address": f"127.0.0.1:{self.http_port}",
            "server.http.advertised_address": f"127.0.0.1:{self.http_port}",
            "server.https.enabled": "false",
            "server.directories.data": str(self.data_dir.resolve()),
            "server.directories.logs": str((self.home / "logs").resolve()),
            "server.directories.plugins": str((self.home / "plugins").resolve()),
            "server.directories.import": str((self.home / "import").resolve()),
            "server.memory.pagecache.size": self.page_cache,
            "dbms.security.auth_enabled": "true",
            # Browser is served from this origin; no other page may script the HTTP API
            "dbms.security.http_access_control_allow_origin": f"http://127.0.0.1:{self.http_port}",
            "dbms.usage_report.enabled": "false",
            # Browser may load the project's guide and style from the API on loopback
            "browser.remote_content_hostname_whitelist": "127.0.0.1,localhost",
            "db.transaction.timeout": "60s",
        }
        text = CONF_HEADER + "".join(f"{k}={v}\n" for k, v in settings.items())
        (conf_dir / "neo4j.conf").write_text(text)
        return conf_dir

    def tool_env(self) -> dict[str, str]:
        """The environment an admin tool (``neo4j-admin``) runs in, this server's configuration."""
        return self._java_env(self._write_config())

    def _java_env(self, conf_dir: Path) -> dict[str, str]:
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.home.resolve())
        env["NEO4J_CONF"] = str(conf_dir.resolve())
        return env

    def _preflight(self) -> Path:
        java = find_java()
        self.home.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(self.home).free
        if free < MIN_FREE_DISK:
            raise ProvisioningError(
                f"only {free >> 20} MiB free under {self.home}; Neo4j needs at least 1 GiB"
            )
        for name, port in (("bolt", self.bolt_port), ("http", self.http_port)):
            if not _port_free(port):
                raise ProvisioningError(
                    f"port {port} ({name}) on 127.0.0.1 is already taken by another process; "
                    f"stop it or choose another port (NEO4J_LOCAL_{name.upper()}_PORT)"
                )
        return java

    def start(self, timeout: float = 120.0, log: Callable[[str], None] = print) -> None:
        """Provision if needed, start in the background, and wait until Bolt answers.

        A store initialised with another password is refused before anything starts.
        """
        password = self.password or generated_password(self.home)
        if password == STOCK_PASSWORD or len(password) < 8:
            raise ProvisioningError(
                "the Neo4j password must not be the stock 'neo4j' and needs 8 or more characters"
            )
        # Neo4j applies an initial password only while the system database does not exist
        fresh = not (self.data_dir / "databases" / "system").exists()
        record = PasswordRecord(self.data_dir)
        if not fresh and record.exists() and not record.matches(password):
            raise ProvisioningError(self._mismatch())
        launched = self.pid() is None
        if launched:
            self._launch(password, fresh, timeout, log)
        else:
            self.wait_ready(timeout)
        if not record.exists():
            self._adopt_store(password, stop_on_failure=launched, log=log)
            record.write(password)

    def _launch(
        self, password: str, fresh: bool, timeout: float, log: Callable[[str], None]
    ) -> None:
        java = self._preflight()
        lib = ensure_distribution(progress=log)
        conf_dir = self._write_config()
        env = self._java_env(conf_dir)
        for sub in ("data", "logs", "run", "plugins", "import"):
            (self.home / sub).mkdir(exist_ok=True)
        if fresh:
            done = subprocess.run(
                [
                    str(java),
                    "-cp",
                    f"{lib}/*",
                    "org.neo4j.cli.AdminTool",
                    "dbms",
                    "set-initial-password",
                    "--",  # the end of options: a password may start with "-"
                    password,
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise ProvisioningError(
                    f"setting the initial password failed:\n{done.stdout}{done.stderr}"
                )
            PasswordRecord(self.data_dir).write(password)
        with self.console_log.open("ab") as console:
            proc = subprocess.Popen(
                [
                    str(java),
                    f"-Xms{self.heap}",
                    f"-Xmx{self.heap}",
                    "-XX:+UseG1GC",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-Dfile.encoding=UTF-8",
                    "-cp",
                    f"{lib}/*",
                    "org.neo4j.server.CommunityEntryPoint",
                    f"--home-dir={self.home.resolve()}",
                    f"--config-dir={conf_dir.resolve()}",
                ],
                env=env,
                stdout=console,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                # its own session: a Ctrl-C meant for the API must not kill the database
                start_new_session=True,
            )
        self.pid_file.write_text(str(proc.pid))
        self.wait_ready(timeout, proc)

    def _adopt_store(
        self, password: str, stop_on_failure: bool, log: Callable[[str], None]
    ) -> None:
        """A store made before stores recorded their password: find out by logging in."""
        if system_query(self.http_port, password, "SHOW CURRENT USER"):
            return
        if password != FORMER_DEFAULT and system_query(
            self.http_port,
            FORMER_DEFAULT,
            "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
            old=FORMER_DEFAULT,
            new=password,
        ):
            log("the local database had the formerly published password; it now has yours")
            return
        if stop_on_failure:
            self.stop()
        raise ProvisioningError(self._mismatch())

    def _mismatch(self) -> str:
        return (
            f"the local database in {self.data_dir} was initialised with another password: "
            f"unset NEO4J_PASSWORD to use the one in {password_file(self.home)}, "
            "or run `make reset` to start over (deletes the local graph)"
        )

    def reset(self, new_password: bool = False) -> list[Path]:
        """Stop, then delete the data (the password record goes with it) and, with
        ``new_password``, the generated password. The jars stay. Returns what was deleted."""
        conf = self.home / "conf" / "neo4j.conf"
        if self.data_dir.exists() and not (
            conf.exists() and conf.read_text().startswith(CONF_HEADER)
        ):
            raise ProvisioningError(
                f"{self.home} has no conf/neo4j.conf written by neo4j_local; "
                "not deleting a folder it did not make"
            )
        self.stop()
        deleted: list[Path] = []
        if self.data_dir.exists():
            shutil.rmtree(self.data_dir)
            deleted.append(self.data_dir)
        candidates = [self.home / "run" / "password-set"]  # earlier versions' marker
        if new_password:
            candidates.append(password_file(self.home))
        for path in candidates:
            if path.exists():
                path.unlink()
                deleted.append(path)
        return deleted

    def wait_ready(
        self, timeout: float = 120.0, proc: subprocess.Popen[bytes] | None = None
    ) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                raise ProvisioningError(
                    f"Neo4j exited with code {proc.returncode} while starting; "
                    f"last lines of {self.console_log}:\n{self.tail(20)}"
                )
            if self._discovery() is not None and not _port_free(self.bolt_port):
                return
            time.sleep(0.5)
        raise ProvisioningError(
            f"Neo4j did not answer within {timeout:.0f}s; see {self.home / 'logs'}"
        )

    def _discovery(self) -> dict[str, str] | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.http_port}/", timeout=2) as resp:
                return json.loads(resp.read())  # type: ignore[no-any-return]
        except (OSError, ValueError):
            return None

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop cleanly (SIGTERM runs Neo4j's shutdown), SIGKILL only past ``timeout``."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _pid_alive(pid):
            os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> dict[str, object]:
        pid = self.pid()
        discovery = self._discovery() if pid else None
        return {
            "running": pid is not None,
            "answering": discovery is not None,
            "pid": pid,
            "version": (discovery or {}).get("neo4j_version"),
            "edition": (discovery or {}).get("neo4j_edition"),
            "bolt": self.bolt_uri,
            "browser": self.browser_url,
            "home": str(self.home.resolve()),
            "pinned_version": read_lock().neo4j_version,
        }

    def tail(self, lines: int = 50) -> str:
        chunks = []
        for log_file in (self.console_log, self.home / "logs" / "neo4j.log"):
            if log_file.exists():
                text = log_file.read_text(errors="replace").splitlines()[-lines:]
                chunks.append(f"== {log_file}\n" + "\n".join(text))
        return "\n".join(chunks) or "(no logs yet)"
