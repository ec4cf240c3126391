"""The schema in ``cypher/schema/``: idempotent constraints and indexes, and their version.

Files are applied in name order; the highest file number is the schema version and a
digest of all files tells whether the database has exactly this schema. Applying twice
changes nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from neo4j import AsyncDriver
from neo4j.exceptions import DriverError, Neo4jError

from graph.domain import DOMAIN, Domain, names
from graph.store.cypher import SCHEMA_DIR, query
from graph.store.db import create_driver
from graph.store.settings import Settings, get_settings
from graph.store.stored_shapes import WHOLE_FROM, store_whole

#: Generated from the domain declaration (``make domain``); a test fails while it is stale.
RELATIONSHIP_IDS_FILE = SCHEMA_DIR / "003_relationship_ids.cypher"

_RELATIONSHIP_IDS_HEADER = """\
// Generated from graph/domain/domain.yaml by `make domain`; do not edit.
// Identity of facts: a relationship's id (from|TYPE|to[|key]) is unique within its type,
// one constraint per type the domain declares. Concurrent writers of one new fact cannot
// both create it: the second fails, and the service retries its transaction, which then
// finds the fact and adds to it. The constraint's index also serves lookups of one type's
// fact by id.
"""


def relationship_constraints(domain: Domain = DOMAIN) -> str:
    """The uniqueness constraint on ``id`` of every declared relationship type, as Cypher.

    Example:
        >>> relationship_constraints().splitlines()[6]
        'CREATE CONSTRAINT holds_role_id IF NOT EXISTS FOR ()-[r:HOLDS_ROLE]-() REQUIRE r.id IS UNIQUE;'
    """
    lines = [
        f"CREATE CONSTRAINT {name.lower()}_id IF NOT EXISTS "
        f"FOR ()-[r:{name}]-() REQUIRE r.id IS UNIQUE;"
        for name in domain.relationships
    ]
    return _RELATIONSHIP_IDS_HEADER + "\n".join(lines) + "\n"


#: Generated too: the indexes on each fact's ends, one pair per declared type.
RELATIONSHIP_ENDS_FILE = SCHEMA_DIR / "006_relationship_ends.cypher"
#: The schema version from which every fact stores its ends (older graphs are backfilled).
ENDS_STORED_FROM = 6

_RELATIONSHIP_ENDS_HEADER = """\
// Generated from graph/domain/domain.yaml by `make domain`; do not edit.
// The ends of facts: every fact stores its ends' ids (from_id, to_id), and each type has
// an index on them both ways round. A walk through a hub reads the hub's facts of a type
// in the order of the far end's id, a page at a time, from these indexes
// (reach_level_by_id), instead of reading every fact of the hub to sort them.
"""


def relationship_end_indexes(domain: Domain = DOMAIN) -> str:
    """The two indexes on the ends of every declared relationship type, as Cypher.

    Example:
        >>> relationship_end_indexes().splitlines()[5]
        'CREATE INDEX holds_role_out IF NOT EXISTS FOR ()-[r:HOLDS_ROLE]-() ON (r.from_id, r.to_id);'
    """
    lines = []
    for name in domain.relationships:
        for way, ends in (("out", "r.from_id, r.to_id"), ("in", "r.to_id, r.from_id")):
            lines.append(
                f"CREATE INDEX {name.lower()}_{way} IF NOT EXISTS FOR ()-[r:{name}]-() ON ({ends});"
            )
    return _RELATIONSHIP_ENDS_HEADER + "\n".join(lines) + "\n"


#: The schema version from which every entity stores its names' folded keys (``name_keys``).
NAME_KEYS_STORED_FROM = 7
#: how many entities' names one transaction of that backfill folds
NAME_KEYS_BATCH = 5_000


async def store_name_keys(driver: AsyncDriver, database: str) -> int:
    """Fold and store the names of entities stored before their keys were (version 7), a
    batch per transaction, until none is left; how many. Folding is Python's
    (:func:`graph.domain.names.name_keys`), so it cannot be one Cypher statement."""
    stored, after = 0, ""
    while True:
        records, _, _ = await driver.execute_query(
            query("entities_without_name_keys"),
            after=after,
            batch=NAME_KEYS_BATCH,
            database_=database,
        )
        if not records:
            return stored
        rows = [{"id": r["id"], "keys": names.name_keys(r["name"], r["aliases"])} for r in records]
        await driver.execute_query(query("store_name_keys"), rows=rows, database_=database)
        stored, after = stored + len(rows), rows[-1]["id"]


#: The schema files derived from the declaration, and what makes each.
GENERATED: dict[Path, Callable[[], str]] = {
    RELATIONSHIP_IDS_FILE: relationship_constraints,
    RELATIONSHIP_ENDS_FILE: relationship_end_indexes,
}


def _schema_texts() -> list[tuple[str, str]]:
    """Each schema file's name and text, the generated ones as the domain in use has them."""
    return [
        (path.name, GENERATED[path]() if path in GENERATED else path.read_text())
        for path in sorted(SCHEMA_DIR.glob("*.cypher"))
    ]


