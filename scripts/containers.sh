#!/usr/bin/env bash
# The container engine of this project: Debian's podman with the runc runtime, configured by
# containers/containers.conf (CONTAINERS_CONF), serving the Docker API on a socket of its
# own for testcontainers and the docker CLI. Sourced by scripts/images.sh,
# scripts/compose.sh and scripts/test.sh:
#   kg_engine_available   -> 0 when podman runs a container here
#   kg_engine_install     -> installs podman, runc, debootstrap when root and missing
#   kg_engine_socket      -> starts the API socket (once) and exports DOCKER_HOST
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CONTAINERS_CONF="$ROOT/containers/containers.conf"
KG_ENGINE_SOCKET="${KG_ENGINE_SOCKET:-/tmp/kg-podman-$(id -u).sock}"

kg_engine_install() {
  local missing=()
  command -v podman >/dev/null 2>&1 || missing+=(podman)
  command -v runc >/dev/null 2>&1 || missing+=(runc)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing ${missing[*]} from Debian's packages (once)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "no container engine: install Debian's podman, runc and debootstrap packages (apt-get install podman runc debootstrap)" >&2
    return 1
  fi
}

kg_engine_available() {
  command -v podman >/dev/null 2>&1 && podman info >/dev/null 2>&1
}

kg_engine_socket() {
  export DOCKER_HOST="unix://$KG_ENGINE_SOCKET"
  # testcontainers: Ryuk's image cannot be pulled here (the tests remove what they start),
  # and with podman it must take the socket as given rather than guess it runs in a container
  export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_CONNECTION_MODE=docker_host
  if [ -S "$KG_ENGINE_SOCKET" ] && curl -fsS --unix-socket "$KG_ENGINE_SOCKET" http://d/_ping >/dev/null 2>&1; then
    return 0
  fi
  rm -f "$KG_ENGINE_SOCKET"
  nohup podman system service --time=0 "unix://$KG_ENGINE_SOCKET" >/dev/null 2>&1 &
  for _ in $(seq 50); do
    curl -fsS --unix-socket "$KG_ENGINE_SOCKET" http://d/_ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "podman's API socket $KG_ENGINE_SOCKET did not answer" >&2
  return 1
}
