#!/usr/bin/env node
/**
 * Generates both Prisma clients, offline:
 *   prisma/schema.prisma            → app/generated/prisma/sqlite (+ @prisma/client, for session storage)
 *   prisma/postgresql/schema.prisma → app/generated/prisma/postgresql
 * The app picks one at runtime from DATABASE_URL, so both must always exist.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { POSTGRESQL_SCHEMA, SQLITE_SCHEMA, deriveFromProject, readCommittedPostgresqlSchema } from "./postgresql-schema.mjs";
import { runPrisma } from "./run-prisma.mjs";

/**
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<boolean>} whether both succeeded (failures are reported through `log`)
 */
export async function generateClients({ log = console.log } = {}) {
  if (readCommittedPostgresqlSchema() !== deriveFromProject()) {
    log(
      `warning: ${POSTGRESQL_SCHEMA} is out of date with ${SQLITE_SCHEMA}; the PostgreSQL client will not match. ` +
        "Run `npm run db:migrate -- --name <change>`.",
    );
  }
  const started = Date.now();
  const results = await Promise.all(
    [SQLITE_SCHEMA, POSTGRESQL_SCHEMA].map(async (schema) => ({
      schema,
      ...(await runPrisma(["generate", "--schema", schema], { quiet: true })),
    })),
  );
  let ok = true;
  for (const { schema, code, stdout, stderr } of results) {
    if (code === 0) {
      const targets = [...stdout.matchAll(/Generated Prisma Client \(v?[\d.]+\) to (\S+)/g)].map((m) => m[1]);
      log(`generated the client for ${schema} → ${targets.join(", ") || "(see prisma output)"}`);
    } else {
      ok = false;
      log(`prisma generate --schema ${schema} failed (exit code ${code}):\n${`${stdout}\n${stderr}`.trim()}`);
    }
  }
  if (ok) log(`both Prisma clients generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ok;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ok = await generateClients({ log: (line) => console.log(`[db:generate] ${line}`) });
  process.exitCode = ok ? 0 : 1;
}
