#!/usr/bin/env bash
# npm run test:podman — the grader on Podman's Docker-compatible service (issue 28): installs Podman (Debian's, with
# the CNI plugin that gives a Compose project's services their DNS names, and catatonit for `init: true`), starts
# its service on a socket of its own, gives it the images of this machine's Docker (no registry is reached here),
# then runs test/podman/*.test.ts with DOCKER_HOST on that socket, and stops the service it started.
set -euo pipefail
cd "$(dirname "$0")/../.."

socket_dir=/run/tp1-podman
socket="$socket_dir/podman.sock"
packages=(podman golang-github-containernetworking-plugin-dnsname catatonit)
missing=()
for package in "${packages[@]}"; do dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package"); done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "test:podman: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Podman gives containers a million open files and processes by default; a machine that is itself a container has
# lower hard limits, which runc cannot raise ("error setting rlimits"). Ask for no more than this shell may have.
limit() { local hard; hard=$(ulimit -H "$1"); [ "$hard" = unlimited ] && echo 16384 || echo $(( hard < 16384 ? hard : 16384 )); }
mkdir -p "$socket_dir"
cat > "$socket_dir/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$(limit -n):$(limit -n)", "nproc=$(limit -u):$(limit -u)"]
CONF
export CONTAINERS_CONF="$socket_dir/containers.conf"

started=''
if ! curl -sf --unix-socket "$socket" http://podman/_ping >/dev/null 2>&1; then
  rm -f "$socket"
  podman system service --time=0 "unix://$socket" > "$socket_dir/service.log" 2>&1 &
  started=$!
  for _ in $(seq 1 50); do curl -sf --unix-socket "$socket" http://podman/_ping >/dev/null 2>&1 && break; sleep 0.2; done
  curl -sf --unix-socket "$socket" http://podman/_ping >/dev/null || { echo "test:podman: the service did not answer; its log:" >&2; cat "$socket_dir/service.log" >&2; exit 1; }
fi
stop_service() { [ -n "$started" ] && kill "$started" 2>/dev/null; wait "$started" 2>/dev/null || true; }
trap stop_service EXIT

# The images the references and fixtures build on, as this machine's Docker has them (its offline stand-ins), under
# the names Docker gives them: loaded again only when Docker's differs from Podman's.
for tag in python:3.13-slim python:3.12-slim python:3.11-slim python:3.10-slim python:3.9-slim python:3.11 python:3.9 postgres:16 alpine:latest; do
  docker_id=$(DOCKER_HOST= docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null) || continue
  podman_id=$(podman image inspect -f '{{.Id}}' "docker.io/library/$tag" 2>/dev/null || true)
  [ "${docker_id#sha256:}" = "$podman_id" ] && continue
  echo "test:podman: loading $tag"
  DOCKER_HOST= docker save "$tag" | podman load -q >/dev/null
  podman tag "${docker_id#sha256:}" "docker.io/library/$tag"
done

DOCKER_HOST="unix://$socket" TESTCONTAINERS_RYUK_DISABLED=true node node_modules/vitest/vitest.mjs run --config test/podman/vitest.config.ts "$@"
