/**
 * Runs before every test file, before it imports any app module: the app reads its
 * configuration from the environment once, at import.
 */
import { mkdtempSync, copyFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { copyTemplateDatabase } from "./postgres-databases";

/** A no-database file's DATABASE_URL: a path under this very file, which no one can ever open. */
const NO_DATABASE = path.join(fileURLToPath(import.meta.url), "no-database-for-this-test-file.sqlite");

process.env.SHOPIFY_API_KEY = API_KEY;
process.env.SHOPIFY_API_SECRET = API_SECRET_KEY;
process.env.SHOPIFY_APP_URL = APP_URL;
process.env.SCOPES = "read_orders,read_customers,write_customers,read_products";

// A file that cannot reach the database (tests/support/database-tests.ts) gets one that cannot be
// opened: should it reach one after all (a process it starts), it fails here, on SQLite, instead of
// being left out of the PostgreSQL run unnoticed. Each other file works on its own copy of the
// migrated template, so files run in parallel without seeing each other's rows.
const template = inject("templateDatabaseUrl");
if (inject("databaseFile") === false) {
  process.env.DATABASE_URL = `file:${NO_DATABASE}`;
} else if (template.startsWith("file:")) {
  const copy = path.join(mkdtempSync(path.join(inject("scratchDir"), "file-")), "test.sqlite");
  copyFileSync(template.slice("file:".length), copy);
  process.env.DATABASE_URL = `file:${copy}`;
} else {
  process.env.DATABASE_URL = await copyTemplateDatabase(process.env.TEST_DATABASE_URL ?? template, template);
}
