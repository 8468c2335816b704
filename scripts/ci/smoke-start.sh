#!/usr/bin/env bash
# `npm start` on the default SQLite database, then /healthz must answer 200 with the database
# reachable. Used by .ci/run; safe to run by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
port="${SMOKE_PORT:-3917}"
log="$(mktemp)"

# Its own process group, so npm, the start script and remix-serve all stop together.
PORT="$port" setsid npm start >"$log" 2>&1 &
server=$!
trap 'kill -- "-$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  if body="$(curl -fsS "http://127.0.0.1:$port/healthz" 2>/dev/null)"; then
    echo "GET /healthz → $body"
    echo "$body" | grep -q '"reachable":true' || { echo "database not reachable"; exit 1; }
    exit 0
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "npm start exited early:"; cat "$log"; exit 1
  fi
  sleep 1
done
echo "no answer from /healthz after 120 s:"; cat "$log"; exit 1
