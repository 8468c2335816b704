#!/usr/bin/env node
/**
 * `npm run db:migrate -- --name <change> [--create-only]`: one schema change, two providers.
 *
 * prisma/schema.prisma (SQLite) is the only schema people edit. This script keeps the committed
 * PostgreSQL side in step with it, so both migration folders always hold the same migration
 * names, in the same order:
 *
 *   prisma/migrations/<ts>_<name>/migration.sql             SQLite
 *   prisma/postgresql/migrations/<ts>_<name>/migration.sql  PostgreSQL
 *   prisma/postgresql/schema.prisma                         derived (scripts/prisma/postgresql-schema.mjs)
 *
 * With the default SQLite DATABASE_URL (the normal case; no PostgreSQL server needed):
 *   1. the PostgreSQL SQL is computed offline, as the diff between the committed PostgreSQL
 *      schema and the one derived from the edited SQLite schema;
 *   2. the ordinary `prisma migrate dev …` creates the SQLite migration and applies it to the
 *      dev database (all arguments are passed on);
 *   3. the PostgreSQL SQL goes into the twin folder, and the PostgreSQL schema is rewritten.
 *
 * With a PostgreSQL DATABASE_URL, the roles swap: `prisma migrate dev` runs against that
 * database (after the PostgreSQL schema is re-derived), and the SQLite twin is the diff from the
 * replayed SQLite migrations (in a scratch SQLite file) to prisma/schema.prisma.
 *
 * A migration made with plain `prisma migrate dev` (no twin yet) is paired on the next run.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  POSTGRESQL_SCHEMA,
  PROJECT_ROOT,
  SQLITE_SCHEMA,
  SchemaDerivationError,
  deriveFromProject,
  readCommittedPostgresqlSchema,
  writePostgresqlSchema,
} from "./prisma/postgresql-schema.mjs";
import { runPrisma } from "./prisma/run-prisma.mjs";
import { DatabaseUrlError, resolveDatabase } from "../app/platform/db/database-url.js";

/**
 * @typedef {{ provider: "sqlite" | "postgresql", label: string, migrationsDir: string }} Side
 */

/** @type {Side} */
const SQLITE = { provider: "sqlite", label: "SQLite", migrationsDir: "prisma/migrations" };
/** @type {Side} */
const POSTGRESQL = { provider: "postgresql", label: "PostgreSQL", migrationsDir: "prisma/postgresql/migrations" };

const EMPTY_MIGRATION = "-- This is an empty migration.";

class DbMigrateError extends Error {
  name = "DbMigrateError";
}

/** @param {string} message */
const say = (message) => console.log(`\n[db:migrate] ${message}`);

