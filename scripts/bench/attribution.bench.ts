/**
 * `npm run bench -- attribution [sessions]`: with 1,000,000 chat sessions and 5,000,000 events
 * stored, the time per order webhook (the signed request through the real route, then
 * its job: store the order, load candidates, run the engine, replace credits; answer_* is the
 * route alone, what Shopify waits for), and the seconds to re-attribute 100,000 stored orders.
 * 2,000 webhooks are timed (after 50 to warm up): a p99 drawn from fewer swings by a millisecond
 * from run to run on a shared 2-core machine. SQLite by default; with DATABASE_URL=postgresql://…
 * a fresh database on that server (bench-database.ts), seeded through unnest() INSERTs.
 * Last line: {"p50_ms","p99_ms","reattribute_s",…}.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createHmac, randomUUID } from "node:crypto";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { migrateDatabase } from "../migrated-database";
import { benchDatabase, type BenchValue } from "./bench-database";

const SESSIONS = Number(process.argv[2] ?? 1_000_000);
const EVENTS_PER_SESSION = 5;
const WEBHOOK_ORDERS = Number(process.argv[4] ?? 2_000);
const REATTRIBUTE_ORDERS = Number(process.argv[3] ?? 100_000);
const SHOP = "bench-attribution.myshopify.com";
/** Bump when seed() changes, so a cached seed of the old shape is not reused. */
const SEED_VERSION = 1;
const database = await benchDatabase("bench-attribution");
// The seed cache is a copy of the SQLite file; PostgreSQL seeds every run.
const cachedSeed =
  process.env.BENCH_SEED_CACHE && database.provider === "sqlite"
    ? path.join(process.env.BENCH_SEED_CACHE, `attribution-seed-${SESSIONS}-${SEED_VERSION}.sqlite`)
    : null;

function seedTime(): number | null {
  if (!cachedSeed || !existsSync(cachedSeed) || !existsSync(`${cachedSeed}.json`)) return null;
  return (JSON.parse(readFileSync(`${cachedSeed}.json`, "utf8")) as { now: number }).now;
}

/** A reused seed keeps the time it was seeded at: orders are placed relative to its sessions. */
const NOW = seedTime() ?? Date.now();
const DAY = 86_400_000;

const databaseUrl = database.url;
Object.assign(process.env, {
  DATABASE_URL: databaseUrl,
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_API_SECRET: API_SECRET_KEY,
  SHOPIFY_APP_URL: APP_URL,
  SCOPES: "read_orders",
});

const at = (ms: number) => new Date(ms);
const sessionId = (n: number) => `sess_${n.toString(36).padStart(8, "0")}`;
/** Sessions spread over the last 60 days, newest last; every fifth one logged in, every tenth gave an email. */
const startedAt = (n: number) => NOW - 60 * DAY + Math.floor((n / SESSIONS) * 60 * DAY);
const customerOf = (n: number) => (n % 5 === 0 ? `gid://shopify/Customer/${n}` : null);
const emailOf = (n: number) => (n % 10 === 3 ? `shopper${n}@example.com` : null);
const codeOf = (n: number) => (n % 20 === 7 ? `CHAT${n}` : null);

