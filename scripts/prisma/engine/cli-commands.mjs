/**
 * `schema-engine --datasource '{"url":…}' cli <command>`: one-shot checks the Prisma CLI runs
 * before migrate/db commands. They are not JSON-RPC: the answer is the exit code, and on failure
 * the CLI reads the error code (P1003 = "database does not exist, create it?") from the ERROR
 * line on stderr. The CLI skips stderr's first line, so main() logs a start line first.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { parseDatabaseUrl, withDatabase } from "./database-url.mjs";

/**
 * A failure the CLI shows to the user, with a Prisma error code when there is one.
 */
export class UserFacingError extends Error {
  name = "UserFacingError";
  /**
   * @param {string} message
   * @param {string} [code]
   */
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/**
 * @param {string} command
 * @param {string} url
 * @returns {Promise<string | undefined>} what to print on success (create-database's name)
 */
export async function runCliCommand(command, url) {
  const target = parseDatabaseUrl(url);
  switch (command) {
    case "can-connect-to-database":
      return target.provider === "sqlite" ? sqliteCanConnect(target) : postgresCanConnect(target);
    case "create-database":
      return target.provider === "sqlite" ? sqliteCreate(target) : postgresCreate(target);
    default:
      throw new UserFacingError(`Unknown schema-engine cli command "${command}"`);
  }
}

/** @param {import("./database-url.mjs").SqliteTarget} target */
async function sqliteCanConnect(target) {
  if (target.filePath && !existsSync(target.filePath)) {
    throw new UserFacingError(
      `Database \`${path.basename(target.filePath)}\` does not exist at \`${target.filePath}\``,
      "P1003",
    );
  }
  const client = createClient({ url: target.url });
  try {
    // Opens the file for real: "file is not a database" surfaces here, not at first migration.
    await client.execute("PRAGMA schema_version");
  } finally {
    client.close();
  }
  return undefined;
}

/** @param {import("./database-url.mjs").SqliteTarget} target */
async function sqliteCreate(target) {
  if (target.filePath) mkdirSync(path.dirname(target.filePath), { recursive: true });
  const client = createClient({ url: target.url });
  try {
    await client.execute("PRAGMA schema_version");
  } finally {
    client.close();
  }
  return target.filePath ? path.basename(target.filePath) : ":memory:";
}

/**
 * @param {import("./database-url.mjs").PostgresTarget} target
 * @param {(client: pg.Client) => Promise<void>} [work]
 */
async function withPostgres(target, work) {
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await (work ? work(client) : client.query("SELECT 1"));
  } catch (error) {
    throw postgresError(error, target);
  } finally {
    await client.end().catch(() => {});
  }
}

/** @param {import("./database-url.mjs").PostgresTarget} target */
async function postgresCanConnect(target) {
  await withPostgres(target);
  return undefined;
}

/** @param {import("./database-url.mjs").PostgresTarget} target */
async function postgresCreate(target) {
  const create = async (/** @type {pg.Client} */ client) => {
    try {
      await client.query(`CREATE DATABASE "${target.database.replaceAll('"', '""')}"`);
    } catch (error) {
      // 42P04 duplicate_database: someone else created it meanwhile, which is what we wanted.
      if (/** @type {{ code?: string }} */ (error).code !== "42P04") throw error;
    }
  };
  try {
    await withPostgres(withDatabase(target, "postgres"), create);
  } catch (error) {
    if (!(error instanceof UserFacingError && error.code === "P1003")) throw error;
    await withPostgres(withDatabase(target, "template1"), create);
  }
  return target.database;
}

/**
 * Native engine wording for the errors the CLI reacts to.
 *
 * @param {unknown} error
 * @param {import("./database-url.mjs").PostgresTarget} target
 */
function postgresError(error, target) {
  if (error instanceof UserFacingError) return error;
  const { hostname, port, username } = new URL(target.url);
  const where = `${hostname}:${port || 5432}`;
  const e = /** @type {{ code?: string, message?: string }} */ (error);
  switch (e.code) {
    case "3D000":
      return new UserFacingError(
        `Database \`${target.database}\` does not exist on the database server at \`${where}\`.`,
        "P1003",
      );
    case "28P01":
    case "28000":
      return new UserFacingError(
        `Authentication failed against database server at \`${hostname}\`, the provided database credentials for \`${decodeURIComponent(username)}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${hostname}\`.`,
        "P1000",
      );
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "ETIMEDOUT":
    case "ECONNRESET":
      return new UserFacingError(
        `Can't reach database server at \`${where}\`\n\nPlease make sure your database server is running at \`${where}\`.`,
        "P1001",
      );
    default:
      if (/timeout/i.test(e.message ?? "")) {
        return new UserFacingError(`Can't reach database server at \`${where}\` (${e.message})`, "P1001");
      }
      return new UserFacingError(e.message ?? String(error));
  }
}
