/**
 * `npm run bench -- scale [leads] [orders] [ingest-requests]` (40,000 / 20,000 / 4,000): ChatLift
 * spread over processes on Debian's PostgreSQL and Redis (started by scripts/prisma/start-postgres.sh
 * and scripts/redis/start-redis.sh, or BENCH_DATABASE_URL / BENCH_REDIS_URL): 2 app instances
 * (scale-instance.ts: the real routes) and 3 `npm run worker` processes sharing one HubSpot limiter.
 * 1. Ingest through both instances, then the same load through one (keys events_per_s, p99_ms,
 *    events_per_s_single).
 * 2. Signed orders/create webhooks spread over both instances, credited by the workers (orders,
 *    credited_once, duplicates, webhook_p99_ms).
 * 3. HubSpot sync of the leads against the sandbox at 110 requests / 10 s by the 3 workers:
 *    contacts per second against the ceiling (110 batches of 100 per 10 s), timed from the sync's
 *    first HubSpot request to its last contact batch with the jobs held back until every lead is
 *    stored, and the sandbox's 429s (ratio, sync_s, contact_batches, http_429, workers).
 * Last line: one JSON object with every key.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { startHubSpotSandbox } from "../../sandbox/hubspot";
import { migrateDatabase, projectRoot } from "../migrated-database";
import { EVENTS_PER_BATCH, eventsRequest, orderWebhook, percentile, send } from "./scale-load";

const LEADS = Number(process.argv[2] ?? 40_000);
const ORDERS = Number(process.argv[3] ?? 20_000);
const INGEST_REQUESTS = Number(process.argv[4] ?? 4_000);
const INSTANCES = 2;
const WORKERS = 3;
const TEN_SECOND_LIMIT = 110;
const WINDOW_MS = 10_000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SHOPS = Array.from({ length: 10 }, (_, i) => `bench-scale-${i}.myshopify.com`);
const HUBSPOT_SHOP = "bench-scale-hubspot.myshopify.com";
const DEADLINE_MS = 20 * 60_000;
const here = path.dirname(fileURLToPath(import.meta.url));
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const started = (script: string) => execFileSync("bash", [script], { cwd: projectRoot, encoding: "utf8" }).trim();
const pgBase = process.env.BENCH_DATABASE_URL ?? started("scripts/prisma/start-postgres.sh");
const redisUrl = process.env.BENCH_REDIS_URL ?? started("scripts/redis/start-redis.sh");
const run = randomBytes(4).toString("hex");
const databaseName = `chatlift_scale_${run}`;
const admin = new pg.Client({ connectionString: pgBase });
await admin.connect();
await admin.query(`CREATE DATABASE "${databaseName}"`);
const databaseUrl = Object.assign(new URL(pgBase), { pathname: `/${databaseName}` }).toString();
migrateDatabase(databaseUrl);
Object.assign(process.env, {
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  CHATLIFT_REDIS_PREFIX: `bench-scale-${run}:`,
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_API_SECRET: API_SECRET_KEY,
  SHOPIFY_APP_URL: APP_URL,
  SCOPES: "read_orders",
  ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  NODE_ENV: "production",
});
const sandbox = await startHubSpotSandbox({
  tenSecondLimit: TEN_SECOND_LIMIT,
  windowMs: WINDOW_MS,
  dailyLimit: 10_000_000,
});
process.env.HUBSPOT_API_BASE = sandbox.url;

const { default: prisma } = await import("../../app/db.server");
const { sessionStorage } = await import("../../app/shopify.server");
const { Session } = await import("@shopify/shopify-api");
const { connectWithStaticToken } = await import("../../app/sync/connection.server");
const { CONTACT_JOB } = await import("../../app/sync/outbox.server");
const { pauseKind, resumeKind } = await import("../../app/platform/jobs/queue.server");
const { closeSharedRedis } = await import("../../app/platform/db/redis.server");

const children: ChildProcess[] = [];
/** Starts a process and resolves once it prints a line matching `ready`. */
function startProcess(args: string[], ready: RegExp, env: Record<string, string> = {}): Promise<RegExpExecArray> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let said = "";
  child.stderr.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      said += chunk.toString();
      const match = ready.exec(said);
      if (match) resolve(match);
    });
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited ${code} before it was ready: ${said}`)));
  });
}

async function until(what: string, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not done after ${DEADLINE_MS / 1000} s`);
    await sleep(100);
  }
}

