#!/usr/bin/env bash
# make test: lint and type checks, then the whole suite against a real Neo4j
# (NEO4J_URI if set, else a Docker container when an engine answers, else the local
# server that tests/conftest.py provisions on its own ports and folder).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== ruff"
.venv/bin/ruff check .
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
.venv/bin/pytest "$@"