async function seed() {
  const insert = (table: string, columns: string[], rows: BenchValue[][]) => database.insertRows(table, columns, rows);
  const started = performance.now();
  await insert(
    "Shop",
    ["domain", "installedAt", "updatedAt", "currency"],
    [[SHOP, at(NOW - 90 * DAY), at(NOW), "USD"]],
  );
  const CHUNK = 20_000;
  for (let base = 0; base < SESSIONS; base += CHUNK) {
    const sessions: BenchValue[][] = [];
    const events: BenchValue[][] = [];
    const micros: BenchValue[][] = [];
    for (let n = base; n < Math.min(SESSIONS, base + CHUNK); n += 1) {
      const t = startedAt(n);
      const id = sessionId(n);
      const code = codeOf(n);
      const email = emailOf(n);
      sessions.push([
        SHOP,
        id,
        `visitor_${n.toString(36).padStart(8, "0")}`,
        n % 10 === 0 ? "holdout" : "treatment",
        at(t),
        at(t + 10 * 60_000),
        "/products/linen-shirt",
        "product",
        customerOf(n),
        email,
        email ? at(t + 5 * 60_000) : null,
        EVENTS_PER_SESSION,
        1,
        at(t + 5 * 60_000),
        at(t + 5 * 60_000),
        at(NOW),
      ]);
      const types = ["session_started", "prompt_shown", "chat_opened", "step_viewed", "micro_conversion"];
      for (let k = 0; k < EVENTS_PER_SESSION; k += 1) {
        const type = types[k % types.length] as string;
        events.push([
          SHOP,
          randomUUID(),
          id,
          type,
          type === "micro_conversion" ? (code ? "coupon_applied" : "add_to_cart") : null,
          at(t + k * 60_000 + 60_000),
          at(t + k * 60_000 + 61_000),
        ]);
      }
      micros.push([
        SHOP,
        randomUUID(),
        id,
        code ? "coupon_applied" : "add_to_cart",
        at(t + 5 * 60_000),
        "gid://shopify/Product/1",
        code,
        email,
      ]);
    }
    await insert(
      "ChatSession",
      [
        "shopDomain",
        "id",
        "visitorId",
        "arm",
        "startedAt",
        "lastSeenAt",
        "landingPath",
        "pageType",
        "customerId",
        "email",
        "emailConsentAt",
        "eventCount",
        "microConversionCount",
        "firstMicroAt",
        "lastMicroAt",
        "updatedAt",
      ],
      sessions,
    );
    await insert(
      "ChatEvent",
      ["shopDomain", "id", "sessionId", "type", "microKind", "occurredAt", "receivedAt"],
      events,
    );
    await insert(
      "MicroConversion",
      ["shopDomain", "id", "sessionId", "kind", "at", "productId", "discountCode", "email"],
      micros,
    );
  }
  return (performance.now() - started) / 1000;
}

/** How order n ties to chat: cart attribute, a chat line, the customer, the email, a code, or nothing. */
function linkFor(n: number, placedAt: number) {
  // A session from the day before the order, of the kind the rule needs.
  const recent = Math.floor(((placedAt - DAY - (NOW - 60 * DAY)) / (60 * DAY)) * SESSIONS);
  const pick = (step: number, offset: number) =>
    Math.max(0, Math.min(SESSIONS - 1, recent - (recent % step) + offset - step * (n % 7)));
  switch (n % 6) {
    case 0:
      return { cart: sessionId(pick(1, 0)) };
    case 1:
      return { cart: sessionId(pick(1, 0)), line: sessionId(pick(1, 0)) };
    case 2:
      return { customer: customerOf(pick(5, 0)) };
    case 3:
      return { email: emailOf(pick(10, 3)) };
    case 4:
      return { code: codeOf(pick(20, 7)) };
    default:
      return {};
  }
}

function orderPayload(n: number, placedAt: number) {
  const link = linkFor(n, placedAt);
  const id = 9_000_000_000 + n;
  const usd = (amount: string) => ({
    shop_money: { amount, currency_code: "USD" },
    presentment_money: { amount, currency_code: "USD" },
  });
  const line = (k: number, sessionProperty?: string) => ({
    id: id * 10 + k,
    admin_graphql_api_id: `gid://shopify/LineItem/${id * 10 + k}`,
    title: k ? "Belt" : "Linen shirt",
    product_id: 1,
    variant_id: 2 + k,
    quantity: 1,
    price_set: usd(k ? "20.00" : "40.00"),
    properties: sessionProperty ? [{ name: "_chatlift", value: sessionProperty }] : [],
    discount_allocations: [],
  });
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#B${n}`,
    created_at: new Date(placedAt).toISOString(),
    updated_at: new Date(placedAt).toISOString(),
    cancelled_at: null,
    email: link.email ?? `guest${n}@example.com`,
    customer: link.customer
      ? { id: Number(link.customer.split("/").pop()), admin_graphql_api_id: link.customer }
      : null,
    total_price_set: usd("65.00"),
    subtotal_price_set: usd("60.00"),
    note_attributes: link.cart ? [{ name: "__chatlift", value: `${link.cart}.t` }] : [],
    discount_codes: link.code ? [{ code: link.code }] : [],
    line_items: [line(0, link.line), line(1)],
  };
}

