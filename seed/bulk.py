"""``kg-seed --bulk``: load seed files into the local server's empty database with
``neo4j-admin database import full``, the same graph the normal seeding writes.

Refused (nothing stopped, nothing written) unless ``NEO4J_URI`` is the local server
(``NEO4J_LOCAL_DIR`` and its ports, as ``make neo4j`` starts it), that server is running,
and its database is empty. Then: every file is checked and planned by the write path's
columnar plan (:mod:`graph.writes.columnar`, the per-item check and plan where the
columns leave an item); the CSV files are written; the server is stopped, the import runs, the server
is started again, the schema applied, the entities' empty lists set and the few items the CSV could not
carry whole written again by the write path's upserts. Should anything from the import on fail, the
empty database is put back and the server restarted.
"""

from __future__ import annotations

import asyncio
import gc
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from graph.domain import BatchResult
from graph.errors import Conflict, InvalidInput
from graph.interop import load_files, locate_in_files, read_columns, without_spans
from graph.store import Author, Graph, Settings, create_driver, keep_applying
from graph.writes import (
    ARRAY_DELIMITER,
    ColumnarLoad,
    LoadFiles,
    apply_fixups,
    holds_data,
    plan_columns,
    plan_load,
    set_empty_lists,
    utc_now,
    write_load,
)
from neo4j_local.bulk_import import import_command, import_full
from neo4j_local.errors import ProvisioningError
from neo4j_local.server import CONF_HEADER, LocalServer

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
#: How long the restarted database may take to accept the schema.
SCHEMA_WAIT = 120.0


class BulkRefused(Exception):
    """Bulk mode cannot load this target; the message says why. Nothing was touched."""


class BulkFailed(Exception):
    """The import, or what follows it, failed; the empty database was put back."""


def local_server(settings: Settings) -> LocalServer:
    """The server ``make neo4j`` runs, as ``python -m neo4j_local`` finds it."""
    return LocalServer(
        home=Path(os.environ.get("NEO4J_LOCAL_DIR", ".neo4j")),
        bolt_port=int(os.environ.get("NEO4J_LOCAL_BOLT_PORT", "7687")),
        http_port=int(os.environ.get("NEO4J_LOCAL_HTTP_PORT", "7474")),
        password=settings.neo4j_password.get_secret_value(),
    )


def refusal(settings: Settings, server: LocalServer) -> str | None:
    """Why bulk mode cannot load the configured database, or None when it can."""
    uri = urlsplit(settings.neo4j_uri)
    local = f"bolt://127.0.0.1:{server.bolt_port}"
    if (
        uri.scheme not in ("bolt", "neo4j")
        or uri.hostname not in LOOPBACK
        or ((uri.port or 7687) != server.bolt_port)
    ):
        return (
            f"NEO4J_URI is {settings.neo4j_uri}, not the local Neo4j ({local}, the server in "
            f"{server.home}): bulk mode writes the database's files, so it loads only the "
            "local server's database; run kg-seed without --bulk to load another server"
        )
    conf = server.home / "conf" / "neo4j.conf"
    text = conf.read_text() if conf.exists() else ""
    if (
        not text.startswith(CONF_HEADER)
        or f"listen_address=127.0.0.1:{server.bolt_port}\n" not in text
    ):
        return (
            f"{server.home} holds no local Neo4j listening on {local} (set NEO4J_LOCAL_DIR "
            "and NEO4J_LOCAL_BOLT_PORT to the server's folder and port)"
        )
    if server.pid() is None:
        return f"the local Neo4j in {server.home} is not running: start it (make neo4j) first"
    if settings.neo4j_database != "neo4j":
        return (
            f"NEO4J_DATABASE is {settings.neo4j_database}: bulk mode loads only the local "
            "server's database 'neo4j'"
        )
    return None


async def _holds_data(settings: Settings) -> bool:
    driver = create_driver(settings)
    try:
        return await holds_data(Graph(driver, settings))
    finally:
        await driver.close()


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Python's cycle collector paused: a load builds millions of objects that live until
    it is written, and each collection walks them all again (half the time a file's
    validation takes); what they free, reference counting frees."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def plan_files(paths: list[Path]) -> ColumnarLoad:
    """Check and plan every file (raising :class:`~graph.interop.seeding.SeedError` naming file,
    item and field): what the import writes, and the counts the load makes."""
    with cyclic_gc_paused():
        return _plan_files(paths)


def _plan_files(paths: list[Path]) -> ColumnarLoad:
    # an empty graph holds no text to check a span against: spans are written by a
    # transactional seed once the texts are stored (kg-seed --texts DIR, without --bulk)
    columns = read_columns(paths)
    load = None if columns is None else plan_columns(columns, now=utc_now())
    if load is not None:
        return load
    # a file that does not validate, or a load the columns find wrong: read whole and
    # checked item by item, so the refusal names file, item and field
    batch, origins = load_files(paths)
    batch, _ = without_spans(batch, texts_stored=())
    try:
        return plan_load(batch, now=utc_now())
    except (InvalidInput, Conflict) as exc:
        raise locate_in_files(exc, batch, origins) from exc


