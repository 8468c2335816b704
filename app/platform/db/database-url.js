// @ts-check
/**
 * Where the app's data lives, decided once from DATABASE_URL so the app, the Prisma CLI
 * (prisma.config.ts), the schema-engine stand-in and the postinstall never disagree; and the one
 * rule that keeps a database password out of every message that shows a URL.
 *
 * Unset or `file:` → SQLite (the default; one app instance). `postgres://` or
 * `postgresql://` → PostgreSQL (several app instances and outbox workers).
 *
 * Plain JavaScript with JSDoc types (checked by tsc through `@ts-check`) because
 * scripts/prisma/*.mjs import it under plain `node`: the postinstall may run on a Node 22 without
 * TypeScript stripping, and the Prisma CLI starts the engine stand-in with whatever `node` is on
 * PATH. README.md in this folder says more.
 */
import path from "node:path";

/**
 * @typedef {"sqlite" | "postgresql"} DatabaseProvider
 * @typedef {object} DatabaseTarget
 * @property {DatabaseProvider} provider
 * @property {string} url The URL with a SQLite path made absolute, so every process opens the same file.
 * @property {string} schemaPath The Prisma schema for this provider, relative to the project root.
 * @property {string} migrationsPath The committed migrations for this provider, relative to the project root.
 * @property {string} [filePath] SQLite only: the absolute path of the database file (absent for `:memory:`).
 */

export const DEFAULT_DATABASE_URL = "file:./data/chatlift.sqlite";

export class DatabaseUrlError extends Error {
  /** @override */
  name = "DatabaseUrlError";
}

/**
 * The file a `file:` URL names (`file:///abs`, `file:/abs`, `file:relative?mode=…`), percent-decoded
 * as @libsql/client decodes it (so `file:./my%20db.sqlite` is `./my db.sqlite` for the app and
 * the stand-in alike); `:memory:` for an in-memory database; "" when it names none.
 *
 * @param {string} url
 * @returns {string}
 */
export function sqliteFileOf(url) {
  const location =
    url
      .slice("file:".length)
      .replace(/^\/\/(?=\/)/, "")
      .split(/[?#]/)[0] ?? "";
  try {
    return decodeURIComponent(location);
  } catch {
    throw new DatabaseUrlError(`The SQLite URL "${redactUrl(url)}" has an invalid percent-encoding (write % as %25)`);
  }
}

/**
 * The `file:` URL of a path, the inverse of sqliteFileOf: a file name holding `%`, `?` or `#`
 * survives the round trip.
 *
 * @param {string} filePath
 * @returns {string}
 */
export function sqliteUrlOf(filePath) {
  return `file:${filePath.replace(/[%?#]/g, encodeURIComponent)}`;
}

/**
 * The one redaction rule: in `scheme://user:password@host…`, everything between `://` and the
 * last `@` before a space or quote becomes `***` (from the start when a text begins `user:pass@`
 * with no scheme), and so does the value of any `…password=` query parameter. A password may hold an
 * unencoded `/`, `:` or `@`, so this may hide more than the password, never less. Works on a URL
 * or on a message that quotes URLs.
 *
 * @param {string} text
 * @returns {string}
 */
export function redactUrl(text) {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s"'`]*@/gi, "$1***@")
    .replace(/^(?![a-z][a-z0-9+.-]*:\/\/)[^\s"'`/@]*:[^\s"'`]*@/i, "***@")
    .replace(/([?&][^=&\s"'`]*password=)[^&#\s"'`]*/gi, "$1***");
}

/**
 * @param {string | undefined} rawUrl
 * @param {string} [projectRoot] what a relative SQLite path is relative to
 * @returns {DatabaseTarget}
 */
export function resolveDatabase(rawUrl, projectRoot = process.cwd()) {
  const url = rawUrl?.trim() || DEFAULT_DATABASE_URL;

  if (url.startsWith("file:")) {
    const file = sqliteFileOf(url);
    if (!file) {
      throw new DatabaseUrlError(
        `DATABASE_URL "${redactUrl(url)}" names no SQLite file (expected e.g. ${DEFAULT_DATABASE_URL})`,
      );
    }
    const sqlite = {
      provider: /** @type {const} */ ("sqlite"),
      schemaPath: "prisma/schema.prisma",
      migrationsPath: "prisma/migrations",
    };
    if (file === ":memory:") return { ...sqlite, url: "file::memory:" };
    const filePath = path.resolve(projectRoot, file);
    return { ...sqlite, url: sqliteUrlOf(filePath), filePath };
  }

  if (/^postgres(ql)?:\/\//.test(url)) {
    return {
      provider: "postgresql",
      url,
      schemaPath: "prisma/postgresql/schema.prisma",
      migrationsPath: "prisma/postgresql/migrations",
    };
  }

  throw new DatabaseUrlError(
    `DATABASE_URL must start with "file:" (SQLite) or "postgres://" / "postgresql://" (PostgreSQL); got "${redactUrl(url)}"`,
  );
}
