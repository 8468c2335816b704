/**
 * `npm run bench -- fuzz [bodies]`: 10,000 hostile bodies (scripts/bench/fuzz/bodies.ts, seeded by
 * FUZZ_SEED) sent, really signed, to the production start (scripts/start.mjs: the built app, its job
 * runner on) on SQLite, then on PostgreSQL when one can be had (BENCH_PG_URL or TEST_DATABASE_URL, else
 * the local cluster of scripts/prisma/start-postgres.sh where PostgreSQL is installed). Judged on what
 * hostile input must never cause: 5xx answers, connections reset, rows stored from refused bodies.
 * Last line: {"requests","status_5xx","resets","stored_from_rejected","sqlite":{…},"postgresql":{…}}
 * (the totals over both databases; goal 0, 0, 0).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { freshSqliteUrl, migrateDatabase, projectRoot } from "../migrated-database";
import { freePort, startChild, waitFor } from "../demo/processes";
import { ensureCurrentBuild } from "../demo/stack";
import { storeOfflineSession } from "../../sandbox/admin-harness/seed";
import { fuzzCases } from "./fuzz/bodies";
import { sendAll, storedFromRejected, type FuzzTarget } from "./fuzz/send";

const BODIES = Number(process.argv[2] ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

type Measures = { requests: number; status_5xx: number; resets: number; stored_from_rejected: number };

const log = (line: string) => process.stderr.write(`[fuzz] ${line}\n`);

// The app modules below read DATABASE_URL once, at import: the SQLite run's database.
const sqliteUrl = freshSqliteUrl("bench-fuzz");
process.on("exit", () => rmSync(path.dirname(sqliteUrl.slice("file:".length)), { recursive: true, force: true }));
Object.assign(process.env, {
  DATABASE_URL: sqliteUrl,
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_API_SECRET: API_SECRET_KEY,
  SHOPIFY_APP_URL: APP_URL,
  SCOPES: "read_orders",
});
const { createDatabaseClient } = await import("../../app/db.server");
const { resolveDatabase } = await import("../../app/platform/db/database-url");

/** A PostgreSQL server to make a scratch database on, or null (the run is then SQLite only). */
function postgresServerUrl(): string | null {
  const given = process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL;
  if (given) return given;
  // Debian keeps pg_ctl under /usr/lib/postgresql/<version>/bin; elsewhere PG_BINDIR says where.
  const debian = "/usr/lib/postgresql";
  const installed =
    Boolean(process.env.PG_BINDIR) ||
    (existsSync(debian) && readdirSync(debian).some((version) => existsSync(path.join(debian, version, "bin/pg_ctl"))));
  if (!installed) return null;
  return execFileSync("bash", [path.join(projectRoot, "scripts/prisma/start-postgres.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
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

/** Until no job is due (order webhooks' jobs done, parked, or waiting for a later retry). */
async function jobsSettled(db: ReturnType<typeof createDatabaseClient>): Promise<void> {
  await waitFor(
    "the order jobs",
    async () => {
      const due = await db.job.count({
        where: { status: { in: ["queued", "running"] }, runAt: { lte: new Date() } },
      });
      return due === 0 ? true : undefined;
    },
    300_000,
  );
}

async function fuzzAgainst(label: string, databaseUrl: string): Promise<Measures> {
  const port = await freePort();
  const app = startChild("app", process.execPath, [path.join(projectRoot, "scripts/start.mjs")], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      CHATLIFT_JOB_RUNNER: "on",
    },
  });
  const db = createDatabaseClient(resolveDatabase(databaseUrl));
  try {
    const origin = `http://127.0.0.1:${port}`;
    await waitFor(
      "the app's /healthz",
      async () => ((await fetch(`${origin}/healthz`)).ok ? true : undefined),
      240_000,
      app,
    );
    const run = randomBytes(4).toString("hex");
    const target: FuzzTarget = {
      origin,
      shop: `fuzz-${run}.myshopify.com`,
      otherShop: `fuzz-other-${run}.myshopify.com`,
      secret: API_SECRET_KEY,
    };
    for (const shop of [target.shop, target.otherShop]) await storeOfflineSession(db, shop);

    const started = performance.now();
    const tally = await sendAll(target, fuzzCases(SEED, BODIES), {
      concurrency: CONCURRENCY,
      beforeReplays: () => jobsSettled(db),
    });
    await jobsSettled(db);
    const measures = {
      requests: tally.requests,
      status_5xx: tally.status_5xx,
      resets: tally.resets,
      stored_from_rejected: await storedFromRejected(db, target, tally),
    };
    // Not judged, but said: the lightly bent bodies still arrive (a fuzz answered by refusals alone proves little).
    const kept = {
      events: await db.chatEvent.count({ where: { shopDomain: target.shop } }),
      orders: await db.order.count({ where: { shopDomain: target.shop } }),
      deadLetters: await db.webhookDeadLetter.count({ where: { shopDomain: target.shop } }),
      jobsRefused: await db.job.count({ where: { lastError: { not: null } } }),
    };
    const seconds = Math.round((performance.now() - started) / 1000);
    log(`${label}: ${JSON.stringify(measures)} in ${seconds} s; stored ${JSON.stringify(kept)}`);
    for (const failure of tally.failures)
      log(`${label}: ${failure.status || "reset"} ${failure.route} (${failure.what}): ${failure.body}`);
    return measures;
  } finally {
    await db.$disconnect();
    await app.stop();
  }
}

ensureCurrentBuild(log);
migrateDatabase(sqliteUrl);
const sqlite = await fuzzAgainst("sqlite", sqliteUrl);

let postgresql: Measures | "unavailable" = "unavailable";
const serverUrl = postgresServerUrl();
if (serverUrl) {
  const name = `chatlift_fuzz_${randomBytes(4).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    migrateDatabase(url.toString());
    postgresql = await fuzzAgainst("postgresql", url.toString());
  } finally {
    await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
} else log("no PostgreSQL here (set BENCH_PG_URL or install it): SQLite only");

const runs = [sqlite, ...(postgresql === "unavailable" ? [] : [postgresql])];
const total = (key: keyof Measures) => runs.reduce((sum, measures) => sum + measures[key], 0);
console.log(
  JSON.stringify({
    requests: total("requests"),
    status_5xx: total("status_5xx"),
    resets: total("resets"),
    stored_from_rejected: total("stored_from_rejected"),
    sqlite,
    postgresql,
  }),
);
process.exit(0);
