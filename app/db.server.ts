/**
 * The one Prisma client of the app. The provider comes from DATABASE_URL (see
 * platform/db/database-url.js): SQLite through libSQL by default, PostgreSQL through node-postgres.
 * Both generated clients share one model API; the SQLite one is the type every module sees.
 */
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/prisma/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/prisma/postgresql/client";
import { resolveDatabase, type DatabaseTarget } from "./platform/db/database-url";
import { createSqliteClient } from "./platform/db/sqlite-client";

export type Database = PrismaClient;

// The only module that names a generated path: everything else takes Prisma's types from here.
export { Prisma } from "./generated/prisma/sqlite/client";
export type { Lead, Order, OrderLine, Refund } from "./generated/prisma/sqlite/client";
/** A transaction's client: what a write that must commit with others is handed. */
export type Tx = Prisma.TransactionClient;

export function createDatabaseClient(target: DatabaseTarget): Database {
  if (target.provider === "postgresql") {
    // node-postgres ignores Prisma's ?schema= parameter; the adapter must be told, as the
    // migrations were.
    const schema = new URL(target.url).searchParams.get("schema") ?? undefined;
    const client = new PostgresPrismaClient({
      adapter: new PrismaPg({ connectionString: target.url }, schema ? { schema } : undefined),
    });
    // Same models, same queries; only the wire driver and SQL dialect differ.
    return client as unknown as Database;
  }
  return new PrismaClient({ adapter: new OneConnectionLibSql({ url: target.url }) });
}

/** SQLite through libSQL on one connection with WAL and a busy timeout (platform/db/sqlite-client.ts says why). */
class OneConnectionLibSql extends PrismaLibSql {
  override createClient(config: Parameters<PrismaLibSql["createClient"]>[0]) {
    return createSqliteClient(config);
  }
}

declare global {
  // Remix's dev server re-imports modules on every change; keep one client (and one pool).
  var chatliftDatabase: Database | undefined;
}

export const databaseTarget = resolveDatabase(process.env.DATABASE_URL);

const prisma: Database = globalThis.chatliftDatabase ?? createDatabaseClient(databaseTarget);
if (process.env.NODE_ENV !== "production") globalThis.chatliftDatabase = prisma;

export default prisma;
