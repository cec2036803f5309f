#!/usr/bin/env bash
# The floor: the runtime work the grader does, with bare docker / docker compose commands and nothing else.
# Usage: bench/floor.sh <submission folder>. Prints nothing but errors; the caller times it.
set -euo pipefail
src=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'docker compose -p "$project" -f "$work/compose.json" down -v -t 1 --rmi local >/dev/null 2>&1 || true; docker rm -f "$api" >/dev/null 2>&1 || true; docker rmi -f "$image" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cp -r "$src" "$work/submission"
id=$(date +%s%N | tail -c 9)
image="tp1-floor-$id:student"
project="tp1-floor-$id"
api="tp1-floor-api-$id"

wait_http() { # url: poll every 200 ms, 60 s at most
  for _ in $(seq 1 300); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "no answer from $1" >&2; return 1
}

# Exercises 2-4: build, one-shot run, run with a published port until /health answers, docker stop.
docker build -q -t "$image" "$work/submission" >/dev/null
docker run --rm "$image" python -c "print('Bonjour')" >/dev/null
docker run -d --name "$api" -p 8000 "$image" >/dev/null
wait_http "http://127.0.0.1:$(docker port "$api" 8000/tcp | head -1 | sed 's/.*://')/health"
docker stop "$api" >/dev/null

# Exercises 5-7: compose up on ephemeral ports (the same normalised file the grader runs), wait for /health,
# psql, a TCP probe from api to db, logs, restart api, /health again, compose down.
(cd "$work/submission" && docker compose config --format json) \
  | python3 -c 'import json,sys; c=json.load(sys.stdin); [p.pop("published",None) for s in c["services"].values() for p in s.get("ports",[])]; print(json.dumps(c))' > "$work/compose.json"
docker compose -p "$project" -f "$work/compose.json" up -d --build --quiet-pull >/dev/null 2>&1
api_url() { echo "http://127.0.0.1:$(docker compose -p "$project" -f "$work/compose.json" port api 8000 | sed 's/.*://')/health"; }
wait_http "$(api_url)"
for _ in $(seq 1 300); do docker compose -p "$project" -f "$work/compose.json" exec -T db psql -U demo -d demo -tAc 'select version(), current_database()' >/dev/null 2>&1 && break; sleep 0.2; done
docker compose -p "$project" -f "$work/compose.json" exec -T api python -c "import socket; socket.create_connection(('db', 5432), 5)"
docker compose -p "$project" -f "$work/compose.json" logs api >/dev/null
docker compose -p "$project" -f "$work/compose.json" restart api >/dev/null 2>&1
wait_http "$(api_url)"
docker compose -p "$project" -f "$work/compose.json" down -v -t 1 --rmi local >/dev/null 2>&1
