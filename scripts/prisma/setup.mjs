#!/usr/bin/env node
/**
 * The root `postinstall`: after `npm install` / `npm ci` the app is ready to run.
 *   1. generate both Prisma clients (scripts/prisma/generate.mjs);
 *   2. apply the committed migrations to the default SQLite database (data/chatlift.sqlite),
 *      unless DATABASE_URL points at another database (never touch those implicitly).
 * Offline and quick (~2 s). CHATLIFT_SKIP_DB_SETUP=1 skips it all (e.g. Docker build stages).
 */
import { mkdirSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_DATABASE_URL, redactUrl, resolveDatabase } from "../../app/platform/db/database-url.js";
import { generateClients } from "./generate.mjs";
import { PROJECT_ROOT } from "./postgresql-schema.mjs";
import { prismaCliPath, runPrisma } from "./run-prisma.mjs";

/** @param {string} line */
const log = (line) => console.log(`[db:setup] ${line}`);

const DEFAULT_SQLITE_FILE = /** @type {string} */ (resolveDatabase(DEFAULT_DATABASE_URL, PROJECT_ROOT).filePath);

/**
 * @param {string | undefined} databaseUrl
 * @returns {string | null} why this database is not ours to migrate, or null when it is
 */
export function otherDatabase(databaseUrl) {
  const url = databaseUrl?.trim();
  if (!url) return null;
  try {
    if (resolveDatabase(url, PROJECT_ROOT).filePath === DEFAULT_SQLITE_FILE) return null;
  } catch {
    // Not a URL the app accepts either: certainly not the default database. Said below, redacted.
  }
  return `DATABASE_URL points at ${redactUrl(url)}`;
}

async function main() {
  if (process.env.CHATLIFT_SKIP_DB_SETUP) {
    log("CHATLIFT_SKIP_DB_SETUP is set: skipped client generation and migrations.");
    return 0;
  }
  try {
    prismaCliPath();
  } catch {
    // A partial install (e.g. a package manager that skipped optional work): nothing to run.
    log("the Prisma CLI is not installed: skipped client generation and migrations.");
    return 0;
  }

  if (!(await generateClients({ log }))) {
    log("client generation failed (see above). Fix it, then run `npm run db:generate`.");
    return 1;
  }

  const reason = otherDatabase(process.env.DATABASE_URL);
  if (reason) {
    log(`${reason}: not migrating it. Apply migrations explicitly with \`npx prisma migrate deploy\`.`);
    return 0;
  }
  mkdirSync(path.dirname(DEFAULT_SQLITE_FILE), { recursive: true });
  const started = Date.now();
  const { code, stdout, stderr } = await runPrisma(["migrate", "deploy"], {
    quiet: true,
    env: { DATABASE_URL: "" },
  });
  const relative = path.relative(PROJECT_ROOT, DEFAULT_SQLITE_FILE);
  if (code !== 0) {
    log(
      `prisma migrate deploy on ${relative} failed (exit code ${code}):\n${`${stdout}\n${stderr}`.trim()}\n` +
        `[db:setup] Inspect with \`npx prisma migrate status\`; a throw-away dev database can be rebuilt with ` +
        "`npx prisma migrate reset --force`. CHATLIFT_SKIP_DB_SETUP=1 skips this step.",
    );
    return 1;
  }
  const applied = /The following migration\(s\) have been applied:\s*\n([\s\S]*?)\n\s*\n/.exec(stdout);
  const names = applied ? [...applied[1].matchAll(/└─ (\S+)\//g)].map((m) => m[1]).filter((n) => n !== "migrations") : [];
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(
    names.length
      ? `applied ${names.length} migration(s) to ${relative} in ${seconds} s: ${names.join(", ")}`
      : `${relative} is up to date (no pending migrations; checked in ${seconds} s)`,
  );
  return 0;
}

// Run as the postinstall, not when a test imports otherDatabase.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  process.exitCode = await main();
}
