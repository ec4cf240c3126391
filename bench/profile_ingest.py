"""``python -m bench.profile_ingest``: where an ingest's time goes, phase by phase.

    NEO4J_URI=bolt://127.0.0.1:22687 NEO4J_PASSWORD=... \\
        python -m bench.profile_ingest --size 100000 --path seed --cprofile /tmp/seed.prof

Empties the database (as ``python -m bench`` does), loads ``generate(size)`` through one
ingest path (``write`` is the write path in process, in batches of 5,000; ``seed`` is the
seeding command) and prints the wall time, split by the write path's phases. Each phase is
timed by wrapping the function that does it, so the phases nest as the calls do:
``commit`` is what a transaction took beyond its own work (the commit and the round
trips of beginning it), and ``other`` is the rest of the wall time (the event loop,
the driver's own work, whatever no wrapper covers). With ``--cprofile`` the run is
profiled too (cProfile adds its own overhead; compare phases within one run).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

from bench.generate import generate
from bench.measure import ingest_seed_command, ingest_write_path, settings_for, wipe
from graph.history import revisions
from graph.interop import seeding
from graph.store import Graph, apply_schema, create_driver
from graph.writes import batches as writes

#: (module, function name, phase): what each wrapped function's time is counted as
PHASES = [
    (seeding, "load_files", "parse and validate the files (JSON, pydantic)"),
    (writes, "read_snapshot", "reads: the snapshot (redirects, locks, kinds, sources)"),
    (writes, "check", "check (pure)"),
    (writes, "transaction_time", "reads: transaction time"),
    (writes, "plan", "plan: diff, claims, props (pure)"),
    (writes, "_write", "writes: upserts and creates"),
    (writes, "_rerank", "writes: rerank"),
    (writes, "record", "writes: revision recording"),
]


class Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.depth = 0

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - started
            self.calls[name] += 1


def instrument(timer: Timer) -> Callable[[], None]:
    """Wrap each phase's function where its callers look it up; returns the undo."""
    saved: list[tuple[Any, str, Any]] = []

    def wrap(module: Any, name: str, phase: str) -> None:
        original = getattr(module, name)
        saved.append((module, name, original))
        if asyncio.iscoroutinefunction(original):

            async def awrapped(*args: Any, **kwargs: Any) -> Any:
                with timer.phase(phase):
                    return await original(*args, **kwargs)

            setattr(module, name, awrapped)
        else:

            def wrapped(*args: Any, **kwargs: Any) -> Any:
                with timer.phase(phase):
                    return original(*args, **kwargs)

            setattr(module, name, wrapped)

    for module, name, phase in PHASES:
        wrap(module, name, phase)
    queried: tuple[Any, ...] = (writes, revisions)
    for module in queried:  # each query's time, by its name, besides
        original_query = module.run
        saved.append((module, "run", original_query))

        async def timed_query(
            tx: Any, name: str, /, original: Any = original_query, **params: Any
        ) -> Any:
            with timer.phase(f"  query {name}"):
                return await original(tx, name, **params)

        module.run = timed_query
    # the seeding command imports plan_batch and apply_plan by name; they look the
    # wrapped phases up in graph.writes.batches, so nothing more to do there
    original_run = Graph._run

    async def timed_run(self: Graph, work: Any, mode: str, tx_timeout: float | None) -> Any:
        inner = 0.0

        async def timed_work(tx: Any) -> Any:
            nonlocal inner
            started = time.perf_counter()
            try:
                return await work(tx)
            finally:
                inner += time.perf_counter() - started

        started = time.perf_counter()
        try:
            return await original_run(self, timed_work, mode, tx_timeout)
        finally:
            beyond = time.perf_counter() - started - inner
            timer.seconds["commit (transaction beyond its work)"] += beyond
            timer.calls["commit (transaction beyond its work)"] += 1
            if os.environ.get("KG_PROFILE_VERBOSE"):
                print(f"  transaction: work {inner:.2f} s, beyond it {beyond:.2f} s")

    Graph._run = timed_run  # type: ignore[method-assign]
    saved.append((Graph, "_run", original_run))

    def undo() -> None:
        for module, name, original in reversed(saved):
            setattr(module, name, original)

    return undo


async def main(size: int, path: str, profile: str | None) -> None:
    uri, password = os.environ["NEO4J_URI"], os.environ["NEO4J_PASSWORD"]
    settings = settings_for(uri, password)
    driver = create_driver(settings)
    graph_handle = Graph(driver, settings)
    data = generate(size)
    try:
        await apply_schema(driver, settings.neo4j_database)
        await wipe(driver, settings.neo4j_database)
        timer = Timer()
        undo = instrument(timer)
        profiler = cProfile.Profile() if profile else None
        run: Callable[[], Awaitable[Any]] = (
            (lambda: ingest_seed_command(graph_handle, data))
            if path == "seed"
            else (lambda: ingest_write_path(graph_handle, data, 5_000))
        )
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        try:
            done = await run()
        finally:
            if profiler:
                profiler.disable()
            undo()
        wall = time.perf_counter() - started
        if profiler and profile:
            profiler.dump_stats(profile)
    finally:
        await driver.close()
    report(path, size, done.items, done.seconds, wall, timer)


def report(path: str, size: int, items: int, timed: float, wall: float, timer: Timer) -> None:
    print(f"{path} at {size:,} facts: {items:,} items in {timed:.2f} s ({items / timed:,.0f}/s)")
    print("| phase | seconds | share | calls |")
    print("| --- | --- | --- | --- |")
    # rerank's own writes are counted under _write, and queries within their phases
    nested = {"writes: rerank", *(name for name in timer.seconds if name.startswith(" "))}
    top = 0.0
    for name, seconds in sorted(timer.seconds.items(), key=lambda kv: -kv[1]):
        if name not in nested:
            top += seconds
        share = seconds / wall
        print(f"| {name} | {seconds:.2f} | {share:.0%} | {timer.calls.get(name, '')} |")
    print(f"| other | {wall - top:.2f} | {(wall - top) / wall:.0%} | |")


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--path", choices=["write", "seed"], default="write")
    parser.add_argument("--cprofile", help="write cProfile stats to this file")
    args = parser.parse_args()
    asyncio.run(main(args.size, args.path, args.cprofile))


if __name__ == "__main__":
    cli()
