#!/usr/bin/env bash
# make run: start the local Neo4j (provisioned on first use), apply the schema, seed the
# article graph, and serve the API in the foreground. Ctrl-C stops the API and Neo4j.
# With NEO4J_URI set, no local Neo4j is started: the API uses that server.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST=${KG_HOST:-127.0.0.1}
PORT=${KG_PORT:-8000}

if [ -z "${NEO4J_URI:-}" ]; then
  trap '$PY -m neo4j_local stop' EXIT
  $PY -m neo4j_local start
  export NEO4J_URI="bolt://127.0.0.1:${NEO4J_LOCAL_BOLT_PORT:-7687}"
  BROWSER="http://127.0.0.1:${NEO4J_LOCAL_HTTP_PORT:-7474}/browser/"
  if [ -n "${NEO4J_PASSWORD:-}" ]; then
    LOGIN="user neo4j, password from NEO4J_PASSWORD"
  else
    PASSWORD_FILE="${NEO4J_LOCAL_DIR:-.neo4j}/password"
    LOGIN="user neo4j, password $(cat "$PASSWORD_FILE") (generated, kept in $PASSWORD_FILE)"
  fi
else
  BROWSER="(your own Neo4j at $NEO4J_URI)"
  LOGIN="your own credentials"
fi
# only into an empty graph: a rerun keeps what was written, edited, deleted or merged since;
# the article's text comes from the workspace's shared sources (KG_SOURCE_TEXTS) when there
TEXTS=${KG_SOURCE_TEXTS:-../shared/sources}
if [ -d "$TEXTS" ]; then
  .venv/bin/kg-seed --if-empty --texts "$TEXTS"
else
  .venv/bin/kg-seed --if-empty
fi
cat <<INFO

  API:            http://$HOST:$PORT/        (OpenAPI docs at http://$HOST:$PORT/docs)
  Neo4j Browser:  $BROWSER
                  $LOGIN
  Ctrl-C stops the API and the local Neo4j; \`make reset\` deletes the local graph.

INFO
# --no-proxy-headers: X-Forwarded-For from a local client must not choose its own address
.venv/bin/uvicorn --factory api.main:create_app --host "$HOST" --port "$PORT" --no-proxy-headers
