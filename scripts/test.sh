#!/usr/bin/env bash
# make test: lint and type checks, then the whole suite against a real Neo4j
# (NEO4J_URI if set, else a testcontainers container with KG_TEST_NEO4J=container, else
# the local server that tests/conftest.py provisions on its own ports and folder), and the
# container path: the images built, compose brought up (tests/end_to_end/test_containers.py), and a
# part of the suite again on a testcontainers Neo4j.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/containers.sh
# the explorer page's end-to-end tests drive Debian's Chromium (never a downloaded browser)
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Chromium from Debian's packages (once)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: install Debian's 'chromium' package (the page's browser tests need it)" >&2
  fi
fi
# the container path: podman from Debian's packages (as root), the images built here
containers=no
if kg_engine_install && kg_engine_available; then
  echo "== images"
  scripts/images.sh
  kg_engine_socket
  containers=yes
  # the API socket this run started goes with it
  trap 'pkill -f "podman system service --time=0 unix://$KG_ENGINE_SOCKET" 2>/dev/null || true' EXIT
else
  echo "== no container engine: the container tests skip (apt-get install podman runc debootstrap, as root, to run them)"
fi
echo "== ruff"
.venv/bin/ruff check .
echo "== mypy"
.venv/bin/mypy
# the container images' own scripts (the Neo4j entrypoint runs on the image's bare Python)
.venv/bin/mypy --strict containers/neo4j/entrypoint.py containers/lock_for.py
echo "== pytest"
.venv/bin/pytest "$@"
if [ "$containers" = yes ] && [ $# -eq 0 ] && [ -z "${NEO4J_URI:-}" ] && [ "${KG_TEST_NEO4J:-local}" != container ]; then
  echo "== pytest on a testcontainers Neo4j (the locally built image): reads, writes, history"
  KG_TEST_NEO4J=container .venv/bin/pytest -p no:cacheprovider \
    tests/reads/test_queries.py tests/history/test_history.py tests/writes/test_batch_and_merge.py tests/history/test_change_feed.py
fi
