import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freshSqliteUrl, migrateDatabase } from "./database";
import { createTemplateDatabase, dropRunDatabases } from "./postgres-databases";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
    scratchDir: string;
    /** False in the "no-database" project (vitest.config.ts): its files get no database. */
    databaseFile: boolean;
  }
}

/**
 * Migrates one template database for the run with the real `prisma migrate deploy`; each test
 * file then works on its own copy (tests/support/env.ts). Everything is removed at the end.
 */
export default async function setup(project: TestProject) {
  const scratchDir = mkdtempSync(path.join(tmpdir(), "chatlift-tests-"));
  const postgres = process.env.TEST_DATABASE_URL;
  const templateUrl = postgres ? await createTemplateDatabase(postgres) : freshSqliteUrl("template", scratchDir);
  migrateDatabase(templateUrl);
  project.provide("templateDatabaseUrl", templateUrl);
  project.provide("scratchDir", scratchDir);
  project.provide("databaseFile", true);
  return async () => {
    if (postgres) await dropRunDatabases(postgres, templateUrl);
    rmSync(scratchDir, { recursive: true, force: true });
  };
}