function signedOrderRequest(payload: unknown): Request {
  const body = JSON.stringify(payload);
  return new Request(`${APP_URL}/webhooks/orders/create`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": "orders/create",
      "X-Shopify-Hmac-Sha256": createHmac("sha256", API_SECRET_KEY).update(body).digest("base64"),
      "X-Shopify-Shop-Domain": SHOP,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": randomUUID(),
    },
    body,
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/**
 * BENCH_SEED_CACHE=dir keeps a copy of the seeded database there and starts later runs from it
 * (migrated again, so schema changes since apply): seeding takes minutes, the measures do not.
 */
async function seedOrReuse(): Promise<string> {
  const cached = cachedSeed;
  const file = databaseUrl.slice("file:".length);
  if (cached && seedTime() !== null) {
    copyFileSync(cached, file);
    // Migrations since the seed was kept are applied once, then kept with it (a table rebuild
    // of millions of rows would otherwise open every run).
    if (!/No pending migrations/.test(migrateDatabase(databaseUrl))) copyFileSync(file, cached);
    return `reused ${cached}`;
  }
  const seconds = await seed();
  if (cached) {
    mkdirSync(path.dirname(cached), { recursive: true });
    copyFileSync(file, cached);
    writeFileSync(`${cached}.json`, JSON.stringify({ now: NOW }));
  }
  return `seeded in ${seconds.toFixed(1)} s`;
}

const seeded = await seedOrReuse();
await database.close();
console.log(`${SESSIONS} sessions, ${SESSIONS * EVENTS_PER_SESSION} events, ${SESSIONS} micro-conversions: ${seeded}`);

const { default: prisma } = await import("../../app/db.server");
const { action } = await import("../../app/routes/webhooks.orders.create");
const { registerAppJobs } = await import("../../app/jobs.server");
const { runDueJobs } = await import("../../app/platform/jobs/runner.server");
const { attributeStoredOrders } = await import("../../app/attribution/attribute-order.server");
registerAppJobs();
// Installed, as a shop sending order webhooks is: its offline session is what the route loads.
const { sessionStorage } = await import("../../app/shopify.server");
const { Session } = await import("@shopify/shopify-api");
await sessionStorage().storeSession(
  new Session({
    id: `offline_${SHOP}`,
    shop: SHOP,
    state: "installed",
    isOnline: false,
    scope: "read_orders",
    accessToken: "shpat_bench",
  }),
);
const originalInfo = console.info;
console.info = () => undefined; // the library logs every webhook
// Jobs an installed shop queues on start (the daily sweeps, the first knowledge sync) run before the
// clock starts, so each timed runDueJobs() below runs exactly its order's job.
for (let drained = await runDueJobs(); drained > 0; drained = await runDueJobs());

// Per order webhook: the route (signature, record, enqueue) then its job, as the runner does it.
const latencies: number[] = [];
const routeLatencies: number[] = [];
const jobLatencies: number[] = [];
for (let n = 0; n < WEBHOOK_ORDERS + 50; n += 1) {
  const request = signedOrderRequest(orderPayload(n, NOW - 60 * 60_000 - n * 1000));
  const started = performance.now();
  const response = await action({ request });
  const answered = performance.now();
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  if ((await runDueJobs()) !== 1) throw new Error("the order's job did not run");
  if (n >= 50) {
    // the first 50 warm up
    latencies.push(performance.now() - started);
    routeLatencies.push(answered - started);
    jobLatencies.push(performance.now() - answered);
  }
}
console.info = originalInfo;
const credited = await prisma.order.count({ where: { credits: { some: {} } } });

// Re-attribution: REATTRIBUTE_ORDERS orders, read by the webhook path's own parser, stored in bulk.
const { orderFromPayload, orderPayloadSchema } = await import("../../app/attribution/orders/order-payload");
const ids: string[] = [];
const orderColumns = [
  "id",
  "shopDomain",
  "name",
  "placedAt",
  "shopifyUpdatedAt",
  "currency",
  "presentmentCurrency",
  "totalMinor",
  "subtotalMinor",
  "netMinor",
  "customerId",
  "email",
  "chatliftAttribute",
  "chatSessionId",
  "arm",
  "discountCodes",
  "source",
  "createdAt",
  "updatedAt",
];
const lineColumns = [
  "id",
  "orderId",
  "title",
  "productId",
  "productVariantId",
  "quantity",
  "netMinor",
  "chatSessionId",
];
for (let base = WEBHOOK_ORDERS + 50; base < WEBHOOK_ORDERS + 50 + REATTRIBUTE_ORDERS; base += 1_000) {
  const orderRows: BenchValue[][] = [];
  const lineRows: BenchValue[][] = [];
  for (let n = base; n < Math.min(base + 1_000, WEBHOOK_ORDERS + 50 + REATTRIBUTE_ORDERS); n += 1) {
    const order = orderFromPayload(
      orderPayloadSchema.parse(orderPayload(n, NOW - 60 * 60_000 - (n % (25 * 24 * 60)) * 60_000)),
    );
    ids.push(order.id);
    orderRows.push([
      order.id,
      SHOP,
      order.name,
      at(order.placedAt.getTime()),
      at(order.shopifyUpdatedAt.getTime()),
      order.currency,
      order.presentmentCurrency,
      order.totalMinor,
      order.subtotalMinor,
      order.subtotalMinor,
      order.customerId,
      order.email,
      order.chatliftAttribute,
      order.chatSessionId,
      order.arm,
      JSON.stringify(order.discountCodes),
      "reconciliation",
      at(NOW),
      at(NOW),
    ]);
    for (const line of order.lines) {
      lineRows.push([
        line.id,
        order.id,
        line.title,
        line.productId,
        line.productVariantId,
        line.quantity,
        line.netMinor,
        line.chatSessionId,
      ]);
    }
  }
  await database.insertRows("Order", orderColumns, orderRows);
  await database.insertRows("OrderLine", lineColumns, lineRows);
}
await database.close();
const reattributeStarted = performance.now();
const reattributeCpu = process.cpuUsage();
const outcome = await attributeStoredOrders(ids);
const reattributeS = (performance.now() - reattributeStarted) / 1000;
const reattributeCpuUsed = process.cpuUsage(reattributeCpu);

await prisma.$disconnect();

const sorted = [...latencies].sort((a, b) => a - b);
const routeSorted = [...routeLatencies].sort((a, b) => a - b);
const jobSorted = [...jobLatencies].sort((a, b) => a - b);
console.log(
  `webhooks: ${WEBHOOK_ORDERS} orders, ${credited} credited; re-attribution: ${outcome.orders} orders, ${outcome.credits} credits`,
);
console.log(
  JSON.stringify({
    p50_ms: round(percentile(sorted, 50)),
    p99_ms: round(percentile(sorted, 99)),
    reattribute_s: round(reattributeS, 1),
    // This process's CPU during the re-attribution: steadier than wall time on a shared machine.
    reattribute_cpu_s: round((reattributeCpuUsed.user + reattributeCpuUsed.system) / 1e6, 1),
    answer_p50_ms: round(percentile(routeSorted, 50)),
    answer_p99_ms: round(percentile(routeSorted, 99)),
    // The job alone (claim to done): what the order's own processing costs, without the route.
    job_p50_ms: round(percentile(jobSorted, 50)),
    job_p99_ms: round(percentile(jobSorted, 99)),
    sessions: SESSIONS,
    events: SESSIONS * EVENTS_PER_SESSION,
    reattributed_orders: outcome.orders,
    credits_written: outcome.credits,
    database: database.provider,
  }),
);
