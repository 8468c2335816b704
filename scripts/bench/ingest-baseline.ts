/**
 * The ingest bench's floor (ingest.bench.ts): a bare node:http server that parses each batch and
 * writes its events straight into the same kind of database as the route, with nothing of the
 * app between (no signature, session, validation or rate limit), so the ratio measures what the
 * app adds. SQLite: one libSQL write batch of prepared INSERT OR IGNOREs, on the app's own
 * settings; PostgreSQL: one multi-row INSERT per batch through a node-postgres pool.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { APP_URL } from "@shopify/shopify-api/test-helpers";
import { freshSqliteUrl } from "../migrated-database";
import type { BenchDatabase } from "./bench-database";
import { SQLITE_PRAGMAS } from "../../app/platform/db/sqlite-client";

export interface Target {
  port: number;
  pathFor: (n: number) => string;
  close: () => Promise<void>;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as { port: number }).port })),
  );
}

type BaselineEvent = { id: string; sessionId: string; type: string; occurredAt: number };

/** Serves the baseline: parse the batch, `write` it, answer. */
async function serveBaseline(
  shops: string[],
  write: (shop: string, events: BaselineEvent[]) => Promise<void>,
  close: () => Promise<void>,
): Promise<Target> {
  const { server, port } = await listen(async (req, res) => {
    const shop = new URL(req.url ?? "/", APP_URL).searchParams.get("shop") ?? "";
    const batch = JSON.parse((await readBody(req)).toString("utf8")) as { events: BaselineEvent[] };
    await write(shop, batch.events);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(`{"accepted":${batch.events.length}}`);
  });
  return {
    port,
    pathFor: (n: number) => `/events?shop=${shops[n % shops.length]}`,
    close: async () => {
      server.close();
      await close();
    },
  };
}

const BASELINE_TABLE =
  "CREATE TABLE bench_event (shop TEXT NOT NULL, id TEXT NOT NULL, session_id TEXT NOT NULL, type TEXT NOT NULL, occurred_at BIGINT NOT NULL, data TEXT, PRIMARY KEY (shop, id))";

/**
 * The PostgreSQL floor: one multi-row INSERT … ON CONFLICT DO NOTHING per request (one round
 * trip, its own commit) into a plain table of the same database, through a node-postgres pool
 * as large as the app's (node-postgres's default, 10).
 */
async function startPostgresBaseline(database: BenchDatabase, shops: string[]): Promise<Target> {
  const pool = new pg.Pool({ connectionString: database.url });
  await pool.query(BASELINE_TABLE);
  return serveBaseline(
    shops,
    async (shop, events) => {
      const args = events.flatMap((event) => [
        shop,
        event.id,
        event.sessionId,
        event.type,
        event.occurredAt,
        JSON.stringify(event),
      ]);
      const rows = events.map((_, i) => `(${[1, 2, 3, 4, 5, 6].map((k) => `$${i * 6 + k}`).join(",")})`);
      await pool.query(
        `INSERT INTO bench_event (shop, id, session_id, type, occurred_at, data) VALUES ${rows.join(",")} ON CONFLICT DO NOTHING`,
        args,
      );
    },
    () => pool.end(),
  );
}

/**
 * The SQLite floor: parse, then one write batch of prepared INSERT OR IGNOREs per request, on the
 * same SQLite settings as the app (WAL, synchronous=NORMAL …), so the ratio measures what the app
 * adds, not a difference in durability settings.
 */
export async function startBaseline(database: BenchDatabase, shops: string[]): Promise<Target> {
  if (database.provider === "postgresql") return startPostgresBaseline(database, shops);
  const { createClient } = await import("@libsql/client");
  const file = freshSqliteUrl("bench-ingest-baseline");
  const db = createClient({ url: file });
  for (const pragma of SQLITE_PRAGMAS) await db.execute(pragma);
  await db.execute(BASELINE_TABLE);
  return serveBaseline(
    shops,
    async (shop, events) => {
      await db.batch(
        events.map((event) => ({
          sql: "INSERT OR IGNORE INTO bench_event (shop, id, session_id, type, occurred_at, data) VALUES (?, ?, ?, ?, ?, ?)",
          args: [shop, event.id, event.sessionId, event.type, event.occurredAt, JSON.stringify(event)],
        })),
        "write",
      );
    },
    async () => {
      db.close();
      rmSync(path.dirname(file.slice("file:".length)), { recursive: true, force: true });
    },
  );
}