try {
  for (const shop of SHOPS) {
    await prisma.shop.create({ data: { domain: shop } });
    await sessionStorage().storeSession(
      new Session({
        id: `offline_${shop}`,
        shop,
        state: "installed",
        isOnline: false,
        scope: "read_orders",
        accessToken: "shpat_bench",
      }),
    );
  }
  await prisma.shop.create({ data: { domain: HUBSPOT_SHOP } });
  await connectWithStaticToken(HUBSPOT_SHOP, "pat-sandbox", TEN_SECOND_LIMIT);

  const ports = await Promise.all(
    Array.from({ length: INSTANCES }, () =>
      startProcess([path.join(here, "scale-instance.ts")], /listening (\d+)/, { CHATLIFT_JOB_RUNNER: "off" }).then(
        (match) => Number(match[1]),
      ),
    ),
  );
  await Promise.all(
    Array.from({ length: WORKERS }, () =>
      startProcess(["scripts/worker.ts"], /HubSpot limiter: shared on Redis/, { CHATLIFT_WORKER_POLL_MS: "200" }),
    ),
  );

  // 1. Ingest: both instances, then one, with the same load (new visitors each time).
  const ingest = (prefix: string, to: number[]) =>
    send(
      to,
      Array.from({ length: INGEST_REQUESTS }, (_, n) => eventsRequest(SHOPS[n % SHOPS.length]!, `sess_${prefix}_${n}`)),
      CONCURRENCY,
    );
  // Warm both instances first (JIT, connection pools, the session cache): the first measured
  // requests would otherwise time process start-up, not ingest.
  await send(
    ports,
    Array.from({ length: Math.min(400, INGEST_REQUESTS) }, (_, n) =>
      eventsRequest(SHOPS[n % SHOPS.length]!, `sess_warm_${n}`),
    ),
    CONCURRENCY,
  );
  const both = await ingest("both", ports);
  const single = await ingest("single", ports.slice(0, 1));
  const eventsPerS = (result: { wallMs: number; failures: number[] }) =>
    ((INGEST_REQUESTS - result.failures.length) * EVENTS_PER_BATCH * 1000) / result.wallMs;

  // 2. Orders from the sessions just stored, spread over both instances; the workers credit them.
  const webhooks = Array.from({ length: ORDERS }, (_, n) =>
    orderWebhook(SHOPS[n % SHOPS.length]!, `sess_both_${n % INGEST_REQUESTS}`),
  );
  const orders = await send(ports, webhooks, CONCURRENCY);
  await until(
    "order jobs",
    async () =>
      (await prisma.job.count({ where: { kind: "shopify.order-webhook", status: { in: ["queued", "running"] } } })) ===
      0,
  );
  const storedOrders = await prisma.order.count({ where: { shopDomain: { in: SHOPS } } });
  const creditGroups = await prisma.credit.groupBy({
    by: ["orderId", "model", "windowDays", "role", "chatSessionId"],
    where: { shopDomain: { in: SHOPS } },
    _count: { _all: true },
  });
  const doubled = new Set(creditGroups.filter((group) => group._count._all > 1).map((group) => group.orderId));
  const credited = new Set(creditGroups.map((group) => group.orderId));

  // 3. HubSpot: leads with their contact jobs, synced by the three workers through one limiter.
  // The contact jobs are held back until every lead is stored: the measured phase is the sync
  // alone, from its first HubSpot request, not a sync racing the inserts (whose early batches
  // were counted as synced without their time being counted).
  await pauseKind(CONTACT_JOB, new Date(Date.now() + DEADLINE_MS), "bench: storing the leads");
  const consentAt = new Date();
  for (let start = 0; start < LEADS; start += 1_000) {
    const leads = Array.from({ length: Math.min(1_000, LEADS - start) }, (_, i) => ({
      id: `scale-lead-${start + i}`,
      shopDomain: HUBSPOT_SHOP,
      email: `shopper${start + i}@bench.example`,
      consentText: "Email me about my order and offers",
      consentAt,
      firstSessionId: `session-${start + i}`,
      lastSessionId: `session-${start + i}`,
      microConversionCount: 1,
    }));
    await prisma.$transaction([
      prisma.lead.createMany({ data: leads }),
      prisma.job.createMany({
        data: leads.map((lead) => ({
          kind: CONTACT_JOB,
          dedupeKey: `${HUBSPOT_SHOP}:${lead.id}`,
          payload: JSON.stringify({ shopDomain: HUBSPOT_SHOP, leadId: lead.id }),
          shopDomain: HUBSPOT_SHOP,
        })),
      }),
    ]);
  }
  const before = sandbox.requests.length;
  await resumeKind(CONTACT_JOB);
  await until(
    "contact jobs",
    async () =>
      !(await prisma.job.findFirst({
        where: { kind: CONTACT_JOB, status: { in: ["queued", "running"] } },
        select: { id: true },
      })),
  );
  const calls = sandbox.requests.slice(before);
  // Whichever API version the adapter speaks (/crm/v3/objects/… or /crm/objects/2026-03/…).
  const upserts = calls.filter((call) => call.path.endsWith("/contacts/batch/upsert"));
  // From the phase's first HubSpot request to its last contact batch: what the limit paced.
  const seconds = ((upserts.at(-1)?.at ?? Date.now()) - (calls[0]?.at ?? Date.now())) / 1000;
  const synced = await prisma.lead.count({ where: { shopDomain: HUBSPOT_SHOP, hubspotContactId: { not: null } } });
  const ceiling = (TEN_SECOND_LIMIT * 100 * 1000) / WINDOW_MS;

  const summary = {
    instances: INSTANCES,
    workers: WORKERS,
    leads: LEADS,
    contacts_synced: synced,
    contacts_per_s: round(synced / seconds, 1),
    ceiling_per_s: ceiling,
    ratio: round(synced / seconds / ceiling, 3),
    sync_s: round(seconds, 1),
    contact_batches: upserts.length,
    http_429: sandbox.count429(),
    orders: storedOrders,
    orders_sent: ORDERS,
    webhook_failures: orders.failures.length,
    credited_once: credited.size - doubled.size,
    duplicates: doubled.size,
    webhook_p99_ms: round(percentile(orders.latencies, 99)),
    events_per_s: round(eventsPerS(both), 0),
    p99_ms: round(percentile(both.latencies, 99)),
    events_per_s_single: round(eventsPerS(single), 0),
    p99_ms_single: round(percentile(single.latencies, 99)),
    ingest_failures: both.failures.length + single.failures.length,
  };
  console.log(
    `scale: ${INSTANCES} instances + ${WORKERS} workers on PostgreSQL + Redis; ${synced}/${LEADS} contacts, ${storedOrders}/${ORDERS} orders`,
  );
  if (synced !== LEADS || storedOrders !== ORDERS || doubled.size > 0 || summary.ingest_failures > 0)
    process.exitCode = 1;
  console.log(JSON.stringify(summary));
} finally {
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(
    children.map(
      (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve))),
    ),
  );
  await sandbox.close();
  await prisma.$disconnect();
  await closeSharedRedis();
  await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  await admin.end();
}
