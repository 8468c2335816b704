/**
 * The Prisma CLI's view of the database: the same DATABASE_URL rule as the app
 * (app/platform/db/database-url.js) picks the schema and migrations for SQLite or PostgreSQL.
 *
 * Prisma's CLI downloads a native schema engine for migrate/generate, which this project
 * cannot rely on (offline machines, CI). Where that binary is absent, scripts/prisma/schema-engine.mjs
 * speaks the same protocol on top of Prisma's own wasm engine and our driver adapters, so the
 * ordinary `prisma migrate dev|deploy|status|reset|diff` commands work unchanged; where it is
 * present, the CLI runs it (scripts/prisma/schema-engine-choice.mjs decides; scripts/prisma/README.md).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";
import { resolveDatabase } from "./app/platform/db/database-url";
import { configureSchemaEngine } from "./scripts/prisma/schema-engine-choice.mjs";

const projectRoot = path.dirname(fileURLToPath(import.meta.url));
const database = resolveDatabase(process.env.DATABASE_URL, projectRoot);

await configureSchemaEngine(process.env);
// Every CLI run would otherwise spawn an update check against Prisma's servers.
process.env.CHECKPOINT_DISABLE ??= "1";

export default defineConfig({
  schema: database.schemaPath,
  migrations: { path: database.migrationsPath },
  datasource: {
    url: database.url,
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL || undefined,
  },
});
