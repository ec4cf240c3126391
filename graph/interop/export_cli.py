"""``kg-export``: the export ``GET /export`` streams, written from the configured Neo4j to
a file or standard output, in any of its formats (``json``, ``jsonl``, ``graphml``, ``cypher``, or
``ftm``: FollowTheMoney entities as JSON lines).

Examples::

    kg-export --format ftm -o graph.ftm.json          # then: ftm validate -i graph.ftm.json
    kg-export --format cypher --root tsmc --depth 2
    kg-export --known-at 2026-03-01 --include-retracted

Exit status: 0 written, 1 an unknown root, 2 bad arguments, settings or credentials
refused, 3 Neo4j unavailable.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TextIO

from neo4j.exceptions import AuthError
from pydantic import ValidationError

from graph.domain import DATE_PATTERN
from graph.errors import DatabaseUnavailable, GraphError
from graph.interop.export import export_stream
from graph.interop.ftm_export import ftm_stream
from graph.store import Graph, Moment, create_driver, get_settings, parse_known_at

FORMATS = ("json", "jsonl", "graphml", "cypher", "ftm")


def _chunks(graph: Graph, args: argparse.Namespace) -> AsyncIterator[str]:
    how = {"root": args.root, "depth": args.depth, "stated_only": args.stated_only}
    if args.format == "ftm":
        return ftm_stream(graph, **how, as_of=args.as_of)
    return export_stream(graph, args.format, **how, as_of=args.as_of)


async def _export(args: argparse.Namespace, out: TextIO) -> None:
    settings = get_settings()
    driver = create_driver(settings)
    try:
        graph = Graph(driver, settings, moment=Moment(args.known_at, args.include_retracted))
        async for chunk in _chunks(graph, args):
            out.write(chunk)
    finally:
        await driver.close()


def _date(text: str) -> str:
    if not re.fullmatch(DATE_PATTERN, text):
        raise ValueError(text)
    return text


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="kg-export", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument("--root", help="export the neighbourhood of this entity id only")
    parser.add_argument("--depth", type=int, default=1, choices=range(1, 4), metavar="1..3")
    parser.add_argument("--stated-only", action="store_true", help="only facts a source states")
    parser.add_argument("--as-of", type=_date, help="only facts valid on this date (YYYY-MM-DD)")
    parser.add_argument(
        "--known-at", type=parse_known_at, help="the graph as it stood then (transaction time)"
    )
    parser.add_argument("--include-retracted", action="store_true")
    parser.add_argument("-o", "--output", type=Path, help="a file to write (default: stdout)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    try:
        get_settings()
    except ValidationError as exc:
        print(f"kg-export: settings refused: {exc}", file=sys.stderr)
        return 2
    try:
        if args.output is None:
            asyncio.run(_export(args, sys.stdout))
        else:
            with args.output.open("w", encoding="utf-8") as out:
                asyncio.run(_export(args, out))
    except AuthError as exc:
        print(f"kg-export: Neo4j refused the credentials: {exc.message}", file=sys.stderr)
        return 2
    except DatabaseUnavailable as exc:
        print(f"kg-export: {exc.detail}", file=sys.stderr)
        return 3
    except GraphError as exc:
        print(f"kg-export: {exc.detail}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
