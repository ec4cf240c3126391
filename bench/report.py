"""The benchmark report: Markdown tables of ratios and latencies, and PNG plots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.measure import BULK_PATH, HISTORY_READS, KNOWN_AT

TARGETS = """\
Targets (issues 6 and 15, on a 2-core machine): ingest through the API and through the
seeding command at least 0.8 of the driver-UNWIND baseline, the seeding command no slower
than the API, and the API at least 50 times the naive client; `kg-seed --bulk` at least 3
times the baseline; every query's p99 over HTTP within 1.3 times the direct-driver p99
with 16 concurrent clients; neighbourhood depth 2 p99 within 3 times depth 1; shortest
path p99 under 100 ms; a million relationships with provenance loaded in under a minute;
the API process under 200 MB resident throughout, whole-graph exports included."""


def _ingest_rows(run: dict[str, Any]) -> list[str]:
    by_path = {r["path"]: r for r in run["ingest"]}
    base = by_path.get("driver UNWIND (baseline)", {}).get("rate")
    naive = by_path.get("naive client, one item per request", {}).get("rate")
    rows = []
    for r in run["ingest"]:
        vs_base = f"{r['rate'] / base:.2f}" if base else "n/a"
        vs_naive = f"{r['rate'] / naive:.1f}" if naive else "n/a"
        rows.append(
            f"| {run['size']:,} | {r['path']} | {r['items']:,} | {r['seconds']:.2f} | "
            f"{r['rate']:,.0f} | {vs_base} | {vs_naive} |"
        )
    return rows


def _query_rows(run: dict[str, Any]) -> list[str]:
    direct = {q["query"]: q for q in run["queries"] if q["via"] == "driver"}
    bare = {q["query"]: q for q in run["queries"] if q["via"] == "bare"}
    rows = []
    for q in (q for q in run["queries"] if q["via"] == "HTTP"):
        d, b = direct[q["query"]], bare.get(q["query"])
        rows.append(
            f"| {run['size']:,} | {q['query']} | {q['p50']:.1f} / {q['p95']:.1f} / {q['p99']:.1f} | "
            f"{d['p50']:.1f} / {d['p95']:.1f} / {d['p99']:.1f} | "
            + (f"{b['p50']:.1f} / {b['p95']:.1f} / {b['p99']:.1f} | " if b else "n/a | ")
            + f"{q['p99'] / d['p99']:.2f} | {q['rps']:,.0f} | {d['rps']:,.0f} | "
            + (f"{b['rps']:,.0f} | {q['rps'] / b['rps']:.2f} |" if b else "n/a | n/a |")
        )
    return rows


def export_rows(run: dict[str, Any]) -> list[str]:
    exports = run.get("exports", [])
    base = next((e for e in exports if e["via"] == "driver"), None)
    rows = []
    for e in exports:
        ratio = f"{base['seconds'] / e['seconds']:.2f}" if base else "n/a"
        rss = f"{e['peak_rss_mb']:.0f}" if e.get("peak_rss_mb") is not None else "n/a"
        size = f"{e['megabytes']:.1f}" if e["via"] == "HTTP" else "n/a"
        rows.append(
            f"| {run['size']:,} | {e['format']} ({e['via']}) | {e['items']:,} | "
            f"{e['seconds']:.2f} | {e['rate']:,.0f} | {ratio} | {size} | {rss} |"
        )
    return rows


def _plots(report: dict[str, Any], out: Path, target_dir: Path) -> list[str]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return ["(plots need matplotlib: `pip install -e '.[bench]'`)"]
    runs = report["runs"]
    sizes = [r["size"] for r in runs]
    names = [q["query"] for q in runs[0]["queries"] if q["via"] == "HTTP"]
    made = []
    for metric, label, fname in (
        ("p99", "p99 latency (ms)", "latency.png"),
        ("rps", "requests per second", "throughput.png"),
    ):
        fig, ax = plt.subplots(figsize=(7, 4))
        for name in names:
            for via, style in (("HTTP", "-o"), ("driver", "--x")):
                ys = [
                    next(q[metric] for q in r["queries"] if q["query"] == name and q["via"] == via)
                    for r in runs
                ]
                ax.plot(sizes, ys, style, label=f"{name} ({via})")
        ax.set_xscale("log")
        ax.set_xlabel("graph size (facts)")
        ax.set_ylabel(label)
        ax.legend(fontsize=6)
        ax.grid(alpha=0.3)
        fig.tight_layout()
        fig.savefig(out / fname, dpi=120)
        plt.close(fig)
        made.append(f"![{label}]({(out / fname).resolve().relative_to(target_dir).as_posix()})")
    return made


#: the present-time reads that must keep up with their bare Cypher (issue 23)
PRICED_READS = (
    "entity",
    "neighbourhood depth 1",
    "neighbourhood depth 2, page of 50",
    "search",
    "shortest path",
)


def _read_checks(q: dict[tuple[str, str], dict[str, Any]]) -> list[tuple[str, bool]]:
    """Issue 23's targets: each read at 0.6 of its bare Cypher's req/s or better; as known
    at a moment, within 2 times the present read (p99, and half its req/s at least); a
    depth-2 page of 50 within 2 times depth 1's p99, supply chain depth 3 within 3 times."""
    checks = [
        (
            f"{name} at {q[(name, 'HTTP')]['rps'] / q[(name, 'bare')]['rps']:.2f} of its bare "
            "Cypher's req/s",
            q[(name, "HTTP")]["rps"] / q[(name, "bare")]["rps"] >= 0.6,
        )
        for name in PRICED_READS
        if (name, "bare") in q and (name, "HTTP") in q
    ]
    for name in HISTORY_READS:
        if (name + KNOWN_AT, "HTTP") in q and (name, "HTTP") in q:
            then, now = q[(name + KNOWN_AT, "HTTP")], q[(name, "HTTP")]
            times = then["p99"] / now["p99"]
            checks.append(
                (
                    f"{name} with known_at: p99 {times:.1f}x the present's, "
                    f"{then['rps'] / now['rps']:.2f} of its req/s",
                    times <= 2 and then["rps"] / now["rps"] >= 0.5,
                )
            )
    one = q[("neighbourhood depth 1", "HTTP")]["p99"]
    for name, bound in (("neighbourhood depth 2, page of 50", 2), ("supply chain depth 3", 3)):
        if (name, "HTTP") in q:
            times = q[(name, "HTTP")]["p99"] / one
            checks.append((f"{name} p99 at {times:.1f}x depth 1's over HTTP", times <= bound))
    return checks


