/**
 * `npm run bench -- attribution-engine`: the pure engine alone, in memory. Re-attributes
 * 100,000 orders (each against its candidate sessions: line, cart, customer, email links,
 * competing sessions, refunds) and times single orders for p50/p99. The database-backed
 * `attribution` benchmark measures the webhook path around it.
 */
import { attributeOrder } from "../../app/attribution/engine";
import type { AttributionOrder, ChatTouchpoint, MicroConversionKind } from "../../app/attribution/types";

const ORDERS = Number(process.argv[2] ?? 100_000);
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20);
const KINDS: MicroConversionKind[] = ["add_to_cart", "fit_help", "recommendation_click", "email_capture"];

let seed = 42;
const random = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296;
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

function scenario(k: number): { order: AttributionOrder; candidates: ChatTouchpoint[] } {
  const createdAt = NOW - int(0, 60) * DAY;
  const sessions = int(1, 4);
  const candidates: ChatTouchpoint[] = [];
  for (let s = 0; s < sessions; s++) {
    candidates.push({
      sessionId: `bench-${k}-${s}`,
      arm: random() < 0.9 ? "treatment" : "holdout",
      visitorId: `visitor-${k}`,
      startedAt: createdAt - 40 * DAY,
      customerId: s % 2 ? `customer-${k}` : null,
      email: s === 2 ? `buyer${k}@example.com` : null,
      discountCodes: s === 3 ? [`CHAT${k}`] : [],
      microConversions: Array.from({ length: int(1, 4) }, () => ({
        kind: KINDS[int(0, 3)] as MicroConversionKind,
        at: createdAt - int(1, 35 * 24) * 3_600_000,
      })),
    });
  }
  const lines = Array.from({ length: int(1, 5) }, (_, i) => ({
    id: `${k}-${i}`,
    title: `Product ${i}`,
    quantity: 1,
    net: int(500, 20_000),
    chatSessionId: i === 0 && random() < 0.5 ? `bench-${k}-0` : null,
  }));
  const netRevenue = lines.reduce((total, line) => total + line.net, 0);
  const order: AttributionOrder = {
    id: `gid://shopify/Order/${k}`,
    createdAt,
    currency: "USD",
    presentmentCurrency: "USD",
    lines,
    cartLink: { sessionId: `bench-${k}-0`, arm: "treatment" },
    discountCodes: random() < 0.2 ? [`chat${k}`] : [],
    customerId: `customer-${k}`,
    email: `Buyer${k}@example.com`,
    cancelledAt: random() < 0.03 ? createdAt + DAY : null,
    refunds:
      random() < 0.1
        ? [
            {
              id: `r${k}`,
              createdAt: createdAt + DAY,
              lines: [{ lineId: `${k}-0`, quantity: 1, amount: 300 }],
              orderLevelAmount: 200,
            },
          ]
        : [],
    netRevenue,
  };
  return { order, candidates };
}

const cases = Array.from({ length: ORDERS }, (_, k) => scenario(k));

// Warm up the JIT, then re-attribute everything once, timed as a whole.
for (let i = 0; i < Math.min(ORDERS, 10_000); i++) attributeOrder(cases[i]!.order, cases[i]!.candidates);
let credits = 0;
const started = process.hrtime.bigint();
for (const { order, candidates } of cases) credits += attributeOrder(order, candidates).credits.length;
const reattributeS = Number(process.hrtime.bigint() - started) / 1e9;

// Single-order latency, every order timed on its own.
const latencies = new Float64Array(ORDERS);
for (let i = 0; i < ORDERS; i++) {
  const { order, candidates } = cases[i]!;
  const t0 = process.hrtime.bigint();
  attributeOrder(order, candidates);
  latencies[i] = Number(process.hrtime.bigint() - t0) / 1000;
}
latencies.sort();
const percentile = (p: number) => latencies[Math.min(ORDERS - 1, Math.floor(p * ORDERS))]!;

console.log(`re-attributed ${ORDERS} orders (${credits} credits) in ${reattributeS.toFixed(3)} s`);
console.log(
  JSON.stringify({
    orders: ORDERS,
    credits,
    reattribute_s: Number(reattributeS.toFixed(4)),
    p50_us: Number(percentile(0.5).toFixed(2)),
    p99_us: Number(percentile(0.99).toFixed(2)),
    max_us: Number(latencies[ORDERS - 1]!.toFixed(2)),
  }),
);
