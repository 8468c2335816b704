/**
 * `npm run bench -- conversations [sessions=1000000] [runs=20]`: the Conversations page over one shop holding
 * `sessions` chat sessions in 30 days (about 45% of them conversations: flows, questions with answers or
 * abstentions, 1% credited with an order, 2% leads; written in bulk by conversations-seed.ts). Times the list
 * route's loader (session token check, filters, the page's 50 conversations) unfiltered, by outcome and by the
 * shopper's words, by rating (CSAT) and by flow, and one conversation's page. A small run checks the bench itself:
 * `npm run bench -- conversations 2000 3`.
 * Then the handoff (handoff-latency.ts): a staff reply reaching a polling widget (reply_p95_ms, goal ≤ 2,000) and
 * the handoff requests an open chat with no handoff sends (idle_requests, goal 0).
 * Last line: {"sessions","events","runs","list_p95_ms","list_credited_p95_ms","list_search_p95_ms","list_csat_p95_ms",
 * "list_flow_p95_ms","detail_p95_ms",…}.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { API_KEY, API_SECRET_KEY, APP_URL, RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { freshSqliteUrl, migrateDatabase } from "../migrated-database";
import { idleRequests, replyLatencies } from "./handoff-latency";
import { seedConversations, sessionIdOf } from "./conversations-seed";

const SESSIONS = Number(process.argv[2] ?? 1_000_000);
/** The flow every seeded conversation runs (conversations-seed.ts). */
const BENCH_FLOW = "fit";
const RUNS = Number(process.argv[3] ?? 20);
const STORE = "bench-conversations";
const SHOP = `${STORE}.myshopify.com`;

const databaseUrl = freshSqliteUrl("bench-conversations");
migrateDatabase(databaseUrl);
// However the run ends, its scratch database (gigabytes at a million sessions) goes.
process.on("exit", () => rmSync(path.dirname(databaseUrl.slice("file:".length)), { recursive: true, force: true }));
Object.assign(process.env, {
  DATABASE_URL: databaseUrl,
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_API_SECRET: API_SECRET_KEY,
  SHOPIFY_APP_URL: APP_URL,
  SCOPES: "read_orders",
});

const now = Date.parse("2026-11-20T12:00:00Z");
const seedStarted = performance.now();
const events = seedConversations(databaseUrl.slice("file:".length), SHOP, SESSIONS, now);

const { default: db } = await import("../../app/db.server");
const { loader: listLoader } = await import("../../app/routes/app.conversations._index");
const { loader: detailLoader } = await import("../../app/routes/app.conversations.$sessionId");
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
const seedSeconds = (performance.now() - seedStarted) / 1000;

async function time(run: (request: Request) => Promise<unknown>, url: string): Promise<number[]> {
  const timings: number[] = [];
  for (let n = 0; n < RUNS + 1; n += 1) {
    const request = await setUpValidRequest(
      { type: RequestType.Bearer, store: STORE, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
      new Request(`${APP_URL}${url}`),
    );
    const started = performance.now();
    await run(request);
    if (n > 0) timings.push(performance.now() - started); // the first run warms caches and the JIT
  }
  return timings.sort((a, b) => a - b);
}
const p = (timings: number[], q: number) =>
  Math.round(timings[Math.min(timings.length - 1, Math.ceil(q * timings.length) - 1)] as number);

const list = (request: Request) => listLoader({ request, params: {}, context: {} });
const range = "from=2026-10-22&to=2026-11-20";
const unfiltered = await time(async (request) => {
  const page = await list(request);
  if (page.list.rows.length !== 50) throw new Error(`expected a full page, got ${page.list.rows.length}`);
}, `/app/conversations?${range}`);
const credited = await time(list, `/app/conversations?${range}&outcome=credited`);
const search = await time(list, `/app/conversations?${range}&q=saddles`);
const rated = await time(list, `/app/conversations?${range}&csat=good`);
const flow = await time(list, `/app/conversations?${range}&flow=${BENCH_FLOW}`);
const detail = await time(
  (request) => detailLoader({ request, params: { sessionId: sessionIdOf(400) }, context: {} }),
  `/app/conversations/sess00000400`,
);
const replies = await replyLatencies(SHOP, Math.max(RUNS, 10));
const idle = await idleRequests(5_000);
await db.$disconnect();

console.log(`seeded ${SESSIONS} sessions and ${events} events in ${seedSeconds.toFixed(1)} s`);
console.log(
  JSON.stringify({
    sessions: SESSIONS,
    events,
    runs: RUNS,
    list_p50_ms: p(unfiltered, 0.5),
    list_p95_ms: p(unfiltered, 0.95),
    list_credited_p95_ms: p(credited, 0.95),
    list_search_p95_ms: p(search, 0.95),
    list_csat_p95_ms: p(rated, 0.95),
    list_flow_p95_ms: p(flow, 0.95),
    detail_p95_ms: p(detail, 0.95),
    goal_p95_ms: 200,
    reply_p95_ms: p(replies, 0.95),
    reply_goal_p95_ms: 2000,
    idle_requests: idle,
    seed_s: Math.round(seedSeconds),
  }),
);