def _ingest_checks(run: dict[str, Any]) -> list[tuple[str, bool]]:
    """The ingest targets (issues 6, 14, 15), when the run measured every path."""
    rate = {r["path"]: r["rate"] for r in run["ingest"]}
    if "driver UNWIND (baseline)" not in rate:
        return []  # a run of the reads alone (--reads-only)
    api, base = rate["API POST /batch"], rate["driver UNWIND (baseline)"]
    naive, seeding = rate["naive client, one item per request"], rate["seeding command"]
    checks = [
        (f"ingest through the API at {api / base:.2f} of the driver baseline", api / base >= 0.8),
        (
            f"the seeding command at {seeding / base:.2f} of the driver baseline "
            f"and {seeding / api:.2f} of the API",
            seeding / base >= 0.8 and seeding >= api,
        ),
        (f"ingest through the API at {api / naive:.0f}x the naive client", api / naive >= 50),
    ]
    if "write path, no HTTP, no history" in rate:  # issue 14: history's cost on ingest
        cost = 1 - rate["write path, no HTTP"] / rate["write path, no HTTP, no history"]
        checks.append((f"recording history costs {cost:.0%} of the ingest rate", cost <= 0.15))
    bulk = rate.get(BULK_PATH)
    if bulk is not None:
        checks.append((f"bulk import at {bulk / base:.2f}x the driver baseline", bulk / base >= 3))
    seconds = {r["path"]: r["seconds"] for r in run["ingest"]}
    if run["size"] >= 1_000_000:
        paths = ("API POST /batch", "seeding command", BULK_PATH)
        fastest = min(seconds[p] for p in paths if p in seconds)
        checks.append((f"{run['size']:,} facts loaded in {fastest:.0f} s", fastest < 60))
    return checks


