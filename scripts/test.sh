#!/usr/bin/env bash
# make test: lint and type checks, then the whole suite against a real Neo4j
# (NEO4J_URI if set, else a Docker container when an engine answers, else the local
# server that tests/conftest.py provisions on its own ports and folder).
set -euo pipefail
cd "$(dirname "$0")/.."
# the explorer page's end-to-end tests drive Debian's Chromium (never a downloaded browser)
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Chromium from Debian's packages (once)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: install Debian's 'chromium' package (the page's browser tests need it)" >&2
  fi
fi
echo "== ruff"
.venv/bin/ruff check .
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
.venv/bin/pytest "$@"
