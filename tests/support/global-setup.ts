import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase, testDatabaseUrl } from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
    scratchDir: string;
  }
}

/**
 * Migrates one database for the run; each test file then works on its own copy (SQLite) in a
 * scratch folder that is removed when the run ends.
 */
export default function setup(project: TestProject) {
  const scratchDir = mkdtempSync(path.join(tmpdir(), "chatlift-tests-"));
  const url = testDatabaseUrl("template", scratchDir);
  migrateDatabase(url);
  project.provide("templateDatabaseUrl", url);
  project.provide("scratchDir", scratchDir);
  return () => rmSync(scratchDir, { recursive: true, force: true });
}
