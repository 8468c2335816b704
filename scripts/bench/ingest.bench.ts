/**
 * `npm run bench -- ingest [requests]`: storefront events per second and request latency
 * through the real proxy route (the library's signature check, offline session look-up, zod,
 * rate limits, one transaction), served by node:http; then, in the same run and with the same
 * load, a bare node:http server writing the same events straight into the same kind of database
 * (the baseline); the two take turns, a quarter of the requests at a time. SQLite by default;
 * with DATABASE_URL=postgresql://… a fresh database on that server (bench-database.ts), and the
 * baseline then writes each batch as one multi-row INSERT through node-postgres.
 * Last line: {"events_per_s","p50_ms","p99_ms","baseline_events_per_s","ratio",…}.
 */
import { request as httpRequest, Agent } from "node:http";
import { randomUUID } from "node:crypto";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { benchDatabase } from "./bench-database";
import { listen, readBody, startBaseline, type Target } from "./ingest-baseline";
import { signedProxyQuery } from "../../sandbox/shopify/signing";

const REQUESTS = Number(process.argv[2] ?? 4_000);
const WARMUP = 300;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const EVENTS_PER_BATCH = Number(process.env.BENCH_EVENTS_PER_BATCH ?? 20);
const SHOPS = 10;

const database = await benchDatabase("bench-ingest");
await database.close(); // the route writes through the app's client; the baseline has its own
Object.assign(process.env, {
  DATABASE_URL: database.url,
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_API_SECRET: API_SECRET_KEY,
  SHOPIFY_APP_URL: APP_URL,
  SCOPES: "read_orders",
});

const shops = Array.from({ length: SHOPS }, (_, i) => `bench-${i}.myshopify.com`);

/** A widget batch: one new session per request (a new visitor), EVENTS_PER_BATCH events. */
function batchBody(n: number): string {
  const now = Date.now();
  const sessionId = `sess_${n.toString(36).padStart(8, "0")}`;
  const events: unknown[] = [
    {
      id: randomUUID(),
      sessionId,
      occurredAt: now - 5_000,
      type: "session_started",
      landingPath: "/products/linen-shirt",
      returning: false,
    },
  ];
  for (let i = 1; i < EVENTS_PER_BATCH; i += 1) {
    events.push(
      i % 5 === 0
        ? {
            id: randomUUID(),
            sessionId,
            occurredAt: now - 1_000,
            type: "micro_conversion",
            kind: "add_to_cart",
            productId: "632910392",
            value: 39.9,
            currency: "USD",
          }
        : {
            id: randomUUID(),
            sessionId,
            occurredAt: now - 2_000,
            type: "step_viewed",
            flowId: "size-help",
            stepId: `s${i}`,
          },
    );
  }
  return JSON.stringify({
    v: 1,
    visitorId: `visitor_${n.toString(36).padStart(8, "0")}`,
    arm: "treatment",
    page: { type: "product", path: "/products/linen-shirt" },
    sentAt: now,
    events,
  });
}

/** Sends `count` batches with CONCURRENCY clients; returns wall time and each request's latency. */
async function load(port: number, pathFor: (n: number) => string, count: number, offset: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const one = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const body = batchBody(offset + n);
      const started = performance.now();
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: pathFor(offset + n),
          agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0",
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - started);
            if (res.statusCode !== 200) failures += 1;
            resolve();
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await one(next++);
    }),
  );
  const wallMs = performance.now() - started;
  agent.destroy();
  return { wallMs, latencies, failures };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** The app's route behind node:http, with the app's own Prisma client (and its SQLite settings). */