async function main() {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(
      "usage: npm run db:migrate -- --name <change> [--create-only]\n\n" +
        "Creates the SQLite migration with `prisma migrate dev` (arguments are passed on) and its\n" +
        "PostgreSQL twin, and re-derives prisma/postgresql/schema.prisma. See scripts/db-migrate.mjs.",
    );
    return 0;
  }
  const unsupported = args.find((arg) => /^--(schema|config|url)(=|$)/.test(arg));
  if (unsupported) {
    throw new DbMigrateError(
      `${unsupported.split("=")[0]} is not supported here: the schemas and migration folders are fixed (prisma.config.ts), and the database comes from DATABASE_URL.`,
    );
  }

  const primary =
    resolveDatabase(process.env.DATABASE_URL, PROJECT_ROOT).provider === "postgresql" ? POSTGRESQL : SQLITE;
  const secondary = primary === SQLITE ? POSTGRESQL : SQLITE;

  const derivedPgSchema = deriveFromProject();
  const committedPgSchema = readCommittedPostgresqlSchema();

  warnAboutUnpairedSecondaryMigrations(primary, secondary);

  const scratch = mkdtempSync(path.join(tmpdir(), "chatlift-db-migrate-"));
  try {
    let secondarySql;
    if (primary === SQLITE) {
      say(
        `Computing the PostgreSQL migration offline (${committedPgSchema === null ? "empty database" : POSTGRESQL_SCHEMA} → schema derived from ${SQLITE_SCHEMA})…`,
      );
      secondarySql = await postgresqlDiffFromSchemas(committedPgSchema, derivedPgSchema, scratch);
    } else {
      say("Computing the SQLite migration offline (replayed prisma/migrations → prisma/schema.prisma)…");
      secondarySql = await sqliteDiffFromMigrations(scratch);
      // `prisma migrate dev` on PostgreSQL reads the PostgreSQL schema: bring it up to date first.
      if (committedPgSchema !== derivedPgSchema) writePostgresqlSchema(derivedPgSchema);
    }

    say(`Running prisma migrate dev ${args.join(" ")} on the ${primary.label} database…`);
    const { code } = await runPrisma(["migrate", "dev", ...args]);
    if (code !== 0) {
      if (primary === POSTGRESQL && committedPgSchema !== null && committedPgSchema !== derivedPgSchema) {
        writePostgresqlSchema(committedPgSchema);
      }
      throw new DbMigrateError(
        `prisma migrate dev failed (exit code ${code}); the ${secondary.label} side was not touched. ` +
          `A migration it already created will be paired on the next run.`,
        { cause: code },
      );
    }

    const written = pairMigrations(primary, secondary, secondarySql);
    if (primary === SQLITE && committedPgSchema !== derivedPgSchema) {
      writePostgresqlSchema(derivedPgSchema);
      written.push(POSTGRESQL_SCHEMA);
    } else if (primary === POSTGRESQL && committedPgSchema !== derivedPgSchema) {
      written.push(POSTGRESQL_SCHEMA);
    }

    if (written.length === 0) {
      say("No schema change: nothing created.");
    } else {
      say(`Wrote:\n${written.map((file) => `  ${file}`).join("\n")}`);
      if (args.includes("--create-only")) {
        say(
          `--create-only: if you edit the new ${primary.label} migration by hand, make the same change in its ${secondary.label} twin.`,
        );
      }
    }
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * @param {string | null} committed the committed PostgreSQL schema (null: none yet)
 * @param {string} derived
 * @param {string} scratch a temporary directory
 * @returns {Promise<string>} the SQL, "" when nothing changes
 */
async function postgresqlDiffFromSchemas(committed, derived, scratch) {
  const target = path.join(scratch, "schema.prisma");
  writeFileSync(target, derived);
  const from = committed === null ? ["--from-empty"] : ["--from-schema", POSTGRESQL_SCHEMA];
  return migrateDiff([...from, "--to-schema", target], scratch);
}

/**
 * @param {string} scratch a temporary directory
 * @returns {Promise<string>} the SQL, "" when nothing changes
 */
async function sqliteDiffFromMigrations(scratch) {
  const from = migrationFolders(SQLITE).length ? ["--from-migrations", SQLITE.migrationsDir] : ["--from-empty"];
  // Replaying migrations needs a database connection, even though only the in-memory shadow
  // database is used: point this one run at a scratch SQLite file.
  return migrateDiff([...from, "--to-schema", SQLITE_SCHEMA], scratch, {
    DATABASE_URL: `file:${path.join(scratch, "scratch.sqlite")}`,
  });
}

/**
 * @param {string[]} fromTo
 * @param {string} scratch
 * @param {Record<string, string>} [env]
 */
async function migrateDiff(fromTo, scratch, env) {
  const output = path.join(scratch, "migration.sql");
  const { code, stderr } = await runPrisma(
    ["migrate", "diff", ...fromTo, "--script", "--exit-code", "--output", output],
    { quiet: true, env },
  );
  // --exit-code: 0 = no difference, 2 = a difference (written to --output), anything else = error.
  if (code === 0) return "";
  if (code === 2) return readFileSync(output, "utf8");
  throw new DbMigrateError(`prisma migrate diff ${fromTo.join(" ")} failed:\n${stderr.trim()}`);
}

/** @param {Side} side */
function migrationFolders(side) {
  const dir = path.join(PROJECT_ROOT, side.migrationsDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * Gives every primary migration without a twin one in the secondary folder. The pending
 * secondary SQL covers all of them together, so it goes into the twin of the last one.
 *
 * @param {Side} primary
 * @param {Side} secondary
 * @param {string} secondarySql
 * @returns {string[]} the files written
 */
function pairMigrations(primary, secondary, secondarySql) {
  const primaryFolders = migrationFolders(primary);
  const paired = new Set(migrationFolders(secondary));
  const orphans = primaryFolders.filter((name) => !paired.has(name));

  if (orphans.length === 0) {
    if (secondarySql) {
      throw new DbMigrateError(
        `The ${secondary.label} schema changes, but ${primary.label} needed no migration. Was ` +
          `${primary === SQLITE ? POSTGRESQL_SCHEMA : SQLITE.migrationsDir} changed by hand? Check with ` +
          "`node scripts/prisma/postgresql-schema.mjs --check`. Nothing was written.",
      );
    }
    return [];
  }

  const lastPaired = primaryFolders.filter((name) => paired.has(name)).at(-1);
  if (lastPaired && orphans[0] < lastPaired) {
    console.warn(
      `[db:migrate] warning: ${primary.migrationsDir}/${orphans[0]} sorts before ${lastPaired}, which already has a twin; ` +
        `its ${secondary.label} changes land in ${orphans.at(-1)} instead. Review the ${secondary.label} migrations.`,
    );
  }

  const last = /** @type {string} */ (orphans.at(-1));
  /** @type {string[]} */
  const written = [];
  const write = (/** @type {string} */ name, /** @type {string} */ sql) => {
    const file = path.join(secondary.migrationsDir, name, "migration.sql");
    mkdirSync(path.join(PROJECT_ROOT, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(PROJECT_ROOT, file), sql);
    written.push(file);
  };
  for (const name of orphans.slice(0, -1)) {
    write(name, `-- Intentionally empty: this migration's ${secondary.label} changes are in ${last}/migration.sql.\n`);
  }
  write(last, secondarySql || EMPTY_MIGRATION);

  const lock = path.join(secondary.migrationsDir, "migration_lock.toml");
  if (!existsSync(path.join(PROJECT_ROOT, lock))) {
    // Same text as the Prisma CLI writes.
    writeFileSync(
      path.join(PROJECT_ROOT, lock),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${secondary.provider}"\n`,
    );
    written.push(lock);
  }
  return written;
}

/**
 * A secondary migration without a primary twin means someone edited the folders by hand.
 *
 * @param {Side} primary
 * @param {Side} secondary
 */
function warnAboutUnpairedSecondaryMigrations(primary, secondary) {
  const primaryFolders = new Set(migrationFolders(primary));
  const strays = migrationFolders(secondary).filter((name) => !primaryFolders.has(name));
  if (strays.length) {
    console.warn(
      `[db:migrate] warning: ${secondary.migrationsDir} has migrations with no twin in ${primary.migrationsDir}: ${strays.join(", ")}`,
    );
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (
      error instanceof DbMigrateError ||
      error instanceof SchemaDerivationError ||
      error instanceof DatabaseUrlError
    ) {
      console.error(`\n[db:migrate] ${error.message}`);
      process.exitCode = typeof error.cause === "number" ? error.cause : 1;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  },
);