def schema_statements() -> list[str]:
    statements = []
    for _, text in _schema_texts():
        code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
        statements += [s.strip() for s in code.split(";") if s.strip()]
    return statements


def expected_version() -> tuple[int, str]:
    texts = _schema_texts()
    digest = hashlib.sha256("".join(text for _, text in texts).encode()).hexdigest()[:16]
    return int(texts[-1][0].split("_", 1)[0]), digest


async def applied_version(driver: AsyncDriver, database: str) -> tuple[int, str] | None:
    """The schema the database holds as this process sees it: this process's own
    ``(version, digest)`` when that digest was ever applied (another declaration may have
    been applied since, by another process), else the latest one recorded."""
    records, _, _ = await driver.execute_query(
        query("schema_version"), database_=database, routing_="r"
    )
    if not records:
        return None
    version, digest = records[0]["version"], records[0]["digest"]
    wanted = expected_version()
    if wanted[1] in records[0]["digests"] and version >= wanted[0]:
        return wanted
    return version, digest


async def apply_schema(
    driver: AsyncDriver, database: str, *, written_whole: bool = False
) -> tuple[int, str]:
    """Apply every schema statement, wait for the indexes, store what a graph from before
    a version lacks (the ends of facts from 6, the folded keys of names from 7, whole
    attestation lists and entity claims from 8), and record the version.

    ``written_whole``: every item was just written in this version's shape (a bulk import
    of the write path's own plan), so nothing is looked for to fill in.
    """
    before = expected_version() if written_whole else await applied_version(driver, database)
    # schema statements cannot share a transaction with writes, so each runs on its own
    for statement in schema_statements():
        await driver.execute_query(statement, database_=database)
    await driver.execute_query(query("await_indexes"), database_=database)
    if before is None or before[0] < ENDS_STORED_FROM:
        # in batches of its own transactions: an implicit (auto-commit) transaction
        async with driver.session(database=database) as session:
            await (await session.run(query("store_relationship_ends"))).consume()
    if before is None or before[0] < NAME_KEYS_STORED_FROM:
        await store_name_keys(driver, database)
    if before is None or before[0] < WHOLE_FROM:
        await store_whole(driver, database)
    version, digest = expected_version()
    await driver.execute_query(
        query("record_schema_version"),
        version=version,
        digest=digest,
        applied_at=datetime.now(UTC).isoformat(),
        database_=database,
    )
    return version, digest


async def keep_applying(
    driver: AsyncDriver,
    database: str,
    *,
    every: float = 5.0,
    log: Callable[[str], None],
    written_whole: bool = False,
) -> tuple[int, str]:
    """Apply the schema, again every ``every`` seconds until the database takes it.

    A service started before its database becomes ready once the database is up, without
    its readiness probe writing anything.
    """
    while True:
        try:
            return await apply_schema(driver, database, written_whole=written_whole)
        except (DriverError, Neo4jError, OSError) as exc:
            log(f"schema not applied yet ({type(exc).__name__}); trying again in {every:g} s")
        await asyncio.sleep(every)


async def _main(command: str, settings: Settings) -> int:
    driver = create_driver(settings)
    try:
        if command == "apply":
            version, digest = await apply_schema(driver, settings.neo4j_database)
            print(f"schema version {version} ({digest}) applied")
            return 0
        current = await applied_version(driver, settings.neo4j_database)
        wanted = expected_version()
        print(f"database: {current}; files: {wanted}")
        return 0 if current == wanted else 1
    finally:
        await driver.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kg-schema", description=__doc__)
    parser.add_argument("command", choices=["apply", "status"])
    args = parser.parse_args(argv)
    return asyncio.run(_main(args.command, get_settings()))


if __name__ == "__main__":
    sys.exit(main())
