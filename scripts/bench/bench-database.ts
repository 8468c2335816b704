/**
 * The scratch database a benchmark measures against, on either provider: a fresh SQLite file by
 * default, or, when DATABASE_URL names a PostgreSQL server, a fresh database created on that
 * server (its own name, migrated, dropped when the process exits, however it exits) so a run
 * never reads or leaves rows in the database the URL names. Seeding millions of rows through
 * Prisma takes minutes, so `insertRows` writes them the fastest plain way each provider has:
 * multi-row INSERTs in one libSQL write batch on SQLite, one `INSERT … SELECT FROM unnest(…)` per
 * chunk on PostgreSQL (one array parameter per column, typed from the table itself).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { freshSqliteUrl, migrateDatabase, projectRoot } from "../migrated-database";
import { redactUrl, resolveDatabase } from "../../app/platform/db/database-url";

export type BenchValue = string | number | bigint | boolean | Date | null;

export interface BenchDatabase {
  provider: "sqlite" | "postgresql";
  url: string;
  /** Rows straight into a table, in the given column order; dates as Date. */
  insertRows(table: string, columns: string[], rows: BenchValue[][]): Promise<void>;
  /** Closes the bulk connection until the next insert (the database itself goes at exit). */
  close(): Promise<void>;
}

/** Prisma's SQLite DateTime text (what the app's own writes store). */
const sqliteDate = (value: Date) => value.toISOString().replace("Z", "+00:00");
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Drops a database from an exit handler, where nothing asynchronous runs any more. */
function dropAtExit(serverUrl: string, name: string): void {
  const script = `const pg = require("pg");
const client = new pg.Client({ connectionString: process.env.BENCH_SERVER_URL });
client.connect().then(() => client.query(process.env.BENCH_DROP)).finally(() => client.end());`;
  let dropped = false;
  const drop = () => {
    if (dropped) return;
    dropped = true;
    try {
      execFileSync(process.execPath, ["-e", script], {
        cwd: projectRoot,
        env: {
          ...process.env,
          BENCH_SERVER_URL: serverUrl,
          BENCH_DROP: `DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`,
        },
        stdio: ["ignore", "ignore", "inherit"],
      });
    } catch {
      process.stderr.write(`could not drop the bench database ${name}: drop it by hand\n`);
    }
  };
  process.on("exit", drop);
  // Ctrl-C and kill end the process without "exit" unless they are turned into an exit.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function sqliteDatabase(label: string): Promise<BenchDatabase> {
  const url = freshSqliteUrl(label);
  migrateDatabase(url);
  process.on("exit", () => rmSync(path.dirname(url.slice("file:".length)), { recursive: true, force: true }));
  const { createClient } = await import("@libsql/client");
  // Opened on the first insert: a bench may first copy a kept seed over the file.
  let db: ReturnType<typeof createClient> | undefined;
  return {
    provider: "sqlite",
    url,
    async insertRows(table, columns, rows) {
      // SQLite's default limit is 32,766 bound values per statement.
      const perStatement = Math.floor(30_000 / columns.length);
      const statements = [];
      for (let i = 0; i < rows.length; i += perStatement) {
        const chunk = rows.slice(i, i + perStatement);
        statements.push({
          sql: `INSERT INTO ${quote(table)} (${columns.map(quote).join(",")}) VALUES ${chunk.map(() => `(${columns.map(() => "?").join(",")})`).join(",")}`,
          args: chunk.flat().map((value) => (value instanceof Date ? sqliteDate(value) : value)),
        });
      }
      db ??= createClient({ url });
      await db.batch(statements, "write");
    },
    async close() {
      db?.close();
      db = undefined;
    },
  };
}

async function postgresDatabase(serverUrl: string, label: string): Promise<BenchDatabase> {
  const name = `chatlift_${label.replace(/[^a-z0-9]+/gi, "_")}_${randomBytes(4).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE ${quote(name)}`);
  dropAtExit(serverUrl, name);
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  migrateDatabase(url);
  // Connected on the first insert, again after close(): the app's own client does the timed work.
  let client: pg.Client | undefined;
  const connected = async () => {
    if (!client) {
      client = new pg.Client({ connectionString: url });
      await client.connect();
    }
    return client;
  };
  // Each column's type, read from the migrated tables once: the unnest() arrays are cast to them.
  let types: Map<string, string> | undefined;
  const typeOf = async (table: string, column: string) => {
    if (!types) {
      const { rows } = await (
        await connected()
      ).query<{ table_name: string; column_name: string; udt_name: string }>(
        "SELECT table_name, column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema()",
      );
      types = new Map(rows.map((row) => [`${row.table_name}.${row.column_name}`, row.udt_name]));
    }
    const type = types.get(`${table}.${column}`);
    if (!type) throw new Error(`bench seed: no column ${table}.${column}`);
    return type;
  };
  return {
    provider: "postgresql",
    url,
    async insertRows(table, columns, rows) {
      const casts: string[] = [];
      for (const column of columns) casts.push(`${await typeOf(table, column)}[]`);
      const sql = `INSERT INTO ${quote(table)} (${columns.map(quote).join(",")}) SELECT * FROM unnest(${casts.map((cast, i) => `$${i + 1}::${cast}`).join(",")})`;
      for (let i = 0; i < rows.length; i += 20_000) {
        const chunk = rows.slice(i, i + 20_000);
        // A timestamp column ignores an ISO string's zone: the UTC wall time is what Prisma stores.
        const arrays = columns.map((_, c) =>
          chunk.map((row) => {
            const value = row[c] ?? null;
            return value instanceof Date ? value.toISOString() : typeof value === "bigint" ? value.toString() : value;
          }),
        );
        await (await connected()).query(sql, arrays);
      }
    },
    async close() {
      await client?.end();
      client = undefined;
    },
  };
}

/**
 * A migrated scratch database for `label`: PostgreSQL when DATABASE_URL is a postgres:// URL
 * (the server it names; the database in it is left alone), SQLite otherwise.
 */
export async function benchDatabase(label: string): Promise<BenchDatabase> {
  const given = process.env.DATABASE_URL?.trim();
  const database =
    given && resolveDatabase(given).provider === "postgresql"
      ? await postgresDatabase(given, label)
      : await sqliteDatabase(label);
  process.stderr.write(`[${label}] ${database.provider}: ${redactUrl(database.url)}\n`);
  return database;
}
