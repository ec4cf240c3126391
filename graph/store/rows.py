"""Rows of named queries: each query file run with its parameters, its records as plain
dicts, and the revision head a read of several queries is pinned to (see
:meth:`graph.store.db.Graph.read`), read before its first query or by that query itself.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

import neo4j
from neo4j import AsyncManagedTransaction, AsyncTransaction
from neo4j.graph import Node, Path, Relationship

from graph.store.cypher import query, sent
from graph.store.moment import Moment

_SCALARS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """A value as ``Record.data()`` gives it, found by exact types first (the driver's
    converter asks each nested value about abstract types: ~6 ms of a page of facts).

    Example:
        >>> plain({"a": [1, {"b": None}], "c": "x"})
        {'a': [1, {'b': None}], 'c': 'x'}
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [plain(v) for v in value]
    if kind is dict:
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, Node):
        return plain(dict(value))
    if isinstance(value, Relationship):
        start, end = (plain(dict(n or {})) for n in (value.start_node, value.end_node))
        return (start, value.type, end)
    if isinstance(value, Path):
        path = [plain(value.start_node)]
        for hop, node in zip(value.relationships, value.nodes[1:], strict=True):
            path += [hop.type, plain(node)]
        return path
    return value  # temporal and spatial values, as the driver gives them


def _row(record: neo4j.Record) -> dict[str, Any]:
    """One record as a dict of plain values (see :func:`plain`)."""
    return dict(zip(record.keys(), map(plain, record.values()), strict=True))


@cache
def moment_parameters(query_name: str) -> frozenset[str]:
    """The moment parameters (``known_at``, ``include_retracted``) a query file reads.

    Example:
        >>> sorted(moment_parameters("entity_by_id"))
        ['include_retracted', 'known_at']
    """
    text = query(query_name)
    return frozenset(p for p in Moment().params() if f"${p}" in text)


def bound(query_name: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A query's text and its parameters, refused when it reads the graph at a moment and
    its caller named none: a forgotten moment would silently read the present.

    Example:
        >>> bound("resolve_ids", {"ids": ["tsmc"]})
        Traceback (most recent call last):
        ...
        TypeError: resolve_ids reads the graph at a moment: pass known_at (a Moment's params(), NOW's for the present)
    """
    missing = sorted(moment_parameters(query_name) - params.keys())
    if missing:
        raise TypeError(
            f"{query_name} reads the graph at a moment: pass {', '.join(missing)} "
            "(a Moment's params(), NOW's for the present)"
        )
    return sent(query_name), params


class Rows:
    """Runs named queries in one open transaction; each call's rows stream as they come."""

    def __init__(self, tx: AsyncTransaction) -> None:
        self.tx = tx

    async def __call__(self, query_name: str, /, **params: Any) -> AsyncIterator[dict[str, Any]]:
        result = await self.tx.run(*bound(query_name, params))
        async for record in result:
            yield _row(record)


#: the column a query's rows carry when its first read is the revision head
HEAD = "revision_head"
#: the queries that read the revision head first (``HEAD``), before any other node:
#: begun with, they save a read of several queries a round trip of its own for the head
READS_HEAD_FIRST = frozenset({"resolve_id"})
#: the column of a query that reads the revision head last, after every other read (a
#: walk's page of facts, the paths): ended with, a read of several queries needs no round
#: trip of its own to check the head
HEAD_AFTER = "revision_head_after"


@dataclass
class Pin:
    """The revision head a read of several queries saw before its first query (None
    until that query has run): read by it when it is one of :data:`READS_HEAD_FIRST`,
    else by a query of its own just before it."""

    before: int | None = None
    started: bool = False
    #: the head the last query run read after its other reads (None when it read none)
    after: int | None = None


_PIN: ContextVar[Pin | None] = ContextVar("kg_read_pin", default=None)


@contextmanager
def pinning() -> Iterator[Pin]:
    """The queries :func:`run` runs meanwhile (in this task) record the head before the first."""
    pin = Pin()
    token = _PIN.set(pin)
    try:
        yield pin
    finally:
        _PIN.reset(token)


async def revision_head(tx: AsyncManagedTransaction) -> int:
    """The number of the last revision recorded (0 before any)."""
    return int((await _rows(tx, "revision_head", {}))[0]["head"])


async def run(
    tx: AsyncManagedTransaction, query_name: str, /, **params: Any
) -> list[dict[str, Any]]:
    """Run one named query inside a transaction function; rows as dicts. A query that
    reads the graph at a moment needs its moment named: ``known_at`` and
    ``include_retracted`` as it reads them (see :mod:`graph.store.moment`, :func:`bound`).
    The first query of a pinned read (:func:`pinning`) has the head read before it
    (unless it reads it first itself); a query answering :data:`HEAD_AFTER` leaves the
    head it read last on the pin."""
    pin = _PIN.get()
    if pin is None:
        return await _rows(tx, query_name, params)
    if not pin.started and query_name not in READS_HEAD_FIRST:
        pin.before = await revision_head(tx)
    rows = await _rows(tx, query_name, params)
    if not pin.started and query_name in READS_HEAD_FIRST:
        pin.before = int(rows[0][HEAD])  # such a query answers one row at least: the head
    pin.started = True
    pin.after = int(rows[0][HEAD_AFTER]) if rows and HEAD_AFTER in rows[0] else None
    return rows


async def _rows(
    tx: AsyncManagedTransaction, query_name: str, params: dict[str, Any]
) -> list[dict[str, Any]]:
    result = await tx.run(*bound(query_name, params))
    return [_row(record) async for record in result]
