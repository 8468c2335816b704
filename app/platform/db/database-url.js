/**
 * Where the app's data lives, decided once from DATABASE_URL so the app, the Prisma CLI
 * (prisma.config.ts) and the scripts never disagree.
 *
 * Unset or `file:` → SQLite (the default; one app instance). `postgres://` or
 * `postgresql://` → PostgreSQL (several app instances and outbox workers).
 */
import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgresql";

export interface DatabaseTarget {
  provider: DatabaseProvider;
  /** The URL with a SQLite path made absolute, so every process opens the same file. */
  url: string;
  /** The Prisma schema for this provider, relative to the project root. */
  schemaPath: string;
  /** The committed migrations for this provider, relative to the project root. */
  migrationsPath: string;
  /** SQLite only: the absolute path of the database file. */
  filePath?: string;
}

export const DEFAULT_DATABASE_URL = "file:./data/chatlift.sqlite";

export class DatabaseUrlError extends Error {
  override name = "DatabaseUrlError";
}

/** The file a `file:` URL names (`file:///abs`, `file:/abs`, `file:relative?mode=…`); "" when it names none. */
export function sqliteFileOf(url: string): string {
  return url.slice("file:".length).replace(/^\/\/(?=\/)/, "").split("?")[0] ?? "";
}

export function resolveDatabase(
  rawUrl: string | undefined,
  projectRoot: string = process.cwd(),
): DatabaseTarget {
  const url = rawUrl?.trim() || DEFAULT_DATABASE_URL;

  if (url.startsWith("file:")) {
    const filePart = sqliteFileOf(url);
    if (!filePart) {
      throw new DatabaseUrlError(`DATABASE_URL "${url}" names no SQLite file (expected e.g. ${DEFAULT_DATABASE_URL})`);
    }
    const filePath = path.resolve(projectRoot, filePart);
    return {
      provider: "sqlite",
      url: `file:${filePath}`,
      filePath,
      schemaPath: "prisma/schema.prisma",
      migrationsPath: "prisma/migrations",
    };
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
    `DATABASE_URL must start with "file:" (SQLite) or "postgres://" / "postgresql://" (PostgreSQL); got "${url.replace(/\/\/[^@]*@/, "//***@")}"`,
  );
}
