/**
 * Two projects over one pool: "database" (the test files that can reach the database, found by
 * tests/support/database-tests.ts) and "no-database" (the rest, given a database that cannot be
 * opened). `npm test` runs both on SQLite; `npm run test:pg` runs only "database" on PostgreSQL.
 */
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { databaseTestFiles } from "./tests/support/database-tests";

const files = databaseTestFiles(import.meta.dirname);

/**
 * The suite mostly waits (HubSpot pacing, job polls, HTTP, Chromium), so one worker per core, or
 * vitest's default of one fewer, leaves the cores idle: on 2 cores (one worker) the run used less
 * than one core. Two workers per core keep them busy; CHATLIFT_TEST_WORKERS overrides it.
 */
const workers = Number(process.env.CHATLIFT_TEST_WORKERS) || Math.min(8, 2 * availableParallelism());

export default defineConfig({
  test: {
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/env.ts"],
    pool: "forks",
    maxWorkers: workers,
    // Two files per core: a test may take two to four times as long as it does alone.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for something a browser or a worker does; its 1 s default lost a card render once under load.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      { extends: true, test: { name: "database", include: files.database } },
      { extends: true, test: { name: "no-database", include: files.other, provide: { databaseFile: false } } },
    ],
  },
});
