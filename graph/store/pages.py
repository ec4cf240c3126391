"""Answers in id order, a page at a time, with the one signed cursor
(:mod:`graph.domain.cursors`): what the entity, source and dispute lists share."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

from graph.domain import cursors
from graph.store.db import Graph


class HasId(Protocol):
    @property
    def id(self) -> str: ...


class PagedQuestion(Protocol):
    """A read's question model with a page (:class:`graph.domain.questions.Question`)."""

    @property
    def cursor(self) -> str | None: ...

    @property
    def limit(self) -> int: ...

    def asked(self, *about: str, **moment: Any) -> dict[str, Any]: ...


T = TypeVar("T", bound=HasId)


async def page_by_id(
    graph: Graph, asked: PagedQuestion, fetch: Callable[[str, int], Awaitable[list[T]]]
) -> tuple[list[T], str | None]:
    """The page ``fetch(after, limit)`` reads after the cursor's id (at the graph's
    moment), and the cursor of the next page: none after a page that is not full."""
    question, key = asked.asked(**graph.moment.params()), graph.signing_key
    items = await fetch(cursors.decode_after(asked.cursor, question, key=key), asked.limit)
    return items, cursors.after_last(question, [i.id for i in items], asked.limit, key)
