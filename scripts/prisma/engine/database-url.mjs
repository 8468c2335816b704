/**
 * Datasource URLs as the Prisma CLI passes them to the schema engine.
 */
import path from "node:path";

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
    const location = url.slice("file:".length).split("?")[0].replace(/^\/\/(?=\/)/, "");
    if (location === ":memory:") return { provider: "sqlite", url: "file::memory:", filePath: null };
    const filePath = path.resolve(baseDir, decodeURIComponent(location));
    return { provider: "sqlite", url: `file:${filePath}`, filePath };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
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

/** @param {string} url */
export function redactUrl(url) {
  return url.replace(/\/\/[^@/]*@/, "//***@");
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