@dataclass(frozen=True)
class BulkReport:
    """What a bulk load did (every item is created: the changes are not listed, the
    history holds one revision per item), and how long its steps took."""

    result: BatchResult
    revisions: int
    fixups: int
    import_seconds: float
    schema_version: int
    #: seconds: reading and checking the files, planning and writing the CSV files
    plan_seconds: float = 0.0
    #: seconds after the import: starting, the schema, the empty lists and the fix-ups
    finish_seconds: float = 0.0


async def _finish(settings: Settings, files: LoadFiles, load: ColumnarLoad) -> tuple[int, int]:
    """After the import: the schema (waiting for the database to open), the entities'
    empty lists, then the fix-ups."""
    driver = create_driver(settings)
    try:
        version, _ = await asyncio.wait_for(
            # the import wrote every item in this version's shape: nothing to fill in
            keep_applying(
                driver, settings.neo4j_database, every=1.0, log=lambda _m: None, written_whole=True
            ),
            SCHEMA_WAIT,
        )
        graph = Graph(driver, settings)
        await set_empty_lists(graph, files.empty_lists)
        fixed = await apply_fixups(graph, load.rest.fixups)
        return version, fixed
    finally:
        await driver.close()


def bulk_seed(
    settings: Settings,
    paths: list[Path],
    *,
    dry_run: bool = False,
    say: Callable[[str], None] = lambda _m: None,
    server: LocalServer | None = None,
) -> BulkReport:
    """Load ``paths`` into the local server's empty database by import (see the module);
    ``server`` is the one the environment names unless given (the benchmark's own)."""
    server = server or local_server(settings)
    why = refusal(settings, server)
    if why is None and asyncio.run(_holds_data(settings)):
        why = (
            f"the database at {settings.neo4j_uri} is not empty: bulk mode loads only an empty "
            "database; run kg-seed without --bulk to add to it, or `make reset` to empty it"
        )
    if why is not None:
        raise BulkRefused(why)
    names = ", ".join(p.name for p in paths)
    author = Author(by="kg-seed", reason=f"seeded from {names}")
    planning = time.monotonic()
    load = plan_files(paths)
    if dry_run:
        return BulkReport(load.result, load.items, len(load.rest.fixups), 0.0, 0)
    with tempfile.TemporaryDirectory(dir=server.home, prefix="bulk-import-") as folder:
        with cyclic_gc_paused():
            files = write_load(load, author, Path(folder))
        plan_seconds = time.monotonic() - planning
        say(f"planned {load.items} items and wrote the import's files ({plan_seconds:.1f} s)")
        command = import_command(
            server,
            settings.neo4j_database,
            files.csv.nodes,
            files.csv.relationships,
            array_delimiter=ARRAY_DELIMITER,
            multiline=files.csv.multiline,
            report=Path(folder) / "import.report",
        )
        say(f"stopping the local Neo4j in {server.home} to import")
        server.stop()
        started = time.monotonic()
        try:
            backup = import_full(server, settings.neo4j_database, command)
        except ProvisioningError as exc:
            server.start(log=say)
            raise BulkFailed(f"{exc}\nthe local Neo4j was started again") from exc
        seconds = time.monotonic() - started
    finishing = time.monotonic()
    try:
        server.start(log=say)
        version, fixed = asyncio.run(_finish(settings, files, load))
    except Exception as exc:
        server.stop()
        backup.restore()
        server.start(log=say)
        raise BulkFailed(
            f"after the import, {type(exc).__name__}: {exc}; the empty database was put "
            "back and the local Neo4j started again"
        ) from exc
    backup.discard()
    finish_seconds = time.monotonic() - finishing
    revisions = files.counts.get("Revision", 0)
    return BulkReport(load.result, revisions, fixed, seconds, version, plan_seconds, finish_seconds)


def describe(report: BulkReport, server_home: Path) -> str:
    r = report.result
    return (
        f"stopped the local Neo4j in {server_home}, imported {r.sources.created} sources, "
        f"{r.entities.created} entities, {r.relationships.created} relationships and "
        f"{report.revisions} revisions with neo4j-admin database import full "
        f"({report.import_seconds:.1f} s, after {report.plan_seconds:.1f} s reading, "
        f"checking and planning), started it again and applied the schema (version "
        f"{report.schema_version}, {report.finish_seconds:.1f} s with the empty lists set); "
        f"{report.fixups} items holding values the import cannot carry as written were "
        "written again by the write path's upserts"
    )
