"""Example: seed a running kg-service over HTTP with the typed client.

    .venv/bin/python seed/load_over_http.py [--url http://127.0.0.1:8000] [--dry-run] FILE...

Each file (YAML or JSON, like seed/taiwan_us_tech_partnership.yaml) goes to POST /batch
as one atomic batch. Use this where a script only reaches the API; kg-seed writes to
Neo4j directly. An evidence span into a source whose text the service does not hold (PUT
/sources/{id}/text stores it) is left out, and said so.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml
from kg_client import KGClient, KGClientError


def load(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    return data


def _texts_held(kg: KGClient, sources: set[str]) -> set[str]:
    """The sources among ``sources`` whose text the service holds."""
    held = set()
    for source_id in sorted(sources):
        try:
            if kg.source(source_id).text is not None:
                held.add(source_id)
        except KGClientError as exc:
            if exc.status != 404:
                raise
    return held


def without_unheld_spans(kg: KGClient, data: dict[str, Any]) -> int:
    """Leave out of ``data`` the spans into sources without a stored text; how many."""
    words = [w for r in data.get("relationships") or [] for w in r.get("attestations") or []]
    held = _texts_held(kg, {w.get("source") for w in words if w.get("selector")})
    left_out = [w for w in words if w.get("selector") and w.get("source") not in held]
    for word in left_out:
        del word["selector"]
    return len(left_out)


def main(argv: list[str] | None = None, client: KGClient | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--api-key", default=None)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    kg = client or KGClient(args.url, api_key=args.api_key)
    try:
        for path in args.files:
            data = load(path)
            if left_out := without_unheld_spans(kg, data):
                print(f"{path}: {left_out} evidence span(s) left out: no text stored to point into")
            result = kg.batch(data, dry_run=args.dry_run)
            print(
                f"{path}: entities {result.entities.model_dump()}, "
                f"relationships {result.relationships.model_dump()}"
            )
    except KGClientError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        for err in exc.problem.get("errors", []):
            print(f"  {err['pointer']}: {err['detail']}", file=sys.stderr)
        return 1
    finally:
        kg.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
