import type { TestProject } from "vitest/node";
import { migrateDatabase, testDatabaseUrl } from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

/** Migrates one database for the run; each test file then gets its own copy (SQLite). */
export default function setup(project: TestProject) {
  const url = testDatabaseUrl("template");
  migrateDatabase(url);
  project.provide("templateDatabaseUrl", url);
}
