/**
 * Datasource URLs as the Prisma CLI passes them to the schema engine, in the shape the driver
 * adapters need. Which file a `file:` URL names and how a password is hidden are the app's rule
 * (app/platform/db/database-url.js), so the stand-in migrates the file the app opens.
 */
import path from "node:path";
import { redactUrl, sqliteFileOf, sqliteUrlOf } from "../../../app/platform/db/database-url.js";

export { redactUrl };

/**
 * @typedef {{ provider: "sqlite", url: string, filePath: string | null }} SqliteTarget
 *   `filePath` is null for `:memory:`.
 * @typedef {{ provider: "postgres", url: string, schema: string | undefined, database: string }} PostgresTarget
 * @typedef {SqliteTarget | PostgresTarget} DatabaseTarget
 */

export class UnsupportedUrlError extends Error {
  name = "UnsupportedUrlError";
}

/**
 * @param {string} url a datasource URL as the Prisma CLI passes it
 * @param {string} [baseDir] what a relative SQLite path is relative to
 * @returns {DatabaseTarget}
 */
export function parseDatabaseUrl(url, baseDir = process.cwd()) {
  if (url.startsWith("file:")) {
    // Prisma accepts `file:./x.db?connection_limit=1`; libsql rejects unknown query parameters.
    const file = sqliteFileOf(url);
    if (!file) throw new UnsupportedUrlError(`The SQLite URL "${redactUrl(url)}" names no file`);
    if (file === ":memory:") return { provider: "sqlite", url: "file::memory:", filePath: null };
    const filePath = path.resolve(baseDir, file);
    return { provider: "sqlite", url: sqliteUrlOf(filePath), filePath };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      throw new UnsupportedUrlError(`"${redactUrl(url)}" is not a valid PostgreSQL URL (encode special characters as %XX)`);
    }
    // `?schema=` is Prisma's convention, not libpq's: hand it to the adapter, not to `pg`.
    const schema = parsed.searchParams.get("schema") ?? undefined;
    parsed.searchParams.delete("schema");
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres";
    return { provider: "postgres", url: parsed.toString(), schema, database };
  }
  throw new UnsupportedUrlError(
    `This offline schema engine supports SQLite ("file:") and PostgreSQL ("postgres://") URLs only; got "${redactUrl(url)}"`,
  );
}

/**
 * @param {PostgresTarget} target
 * @param {string} database
 * @returns {PostgresTarget}
 */
export function withDatabase(target, database) {
  const parsed = new URL(target.url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return { ...target, url: parsed.toString(), database };
}
