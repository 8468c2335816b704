/**
 * Databases made the way production makes them: the real `prisma migrate deploy` (through the
 * project's offline schema engine), for the benches and the tests (whose PostgreSQL databases
 * come from tests/support/postgres-databases.ts).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function migrateDatabase(databaseUrl: string): string {
  return execFileSync(
    process.execPath,
    [path.join(projectRoot, "node_modules/prisma/build/index.js"), "migrate", "deploy"],
    {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

export function freshSqliteUrl(label: string, parent = tmpdir()): string {
  const dir = mkdtempSync(path.join(parent, `chatlift-${label}-`));
  return `file:${path.join(dir, "test.sqlite")}`;
}
