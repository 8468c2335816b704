/**
 * `npm run bench -- dashboard [sessions=1000000] [runs=7]`: p50/p95 of the dashboard route's
 * loader (session token check, settings, data, view model) for one shop holding `sessions`
 * chat sessions over 30 days (about 45% engaged, with flow events and micro-conversions). The
 * loader reads daily rollups: the rollup job first builds them from the raw tables (all its
 * steps, timed as `rollup_build_s`), then one incremental refresh after 1,000 new sessions
 * arrive today is timed as `incremental_refresh_ms`. The loader is timed with a refresh waiting,
 * as under live traffic. SQLite by default; with DATABASE_URL=postgresql://… a fresh database on
 * that server (bench-database.ts). Both seed the bulk through plain multi-row INSERTs.
 * Last line: {"sessions","events","runs","p50_ms","p95_ms","goal_p95_ms","seed_s","rollup_build_s","incremental_refresh_ms"}.
 */
import { performance } from "node:perf_hooks";
import { API_KEY, API_SECRET_KEY, APP_URL, RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import type { Prisma } from "../../app/db.server";
import { benchDatabase, type BenchValue } from "./bench-database";

const SESSIONS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 7);
const STORE = "bench-dashboard";
const SHOP = `${STORE}.myshopify.com`;
const DAY = 86_400_000;
const CHUNK = 20_000;

const database = await benchDatabase("bench-dashboard");
Object.assign(process.env, {
  DATABASE_URL: database.url,
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_API_SECRET: API_SECRET_KEY,
  SHOPIFY_APP_URL: APP_URL,
  SCOPES: "read_orders",
});

const { default: db } = await import("../../app/db.server");
const { loader } = await import("../../app/routes/app.dashboard");
const { refreshShopRollups, refreshShopRollupsFully } = await import("../../app/analytics/rollups/refresh.server");
const { upsertRefreshJob } = await import("../../app/analytics/rollups/refresh-requests.server");

const now = Date.parse("2026-11-20T12:00:00Z");
let events = 0;
const seedStarted = performance.now();
await db.session.create({
  data: {
    id: `offline_${SHOP}`,
    shop: SHOP,
    state: "installed",
    isOnline: false,
    scope: "read_orders",
    accessToken: "shpat_bench",
  },
});
await db.shop.create({ data: { domain: SHOP, currency: "USD" } });
for (let start = 0; start < SESSIONS; start += CHUNK) {
  const sessions: BenchValue[][] = [];
  const rows: BenchValue[][] = [];
  for (let n = start; n < Math.min(SESSIONS, start + CHUNK); n += 1) {
    const id = `s${n}`;
    const at = new Date(now - Math.floor((n / SESSIONS) * 30 * DAY));
    const arm = n % 10 === 0 ? "holdout" : "treatment";
    sessions.push([SHOP, id, `v${n}`, arm, at, at, at]);
    if (arm === "holdout" || n % 20 >= 9) continue;
    const event = (
      type: string,
      offset: number,
      flowId: string | null = null,
      stepId: string | null = null,
      microKind: string | null = null,
    ) => {
      const occurred = new Date(at.getTime() + offset * 1000);
      rows.push([SHOP, `${id}-${offset}`, id, type, occurred, occurred, flowId, stepId, microKind]);
    };
    event("chat_opened", 1);
    event("flow_started", 2, "fit");
    event("step_viewed", 3, "fit", "ask");
    if (n % 3 === 0) event("micro_conversion", 4, "fit", null, "fit_help");
  }
  events += rows.length;
  await database.insertRows(
    "ChatSession",
    ["shopDomain", "id", "visitorId", "arm", "startedAt", "lastSeenAt", "updatedAt"],
    sessions,
  );
  await database.insertRows(
    "ChatEvent",
    ["shopDomain", "id", "sessionId", "type", "occurredAt", "receivedAt", "flowId", "stepId", "microKind"],
    rows,
  );
}
await database.close();
const seedSeconds = (performance.now() - seedStarted) / 1000;

const buildStarted = performance.now();
const built = await refreshShopRollupsFully(SHOP, new Date(now));
const buildSeconds = (performance.now() - buildStarted) / 1000;

// A minute later, 1,000 new sessions (with chat) arrive: the job's incremental refresh.
const arrived = now + 60_000;
const lateSessions: Prisma.ChatSessionCreateManyInput[] = [];
const lateEvents: Prisma.ChatEventCreateManyInput[] = [];
for (let n = 0; n < 1_000; n += 1) {
  const at = new Date(arrived - n * 1000);
  lateSessions.push({
    shopDomain: SHOP,
    id: `late${n}`,
    visitorId: `late-v${n}`,
    arm: "treatment",
    startedAt: at,
    lastSeenAt: at,
  });
  lateEvents.push({
    shopDomain: SHOP,
    id: `late${n}-open`,
    sessionId: `late${n}`,
    type: "chat_opened",
    occurredAt: at,
    receivedAt: new Date(arrived),
  });
}
await db.chatSession.createMany({ data: lateSessions });
await db.chatEvent.createMany({ data: lateEvents });
const refreshStarted = performance.now();
const refreshed = await refreshShopRollups(SHOP, new Date(arrived + 60_000));
const refreshMs = performance.now() - refreshStarted;
if (built.mode !== "rebuild" || refreshed.mode !== "incremental")
  throw new Error(`unexpected refresh modes ${built.mode} / ${refreshed.mode}`);
// As under live traffic, a refresh is waiting while the merchant looks: the loader then checks
// whether the shop is small enough to refresh on the spot (it is not).
await upsertRefreshJob(db, SHOP, new Date(Date.now() + 60_000), new Date());

const timings: number[] = [];
for (let run = 0; run < RUNS + 1; run += 1) {
  const request = await setUpValidRequest(
    { type: RequestType.Bearer, store: STORE, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
    new Request(`${APP_URL}/app/dashboard?from=2026-10-22&to=2026-11-20`),
  );
  const started = performance.now();
  const result = await loader({ request, params: {}, context: {} });
  const elapsed = performance.now() - started;
  if (!result.ok) throw new Error(result.errors.join("; "));
  if (run > 0) timings.push(elapsed); // the first run warms caches and the JIT
}
await db.$disconnect();

timings.sort((a, b) => a - b);
const percentile = (p: number) => timings[Math.min(timings.length - 1, Math.ceil(p * timings.length) - 1)] as number;
console.log(
  `seeded ${SESSIONS} sessions and ${events} events in ${seedSeconds.toFixed(1)} s; rollups built in ${buildSeconds.toFixed(1)} s (${built.days} days, ${built.visitors} visitor writes)`,
);
console.log(
  JSON.stringify({
    sessions: SESSIONS,
    events,
    runs: RUNS,
    p50_ms: Math.round(percentile(0.5)),
    p95_ms: Math.round(percentile(0.95)),
    goal_p95_ms: 200,
    seed_s: Math.round(seedSeconds),
    rollup_build_s: Math.round(buildSeconds * 10) / 10,
    incremental_refresh_ms: Math.round(refreshMs),
    database: database.provider,
  }),
);
