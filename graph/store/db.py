"""The service's handle on Neo4j: one async driver, routed read and write transactions.

Reads run in read transactions and writes in write transactions through the driver's
managed ``execute_read``/``execute_write``, so transient errors are retried and a
cluster or Aura routes each to the right member. Every transaction has a timeout.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import neo4j
from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction
from neo4j.exceptions import (
    AuthError,
    ConstraintError,
    DriverError,
    Neo4jError,
)

from graph.errors import Conflict, DatabaseUnavailable, InvalidBookmark, QueryTimeout
from graph.store.cypher import query
from graph.store.moment import NOW, Moment
from graph.store.rows import Rows, pinning, revision_head, run
from graph.store.settings import Settings

__all__ = ["Author", "ConcurrentChange", "Graph", "GraphEvents", "Rows", "create_driver", "run"]

log = logging.getLogger("kg.graph")
#: A node the write matched was deleted by a transaction that committed while this one
#: waited for its lock, or what the write read was changed by one that committed after
#: it read (two chunks of a seed, one committing while the next plans): the write is
#: planned again, from what is stored now.
OUTDATED = "Neo.TransientError.Transaction.Outdated"
REPLAN_CODES = frozenset({"Neo.ClientError.Statement.EntityNotFound", OUTDATED})
#: Server codes for a bookmark the database cannot use: the client's error, not ours.
BOOKMARK_CODES = ("Neo.ClientError.Transaction.InvalidBookmark",)

T = TypeVar("T")
TxWork = Callable[[AsyncManagedTransaction], Awaitable[T]]

#: Rows the driver asks for at a time while streaming (its buffer, and so its memory).
STREAM_FETCH_SIZE = 500

#: How often a write is planned and run again when a concurrent writer got there first.
WRITE_ATTEMPTS = 5


#: a read that saw writes commit between its queries is tried this many times before it
#: holds writes back (see Graph.read), for at most HOLD_SECONDS
READ_ATTEMPTS = 3
HOLD_SECONDS = 2.0


class _Moved(Exception):
    """Writes committed while a read of several queries ran (see :meth:`Graph.read`)."""


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


@dataclass(frozen=True)
class Author:
    """Who writes, and why: every revision a write records keeps both (see graph.history.revisions)."""

    by: str = "unknown"
    reason: str | None = None


@dataclass
class GraphEvents:
    """Hooks for whoever watches the database traffic (the API's metrics); no-ops by default."""

    transaction_started: Callable[[], None] = lambda: None
    transaction_ended: Callable[[], None] = lambda: None
    failed: Callable[[str], None] = lambda _kind: None
    #: a read of several queries saw a write commit meanwhile, and is run again
    #: ("retried"), or at last holding writes back ("held")
    read_again: Callable[[str], None] = lambda _how: None


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
        author: Author | None = None,
        moment: Moment = NOW,
    ) -> None:
        self.driver = driver
        self.author = author or Author()
        self.moment = moment
        self.database = settings.neo4j_database
        self.timeout = settings.query_timeout_seconds
        self.signing_key = settings.signing_key
        self.bookmarks = neo4j.Bookmarks.from_raw_values(bookmarks) if bookmarks else None
        self.on_bookmarks = on_bookmarks
        self.events = events or GraphEvents()

    async def read(
        self, work: TxWork[T], *, tx_timeout: float | None = None, one_moment: bool = True
    ) -> T:
        """Run ``work`` in a read transaction, its queries all seeing one moment.

        Neo4j's transactions read what has committed when each query runs, so an answer
        read in several queries could mix two states of the graph (a fact from before a
        retraction, its end from after). Every write moves the revision head
        (:mod:`graph.history.revisions`), so the head is read before and after ``work`` (by its
        first and last queries themselves when they can, :mod:`graph.store.rows`); if a write
        committed in between, ``work`` runs again. After :data:`READ_ATTEMPTS` tries it
        runs once more holding the revision log's lock, which keeps writes from
        committing until it ends (so under a stream of writes it still answers, and the
        writes wait a moment), for at most :data:`HOLD_SECONDS`: a read longer than that
        is refused (503, try again) rather than stall every writer. ``one_moment=False``
        is for work of one query.
        """
        if not one_moment:
            return await self._run(work, neo4j.READ_ACCESS, tx_timeout)

        async def pinned(tx: AsyncManagedTransaction) -> T:
            # the head before: read by the work's first query, or just before it (graph.store.rows)
            with pinning() as pin:
                result = await work(tx)
            # the head after: read by the work's last query itself when that can
            if pin.started and pin.before != (
                pin.after if pin.after is not None else await revision_head(tx)
            ):
                raise _Moved
            return result

        for _ in range(READ_ATTEMPTS):
            try:
                return await self._run(pinned, neo4j.READ_ACCESS, tx_timeout)
            except _Moved:
                self.events.read_again("retried")

        async def held(tx: AsyncManagedTransaction) -> T:
            await run(tx, "hold_revision_log")
            return await work(tx)

        self.events.read_again("held")
        try:
            # writes wait while it runs: no longer than HOLD_SECONDS (and Neo4j's next
            # check of transaction timeouts)
            return await self._run(
                held, neo4j.WRITE_ACCESS, min(HOLD_SECONDS, tx_timeout or self.timeout)
            )
        except QueryTimeout as exc:
            raise DatabaseUnavailable(
                "writes kept changing the graph while this answer was read, and it takes "
                f"longer than the {HOLD_SECONDS:g}s writes may be held back for it; try again"
            ) from exc

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
            except (ConstraintError, ConcurrentChange, Neo4jError) as exc:
                if (
                    isinstance(exc, Neo4jError)
                    and not isinstance(exc, ConstraintError)
                    and (exc.code not in REPLAN_CODES)
                ):
                    raise
                if attempt == WRITE_ATTEMPTS:
                    log.warning("write gave up after %d attempts: %s", attempt, exc)
                    raise Conflict(
                        "concurrent writes kept changing these items; try again"
                    ) from exc
        raise AssertionError("unreachable")

    @asynccontextmanager
    async def streaming_read(self, *, tx_timeout: float | None = None) -> AsyncIterator[Rows]:
        """One read transaction whose queries' rows arrive as the server sends them, so
        memory stays bounded however many there are.

        Not retried (rows already handed on cannot be taken back); failures are the same
        domain errors a read raises.

        Example:
            >>> async with graph.streaming_read() as rows:          # doctest: +SKIP
            ...     async for row in rows("export_sources", ids=None, known_at=None):
            ...         print(row["id"])
        """
        timeout = tx_timeout or self.timeout
        self.events.transaction_started()
        try:
            async with self.driver.session(
                database=self.database,
                default_access_mode=neo4j.READ_ACCESS,
                bookmarks=self.bookmarks,
                fetch_size=STREAM_FETCH_SIZE,
            ) as session:
                tx = await session.begin_transaction(timeout=timeout)
                async with tx:
                    yield Rows(tx)
        except (DriverError, Neo4jError) as exc:
            raise self._domain_error(exc, timeout) from exc
        finally:
            self.events.transaction_ended()

    async def read_query(self, query_name: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run ``cypher/queries/<name>.cypher`` in a read transaction; rows as dicts."""

        async def work(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
            return await run(tx, query_name, **params)

        return await self.read(work, one_moment=False)

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
                written = await session.last_bookmarks()
                # this handle's later reads see its own writes (a restore then read back)
                self.bookmarks = written
                if self.on_bookmarks is not None:
                    self.on_bookmarks(list(written.raw_values))
                return result
        except (DriverError, Neo4jError) as exc:
            if mode == neo4j.WRITE_ACCESS and getattr(exc, "code", None) == OUTDATED:
                # the driver's own retries ran out of time (a long chunk): plan it again
                raise
            raise self._domain_error(exc, timeout) from exc
        finally:
            self.events.transaction_ended()

    def _domain_error(self, exc: DriverError | Neo4jError, timeout: float) -> Exception:
        """The domain error a driver or server failure stands for.

        Driver and server text (exception names, codes, addresses, constraint names) goes
        to the log, under the request being served; the error carries a plain sentence.
        """
        code = exc.code if isinstance(exc, Neo4jError) else None
        if isinstance(exc, ConstraintError):
            return exc  # Graph.write plans again
        if isinstance(exc, AuthError) or (code or "").startswith("Neo.ClientError.Security."):
            self.events.failed("auth")
            log.error(
                "Neo4j refused the service's credentials: check NEO4J_USERNAME and "
                "NEO4J_PASSWORD (%s)",
                code,
            )
            return DatabaseUnavailable("the service cannot log in to the database")
        if code and code.startswith(BOOKMARK_CODES):
            self.events.failed("client")
            log.info("bookmark refused by Neo4j: %s", code)
            return InvalidBookmark("the bookmark is not one this service gave out")
        if code and "TransactionTimedOut" in code:
            self.events.failed("timeout")
            return QueryTimeout(f"the query ran longer than {timeout:g}s and was stopped")
        if isinstance(exc, Neo4jError) and code and code.startswith("Neo.ClientError"):
            self.events.failed("client")
            return exc  # a defect of ours, not the client's or the database's: a logged 500
        self.events.failed("unavailable")
        log.warning("Neo4j unavailable: %s: %s", type(exc).__name__, exc)
        return DatabaseUnavailable("the database is unavailable; try again shortly")


async def server_info(driver: AsyncDriver, database: str) -> dict[str, str]:
    """Version and edition of the server, for ``/readyz``."""
    records, _, _ = await driver.execute_query(
        query("server_components"),
        database_=database,
        routing_=neo4j.RoutingControl.READ,
    )
    return {"version": records[0]["version"], "edition": records[0]["edition"]}
