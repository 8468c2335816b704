import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/env.ts"],
    pool: "forks",
    // SQLite: every test file gets its own copy of the migrated database, so files run in
    // parallel. PostgreSQL (npm run test:pg): one shared database, so files run one at a time.
    fileParallelism: !process.env.TEST_DATABASE_URL,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
