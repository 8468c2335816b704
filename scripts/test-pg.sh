#!/usr/bin/env bash
# `npm run test:pg`: the whole test suite on PostgreSQL. Uses TEST_DATABASE_URL when given
# (it must be a database the tests may write to); otherwise starts a throw-away local cluster
# from Debian's package (scripts/prisma/start-postgres.sh installs it if needed), and Redis the
# same way (TEST_REDIS_URL, or scripts/redis/start-redis.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${TEST_DATABASE_URL:-}" ]]; then
  TEST_DATABASE_URL="$(bash scripts/prisma/start-postgres.sh)"
fi
export TEST_DATABASE_URL
# The shared-limiter tests (several workers, several instances) need Redis beside PostgreSQL.
if [[ -z "${TEST_REDIS_URL:-}" ]]; then
  TEST_REDIS_URL="$(bash scripts/redis/start-redis.sh)"
fi
export TEST_REDIS_URL
echo "[test:pg] running the suite against ${TEST_DATABASE_URL//\/\/*@/\/\/***@}" >&2
exec vitest run "$@"