def _verdicts(report: dict[str, Any]) -> list[str]:
    """Each target, met or missed, read off the largest graph of this run."""
    run = report["runs"][-1]
    q = {(x["query"], x["via"]): x for x in run["queries"]}

    def ratio(name: str) -> float:
        return float(q[(name, "HTTP")]["p99"] / q[(name, "driver")]["p99"])

    depth_ratio = (
        q[("neighbourhood depth 2", "HTTP")]["p99"] / q[("neighbourhood depth 1", "HTTP")]["p99"]
    )
    checks = [
        *_read_checks(q),
        *_ingest_checks(run),
        *(
            (f"{name} p99 at {ratio(name):.2f}x the driver's", ratio(name) <= 1.3)
            for name in dict.fromkeys(x["query"] for x in run["queries"])
        ),
        (
            f"neighbourhood depth 2 p99 at {depth_ratio:.1f}x depth 1's over HTTP",
            depth_ratio <= 3,
        ),
        (
            f"shortest path p99 {q[('shortest path', 'HTTP')]['p99']:.0f} ms over HTTP",
            q[("shortest path", "HTTP")]["p99"] < 100,
        ),
        (
            f"API peak memory {report['api_peak_rss_mb']:.0f} MB over the whole run",
            report["api_peak_rss_mb"] < 200,
        ),
    ]
    return [
        f"- {'met' if ok else '**missed**'}: {text} (at {run['size']:,} facts)"
        for text, ok in checks
    ]


def write_report(report: dict[str, Any], target: Path, out: Path) -> None:
    m = report["machine"]
    lines = [
        "# Benchmarks",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}; Python {m['python']}; {m['os']}.",
        f"Neo4j: {report['neo4j_uri']}. Reproduce with `{report['command'].strip()}` "
        "(`make bench` runs the default sizes).",
        "",
        TARGETS,
        "",
        *_verdicts(report),
        "",
        "## Ingest",
        "",
        "Items are sources, entities and relationships, all with provenance. `vs baseline` is "
        "the rate over the driver writing the same rows with the service's own UNWIND queries "
        "(no reads, no validation, no HTTP); `vs naive` is the rate over one item per request.",
        "",
        "| facts | path | items | seconds | items/s | vs baseline | vs naive |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for run in report["runs"]:
        lines += _ingest_rows(run)
    lines += [
        "",
        "## Queries, 16 concurrent clients",
        "",
        "Latency in ms as p50 / p95 / p99. `driver` runs the same Cypher and the same Python "
        "that shapes the answer, without HTTP; `bare` is the database's own pace: the "
        "simplest Cypher that returns the same rows (`bench/bare/`), through the same driver "
        "and clients. The p99 ratio is HTTP over driver; `vs bare` is HTTP req/s over bare "
        "req/s.",
        "",
        "| facts | query | HTTP | driver | bare | p99 ratio | HTTP req/s | driver req/s "
        "| bare req/s | vs bare |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for run in report["runs"]:
        lines += _query_rows(run)
    lines += [
        "",
        "## Whole-graph export",
        "",
        "`GET /export` read to its end, one format at a time, against the baseline of the "
        "export's own queries read through the driver in one streaming transaction (rows "
        "counted and dropped). `vs baseline` is the baseline's time over the export's; the "
        "memory column is the API's largest resident set sampled every 20 ms during the export.",
        "",
        "| facts | format | items | seconds | items/s | vs baseline | MB | API RSS peak (MB) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for run in report["runs"]:
        lines += export_rows(run)
    lines += [
        "",
        f"API peak resident memory: {report['api_peak_rss_mb']:.0f} MB.",
        "",
        "## Growth",
        "",
        *_plots(report, out, target.parent.resolve()),
        "",
    ]
    analysis = Path(__file__).with_name("analysis.md")
    if analysis.exists():  # written by hand from a full run: why targets are missed
        lines += [analysis.read_text()]
    target.write_text("\n".join(lines) + "\n")
