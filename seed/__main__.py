"""``kg-seed [--dry-run] [--if-empty] [--bulk] [--texts DIR] [FILE ...]``: load seed files into the configured Neo4j.

With no file, loads the article graph that ships in this folder. With ``--if-empty`` it
loads only into a graph that holds no entity yet (``make run`` seeds so, and so keeps
whatever was written, edited, deleted or merged since). With ``--bulk`` it loads the local
server's empty database through ``neo4j-admin database import full`` instead (stopping
and restarting the server; see seed/bulk.py). Exit status: 0 written
(or, with --dry-run, checked), 1 bad input (nothing written), 2 settings or credentials
refused, 3 Neo4j unavailable, a large load stopped part way (the message says how far it
got; run it again to finish) or a bulk import failed (the database is left empty),
4 bulk mode refused (not the local server, not running, or not empty).

With ``--texts DIR`` it also stores the texts of the sources that name their text's
SHA-256 (``text_sha256``), each taken from the file in DIR that holds it (matched by hash;
the repository holds no article's words). A text DIR lacks is reported, not an error.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from neo4j.exceptions import AuthError
from pydantic import ValidationError

from graph.domain import Batch, BatchResult
from graph.errors import DatabaseUnavailable, InvalidInput, SeedIncomplete
from graph.interop import Progress, TextsSeeded, load_files, seed, seed_texts, wanted_texts
from graph.store import Author, Graph, apply_schema, create_driver, get_settings
from graph.writes import write_batch
from neo4j_local.password import local_password_file
from seed.bulk import BulkFailed, BulkRefused, bulk_seed, describe

DEFAULT_FILE = Path(__file__).with_name("taiwan_us_tech_partnership.yaml")


def _say(message: str) -> None:
    """A note on standard error; a load's progress (:class:`Progress`) redrawn on one line
    of a terminal, and only its final summary elsewhere (a log keeps one line a load)."""
    if isinstance(message, Progress):
        if sys.stderr.isatty():
            end = "\n" if message.final else ""
            print(f"\r\x1b[2Kkg-seed: {message}", end=end, file=sys.stderr, flush=True)
            return
        if not message.final:
            return
    print(f"kg-seed: {message}", file=sys.stderr, flush=True)


#: problems listed when a load is refused (a million bad items would bury the first)
LISTED_PROBLEMS = 50


def summary(result: BatchResult) -> str:
    return "; ".join(
        f"{family}: {c.created} created, {c.updated} updated, {c.unchanged} unchanged"
        for family, c in (
            ("sources", result.sources),
            ("entities", result.entities),
            ("relationships", result.relationships),
        )
    )


async def _run(
    paths: list[Path],
    dry_run: bool,
    if_empty: bool = False,
    texts: Path | None = None,
    load: bool = True,
) -> BatchResult | None:
    """Seed ``paths`` (unless ``load`` is false: the texts only) with their texts: the
    sources first, then their texts, then the rest, whose evidence spans point into them."""
    settings = get_settings()
    # read for their sources' hashes only when asked: a large load is parsed once
    sources = load_files(paths)[0].sources if texts is not None else []
    wanted = wanted_texts(Batch(sources=sources))
    driver = create_driver(settings)
    try:
        await apply_schema(driver, settings.neo4j_database)
        names = ", ".join(p.name for p in paths)
        graph = Graph(driver, settings, author=Author(by="kg-seed", reason=f"seeded from {names}"))
        result = None
        held = 0
        if if_empty:
            held = sum(r["count"] for r in await graph.read_query("count_entities_by_kind"))
            if held:
                _say(f"the graph holds {held} entities already; not seeding (--if-empty)")
        if texts is not None:
            if load and not held and not dry_run:  # a text belongs to a source in the graph
                await write_batch(graph, Batch(sources=sources))
            _say_texts(
                await seed_texts.seed_texts(graph, wanted, texts, dry_run=dry_run, progress=_say)
            )
        if load and not held:
            result = await seed(graph, paths, dry_run=dry_run, progress=_say)
        return result
    finally:
        await driver.close()


def _say_texts(done: TextsSeeded) -> None:
    missing = done.not_found + done.no_source
    _say(done.summary() + (f"; not stored: {', '.join(missing)}" if missing else ""))


def _bulk(paths: list[Path], dry_run: bool) -> int:
    settings = get_settings()
    report = bulk_seed(settings, paths, dry_run=dry_run, say=_say)
    if dry_run:
        print("would write (dry run, bulk): " + summary(report.result))
        return 0
    _say(describe(report, Path(os.environ.get("NEO4J_LOCAL_DIR", ".neo4j"))))
    print(summary(report.result))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="kg-seed", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", type=Path, default=[DEFAULT_FILE])
    parser.add_argument("--dry-run", action="store_true", help="check and count; write nothing")
    parser.add_argument(
        "--if-empty", action="store_true", help="seed only a graph that holds no entity yet"
    )
    parser.add_argument(
        "--texts",
        type=Path,
        metavar="DIR",
        help="store the sources' texts the files name by hash, from the files in DIR",
    )
    parser.add_argument(
        "--bulk",
        action="store_true",
        help="load the local server's empty database by neo4j-admin import (stops it meanwhile)",
    )
    args = parser.parse_args(argv)
    try:
        get_settings()
    except ValidationError as exc:  # the settings, not the seed files: those raise InvalidInput
        for problem in exc.errors():
            where = "".join(f"{part}: " for part in problem["loc"])
            _say(f"error: {where}{problem['msg'].removeprefix('Value error, ')}")
        return 2
    try:
        if args.texts is not None and not args.texts.is_dir():
            _say(f"error: --texts {args.texts}: not a folder")
            return 1
        if args.bulk:
            status = _bulk(args.files, args.dry_run)
            if args.texts is not None:
                asyncio.run(_run(args.files, args.dry_run, texts=args.texts, load=False))
            return status
        result = asyncio.run(_run(args.files, args.dry_run, args.if_empty, args.texts))
    except SeedIncomplete as exc:
        _say(f"error: {exc}")
        return 3
    except BulkRefused as exc:
        _say(f"bulk mode refused, nothing was done: {exc}")
        return 4
    except BulkFailed as exc:
        _say(f"error: bulk import failed: {exc}")
        return 3
    except InvalidInput as exc:
        _say(f"bad input, nothing was written ({len(exc.errors)} problem(s)):")
        for err in exc.errors[:LISTED_PROBLEMS]:
            print(f"  {err['pointer']}: {err['detail']}", file=sys.stderr)
        if len(exc.errors) > LISTED_PROBLEMS:
            more = len(exc.errors) - LISTED_PROBLEMS
            print(f"  … and {more} more (the first {LISTED_PROBLEMS} are listed)", file=sys.stderr)
        return 1
    except DatabaseUnavailable as exc:
        _say(f"error: {exc}")
        return 3
    except AuthError:
        settings = get_settings()
        _say(
            f"error: Neo4j at {settings.neo4j_uri} refused the password of user "
            f"'{settings.neo4j_username}': set NEO4J_PASSWORD to its password (make run's "
            f"local Neo4j: leave it unset to use {local_password_file()}, or run `make reset` "
            "to start over)"
        )
        return 2
    if result is not None:
        prefix = "would write (dry run): " if args.dry_run else ""
        print(prefix + summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
