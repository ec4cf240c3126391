#!/usr/bin/env bash
# make compose-up / make compose-down: docker-compose.yml run by podman-compose on the
# locally built images (make images), health-gated as compose means it:
#   scripts/compose.sh up      build the images if needed, start, wait until the API is
#                              ready through the published port (KG_HTTP_PORT, 8000)
#   scripts/compose.sh down    stop and remove the containers; the data volume stays
#   scripts/compose.sh down -v ... and the data volume too
# Podman 4.3 without systemd schedules no healthchecks, and podman-compose enforces
# `condition: service_healthy` only from podman 4.6, so this script runs the checks
# itself and starts the services in their dependency order: the databases, then (once
# they are healthy) the seed, the API replicas, and (once they are healthy) the proxy.
# KG_COMPOSE_PROJECT names the project (kg-service), so a test can run its own beside.
set -euo pipefail
source "$(dirname "$0")/containers.sh"
cd "$ROOT"
PROJECT="${KG_COMPOSE_PROJECT:-kg-service}"
COMPOSE=("$ROOT/.venv/bin/podman-compose" -p "$PROJECT" -f "$ROOT/docker-compose.yml")

containers_of() {  # the containers of one service of this project
  podman ps -a -q --filter "label=com.docker.compose.project=$PROJECT" \
    --filter "label=com.docker.compose.service=$1"
}

wait_healthy() {  # service timeout: run its healthcheck until every container passes
  local service=$1 deadline=$((SECONDS + $2)) ids
  ids=$(containers_of "$service")
  [ -n "$ids" ] || { echo "compose: no container for $service" >&2; return 1; }
  for id in $ids; do
    until podman healthcheck run "$id" >/dev/null 2>&1; do
      if [ "$(podman inspect --format '{{.State.Running}}' "$id")" != true ]; then
        echo "compose: $service stopped; its last lines:" >&2
        podman logs --tail 20 "$id" >&2 || true
        return 1
      fi
      if [ $SECONDS -ge $deadline ]; then
        echo "compose: $service not healthy after $2 s; its last lines:" >&2
        podman logs --tail 20 "$id" >&2 || true
        return 1
      fi
      sleep 1
    done
  done
  echo "== $service healthy"
}

images() {  # the local images, unless the caller named others
  if [ -z "${KG_API_IMAGE:-}" ] || [ -z "${KG_NEO4J_IMAGE:-}" ]; then
    [ -f build/images.env ] || bash scripts/images.sh
    set -a; source build/images.env; set +a
  fi
  export KG_REDIS_IMAGE="${KG_REDIS_IMAGE:-$KG_BASE_IMAGE}" KG_PROXY_IMAGE="${KG_PROXY_IMAGE:-$KG_BASE_IMAGE}"
}

case "${1:-}" in
  up)
    kg_engine_available || { echo "no container engine: install Debian's podman and runc (make images does, as root)" >&2; exit 1; }
    images
    # a missing secret: compose's own one-line message, not podman-compose's traceback
    if ! "${COMPOSE[@]}" config >/dev/null 2>"$ROOT/build/compose-config.err"; then
      grep -o 'required variable.*' "$ROOT/build/compose-config.err" >&2 || cat "$ROOT/build/compose-config.err" >&2
      exit 2
    fi
    started=$SECONDS
    # one stage at a time, --no-deps: podman 4.3 cannot start a container whose
    # `--requires` names one that has exited (the seed), so this script keeps the order
    "${COMPOSE[@]}" up -d --no-build --no-deps neo4j redis
    wait_healthy neo4j 180
    wait_healthy redis 60
    "${COMPOSE[@]}" up -d --no-build --no-deps seed
    seed=$(containers_of seed)
    code=$(podman wait "$seed")
    if [ "$code" != 0 ]; then
      echo "compose: seeding failed (exit $code):" >&2
      podman logs --tail 30 "$seed" >&2
      if podman logs "$seed" 2>&1 | grep -q "refused the password"; then
        echo "compose: the data volume was made with another NEO4J_PASSWORD, which Neo4j keeps: use that one, or drop the volume and its graph with \`make compose-down ARGS=-v\`" >&2
      fi
      exit 1
    fi
    "${COMPOSE[@]}" up -d --no-build --no-deps api
    wait_healthy api 120
    "${COMPOSE[@]}" up -d --no-build --no-deps proxy
    port="${KG_HTTP_PORT:-8000}"
    for _ in $(seq 60); do
      curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
      sleep 1
    done
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null \
      || { echo "compose: the API does not answer on 127.0.0.1:$port" >&2; exit 1; }
    echo "== up in $((SECONDS - started)) s: API http://127.0.0.1:$port/ (replicas: $(containers_of api | wc -w)), Neo4j Browser http://127.0.0.1:${NEO4J_HTTP_PORT:-7474}/browser/"
    ;;
  down)
    shift
    images
    # compose reads the whole file to stop it; the secrets it refuses to start without
    # play no part in stopping
    export NEO4J_PASSWORD="${NEO4J_PASSWORD:-unused-when-stopping}" KG_API_KEY_HASHES="${KG_API_KEY_HASHES:-unused}"
    "${COMPOSE[@]}" down "$@"
    ;;
  *)
    echo "usage: scripts/compose.sh up | down [-v]" >&2
    exit 2
    ;;
esac
