"""``kg-ingest FILE --source ID [--title T] [--url U] [--published DATE] [--top N]``: give
the service an article from a script.

Stores FILE (plain UTF-8 text) as the text of source ID (creating the source when it is
not there yet: then ``--title`` is needed), analyses it against the graph, stores the
candidate facts it finds, and prints a summary and the best open candidates; review them
in the explorer (its review view) or over HTTP (``/sources/{id}/candidates``). Exit
status: 0 done, 1 bad input (nothing written), 2 settings or credentials refused, 3 Neo4j
unavailable.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from neo4j.exceptions import AuthError
from pydantic import ValidationError

from graph.domain import SourceIn, decode_text, prepare_text
from graph.errors import Conflict, DatabaseUnavailable, InvalidInput, NotFound
from graph.ingest import AnalysisSummary, CandidatePublic, review
from graph.items import facts, texts
from graph.store import Author, Graph, apply_schema, create_driver, get_settings


def _say(message: str) -> None:
    print(f"kg-ingest: {message}", file=sys.stderr, flush=True)


async def _source(graph: Graph, source_id: str, args: argparse.Namespace) -> None:
    """The source, created when it is not there (which needs a title)."""
    try:
        await facts.get_source(graph, source_id)
        return
    except NotFound:
        if not args.title:
            raise InvalidInput(
                f"no source '{source_id}' yet: give its --title to create it", pointer="--title"
            ) from None
    fields = {"id": source_id, "title": args.title, "url": args.url, "published": args.published}
    try:
        source = SourceIn.model_validate({k: v for k, v in fields.items() if v is not None})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "--" + str(first["loc"][0]) if first["loc"] else "--source"
        raise InvalidInput(f"{where}: {first['msg']}", pointer=where) from None
    await facts.put_source(graph, source)


async def ingest(
    path: Path, body: bytes, source_id: str, args: argparse.Namespace
) -> AnalysisSummary:
    prepared = prepare_text(decode_text(body))
    settings = get_settings()
    driver = create_driver(settings)
    try:
        await apply_schema(driver, settings.neo4j_database)
        graph = Graph(
            driver, settings, author=Author(by="kg-ingest", reason=f"ingested {path.name}")
        )
        await _source(graph, source_id, args)
        stored = await texts.put_text(graph, source_id, prepared)
        _say(
            f"text {stored.result} ({prepared.length} code points, sha256 {prepared.sha256[:12]}…)"
        )
        found = await review.analyse_source(graph, source_id)
        for line in _best(await review.candidates(graph, source_id, "open"), args.top):
            print(line)
        return found
    finally:
        await driver.close()


def _best(found: list[CandidatePublic], top: int) -> list[str]:
    lines = []
    for c in found[:top]:
        words = " ".join((c.sentence.exact or "").split())
        quote = words if len(words) <= 90 else words[:89] + "…"
        lines.append(f"  {c.type} {c.from_id} -> {c.to_id} [{', '.join(c.cues)}] «{quote}»")
    return lines


def describe(found: AnalysisSummary) -> str:
    c = found.candidates
    return (
        f"{found.mentions} mentions ({found.ambiguous} ambiguous) and {found.references} "
        f"references of {found.known_entities} known entities; {found.unknown_names} names "
        f"the graph does not hold; candidates: {c.found} found, {c.new} new, {c.open} open, "
        f"{c.accepted} accepted, {c.rejected} rejected"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="kg-ingest", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("file", type=Path, help="the article's text (plain UTF-8)")
    parser.add_argument("--source", required=True, metavar="ID", help="the source it is")
    parser.add_argument("--title", help="the source's title (to create it)")
    parser.add_argument("--url", help="the source's URL (when creating it)")
    parser.add_argument("--published", metavar="DATE", help="its publication date (YYYY[-MM[-DD]])")
    parser.add_argument("--top", type=int, default=10, help="open candidates to list (10)")
    args = parser.parse_args(argv)
    try:
        get_settings()
    except ValidationError as exc:
        _say(f"error: settings: {exc.errors()[0]['msg']}")
        return 2
    if not args.file.is_file():
        _say(f"error: {args.file}: not a file")
        return 1
    try:
        found = asyncio.run(ingest(args.file, args.file.read_bytes(), args.source, args))
    except (InvalidInput, Conflict, NotFound) as exc:
        _say(f"error, nothing more was written: {exc.detail}")
        for err in getattr(exc, "errors", [])[1:]:
            print(f"  {err['pointer']}: {err['detail']}", file=sys.stderr)
        return 1
    except DatabaseUnavailable as exc:
        _say(f"error: {exc}")
        return 3
    except AuthError:
        _say("error: Neo4j refused the credentials (NEO4J_USERNAME, NEO4J_PASSWORD)")
        return 2
    print(describe(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
