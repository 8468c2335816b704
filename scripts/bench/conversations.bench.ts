/**
 * `npm run bench -- conversations [sessions=1000000] [runs=20]`: the Conversations page over one shop holding
 * `sessions` chat sessions in 30 days (about 45% of them conversations: flows, questions with answers or
 * abstentions, 1% credited with an order). Times the list route's loader (session token check, filters, the
 * page's 50 conversations) unfiltered, by outcome and by the shopper's words, and one conversation's page.
 * Then the handoff (handoff-latency.ts): a staff reply reaching a polling widget (reply_p95_ms, goal ≤ 2,000) and
 * the handoff requests an open chat with no handoff sends (idle_requests, goal 0).
 * Last line: {"sessions","events","runs","list_p95_ms","list_credited_p95_ms","list_search_p95_ms","detail_p95_ms",…}.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { API_KEY, API_SECRET_KEY, APP_URL, RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { freshSqliteUrl, migrateDatabase } from "../migrated-database";
import { idleRequests, replyLatencies } from "./handoff-latency";
import type { Prisma } from "../../app/db.server";

const SESSIONS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 20);
const STORE = "bench-conversations";
const SHOP = `${STORE}.myshopify.com`;
const DAY = 86_400_000;
const CHUNK = 5_000;

const databaseUrl = freshSqliteUrl("bench-conversations");
migrateDatabase(databaseUrl);
Object.assign(process.env, {
  DATABASE_URL: databaseUrl,
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_API_SECRET: API_SECRET_KEY,
  SHOPIFY_APP_URL: APP_URL,
  SCOPES: "read_orders",
});

const { default: db } = await import("../../app/db.server");
const { loader: listLoader } = await import("../../app/routes/app.conversations._index");
const { loader: detailLoader } = await import("../../app/routes/app.conversations.$sessionId");

const now = Date.parse("2026-11-20T12:00:00Z");
const QUESTIONS = ["Do you ship to Canada?", "is the linen shirt machine washable", "do you sell horse saddles?"];
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
  const sessions: Prisma.ChatSessionCreateManyInput[] = [];
  const rows: Prisma.ChatEventCreateManyInput[] = [];
  const orders: Prisma.OrderCreateManyInput[] = [];
  const credits: Prisma.CreditCreateManyInput[] = [];
  for (let n = start; n < Math.min(SESSIONS, start + CHUNK); n += 1) {
    const id = `sess${String(n).padStart(8, "0")}`;
    const at = now - Math.floor((n / SESSIONS) * 30 * DAY);
    sessions.push({
      shopDomain: SHOP,
      id,
      visitorId: `v${n}`,
      arm: "treatment",
      startedAt: new Date(at),
      lastSeenAt: new Date(at),
      landingPath: "/products/linen-shirt",
    });
    const event = (type: string, offset: number, extra: Partial<Prisma.ChatEventCreateManyInput> = {}) =>
      rows.push({
        shopDomain: SHOP,
        id: `${id}-${type}-${offset}`,
        sessionId: id,
        type,
        occurredAt: new Date(at + offset * 1000),
        receivedAt: new Date(at + offset * 1000),
        ...extra,
      });
    event("session_started", 0, { data: JSON.stringify({ landingPath: "/products/linen-shirt", returning: false }) });
    event("prompt_shown", 1, { flowId: "fit", data: JSON.stringify({ trigger: "dwell" }) });
    if (n % 20 >= 9) continue;
    // What ingest keeps on the session row for these events (app/capture/ingest-plan.ts).
    const session = sessions[sessions.length - 1]!;
    const asks = n % 4 === 0;
    const abstains = asks && QUESTIONS[n % QUESTIONS.length]!.includes("saddles");
    Object.assign(session, {
      lastChatAt: new Date(at + (asks ? 6 : 3) * 1000),
      answerCount: asks && !abstains ? 1 : 0,
      abstainCount: abstains ? 1 : 0,
      microConversionCount: (n % 3 === 0 ? 1 : 0) + (asks && !abstains ? 1 : 0),
    });
    event("chat_opened", 2, { data: JSON.stringify({ by: "prompt" }) });
    event("flow_started", 3, { flowId: "fit", data: JSON.stringify({ trigger: "dwell" }) });
    event("step_viewed", 4, { flowId: "fit", stepId: "ask" });
    if (n % 3 === 0) event("micro_conversion", 5, { flowId: "fit", microKind: "fit_help" });
    if (n % 4 === 0) {
      const question = QUESTIONS[n % QUESTIONS.length]!;
      event("question_asked", 6, { data: JSON.stringify({ question, locale: "en", pageType: "product" }) });
      if (question.includes("saddles")) event("answer_abstained", 6, { data: JSON.stringify({ locale: "en" }) });
      else {
        event("answer_shown", 6, {
          data: JSON.stringify({ kind: "answer", sourceIds: ["faq-1"], text: "Yes.", sourceTitles: ["FAQ"] }),
        });
        event("micro_conversion", 7, { microKind: "question_answered" });
      }
    }
    if (n % 100 === 0) {
      const orderId = `gid://shopify/Order/${9_000_000_000 + n}`;
      const placedAt = new Date(at + 3_600_000);
      orders.push({
        id: orderId,
        shopDomain: SHOP,
        name: `#${n}`,
        placedAt,
        shopifyUpdatedAt: placedAt,
        currency: "USD",
        totalMinor: 4200n,
        subtotalMinor: 4200n,
        netMinor: 4200n,
        source: "webhook",
      });
      credits.push({
        shopDomain: SHOP,
        orderId,
        chatSessionId: id,
        rule: "cart_attribute",
        model: "last_touch",
        windowDays: 7,
        role: "assisted",
        confidence: 0.9,
        amountMinor: 4200n,
        grossAmountMinor: 4200n,
        share: 1,
        currency: "USD",
        explanation: "bench",
      });
    }
  }
  events += rows.length;
  await db.chatSession.createMany({ data: sessions });
  await db.chatEvent.createMany({ data: rows });
  if (orders.length) {
    await db.order.createMany({ data: orders });
    await db.credit.createMany({ data: credits });
  }
}
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
const detail = await time(
  (request) => detailLoader({ request, params: { sessionId: `sess${String(400).padStart(8, "0")}` }, context: {} }),
  `/app/conversations/sess00000400`,
);
const replies = await replyLatencies(SHOP, Math.max(RUNS, 10));
const idle = await idleRequests(5_000);
await db.$disconnect();
rmSync(path.dirname(databaseUrl.slice("file:".length)), { recursive: true, force: true });

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
    detail_p95_ms: p(detail, 0.95),
    goal_p95_ms: 200,
    reply_p95_ms: p(replies, 0.95),
    reply_goal_p95_ms: 2000,
    idle_requests: idle,
    seed_s: Math.round(seedSeconds),
  }),
);
