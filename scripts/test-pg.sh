#!/usr/bin/env bash
# `npm run test:pg`: the test files whose outcome can depend on the database provider, on
# PostgreSQL. That is vitest's "database" project (vitest.config.ts): every file whose imports, or
# the scripts it starts, reach the app's Prisma client, derived from the code at each run by
# tests/support/database-tests.ts, not kept by hand. The others (pure logic, widget, storefront
# browser tests) never open a database, so they pass or fail the same on both providers and run
# once, in `npm test`, where a database-free file that opens a database after all fails
# (tests/support/env.ts gives it a DATABASE_URL that cannot be opened).
#
# Uses TEST_DATABASE_URL when given (it must be a database the tests may write to); otherwise
# starts a throw-away local cluster from Debian's package (scripts/prisma/start-postgres.sh
# installs it if needed), and Redis the same way (TEST_REDIS_URL, or scripts/redis/start-redis.sh).
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
echo "[test:pg] running the database tests against ${TEST_DATABASE_URL//\/\/*@/\/\/***@}" >&2
exec vitest run --project database "$@"