async function startRoute(): Promise<Target & { stored: () => Promise<number> }> {
  const { default: prisma } = await import("../../app/db.server");
  const { sessionStorage } = await import("../../app/shopify.server");
  const { Session } = await import("@shopify/shopify-api");
  const { action } = await import("../../app/routes/apps.chatlift.events");
  for (const shop of shops) {
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
  const { server, port } = await listen(async (req, res) => {
    const body = await readBody(req);
    const request = new Request(`${APP_URL}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: new Uint8Array(body),
    });
    let response: Response;
    try {
      response = await action({ request, params: {}, context: {} });
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      response = thrown;
    }
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  });
  return {
    port,
    pathFor: (n: number) => `/apps/chatlift/events?${signedProxyQuery({ shop: shops[n % SHOPS] }).toString()}`,
    stored: () => prisma.chatEvent.count(),
    close: async () => {
      server.close();
      await prisma.$disconnect();
    },
  };
}

/**
 * Route and baseline take turns in ROUNDS slices (alternating which goes first), so a burst of
 * load from other work on the machine falls on both rather than skewing the ratio.
 */
const ROUNDS = 4;
interface Measure {
  wallMs: number;
  cpuMs: number;
  latencies: number[];
  failures: number;
}
const routeServer = await startRoute();
const baselineServer = await startBaseline(database, shops);
const route: Measure = { wallMs: 0, cpuMs: 0, latencies: [], failures: 0 };
const baseline: Measure = { wallMs: 0, cpuMs: 0, latencies: [], failures: 0 };
async function slice(target: Target, into: Measure, count: number, offset: number) {
  const cpu = process.cpuUsage();
  const result = await load(target.port, target.pathFor, count, offset);
  const used = process.cpuUsage(cpu);
  into.wallMs += result.wallMs;
  into.cpuMs += (used.user + used.system) / 1000;
  into.latencies.push(...result.latencies);
  into.failures += result.failures;
}
await load(routeServer.port, routeServer.pathFor, WARMUP, 0);
await load(baselineServer.port, baselineServer.pathFor, WARMUP, 0);
const perRound = Math.ceil(REQUESTS / ROUNDS);
for (let round = 0, sent = 0; sent < REQUESTS; round += 1, sent += perRound) {
  const count = Math.min(perRound, REQUESTS - sent);
  const turns: Array<[Target, Measure]> = [
    [routeServer, route],
    [baselineServer, baseline],
  ];
  for (const [target, into] of round % 2 ? turns.reverse() : turns) await slice(target, into, count, WARMUP + sent);
}
const stored = await routeServer.stored();
await routeServer.close();
await baselineServer.close();

const sorted = [...route.latencies].sort((a, b) => a - b);
const eventsPerS = (REQUESTS * EVENTS_PER_BATCH) / (route.wallMs / 1000);
const baselineEventsPerS = (REQUESTS * EVENTS_PER_BATCH) / (baseline.wallMs / 1000);
const expectedStored = (REQUESTS + WARMUP) * EVENTS_PER_BATCH;
if (route.failures || baseline.failures || stored !== expectedStored) {
  console.error(
    `ingest bench: ${route.failures} route failures, ${baseline.failures} baseline failures, ${stored}/${expectedStored} events stored`,
  );
  process.exit(1);
}
console.log(
  `route: ${REQUESTS} requests × ${EVENTS_PER_BATCH} events, ${CONCURRENCY} concurrent clients, ${SHOPS} shops`,
);
console.log(
  JSON.stringify({
    events_per_s: Math.round(eventsPerS),
    p50_ms: round(percentile(sorted, 50)),
    p99_ms: round(percentile(sorted, 99)),
    baseline_events_per_s: Math.round(baselineEventsPerS),
    ratio: round(eventsPerS / baselineEventsPerS, 3),
    // CPU of this process (servers and load clients) per 1,000 events: steadier than wall time
    // when other work shares the machine.
    cpu_ms_per_1k_events: round(route.cpuMs / ((REQUESTS * EVENTS_PER_BATCH) / 1000)),
    baseline_cpu_ms_per_1k_events: round(baseline.cpuMs / ((REQUESTS * EVENTS_PER_BATCH) / 1000)),
    requests: REQUESTS,
    events_per_request: EVENTS_PER_BATCH,
    concurrency: CONCURRENCY,
    database: database.provider,
  }),
);
