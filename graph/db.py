"""The service's handle on Neo4j: one async driver, routed read and write transactions.

Reads run in read transactions and writes in write transactions through the driver's
managed ``execute_read``/``execute_write``, so transient errors are retried and a
cluster or Aura routes each to the right member. Every transaction has a timeout.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import neo4j
from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction
from neo4j.exceptions import (
    ClientError,
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph.cypher import query
from graph.errors import Conflict, DatabaseUnavailable, QueryTimeout
from graph.settings import Settings

T = TypeVar("T")
TxWork = Callable[[AsyncManagedTransaction], Awaitable[T]]

#: How often a write is planned and run again when a concurrent writer got there first.
WRITE_ATTEMPTS = 5


class ConcurrentChange(Exception):
    """Raised inside a write when the graph changed under its plan; the write is run again."""


def create_driver(settings: Settings) -> AsyncDriver:
    return AsyncGraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_username, settings.neo4j_password.get_secret_value()),
        connection_timeout=settings.connection_timeout_seconds,
        connection_acquisition_timeout=settings.connection_timeout_seconds,
        # a dead database must turn into a quick 503, not a request that hangs for 30 s
        max_transaction_retry_time=settings.connection_timeout_seconds,
        user_agent="kg-service",
        # the queries are reviewed files; server notifications would only fill the logs
        notifications_min_severity="OFF",
    )


@dataclass
class GraphEvents:
    """Hooks for whoever watches the database traffic (the API's metrics); no-ops by default."""

    transaction_started: Callable[[], None] = lambda: None
    transaction_ended: Callable[[], None] = lambda: None
    failed: Callable[[str], None] = lambda _kind: None


class Graph:
    """Runs named queries and transaction functions against one database.

    ``bookmarks`` make reads wait for writes a client has already seen (read-your-own-writes
    across cluster members); ``on_bookmarks`` receives the bookmarks of each write.

    Example:
        >>> graph = Graph(create_driver(settings), settings)     # doctest: +SKIP
        >>> rows = await graph.read_query("count_entities_by_kind")  # doctest: +SKIP
    """

    def __init__(
        self,
        driver: AsyncDriver,
        settings: Settings,
        *,
        bookmarks: list[str] | None = None,
        on_bookmarks: Callable[[list[str]], None] | None = None,
        events: GraphEvents | None = None,
    ) -> None:
        self.driver = driver
        self.database = settings.neo4j_database
        self.timeout = settings.query_timeout_seconds
        self.bookmarks = neo4j.Bookmarks.from_raw_values(bookmarks) if bookmarks else None
        self.on_bookmarks = on_bookmarks
        self.events = events or GraphEvents()

    async def read(self, work: TxWork[T], *, tx_timeout: float | None = None) -> T:
        return await self._run(work, neo4j.READ_ACCESS, tx_timeout)

    async def write(self, work: TxWork[T], *, tx_timeout: float | None = None) -> T:
        """Run ``work`` in a write transaction, again from the start if another writer won a race.

        Two writers of one new fact both find it missing; the second to commit breaks its
        type's uniqueness constraint. A fact's end deleted between plan and write leaves a
        row unwritten (:class:`ConcurrentChange`). Either way the transaction rolled back,
        and ``work``, which plans from what is stored, runs again and sees the winner's write.
        """
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                return await self._run(work, neo4j.WRITE_ACCESS, tx_timeout)
            except (ConstraintError, ConcurrentChange) as exc:
                if attempt == WRITE_ATTEMPTS:
                    raise Conflict(
                        f"concurrent writes kept changing these items ({exc}); try again"
                    ) from exc
        raise AssertionError("unreachable")

    async def read_query(self, query_name: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run ``cypher/queries/<name>.cypher`` in a read transaction; rows as dicts."""

        async def work(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
            return await run(tx, query_name, **params)

        return await self.read(work)

    async def _run(self, work: TxWork[T], mode: str, tx_timeout: float | None) -> T:
        timeout = tx_timeout or self.timeout
        timed = neo4j.unit_of_work(timeout=timeout)(work)
        self.events.transaction_started()
        try:
            async with self.driver.session(
                database=self.database, default_access_mode=mode, bookmarks=self.bookmarks
            ) as session:
                if mode == neo4j.READ_ACCESS:
                    return await session.execute_read(timed)
                result = await session.execute_write(timed)
                if self.on_bookmarks is not None:
                    self.on_bookmarks(list((await session.last_bookmarks()).raw_values))
                return result
        except (ServiceUnavailable, SessionExpired) as exc:
            self.events.failed("unavailable")
            raise DatabaseUnavailable(f"Neo4j is unavailable: {exc}") from exc
        except ClientError as exc:
            if exc.code and "TransactionTimedOut" in exc.code:
                self.events.failed("timeout")
                raise QueryTimeout(
                    f"the query ran longer than {timeout:g}s and was stopped"
                ) from exc
            self.events.failed("client")
            raise
        except (DriverError, Neo4jError) as exc:
            if isinstance(exc, Neo4jError) and exc.code and exc.code.startswith("Neo.ClientError"):
                self.events.failed("client")
                raise
            self.events.failed("unavailable")
            raise DatabaseUnavailable(f"Neo4j failed: {exc}") from exc
        finally:
            self.events.transaction_ended()


async def run(
    tx: AsyncManagedTransaction, query_name: str, /, **params: Any
) -> list[dict[str, Any]]:
    """Run one named query inside a transaction function; rows as dicts."""
    result = await tx.run(query(query_name), params)
    return [record.data() async for record in result]


async def server_info(driver: AsyncDriver, database: str) -> dict[str, str]:
    """Version and edition of the server, for ``/readyz``."""
    records, _, _ = await driver.execute_query(
        query("server_components"),
        database_=database,
        routing_=neo4j.RoutingControl.READ,
    )
    return {"version": records[0]["version"], "edition": records[0]["edition"]}
