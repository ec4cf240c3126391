"""The local Neo4j image's entrypoint: configure from the environment, then run the server.

It reads the same variables as the official ``neo4j`` image, so docker-compose.yml and
testcontainers drive either image alike:

- ``NEO4J_AUTH``: ``neo4j/<password>`` sets the initial password of a new store
  (``none`` turns authentication off; the stock password ``neo4j`` is refused);
- ``NEO4J_<setting>``: any setting of ``neo4j.conf``, spelled as the official image spells
  it (``_`` for ``.``, ``__`` for ``_``): ``NEO4J_server_memory_heap_max__size=1g`` is
  ``server.memory.heap.max_size=1g``.

The server runs in the foreground as the ``neo4j`` user, from the pinned jars in
``/opt/neo4j/lib`` (the same verified Maven Central jars as ``neo4j_local``), with its
store in ``/data`` (the volume) and its logs in ``/logs``.
"""

from __future__ import annotations

import os
import pwd
import re
import subprocess
import sys
from pathlib import Path

HOME = Path("/opt/neo4j")
CONF_DIR = HOME / "conf"
DATA = Path("/data")
LOGS = Path("/logs")
USER = "neo4j"
#: Settings the image needs whatever the environment says (where its folders are).
FIXED = {
    "server.directories.data": str(DATA),
    "server.directories.logs": str(LOGS),
    "server.directories.plugins": str(HOME / "plugins"),
    "server.directories.import": str(HOME / "import"),
    # the user log to standard output too (see user-logs.xml)
    "server.logs.user.config": str(HOME / "user-logs.xml"),
}
#: Defaults the environment may override: a container answers on its own interfaces.
DEFAULTS = {
    "server.default_listen_address": "0.0.0.0",
    "server.https.enabled": "false",
    "dbms.usage_report.enabled": "false",
    "server.memory.heap.max_size": "1g",
    "server.memory.pagecache.size": "512m",
}
#: Variables of the official image that are not settings.
NOT_SETTINGS = {"NEO4J_AUTH", "NEO4J_HOME", "NEO4J_CONF", "NEO4J_ACCEPT_LICENSE_AGREEMENT"}


def setting_name(variable: str) -> str:
    """``NEO4J_server_memory_heap_max__size`` -> ``server.memory.heap.max_size``."""
    return re.sub(r"(?<!_)_(?!_)", ".", variable[len("NEO4J_") :]).replace("__", "_")


def settings_from(environ: dict[str, str]) -> dict[str, str]:
    settings = dict(DEFAULTS)
    for key, value in environ.items():
        if key.startswith("NEO4J_") and key not in NOT_SETTINGS:
            settings[setting_name(key)] = value
    settings.update(FIXED)
    return settings


def fail(message: str) -> None:
    print(f"neo4j entrypoint: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def main() -> None:
    settings = settings_from(dict(os.environ))
    auth = os.environ.get("NEO4J_AUTH", "")
    password = None
    if auth == "none":
        settings["dbms.security.auth_enabled"] = "false"
    else:
        user, _, password = auth.partition("/")
        if user != "neo4j" or not password:
            fail("set NEO4J_AUTH=neo4j/<password> (or none); it was not set or not in that form")
        if password == "neo4j" or len(password) < 8:
            fail(
                "the password in NEO4J_AUTH must not be the stock 'neo4j' and needs 8 or more characters"
            )
        settings["dbms.security.auth_enabled"] = "true"
    CONF_DIR.mkdir(parents=True, exist_ok=True)
    (CONF_DIR / "neo4j.conf").write_text("".join(f"{k}={v}\n" for k, v in sorted(settings.items())))
    account = pwd.getpwnam(USER)
    for folder in (DATA, LOGS, HOME / "plugins", HOME / "import", CONF_DIR):
        folder.mkdir(parents=True, exist_ok=True)
        if os.getuid() == 0:  # a fresh volume belongs to root: hand it to the server's user
            subprocess.run(
                ["chown", "-R", f"{account.pw_uid}:{account.pw_gid}", str(folder)], check=True
            )
    if os.getuid() == 0:
        os.setgid(account.pw_gid)
        os.setuid(account.pw_uid)
    env = {**os.environ, "NEO4J_HOME": str(HOME), "NEO4J_CONF": str(CONF_DIR), "HOME": str(HOME)}
    classpath = f"{HOME / 'lib'}/*"
    # Neo4j applies an initial password only while the system database does not exist
    if password and not (DATA / "databases" / "system").exists():
        done = subprocess.run(
            [
                "java",
                "-cp",
                classpath,
                "org.neo4j.cli.AdminTool",
                "dbms",
                "set-initial-password",
                "--",
                password,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            fail(f"setting the initial password failed:\n{done.stdout}{done.stderr}")
    heap = settings["server.memory.heap.max_size"]
    initial = settings.get("server.memory.heap.initial_size", heap)
    os.execvpe(
        "java",
        [
            "java",
            f"-Xms{initial}",
            f"-Xmx{heap}",
            "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError",
            "-Dfile.encoding=UTF-8",
            "-cp",
            classpath,
            "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={HOME}",
            f"--config-dir={CONF_DIR}",
            # in the foreground, as `neo4j console` runs it: the log's console appender
            # writes (a daemon suppresses it)
            "--console-mode",
        ],
        env,
    )


if __name__ == "__main__":
    main()
