"""``neo4j-admin database import full`` into a stopped local server's database, undoably.

The database's store folders are moved aside first (the database is empty: nothing big
is moved), so a failed import leaves the database as it was: :meth:`StoreBackup.restore`
puts them back, and the caller can do the same later should anything after the import
fail. The tool is the Community jars' own entry point (``org.neo4j.cli.AdminTool``), run
with the server's configuration, as ``bin/neo4j-admin`` would run it.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j_local.artifacts import ensure_distribution
from neo4j_local.errors import ProvisioningError
from neo4j_local.server import LocalServer, find_java

#: The import tool's own memory; the page cache and its buffers are off-heap, capped too.
IMPORT_HEAP = "1g"
IMPORT_OFF_HEAP = "2g"


@dataclass
class StoreBackup:
    """A database's store folders, moved aside before an import."""

    moved: list[tuple[Path, Path]]  # (where it belongs, where it is kept)
    folder: Path

    def restore(self) -> None:
        """Put the store back as it was, deleting whatever the import wrote in its place."""
        for original, kept in self.moved:
            if original.exists():
                shutil.rmtree(original)
            if kept.exists():
                kept.rename(original)
        shutil.rmtree(self.folder, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def store_folders(server: LocalServer, database: str) -> list[Path]:
    return [server.data_dir / "databases" / database, server.data_dir / "transactions" / database]


def move_store_aside(server: LocalServer, database: str) -> StoreBackup:
    folder = server.home / f"bulk-backup-{int(time.time())}"
    folder.mkdir(parents=True)
    backup = StoreBackup([], folder)
    for original in store_folders(server, database):
        if original.exists():
            kept = folder / original.parent.name
            original.rename(kept)
            backup.moved.append((original, kept))
    return backup


def import_command(
    server: LocalServer,
    database: str,
    nodes: list[tuple[str, Path]],
    relationships: list[tuple[str, Path]],
    *,
    array_delimiter: str,
    multiline: bool,
    report: Path,
) -> list[str]:
    """The java command line: strict (one bad entry fails the import), every field
    quoted; ``--trim-strings`` trims list elements only (quoted strings keep their spaces)."""
    lib = ensure_distribution()
    return [
        str(find_java()),
        f"-Xmx{IMPORT_HEAP}",
        "-cp",
        f"{lib}/*",
        "org.neo4j.cli.AdminTool",
        "database",
        "import",
        "full",
        f"--array-delimiter=U+{ord(array_delimiter):04X}",
        "--trim-strings=true",
        f"--multiline-fields={'true' if multiline else 'false'}",
        "--bad-tolerance=0",
        "--strict=true",
        "--skip-bad-relationships=false",
        f"--max-off-heap-memory={IMPORT_OFF_HEAP}",
        f"--report-file={report}",
        *(f"--nodes={labels}={path}" for labels, path in nodes),
        *(f"--relationships={rel_type}={path}" for rel_type, path in relationships),
        "--",
        database,
    ]


def import_full(server: LocalServer, database: str, command: list[str]) -> StoreBackup:
    """Run the import into the stopped ``server``; the store it replaced is kept aside.

    Raises :class:`ProvisioningError` (the store put back as it was) when the server is
    running or the import fails, with the tool's last lines.
    """
    if server.pid() is not None:
        raise ProvisioningError(f"the local Neo4j in {server.home} is running; stop it first")
    backup = move_store_aside(server, database)
    env = server.tool_env()
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except OSError as exc:
        backup.restore()
        raise ProvisioningError(f"neo4j-admin database import could not run: {exc}") from exc
    if done.returncode != 0:
        backup.restore()
        lines = (done.stdout + done.stderr).strip().splitlines()[-15:]
        raise ProvisioningError(
            f"neo4j-admin database import failed (exit {done.returncode}); the database "
            "was left as it was. Its last lines:\n" + "\n".join(lines)
        )
    return backup
