/**
 * Test databases made the way production makes them: the real `prisma migrate deploy`
 * (through the project's offline schema engine) against a fresh SQLite file, or against the
 * PostgreSQL database named by TEST_DATABASE_URL.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function migrateDatabase(databaseUrl: string): string {
  return execFileSync(process.execPath, [path.join(projectRoot, "node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function freshSqliteUrl(label: string, parent = tmpdir()): string {
  const dir = mkdtempSync(path.join(parent, `chatlift-${label}-`));
  return `file:${path.join(dir, "test.sqlite")}`;
}

/** PostgreSQL when the run asks for it (npm run test:pg), else a new SQLite file. */
export function testDatabaseUrl(label: string, parent?: string): string {
  const pg = process.env.TEST_DATABASE_URL;
  return pg && /^postgres(ql)?:\/\//.test(pg) ? pg : freshSqliteUrl(label, parent);
}
