#!/usr/bin/env bash
# A throw-away local PostgreSQL for tests and CI: its own cluster, listening on 127.0.0.1 only,
# with a password user. Prints the DATABASE_URL on stdout (everything else goes to stderr):
#
#   export DATABASE_URL="$(scripts/prisma/start-postgres.sh)"
#   scripts/prisma/start-postgres.sh stop      # stop it (data kept: the next start is instant)
#   scripts/prisma/start-postgres.sh destroy   # stop it and delete its data
#
# Idempotent: a running cluster is reused. Installs Debian's `postgresql` package if no
# PostgreSQL binaries are found (needs root or sudo); elsewhere, install PostgreSQL yourself.
# Settings (environment): CHATLIFT_PG_PORT (55432), CHATLIFT_PG_DIR ($TMPDIR/chatlift-pg-$PORT),
# CHATLIFT_PG_USER/CHATLIFT_PG_PASSWORD (chatlift/chatlift), CHATLIFT_PG_DATABASE (chatlift),
# PG_BINDIR (where initdb/pg_ctl are).
set -euo pipefail

PORT="${CHATLIFT_PG_PORT:-55432}"
DIR="${CHATLIFT_PG_DIR:-${TMPDIR:-/tmp}/chatlift-pg-${PORT}}"
PGUSER_NAME="${CHATLIFT_PG_USER:-chatlift}"
PGUSER_PASSWORD="${CHATLIFT_PG_PASSWORD:-chatlift}"
DATABASE="${CHATLIFT_PG_DATABASE:-chatlift}"
ACTION="${1:-start}"

log() { printf '[start-postgres] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

find_bindir() {
  if [[ -n "${PG_BINDIR:-}" && -x "$PG_BINDIR/pg_ctl" ]]; then echo "$PG_BINDIR"; return; fi
  # Debian keeps initdb/pg_ctl out of PATH, under /usr/lib/postgresql/<version>/bin.
  local candidate
  candidate="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$candidate" && -x "$candidate/pg_ctl" ]]; then echo "$candidate"; return; fi
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
  if command -v pg_config >/dev/null 2>&1 && [[ -x "$(pg_config --bindir)/pg_ctl" ]]; then pg_config --bindir; return; fi
}

install_postgres() {
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is unavailable: install PostgreSQL (initdb, pg_ctl) and set PG_BINDIR if it is not on PATH."
  local sudo=""
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "PostgreSQL is not installed; run as root (or with sudo available) to let this script apt-get install it."
    sudo="sudo"
  fi
  log "installing PostgreSQL (apt-get install postgresql)…"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
}

for value in "$PGUSER_NAME" "$PGUSER_PASSWORD" "$DATABASE"; do
  # They go into a URL and into SQL unescaped.
  [[ "$value" =~ ^[A-Za-z0-9_.~-]+$ ]] || die "CHATLIFT_PG_USER/PASSWORD/DATABASE may only use A-Z a-z 0-9 _ . ~ -"
done

BINDIR="$(find_bindir)"
if [[ -z "$BINDIR" ]]; then
  [[ "$ACTION" == start ]] || die "PostgreSQL is not installed"
  install_postgres
  BINDIR="$(find_bindir)"
  [[ -n "$BINDIR" ]] || die "PostgreSQL was installed but pg_ctl was not found; set PG_BINDIR"
fi

# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root, but there is no 'postgres' user to own the cluster"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# $DIR holds the data directory, the Unix socket and the server log.
DATA="$DIR/data"
is_running() { [[ -f "$DATA/PG_VERSION" ]] && as_owner "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

case "$ACTION" in
  start) ;;
  stop)
    if is_running; then as_owner "$BINDIR/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; log "stopped ($DIR)"; else log "not running ($DIR)"; fi
    exit 0 ;;
  destroy)
    if is_running; then as_owner "$BINDIR/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null; fi
    rm -rf "$DIR"
    log "deleted $DIR"
    exit 0 ;;
  *) die "usage: $0 [start|stop|destroy]" ;;
esac

if [[ ! -f "$DATA/PG_VERSION" ]]; then
  log "creating a cluster in $DATA ($("$BINDIR/postgres" --version))"
  rm -rf "$DATA"
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  [[ "$(id -u)" == 0 ]] && chown postgres: "$DIR"
  pwfile="$DIR/pwfile"
  as_owner sh -c 'umask 077; printf "%s\n" "$1" > "$2"' sh "$PGUSER_PASSWORD" "$pwfile"
  # Loopback TCP needs the password (like a real server); the owner's Unix socket in $DIR does not.
  as_owner "$BINDIR/initdb" -D "$DATA" -U "$PGUSER_NAME" --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; rm -f "$pwfile"; die "initdb failed"; }
  rm -f "$pwfile"
fi

if is_running; then
  log "already running on 127.0.0.1:$PORT ($DIR)"
else
  # Durability settings off: this cluster holds throw-away test data only.
  as_owner "$BINDIR/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { tail -n 20 "$DIR/server.log" >&2 || true; die "PostgreSQL did not start (log: $DIR/server.log)"; }
  log "started on 127.0.0.1:$PORT ($DIR)"
fi

psql_owner() { as_owner "$BINDIR/psql" -h "$DIR" -p "$PORT" -U "$PGUSER_NAME" -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [[ "$(psql_owner -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]]; then
  psql_owner -c "CREATE DATABASE \"$DATABASE\"" >/dev/null
  log "created database $DATABASE"
fi

echo "postgresql://${PGUSER_NAME}:${PGUSER_PASSWORD}@127.0.0.1:${PORT}/${DATABASE}"
