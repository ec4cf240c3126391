"""JSON request bodies read strictly, so every odd body gets a precise answer:

- a body the service cannot read as sent (``Content-Encoding`` other than identity, a
  ``Content-Type`` other than JSON on a JSON route) is 415, naming the header;
- a key twice in one object is 422 pointing at it (JSON leaves duplicates undefined;
  silently keeping the last would store what the sender may not have meant);
- a number no field can hold (an integer beyond 64 bits, which Neo4j stores; a float
  beyond double range) is 422 pointing at it, where Python's parser would fail the whole
  body at 4,300 digits;
- a document nested past :data:`MAX_DEPTH` levels is 422, never a ``RecursionError``.

:func:`loads` is the one reader: the JSON routes' bodies (:class:`JsonBodyRoute`) and the
reconciliation routes' fields (forms carry JSON text) go through it.
"""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

#: Deeper than any document the API describes, and far from Python's recursion limit.
MAX_DEPTH = 64
INT64 = (-(2**63), 2**63 - 1)


class BodyRefused(Exception):
    """A body refused before it is validated: its status, problem slug, title, detail and
    the pointer to what is at fault (``header:<name>`` for a header)."""

    def __init__(
        self, status: int, slug: str, title: str, detail: str, pointer: str, reason: str = ""
    ) -> None:
        super().__init__(detail)
        self.status, self.slug, self.title, self.detail, self.pointer = (
            status,
            slug,
            title,
            detail,
            pointer,
        )
        #: the detail without the pointer
        self.reason = reason or detail


class _Flagged:
    """A value the parser met that no field can hold, found by :func:`_first_flag`."""

    def __init__(self, detail: str, key: str | None = None) -> None:
        self.detail, self.key = detail, key


class _Duplicated(dict[str, Any]):
    """An object that named a key twice (the key is kept in ``flag``)."""

    flag: _Flagged


def _pairs(pairs: list[tuple[str, Any]], seen: list[bool]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen[0] = True
    met: set[str] = set()
    twice = ""
    for key, _ in pairs:  # the first key met again (a set: a huge object stays linear)
        if key in met:
            twice = key
            break
        met.add(key)
    duplicated = _Duplicated(result)
    duplicated.flag = _Flagged(f"the key '{twice}' appears more than once", twice)
    return duplicated


def _number(text: str, seen: list[bool]) -> int | _Flagged:
    digits = len(text.lstrip("-"))
    if digits <= 18:
        return int(text)
    value = int(text) if digits <= 40 else None
    if value is not None and INT64[0] <= value <= INT64[1]:
        return value
    seen[0] = True
    return _Flagged(f"the integer {text[:24]}… ({digits} digits) is out of range: at most 64-bit")


def _real(text: str, seen: list[bool]) -> float | _Flagged:
    value = float(text)
    if math.isfinite(value):
        return value
    seen[0] = True
    return _Flagged(f"the number {text[:24]} is out of range for a double")


def _constant(text: str, seen: list[bool]) -> _Flagged:
    seen[0] = True
    return _Flagged(f"{text} is not a JSON number")


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _first_flag(document: Any) -> tuple[str, str] | None:
    """The pointer and detail of the first flagged value, or of a nesting too deep."""
    stack: list[tuple[Any, str, int]] = [(document, "", 0)]
    while stack:
        value, pointer, depth = stack.pop()
        if isinstance(value, _Flagged):
            return pointer, value.detail
        if isinstance(value, _Duplicated):
            return f"{pointer}/{_escape(value.flag.key or '')}", value.flag.detail
        if depth > MAX_DEPTH:
            return pointer, f"nested more than {MAX_DEPTH} levels deep"
        if isinstance(value, dict):
            stack.extend((v, f"{pointer}/{_escape(k)}", depth + 1) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, f"{pointer}/{i}", depth + 1) for i, v in enumerate(value))
    return None


def _deeper_than(document: Any, limit: int) -> bool:
    """Whether containers nest past ``limit`` levels, a level at a time (no recursion).

    Example:
        >>> _deeper_than({"a": [[1], {"b": "]]]["}]}, 2), _deeper_than([[[]]], 3)
        (True, False)
    """
    level, depth = [document], 0
    while level:
        depth += 1
        if depth > limit:
            return True
        below: list[Any] = []
        for value in level:
            items = value.values() if type(value) is dict else value
            below.extend(v for v in items if type(v) in (dict, list))
        level = below
    return False


def loads(raw: bytes | str, where: str = "") -> Any:
    """A JSON document, or :class:`BodyRefused` naming what in it no field can take.

    ``where`` prefixes the pointers (a form field's name, for instance).

    Example:
        >>> loads(b'{"a": [1, 2.5]}')
        {'a': [1, 2.5]}
        >>> try:
        ...     loads(b'{"a": {"b": 1, "b": 2}}')
        ... except BodyRefused as exc:
        ...     print(exc.status, exc.pointer, exc.detail)
        422 /a/b /a/b: the key 'b' appears more than once
    """
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    seen = [False]
    try:
        document = json.loads(
            text,
            object_pairs_hook=lambda pairs: _pairs(pairs, seen),
            parse_int=lambda t: _number(t, seen),
            parse_float=lambda t: _real(t, seen),
            parse_constant=lambda t: _constant(t, seen),
        )
    except RecursionError:
        raise BodyRefused(
            422,
            "invalid-input",
            "Invalid input",
            f"the document is nested more than {MAX_DEPTH} levels deep",
            where,
        ) from None
    # a document holding fewer brackets than MAX_DEPTH cannot nest deeper (most bodies)
    deep = max(text.count("["), text.count("{")) > MAX_DEPTH and isinstance(document, (dict, list))
    if seen[0] or (deep and _deeper_than(document, MAX_DEPTH)):
        found = _first_flag(document)
        if found is not None:
            pointer, detail = found
            raise BodyRefused(
                422,
                "invalid-input",
                "Invalid input",
                f"{where}{pointer}: {detail}",
                where + pointer,
            )
    return document


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def check_encoding(request: Request) -> None:
    """415 for a body sent with a content encoding: bodies are read as sent."""
    encoding = request.headers.get("content-encoding", "").strip().lower()
    if encoding not in ("", "identity"):
        raise BodyRefused(
            415,
            "unsupported-media-type",
            "Unsupported media type",
            f"bodies are read as sent: Content-Encoding '{encoding[:40]}' is not taken "
            "(send the body uncompressed)",
            "header:content-encoding",
        )


class JsonBodyRoute(APIRoute):
    """A route whose body is JSON, read by :func:`loads` before FastAPI validates it; a
    body of another media type is 415 rather than 'Input should be a valid dictionary'."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if self.body_field is None:
            return handler

        async def read_strictly(request: Request) -> Response:
            raw = await request.body()
            if raw:
                check_encoding(request)
                kind = _media_type(request)
                if kind and kind != "application/json" and not kind.endswith("+json"):
                    raise BodyRefused(
                        415,
                        "unsupported-media-type",
                        "Unsupported media type",
                        f"the body must be JSON: send Content-Type: application/json "
                        f"(it was '{kind[:60]}')",
                        "header:content-type",
                    )
                # not JSON at all (ValueError): FastAPI answers it as it always has (400);
                # otherwise FastAPI's request.json() reads back what this parsed
                with contextlib.suppress(ValueError):
                    request._json = loads(raw)
            return await handler(request)

        return read_strictly
