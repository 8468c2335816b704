#!/usr/bin/env bash
# A throw-away local Redis for tests, benchmarks and CI, the way scripts/prisma/start-postgres.sh
# gives PostgreSQL: the shared HubSpot limiter and the shared ingest limits need one Redis for
# every process. Listens on 127.0.0.1 only, keeps nothing on disk. Prints the REDIS_URL on stdout
# (everything else goes to stderr):
#
#   export REDIS_URL="$(scripts/redis/start-redis.sh)"    # or: npm run db:redis
#   scripts/redis/start-redis.sh stop                      # stop it
#
# Idempotent: a running server is reused. Installs Debian's `redis-server` package if it is not
# found (needs root or sudo). Settings (environment): CHATLIFT_REDIS_PORT (56379),
# CHATLIFT_REDIS_DIR ($TMPDIR/chatlift-redis-$PORT).
set -euo pipefail

PORT="${CHATLIFT_REDIS_PORT:-56379}"
DIR="${CHATLIFT_REDIS_DIR:-${TMPDIR:-/tmp}/chatlift-redis-${PORT}}"
ACTION="${1:-start}"

log() { printf '[start-redis] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

install_redis() {
  command -v apt-get >/dev/null 2>&1 || die "redis-server is not installed and apt-get is unavailable: install Redis (6.2 or newer) yourself."
  local sudo=""
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "redis-server is not installed; run as root (or with sudo available) to let this script apt-get install it."
    sudo="sudo"
  fi
  log "installing Redis (apt-get install redis-server)…"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >&2
}

is_running() { command -v redis-cli >/dev/null 2>&1 && redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; }

case "$ACTION" in
  start) ;;
  stop)
    if is_running; then redis-cli -h 127.0.0.1 -p "$PORT" shutdown nosave >/dev/null 2>&1 || true; log "stopped (port $PORT)"; else log "not running (port $PORT)"; fi
    exit 0 ;;
  *) die "usage: $0 [start|stop]" ;;
esac

command -v redis-server >/dev/null 2>&1 || install_redis
command -v redis-server >/dev/null 2>&1 || die "redis-server was installed but is not on PATH"

if is_running; then
  log "already running on 127.0.0.1:$PORT"
else
  mkdir -p "$DIR"
  # No snapshots, no append-only file: limiter state lives seconds and tests start clean.
  redis-server --bind 127.0.0.1 --port "$PORT" --dir "$DIR" --save "" --appendonly no \
    --daemonize yes --logfile "$DIR/redis.log" --pidfile "$DIR/redis.pid" >/dev/null
  for _ in $(seq 1 100); do is_running && break; sleep 0.05; done
  is_running || { tail -n 20 "$DIR/redis.log" >&2 || true; die "Redis did not start (log: $DIR/redis.log)"; }
  log "started on 127.0.0.1:$PORT ($(redis-server --version | cut -d' ' -f3))"
fi

echo "redis://127.0.0.1:${PORT}"
