#!/usr/bin/env bash
# make images: the Neo4j and API images, built on this machine from nothing but Debian's
# packages, Maven Central (the locked Neo4j jars), PyPI (the locked wheels) and the npm
# registry (the explorer's locked libraries); no image registry is needed.
#   1. kg-base: a Debian root filesystem (debootstrap, containers/base.packages), imported;
#   2. kg-neo4j: the base + the verified jars + containers/neo4j/entrypoint.py;
#   3. kg-api: the base + the locked wheels + the repository's code.
# Each tag carries a digest of everything it is built from, so an unchanged input is not
# built again (podman's own storage is the cache, outside git); the tags are written to
# build/images.env for scripts/compose.sh and the tests.
set -euo pipefail
source "$(dirname "$0")/containers.sh"
cd "$ROOT"
PY=.venv/bin/python
WORK="$ROOT/build/images"
SUITE=bookworm
MIRROR="${KG_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
mkdir -p "$WORK"
kg_engine_install
kg_engine_available || { echo "podman does not run containers here: see containers/containers.conf" >&2; exit 1; }

digest() { sha256sum | cut -c1-12; }
exists() { podman image exists "$1"; }
build() {  # what tag context moving-tag: build the context's Containerfile unless built before
  if exists "$2"; then
    echo "== $1 $2 (built before)"
  else
    echo "== $1 $2"
    podman build --quiet --format docker --build-arg BASE_IMAGE="$BASE" -t "$2" -f "$3/Containerfile" "$3" >/dev/null
  fi
  podman tag "$2" "$4"
}
started=$SECONDS

# 1. the base root filesystem
packages=$(grep -v '^#' containers/base.packages | xargs | tr ' ' ',')
base_key=$(printf '%s %s %s' "$SUITE" "$packages" "$(cat containers/containers.conf)" | digest)
BASE="localhost/kg-base:$SUITE-$base_key"
if exists "$BASE"; then
  echo "== base $BASE (built before)"
else
  echo "== base $BASE: debootstrap $SUITE with $packages"
  rootfs="$WORK/rootfs"
  rm -rf "$rootfs"
  debootstrap --variant=minbase --include="$packages" "$SUITE" "$rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import --quiet - "$BASE" >/dev/null
  rm -rf "$rootfs"
fi

# 2. Neo4j from the jars neo4j_local verifies
lib=$($PY -c 'from neo4j_local.artifacts import ensure_distribution; print(ensure_distribution(progress=print))' | tail -1)
neo4j_version=$($PY -c 'from neo4j_local.artifacts import read_lock; print(read_lock().neo4j_version)')
ctx="$WORK/neo4j"
rm -rf "$ctx" && mkdir -p "$ctx/lib"
cp "$lib"/*.jar "$ctx/lib/" && chmod 0644 "$ctx"/lib/*.jar  # the cache's files are private to their owner
cp containers/neo4j/* "$ctx/"
neo4j_key=$( (echo "$BASE"; cat scripts/images.sh neo4j_local/artifacts.lock.json containers/neo4j/*) | digest)
NEO4J="localhost/kg-neo4j:$neo4j_version-$neo4j_key"
build neo4j "$NEO4J" "$ctx" "localhost/kg-neo4j:$neo4j_version"

# 3. the API: locked wheels (hash-checked by pip on the way in) and the code
ctx="$WORK/api"
mkdir -p "$ctx/wheels"
rm -rf "$ctx/app" "$ctx/requirements" && mkdir -p "$ctx/app" "$ctx/requirements"
# for the base image's Python, whose patch level some of the lock's markers test
base_python=$(podman run --rm "$BASE" python3 -c 'import platform; print(platform.python_version())' 2>/dev/null)
$PY containers/lock_for.py requirements/runtime.lock "$base_python" >"$ctx/requirements/runtime.lock"
$PY -m pip download --quiet --no-deps --require-hashes --only-binary=:all: --python-version "$base_python" \
  -r "$ctx/requirements/runtime.lock" -d "$ctx/wheels"
tar -c --exclude=__pycache__ pyproject.toml README.md api graph present seed neo4j_local bench cypher web/static web/node_modules \
  | tar -C "$ctx/app" -x
cp containers/api/Containerfile "$ctx/"
version=$($PY -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
api_key=$( (echo "$BASE"; cat scripts/images.sh containers/lock_for.py requirements/runtime.lock containers/api/Containerfile; \
  tar -C "$ctx/app" --sort=name --mtime=@0 --owner=0 --group=0 -c .) | digest)
API="localhost/kg-api:$version-$api_key"
build api "$API" "$ctx" "localhost/kg-api:$version"

cat >"$ROOT/build/images.env" <<ENV
# written by make images; read by scripts/compose.sh and the container tests
KG_BASE_IMAGE=$BASE
KG_NEO4J_IMAGE=$NEO4J
KG_API_IMAGE=$API
ENV
echo "== images ($((SECONDS - started)) s)"
for image in "$BASE" "$NEO4J" "$API"; do
  printf '%-48s %s\n' "$image" "$(podman image inspect --format '{{.Digest}}' "$image")"
done
